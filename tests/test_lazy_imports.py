"""Optional dependencies are imported only when needed (issue 10: a one-line parse stays cheap)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_parsing_a_utf8_text_file_loads_no_optional_dependency(tmp_path: Path):
    one = tmp_path / "one.txt"
    one.write_text("关于加强安全生产工作的通知\n", encoding="utf-8")
    out = _run(
        f"""
        import sys
        from luoshi.pipeline import parse_file
        parse_file({str(one)!r})
        heavy = ("charset_normalizer.api", "pypdfium2", "docx", "lxml", "cn2an", "django")
        print(" ".join(sorted(m for m in heavy if m in sys.modules)) or "none")
        """
    )
    assert out == "none"


def test_the_deferred_detector_loads_when_an_encoding_must_be_guessed():
    # Latin-1 text that is neither UTF-8 nor GB18030 (é before a space is invalid in both) needs the
    # detector; the stand-in in sys.modules must turn into the real package on first use.
    out = _run(
        """
        import sys
        import luoshi.read
        from luoshi.read.encoding import UndecodableError, decode_text
        assert "charset_normalizer.api" not in sys.modules
        try:
            decode_text("caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte".encode("latin-1"))
        except UndecodableError:
            pass
        import charset_normalizer
        print(callable(charset_normalizer.from_bytes), "charset_normalizer.api" in sys.modules)
        """
    )
    assert out == "True True"
