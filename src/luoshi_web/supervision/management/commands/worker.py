"""``luoshi worker [--workers N] [--once]``: run the task queue (escalation, reminders, digest daily).

``--once`` runs every daily job now, in this process, and exits (for cron instead of a worker).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from luoshi_web.registry import clock
from luoshi_web.supervision import jobs
from luoshi_web.supervision.management.commands._common import parse_day


class Command(BaseCommand):
    help = "Run the task queue worker (huey) with the daily escalation, reminder and digest jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--once", action="store_true", help="run the daily jobs now and exit")
        parser.add_argument("--today", help="with --once: run as of this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            result = jobs.run_all(parse_day(options.get("today")) or clock.today())
            self.stdout.write(
                gettext("升级督办 %(escalated)s 件，发送提醒 %(reminders)s 条，待办摘要 %(digests)s 条") % result
            )
            return
        from django.core.exceptions import ImproperlyConfigured
        from huey.consumer import Consumer

        try:
            from luoshi_web.supervision.queue import check, huey

            check(huey)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(gettext("任务队列已启动（%(n)s 个工作线程），按 Ctrl+C 停止") % {"n": options["workers"]})
        Consumer(huey, workers=max(1, options["workers"]), periodic=True, worker_type="thread").run()
