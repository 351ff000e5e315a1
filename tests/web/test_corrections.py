"""The supervision office's corrections: one call each, audited, kept across re-imports, exported as gold."""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib.util
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from luoshi_web.registry import corrections
from luoshi_web.registry.errors import Conflict, Forbidden, Invalid, Unauthorized
from luoshi_web.registry.importer import import_contract
from luoshi_web.registry.models import (
    AssignmentRole,
    AuditLog,
    Correction,
    CorrectionKind,
    CorrectionState,
    Document,
    Profile,
    Role,
    Target,
    Task,
    Unit,
)
from luoshi_web.registry.permissions import ANONYMOUS, Actor, actor_for

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "corpus" / "000_a19204d3cc4468c5.txt"
RELICS = "国发〔2016〕17号"

SMALL = """四川省人民政府关于加快社会保障卡应用的意见
川府发〔2020〕1号
各市（州）人民政府，省政府各部门：
为加快社会保障卡应用，现提出如下意见。
一、总体要求
（一）工作目标。到2022年，全省社会保障卡持卡人数达320万，建成服务网点50个。
二、重点任务
（一）推进社会保障卡应用。2021年底前实现就医结算全覆盖。（省人力资源社会保障厅牵头，省财政厅配合）
（二）完善服务网点布局。
四川省人民政府
2020年3月1日
"""


def _parse_text(text: str) -> dict[str, Any]:
    from luoshi.pipeline import parse_text
    from luoshi_web.registry.reading import contract_with_reading

    return contract_with_reading(parse_text(text, "doc.txt"))


@functools.cache
def _seed_contract() -> dict[str, Any]:
    from luoshi.pipeline import parse_file
    from luoshi_web.registry.reading import contract_with_reading

    return contract_with_reading(parse_file(SEED))


def seed_contract() -> dict[str, Any]:
    return copy.deepcopy(_seed_contract())


def _import(contract: dict[str, Any], name: str = "seed.txt") -> None:
    digest = hashlib.sha256(repr(contract).encode()).hexdigest()
    import_contract(contract, file_sha256=digest, source_name=name)


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("luoshi_shared_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _persona(username: str, role: str, unit: Unit | None = None) -> Actor:
    user = get_user_model().objects.create_user(username=username, password="x" * 12)
    Profile.objects.create(user=user, role=role, unit=unit)
    return actor_for(user)


@pytest.fixture
def people(db) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    unit = Unit.objects.create(name="省财政厅", kind="province_dept")
    return {
        "supervisor": _persona("sup", Role.SUPERVISOR),
        "leader": _persona("lead", Role.LEADER),
        "reporter": _persona("rep", Role.REPORTER, unit),
        "expert": _persona("exp", Role.EXPERT),
        "anonymous": ANONYMOUS,
    }


@pytest.fixture
def seed(people) -> Document:  # type: ignore[no-untyped-def]
    _import(seed_contract())
    return Document.objects.get(doc_number=RELICS)


@pytest.fixture
def small(people) -> Document:  # type: ignore[no-untyped-def]
    _import(_parse_text(SMALL), "small.txt")
    return Document.objects.get(doc_number="川府发〔2020〕1号")


def _units(task: Task) -> list[tuple[str, str, bool]]:
    return [(a.name, a.role, a.explicit_lead) for a in task.assignments.order_by("position")]


# --- make a task --------------------------------------------------------------------------


def test_an_outline_item_becomes_a_task_with_the_addressees_as_units(seed: Document, people) -> None:  # type: ignore[no-untyped-def]
    assert not seed.tasks.exists()  # a guidance document: the extractor finds no task
    sup = people["supervisor"]
    task = corrections.make_task(sup, seed, "四/一")
    assert task.active and task.path == ["四", "一"]
    assert task.text.startswith("健全国家文物登录制度。完善文物认定标准")
    assert _units(task) == [
        ("各省、自治区、直辖市人民政府", AssignmentRole.LEAD, False),
        ("国务院各部委、各直属机构", AssignmentRole.CO, False),
    ]
    # where it sits in the file: the item's own text, source lines included
    assert task.span_start is not None and task.line_start is not None and task.line_start > 200
    c = Correction.objects.get()
    assert (c.kind, c.path_key, c.actor_name, c.state) == (CorrectionKind.TASK_ADD, "四/一", "sup", "applied")
    assert c.data == {"units": ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"], "leads": []}
    actions = set(AuditLog.objects.filter(actor_name="sup").values_list("action", "model"))
    assert ("correction.task_add", "registry.correction") in actions
    assert ("correction.task_add", "registry.task") in actions
    assert ("correction.task_add", "registry.taskunit") in actions


def test_units_given_when_making_a_task_replace_the_addressees(seed: Document, people) -> None:  # type: ignore[no-untyped-def]
    task = corrections.make_task(
        people["supervisor"], seed, "三/二", units=["国家文物局", "文化部"], leads=["国家文物局"]
    )
    assert _units(task) == [("国家文物局", AssignmentRole.LEAD, True), ("文化部", AssignmentRole.CO, False)]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"path_key": "九/九"}, Invalid, "没有层级编号为“九/九”"),
        ({"path_key": "四/一", "units": []}, Invalid, "至少要有一个责任单位"),
        ({"path_key": "四/一", "units": ["国家文物局"], "leads": ["文化部"]}, Invalid, "牵头单位须是责任单位之一"),
        ({"path_key": "四/一", "units": ["局" * 201]}, Invalid, "单位名称过长"),
    ],
)
def test_a_bad_make_task_writes_nothing(seed: Document, people, kwargs, error, message) -> None:  # type: ignore[no-untyped-def]
    before = AuditLog.objects.count()
    with pytest.raises(error, match=message):
        corrections.make_task(people["supervisor"], seed, **kwargs)
    assert not seed.tasks.exists() and not Correction.objects.exists()
    assert AuditLog.objects.count() == before


