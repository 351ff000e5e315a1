"""The production queue on Redis (``LUOSHI_QUEUE_URL=redis://…``), against a real redis-server.

The tests that need a server run when ``LUOSHI_TEST_REDIS_URL`` names one (CI starts it). When the
variable is set and nothing answers there, they fail and say so: a server that CI meant to test
against must not turn into a quiet skip. Without the variable they are skipped with that reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from huey import RedisHuey, SqliteHuey
from huey.exceptions import TaskLockedException

from luoshi_web.registry import clock
from luoshi_web.registry.models import AuditLog
from luoshi_web.supervision import queue as queue_module
from luoshi_web.supervision.models import Level, Notice, NoticeStep
from luoshi_web.supervision.queue import check, install, make_queue

from .conftest import World
from .test_notices import issue

URL_VAR = "LUOSHI_TEST_REDIS_URL"
UNREACHABLE = "redis://127.0.0.1:1/0"  # port 1: nothing listens there


def reach_redis(url: str) -> None:
    """Fail the test, naming the variable and the reason, unless a Redis server answers at ``url``."""
    try:
        import redis
    except ImportError:
        pytest.fail(f"{URL_VAR}={url} is set but the redis client is not installed: pip install -e '.[redis]'")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(
            f"{URL_VAR}={url} is set but no Redis server answers there ({exc}); "
            "start redis-server or unset the variable"
        )


@pytest.fixture
def redis_url() -> Iterator[str]:
    url = os.environ.get(URL_VAR, "")
    if not url:
        pytest.skip(f"{URL_VAR} is not set: the Redis queue tests need a redis-server (CI sets it)")
    reach_redis(url)
    yield url


@pytest.fixture
def queue_name(redis_url: str) -> Iterator[str]:
    """A queue name of this test alone (the server may be shared); its keys are removed afterwards."""
    import redis

    name = f"luoshitest{uuid.uuid4().hex[:12]}"
    yield name
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"*{name}*"))
    if keys:
        client.delete(*keys)


# --- without a server ------------------------------------------------------------------------


def test_an_unreachable_server_fails_the_test_with_a_clear_message() -> None:
    with pytest.raises(pytest.fail.Exception) as failed:
        reach_redis(UNREACHABLE)
    message = str(failed.value)
    assert f"{URL_VAR}={UNREACHABLE} is set but" in message
    assert "no Redis server answers there" in message or "redis client is not installed" in message


def test_the_url_selects_the_store(tmp_path: Path) -> None:
    assert isinstance(make_queue("redis://127.0.0.1:1/0", name="x"), RedisHuey)  # no connection yet
    assert isinstance(make_queue("rediss://127.0.0.1:1/0", name="x"), RedisHuey)
    sqlite = make_queue(str(tmp_path / "q.sqlite3"), name="x")
    assert isinstance(sqlite, SqliteHuey) and sqlite.storage.filename == str(tmp_path / "q.sqlite3")


def test_redis_without_its_client_is_a_clear_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # as if the extra were not installed
    with pytest.raises(ImproperlyConfigured, match=r"未安装 redis 客户端：请安装 luoshi\[redis\]"):
        make_queue("redis://127.0.0.1:6379/0")


@pytest.mark.django_db
def test_the_worker_refuses_to_start_against_a_redis_that_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    down = make_queue(UNREACHABLE, name="down")
    with pytest.raises(ImproperlyConfigured, match="无法连接任务队列的 Redis"):
        check(down)
    monkeypatch.setattr(queue_module, "huey", down)
    with pytest.raises(CommandError, match="无法连接任务队列的 Redis"):
        call_command("worker")


def test_check_accepts_a_sqlite_queue(tmp_path: Path) -> None:
    check(make_queue(str(tmp_path / "q.sqlite3"), name="x"))  # nothing to reach: no error


# --- against the server ----------------------------------------------------------------------


def test_the_store_is_redis_and_answers(redis_url: str, queue_name: str) -> None:
    queue = make_queue(redis_url, name=queue_name)
    check(queue)
    assert queue.storage.queue_key == f"huey.redis.{queue_name}"

    @queue.task(name="double")
    def double(n: int) -> int:
        return n * 2

    result = double(21)
    assert queue.pending_count() == 1
    queue.execute(queue.dequeue())
    assert result.get() == 42 and queue.pending_count() == 0


WORKER = """
import sys, time
import redis
from huey import RedisHuey

