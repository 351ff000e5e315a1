"""``luoshi assess --year 2016 -o FILE.xlsx|FILE.docx [--close]``: the year's 目标绩效考核 results."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from luoshi_web.registry.errors import RegistryError
from luoshi_web.supervision import assessment
from luoshi_web.supervision.management.commands._common import acting, parse_day, write_file


class Command(BaseCommand):
    help = "目标绩效考核: compute (or, once closed, read) each unit's score and write them to .xlsx; --close freezes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--close", action="store_true", help="freeze the year's results first")
        parser.add_argument("--today", help="compute as of this date (YYYY-MM-DD)")
        parser.add_argument("--user", help="the supervisor account closing is audited under")

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_day(options.get("today"))
        try:
            if options["close"]:
                assessment.close_year(acting(options.get("user")), options["year"], today=today)
            if options["output"].lower().endswith(".docx"):
                write_file(options["output"], assessment.export_docx(options["year"], today=today))
                count = len(assessment.compute(options["year"], today=today))
            else:
                count = assessment.export(options["year"], options["output"], today=today)
        except RegistryError as exc:
            raise CommandError(exc.message) from None
        except OSError as exc:
            raise CommandError(
                gettext("无法写入文件 %(path)s：%(error)s") % {"path": options["output"], "error": exc.strerror}
            ) from None
        self.stdout.write(
            gettext("%(year)s年度考核：%(n)s 个单位 → %(path)s")
            % {"year": options["year"], "n": count, "path": options["output"]}
        )
