"""The ``luoshi`` console command.

``luoshi parse ...`` goes straight to the pipeline's CLI without importing
Django, so parsing stays fast and works without a database. Every other
command is a Django management command of the registry (``migrate``,
``import``, ``serve``, ``demo``, ``backup``, ``restore``, ``load_units``,
``token``, ``createsuperuser`` ...).
"""

from __future__ import annotations

import os
import sys

PIPELINE_COMMANDS = frozenset({"parse"})

USAGE = """usage: luoshi COMMAND [ARGS]

pipeline (no database):
  parse FILE...            parse documents to luoshi.parse/1 JSON (luoshi parse --help)

registry (SQLite ./luoshi.sqlite3 by default; DATABASE_URL for PostgreSQL):
  migrate                  create or upgrade the database tables
  import FILE... [--json]  parse and import documents (or luoshi.parse/1 .json files)
  serve [--host H] [--port N]   run the web server (waitress), 127.0.0.1:8000 by default
  demo [--port N]          migrate, import the seed gazette, create demo accounts, serve
  load_units FILE.csv      load units (name,kind,parent,aliases)
  token USERNAME           issue an API bearer token
  backup FILE.zip / restore FILE.zip   the whole database and the evidence files
  createsuperuser          create an administrator account

supervision (督查督办):
  notices escalate [--today D]          escalate unanswered 督办 notices that are due (cron)
  notices document ID -o FILE.docx      a notice's 督办单 in official layout
  ledger export [--unit U] [--document D] [--status S] -o FILE.xlsx    the 台账
  ledger import FILE.xlsx [--dry-run] [--user U]   apply an edited 台账 (all rows valid or nothing)
  bulletin --period 2016Q2 -o FILE.docx [--issue]   a period's 通报 (quarter, 2016H1, 2016)
  assess --year 2016 -o FILE.xlsx [--close]         目标绩效考核 results
  worker [--once]          the task queue: daily escalation, reminders, digest
  dashboard refresh [--today D]   recompute the leaders' dashboard now (the daily job does it too)
  help                     list every management command

Messages are in Chinese; LUOSHI_LANGUAGE=en switches the registry commands to English.
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in PIPELINE_COMMANDS:
        from luoshi.cli import main as pipeline_main

        return int(pipeline_main(args) or 0)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE, end="")
        return 0 if args else 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["luoshi", *args])
    except SystemExit as exc:  # management commands exit through SystemExit
        return int(exc.code) if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
