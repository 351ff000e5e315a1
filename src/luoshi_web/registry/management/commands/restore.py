"""``luoshi restore FILE.zip``: replace the database and the evidence files with a backup, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
