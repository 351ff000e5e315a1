"""``re`` with ``compile`` deferred to a pattern's first use (issue 10: a one-line parse stays cheap).

The pipeline's modules hold about 180 patterns at module level; compiling them is most of the
cost of importing the pipeline (``re`` parses and optimises each one in Python: a class over the
CJK range alone takes about 1 ms), and a short file uses only a fraction of them. Modules import
this as ``from luoshi import lazyre as re``: everything is :mod:`re` except that ``compile``
returns a :class:`LazyPattern`, which compiles on first use and from then on serves the compiled
pattern's own methods (stored on the instance, so a call costs what it costs on a compiled
pattern). A pattern with an error raises on first use instead of at import, so
``tests/pipeline/speed/test_lazy_imports.py`` compiles every module-level pattern of the pipeline.
"""

from __future__ import annotations

import re as _re
from re import *  # noqa: F403  (this module stands for ``re``)

__all__ = [*_re.__all__, "LazyPattern"]

# What a compiled pattern offers; copied onto the instance when it compiles.
_FORWARDED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "groups",
    "groupindex",
    "flags",
)


class LazyPattern:
    """A regular expression compiled on first use; ``pattern`` is there before that."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def compiled(self) -> _re.Pattern[str]:
        """The compiled pattern (compiling it now if it was not yet)."""
        done = self.__dict__.get("_compiled")
        if done is None:
            done = _re.compile(self.pattern, self._flags)
            for name in _FORWARDED:
                self.__dict__[name] = getattr(done, name)
            self.__dict__["_compiled"] = done
        return done

    @property
    def is_compiled(self) -> bool:
        return "_compiled" in self.__dict__

    def __getattr__(self, name: str):
        # Only reached for what the instance does not hold yet: the compiled pattern's attributes.
        if name.startswith("__") or name not in _FORWARDED:
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def compile(pattern: str | LazyPattern, flags: int = 0) -> LazyPattern:
    """Like :func:`re.compile`, compiled on first use."""
    if isinstance(pattern, LazyPattern):
        return pattern if not flags else LazyPattern(pattern.pattern, pattern._flags | flags)
    return LazyPattern(pattern, flags)
