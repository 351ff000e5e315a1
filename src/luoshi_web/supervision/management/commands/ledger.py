"""``luoshi ledger export [filters] -o FILE.xlsx`` and ``luoshi ledger import FILE.xlsx [--dry-run] --user U``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext
from xlsxwriter.exceptions import FileCreateError

from luoshi_web.registry import clock
from luoshi_web.registry.errors import RegistryError
from luoshi_web.supervision import ledger
from luoshi_web.supervision.management.commands._common import acting, document_id, parse_day, unit_id, unwritable
from luoshi_web.supervision.selection import TaskSelection


class Command(BaseCommand):
    help = "台账: export a task list to .xlsx; import an edited ledger back (every row validated first)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        out = sub.add_parser("export", help="write the ledger of the selected tasks")
        out.add_argument("-o", "--output", required=True)
        out.add_argument("--unit", help="unit id or name")
        out.add_argument("--document", help="document id or 发文字号")
        out.add_argument("--status", help="not_started, in_progress, at_risk, overdue, completed")
        out.add_argument("--deadline-from")
        out.add_argument("--deadline-to")
        out.add_argument("--q", default="", help="text the task contains")
        out.add_argument("--today", help="status as of this date (YYYY-MM-DD)")
        out.add_argument("--user", help="export what this user may see (default: everything)")
        inp = sub.add_parser("import", help="apply an edited ledger")
        inp.add_argument("file")
        inp.add_argument("--dry-run", action="store_true", help="validate and show the changes, apply nothing")
        inp.add_argument("--user", help="the supervisor account the changes are audited under")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "export":
                self.export(options)
            else:
                self.import_(options)
        except ledger.LedgerInvalid as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            self.stderr.write("luoshi: " + exc.message)
            sys.exit(1)
        except RegistryError as exc:
            raise CommandError(exc.message) from None

    def export(self, options: dict[str, Any]) -> None:
        selection = TaskSelection(
            unit=unit_id(options.get("unit")),
            document=document_id(options.get("document")),
            status=options.get("status"),
            deadline_from=parse_day(options.get("deadline_from")),
            deadline_to=parse_day(options.get("deadline_to")),
            q=options.get("q") or "",
        )
        today = parse_day(options.get("today")) or clock.today()
        try:
            count = ledger.export(acting(options.get("user")), selection, today, options["output"])
        except (OSError, FileCreateError) as exc:
            raise unwritable(options["output"], exc) from None
        self.stdout.write(gettext("已导出 %(n)s 项任务到 %(path)s") % {"n": count, "path": options["output"]})

    def import_(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(gettext("文件不存在：%(path)s") % {"path": path})
        actor = acting(options.get("user"), required=not options["dry_run"])
        result = ledger.import_ledger(actor, path.read_bytes(), dry_run=options["dry_run"])
        for change in result.changes:
            self.stdout.write(str(change))
        if result.applied:
            message = gettext("已导入 %(n)s 处修改（共 %(rows)s 行）")
        elif options["dry_run"]:
            message = gettext("试导入：%(n)s 处修改（共 %(rows)s 行），未写入")
        else:
            message = gettext("没有修改（共 %(rows)s 行）")
        self.stdout.write(message % {"n": len(result.changes), "rows": result.rows})
