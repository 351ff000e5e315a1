"""``luoshi assess --year 2016 -o FILE.xlsx|FILE.docx [--close]``: the year's 目标绩效考核 results."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext
from xlsxwriter.exceptions import FileCreateError

from luoshi_web.registry.errors import RegistryError
from luoshi_web.supervision import assessment
from luoshi_web.supervision.management.commands._common import acting, parse_day, unwritable, write_file

# A year outside these is a typing slip; computing it would only leave an empty scheme behind.
FIRST_YEAR, LAST_YEAR = 1990, 2100


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
        if not FIRST_YEAR <= options["year"] <= LAST_YEAR:
            raise CommandError(
                gettext("年度“%(year)s”无效，应在 %(first)s 到 %(last)s 之间")
                % {"year": options["year"], "first": FIRST_YEAR, "last": LAST_YEAR}
            )
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
        except (OSError, FileCreateError) as exc:
            raise unwritable(options["output"], exc) from None
        self.stdout.write(
            gettext("%(year)s年度考核：%(n)s 个单位 → %(path)s")
            % {"year": options["year"], "n": count, "path": options["output"]}
        )
