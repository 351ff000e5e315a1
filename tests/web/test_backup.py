"""Backup and restore round-trip the whole database and the evidence files, all or nothing."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import QuerySet

from luoshi_web.registry import backup as backup_module
from luoshi_web.registry import cycles
from luoshi_web.registry.backup import Counts, backup, restore
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import AuditLog, Document, Evidence, Report

from .conftest import World

MINUTES = "会议纪要：平台已上线。\n".encode() + bytes(range(256))
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00\xff" * 500


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A fresh MEDIA_ROOT per test, so file assertions see only this test's files."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _evidence(report: Report, name: str, data: bytes) -> Evidence:
    return Evidence.objects.create(
        report=report,
        file=ContentFile(data, name=name),
        original_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def _report_with_evidence(world: World) -> Report:
    report = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="备份前")
    _evidence(report, "a-minutes.txt", MINUTES)
    _evidence(report, "b-photo.png", PHOTO)
    return cycles.submit(world.actor("reporter_a"), report)


def _rows(dump: bytes) -> dict[tuple[str, object], dict]:
    return {(o["model"], o["pk"]): o["fields"] for o in json.loads(dump)}


def _database() -> dict[tuple[str, object], dict]:
    out = io.StringIO()
    call_command("dumpdata", format="json", stdout=out, verbosity=0)
    return _rows(out.getvalue().encode())


def _restored_database() -> dict[tuple[str, object], dict]:
    """The database after a restore, less the restore's own audit row (checked to be there, once)."""
    rows = _database()
    events = [
        key for key, fields in rows.items() if key[0] == "registry.auditlog" and fields["action"] == "backup.restore"
    ]
    assert len(events) == 1
    del rows[events[0]]
    return rows


def _files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden staging directories included) with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Copy an archive member by member; ``change`` returns new bytes, or None to leave a member out."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(name, data)


@pytest.mark.django_db(transaction=True)
def test_backup_restore_round_trip_with_evidence(world: World, media: Path, tmp_path: Path) -> None:
    report = _report_with_evidence(world)
    minutes = Path(report.evidence.get(original_name="a-minutes.txt").file.path)
    first = tmp_path / "first.zip"
    counts = backup(first)
    assert counts.objects > 50 and counts.files == 2
    with zipfile.ZipFile(first) as archive:
        assert archive.read("media/" + report.evidence.get(original_name="b-photo.png").file.name) == PHOTO
    before = _database()

    Document.objects.all().delete()  # lose data (audited: the log grows) ...
    minutes.write_bytes(b"overwritten")  # ... and an evidence file's content
    assert Report.objects.count() == 0
    assert restore(first, force=True) == counts
    after = _database()
    (restored,) = [key for key in after if key not in before]  # the restore's own audit row, nothing else
    assert restored[0] == "registry.auditlog" and after.pop(restored)["action"] == "backup.restore"
    assert after == before
    assert minutes.read_bytes() == MINUTES
    assert Report.objects.get().progress == "备份前"
    assert not AuditLog.objects.filter(action="delete", model="registry.document").exists()

    second, third = tmp_path / "second.zip", tmp_path / "third.zip"
    assert backup(second) == Counts(counts.objects + 1, counts.files)
    assert backup(third) == Counts(counts.objects + 1, counts.files)
    assert second.read_bytes() == third.read_bytes()  # the whole archive: database and evidence bytes
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert [(i.filename, i.CRC) for i in a.infolist()[2:]] == [(i.filename, i.CRC) for i in b.infolist()[2:]]
    with zipfile.ZipFile(first) as archive:
        stamps = re.findall(rb'"(?:created_at|submitted_at)": "[^"]+"', archive.read(backup_module.DUMP_NAME))
    assert any(re.search(rb"\.\d{6}", s) for s in stamps)  # microseconds are kept, not cut to milliseconds


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_data_dir(world: World, media: Path, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    _report_with_evidence(world)
    archive = tmp_path / "backup.zip"
    backup(archive)
    before = _database()
    call_command("flush", interactive=False, verbosity=0)  # a new machine: migrated, empty ...
    settings.MEDIA_ROOT = str(tmp_path / "new" / "data" / "evidence")  # ... and no evidence directory yet

    restore(archive)
    assert _restored_database() == before
    for evidence in Evidence.objects.all():
        data = Path(evidence.file.path).read_bytes()
        assert Path(evidence.file.path).is_relative_to(tmp_path / "new")
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (evidence.sha256, evidence.size)
    assert sorted(_files(tmp_path / "new" / "data" / "evidence").values()) == sorted([MINUTES, PHOTO])


def _not_a_zip(good: Path, bad: Path) -> None:
    bad.write_bytes(b"PK\x03\x04 not really a zip")


def _truncated(good: Path, bad: Path) -> None:
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])


def _missing_file(good: Path, bad: Path) -> None:
    _rewrite(good, bad, lambda name, data: None if name.endswith("b-photo.png") else data)


def _wrong_hash(good: Path, bad: Path) -> None:
    _rewrite(good, bad, lambda name, data: data[::-1] if name.endswith("a-minutes.txt") else data)


