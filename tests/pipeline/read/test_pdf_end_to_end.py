"""A real document typeset into a PDF reads and parses like its text layer.

The Hangzhou notice (a pdftotext layer in the corpus) is laid out again as a
PDF with GB/T 9704 page numbers, read through the PDF reader and scored with
the shared scorer against its gold answer.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from fixtures_build import build_pdf
from luoshi.contract import to_contract
from luoshi.pipeline import parse_file

NAME = "muni_hz_hangzhengbanhan_2025_16_zuqiu_pdf"
LINES_PER_PAGE = 30


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_typeset_pdf_scores_like_its_text_layer(shared: Path, tmp_path: Path):
    raw = (shared / "corpus" / f"{NAME}.txt").read_text(encoding="utf-8")
    # The printed lines of the body, without the old page furniture.
    lines = [ln for ln in raw.replace("\f", "\n").split("\n") if ln.strip() and not re.match(r"^— \d+ —$", ln.strip())]
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    pdf = build_pdf(tmp_path / "notice.pdf", pages)

    result = parse_file(pdf)
    assert result.clean.source.kind == "pdf"
    assert not re.search(r"—\s*\d+\s*—", result.clean.text)

    gold = json.loads((shared / "gold" / f"{NAME}.gold.json").read_text(encoding="utf-8"))
    res = _scorer(shared).score(gold, to_contract(result))
    assert res["documents"]["f1"] == 1.0
    assert all(v == 1.0 for v in res["document_fields"].values()), res["document_fields"]
    for metric in ("tasks", "task_units", "targets"):
        assert res[metric]["f1"] >= 0.95, (metric, res[metric], res["misses"])
