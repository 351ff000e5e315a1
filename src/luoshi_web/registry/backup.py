"""Whole-registry backup and restore: the database and the evidence files in one zip archive.

Evidence rows only point at files under MEDIA_ROOT, so a database dump alone
restores, on a new machine, rows whose files are gone. A backup is therefore
one zip archive (its name ends in ``.zip``) holding

``luoshi-backup.json``  the manifest: format, version 2, the migrations applied to the
                        database, the number of rows of every model, the dump's size and SHA-256
``db.jsonl``            the whole database as Django JSON Lines fixtures (``dumpdata``), one row a line
``media/<name>``        each evidence file, at its FileField name relative to MEDIA_ROOT

The dump holds every table (content types and permissions included, with their
primary keys), so restoring it into a migrated database, after emptying it,
reproduces the same rows. Members are written in a fixed order with a fixed
timestamp, so two backups of the same data are the same bytes.

Restore replaces everything, so it first decides whether the archive is a
plausible full backup of *this* installation, writing nothing: the manifest's
migrations must be the ones applied here, it must count every model of the
installation, and the dump must hold exactly the rows it counts (users and audit
rows included), with the size and SHA-256 it declares. The dump is streamed
out of the zip one line at a time, with caps on the whole (``LUOSHI_RESTORE_MAX_BYTES``)
and on one row (``MAX_ROW_BYTES``), so a zip bomb is refused after reading at most a
cap, never inflated into memory. An archive with fewer rows than the database
replaces it only with ``force`` (``luoshi restore --force``), and the message says
how many rows would go. Archives of version 1 and plain ``.json`` dumps of earlier
versions carry no counts to check: they restore only with ``force``.

Then it copies the files into a staging directory inside MEDIA_ROOT, checking
each one's size and SHA-256 against its row on the way (each file is read once),
replaces the database in one transaction, writes the ``backup.restore`` audit row
in it, and moves the staged files into place within it. If anything fails, the
staging directory is removed, the transaction rolls back, files it wrote are
removed and files it replaced are put back. Files under MEDIA_ROOT that the
backup does not name are left alone. Backup archives hold password and token
hashes: they are created with mode 0600.
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
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.commands.flush import Command as FlushCommand
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext

from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import AuditLog, Evidence, Task, sync_document_published

# Django's own cache of sessions is not data worth restoring, but it is a table:
# keep it so "the whole database" means exactly that.
EXCLUDED: list[str] = []

MANIFEST_NAME = "luoshi-backup.json"
FORMAT = "luoshi-backup"
VERSION = 2
DUMP_NAME = "db.jsonl"
OLD_DUMP_NAME = "db.json"  # version 1
MEDIA_PREFIX = "media/"
# Other apps' rows that point at files under MEDIA_ROOT with the same ``file``/``sha256``/``size``
# fields as Evidence (the units' evidence for their replies to 督办 notices).
FILE_MODELS = frozenset({"supervision.noticeevidence"})
# Zip entries carry a modification time; a fixed one keeps two backups of the same data identical.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CHUNK = 1 << 20
MANIFEST_MAX_BYTES = 1 << 20
# One row of the dump (a document revision holds its whole parse output) may not exceed this.
MAX_ROW_BYTES = 64 << 20
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


@dataclass
class DumpScan:
    """What one pass over a dump found: rows per model, evidence files, its size and SHA-256."""

    counts: Counter[str] = field(default_factory=Counter)
    files: list[EvidenceFile] = field(default_factory=list)
    size: int = 0
    sha256: str = ""

    @property
    def objects(self) -> int:
        return sum(self.counts.values())


def max_restore_bytes() -> int:
    return int(getattr(settings, "LUOSHI_RESTORE_MAX_BYTES", 4 << 30))


def model_labels() -> list[str]:
    """Every model whose rows a full dump holds (zero rows included)."""
    return sorted(m._meta.label_lower for m in apps.get_models() if m._meta.managed and not m._meta.proxy)


def applied_migrations() -> list[str]:
    """The migrations applied to the database, ``app.name``: the schema a dump belongs to."""
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def database_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label_lower] = model._base_manager.count()
    return counts


def create_private(path: Path) -> IO[bytes]:
    """Open ``path`` for writing, created (or truncated) with mode 0600 whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")


