"""Unit-name normalizer: map the short forms documents use to one full name.

Documents name the same body many ways (``省发展改革委``, ``发展改革委``,
``国家发展改革委``); the registry needs one key per body to count its work.
The mapping is data, not code: ``data/unit_aliases.csv`` with columns
``alias,canonical,level[,region]``. A user extends it with a CSV of the same
shape (:func:`load_aliases` with ``extra=``) or replaces it (``path=``).

Short forms such as ``省发展改革委`` or ``财政厅`` only have a meaning inside
one province, so a row may name its ``region`` (``四川省``). A lookup with a
region only uses rows of that region or of none; a lookup without one uses an
alias only when every row for it agrees, and otherwise says it does not know
(``None``) rather than guess. The contract's ``units`` stay the surface forms;
this module is used next to them, never instead of them.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from luoshi.errors import ErrorCode, LuoshiError

LEVELS: frozenset[str] = frozenset({"national", "provincial", "municipal", "district", "county", "other"})
REQUIRED_COLUMNS: tuple[str, ...] = ("alias", "canonical", "level")


def normalize_name(name: str) -> str:
    """The form aliases are compared in: NFKC, no whitespace, full-width brackets.

    NFKC turns ``（）`` into ``()``; unit names in the corpus use ``（）``, so
    round brackets are put back to the full-width form.
    """
    text = unicodedata.normalize("NFKC", name or "")
    text = "".join(ch for ch in text if not ch.isspace())
    return text.replace("(", "（").replace(")", "）")


@dataclass(frozen=True)
class Alias:
    alias: str
    canonical: str
    level: str
    region: str | None = None


@dataclass(frozen=True)
class AliasTable:
    """Aliases indexed by their normalized form."""

    rows: tuple[Alias, ...]
    _index: dict[str, tuple[Alias, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[Alias]] = {}
        for row in self.rows:
            index.setdefault(normalize_name(row.alias), []).append(row)
            # a canonical name is its own alias
            key = normalize_name(row.canonical)
            if all(r.canonical != row.canonical for r in index.get(key, [])):
                index.setdefault(key, []).append(Alias(row.canonical, row.canonical, row.level, row.region))
        object.__setattr__(self, "_index", {k: tuple(v) for k, v in index.items()})

    def lookup(self, name: str, region: str | None = None) -> Alias | None:
        """The row that ``name`` stands for, or None when unknown or ambiguous."""
        rows = self._index.get(normalize_name(name), ())
        if region is not None:
            rows = tuple(r for r in rows if r.region in (None, region)) or ()
        names = {r.canonical for r in rows}
        if len(names) != 1:
            return None
        return rows[0]

    def canonical(self, name: str, region: str | None = None) -> str | None:
        row = self.lookup(name, region)
        return row.canonical if row else None

    def merged(self, other: AliasTable) -> AliasTable:
        """This table with ``other``'s rows; ``other`` wins for an alias both define."""
        overridden = {(normalize_name(r.alias), r.region) for r in other.rows}
        keep = tuple(r for r in self.rows if (normalize_name(r.alias), r.region) not in overridden)
        return AliasTable(keep + other.rows)


def _read_rows(text: str, where: str) -> tuple[Alias, ...]:
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise LuoshiError(ErrorCode.CORRUPT, where, f"alias CSV lacks column(s) {', '.join(missing)}")
    rows: list[Alias] = []
    for lineno, raw in enumerate(reader, start=2):
        rec = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        alias, canonical, level = rec.get("alias", ""), rec.get("canonical", ""), rec.get("level", "")
        if not alias and not canonical:
            continue  # blank line
        if not alias or not canonical:
            raise LuoshiError(ErrorCode.CORRUPT, where, f"line {lineno}: alias and canonical are required")
        if level not in LEVELS:
            raise LuoshiError(ErrorCode.CORRUPT, where, f"line {lineno}: level {level!r} not one of {sorted(LEVELS)}")
        rows.append(Alias(alias, canonical, level, rec.get("region") or None))
    return tuple(rows)


def load_aliases(path: Path | str | None = None, extra: Path | str | None = None) -> AliasTable:
    """Read an alias table.

    ``path``: a CSV replacing the packaged table (default: ``data/unit_aliases.csv``).
    ``extra``: a user CSV whose rows are added on top (and win on conflicts).
    A missing or malformed file is a :class:`LuoshiError`.
    """
    table = AliasTable(_read_rows(_read_text(path), str(path or "unit_aliases.csv")))
    if extra is not None:
        table = table.merged(AliasTable(_read_rows(_read_text(extra), str(extra))))
    return table


def _read_text(path: Path | str | None) -> str:
    if path is None:
        return resources.files("luoshi").joinpath("data/unit_aliases.csv").read_text(encoding="utf-8")
    p = Path(path)
    if not p.exists():
        raise LuoshiError(ErrorCode.NOT_FOUND, p)
    if not p.is_file():
        raise LuoshiError(ErrorCode.NOT_A_FILE, p)
    try:
        return p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LuoshiError(ErrorCode.UNDECODABLE, p) from exc


@lru_cache(maxsize=1)
def default_table() -> AliasTable:
    """The packaged table, read once."""
    return load_aliases()


def canonical(name: str, region: str | None = None, table: AliasTable | None = None) -> str | None:
    """The full name ``name`` stands for, or None when the table does not know it.

    >>> canonical("省发展改革委")
    '四川省发展和改革委员会'
    """
    return (table or default_table()).canonical(name, region)
