from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "eval"))  # eval/goldfiles.py: the gold files and their inputs


@pytest.fixture(scope="session")
def shared() -> Path:
    assert (SHARED / "corpus").is_dir(), f"shared material expected at {SHARED}"
    return SHARED


@pytest.fixture(scope="session")
def seed(shared: Path) -> Path:
    return shared / "corpus" / "000_a19204d3cc4468c5.txt"


@pytest.fixture(scope="session")
def corpus_results(shared: Path) -> tuple:
    """Every corpus file a reader takes, parsed once for the whole session (a file the pipeline
    refuses with a clear error is left out). Parse results are frozen, so tests may share them."""
    from luoshi.errors import LuoshiError
    from luoshi.pipeline import parse_source
    from luoshi.read import READERS, read_file

    out = []
    for path in sorted((shared / "corpus").iterdir()):
        if path.suffix.lower() not in READERS:
            continue
        try:
            out.append(parse_source(read_file(path)))
        except LuoshiError:
            continue
    return tuple(out)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the installation's language: a request or command that switched the
    thread to English must not leak into the next test (it made results depend on test order)."""
    try:
        from django.conf import settings
        from django.utils import translation
    except ImportError:  # the pipeline's tests run without Django too
        yield
        return
    if not settings.configured:
        yield
        return
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
