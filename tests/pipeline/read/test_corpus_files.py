"""Every real corpus file reads without error, exactly as its bytes say (LF line ends)."""

from __future__ import annotations

from pathlib import Path

import pytest

from doc_builder import SHARED
from luoshi.read import read_file


def corpus_dir() -> Path:
    """``shared/corpus`` beside the clone, here and in CI."""
    return SHARED / "corpus"


CORPUS = sorted(corpus_dir().glob("*.txt"))


def test_corpus_is_present() -> None:
    assert len(CORPUS) >= 19, f"corpus not found at {corpus_dir()}"


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_file_reads_exactly(path: Path) -> None:
    source = read_file(path)
    raw = path.read_bytes().decode("utf-8-sig")
    assert source.text == raw.replace("\r\n", "\n").replace("\r", "\n")
    assert "\r" not in source.text
    assert source.kind == "txt"
    assert source.encoding in ("utf-8", "utf-8-sig")
