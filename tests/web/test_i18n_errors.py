"""Error messages people read are Chinese by default and English on request; codes never change.

The API follows the request (LocaleMiddleware, ``Accept-Language``); the CLI speaks the
default language (zh-Hans). The expected texts are written out here by hand: they are
what a person should read, not whatever the code happens to produce. The last tests
guard the English catalogue itself: nothing left untranslated or fuzzy, placeholders
kept, and the committed ``django.mo`` compiled from the current ``django.po``.
"""

from __future__ import annotations

import gettext
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from luoshi_web.registry.models import Document

from .conftest import D1, World, contract, post_json

LOCALE = Path(__file__).resolve().parents[2] / "src" / "luoshi_web" / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts and ends with no language activated, i.e. the default (zh-Hans)."""
    translation.deactivate()
    yield
    translation.deactivate()


def _error(response, status: int, code: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    return body["error"]["message"]


# --- API ---------------------------------------------------------------------------------


def test_missing_task_is_named_in_chinese_and_in_english(world: World) -> None:
    client = world.client("supervisor")
    assert _error(client.get("/api/v1/tasks/999999"), 404, "not_found") == "任务 999999 不存在"
    english = client.get("/api/v1/tasks/999999", HTTP_ACCEPT_LANGUAGE="en")
    assert _error(english, 404, "not_found") == "Task 999999 not found"


def test_bad_status_filter_names_the_value_and_the_allowed_ones(world: World) -> None:
    client = world.client("supervisor")
    zh = _error(client.get("/api/v1/tasks?status=bogus"), 422, "invalid")
    assert zh.startswith("status（状态）“bogus”无效，应为以下之一：") and "overdue" in zh
    en = _error(client.get("/api/v1/tasks?status=bogus", HTTP_ACCEPT_LANGUAGE="en"), 422, "invalid")
    assert en.startswith("status 'bogus' is not valid; it must be one of: ") and "overdue" in en


def test_unparsable_query_value_names_the_field(world: World) -> None:
    client = world.client("supervisor")
    zh = _error(client.get("/api/v1/tasks?deadline_from=notadate"), 422, "invalid")
    assert "deadline_from：应为日期（YYYY-MM-DD）" in zh
    en = _error(client.get("/api/v1/tasks?deadline_from=notadate", HTTP_ACCEPT_LANGUAGE="en"), 422, "invalid")
    assert "deadline_from: must be a date (YYYY-MM-DD)" in en


def test_body_limit_is_stated_with_its_bound(world: World) -> None:
    expert = world.client("expert")
    url = f"/api/v1/tasks/{world.task_a.pk}/evaluations"
    zh = _error(post_json(expert, url, {"score": 9, "opinion": "好"}), 422, "invalid")
    assert "score：应不大于 5" in zh
    en = expert.post(
        url, data=json.dumps({"score": 9, "opinion": "好"}), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "score: must be less than or equal to 5" in _error(en, 422, "invalid")


def test_unsupported_method_and_unknown_path_answer_in_the_error_shape(world: World) -> None:
    client = world.client("supervisor")
    response = client.delete("/api/v1/tasks")
    assert _error(response, 405, "method_not_allowed") == "此地址不支持该请求方法"
    assert "GET" in response["Allow"]
    english = client.delete("/api/v1/tasks", HTTP_ACCEPT_LANGUAGE="en")
    assert _error(english, 405, "method_not_allowed") == "this method is not allowed on this URL"
    assert _error(client.get("/api/v2/nothing"), 404, "not_found") == "没有这个 API 端点：/api/v2/nothing"


def test_anonymous_write_and_bad_token_are_401(world: World) -> None:
    anonymous = Client()
    write = post_json(anonymous, "/api/v1/tokens", {"name": "x"})
    assert _error(write, 401, "unauthorized") == "需要登录或提供 API 令牌"
    en = anonymous.post("/api/v1/tokens", data="{}", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert _error(en, 401, "unauthorized") == "authentication required (log in or send an API token)"
    revoked = Client(HTTP_AUTHORIZATION="Bearer nope")
    assert _error(revoked.get("/api/v1/tasks"), 401, "unauthorized") == "令牌无效或已被吊销"
    assert _error(revoked.get("/api/v1/tasks", HTTP_ACCEPT_LANGUAGE="en"), 401, "unauthorized") == (
        "invalid or revoked token"
    )


def test_read_only_role_gets_403_saying_who_may(world: World) -> None:
    leader = world.client("leader")
    url = f"/api/v1/documents/{world.d1.pk}"
    zh = _error(post_json(leader, url, {"published": True}, "patch"), 403, "forbidden")
    assert zh == "只有督查室（或管理员）可以执行此操作"
    en = leader.patch(
        url, data=json.dumps({"published": True}), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert _error(en, 403, "forbidden") == "only the supervision office (or an administrator) may do this"


def test_report_state_conflict_names_the_state_in_each_language(world: World) -> None:
    reporter = world.client("reporter_a")
    created = post_json(
        reporter, "/api/v1/reports", {"task_id": world.task_a.pk, "cycle_id": world.cycle.pk, "progress": "已启动"}
    )
    assert created.status_code == 201, created.content
    report_id = created.json()["id"]
    assert post_json(reporter, f"/api/v1/reports/{report_id}/submit").status_code == 200
    again = post_json(reporter, f"/api/v1/reports/{report_id}/submit")
    assert _error(again, 409, "conflict") == "已报送的报告不能报送"
    en = reporter.post(f"/api/v1/reports/{report_id}/submit", HTTP_ACCEPT_LANGUAGE="en")
    assert _error(en, 409, "conflict") == "a report in state 'Submitted' cannot be submitted"


def test_pipeline_error_on_upload_keeps_its_code_and_reads_in_chinese(world: World) -> None:
    client = world.client("supervisor")
    empty = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")
    assert _error(client.post("/api/v1/import", {"file": empty}), 400, "E003") == "文件为空"
    empty = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")
    assert _error(client.post("/api/v1/import", {"file": empty}, HTTP_ACCEPT_LANGUAGE="en"), 400, "E003") == (
        "file is empty"
    )


# --- CLI ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_cli_import_of_a_missing_file_is_reported_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(missing))
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip() == f"luoshi: {missing}：文件不存在 [E001]"
    with translation.override("en"), pytest.raises(SystemExit):
        call_command("import", str(missing))
    assert capsys.readouterr().err.strip() == f"luoshi: {missing}: file not found [E001]"


@pytest.mark.django_db
def test_cli_import_summary_counts_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d1.json"
    path.write_text(json.dumps(contract(D1), ensure_ascii=False), encoding="utf-8")
    call_command("import", str(path))
    assert capsys.readouterr().out.strip() == f"{path}：新增 1 个文件、3 项任务、1 个指标、1 个引用文件"
    call_command("import", str(path))
    assert capsys.readouterr().out.strip() == f"{path}：未变 1 个文件、3 项任务、1 个指标、1 个引用文件"
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_cli_bad_contract_names_the_field_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"schema": "luoshi.parse/1", "documents": [{"title": 3}]}), encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("import", str(path))
    expected = f"luoshi: {path}：documents[0].title：应为字符串或 null [invalid_contract]"
    assert capsys.readouterr().err.strip() == expected


# --- the catalogue -----------------------------------------------------------------------


def _po_entries(path: Path) -> list[dict[str, object]]:
    """The .po's entries (header and obsolete ``#~`` entries left out): ids, strings, flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        fields: dict[str, list[str]] = {}
        flags: list[str] = []
        key = None
        for line in lines:
            if line.startswith("#,"):
                flags += [f.strip() for f in line[2:].split(",")]
            elif line.startswith('"') and key is not None:
                fields[key].append(json.loads(line))
            elif not line.startswith("#") and " " in line:
                key, value = line.split(" ", 1)
                fields[key] = [json.loads(value)]
        if "msgid" in fields and "".join(fields["msgid"]):
            joined = {k: "".join(v) for k, v in fields.items()}
            entries.append({"msgid": joined["msgid"], "fields": joined, "flags": flags})
    return entries