def backup(path: Path) -> Counts:
    """Write the database and every evidence file to the zip archive ``path`` (mode 0600).

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
            # One read transaction: the counts, the migrations and the rows are of one moment.
            with transaction.atomic():
                call_command("dumpdata", format="jsonl", output=str(dump), exclude=EXCLUDED, verbosity=0)
                migrations = applied_migrations()
            with dump.open("rb") as source:
                scan = _scan_dump(source, None, path, cap=None)
            files = _distinct(scan.files)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "migrations": migrations,
                "counts": {label: scan.counts.get(label, 0) for label in model_labels()},
                "dump": {"name": DUMP_NAME, "size": scan.size, "sha256": scan.sha256},
            }
            with create_private(partial) as handle, zipfile.ZipFile(handle, "w") as archive:
                _write_member(archive, MANIFEST_NAME, json.dumps(manifest, indent=1).encode(), zipfile.ZIP_DEFLATED)
                info = zipfile.ZipInfo(DUMP_NAME, date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                with dump.open("rb") as source, archive.open(info, "w", force_zip64=True) as target:
                    _copy(source, target)
                for file in files:
                    _archive_file(archive, media_root, file)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Counts(scan.objects, len(files))


def restore(path: Path, *, force: bool = False) -> Counts:
    """Replace the database and the evidence files with the backup at ``path``, all or nothing.

    Refuses an archive that is not a plausible full backup of this installation; one with
    fewer rows than the database, or one that cannot be checked (version 1, plain ``.json``),
    only with ``force``.
    """
    if path.suffix == ".json":
        return _restore_dump_only(path, force=force)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise Invalid(gettext("%(path)s：不是可读取的备份归档：%(detail)s") % {"path": path, "detail": exc}) from None
    with archive, tempfile.TemporaryDirectory(prefix="luoshi-restore-") as tmp:
        dump, scan = _check_archive(archive, path, Path(tmp), force=force)
        files = _distinct(scan.files)
        swap = _MediaSwap(Path(settings.MEDIA_ROOT))
        try:
            for file in files:
                swap.stage(archive, file, path)
            with transaction.atomic():
                replaced = _require_not_shrinking(scan, path, force=force)
                _load(dump, path)
                _record_restore(path, scan, len(files), replaced, force)
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
    return Counts(scan.objects, len(files))


def _restore_dump_only(path: Path, *, force: bool) -> Counts:
    """An earlier version's plain JSON dump: the database only; MEDIA_ROOT is not touched."""
    if not force:
        raise Invalid(_unverifiable(path))
    try:
        size = path.stat().st_size
        if size > max_restore_bytes():
            raise Invalid(_too_large(path, size))
        data = path.read_bytes()
    except OSError as exc:
        raise Invalid(gettext("%(path)s：无法读取备份：%(detail)s") % {"path": path, "detail": exc}) from None
    scan = _scan_list(data, path)
    with transaction.atomic():
        replaced = database_counts()
        _load(path, path)
        _record_restore(path, scan, 0, replaced, force)
    return Counts(scan.objects, 0)


def _unverifiable(path: Path) -> str:
    return gettext(
        "%(path)s：早期版本的备份没有记录各表行数与数据库结构版本，无法核对是否完整；"
        "确认要用它替换整个数据库时请加 --force"
    ) % {"path": path}


def _too_large(path: Path, size: int) -> str:
    return gettext("%(path)s：数据库备份为 %(size)s 字节，超过上限 %(limit)s 字节（LUOSHI_RESTORE_MAX_BYTES）") % {
        "path": path,
        "size": size,
        "limit": max_restore_bytes(),
    }


def _not_a_backup(path: Path) -> Invalid:
    return Invalid(gettext("%(path)s：不是落实备份文件（应为 Django 对象组成的 JSON 列表）") % {"path": path})


