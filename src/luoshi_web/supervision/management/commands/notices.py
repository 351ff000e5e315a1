"""``luoshi notices escalate [--today YYYY-MM-DD]``: escalate unanswered 督办 notices that are due (for cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from luoshi_web.supervision import notices
from luoshi_web.supervision.management.commands._common import parse_day, write_file
from luoshi_web.supervision.models import Notice
from luoshi_web.supervision.notice_document import notice_docx


class Command(BaseCommand):
    help = "督办事项：escalate moves every unanswered notice past its escalation day up one level."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        escalate = sub.add_parser("escalate", help="escalate unanswered notices that are due")
        escalate.add_argument("--today", help="the date to run as (YYYY-MM-DD), default today")
        document = sub.add_parser("document", help="write a notice's 督办单 (.docx) at its current or a given level")
        document.add_argument("notice_id", type=int)
        document.add_argument("-o", "--output", required=True)
        document.add_argument("--level", type=int, help="the level whose document to write (default: current)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "document":
            self.document(options)
            return
        today = parse_day(options.get("today"))
        done = notices.escalate_due(today)
        for notice in done:
            notices.announce(notice)  # the unit's inbox and e-mail, as when the worker escalates
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

    def document(self, options: dict[str, Any]) -> None:
        notice = Notice.objects.select_related("task__document", "unit").filter(pk=options["notice_id"]).first()
        if notice is None:
            raise CommandError(gettext("督办事项 %(pk)s 不存在") % {"pk": options["notice_id"]})
        step = None
        if options.get("level") is not None:
            step = notice.steps.filter(level=options["level"], action__in=["issue", "escalate"]).first()
            if step is None:
                raise CommandError(gettext("此督办事项没有到过第 %(level)s 级") % {"level": options["level"]})
        write_file(options["output"], notice_docx(notice, step))
        self.stdout.write(options["output"])
