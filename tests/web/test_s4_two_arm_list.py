"""The task list of a reporter or an expert under a status, paged one visibility arm at a time
(``queries.filter_tasks``' ``UNION ALL`` of "published" and "unpublished but one's own"), returns
exactly the rows and order of the plain rule ``document published OR own``, for every persona,
status, sort and page; so do the API, the counts per status and a query narrowed afterwards.

The reference below is plain Python over the rows as stored (documents' ``published``, the task
units, the review assignments, the task's dates and progress facts), with the status rules of
``status.py``'s docstring written out again: it never calls the code under test.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi_web.registry import clock, queries
from luoshi_web.registry.models import Document, ReviewAssignment, Task, TaskUnit, Unit

from .conftest import PERSONAS, World

TODAY = date(2016, 6, 15)
NO_DEADLINE = date(9999, 12, 31)
STATUSES = ("not_started", "in_progress", "completed", "overdue", "at_risk")
SORTS = ("deadline", "-deadline", "document", "-updated")
# Deadlines on both sides of today and of the 30-day at-risk horizon, repeated so that many
# tasks share a deadline and the id decides their order.
DEADLINES = (
    None,
    TODAY - timedelta(days=40),
    TODAY - timedelta(days=1),
    TODAY,
    TODAY + timedelta(days=10),
    TODAY + timedelta(days=30),
    TODAY + timedelta(days=31),
    TODAY + timedelta(days=200),
)


def build_registry(world: World, *, seed: int = 8, documents: int = 6, per_document: int = 18) -> None:
    """The persona world plus ``documents`` documents (every other one published) of tasks with
    mixed deadlines, progress facts, units (A, B, a third unit, none) and expert assignments."""
    rng = random.Random(seed)
    unit_c = Unit.objects.create(name="省教育厅", kind="department")
    units = [world.unit_a, world.unit_b, unit_c]
    for d in range(documents):
        doc = Document.objects.create(key=f"s4-doc-{d}", title=f"生成文件{d}", published=d % 2 == 0)
        for i in range(per_document):
            t = Task.objects.create(
                document=doc,
                path=[str(i)],
                path_key=f"{i:02d}",
                text=f"生成任务{d}-{i}",
                deadline=rng.choice(DEADLINES),
            )
            reported = rng.random() < 0.5
            Task.objects.filter(pk=t.pk).update(
                progress_reported=reported,
                progress_verified=reported and rng.random() < 0.4,
                latest_percent=rng.choice((None, 10, 79, 80, 100)) if reported else None,
            )
            if rng.random() < 0.1:
                Task.objects.filter(pk=t.pk).update(active=False)
            for position, unit in enumerate(u for u in units if rng.random() < 0.4):
                TaskUnit.objects.create(
                    task=t, unit=unit, name=unit.name, role="lead" if position == 0 else "co", position=position
                )
            if rng.random() < 0.2:
                ReviewAssignment.objects.create(expert=world.users["expert"], task=t)


def status_of(row: dict[str, Any], today: date) -> str:
    deadline = row["deadline"]
    if row["progress_verified"]:
        return "completed"
    if deadline is not None and deadline < today:
        return "overdue"
    percent = row["latest_percent"]
    if deadline is not None and deadline <= today + timedelta(days=30) and (percent is None or percent < 80):
        return "at_risk"
    if row["progress_reported"]:
        return "in_progress"
    return "not_started"


def sort_key(sort: str, row: dict[str, Any]) -> tuple[Any, ...]:
    due = row["deadline"] or NO_DEADLINE
    if sort == "deadline":
        return (due, row["id"])
    if sort == "-deadline":
        return (-due.toordinal(), -row["id"])
    if sort == "document":
        return (row["document_id"], row["path_key"], row["id"])
    return (-row["updated_at"].timestamp(), -row["id"])


def reference(world: World, persona: str, status: str | None, sort: str, today: date = TODAY) -> list[int]:
    """Ids of the active tasks ``persona`` may see in ``status`` (None: any), in ``sort`` order."""
    published = dict(Document.objects.values_list("id", "published"))
    units: dict[int, set[int]] = {}
    for task_id, unit_id in TaskUnit.objects.values_list("task_id", "unit_id"):
        units.setdefault(task_id, set()).add(unit_id)
    expert = world.users["expert"]
    assigned = set(ReviewAssignment.objects.filter(expert=expert).values_list("task_id", flat=True))
    own_unit = {"reporter_a": world.unit_a.pk, "reporter_b": world.unit_b.pk}.get(persona)

    def visible(row: dict[str, Any]) -> bool:
        if persona in ("supervisor", "leader", "admin"):
            return True
        if published[row["document_id"]]:
            return True
        if own_unit is not None:
            return own_unit in units.get(row["id"], set())
        return persona == "expert" and row["id"] in assigned

    fields = ("id", "document_id", "path_key", "deadline", "active", "updated_at")
    rows = Task.objects.values(*fields, "progress_verified", "progress_reported", "latest_percent")
    chosen = [r for r in rows if r["active"] and visible(r) and (status is None or status_of(r, today) == status)]
    return [r["id"] for r in sorted(chosen, key=lambda r: sort_key(sort, r))]


@pytest.fixture
def registry(world: World) -> World:
    build_registry(world)
    return world


def test_the_generated_registry_mixes_what_the_rule_separates(registry: World) -> None:
    """Every status has rows on both arms for reporter A, so each comparison below means something."""
    for status in STATUSES:
        mine = set(reference(registry, "reporter_a", status, "deadline"))
        public = set(reference(registry, "anonymous", status, "deadline"))
        assert public, status
        assert mine - public, status  # the unit's own tasks of unpublished documents


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_equals_the_plain_rule(registry: World, persona: str) -> None:
    who = registry.actor(persona)
    for status in (None, *STATUSES):
        for sort in SORTS:
            expected = reference(registry, persona, status, sort)
            f = queries.TaskFilter(status=status, sort=sort)
            for limit in (3, 50):
                got: list[int] = []
                offset: int | None = 0
                while offset is not None:
                    result = queries.page(queries.filter_tasks(who, f, TODAY), limit, offset)
                    page_ids = [t.pk for t in result.items]
                    assert page_ids == expected[offset : offset + limit], (persona, status, sort, limit, offset)
                    more = offset + limit < len(expected)
                    assert result.next_offset == (offset + limit if more else None), (persona, status, sort, offset)
                    got += page_ids
                    offset = result.next_offset
                assert got == expected
            # one row a page, around both ends, and a page past the end
            for offset in (0, 1, 2, max(0, len(expected) - 1), len(expected), len(expected) + 5):
                result = queries.page(queries.filter_tasks(who, f, TODAY), 1, offset)
                assert [t.pk for t in result.items] == expected[offset : offset + 1], (persona, status, sort, offset)


@pytest.mark.parametrize("persona", ["reporter_a", "reporter_b", "expert"])
def test_the_arms_are_what_pages_a_reporter_or_expert_by_status(registry: World, persona: str) -> None:
    who = registry.actor(persona)
    status = "overdue"
    with CaptureQueriesContext(connection) as sql:
        result = queries.page(queries.filter_tasks(who, queries.TaskFilter(status=status), TODAY), 4, 2)
    statements = [q["sql"] for q in sql.captured_queries]
    assert len(statements) == 3, statements  # the page's ids, its rows, their units
    assert "UNION ALL" in statements[0]
    assert "UNION" not in statements[1]
    assert [t.pk for t in result.items] == reference(registry, persona, status, "deadline")[2:6]
    # the rows come with what the list shows: status, document, units
    for task in result.items:
        assert task.status == status
        assert task.document.title
        assert {a.unit_id for a in task.assignments.all()} == set(
            TaskUnit.objects.filter(task=task).values_list("unit_id", flat=True)
        )


@pytest.mark.parametrize("persona", ["supervisor", "anonymous", "reporter_a"])
def test_one_arm_rules_and_lists_without_status_read_the_plain_query(registry: World, persona: str) -> None:
    status = None if persona == "reporter_a" else "overdue"
    with CaptureQueriesContext(connection) as sql:
        queries.page(queries.filter_tasks(registry.actor(persona), queries.TaskFilter(status=status), TODAY), 4)
    assert not any("UNION" in q["sql"] for q in sql.captured_queries)


def test_a_query_narrowed_after_filter_tasks_keeps_its_narrowing(registry: World) -> None:
    """The arms were made before the extra filter: a slice of the narrowed query must not use them."""
    who = registry.actor("reporter_a")
    tasks = queries.filter_tasks(who, queries.TaskFilter(status="at_risk"), TODAY)
    narrowed = tasks.filter(document__published=False)
    expected = [
        pk
        for pk in reference(registry, "reporter_a", "at_risk", "deadline")
        if not Document.objects.get(tasks__pk=pk).published
    ]
    assert len(expected) >= 3
    # page by page: ids taken from the arms would give short or wrong pages here
    assert [t.pk for k in range(0, len(expected), 2) for t in narrowed[k : k + 2]] == expected
    backward = sorted(reference(registry, "reporter_a", "at_risk", "deadline"), reverse=True)
    assert [t.pk for t in tasks.order_by("-id")[:2]] == backward[:2]
    # iteration, exists and a single index read the plain rule: same rows
    assert [t.pk for t in tasks] == reference(registry, "reporter_a", "at_risk", "deadline")
    assert tasks.exists()
    assert tasks[0].pk == reference(registry, "reporter_a", "at_risk", "deadline")[0]


@pytest.mark.parametrize("persona", PERSONAS)
def test_counts_per_status_add_the_arms_up(registry: World, persona: str) -> None:
    summary = queries.task_summary(registry.actor(persona), None, TODAY)
    counts = {c.status: c.count for c in summary.by_status}
    assert counts == {s: len(reference(registry, persona, s, "deadline")) for s in STATUSES}
    assert summary.total == len(reference(registry, persona, None, "deadline"))


@pytest.mark.parametrize("persona", ["reporter_a", "expert", "anonymous"])
def test_the_api_pages_the_same_rows(registry: World, persona: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    client = registry.client(persona)
    for status in STATUSES:
        expected = reference(registry, persona, status, "deadline")
        got: list[int] = []
        offset: int | None = 0
        while offset is not None:
            response = client.get(f"/api/v1/tasks?status={status}&limit=4&offset={offset}")
            assert response.status_code == 200, response.content
            body = response.json()
            assert [item["status"] for item in body["items"]] == [status] * len(body["items"])
            got += [item["id"] for item in body["items"]]
            offset = body["next_offset"]
        assert got == expected, (persona, status)
        response = client.get(f"/api/v1/tasks/summary?status={status}")
        counts = {c["status"]: c["count"] for c in response.json()["by_status"]}
        assert counts[status] == len(expected)
