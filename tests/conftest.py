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
