"""The document page's revision diff compares what the office sees: corrections applied on both sides.

The importer's own diff is the extraction's view (a task the office made shows as dropped, a
task whose units it set or a target it rejected as changed, before the corrections re-apply);
the page must not report those as changes.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from luoshi_web.registry import corrections, revision_diff
from luoshi_web.registry.models import Document
from web.test_corrections import SMALL, _import, _parse_text

pytestmark = pytest.mark.django_db

INTRO_REVISED = SMALL.replace("为加快社会保障卡应用，", "为加快社会保障卡在全省的应用，")


@pytest.fixture
def corrected(world, browse) -> Document:  # type: ignore[no-untyped-def]
    """SMALL with three corrections: 二/二 made a task, 二/一's units set, a false target rejected."""
    _import(_parse_text(SMALL), "small.txt")
    doc = Document.objects.get(doc_number="川府发〔2020〕1号")
    sup = world.actor("supervisor")
    corrections.make_task(sup, doc, "二/二", units=["省财政厅"])
    corrections.set_task_units(sup, doc.tasks.get(path_key="二/一"), ["省财政厅", "省人力资源社会保障厅"])
    corrections.reject_target(sup, doc.targets.get(indicator="建成服务网点数"), "不是指标")
    return doc


def _rejected_key(doc: Document) -> str:
    return doc.targets.get(indicator="建成服务网点数").match_key


def test_corrected_items_are_not_reported_as_dropped_or_changed(corrected: Document, browse) -> None:  # type: ignore[no-untyped-def]
    _import(_parse_text(INTRO_REVISED), "small-r2.txt")
    old, new = corrected.revisions.order_by("number")
    raw = new.diff
    # the extraction's view (what the page showed before): the corrections look like changes
    assert "二/二" in raw["tasks"]["dropped"] and "二/一" in raw["tasks"]["changed"]
    assert _rejected_key(corrected) in raw["targets"]["changed"]
    office = revision_diff.office_diff(old, new)
    for kind in (office.tasks, office.targets):
        assert (kind.added, kind.changed, kind.dropped) == ([], [], [])
    assert set(office.tasks.kept) == {"二/二", "二/一"}
    assert office.tasks.kept["二/二"] == ["设为任务"]
    assert set(office.targets.kept) == {_rejected_key(corrected)}
    html = browse("supervisor").get(reverse("office:document", args=[corrected.pk]) + "?compare=2").content.decode()
    diff = html[html.index('id="item-diff"') : html.index("</dl>", html.index('id="item-diff"'))]
    assert "<dt>删除任务</dt><dd>—</dd>" in diff and "<dt>修改任务</dt><dd>—</dd>" in diff
    assert "<dt>修改指标</dt><dd>—</dd>" in diff
    assert 'id="kept">' in diff and "二/二（设为任务）" in diff
    # the revision table counts the same way: nothing changed, three items kept by corrections
    table = html[html.index('id="revisions"') : html.index("</table>", html.index('id="revisions"'))]
    assert "+0 / ~0 / −0 <span" in table and "（2 项按更正保留）" in table and "（1 项按更正保留）" in table


def test_a_real_change_to_a_corrected_task_is_still_a_change(corrected: Document) -> None:
    revised = SMALL.replace("2021年底前实现就医结算全覆盖", "2021年底前实现就医和购药结算全覆盖")
    _import(_parse_text(revised), "small-r2.txt")
    old, new = corrected.revisions.order_by("number")
    office = revision_diff.office_diff(old, new)
    assert office.tasks.changed == ["二/一"]  # its text changed; its units stay the office's
    assert "二/一" not in office.tasks.kept and set(office.tasks.kept) == {"二/二"}
    task = corrected.tasks.get(path_key="二/一")
    assert "购药" in task.text and task.assignments.order_by("position")[0].name == "省财政厅"


def test_without_corrections_the_office_diff_is_the_extractions(world, browse) -> None:  # type: ignore[no-untyped-def]
    _import(_parse_text(SMALL), "small.txt")
    doc = Document.objects.get(doc_number="川府发〔2020〕1号")
    _import(_parse_text(SMALL.replace("（二）完善服务网点布局。\n", "")), "small-r2.txt")
    old, new = doc.revisions.order_by("number")
    office = revision_diff.office_diff(old, new)
    assert office.tasks.kept == {} and office.targets.kept == {}
    for name in ("added", "changed", "dropped"):
        assert getattr(office.tasks, name) == new.diff["tasks"][name], name
    first = revision_diff.office_diff(None, old)
    assert first.tasks.added == old.diff["tasks"]["added"] and first.tasks.dropped == []
