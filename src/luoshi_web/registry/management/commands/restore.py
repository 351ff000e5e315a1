"""``luoshi restore FILE.zip``: replace the database and the evidence files with a backup, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_noop

from luoshi_web.registry.backup import Counts, restore
from luoshi_web.registry.management.commands.backup import Command as BackupCommand


class Command(BackupCommand):
    help = (
        "Replace the whole database and its evidence files with a `luoshi backup` archive "
        "(an earlier version's .json dump restores the database only)."
    )
    run: Callable[[Path], Counts] = staticmethod(restore)
    done = gettext_noop("已从 %(path)s 恢复 %(count)d 个对象和 %(files)d 个佐证材料文件")

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database holding more rows, or restore an unverifiable archive (version 1, .json)",
        )

    def call(self, file: Path, options: dict[str, Any]) -> Counts:
        return restore(file, force=options["force"])
