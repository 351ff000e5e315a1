"""Whole-registry backup and restore: the database and the evidence files in one zip archive.

Evidence rows only point at files under MEDIA_ROOT, so a database dump alone
restores, on a new machine, rows whose files are gone. A backup is therefore
one zip archive (its name ends in ``.zip``) holding

``luoshi-backup.json``  what the archive is: ``{"format": "luoshi-backup", "version": 1}``
``db.json``             the whole database as Django JSON fixtures (``dumpdata``)
``media/<name>``        each evidence file, at its FileField name relative to MEDIA_ROOT

The dump holds every table (content types and permissions included, with their
primary keys), so restoring it into a migrated database, after emptying it,
reproduces the same rows. Members are written in a fixed order with a fixed
timestamp, so backing up again after a restore yields the same bytes.

Restore is all or nothing. It first reads the manifest and ``db.json`` and
checks that the archive holds exactly the files the evidence rows name, writing
nothing; then it copies the files into a staging directory inside MEDIA_ROOT,
checking each one's size and SHA-256 against its row on the way (each file is
read once), replaces the database in one transaction and moves the staged files
into place within it. If anything fails, the staging directory is removed, the
transaction rolls back, files it wrote are removed and files it replaced are
put back. Files under MEDIA_ROOT that the backup does not name are left alone.
Plain ``.json`` dumps of earlier versions still restore (database only).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext

from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import Evidence

# Django's own cache of sessions is not data worth restoring, but it is a table:
# keep it so "the whole database" means exactly that.
EXCLUDED: list[str] = []

MANIFEST_NAME = "luoshi-backup.json"
MANIFEST = {"format": "luoshi-backup", "version": 1}
DUMP_NAME = "db.json"
MEDIA_PREFIX = "media/"
# Other apps' rows that point at files under MEDIA_ROOT with the same ``file``/``sha256``/``size``
# fields as Evidence (the units' evidence for their replies to 督办 notices).
FILE_MODELS = frozenset({"supervision.noticeevidence"})
# Zip entries carry a modification time; a fixed one keeps two backups of the same data identical.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CHUNK = 1 << 20
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
# What loaddata raises for a dump that parses as JSON but does not fit the schema
# (unknown model, bad field value, broken foreign key): an archive problem, not a crash.
LOAD_ERRORS = (DeserializationError, DatabaseError, ValidationError, LookupError, ValueError, TypeError)
# What reading a damaged zip member raises (bad CRC, truncated or corrupt deflate stream).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError)


@dataclass(frozen=True)
class Counts:
    """What a backup wrote or a restore loaded."""

    objects: int
    files: int


@dataclass(frozen=True)
class EvidenceFile:
    """One evidence file as its row in the dump describes it."""

    name: str  # FileField name, relative to MEDIA_ROOT
    sha256: str
    size: int

    @property
    def member(self) -> str:
        return MEDIA_PREFIX + self.name


def backup(path: Path) -> Counts:
    """Write the database and every evidence file to the zip archive ``path``.

    Refuses (``Invalid``) when an evidence file is missing or differs from its row, since
    such an archive could not be restored; ``path`` is then left as it was.
    """
    if path.suffix != ".zip":
        raise Invalid(gettext("%(path)s：备份文件的扩展名应为 .zip") % {"path": path})
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    partial = path.with_name(path.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(prefix="luoshi-backup-") as tmp:
            dump = Path(tmp) / DUMP_NAME
            call_command("dumpdata", format="json", output=str(dump), exclude=EXCLUDED, verbosity=0)
            dump_bytes = dump.read_bytes()
            objects = _parse_dump(dump_bytes, path)
            files = _distinct(_evidence_files(objects, path))
            with zipfile.ZipFile(partial, "w") as archive:
                _write_member(archive, MANIFEST_NAME, json.dumps(MANIFEST).encode(), zipfile.ZIP_DEFLATED)
                _write_member(archive, DUMP_NAME, dump_bytes, zipfile.ZIP_DEFLATED)
                for file in files:
                    _archive_file(archive, media_root, file)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Counts(len(objects), len(files))


def restore(path: Path) -> Counts:
    """Replace the database and the evidence files with the backup at ``path``, all or nothing."""
    if path.suffix == ".json":
        return _restore_dump_only(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise Invalid(gettext("%(path)s：不是可读取的备份归档：%(detail)s") % {"path": path, "detail": exc}) from None
    with archive, tempfile.TemporaryDirectory(prefix="luoshi-restore-") as tmp:
        dump_bytes, objects, files = _check_archive(archive, path)
        dump = Path(tmp) / DUMP_NAME
        dump.write_bytes(dump_bytes)
        swap = _MediaSwap(Path(settings.MEDIA_ROOT))
        try:
            for file in files:
                swap.stage(archive, file, path)
            with transaction.atomic():
                _load(dump, path)
                swap.put_in_place()
        except BaseException as exc:
            swap.undo()
            if isinstance(exc, OSError):  # disk full, permissions: still one line, nothing changed
                raise Invalid(
                    gettext("%(path)s：恢复失败，未做任何更改：%(detail)s") % {"path": path, "detail": exc}
                ) from None
            raise
        finally:
            swap.discard_staging()
    return Counts(len(objects), len(files))


def _restore_dump_only(path: Path) -> Counts:
    """An earlier version's plain JSON dump: the database only; MEDIA_ROOT is not touched."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Invalid(gettext("%(path)s：无法读取备份：%(detail)s") % {"path": path, "detail": exc}) from None
    objects = _parse_dump(data, path)
    _load(path, path)
    return Counts(len(objects), 0)


