"""Bulk ``QuerySet.update()`` on audited models: the same validation as ``save``, and an audit row per changed row.

Runs on SQLite and, with ``DATABASE_URL`` set, on PostgreSQL (where an unchecked
500-character 发文字号 would be a ``DataError``).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import F

from luoshi_web.registry import progress
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import AuditLog, Document, Observation, Report, Target, Task

from .conftest import World


def _audit_count() -> int:
    return AuditLog.objects.count()


def test_a_bulk_update_with_a_500_character_doc_number_is_refused(world: World) -> None:
    before, audits = world.d1.doc_number, _audit_count()
    with pytest.raises(Invalid, match="doc_number"):
        Document.objects.filter(pk=world.d1.pk).update(doc_number="号" * 500)
    assert Document.objects.get(pk=world.d1.pk).doc_number == before
    assert _audit_count() == audits


def test_a_bulk_update_with_nan_or_infinity_is_refused(world: World) -> None:
    target = Target.objects.first()
    assert target is not None
    obs = Observation.objects.create(target=target, value=3.5, as_of=date(2016, 6, 30), source="统计局")
    audits = _audit_count()
    for bad in (float("nan"), float("inf")):
        with pytest.raises(Invalid, match="value"):
            Observation.objects.filter(pk=obs.pk).update(value=bad)
    assert Observation.objects.get(pk=obs.pk).value == 3.5
    assert _audit_count() == audits


def test_a_bulk_update_with_a_date_out_of_range_is_refused(world: World) -> None:
    with pytest.raises(Invalid, match="period_end"):
        type(world.cycle).objects.filter(pk=world.cycle.pk).update(period_end=date(9999, 12, 31))
    world.cycle.refresh_from_db()
    assert world.cycle.period_end == date(2016, 6, 30)


def test_a_bulk_update_with_a_database_expression_is_refused_on_an_ordinary_field(world: World) -> None:
    with pytest.raises(Invalid, match="percent"):
        Report.objects.all().update(percent=F("percent") + 1)


def test_a_valid_bulk_update_writes_one_audit_row_per_changed_row(world: World) -> None:
    ids = [world.d1.pk, world.d2.pk]
    Document.objects.filter(pk=world.d2.pk).update(title="统一后的标题")  # already so: unchanged below
    last = AuditLog.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert Document.objects.filter(pk__in=ids).update(title="统一后的标题") == 2
    rows = list(AuditLog.objects.filter(id__gt=last))
    assert [(r.model, r.object_id, r.action) for r in rows] == [("registry.document", str(world.d1.pk), "update")]
    assert rows[0].before["title"] == world.d1.title and rows[0].after["title"] == "统一后的标题"


def test_the_task_progress_facts_are_still_recomputed_in_bulk_without_audit_rows(world: World) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(progress_reported=True)  # a stale cache, for the test
    audits = _audit_count()
    assert progress.refresh([world.task_a.pk]) == 1  # expressions on the computed fields only
    assert Task.objects.get(pk=world.task_a.pk).progress_reported is False  # no report: recomputed
    assert _audit_count() == audits
