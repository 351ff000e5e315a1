"""``luoshi restore FILE.json``: replace the database's contents with a backup."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luoshi_web.registry.backup import restore
from luoshi_web.registry.errors import RegistryError


class Command(BaseCommand):
    help = "Replace the whole database with the contents of a `luoshi backup` file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = restore(options["file"])
        except RegistryError as exc:
            self.stderr.write(f"luoshi: {exc.message}")
            sys.exit(2)
        self.stdout.write(f"{count} objects restored from {options['file']}")