def _parse_dump(data: bytes, path: Path) -> list[dict[str, Any]]:
    try:
        objects = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(gettext("%(path)s：无法读取备份：%(detail)s") % {"path": path, "detail": exc}) from None
    if not isinstance(objects, list) or not all(isinstance(o, dict) and "model" in o for o in objects):
        raise Invalid(gettext("%(path)s：不是落实备份文件（应为 Django 对象组成的 JSON 列表）") % {"path": path})
    return objects


def _evidence_files(objects: list[dict[str, Any]], path: Path) -> list[EvidenceFile]:
    """The files the dump's evidence rows name, each checked to be a plain path under MEDIA_ROOT."""
    labels = {Evidence._meta.label_lower, *FILE_MODELS}
    files = []
    for obj in objects:
        if obj["model"] not in labels:
            continue
        fields = obj.get("fields")
        fields = fields if isinstance(fields, dict) else {}
        name, sha256, size = fields.get("file"), fields.get("sha256"), fields.get("size")
        if name == "":
            continue  # a row without a file has nothing to carry
        if (
            not isinstance(name, str)
            or not _is_plain_relative(name)
            or not isinstance(sha256, str)
            or not SHA256_HEX.fullmatch(sha256)
            or not isinstance(size, int)
            or isinstance(size, bool)
            or size < 0
        ):
            raise Invalid(
                gettext("%(path)s：佐证材料记录 %(pk)s 的文件名、SHA-256 或大小无效")
                % {"path": path, "pk": obj.get("pk")}
            )
        files.append(EvidenceFile(name=name, sha256=sha256, size=size))
    return files


def _is_plain_relative(name: str) -> bool:
    """No absolute path, no ``..``, no backslash: the name cannot point outside MEDIA_ROOT."""
    parts = name.split("/")
    unsafe = "\\" in name or "\x00" in name or ":" in parts[0] or any(p in ("", ".", "..") for p in parts)
    return not unsafe


def _distinct(files: list[EvidenceFile]) -> list[EvidenceFile]:
    """One entry per file name, in name order (two rows may share a file)."""
    return list({f.name: f for f in sorted(files, key=lambda f: f.name)}.values())


def _write_member(archive: zipfile.ZipFile, name: str, data: bytes, compression: int) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = compression
    archive.writestr(info, data)


