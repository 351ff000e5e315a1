"""The task list's text search and its trigram index (migration 0007_task_text_trgm).

On PostgreSQL the keyword filter (``text__contains``, ``LIKE '%…%'``) must be served by
the GIN trigram index instead of reading every task; on SQLite the migration does nothing
and the same filter still finds the same tasks.
"""

from __future__ import annotations

import os

import pytest
from django.db import connection, transaction

from luoshi_web.registry import queries
from luoshi_web.registry.models import Document, Task

from .conftest import World

ON_POSTGRES = bool(os.environ.get("DATABASE_URL"))
INDEX = "task_text_trgm_idx"


def _plan(sql: str, params: tuple) -> str:  # type: ignore[type-arg]
    """The plan PostgreSQL picks when it may not read the table sequentially or walk a B-tree in order:
    a LIKE that the trigram index can answer becomes a bitmap scan of it, any other stays a Seq Scan."""
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_indexscan = off")
        cur.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cur.fetchall())


def test_search_finds_the_same_tasks_on_either_database(world: World) -> None:
    sup = world.actor("supervisor")
    found = {t.pk for t in queries.filter_tasks(sup, queries.TaskFilter(q="财政专项"))}
    assert found == {world.task_b.pk}
    assert not queries.filter_tasks(sup, queries.TaskFilter(q="没有这样的任务内容")).exists()


@pytest.mark.skipif(not ON_POSTGRES, reason="the trigram index exists on PostgreSQL only (SQLite has no GIN)")
def test_the_trigram_index_exists_on_postgres(world: World) -> None:
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        rows = cur.fetchall()
    assert len(rows) == 1
    assert "gin" in rows[0][0] and "gin_trgm_ops" in rows[0][0] and "(text " in rows[0][0]


@pytest.mark.skipif(not ON_POSTGRES, reason="the trigram index exists on PostgreSQL only (SQLite has no GIN)")
def test_the_text_filter_sql_can_use_the_trigram_index(world: World) -> None:
    """The SQL of filter_tasks' keyword condition (Django's ``contains``: ``text::text LIKE %s`` with
    the pattern escaped) is one the index answers. Which plan wins on a registry of four tasks says
    nothing, so the plan of the condition alone is read here; the whole list query's plan at national
    size is in bench/README.md (``bench_pages.py --explain``)."""
    for q in ("财政专项", "50%", "一_二"):  # LIKE's wildcards in the words are escaped, still indexable
        sql, params = Task.objects.filter(text__contains=q).query.sql_with_params()
        plan = _plan(sql, params)
        assert INDEX in plan, plan
    # and the check can fail: a condition the index cannot serve is not planned on it
    sql, params = Task.objects.filter(path_key__endswith="/2").query.sql_with_params()
    assert INDEX not in _plan(sql, params)


@pytest.mark.skipif(not ON_POSTGRES, reason="the 发文字号 index is created on PostgreSQL only")
def test_a_typed_document_number_is_looked_up_by_index(world: World) -> None:
    """The task list's document filter (``TaskFilterForm.clean_document``: ``doc_number = …``)."""
    sql, params = Document.objects.filter(doc_number=world.d2.doc_number).query.sql_with_params()
    plan = _plan(sql, params)
    assert "document_doc_number_idx" in plan, plan
