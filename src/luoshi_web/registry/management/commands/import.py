"""``luoshi import FILE... [--json]``: parse documents and import them into the registry.

Each file is its own transaction: a bad file is reported on one line
(``luoshi: FILE：reason [code]``), leaves the database untouched, and the
others still import. The exit status is 2 if any file failed. The lines are for
people, in the default language (Chinese); ``--json`` prints the counts for
machines, with the importer's English keys.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy

from luoshi.errors import LuoshiError
from luoshi_web.registry.errors import RegistryError, located, pipeline_reason
from luoshi_web.registry.importer import ImportResult
from luoshi_web.registry.ingest import import_file

# How one file's outcome reads, per importer outcome and kind (the keys of
# ``ImportResult.as_dict()``); the counts take Chinese measure words, English plurals.
OUTCOME_LINES: dict[str, Promise] = {
    "created": gettext_lazy("新增 %(counts)s"),
    "updated": gettext_lazy("更新 %(counts)s"),
    "unchanged": gettext_lazy("未变 %(counts)s"),
    "dropped": gettext_lazy("删除 %(counts)s"),
}
KIND_COUNTS: dict[str, Promise] = {
    "documents": ngettext_lazy("%(n)d 个文件", "%(n)d 个文件", "n"),
    "tasks": ngettext_lazy("%(n)d 项任务", "%(n)d 项任务", "n"),
    "targets": ngettext_lazy("%(n)d 个指标", "%(n)d 个指标", "n"),
    "references": ngettext_lazy("%(n)d 个引用文件", "%(n)d 个引用文件", "n"),
}


def summary(counts: dict[str, dict[str, int]]) -> str:
    """``新增 1 个文件、3 项任务；未变 …`` for the outcomes that counted anything."""
    parts = []
    for outcome, template in OUTCOME_LINES.items():
        kinds = [str(KIND_COUNTS[kind] % {"n": n}) for kind, n in counts.get(outcome, {}).items() if n]
        if kinds:
            parts.append(str(template) % {"counts": gettext("、").join(kinds)})
    return gettext("；").join(parts) or gettext("没有内容可导入")


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
                message = located(path, pipeline_reason(exc))
                self.stderr.write(f"luoshi: {message} [{exc.code.value}]")
                continue
            except RegistryError as exc:
                failed += 1
                message = exc.message
                if not message.startswith(str(path)):
                    message = located(path, message)
                self.stderr.write(f"luoshi: {message} [{exc.code}]")
                continue
            total.merge(result)
            if not options["json"]:
                self.stdout.write(located(path, summary(result.as_dict())))
        if options["json"]:
            self.stdout.write(json.dumps(total.as_dict(), ensure_ascii=False))
        if failed:
            sys.exit(2)
