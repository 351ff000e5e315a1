"""Whole-database backup and restore as Django JSON fixtures.

The dump holds every table (content types and permissions included, with their
primary keys), so restoring it into a migrated database, after emptying it,
reproduces the same rows: backing up again yields the same data. Restore runs
in one transaction: a broken file leaves the current data as it was.
Evidence files live on disk (MEDIA_ROOT) and are not inside the dump.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from luoshi_web.registry.errors import Invalid

# Django's own cache of sessions is not data worth restoring, but it is a table:
# keep it so "the whole database" means exactly that.
EXCLUDED: list[str] = []


def backup(path: Path) -> int:
    """Write the database to ``path``; returns the number of objects written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    call_command("dumpdata", format="json", output=str(path), exclude=EXCLUDED, verbosity=0)
    return len(json.loads(path.read_text(encoding="utf-8")))


def restore(path: Path) -> int:
    """Replace the database's contents with the dump at ``path``; returns the object count."""
    if path.suffix != ".json":
        raise Invalid(f"{path}: a backup file must end in .json")
    try:
        objects = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(f"{path}: not a readable backup: {exc}") from None
    if not isinstance(objects, list) or not all(isinstance(o, dict) and "model" in o for o in objects):
        raise Invalid(f"{path}: not a Luoshi backup (expected a JSON list of Django objects)")
    with transaction.atomic():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        call_command("loaddata", str(path), verbosity=0)
    return len(objects)