def test_an_item_that_is_already_a_task_is_not_made_twice(seed: Document, people) -> None:  # type: ignore[no-untyped-def]
    corrections.make_task(people["supervisor"], seed, "四/一")
    with pytest.raises(Conflict, match="已是任务"):
        corrections.make_task(people["supervisor"], seed, "四/一")
    assert Correction.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "error"),
    [("leader", Forbidden), ("reporter", Forbidden), ("expert", Forbidden), ("anonymous", Unauthorized)],
)
def test_only_the_supervisor_corrects(seed: Document, people, persona, error) -> None:  # type: ignore[no-untyped-def]
    who = people[persona]
    with pytest.raises(error):
        corrections.make_task(who, seed, "四/一")
    task = corrections.make_task(people["supervisor"], seed, "四/二")
    with pytest.raises(error):
        corrections.set_task_units(who, task, ["国家文物局"])
    with pytest.raises(error):
        corrections.reject_task(who, task, "不是任务")
    assert Correction.objects.count() == 1 and seed.tasks.get().active  # targets: see test_a_target_is_linked…


# --- units, lead, rejection -------------------------------------------------------------------


def test_the_supervisor_changes_units_and_lead(seed: Document, people) -> None:  # type: ignore[no-untyped-def]
    sup = people["supervisor"]
    task = corrections.make_task(sup, seed, "四/一")
    task = corrections.set_task_units(sup, task, ["国家文物局", "住房城乡建设部", "国家文物局"], ["住房城乡建设部"])
    assert _units(task) == [("国家文物局", AssignmentRole.CO, False), ("住房城乡建设部", AssignmentRole.LEAD, True)]
    task = corrections.set_task_units(sup, task, ["住房城乡建设部"])
    assert _units(task) == [("住房城乡建设部", AssignmentRole.LEAD, False)]  # none marked: the first leads
    assert list(Correction.objects.values_list("kind", flat=True)) == ["task_add", "task_units", "task_units"]


def test_a_rejected_task_needs_a_reason_and_is_kept_inactive(small: Document, people) -> None:  # type: ignore[no-untyped-def]
    sup = people["supervisor"]
    task = small.tasks.get(path_key="二/一")
    with pytest.raises(Invalid, match="理由"):
        corrections.reject_task(sup, task, "  ")
    assert Task.objects.get(pk=task.pk).active
    task = corrections.reject_task(sup, task, "这是背景，不是任务")
    assert not task.active and Task.objects.filter(pk=task.pk).exists()
    with pytest.raises(Conflict):
        corrections.set_task_units(sup, task, ["省财政厅"])


# --- targets ----------------------------------------------------------------------------------------


