"""The task queue (huey): daily escalation, reminders and the attention digest.

The queue's store is a SQLite file beside the database (``luoshi-queue.sqlite3`` in
the data dir) on the embedded default, or Redis in production (``LUOSHI_QUEUE_URL=
redis://…``, with the optional extra ``luoshi[redis]`` installed). On SQLite a worker takes
a job by deleting its row (``DELETE … WHERE id = ?`` must hit one row); on Redis by popping
it from a list (``BRPOP``, atomic in the server); either way two workers never run the
same job. Each periodic job also holds a queue lock while it runs, and the work it
does is itself claim-safe (``notices.escalate_due``) and idempotent (messages keyed
by event), so a second scheduler repeating it changes nothing. Start it with
``luoshi worker``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections
from django.utils.translation import gettext
from huey import RedisHuey, SqliteHuey, crontab

from luoshi_web.registry import clock
from luoshi_web.supervision import conf, jobs

REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def make_queue(url: str | None = None, *, name: str = "luoshi") -> Any:
    """The queue for ``url`` (default ``LUOSHI_QUEUE_URL``): Redis for ``redis://…``, else a SQLite file."""
    url = str(conf.get("LUOSHI_QUEUE_URL") if url is None else url)
    if url.startswith(REDIS_SCHEMES):
        try:
            import redis  # noqa: F401  (the optional extra: pip install 'luoshi[redis]')
        except ImportError:
            raise ImproperlyConfigured(
                gettext("LUOSHI_QUEUE_URL 指向 Redis，但未安装 redis 客户端：请安装 luoshi[redis]")
            ) from None
        return RedisHuey(name, url=url)
    path = Path(url) if url else Path(settings.DATA_DIR) / "luoshi-queue.sqlite3"
    return SqliteHuey(name, filename=str(path))


def check(queue: Any) -> None:
    """Reach the queue's store now, so a worker started against a Redis that is down says so at once."""
    conn = getattr(queue.storage, "conn", None)
    if isinstance(queue, RedisHuey) and conn is not None:
        from redis.exceptions import RedisError

        try:
            conn.ping()
        except RedisError as exc:
            raise ImproperlyConfigured(
                gettext("无法连接任务队列的 Redis（%(url)s）：%(error)s")
                % {"url": conf.get("LUOSHI_QUEUE_URL"), "error": exc}
            ) from None


DAILY = crontab(minute="0", hour=str(conf.get("LUOSHI_JOBS_HOUR")))
# The daily jobs by queue task name, and the queue lock each holds while it runs.
JOBS: dict[str, tuple[Callable[[date], Any], str]] = {
    "luoshi.escalate": (jobs.escalate, "luoshi-escalate"),
    "luoshi.remind": (jobs.remind, "luoshi-remind"),
    "luoshi.attention": (jobs.attention, "luoshi-attention"),
    "luoshi.dashboard": (jobs.refresh_dashboard, "luoshi-dashboard"),
}


def _with_db(queue: Any, job: Callable[[date], Any], lock: str) -> Any:
    close_old_connections()
    try:
        with queue.lock_task(lock):
            return job(clock.today())
    finally:
        close_old_connections()


def install(queue: Any) -> dict[str, Any]:
    """Register the daily jobs on ``queue`` (a worker's queue, or a test's); returns them by name."""
    tasks = {}
    for name, (job, lock) in JOBS.items():

        def run(job: Callable[[date], Any] = job, lock: str = lock) -> Any:
            return _with_db(queue, job, lock)

        tasks[name] = queue.periodic_task(DAILY, name=name)(run)
    return tasks


huey = make_queue()
TASKS = install(huey)
escalate_job = TASKS["luoshi.escalate"]
remind_job = TASKS["luoshi.remind"]
attention_job = TASKS["luoshi.attention"]
dashboard_job = TASKS["luoshi.dashboard"]