def _archive_file(archive: zipfile.ZipFile, media_root: Path, file: EvidenceFile) -> None:
    """Copy one evidence file into the archive, checking it against its row on the way."""
    info = zipfile.ZipInfo(file.member, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED  # photos and PDFs are compressed already
    try:
        with (media_root / file.name).open("rb") as source, archive.open(info, "w") as target:
            digest, size = _copy(source, target)
    except OSError as exc:
        raise Invalid(
            gettext("无法备份佐证材料 %(name)s：%(detail)s") % {"name": file.name, "detail": exc.strerror or exc}
        ) from None
    if (digest, size) != (file.sha256, file.size):
        raise Invalid(gettext("无法备份佐证材料 %(name)s：文件与数据库记录的大小或 SHA-256 不符") % {"name": file.name})


def _copy(source: IO[bytes], target: IO[bytes]) -> tuple[str, int]:
    """Stream ``source`` into ``target``; returns its SHA-256 and size."""
    digest = hashlib.sha256()
    size = 0
    for chunk in _chunks(source):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return digest.hexdigest(), size


def _chunks(source: IO[bytes]) -> Iterator[bytes]:
    while chunk := source.read(CHUNK):
        yield chunk


def _check_archive(archive: zipfile.ZipFile, path: Path) -> tuple[bytes, list[dict[str, Any]], list[EvidenceFile]]:
    """Check the archive's manifest, dump and list of files, writing nothing; returns dump, objects, files.

    The files' contents are checked while they are staged (``_MediaSwap.stage``), so each is read once.
    """
    names = archive.namelist()
    try:
        manifest = json.loads(archive.read(MANIFEST_NAME)) if MANIFEST_NAME in names else None
        dump_bytes = archive.read(DUMP_NAME) if DUMP_NAME in names else None
    except (*ZIP_ERRORS, ValueError) as exc:
        raise Invalid(gettext("%(path)s：备份归档已损坏：%(detail)s") % {"path": path, "detail": exc}) from None
    if manifest != MANIFEST or dump_bytes is None:
        raise Invalid(
            gettext("%(path)s：不是落实备份归档（缺少 %(manifest)s 或 %(dump)s）")
            % {
                "path": path,
                "manifest": MANIFEST_NAME,
                "dump": DUMP_NAME,
            }
        )
    objects = _parse_dump(dump_bytes, path)
    rows = _evidence_files(objects, path)
    expected = {f.member for f in rows}
    others = [n for n in names if n not in (MANIFEST_NAME, DUMP_NAME)]
    foreign = sorted(set(others) - expected)
    if foreign:
        raise Invalid(
            gettext("%(path)s：归档中的 %(name)s 不属于任何佐证材料记录") % {"path": path, "name": foreign[0]}
        )
    if len(others) != len(set(others)):
        raise Invalid(gettext("%(path)s：归档中有重复的文件") % {"path": path})
    by_name: dict[str, EvidenceFile] = {}
    for file in rows:
        if file.member not in names:
            raise Invalid(gettext("%(path)s：归档缺少佐证材料 %(name)s") % {"path": path, "name": file.name})
        if by_name.setdefault(file.name, file) != file:  # two rows, one file, different contents
            raise _mismatch(path, file)
    return dump_bytes, objects, _distinct(rows)


def _verify_member(archive: zipfile.ZipFile, file: EvidenceFile, path: Path, target: IO[bytes]) -> None:
    """Copy one member into ``target``, checking its size and SHA-256 against its row."""
    try:
        with archive.open(file.member) as source:
            digest, size = _copy(source, target)
    except ZIP_ERRORS as exc:
        raise Invalid(
            gettext("%(path)s：归档中的佐证材料 %(name)s 已损坏：%(detail)s")
            % {"path": path, "name": file.name, "detail": exc}
        ) from None
    if (digest, size) != (file.sha256, file.size):
        raise _mismatch(path, file)


def _mismatch(path: Path, file: EvidenceFile) -> Invalid:
    return Invalid(
        gettext("%(path)s：佐证材料 %(name)s 与数据库记录的大小或 SHA-256 不符") % {"path": path, "name": file.name}
    )


def _load(dump: Path, path: Path) -> None:
    """Empty the database and load ``dump`` in one transaction (nested in the caller's, if any)."""
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(dump), verbosity=0)
    except LOAD_ERRORS as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Invalid(gettext("%(path)s：无法载入数据库备份：%(detail)s") % {"path": path, "detail": detail}) from None


class _MediaSwap:
    """Moves restored evidence files into MEDIA_ROOT and remembers how to take the move back.

    Files are first copied into a staging directory inside MEDIA_ROOT, so putting them in
    place is a rename on the same file system; a file that is replaced is renamed into the
    staging directory and renamed back on ``undo``.
    """

    def __init__(self, root: Path):
        self.root = root
        self.staging: Path | None = None
        self.staged: list[EvidenceFile] = []
        self.created_dirs: list[Path] = []
        self.placed: list[tuple[Path, Path | None]] = []  # (target, its previous content saved, if any)

    def _staging(self) -> Path:
        if self.staging is None:
            self._makedirs(self.root)
            self.staging = Path(tempfile.mkdtemp(prefix=".luoshi-restore-", dir=self.root))
        return self.staging

    def _makedirs(self, directory: Path) -> None:
        """Create ``directory`` and its missing parents, remembering which ones were new."""
        missing = []
        while not directory.exists():
            missing.append(directory)
            directory = directory.parent
        for new in reversed(missing):
            new.mkdir()
            self.created_dirs.append(new)

    def stage(self, archive: zipfile.ZipFile, file: EvidenceFile, path: Path) -> None:
        staged = self._staging() / "new" / file.name
        staged.parent.mkdir(parents=True, exist_ok=True)
        with staged.open("wb") as target:
            _verify_member(archive, file, path, target)
        self.staged.append(file)

    def put_in_place(self) -> None:
        staging = self._staging()
        for file in self.staged:
            target = self.root / file.name
            self._makedirs(target.parent)
            saved = None
            if target.exists():
                saved = staging / "previous" / file.name
                saved.parent.mkdir(parents=True, exist_ok=True)
                _move(target, saved)
            self.placed.append((target, saved))
            _move(staging / "new" / file.name, target)

    def undo(self) -> None:
        """Remove the files placed, put replaced ones back, remove directories created."""
        for target, saved in reversed(self.placed):
            if saved is not None:
                _move(saved, target)
            else:
                target.unlink(missing_ok=True)
        self.placed.clear()
        self.discard_staging()
        for directory in reversed(self.created_dirs):
            try:
                directory.rmdir()
            except OSError:
                pass  # not empty: someone else wrote there meanwhile; leave it
        self.created_dirs.clear()

    def discard_staging(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None


def _move(source: Path, target: Path) -> None:
    """A rename within MEDIA_ROOT (one place, so a test can make it fail)."""
    os.replace(source, target)
