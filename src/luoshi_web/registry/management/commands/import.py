"""``luoshi import FILE... [--json]``: parse documents and import them into the registry.

Each file is its own transaction: a bad file is reported on one line
(``luoshi: FILE: reason [code]``), leaves the database untouched, and the
others still import. The exit status is 2 if any file failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luoshi.errors import LuoshiError
from luoshi_web.registry.errors import RegistryError
from luoshi_web.registry.importer import ImportResult
from luoshi_web.registry.ingest import import_file


class Command(BaseCommand):
    help = "Parse documents (or luoshi.parse/1 JSON files) and import them into the registry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--json", action="store_true", help="print the counts as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        total = ImportResult()
        failed = 0
        for path in options["files"]:
            try:
                result = import_file(path)
            except LuoshiError as exc:
                failed += 1
                self.stderr.write(f"luoshi: {path}: {exc.reason} [{exc.code.value}]")
                continue
            except RegistryError as exc:
                failed += 1
                message = exc.message if exc.message.startswith(str(path)) else f"{path}: {exc.message}"
                self.stderr.write(f"luoshi: {message} [{exc.code}]")
                continue
            total.merge(result)
            if not options["json"]:
                counts = result.as_dict()
                self.stdout.write(
                    f"{path}: "
                    + "; ".join(
                        f"{outcome} " + ", ".join(f"{n} {kind}" for kind, n in counts[outcome].items() if n)
                        for outcome in ("created", "updated", "unchanged", "dropped")
                        if any(counts[outcome].values())
                    )
                )
        if options["json"]:
            self.stdout.write(json.dumps(total.as_dict(), ensure_ascii=False))
        if failed:
            sys.exit(2)
