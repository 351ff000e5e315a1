"""The domain's read queries (registry/queries.py) that the API and the pages share."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from luoshi_web.registry import audit_labels, cycles, queries
from luoshi_web.registry.errors import Forbidden, Invalid, NotFound, Unauthorized

from .conftest import World


@pytest.fixture(autouse=True)
def _chinese():  # type: ignore[no-untyped-def]
    """Domain messages in the default language, whatever language an earlier request activated."""
    with translation.override("zh-hans"):
        yield


def ids(rows) -> set[int]:  # type: ignore[no-untyped-def]
    return {row.pk for row in rows}


def test_visible_tasks_follow_the_personas(world: World) -> None:
    everything = {world.task_a.pk, world.task_b.pk, world.task_ab.pk, world.task_public.pk}
    assert ids(queries.visible_tasks(world.actor("supervisor"))) == everything
    assert ids(queries.visible_tasks(world.actor("leader"))) == everything
    assert ids(queries.visible_tasks(world.actor("reporter_a"))) == {
        world.task_a.pk,
        world.task_ab.pk,
        world.task_public.pk,
    }
    assert ids(queries.visible_tasks(world.actor("reporter_b"))) == {
        world.task_b.pk,
        world.task_ab.pk,
        world.task_public.pk,
    }
    assert ids(queries.visible_tasks(world.actor("expert"))) == {world.task_a.pk, world.task_public.pk}
    assert ids(queries.visible_tasks(world.actor("anonymous"))) == {world.task_public.pk}
    with pytest.raises(NotFound):
        queries.get_task(world.actor("reporter_b"), world.task_a.pk)


def test_filters_and_sorts(world: World) -> None:
    sup = world.actor("supervisor")
    by_unit = queries.filter_tasks(sup, queries.TaskFilter(unit=world.unit_b.pk))
    assert ids(by_unit) == {world.task_b.pk, world.task_ab.pk}
    assert ids(queries.filter_tasks(sup, queries.TaskFilter(q="财政专项"))) == {world.task_b.pk}
    assert ids(queries.filter_tasks(sup, queries.TaskFilter(document=world.d2.pk))) == {world.task_public.pk}
    # task_a has a deadline (2016年底前); a range around it finds it, one after it does not
    around = queries.TaskFilter(deadline_from=date(2016, 12, 1), deadline_to=date(2016, 12, 31))
    assert world.task_a.pk in ids(queries.filter_tasks(sup, around))
    after = queries.TaskFilter(deadline_from=date(2017, 1, 1))
    assert world.task_a.pk not in ids(queries.filter_tasks(sup, after))
    forward = [t.pk for t in queries.filter_tasks(sup, queries.TaskFilter(sort="deadline"))]
    backward = [t.pk for t in queries.filter_tasks(sup, queries.TaskFilter(sort="-deadline"))]
    assert forward == list(reversed(backward)) and forward[0] == world.task_a.pk
    with pytest.raises(Invalid, match="sort"):
        queries.filter_tasks(sup, queries.TaskFilter(sort="colour"))
    with pytest.raises(Invalid, match="status"):
        queries.filter_tasks(sup, queries.TaskFilter(status="done"))


def test_page_fetches_one_more_row_instead_of_counting(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    tasks = queries.filter_tasks(world.actor("supervisor"), queries.TaskFilter()).prefetch_related(None)
    with django_assert_num_queries(1):
        first = queries.page(tasks, limit=3, offset=0)
    assert (len(first.items), first.next_offset, first.previous_offset) == (3, 3, None)
    last = queries.page(tasks, limit=3, offset=3)
    assert (len(last.items), last.next_offset, last.previous_offset) == (1, None, 0)
    assert queries.page(tasks, limit="x", offset="-5").offset == 0  # URL junk → defaults, no traceback


def test_summary_counts_every_status(world: World) -> None:
    summary = queries.task_summary(world.actor("reporter_a"))
    assert summary.total == 3
    assert [c.status for c in summary.by_status] == ["not_started", "in_progress", "completed", "overdue", "at_risk"]
    assert sum(c.count for c in summary.by_status) == 3


def test_docket_is_scoped_by_actor(world: World) -> None:
    assert ids(queries.unit_docket(world.actor("supervisor"), world.unit_a)) == {
        world.task_a.pk,
        world.task_ab.pk,
        world.task_public.pk,
    }
    # reporter B sees unit A's docket only where B may see the task (shared or published)
    assert ids(queries.unit_docket(world.actor("reporter_b"), world.unit_a)) == {world.task_ab.pk, world.task_public.pk}


def test_task_history_groups_reports_by_cycle_and_shows_audit_to_the_office(world: World) -> None:
    later = cycles.open_quarter(world.actor("supervisor"), date(2016, 8, 1))
    rep_a, rep_b = world.actor("reporter_a"), world.actor("reporter_b")
    cycles.save_report(rep_a, world.task_ab, world.cycle, progress="二季度牵头")
    cycles.save_report(rep_b, world.task_ab, world.cycle, progress="二季度配合")
    cycles.save_report(rep_a, world.task_ab, later, progress="三季度牵头")

    office = queries.task_history(world.actor("supervisor"), world.task_ab)
    assert [(g.cycle.name, len(g.reports)) for g in office.by_cycle] == [("2016Q2", 2), ("2016Q3", 1)]
    actions = [e.action for e in office.audit]
    assert actions.count("report.save") == 3
    assert audit_labels.label("report.save") == "保存报告"

    reporter = queries.task_history(rep_b, world.task_ab)
    assert len(reporter.reports) == 3 and reporter.audit == []  # reports of a shared task, no audit
    anonymous = queries.task_history(world.actor("anonymous"), world.task_public)
    assert anonymous.reports == [] and anonymous.evaluations == []


def test_audit_and_unit_queue_are_for_the_office(world: World) -> None:
    assert queries.audit_entries(world.actor("supervisor")).exists()
    with pytest.raises(Forbidden):
        queries.audit_entries(world.actor("leader"))
    with pytest.raises(Unauthorized):
        queries.unresolved_names(world.actor("anonymous"))


def test_target_progress_and_documents(world: World) -> None:
    anonymous = world.actor("anonymous")
    assert ids(queries.visible_documents(anonymous)) == {world.d2.pk}
    assert ids(queries.visible_documents(world.actor("supervisor"), q="14号")) == {world.d1.pk}
    target = queries.visible_targets(anonymous).get()
    found = queries.target_progress(target)
    assert found.observations == [] and found.baseline is None and found.latest is None
    assert queries.document_counts(anonymous, world.d2).tasks == 1


def test_home_queries_for_each_role(world: World) -> None:
    rep_a, rep_b, sup = world.actor("reporter_a"), world.actor("reporter_b"), world.actor("supervisor")
    waiting = cycles.save_report(rep_a, world.task_a, world.cycle, progress="待审")
    cycles.submit(rep_a, waiting)
    draft = cycles.save_report(rep_a, world.task_ab, world.cycle, progress="草稿")
    other = cycles.save_report(rep_b, world.task_b, world.cycle, progress="乙")

    assert [r.pk for r in queries.reports_to_review(sup)] == [waiting.pk]
    with pytest.raises(Forbidden):
        queries.reports_to_review(rep_a)
    assert [r.pk for r in queries.open_reports(rep_a)] == [waiting.pk, draft.pk]
    assert [r.pk for r in queries.open_reports(rep_b)] == [other.pk]
    assert list(queries.open_reports(sup)) == []

    cycles.accept(sup, waiting)
    assert [r.pk for r in queries.open_reports(rep_a)] == [draft.pk]  # accepted: done

    expert = world.actor("expert")
    assert [(t.pk, t.evaluated) for t in queries.assigned_tasks(expert)] == [(world.task_a.pk, False)]
    world.task_a.evaluations.create(expert=world.users["expert"], score=4, opinion="较好")
    assert [(t.pk, t.evaluated) for t in queries.assigned_tasks(expert)] == [(world.task_a.pk, True)]
    assert list(queries.assigned_tasks(rep_a)) == []


def test_overviews_count_tasks_per_status(world: World) -> None:
    leader = world.actor("leader")
    by_doc = {row.name: row for row in queries.overview_by_document(leader)}
    assert by_doc["川办发〔2016〕14号"].total == 3 and by_doc["川办函〔2016〕23号"].total == 1
    assert set(by_doc["川办发〔2016〕14号"].counts) == set(queries.STATUSES)
    by_unit = {row.name: row.total for row in queries.overview_by_unit(leader)}
    assert by_unit == {"省发展改革委": 3, "省财政厅": 2}  # task_ab counts once for each of its units
    with pytest.raises(Forbidden):
        queries.overview_by_unit(world.actor("reporter_a"))
    with pytest.raises(Unauthorized):
        queries.overview_by_document(world.actor("anonymous"))
