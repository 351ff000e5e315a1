"""Restore refuses what is not a plausible full backup of this installation, in bounded memory.

Each case: a database worth keeping, an archive that would destroy it, and the check that
``restore`` refuses with one line and leaves every row (users and audit log included) as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import QuerySet

from luoshi_web.registry import backup as backup_module
from luoshi_web.registry.backup import DUMP_NAME, MANIFEST_NAME, backup, restore
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import AuditLog, Document, Unit

from .conftest import World


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _state() -> dict[str, int]:
    out = io.StringIO()
    call_command("dumpdata", format="jsonl", stdout=out, verbosity=0)
    counts: dict[str, int] = {}
    for line in out.getvalue().splitlines():
        model = json.loads(line)["model"]
        counts[model] = counts.get(model, 0) + 1
    return counts


def _parts(archive: Path) -> tuple[dict[str, Any], list[str]]:
    with zipfile.ZipFile(archive) as z:
        return json.loads(z.read(MANIFEST_NAME)), z.read(DUMP_NAME).decode().splitlines()


def _write(target: Path, manifest: dict[str, Any], lines: list[str], *, fix_dump: bool = True) -> None:
    """An archive with this manifest and dump; ``fix_dump`` makes the declared size and SHA-256 true."""
    dump = "".join(line + "\n" for line in lines).encode()
    if fix_dump:
        manifest = {
            **manifest,
            "dump": {"name": DUMP_NAME, "size": len(dump), "sha256": hashlib.sha256(dump).hexdigest()},
        }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(MANIFEST_NAME, json.dumps(manifest))
        z.writestr(DUMP_NAME, dump)


def _refused(archive: Path, *needles: str, force: bool = False) -> str:
    before, users, log = _state(), get_user_model().objects.count(), AuditLog.objects.count()
    with pytest.raises(Invalid) as caught:
        restore(archive, force=force)
    message = caught.value.message
    assert "\n" not in message and str(archive) in message
    for needle in needles:
        assert needle in message
    assert _state() == before
    assert (get_user_model().objects.count(), AuditLog.objects.count()) == (users, log)
    return message


@pytest.mark.django_db(transaction=True)
def test_an_empty_dump_in_a_version_1_archive_is_refused(world: World, media: Path, tmp_path: Path) -> None:
    """The reported attack: ``db.json`` holding ``[]`` used to empty every table and exit 0."""
    archive = tmp_path / "empty.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(MANIFEST_NAME, json.dumps({"format": "luoshi-backup", "version": 1}))
        z.writestr("db.json", "[]")
    _refused(archive, "--force")


@pytest.mark.django_db(transaction=True)
def test_a_plain_json_with_one_unit_row_is_refused(world: World, tmp_path: Path) -> None:
    dump = tmp_path / "one.json"
    dump.write_text(json.dumps([{"model": "registry.unit", "pk": 99, "fields": {"name": "x", "kind": "other"}}]))
    _refused(dump, "--force")


@pytest.mark.django_db(transaction=True)
def test_a_manifest_claiming_more_users_than_the_dump_holds_is_refused(
    world: World, media: Path, tmp_path: Path
) -> None:
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    backup(good)
    manifest, lines = _parts(good)
    _write(bad, manifest, [line for line in lines if '"model": "auth.user"' not in line])
    _refused(bad, "auth.user", str(get_user_model().objects.count()))
    lines_without_log = [line for line in lines if '"model": "registry.auditlog"' not in line]
    _write(bad, manifest, lines_without_log)
    _refused(bad, "registry.auditlog")


@pytest.mark.django_db(transaction=True)
def test_a_dump_that_does_not_match_its_declared_sha256_is_refused(world: World, media: Path, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    backup(good)
    manifest, lines = _parts(good)
    _write(bad, manifest, [line.replace("省财政厅", "省财政局") for line in lines], fix_dump=False)
    _refused(bad, "SHA-256")


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_another_schema_is_refused(world: World, media: Path, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    backup(good)
    manifest, lines = _parts(good)
    _write(bad, {**manifest, "migrations": [m for m in manifest["migrations"] if m != "registry.0003_task_due"]}, lines)
    _refused(bad, "registry.0003_task_due")
    counts = {k: v for k, v in manifest["counts"].items() if k != "registry.evaluation"}
    _write(bad, {**manifest, "counts": counts}, lines)
    _refused(bad, "registry.evaluation")


@pytest.mark.django_db(transaction=True)
def test_fewer_rows_replace_more_only_with_force(world: World, media: Path, tmp_path: Path) -> None:
    small = tmp_path / "small.zip"
    backup(small)
    small_rows = sum(_parts(small)[0]["counts"].values())
    for n in range(3):
        Unit.objects.create(name=f"新单位{n}")
    current = sum(_state().values())
    message = _refused(small, "--force", str(small_rows), str(current))
    assert "审计日志" in message or "audit" in message
    restore(small, force=True)
    assert not Unit.objects.filter(name__startswith="新单位").exists()
    event = AuditLog.objects.get(action="backup.restore")
    assert event.after["forced"] is True and event.before == {"rows": current}


@pytest.mark.django_db(transaction=True)
def test_the_same_or_more_rows_restore_without_force(world: World, media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.zip"
    backup(archive)
    QuerySet.update(Unit.objects.filter(name="省财政厅"), name="改名")  # same rows, other data, no audit row
    restore(archive)
    assert Unit.objects.filter(name="省财政厅").exists()
    assert AuditLog.objects.filter(action="backup.restore", after__forced=False).count() == 1


def _bomb(target: Path, manifest: dict[str, Any], size: int, declared: int) -> None:
    """A ``db.jsonl`` of ``size`` zero bytes (a newline-free line), deflated to a few hundred KB."""
    chunk = b"0" * (4 << 20)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            MANIFEST_NAME, json.dumps({**manifest, "dump": {"name": DUMP_NAME, "size": declared, "sha256": "0" * 64}})
        )
        info = zipfile.ZipInfo(DUMP_NAME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as member:
            for _ in range(size // len(chunk)):
                member.write(chunk)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("honest_manifest", [True, False])
def test_a_zip_bomb_is_refused_without_inflating_it(
    world: World, media: Path, tmp_path: Path, honest_manifest: bool
) -> None:
    good, bomb = tmp_path / "good.zip", tmp_path / "bomb.zip"
    backup(good)
    manifest, _lines = _parts(good)
    size = 256 << 20  # inflated: four times the cap on one row
    _bomb(bomb, manifest, size, declared=size if honest_manifest else 1000)
    assert bomb.stat().st_size < 20 << 20
    tracemalloc.start()
    try:
        message = _refused(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * backup_module.MAX_ROW_BYTES + (16 << 20), peak  # a row's cap, not the gigabyte
    assert ("字节" in message) or ("bytes" in message)


@pytest.mark.django_db(transaction=True)
def test_a_dump_above_the_configured_cap_is_refused_from_its_declared_size(
    world: World, media: Path, tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / "site.zip"
    backup(archive)
    settings.LUOSHI_RESTORE_MAX_BYTES = 1000
    _refused(archive, "LUOSHI_RESTORE_MAX_BYTES")


@pytest.mark.django_db(transaction=True)
def test_backup_archives_are_private(world: World, media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.zip"
    backup(archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


@pytest.mark.django_db(transaction=True)
def test_flush_leaves_its_audit_row(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_AUDIT_FLUSH = True
    assert AuditLog.objects.count() > 0 and Document.objects.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert not Document.objects.exists()
    (event,) = AuditLog.objects.all()
    assert event.action == "database.flush" and event.before["rows"] > 50
    assert event.actor_name.startswith("system:")


@pytest.mark.django_db(transaction=True)
def test_the_restore_command_takes_force(
    world: World, media: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "site.zip"
    backup(archive)
    Unit.objects.create(name="又一个单位")
    with pytest.raises(SystemExit) as code:
        call_command("restore", str(archive))
    assert code.value.code == 2 and "--force" in capsys.readouterr().err
    call_command("restore", str(archive), "--force")
    assert not Unit.objects.filter(name="又一个单位").exists()
