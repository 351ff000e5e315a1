"""The import service: idempotency, all-or-nothing, revisions with diffs, unit resolution."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from luoshi_web.registry import cycles
from luoshi_web.registry.errors import ContractError
from luoshi_web.registry.importer import import_contract
from luoshi_web.registry.models import (
    Document,
    DocumentRevision,
    Reference,
    Report,
    Target,
    Task,
    TaskUnit,
    UnresolvedUnitName,
)

from .conftest import D1, GOLD, UNIT_A, UNIT_B, World, contract, document, target, task

pytestmark = pytest.mark.django_db


def _row_counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Document, DocumentRevision, Task, TaskUnit, Target, Reference, UnresolvedUnitName)
    )


def test_gold_import_counts_and_idempotency(gold_seed: dict) -> None:
    first = import_contract(gold_seed, file_sha256="a" * 64, source_name="seed.txt").as_dict()
    expected_tasks = sum(len(d["tasks"]) for d in gold_seed["documents"])
    expected_targets = sum(len(d["targets"]) for d in gold_seed["documents"])
    assert first["created"] == {
        "documents": len(gold_seed["documents"]),
        "tasks": expected_tasks,
        "targets": expected_targets,
        "references": sum(len(d["references"]) for d in gold_seed["documents"]),
    }
    before = _row_counts()
    second = import_contract(gold_seed, file_sha256="a" * 64, source_name="seed.txt").as_dict()
    assert second["created"] == {"documents": 0, "tasks": 0, "targets": 0, "references": 0}
    assert second["updated"] == {"documents": 0, "tasks": 0, "targets": 0, "references": 0}
    assert second["unchanged"]["documents"] == len(gold_seed["documents"])
    assert second["unchanged"]["tasks"] == expected_tasks
    assert _row_counts() == before


def test_spans_do_not_make_a_new_revision() -> None:
    moved = copy.deepcopy(D1)
    import_contract(contract(moved), file_sha256="1" * 64)
    for i, t in enumerate(moved["tasks"]):
        t["span"] = {"start": 100 + i, "end": 120 + i, "line_start": 5 + i, "line_end": 6 + i}
    result = import_contract(contract(moved), file_sha256="2" * 64).as_dict()
    assert result["unchanged"]["documents"] == 1 and DocumentRevision.objects.count() == 1


def test_a_bad_document_rolls_back_the_whole_file() -> None:
    broken = document("川办发〔2016〕99号", "坏文件", targets=[target("覆盖率", 50, deadline="2016-13-45")])
    with pytest.raises(ContractError, match=r"documents\[1\]\.targets\[0\]\.deadline"):
        import_contract(contract(D1, broken), file_sha256="3" * 64)
    assert _row_counts() == (0,) * 7


@pytest.mark.parametrize(
    "bad,message",
    [
        ({"schema": "other/1", "documents": []}, "schema"),
        ({"schema": "luoshi.parse/1", "documents": {}}, "documents：应为列表"),
        ({"schema": "luoshi.parse/1", "documents": [{"doc_number": None, "title": 3}]}, "title"),
        (contract(document("X〔2016〕1号", "t", tasks=[{"path": "一", "text": "x"}])), r"tasks\[0\]\.path"),
        (contract(document("X〔2016〕1号", "t", targets=[target("a", 1, comparator="~")])), "comparator"),
    ],
)
def test_invalid_contracts_are_refused_with_a_location(bad: dict, message: str) -> None:
    with pytest.raises(ContractError, match=message):
        import_contract(bad, file_sha256="4" * 64)
    assert Document.objects.count() == 0


def test_revision_diff_keeps_report_history(world: World) -> None:
    report = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="已启动", percent=30)
    cycles.submit(world.actor("reporter_a"), report)

    revised = copy.deepcopy(D1)
    revised["tasks"][0]["text"] = "完善投资项目在线审批监管平台，2017年6月底前全面运行。"  # changed
    del revised["tasks"][1]  # dropped: 一/2
    revised["tasks"].append(task(["三", "1"], "建立容错纠错机制。", [UNIT_B]))  # added
    revised["targets"] = [target("修改废止项目占比", 50, deadline="2017-12-31"), target("网上办理率", 90)]
    result = import_contract(contract(revised), file_sha256="5" * 64).as_dict()

    assert result["updated"]["documents"] == 1
    assert result["created"]["tasks"] == 1 and result["updated"]["tasks"] == 1 and result["dropped"]["tasks"] == 1
    assert result["unchanged"]["tasks"] == 1
    revision = DocumentRevision.objects.get(document=world.d1, number=2)
    assert revision.diff["tasks"] == {
        "added": ["三/1"],
        "changed": ["一/1"],
        "dropped": ["一/2"],
        "unchanged": ["二/1"],
    }
    assert revision.diff["targets"]["changed"] == ["修改废止项目占比|50"]
    assert revision.diff["targets"]["added"] == ["网上办理率|90"]

    world.task_a.refresh_from_db()
    assert world.task_a.text.startswith("完善") and "2017年6月底前" in world.task_a.text
    assert world.task_a.deadline == date(2017, 6, 30)
    assert list(Report.objects.filter(task=world.task_a).values_list("progress", flat=True)) == ["已启动"]
    world.task_b.refresh_from_db()
    assert world.task_b.active is False and world.task_b.dropped_in == revision

    again = import_contract(contract(revised), file_sha256="5" * 64).as_dict()
    assert again["unchanged"]["documents"] == 1 and DocumentRevision.objects.filter(document=world.d1).count() == 2


def test_document_without_number_is_keyed_by_title() -> None:
    untitled = document(None, "关于做好节假日安排的通知", tasks=[task(["一"], "做好值班。", [])])
    import_contract(contract(untitled), file_sha256="6" * 64)
    import_contract(contract(untitled), file_sha256="6" * 64)
    assert Document.objects.get().key == "title:关于做好节假日安排的通知"


def test_units_resolve_by_name_or_alias_and_queue_the_rest(world: World) -> None:
    from luoshi_web.registry.models import UnitAlias
    from luoshi_web.registry.units import link_name

    UnitAlias.objects.create(unit=world.unit_a, alias="省发改委")
    doc = document("川府发〔2016〕3号", "t", tasks=[task(["一"], "推进。", ["省发改委", "省经济和信息化委"])])
    import_contract(contract(doc), file_sha256="7" * 64)
    new_task = Task.objects.get(document__doc_number="川府发〔2016〕3号")
    assignments = {a.name: a for a in new_task.assignments.all()}
    assert assignments["省发改委"].unit == world.unit_a and assignments["省发改委"].role == "lead"
    assert assignments["省经济和信息化委"].unit is None and assignments["省经济和信息化委"].role == "co"
    entry = UnresolvedUnitName.objects.get(name="省经济和信息化委")
    assert link_name(entry, world.unit_b) == 1
    assert TaskUnit.objects.get(task=new_task, name="省经济和信息化委").unit == world.unit_b


def test_explicit_lead_units_are_kept(world: World) -> None:
    roles = {a.name: a.role for a in world.task_ab.assignments.all()}
    assert roles == {UNIT_A: "lead", UNIT_B: "co"}


def test_import_command_json_and_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = GOLD / "nat_guofa_2018_42_nongye_jixiehua.gold.json"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "luoshi.parse/1", "documents": [{"title": 3}]}), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(bad), str(good), "--json")
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert err.strip().count("\n") == 0 and f"luoshi: {bad}：" in err and "[invalid_contract]" in err
    counts = json.loads(out)
    gold = json.loads(good.read_text(encoding="utf-8"))
    assert counts["created"]["documents"] == 1 and counts["created"]["tasks"] == len(gold["documents"][0]["tasks"])
    assert Document.objects.count() == 1


def test_import_command_reports_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(tmp_path / "missing.txt"))
    assert exit_info.value.code == 2
    assert "文件不存在 [E001]" in capsys.readouterr().err
    assert Document.objects.count() == 0


def test_deadline_from_task_text() -> None:
    from luoshi_web.registry.contract import deadline_from_text

    assert deadline_from_text("2016年6月底前完成清理", []) == date(2016, 6, 30)
    assert deadline_from_text("2017年底前全面推开，到2018年6月实现全覆盖", []) == date(2017, 12, 31)
    assert deadline_from_text("长期坚持", []) is None
    assert deadline_from_text("到2020年，覆盖率达到90%", [date(2019, 12, 31)]) == date(2020, 12, 31)
