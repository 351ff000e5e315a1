"""A publish racing a task insert on the same document leaves no stale ``document_published``.

Two threads, each with its own database connection, on PostgreSQL (SQLite has one writer at a
time, so the race cannot happen there). Each test holds one side's transaction open, with
its write done, while the other side runs; without the document's row lock in the insert
(``Task.save``), the other side does not wait and the new task keeps the old value.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from luoshi_web.registry.models import Document, Task

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only (DATABASE_URL)"),
]

HOLD = 1.5  # seconds the first transaction stays open after its write, waiting for the other side


def _in_thread(target: Callable[[], None], errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            target()
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _draft() -> Document:
    return Document.objects.create(key="race-doc", title="关于竞态的通知", published=False)


def _insert(document_id: int, path_key: str) -> Task:
    return Task.objects.create(document_id=document_id, path=[path_key], path_key=path_key, text="新增任务")


def test_an_insert_during_an_open_publish_waits_and_reads_published() -> None:
    doc = _draft()
    published_uncommitted, inserted = threading.Event(), threading.Event()
    moments: dict[str, float] = {}
    errors: list[BaseException] = []

    def publish() -> None:
        with transaction.atomic():
            d = Document.objects.get(pk=doc.pk)
            d.published = True
            d.save()
            published_uncommitted.set()
            inserted.wait(HOLD)  # the insert must not get through while this is open
            moments["published"] = time.monotonic()

    def insert() -> None:
        assert published_uncommitted.wait(10)
        _insert(doc.pk, "1")
        moments["inserted"] = time.monotonic()
        inserted.set()

    threads = [_in_thread(publish, errors), _in_thread(insert, errors)]
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    assert list(Task.objects.filter(document=doc).values_list("document_published", flat=True)) == [True]
    assert moments["inserted"] > moments["published"]  # it waited for the publish to commit


def test_a_publish_during_an_open_insert_waits_and_reaches_the_new_task() -> None:
    doc = _draft()
    inserted_uncommitted, published = threading.Event(), threading.Event()
    moments: dict[str, float] = {}
    errors: list[BaseException] = []

    def insert() -> None:
        with transaction.atomic():
            _insert(doc.pk, "1")
            inserted_uncommitted.set()
            published.wait(HOLD)
            moments["inserted"] = time.monotonic()

    def publish() -> None:
        assert inserted_uncommitted.wait(10)
        d = Document.objects.get(pk=doc.pk)
        d.published = True
        d.save()
        moments["published"] = time.monotonic()
        published.set()

    threads = [_in_thread(insert, errors), _in_thread(publish, errors)]
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    assert list(Task.objects.filter(document=doc).values_list("document_published", flat=True)) == [True]
    assert moments["published"] > moments["inserted"]


def test_without_a_race_a_task_of_a_draft_stays_private_and_of_a_published_document_public() -> None:
    doc = _draft()
    assert _insert(doc.pk, "1").document_published is False
    doc.published = True
    doc.save()
    assert _insert(doc.pk, "2").document_published is True
    assert set(Task.objects.filter(document=doc).values_list("document_published", flat=True)) == {True}