def _row(obj: Any, path: Path, scan: DumpScan) -> None:
    """Count one dumped object and note its evidence file."""
    if not isinstance(obj, dict) or not isinstance(obj.get("model"), str):
        raise _not_a_backup(path)
    scan.counts[obj["model"]] += 1
    if obj["model"] == Evidence._meta.label_lower or obj["model"] in FILE_MODELS:
        file = _evidence_file(obj, path)
        if file is not None:
            scan.files.append(file)


def _scan_list(data: bytes, path: Path) -> DumpScan:
    """A version 1 dump: one JSON list (read whole, under the size cap)."""
    try:
        objects = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(gettext("%(path)s：无法读取备份：%(detail)s") % {"path": path, "detail": exc}) from None
    if not isinstance(objects, list):
        raise _not_a_backup(path)
    scan = DumpScan(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    for obj in objects:
        _row(obj, path, scan)
    return scan


def _scan_dump(source: IO[bytes], target: IO[bytes] | None, path: Path, *, cap: int | None) -> DumpScan:
    """Read a JSON Lines dump line by line (copying it to ``target``), never more than ``cap`` bytes."""
    scan = DumpScan()
    digest = hashlib.sha256()
    while True:
        line = source.readline(MAX_ROW_BYTES + 1)
        if not line:
            break
        scan.size += len(line)
        if len(line) > MAX_ROW_BYTES:
            raise Invalid(
                gettext("%(path)s：数据库备份中有一行超过 %(limit)s 字节，不是落实备份")
                % {"path": path, "limit": MAX_ROW_BYTES}
            )
        if cap is not None and scan.size > cap:
            raise Invalid(
                gettext("%(path)s：数据库备份比清单声明的 %(size)s 字节更长，归档已损坏或被篡改")
                % {"path": path, "size": cap}
            )
        digest.update(line)
        if target is not None:
            target.write(line)
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise Invalid(gettext("%(path)s：无法读取备份：%(detail)s") % {"path": path, "detail": exc}) from None
        _row(obj, path, scan)
    scan.sha256 = digest.hexdigest()
    return scan


def _evidence_file(obj: dict[str, Any], path: Path) -> EvidenceFile | None:
    """The file an evidence row names, checked to be a plain path under MEDIA_ROOT (None: no file)."""
    fields = obj.get("fields")
    fields = fields if isinstance(fields, dict) else {}
    name, sha256, size = fields.get("file"), fields.get("sha256"), fields.get("size")
    if name == "":
        return None  # a row without a file has nothing to carry
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
            gettext("%(path)s：佐证材料记录 %(pk)s 的文件名、SHA-256 或大小无效") % {"path": path, "pk": obj.get("pk")}
        )
    return EvidenceFile(name=name, sha256=sha256, size=size)


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
        with (media_root / file.name).open("rb") as source, archive.open(info, "w", force_zip64=True) as target:
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


def _corrupt(path: Path, exc: BaseException) -> Invalid:
    return Invalid(gettext("%(path)s：备份归档已损坏：%(detail)s") % {"path": path, "detail": exc})


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> Any:
    try:
        info = archive.getinfo(MANIFEST_NAME)
    except KeyError:
        return None
    if info.file_size > MANIFEST_MAX_BYTES:
        raise _corrupt(path, f"{MANIFEST_NAME} > {MANIFEST_MAX_BYTES} bytes")
    try:
        with archive.open(info) as source:
            data = source.read(MANIFEST_MAX_BYTES + 1)
        if len(data) > MANIFEST_MAX_BYTES:
            raise _corrupt(path, f"{MANIFEST_NAME} > {MANIFEST_MAX_BYTES} bytes")
        return json.loads(data)
    except (*ZIP_ERRORS, ValueError) as exc:
        raise _corrupt(path, exc) from None