ENTRIES = _po_entries(LOCALE / "django.po")


def test_the_po_has_entries() -> None:
    assert len(ENTRIES) > 150  # models, statuses, home page and every error message


def test_every_msgid_has_an_english_translation() -> None:
    untranslated = [
        e["msgid"]
        for e in ENTRIES
        if "fuzzy" in e["flags"]  # type: ignore[operator]
        or any(not v.strip() for k, v in e["fields"].items() if k.startswith("msgstr"))  # type: ignore[union-attr]
    ]
    assert untranslated == []


def test_translations_keep_the_placeholders() -> None:
    for entry in ENTRIES:
        fields: dict[str, str] = entry["fields"]  # type: ignore[assignment]
        wanted = set(PLACEHOLDER.findall(str(entry["msgid"])))
        for key, value in fields.items():
            if key.startswith("msgstr"):
                assert set(PLACEHOLDER.findall(value)) == wanted, entry["msgid"]


def test_committed_mo_is_compiled_from_the_po() -> None:
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in ENTRIES:
        fields: dict[str, str] = entry["fields"]  # type: ignore[assignment]
        if "msgid_plural" in fields:
            assert compiled.ngettext(fields["msgid"], fields["msgid_plural"], 1) == fields["msgstr[0]"]
            assert compiled.ngettext(fields["msgid"], fields["msgid_plural"], 2) == fields["msgstr[1]"]
        elif "msgctxt" in fields:  # the same Chinese word translated by its context (a token's 已撤销)
            assert compiled.pgettext(fields["msgctxt"], fields["msgid"]) == fields["msgstr"], fields["msgid"]
        else:
            assert compiled.gettext(fields["msgid"]) == fields["msgstr"], fields["msgid"]
