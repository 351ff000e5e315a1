"""The gold files and the corpus input each one answers, whatever the input's extension.

A gold file ``NAME.gold.json`` answers the corpus file ``NAME.<ext>``, where ext is one
of the formats the pipeline reads. Exactly one such input must exist: a missing or an
ambiguous input is an error that names the gold file, never a file silently skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

INPUT_EXTENSIONS = (".txt", ".html", ".htm", ".pdf", ".docx")


class GoldError(Exception):
    """The shared material is missing or does not fit together."""


@dataclass(frozen=True)
class GoldFile:
    name: str
    gold: Path
    input: Path


def gold_files(shared: Path, gold_dir: Path | None = None) -> list[GoldFile]:
    """Every gold file under ``shared/gold`` (or ``gold_dir``) with its input under
    ``shared/corpus``, by name."""
    gold_dir, corpus = gold_dir or shared / "gold", shared / "corpus"
    if not gold_dir.is_dir() or not corpus.is_dir():
        raise GoldError(f"shared material expected at {shared} (gold/ and corpus/ beside the clone)")
    found = []
    for gold in sorted(gold_dir.glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        inputs = [corpus / f"{name}{ext}" for ext in INPUT_EXTENSIONS if (corpus / f"{name}{ext}").is_file()]
        if not inputs:
            raise GoldError(f"{gold.name}: no input {name}{{{','.join(INPUT_EXTENSIONS)}}} in {corpus}")
        if len(inputs) > 1:
            raise GoldError(f"{gold.name}: more than one input: {', '.join(p.name for p in inputs)}")
        found.append(GoldFile(name, gold, inputs[0]))
    if not found:
        raise GoldError(f"no gold files in {gold_dir}")
    return found
