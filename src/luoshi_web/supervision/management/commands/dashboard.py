"""``luoshi dashboard refresh [--today YYYY-MM-DD]``: recompute the leaders' dashboard's summary now.

The daily job (``luoshi worker``, ``luoshi worker --once``) does the same every morning; this
command is for cron on its own schedule, or after a large import, so the page shows today's figures.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext

from luoshi_web.registry import clock
from luoshi_web.supervision import dashboard
from luoshi_web.supervision.management.commands._common import parse_day


class Command(BaseCommand):
    help = "领导驾驶舱：refresh recomputes the dashboard's summary tables (counts, punctuality, targets)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser("refresh", help="recompute the dashboard's summary as of a day")
        refresh.add_argument("--today", help="the date to compute as (YYYY-MM-DD), default today")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_day(options.get("today")) or clock.today()
        done = dashboard.refresh(today)
        self.stdout.write(
            gettext(
                "驾驶舱已统计至 %(day)s：%(documents)s 个文件，%(units)s 个单位，%(targets)s 项指标，用时 %(s).1f 秒"
            )
            % {
                "day": done.as_of.isoformat(),
                "documents": done.documents,
                "units": done.units,
                "targets": done.targets,
                "s": done.seconds,
            }
        )