def _foreign_zip(good: Path, bad: Path) -> None:
    _rewrite(good, bad, lambda name, data: None if name == "luoshi-backup.json" else data)


def _extra_file(good: Path, bad: Path) -> None:
    _rewrite(good, bad, lambda name, data: data)
    with zipfile.ZipFile(bad, "a") as archive:
        archive.writestr("media/evidence/planted.sh", b"echo hi")


def _unsafe_name(good: Path, bad: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        return (
            data.replace(b'"file": "evidence/', b'"file": "../../evidence/')
            if name == backup_module.DUMP_NAME
            else data
        )

    _rewrite(good, bad, change)


def _damaged_member(good: Path, bad: Path) -> None:
    """Flip bytes inside the stored photo: the zip's own CRC check fails on reading."""
    data = bytearray(good.read_bytes())
    start = bytes(data).index(PHOTO[:8])
    data[start + 100 : start + 110] = b"\x01" * 10
    bad.write_bytes(bytes(data))


def _unloadable_dump(good: Path, bad: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        return (
            data.replace(b'"model": "registry.task"', b'"model": "registry.nosuchmodel"')
            if name == backup_module.DUMP_NAME
            else data
        )

    _rewrite(good, bad, change)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "corrupt",
    [
        _not_a_zip,
        _truncated,
        _missing_file,
        _wrong_hash,
        _foreign_zip,
        _extra_file,
        _unsafe_name,
        _damaged_member,
        _unloadable_dump,
    ],
)
def test_a_bad_archive_changes_nothing(
    world: World, media: Path, tmp_path: Path, corrupt: Callable[[Path, Path], None]
) -> None:
    report = _report_with_evidence(world)
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    backup(good)
    corrupt(good, bad)
    # The state to keep differs from the backup: a restore would change rows and files.
    QuerySet.update(Report.objects.filter(pk=report.pk), progress="备份后")  # unaudited: same row count
    Path(report.evidence.get(original_name="a-minutes.txt").file.path).write_bytes(b"edited after the backup")
    Path(report.evidence.get(original_name="b-photo.png").file.path).unlink()
    database, files = _database(), _files(media)

    with pytest.raises(Invalid) as caught:
        restore(bad)
    assert "\n" not in caught.value.message and str(bad) in caught.value.message
    assert _database() == database
    assert _files(media) == files


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_placing_files_puts_everything_back(
    world: World, media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _report_with_evidence(world)
    archive = tmp_path / "backup.zip"
    backup(archive)
    QuerySet.update(Report.objects.filter(pk=report.pk), progress="备份后")  # unaudited: same row count
    Path(report.evidence.get(original_name="a-minutes.txt").file.path).write_bytes(b"to be replaced, then put back")
    Path(report.evidence.get(original_name="b-photo.png").file.path).unlink()  # to be written, then removed
    database, files = _database(), _files(media)

    moves: list[Path] = []
    real_move = backup_module._move

    def failing_move(source: Path, target: Path) -> None:
        moves.append(target)
        if target.name.endswith("b-photo.png") and "previous" not in target.parts:
            raise OSError(28, "No space left on device")  # the last file, after the first was replaced
        real_move(source, target)

    monkeypatch.setattr(backup_module, "_move", failing_move)
    with pytest.raises(Invalid):
        restore(archive)
    assert len(moves) == 3  # minutes placed (the old one kept by a link), photo fails, minutes put back
    assert _database() == database
    assert _files(media) == files


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_when_an_evidence_file_is_missing(world: World, media: Path, tmp_path: Path) -> None:
    report = _report_with_evidence(world)
    Path(report.evidence.get(original_name="b-photo.png").file.path).unlink()
    archive = tmp_path / "backup.zip"
    with pytest.raises(Invalid, match="b-photo"):
        backup(archive)
    assert list(tmp_path.glob("backup.zip*")) == []


@pytest.mark.django_db(transaction=True)
def test_restore_still_reads_a_plain_json_dump(world: World, media: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    call_command("dumpdata", format="json", output=str(old), verbosity=0)
    before = _database()
    Document.objects.all().delete()
    with pytest.raises(Invalid, match="--force"):
        restore(old)  # no counts to check it against: only on purpose
    assert restore(old, force=True).objects == len(json.loads(old.read_text(encoding="utf-8")))
    assert _restored_database() == before


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_broken_json_file_and_keeps_the_data(world: World, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"not": "a backup"}', encoding="utf-8")
    with pytest.raises(Invalid):
        restore(broken)
    assert Document.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_commands_print_counts_and_one_line_errors(
    world: World, media: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _report_with_evidence(world)
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive))
    call_command("restore", str(archive))
    out = capsys.readouterr().out
    assert out.count(str(archive)) == 2 and out.count(" 2 ") == 2  # two evidence files each way

    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"garbage")
    with pytest.raises(SystemExit) as exit_code:
        call_command("restore", str(bad))
    assert exit_code.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("luoshi: ") and err.count("\n") == 1
    with pytest.raises(SystemExit):
        call_command("backup", str(tmp_path / "backup.json"))  # the archive is a zip
    assert list(tmp_path.glob("backup.json*")) == []