def _check_archive(archive: zipfile.ZipFile, path: Path, tmp: Path, *, force: bool) -> tuple[Path, DumpScan]:
    """Check the archive's manifest, dump and list of files, writing nothing but ``tmp``.

    Returns the dump, extracted into ``tmp``, and what it holds. The files' contents are
    checked while they are staged (``_MediaSwap.stage``), so each is read once.
    """
    names = archive.namelist()
    manifest = _read_manifest(archive, path)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise Invalid(
            gettext("%(path)s：不是落实备份归档（缺少 %(manifest)s 或 %(dump)s）")
            % {"path": path, "manifest": MANIFEST_NAME, "dump": DUMP_NAME}
        )
    if manifest.get("version") == 1 and OLD_DUMP_NAME in names:
        if not force:
            raise Invalid(_unverifiable(path))
        dump_name = OLD_DUMP_NAME
        dump, scan = _extract_old_dump(archive, path, tmp)
    elif manifest.get("version") == VERSION and DUMP_NAME in names:
        dump_name = DUMP_NAME
        dump, scan = _extract_dump(archive, manifest, path, tmp)
    else:
        raise Invalid(
            gettext("%(path)s：不是落实备份归档（缺少 %(manifest)s 或 %(dump)s）")
            % {"path": path, "manifest": MANIFEST_NAME, "dump": DUMP_NAME}
        )
    expected = {f.member for f in scan.files}
    others = [n for n in names if n not in (MANIFEST_NAME, dump_name)]
    foreign = sorted(set(others) - expected)
    if foreign:
        raise Invalid(
            gettext("%(path)s：归档中的 %(name)s 不属于任何佐证材料记录") % {"path": path, "name": foreign[0]}
        )
    if len(others) != len(set(others)):
        raise Invalid(gettext("%(path)s：归档中有重复的文件") % {"path": path})
    by_name: dict[str, EvidenceFile] = {}
    for file in scan.files:
        if file.member not in names:
            raise Invalid(gettext("%(path)s：归档缺少佐证材料 %(name)s") % {"path": path, "name": file.name})
        if by_name.setdefault(file.name, file) != file:  # two rows, one file, different contents
            raise _mismatch(path, file)
    return dump, scan


def _extract_old_dump(archive: zipfile.ZipFile, path: Path, tmp: Path) -> tuple[Path, DumpScan]:
    info = archive.getinfo(OLD_DUMP_NAME)
    if info.file_size > max_restore_bytes():
        raise Invalid(_too_large(path, info.file_size))
    dump = tmp / OLD_DUMP_NAME
    try:
        with archive.open(info) as source:
            data = source.read(max_restore_bytes() + 1)
    except ZIP_ERRORS as exc:
        raise _corrupt(path, exc) from None
    if len(data) > max_restore_bytes():
        raise Invalid(_too_large(path, len(data)))
    dump.write_bytes(data)
    return dump, _scan_list(data, path)


def _extract_dump(archive: zipfile.ZipFile, manifest: dict[str, Any], path: Path, tmp: Path) -> tuple[Path, DumpScan]:
    """Stream the dump out of the zip into ``tmp``, checking it against the manifest on the way."""
    declared = manifest.get("dump") if isinstance(manifest.get("dump"), dict) else {}
    size, sha256, counts = declared.get("size"), declared.get("sha256"), manifest.get("counts")
    migrations = manifest.get("migrations")
    if (
        not isinstance(size, int)
        or not isinstance(sha256, str)
        or not isinstance(counts, dict)
        or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts.values())
        or not isinstance(migrations, list)
    ):
        raise Invalid(gettext("%(path)s：备份清单 %(manifest)s 不完整") % {"path": path, "manifest": MANIFEST_NAME})
    here = applied_migrations()
    if sorted(map(str, migrations)) != here:
        missing = sorted(set(here) - set(map(str, migrations)))
        extra = sorted(set(map(str, migrations)) - set(here))
        raise Invalid(
            gettext(
                "%(path)s：备份的数据库结构版本与本系统不同（本系统有而备份没有：%(missing)s；备份有而本系统没有：%(extra)s）"
            )
            % {"path": path, "missing": ", ".join(missing) or "-", "extra": ", ".join(extra) or "-"}
        )
    labels = model_labels()
    if sorted(counts) != labels:
        absent = sorted(set(labels) - set(counts)) or sorted(set(counts) - set(labels))
        raise Invalid(
            gettext("%(path)s：不是本系统的完整备份（清单未列出或多列了 %(model)s）")
            % {"path": path, "model": absent[0]}
        )
    info = archive.getinfo(DUMP_NAME)
    if info.file_size != size:
        raise Invalid(
            gettext("%(path)s：数据库备份的大小（%(actual)s 字节）与清单（%(size)s 字节）不符")
            % {"path": path, "actual": info.file_size, "size": size}
        )
    if size > max_restore_bytes():
        raise Invalid(_too_large(path, size))
    dump = tmp / DUMP_NAME
    try:
        with archive.open(info) as source, dump.open("wb") as target:
            scan = _scan_dump(source, target, path, cap=size)
    except ZIP_ERRORS as exc:
        raise _corrupt(path, exc) from None
    if scan.size != size or scan.sha256 != sha256:
        raise Invalid(gettext("%(path)s：数据库备份的大小或 SHA-256 与清单不符") % {"path": path})
    for label in labels:
        if scan.counts.get(label, 0) != counts[label]:
            raise Invalid(
                gettext("%(path)s：清单记录 %(model)s 有 %(claimed)s 行，备份中实有 %(found)s 行")
                % {"path": path, "model": label, "claimed": counts[label], "found": scan.counts.get(label, 0)}
            )
    unknown = sorted(set(scan.counts) - set(labels))
    if unknown:
        raise Invalid(
            gettext("%(path)s：不是本系统的完整备份（清单未列出或多列了 %(model)s）")
            % {"path": path, "model": unknown[0]}
        )
    return dump, scan