url, name, slot, module = sys.argv[1:5]
queue = RedisHuey(name, url=url, read_timeout=1)
client = redis.Redis.from_url(url)

def mark(n):
    client.hincrby(name + ":runs", str(n), 1)
    client.rpush(name + ":by:" + slot, n)
    time.sleep(0.005)

mark.__module__ = module  # huey names a task by module and name: the producer's
mark = queue.task(name="mark")(mark)

client.rpush(name + ":ready", slot)
client.blpop(name + ":go", 30)
while (task := queue.dequeue()) is not None:
    queue.execute(task)
"""


def test_two_worker_processes_never_run_the_same_job(redis_url: str, queue_name: str, tmp_path: Path) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    queue = RedisHuey(queue_name, url=redis_url)

    @queue.task(name="mark")
    def mark(n: int) -> None:  # the producer's handle on the workers' task (same name)
        raise AssertionError("run by the workers, never here")

    jobs = 200
    for n in range(jobs):
        mark(n)
    script = tmp_path / "worker.py"
    script.write_text(WORKER, encoding="utf-8")
    workers = [
        subprocess.Popen([sys.executable, str(script), redis_url, queue_name, str(slot), __name__]) for slot in (0, 1)
    ]
    try:
        deadline = time.monotonic() + 30
        while client.llen(f"{queue_name}:ready") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.llen(f"{queue_name}:ready") == 2, "the two workers did not start"
        client.rpush(f"{queue_name}:go", "go", "go")  # both start taking jobs at once
        for worker in workers:
            assert worker.wait(60) == 0
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    runs = {int(k): int(v) for k, v in client.hgetall(f"{queue_name}:runs").items()}
    assert sorted(runs) == list(range(jobs))  # every job ran ...
    assert set(runs.values()) == {1}  # ... exactly once
    taken = [{int(n) for n in client.lrange(f"{queue_name}:by:{slot}", 0, -1)} for slot in (0, 1)]
    assert taken[0] and taken[1], "one worker took every job: no race was tested"
    assert not taken[0] & taken[1] and len(taken[0]) + len(taken[1]) == jobs


def test_a_periodic_jobs_lock_is_held_across_workers(redis_url: str, queue_name: str) -> None:
    first, second = (make_queue(redis_url, name=queue_name) for _ in range(2))
    with first.lock_task("luoshi-escalate"):
        with pytest.raises(TaskLockedException):
            with second.lock_task("luoshi-escalate"):
                pass
    with second.lock_task("luoshi-escalate"):  # released: the next day's run takes it
        pass


@pytest.mark.django_db(transaction=True)
def test_the_daily_escalation_through_redis_moves_a_notice_once(
    world: World, redis_url: str, queue_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    notice = issue(world)  # due 7-10, escalates from 7-14
    monkeypatch.setattr(clock, "today", lambda: date(2016, 7, 14))
    queues = [make_queue(redis_url, name=queue_name) for _ in range(2)]
    tasks = [install(q) for q in queues]
    # Two schedulers both fire the day's escalation; two workers take the jobs at the same moment.
    tasks[0]["luoshi.escalate"]()
    tasks[1]["luoshi.escalate"]()
    assert queues[0].pending_count() == 2
    barrier = threading.Barrier(2, timeout=20)
    results: list[object] = []
    errors: list[BaseException] = []

    def worker(q: RedisHuey) -> None:
        try:
            barrier.wait()
            while (task := q.dequeue()) is not None:
                results.append(q.execute(task))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(q,)) for q in queues]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(results) == 2
    notice.refresh_from_db()
    assert notice.level == Level.SUPERVISE
    assert NoticeStep.objects.filter(notice=notice, action="escalate").count() == 1
    assert AuditLog.objects.filter(model="supervision.notice", action="notice.escalate").count() == 1
    assert Notice.objects.get(pk=notice.pk).escalate_on == date(2016, 7, 28)
