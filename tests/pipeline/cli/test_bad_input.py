"""Bad input: one line naming the file and the reason, exit code 2, never a traceback.

Each case is checked through the command line a person uses (``python -m luoshi
parse FILE``) and through ``read_file`` directly (the web app's path).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures_build import build_docx, build_pdf
from luoshi.errors import MESSAGES, ErrorCode, LuoshiError
from luoshi.read import MAX_FILE_BYTES, read_file


def empty(tmp: Path) -> Path:
    path = tmp / "empty.txt"
    path.write_bytes(b"")
    return path


def binary(tmp: Path) -> Path:
    path = tmp / "binary.txt"
    path.write_bytes(b"\x00\x01\x02\x03\xff\xfe\x00" * 100)
    return path


def truncated_pdf(tmp: Path) -> Path:
    whole = build_pdf(tmp / "whole.pdf", [["国务院关于印发某方案的通知", "一、总体要求"]]).read_bytes()
    path = tmp / "truncated.pdf"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    return path


def text_named_pdf(tmp: Path) -> Path:
    path = tmp / "notice.pdf"
    path.write_text("国务院关于印发某方案的通知\n", encoding="utf-8")
    return path


def pdf_named_txt(tmp: Path) -> Path:
    path = tmp / "notice.txt"
    path.write_bytes(build_pdf(tmp / "real.pdf", [["国务院关于印发某方案的通知"]]).read_bytes())
    return path


def too_large(tmp: Path) -> Path:
    path = tmp / "huge.txt"
    with path.open("wb") as f:  # sparse: no 50 MB actually written
        f.truncate(MAX_FILE_BYTES + 1)
    return path


def unknown_extension(tmp: Path) -> Path:
    path = tmp / "notice.xls"
    path.write_text("国务院关于印发某方案的通知\n", encoding="utf-8")
    return path


def directory(tmp: Path) -> Path:
    path = tmp / "folder.txt"
    path.mkdir()
    return path


def missing(tmp: Path) -> Path:
    return tmp / "no-such-file.txt"


CASES: list[tuple[Callable[[Path], Path], ErrorCode]] = [
    (empty, ErrorCode.EMPTY),
    (binary, ErrorCode.BINARY),
    (truncated_pdf, ErrorCode.CORRUPT),
    (text_named_pdf, ErrorCode.WRONG_EXTENSION),
    (pdf_named_txt, ErrorCode.WRONG_EXTENSION),
    (too_large, ErrorCode.TOO_LARGE),
    (unknown_extension, ErrorCode.UNKNOWN_FORMAT),
    (directory, ErrorCode.NOT_A_FILE),
    (missing, ErrorCode.NOT_FOUND),
]
IDS = [make.__name__ for make, _ in CASES]


@pytest.mark.parametrize(("make", "code"), CASES, ids=IDS)
def test_cli_reports_one_line_and_exits_2(tmp_path: Path, make: Callable[[Path], Path], code: ErrorCode) -> None:
    path = make(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "luoshi", "parse", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"luoshi: {path}: {MESSAGES[code]}")
    assert lines[0].endswith(f"[{code.value}]")


@pytest.mark.parametrize(("make", "code"), CASES, ids=IDS)
def test_read_file_raises_the_coded_error(tmp_path: Path, make: Callable[[Path], Path], code: ErrorCode) -> None:
    path = make(tmp_path)
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is code
    assert info.value.path == path
    assert "\n" not in info.value.message


def test_size_limit_is_exclusive(tmp_path: Path) -> None:
    """A file of exactly the limit is read (and here fails only for being all NULs)."""
    path = tmp_path / "limit.txt"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES)
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.BINARY


def test_permission_denied_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads everything, so the OS refusal is simulated where the reader opens the file."""
    path = tmp_path / "secret.txt"
    path.write_text("国务院关于印发某方案的通知\n", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.UNREADABLE
    assert info.value.message == f"{path}: file cannot be read: permission denied [E012]"


def test_path_through_a_file_is_not_found(tmp_path: Path) -> None:
    parent = tmp_path / "notice.txt"
    parent.write_text("正文", encoding="utf-8")
    with pytest.raises(LuoshiError) as info:
        read_file(parent / "child.txt")
    assert info.value.code is ErrorCode.NOT_FOUND


def test_legacy_doc_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "notice.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.UNKNOWN_FORMAT
    assert "save it as .docx" in info.value.message


# --- whatever the bytes, only LuoshiError escapes ---------------------------------------

PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", "国务院".encode("gb18030")]
SUFFIXES = [b"", b"\n%%EOF\n"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(PREFIXES),
    payload=st.binary(max_size=600),
    suffix=st.sampled_from(SUFFIXES),
    extension=st.sampled_from([".txt", ".pdf", ".docx", ".html"]),
)
def test_random_bytes_never_escape_as_other_errors(
    tmp_path: Path, prefix: bytes, payload: bytes, suffix: bytes, extension: str
) -> None:
    path = tmp_path / f"fuzz{extension}"
    path.write_bytes(prefix + payload + suffix)
    try:
        source = read_file(path)
    except LuoshiError as exc:
        assert "\n" not in exc.message
    else:
        assert "\r" not in source.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_real_files_never_escape_as_other_errors(tmp_path: Path, data: st.DataObject) -> None:
    """Flip bytes inside a valid PDF or DOCX: a damaged download must still give a coded error."""
    name = data.draw(st.sampled_from(["damaged.pdf", "damaged.docx"]))
    original = _valid_file(tmp_path, name)
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.integers(0, 255))
    path = tmp_path / name
    path.write_bytes(bytes(damaged))
    try:
        read_file(path)
    except LuoshiError as exc:
        assert exc.code in set(ErrorCode)


_VALID: dict[str, bytes] = {}


def _valid_file(tmp: Path, name: str) -> bytes:
    if name not in _VALID:
        if name.endswith(".pdf"):
            built = build_pdf(tmp / f"valid-{name}", [["国务院关于印发某方案的通知", "一、总体要求"]] * 2)
        else:
            built = build_docx(
                tmp / f"valid-{name}", ["国务院关于印发某方案的通知", [["序号", "单位"], ["1", "财政部"]]]
            )
        _VALID[name] = built.read_bytes()
    return _VALID[name]
