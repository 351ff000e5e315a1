"""The task queue (huey): daily escalation, reminders and the attention digest.

The queue's store is a SQLite file beside the database (``luoshi-queue.sqlite3`` in
the data dir) on the embedded default, or Redis in production (``LUOSHI_QUEUE_URL=
redis://…``, with the ``redis`` package installed). A worker takes a job by deleting
its row (``DELETE … WHERE id = ?`` must hit one row), so two workers never run the
same job; each periodic job also holds a queue lock while it runs, and the work it
does is itself claim-safe (``notices.escalate_due``) and idempotent (messages keyed
by event), so a second scheduler repeating it changes nothing. Start it with
``luoshi worker``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from huey import RedisHuey, SqliteHuey, crontab

from luoshi_web.registry import clock
from luoshi_web.supervision import conf, jobs


def make_queue() -> Any:
    url = str(conf.get("LUOSHI_QUEUE_URL"))
    if url.startswith(("redis://", "rediss://")):
        return RedisHuey("luoshi", url=url)  # needs the redis package, not installed by default
    path = Path(url) if url else Path(settings.DATA_DIR) / "luoshi-queue.sqlite3"
    return SqliteHuey("luoshi", filename=str(path))


huey = make_queue()
DAILY = crontab(minute="0", hour=str(conf.get("LUOSHI_JOBS_HOUR")))


def _with_db(job: Any, name: str) -> dict[str, int] | int:
    close_old_connections()
    try:
        with huey.lock_task(name):
            return job(clock.today())
    finally:
        close_old_connections()


@huey.periodic_task(DAILY, name="luoshi.escalate")
def escalate_job() -> Any:
    return _with_db(jobs.escalate, "luoshi-escalate")


@huey.periodic_task(DAILY, name="luoshi.remind")
def remind_job() -> Any:
    return _with_db(jobs.remind, "luoshi-remind")


@huey.periodic_task(DAILY, name="luoshi.attention")
def attention_job() -> Any:
    return _with_db(jobs.attention, "luoshi-attention")