def test_a_missed_number_becomes_a_target(small: Document, people) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    text = corrections.reading_for(small).text
    phrase = "实现就医结算全覆盖"
    start = text.index(phrase)
    target = corrections.add_target(
        people["supervisor"],
        small,
        start=start,
        end=start + len(phrase),
        indicator="就医结算覆盖率",
        value=100,
        unit="%",
        deadline=date(2021, 12, 31),
    )
    assert (target.text, target.value, target.unit_text, target.deadline) == (phrase, 100, "%", date(2021, 12, 31))
    c = Correction.objects.get(kind=CorrectionKind.TARGET_ADD)
    assert (c.span_start, c.span_end, c.target_key) == (start, start + len(phrase), "就医结算覆盖率|100")
    with pytest.raises(Conflict):
        corrections.add_target(
            people["supervisor"], small, start=start, end=start + 3, indicator="就医结算覆盖率", value=100
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": 5, "end": 5}, "不在正文范围内"),
        ({"start": 0, "end": 10_000}, "不在正文范围内"),
        ({"start": 0, "end": 40}, "不能跨段落"),
        ({"indicator": " "}, "指标名称"),
        ({"value": float("nan")}, "应为数字"),
        ({"comparator": "≈"}, "比较方式"),
        ({"comparator": "between", "value_max": 1}, "上限"),
        ({"value_max": 200}, "只有区间指标"),
    ],
)
def test_a_bad_target_is_refused_with_a_message(small: Document, people, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    fields = {"start": 90, "end": 95, "indicator": "持卡率", "value": 90.0, **kwargs}
    with pytest.raises(Invalid, match=message):
        corrections.add_target(people["supervisor"], small, **fields)
    assert not Correction.objects.exists() and small.targets.count() == 2


def test_a_target_is_linked_to_its_task_and_units_and_rejected(small: Document, people) -> None:  # type: ignore[no-untyped-def]
    sup = people["supervisor"]
    target = small.targets.get(indicator="全省社会保障卡持卡人数")
    task = small.tasks.get(path_key="二/一")
    unit = Unit.objects.get(name="省财政厅")
    link = corrections.link_target(sup, target, task=task, units=[unit])
    assert link.task == task and list(link.units.all()) == [unit]
    with pytest.raises(Invalid, match="选择任务或至少一个单位"):
        corrections.link_target(sup, target, task=None, units=[])
    with pytest.raises(Forbidden):
        corrections.link_target(people["leader"], target, task=task)
    other = small.targets.get(indicator="建成服务网点数")
    with pytest.raises(Invalid, match="理由"):
        corrections.reject_target(sup, other, "")
    assert not corrections.reject_target(sup, other, "重复").active


# --- surviving a re-import ------------------------------------------------------------------------------


def _revised_seed() -> dict[str, Any]:
    """The seed with 国发〔2016〕17号 revised: a sentence added before the outline, item 四/七 removed."""
    from luoshi.pipeline import parse_file
    from luoshi_web.registry.reading import contract_with_reading

    text = SEED.read_text(encoding="utf-8")
    start = text.index("（七）制定鼓励社会参与文物保护的政")
    end = text.index("五、", start)
    text = text[:start] + text[end:]
    text = text.replace("现提出如下意见。", "现提出如下意见，请认真贯彻执行。", 1)
    assert "请认真贯彻执行" in text
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / SEED.name
        path.write_text(text, encoding="utf-8")
        return contract_with_reading(parse_file(path))


@functools.cache
def _revised() -> dict[str, Any]:
    return _revised_seed()


def test_corrections_survive_the_import_of_a_revised_document(seed: Document, people) -> None:  # type: ignore[no-untyped-def]
    sup = people["supervisor"]
    kept = corrections.make_task(sup, seed, "四/一", units=["国家文物局", "文化部"], leads=["国家文物局"])
    edited = corrections.make_task(sup, seed, "四/二")
    corrections.set_task_units(sup, edited, ["住房城乡建设部"])
    corrections.make_task(sup, seed, "四/七")  # the revision drops this item
    old_start = kept.span_start

    _import(copy.deepcopy(_revised()), "seed-revised.txt")

    seed.refresh_from_db()
    assert seed.revisions.count() == 2
    kept = Task.objects.get(pk=kept.pk)
    assert kept.active and kept.text.startswith("健全国家文物登录制度")
    assert _units(kept) == [("国家文物局", AssignmentRole.LEAD, True), ("文化部", AssignmentRole.CO, False)]
    assert kept.span_start == old_start + len("，请认真贯彻执行")  # placed where the revision has it
    assert _units(Task.objects.get(pk=edited.pk)) == [("住房城乡建设部", AssignmentRole.LEAD, False)]
    gone = Correction.objects.get(path_key="四/七")
    assert gone.state == CorrectionState.FLAGGED and "四/七" in gone.flag_reason
    assert gone.flagged_in == seed.revisions.get(number=2)
    assert not Task.objects.get(path_key="四/七").active  # kept with its history, not deleted
    applied = set(Correction.objects.exclude(pk=gone.pk).values_list("state", flat=True))
    assert applied == {CorrectionState.APPLIED}
    diff = seed.revisions.get(number=2).diff["corrections"]
    assert diff == {"applied": sorted(c.pk for c in Correction.objects.exclude(pk=gone.pk)), "flagged": [gone.pk]}
    # Importing the same revision again changes nothing.
    _import(copy.deepcopy(_revised()), "seed-revised.txt")
    assert seed.revisions.count() == 2 and Task.objects.get(pk=kept.pk).active


def test_a_rejection_and_an_added_target_survive_a_revision(small: Document, people) -> None:  # type: ignore[no-untyped-def]
    sup = people["supervisor"]
    task = small.tasks.get(path_key="二/一")
    corrections.reject_task(sup, task, "不是任务")
    false_target = small.targets.get(indicator="建成服务网点数")
    corrections.reject_target(sup, false_target, "不是指标")
    text = corrections.reading_for(small).text
    phrase = "实现就医结算全覆盖"
    start = text.index(phrase)
    corrections.add_target(sup, small, start=start, end=start + len(phrase), indicator="就医结算覆盖率", value=100)

    revised = SMALL.replace("为加快社会保障卡应用，", "为加快社会保障卡在全省的应用，")
    _import(_parse_text(revised), "small-r2.txt")

    assert small.revisions.count() == 2
    assert not Task.objects.get(pk=task.pk).active
    assert not Target.objects.get(pk=false_target.pk).active
    added = small.targets.get(match_key="就医结算覆盖率|100")
    assert added.active and added.text == phrase
    c = Correction.objects.get(kind=CorrectionKind.TARGET_ADD)
    new_text = corrections.reading_for(small).text
    assert new_text[c.span_start : c.span_end] == phrase and c.span_start == start + len("在全省的")
    assert set(Correction.objects.values_list("state", flat=True)) == {CorrectionState.APPLIED}

    # A revision without the marked text flags the added target, keeps the row, and a later
    # revision that has the text again applies it again.
    _import(_parse_text(revised.replace("实现就医结算全覆盖", "推进就医结算")), "small-r3.txt")
    c.refresh_from_db()
    assert c.state == CorrectionState.FLAGGED and phrase in c.flag_reason
    assert not small.targets.get(match_key="就医结算覆盖率|100").active
    _import(_parse_text(SMALL), "small-r4.txt")
    c.refresh_from_db()
    assert c.state == CorrectionState.APPLIED and small.targets.get(match_key="就医结算覆盖率|100").active


# --- export as gold ----------------------------------------------------------------------------------------


def test_the_seed_exported_without_corrections_scores_one_against_the_pipeline(seed: Document, people) -> None:  # type: ignore[no-untyped-def]
    scorer = _scorer()
    gold = corrections.export_contract(people["supervisor"], Document.objects.order_by("id"))
    assert len(gold["documents"]) == 6
    result = scorer.score(gold, seed_contract())
    for name in ("documents", "tasks", "task_units", "targets", "references"):
        assert result[name]["f1"] == 1.0, (name, result[name])
    assert set(result["document_fields"].values()) == {1.0}
    assert result["tasks"]["gold"] == 40  # the seed's 40 extracted tasks are all in the export


def test_a_rejected_task_is_missing_from_the_export_and_a_made_one_is_there(seed: Document, people) -> None:  # type: ignore[no-untyped-def]
    sup = people["supervisor"]
    rejected = Task.objects.filter(active=True).exclude(document=seed).order_by("id").first()
    assert rejected is not None
    corrections.reject_task(sup, rejected, "不是任务")
    corrections.make_task(sup, seed, "四/一")
    gold = corrections.export_contract(sup, Document.objects.order_by("id"))
    result = _scorer().score(gold, seed_contract())
    assert result["tasks"]["gold"] == 40  # 40 - 1 rejected + 1 made
    assert result["tasks"]["tp"] == 39
    doc_key = rejected.document.doc_number
    assert f"task spurious {doc_key} {rejected.path_key}" in result["misses"]  # the extractor's output has it
    assert f"task missed   {RELICS} 四/一" in result["misses"]  # the office's answer the extractor lacks


def test_the_export_holds_only_tasks_the_actor_may_see(small: Document, people) -> None:  # type: ignore[no-untyped-def]
    exported = corrections.export_contract(people["expert"], [small])
    assert exported["documents"][0]["tasks"] == []
    exported = corrections.export_contract(people["leader"], [small])
    assert [t["path"] for t in exported["documents"][0]["tasks"]] == [["二", "一"]]
    assert exported["documents"][0]["tasks"][0]["lead_units"] == ["省人力资源社会保障厅"]
