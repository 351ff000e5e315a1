"""``luoshi load_units FILE.csv``: load units and aliases (columns name,kind,parent,aliases)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext

from luoshi_web.registry.errors import RegistryError
from luoshi_web.registry.units import load_units_csv


class Command(BaseCommand):
    help = "Load units from a CSV file with the header name,kind,parent,aliases (aliases separated by |)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created, aliases = load_units_csv(options["file"])
        except RegistryError as exc:
            self.stderr.write(f"luoshi: {exc.message}")
            sys.exit(2)
        self.stdout.write(
            gettext("新建 %(units)d 个单位，新增 %(aliases)d 个别名") % {"units": created, "aliases": aliases}
        )
