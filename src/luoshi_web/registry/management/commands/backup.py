"""``luoshi backup FILE.zip``: write the database and every evidence file to one zip archive."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext, gettext_noop

from luoshi_web.registry.backup import Counts, backup
from luoshi_web.registry.errors import RegistryError
from luoshi_web.registry.ingest import when_free


class Command(BaseCommand):
    """Also the base of ``luoshi restore``: one file argument, one line out, exit 2 on a bad file."""

    help = "Write the whole database and the evidence files to a .zip archive (restore it with `luoshi restore`)."
    run: Callable[[Path], Counts] = staticmethod(backup)
    done = gettext_noop("已将 %(count)d 个对象和 %(files)d 个佐证材料文件写入 %(path)s")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def call(self, file: Path, options: dict[str, Any]) -> Counts:
        return self.run(file)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = when_free(lambda: self.call(options["file"], options))
        except RegistryError as exc:
            self.stderr.write(f"luoshi: {exc.message}")
            sys.exit(2)
        self.stdout.write(
            gettext(self.done) % {"count": counts.objects, "files": counts.files, "path": options["file"]}
        )
