"""``luoshi backup FILE.json``: write the whole database to a JSON file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luoshi_web.registry.backup import backup


class Command(BaseCommand):
    help = "Write the whole database to a JSON file (restore it with `luoshi restore`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        count = backup(options["file"])
        self.stdout.write(f"{count} objects written to {options['file']}")
