"""``luoshi notices escalate [--today YYYY-MM-DD]``: escalate unanswered 督办 notices that are due (for cron)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from luoshi_web.supervision import notices


def parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(gettext("日期“%(text)s”格式不对，应为 YYYY-MM-DD") % {"text": text}) from None


class Command(BaseCommand):
    help = "督办事项：escalate moves every unanswered notice past its escalation day up one level."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        escalate = sub.add_parser("escalate", help="escalate unanswered notices that are due")
        escalate.add_argument("--today", help="the date to run as (YYYY-MM-DD), default today")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_day(options.get("today"))
        done = notices.escalate_due(today)
        for notice in done:
            self.stdout.write(
                gettext("%(number)s：%(unit)s，升级为%(level)s，整改期限 %(due)s")
                % {
                    "number": notice.number,
                    "unit": notice.unit.name,
                    "level": notice.get_level_display(),
                    "due": notice.rectify_due.isoformat(),
                }
            )
        self.stdout.write(gettext("共升级 %(count)s 件督办事项") % {"count": len(done)})
