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
        heavy = ("charset_normalizer.api", "pypdfium2", "docx", "lxml", "cn2an", "django", "calendar")
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


# The pipeline's modules compile their patterns on first use (``luoshi.lazyre``).
PIPELINE_MODULES = (
    "luoshi.patterns",
    "luoshi.clean",
    "luoshi.pagebody",
    "luoshi.split",
    "luoshi.header",
    "luoshi.outline",
    "luoshi.extract.sentences",
    "luoshi.extract.numbers",
    "luoshi.extract.deadlines",
    "luoshi.extract.targets",
    "luoshi.extract.units",
    "luoshi.extract.tasks",
    "luoshi.extract.references",
)


def _module_patterns(module) -> list:
    from luoshi.lazyre import LazyPattern

    found = []
    for name, value in vars(module).items():
        values = value.values() if isinstance(value, dict) else value if isinstance(value, tuple | list) else [value]
        for v in values:
            for item in v if isinstance(v, tuple) else (v,):
                if isinstance(item, LazyPattern):
                    found.append((f"{module.__name__}.{name}", item))
    return found


def test_every_deferred_pattern_of_the_pipeline_compiles():
    # A deferred pattern would only fail on first use: compile them all here, so a typo fails the suite.
    import importlib

    patterns = [p for m in PIPELINE_MODULES for p in _module_patterns(importlib.import_module(m))]
    assert len(patterns) > 150  # the modules' patterns are all deferred, not a handful
    for name, pattern in patterns:
        compiled = pattern.compiled()
        assert compiled.pattern == pattern.pattern, name


def test_a_one_line_parse_compiles_only_the_patterns_it_uses(tmp_path: Path):
    one = tmp_path / "one.txt"
    one.write_text("关于加强安全生产工作的通知\n", encoding="utf-8")
    out = _run(
        f"""
        import importlib
        from luoshi.lazyre import LazyPattern
        from luoshi.pipeline import parse_file
        from luoshi.extract import numbers
        parse_file({str(one)!r})
        mods = {PIPELINE_MODULES!r}
        lazy = [v for m in mods for v in vars(importlib.import_module(m)).values() if isinstance(v, LazyPattern)]
        used = sum(p.is_compiled for p in lazy)
        print(numbers.QUANTITY_RE.is_compiled, used < len(lazy) / 2)
        """
    )
    # No number in the text: the quantity pattern (the largest) is never compiled; most others neither.
    assert out == "False True"


def test_a_deferred_pattern_answers_as_the_compiled_one():
    import re

    from luoshi import lazyre

    source = r"(?P<n>\d+)年"
    lazy, real = lazyre.compile(source), re.compile(source)
    assert lazy.pattern == source and not lazy.is_compiled  # the source is there before compiling
    text = "2019年至2020年"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.is_compiled
    assert lazy.search(text).group("n") == "2019"
    assert lazy.sub("X", text) == real.sub("X", text)
    assert lazy.fullmatch("2019年") and not lazy.match("年2019")
    assert lazy.groupindex == real.groupindex and lazy.flags == real.flags
    assert lazyre.compile(lazy) is lazy
    broken = lazyre.compile("(")
    try:
        broken.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("a broken pattern must raise on first use")
