"""The ``luoshi`` command: ``parse`` stays Django-free; the rest is Django management."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from luoshi_web.cli import main

PY = sys.executable


def test_parse_does_not_load_django(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("国务院关于做好某项工作的通知\n国发〔2016〕1号\n各省人民政府：\n一、加强领导。\n", encoding="utf-8")
    code = (
        "import sys; from luoshi_web.cli import main; rc = main(['parse', sys.argv[1], '--format', 'json']);"
        "print('DJANGO' if 'django' in sys.modules else 'NO-DJANGO', file=sys.stderr); sys.exit(rc)"
    )
    run = subprocess.run([PY, "-c", code, str(doc)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert '"luoshi.parse/1"' in run.stdout
    assert run.stderr.strip().endswith("NO-DJANGO")


def test_usage_without_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "luoshi COMMAND" in capsys.readouterr().out