def _require_not_shrinking(scan: DumpScan, path: Path, *, force: bool) -> Counter[str]:
    """The database's rows now; refuses (without ``force``) to replace them by fewer."""
    current = database_counts()
    here, there = sum(current.values()), scan.objects
    if there < here and not force:
        user, log = get_user_label(), AuditLog._meta.label_lower
        raise Invalid(
            gettext(
                "%(path)s：备份只有 %(there)s 行，当前数据库有 %(here)s 行（用户 %(users_here)s → %(users_there)s，"
                "审计日志 %(log_here)s → %(log_there)s）；恢复将丢失 %(lost)s 行。确认要替换时请加 --force"
            )
            % {
                "path": path,
                "there": there,
                "here": here,
                "users_here": current[user],
                "users_there": scan.counts.get(user, 0),
                "log_here": current[log],
                "log_there": scan.counts.get(log, 0),
                "lost": here - there,
            }
        )
    return current


def get_user_label() -> str:
    from django.contrib.auth import get_user_model

    return get_user_model()._meta.label_lower


def _record_restore(path: Path, scan: DumpScan, files: int, replaced: Counter[str], force: bool) -> None:
    """The audit row of a restore, in its transaction: what came in, what it replaced."""
    from luoshi_web.registry import audit

    audit.record_event(
        "backup.restore",
        model="backup",
        object_id=path.name[:40],
        before={"rows": sum(replaced.values())},
        after={
            "archive": str(path),
            "dump_sha256": scan.sha256,
            "rows": scan.objects,
            "files": files,
            "forced": force,
        },
    )


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
    """Empty the database and load ``dump`` in one transaction (nested in the caller's, if any).

    Django's own ``flush`` empties the tables (the registry's ``flush`` command would log
    the emptying, and its audit row would collide with the restored ones).
    """
    try:
        with transaction.atomic():
            call_command(FlushCommand(), interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(dump), verbosity=0)
            # A dump from before Task.document_published (migration 0010) loads it as false.
            sync_document_published(Task.objects.all())
    except LOAD_ERRORS as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Invalid(gettext("%(path)s：无法载入数据库备份：%(detail)s") % {"path": path, "detail": detail}) from None


class _MediaSwap:
    """Moves restored evidence files into MEDIA_ROOT and remembers how to take the move back.

    Files are first copied into a staging directory inside MEDIA_ROOT, so putting them in
    place is a rename on the same file system; a file that is replaced is first linked into
    the staging directory (so its name is never missing, even if the process is killed between
    two steps) and renamed back on ``undo``.
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
            if target.exists():  # kept by a second link: the name never goes missing, even on SIGKILL
                saved = staging / "previous" / file.name
                saved.parent.mkdir(parents=True, exist_ok=True)
                os.link(target, saved)
            self.placed.append((target, saved))
            _move(staging / "new" / file.name, target)  # one rename replaces the old file

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
