"""Supervision pages: the 督办 ladder by persona, the leaders' dashboard's links, ledger, bulletins, assessment."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as Docx
from openpyxl import load_workbook

from luoshi_web.registry import clock
from luoshi_web.registry.models import AuditLog, Task
from luoshi_web.supervision import notices
from luoshi_web.supervision.models import Bulletin, BulletinState, Notice, NoticeState, NoticeStep
from web.conftest import World

pytestmark = pytest.mark.django_db
LATE = date(2017, 1, 16)  # task_a (2016年底前) is overdue; task_b has no deadline


@pytest.fixture(autouse=True)
def frozen(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: LATE)


def _issue_form(world: World, **over):  # type: ignore[no-untyped-def]
    data = {
        "level": "1",
        "unit": str(world.unit_a.pk),
        "rectify_due": "2017-01-26",
        "reason": "逾期未完成",
        "requirement": "书面报告整改措施",
    }
    return {**data, **over}


def _notice(world: World) -> Notice:
    return notices.issue(
        world.actor("supervisor"),
        world.task_a,
        reason="逾期未完成",
        requirement="书面报告整改措施",
        rectify_due=date(2017, 1, 26),
        today=LATE,
    )


def test_the_supervisor_issues_a_notice_from_an_overdue_task(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    page = client.get(reverse("office:task", args=[world.task_a.pk])).content.decode()
    assert reverse("office:notice_issue", args=[world.task_a.pk]) in page
    response = client.post(reverse("office:notice_issue", args=[world.task_a.pk]), _issue_form(world))
    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("office:notice", args=[notice.pk])
    assert (notice.level, notice.unit_id, notice.rectify_due, notice.state) == (
        1,
        world.unit_a.pk,
        date(2017, 1, 26),
        NoticeState.OPEN,
    )
    assert AuditLog.objects.filter(action="notice.issue").exists()
    page = client.get(reverse("office:task", args=[world.task_a.pk])).content.decode()
    assert notice.number in page  # the ladder on the task page


def test_bad_issue_input_is_a_form_error_and_writes_nothing(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    url = reverse("office:notice_issue", args=[world.task_a.pk])
    past = client.post(url, _issue_form(world, rectify_due="2017-01-01"))
    assert past.status_code == 422 and "整改期限不能早于今天" in past.content.decode()
    empty = client.post(url, _issue_form(world, reason=""))
    assert empty.status_code == 422
    other_unit = client.post(url, _issue_form(world, unit=str(world.unit_b.pk)))
    assert other_unit.status_code == 422  # unit B is not on task_a: not a choice
    # task_b has no deadline: not overdue, so it needs the flag
    url_b = reverse("office:notice_issue", args=[world.task_b.pk])
    unflagged = client.post(url_b, _issue_form(world, unit=str(world.unit_b.pk)))
    assert unflagged.status_code == 422 and "flagged" in unflagged.content.decode()
    assert Notice.objects.count() == 0
    flagged = client.post(url_b, _issue_form(world, unit=str(world.unit_b.pk), flagged="on"))
    assert flagged.status_code == 302 and Notice.objects.count() == 1


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "reporter_b", "expert"])
def test_only_the_office_issues(world: World, browse, persona) -> None:  # type: ignore[no-untyped-def]
    client = browse(persona)
    url = reverse("office:notice_issue", args=[world.task_a.pk])
    # reporter B cannot see task_a (unit A's): 404; the others see it (the expert reviews it) but may not write: 403
    expected = 404 if persona == "reporter_b" else 403
    assert client.post(url, _issue_form(world)).status_code == expected
    assert Notice.objects.count() == 0


def test_anonymous_is_sent_to_login(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    notice = _notice(world)
    client = browse("anonymous")
    for url in (
        reverse("office:notices"),
        reverse("office:notice", args=[notice.pk]),
        reverse("office:notice_document", args=[notice.pk]),
        reverse("office:dashboard"),
        reverse("office:bulletins"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("office:login")), url
    assert client.post(reverse("office:notice_close", args=[notice.pk]), {"text": "x"}).status_code == 302
    notice.refresh_from_db()
    assert notice.state == NoticeState.OPEN


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supervisor", 200), ("leader", 200), ("reporter_a", 200), ("reporter_b", 404), ("expert", 404)],
)
def test_who_reads_a_notice(world: World, browse, persona, status) -> None:  # type: ignore[no-untyped-def]
    notice = _notice(world)
    client = browse(persona)
    assert client.get(reverse("office:notice", args=[notice.pk])).status_code == status
    assert client.get(reverse("office:notice_document", args=[notice.pk])).status_code == status
    listing = client.get(reverse("office:notices"))
    if persona == "expert":
        assert listing.status_code == 403
    else:
        assert (notice.number in listing.content.decode()) == (status == 200)


def test_the_ladder_issue_reply_escalate_close(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    notice = _notice(world)
    reporter = browse("reporter_a")
    page = reporter.get(reverse("office:notice", args=[notice.pk])).content.decode()
    assert reverse("office:notice_reply", args=[notice.pk]) in page
    evidence = SimpleUploadedFile("整改.txt", "已完成平台上线。".encode(), content_type="text/plain")
    response = reporter.post(
        reverse("office:notice_reply", args=[notice.pk]), {"text": "已整改", "evidence": [evidence]}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.state == NoticeState.REPLIED and notice.reply == "已整改"
    step = NoticeStep.objects.get(notice=notice, action="reply")
    item = step.evidence.get()
    assert reporter.get(reverse("office:notice_evidence", args=[item.pk])).status_code == 200
    assert browse("reporter_b").get(reverse("office:notice_evidence", args=[item.pk])).status_code == 404

    supervisor = browse("supervisor")
    no_reason = supervisor.post(reverse("office:notice_escalate", args=[notice.pk]), {"text": ""})
    assert no_reason.status_code == 422 and "须填写升级理由" in no_reason.content.decode()
    response = supervisor.post(reverse("office:notice_escalate", args=[notice.pk]), {"text": "整改不到位"})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.level == 2 and notice.state == NoticeState.OPEN and notice.number.startswith("督办")
    # both levels' 督办单 download; the first is the 提醒 one
    first = NoticeStep.objects.get(notice=notice, action="issue")
    old = supervisor.get(reverse("office:notice_document", args=[notice.pk]) + f"?step={first.pk}")
    text = "\n".join(p.text for p in Docx(io.BytesIO(b"".join(old.streaming_content))).paragraphs)
    assert first.number in text and notice.number not in text
    new = supervisor.get(reverse("office:notice_document", args=[notice.pk]))
    text = "\n".join(p.text for p in Docx(io.BytesIO(b"".join(new.streaming_content))).paragraphs)
    assert notice.number in text
    assert supervisor.get(reverse("office:notice_document", args=[notice.pk]) + "?step=x").status_code == 404

    assert supervisor.post(reverse("office:notice_close", args=[notice.pk]), {"text": "同意办结"}).status_code == 302
    notice.refresh_from_db()
    assert notice.state == NoticeState.CLOSED
    again = supervisor.post(reverse("office:notice_close", args=[notice.pk]), {"text": ""})
    assert again.status_code == 422 and "已办结" in again.content.decode()
    actions = list(NoticeStep.objects.filter(notice=notice).order_by("at", "id").values_list("action", flat=True))
    assert actions == ["issue", "reply", "escalate", "close"]


def test_replies_and_decisions_are_refused_to_the_wrong_personas(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    notice = _notice(world)
    url = reverse("office:notice_reply", args=[notice.pk])
    assert browse("reporter_b").post(url, {"text": "x"}).status_code == 404
    assert browse("expert").post(url, {"text": "x"}).status_code == 404
    assert browse("leader").post(url, {"text": "x"}).status_code == 403
    assert browse("supervisor").post(url, {"text": "x"}).status_code == 403
    for persona, code in (("leader", 403), ("reporter_a", 403), ("reporter_b", 404)):
        for name in ("office:notice_close", "office:notice_escalate"):
            assert browse(persona).post(reverse(name, args=[notice.pk]), {"text": "x"}).status_code == code
    empty = browse("reporter_a").post(url, {"text": "  "})
    assert empty.status_code == 422
    notice.refresh_from_db()
    assert (notice.state, notice.level) == (NoticeState.OPEN, 1)
    assert NoticeStep.objects.filter(notice=notice).count() == 1


def test_every_notice_form_needs_its_csrf_token(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    notice = _notice(world)
    strict = browse("supervisor", csrf=True)
    assert strict.post(reverse("office:notice_issue", args=[world.task_a.pk]), _issue_form(world)).status_code == 403
    assert strict.post(reverse("office:notice_escalate", args=[notice.pk]), {"text": "x"}).status_code == 403
    assert strict.post(reverse("office:notice_close", args=[notice.pk]), {"text": "x"}).status_code == 403
    assert (
        browse("reporter_a", csrf=True)
        .post(reverse("office:notice_reply", args=[notice.pk]), {"text": "x"})
        .status_code
        == 403
    )
    notice.refresh_from_db()
    assert (notice.state, notice.level, Notice.objects.count()) == (NoticeState.OPEN, 1, 1)
    page = strict.get(reverse("office:notice", args=[notice.pk])).content.decode()
    assert page.count("csrfmiddlewaretoken") >= 2  # language switch + decision form (and logout)


# --- dashboard ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"), [("supervisor", 200), ("leader", 200), ("reporter_a", 403), ("expert", 403)]
)
def test_who_opens_the_dashboard(world: World, browse, persona, status) -> None:  # type: ignore[no-untyped-def]
    assert browse(persona).get(reverse("office:dashboard")).status_code == status


def test_every_dashboard_link_opens_a_task_list_of_that_many_tasks(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    _notice(world)
    client = browse("leader")
    page = client.get(reverse("office:dashboard")).content.decode()
    assert "<svg" in page and "cdn" not in page.lower()
    # the KPI tiles: <a class="kpi" href="/tasks/?status=X" ...><div class="n">N</div>
    tiles = re.findall(r'<a class="kpi"[^>]*href="([^"]+)"[^>]*><div class="n">(\d+)</div>', page)
    assert len(tiles) == 6
    counts = {}
    for href, n in tiles:
        listing = client.get(href.replace("&amp;", "&")).content.decode()
        shown = len(re.findall(r'href="/tasks/\d+/"', listing))
        counts[href] = int(n)
        assert shown == int(n), href
    assert counts["/tasks/"] == Task.objects.filter(active=True).count()
    assert counts["/tasks/?status=overdue"] == 1  # task_a
    # the table cells by unit and document, each against the filtered list
    cells = re.findall(r'<td><a href="(/tasks/\?[^"]+)">(\d+)</a></td>', page)
    assert len(cells) >= 12
    for href, n in cells:
        listing = client.get(href.replace("&amp;", "&")).content.decode()
        assert len(re.findall(r'href="/tasks/\d+/"', listing)) == int(n), href
    assert "提醒 1" in page  # open notices by level


# --- ledger ---------------------------------------------------------------------------------


def test_the_ledger_exports_the_task_lists_filters(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    listing = client.get(reverse("office:tasks") + f"?unit={world.unit_b.pk}").content.decode()
    assert reverse("office:ledger_export") + f"?unit={world.unit_b.pk}" in listing
    response = client.get(reverse("office:ledger_export") + f"?unit={world.unit_b.pk}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    texts = {c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert world.task_b.text in texts and world.task_ab.text in texts and world.task_a.text not in texts
    bad = client.get(reverse("office:ledger_export") + "?status=nonsense")
    assert bad.status_code == 302


def _edited_ledger(client, world: World, deadline) -> bytes:  # type: ignore[no-untyped-def]
    response = client.get(reverse("office:ledger_export"))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    header_row = next(r for r in sheet.iter_rows() if any(c.value == "任务编号" for c in r))
    cols = {c.value: c.column for c in header_row}
    for row in sheet.iter_rows(min_row=header_row[0].row + 1):
        if row[cols["任务编号"] - 1].value == world.task_a.pk:
            sheet.cell(row=row[0].row, column=cols["完成时限"], value=deadline)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_ledger_import_shows_the_diff_then_applies(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    content = _edited_ledger(client, world, "2017-03-31")
    upload = SimpleUploadedFile("ledger.xlsx", content)
    preview = client.post(reverse("office:ledger_import"), {"file": upload})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert f"任务{world.task_a.pk}" in page and "2017-03-31" in page
    task = Task.objects.get(pk=world.task_a.pk)
    assert str(task.deadline) != "2017-03-31"  # dry run: nothing applied
    token = re.search(r"/ledger/import/([0-9a-f]+)/", page).group(1)
    assert browse("leader").post(reverse("office:ledger_apply", args=[token]), {"action": "apply"}).status_code == 403
    applied = client.post(reverse("office:ledger_apply", args=[token]), {"action": "apply"})
    assert applied.status_code == 302
    assert str(Task.objects.get(pk=world.task_a.pk).deadline) == "2017-03-31"
    assert AuditLog.objects.filter(action="ledger.import").exists()
    assert client.post(reverse("office:ledger_apply", args=[token]), {"action": "apply"}).status_code == 404


def test_an_uploaded_ledger_is_applied_only_from_the_session_that_checked_it(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    content = _edited_ledger(client, world, "2017-03-31")
    page = client.post(
        reverse("office:ledger_import"), {"file": SimpleUploadedFile("l.xlsx", content)}
    ).content.decode()
    token = re.search(r"/ledger/import/([0-9a-f]+)/", page).group(1)
    other = browse("supervisor")  # another session of the same office
    assert other.post(reverse("office:ledger_apply", args=[token]), {"action": "apply"}).status_code == 404
    assert client.post(reverse("office:ledger_apply", args=[token]), {"action": "discard"}).status_code == 302
    assert client.post(reverse("office:ledger_apply", args=[token]), {"action": "apply"}).status_code == 404
    assert str(Task.objects.get(pk=world.task_a.pk).deadline) != "2017-03-31"


def test_a_bad_ledger_names_row_and_column_and_changes_nothing(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    before = Task.objects.get(pk=world.task_a.pk).deadline
    content = _edited_ledger(client, world, "明年")
    response = client.post(reverse("office:ledger_import"), {"file": SimpleUploadedFile("ledger.xlsx", content)})
    assert response.status_code == 422
    assert re.search(r"第\d+行 [A-Z]+列（完成时限）", response.content.decode())
    assert Task.objects.get(pk=world.task_a.pk).deadline == before
    junk = client.post(reverse("office:ledger_import"), {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")})
    assert junk.status_code == 422
    assert browse("leader").post(reverse("office:ledger_import"), {}).status_code == 403


# --- bulletins and assessment ---------------------------------------------------------------


def test_bulletin_draft_edit_issue_download(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    bad = client.post(reverse("office:bulletins"), {"period": "2016Q9"})
    assert bad.status_code == 422 and Bulletin.objects.count() == 0
    assert browse("leader").post(reverse("office:bulletins"), {"period": "2016Q4"}).status_code == 403
    response = client.post(reverse("office:bulletins"), {"period": "2016Q4"})
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302 and bulletin.state == BulletinState.DRAFT
    page = client.get(reverse("office:bulletin", args=[bulletin.pk])).content.decode()
    unit_rows = re.findall(
        r"<tr><td>\d+</td><td>([^<]+)</td><td>(\d+)</td>", page.split("bulletin-unit")[1].split("</table>")[0]
    )
    assert unit_rows and all(int(n) == bulletin.data["by_unit"][i]["total"] for i, (_u, n) in enumerate(unit_rows))
    assert [u for u, _n in unit_rows] == [r["unit"] for r in bulletin.data["by_unit"]]
    # a draft is not for reporters
    assert browse("reporter_a").get(reverse("office:bulletin", args=[bulletin.pk])).status_code == 404
    url = reverse("office:bulletin", args=[bulletin.pk])
    assert client.post(url, {"action": "save", "title": "第四季度通报", "body": "正文"}).status_code == 302
    assert client.post(url, {"action": "issue", "title": "x", "body": "y"}).status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.state == BulletinState.ISSUED and bulletin.title == "第四季度通报" and bulletin.number
    again = client.post(url, {"action": "save", "title": "改", "body": ""})
    assert again.status_code == 422
    download = browse("reporter_a").get(reverse("office:bulletin_download", args=[bulletin.pk]))
    assert download.status_code == 200
    doc = Docx(io.BytesIO(b"".join(download.streaming_content)))
    assert any(bulletin.number in p.text for p in doc.paragraphs)


def test_assessment_view_close_download(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    assert client.get(reverse("office:assessment")).status_code == 302
    page = client.get(reverse("office:assessment_year", args=[2016]))
    assert page.status_code == 200
    assert browse("reporter_a").get(reverse("office:assessment_year", args=[2016])).status_code == 403
    assert browse("leader").post(reverse("office:assessment_close", args=[2016]), {"confirm": "yes"}).status_code == 403
    unconfirmed = client.post(reverse("office:assessment_close", args=[2016]), {})
    assert unconfirmed.status_code == 302
    from luoshi_web.supervision import assessment

    assert assessment.scheme_for(2016).closed_at is None
    assert client.post(reverse("office:assessment_close", args=[2016]), {"confirm": "yes"}).status_code == 302
    assert assessment.scheme_for(2016).closed_at is not None
    for kind in ("xlsx", "docx"):
        response = client.get(reverse("office:assessment_download", args=[2016, kind]))
        assert response.status_code == 200 and len(b"".join(response.streaming_content)) > 1000
    assert client.get(reverse("office:assessment_download", args=[2016, "pdf"])).status_code == 404


# --- demo -----------------------------------------------------------------------------------


def test_the_demo_command_leaves_notices_a_bulletin_and_a_closed_assessment(db) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from luoshi_web.supervision.models import AssessmentScheme

    call_command("demo", "--no-serve", stdout=io.StringIO())
    open_levels = sorted(Notice.objects.exclude(state=NoticeState.CLOSED).values_list("level", flat=True))
    assert open_levels == [1, 2]
    assert Bulletin.objects.filter(state=BulletinState.ISSUED).count() == 1
    assert AssessmentScheme.objects.get(year=2016).closed_at is not None


def test_the_pages_read_in_english(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings

    notice = _notice(world)
    client = browse("supervisor")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "<h1>Leaders' dashboard" in client.get(reverse("office:dashboard")).content.decode()
    assert "Close or escalate" in client.get(reverse("office:notice", args=[notice.pk])).content.decode()


def test_the_dashboard_charts_the_largest_units_and_says_how_many_more(world: World, browse, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from luoshi_web.office import views_supervision

    monkeypatch.setattr(views_supervision, "CHART_ROWS", 1)
    page = browse("supervisor").get(reverse("office:dashboard")).content.decode()
    # unit A is on task_a, task_ab and task_public (3), unit B on task_b and task_ab (2)
    assert "另有 1 个见任务清单" in page
    units_table = page.split("<h2>按责任单位</h2>")[1].split("</section>")[0]
    assert "省发展改革委" in units_table and "省财政厅" not in units_table


# --- inbox ----------------------------------------------------------------------------------


def test_the_inbox_read_and_unread(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    from luoshi_web.supervision import inbox
    from luoshi_web.supervision.models import Message

    notice = _notice(world)
    inbox.notify([world.users["reporter_a"]], key="t:1", subject="请回复督办", link=f"/notices/{notice.pk}/")
    inbox.notify([world.users["reporter_a"]], key="t:2", subject="填报提醒", link="")
    first, second = Message.objects.order_by("id")
    reporter = browse("reporter_a")
    page = reporter.get(reverse("office:inbox")).content.decode()
    assert "请回复督办" in page and "2 条未读" in page
    assert '<span class="badge">2</span>' in page  # the top bar's count
    # another person's message is 404 and stays unread
    assert browse("reporter_b").post(reverse("office:inbox_read", args=[first.pk])).status_code == 404
    assert browse("reporter_b").get(reverse("office:inbox")).content.decode().count("请回复督办") == 0
    opened = reporter.post(reverse("office:inbox_read", args=[first.pk]), {"open": "1"})
    assert opened.status_code == 302 and opened["Location"] == f"/notices/{notice.pk}/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert reporter.post(reverse("office:inbox_read", args=[first.pk]), {"read": "0"}).status_code == 302
    first.refresh_from_db()
    assert first.read_at is None
    assert reporter.post(reverse("office:inbox_read_all")).status_code == 302
    assert inbox.unread_count(world.users["reporter_a"]) == 0
    second.refresh_from_db()
    assert second.read_at is not None
    strict = browse("reporter_a", csrf=True)
    assert strict.post(reverse("office:inbox_read", args=[first.pk]), {"read": "0"}).status_code == 403
    assert browse("anonymous").get(reverse("office:inbox")).status_code == 302
