"""Metamorphic robustness: the same text from another producer must score the same.

    python eval/perturb.py [--shared ../shared] [--only NAME] [--variant V ...] [--detail]

For every gold file (``eval/goldfiles.py``) the input is read with the pipeline's reader, then
rewritten the ways another PDF text layer or a crawler would give it (the variants below), and
each variant is parsed and scored with the shared scorer against the same gold. The table shows,
per file, the headline micro-F1 (tp, predicted and gold items pooled over documents, tasks,
task units, targets and references) of the original and of each variant; ``--detail`` adds the
headline metrics that moved. A tool, not part of the suite: it changes nothing it reads.

Variants start from two forms of the read text: the raw lines as the reader gave them, and the
paragraphs (the lines of the cleaner's output, one paragraph each, as the original parse cut
them), which the re-wrapping variants break again at a fixed width as another producer would.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from luoshi.clean import clean
from luoshi.contract import to_contract
from luoshi.errors import LuoshiError
from luoshi.model import SourceText
from luoshi.pagebody import crawler_header
from luoshi.pipeline import parse_source
from luoshi.read import read_file
from luoshi.read.txt import txt_text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
from gate import HEADLINE, load_scorer  # noqa: E402  (eval/gate.py, beside this file)
from goldfiles import GoldError, gold_files  # noqa: E402

# Lines of a page in the page-furniture variants (a page of GB/T 9704 has 22 lines).
PAGE_LINES = 22
RUNNING_HEAD = "政府信息公开专栏"
# Short lines (characters) that the letter-spacing variant spaces out: headings, addressees.
SPACED_MAX_CHARS = 20
# Punctuation a typeset line never starts with.
NO_LINE_START = frozenset("，。、；：？！）》”’〕】」』…")


def _paragraphs(source: SourceText) -> list[str]:
    return [p for p in clean(source).text.split("\n") if p]


def _columns(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _wrap(width: int) -> Callable[[SourceText, dict], str]:
    """Each paragraph broken into lines of ``width`` full-width characters (2 × width columns:
    a half-width digit or letter takes one, as on a printed line). A table row (cells between
    tabs) is left as it is: another producer lays a table out its own way, not as wrapped text;
    so are a crawler's ``key: value`` lines, which no page layout wraps."""

    def variant(source: SourceText, gold: dict) -> str:
        out = []
        paras = _paragraphs(source)
        crawler = crawler_header(paras)
        keep = crawler.lines if crawler else frozenset()
        for i, para in enumerate(paras):
            if "\t" in para or i in keep:
                out.append(para)
                continue
            line, used = [], 0
            for ch in para:
                # A closing mark never opens a line (GB/T 15834 line breaking): it stays on the
                # line it closes, a little over the width, as typesetters do.
                if used + _columns(ch) > 2 * width and ch not in NO_LINE_START:
                    out.append("".join(line))
                    line, used = [], 0
                line.append(ch)
                used += _columns(ch)
            out.append("".join(line))
        return "\n".join(out)

    return variant


def _raw_lines(source: SourceText) -> list[str]:
    return source.text.replace("\r\n", "\n").split("\n")


def _then(first: Callable[[SourceText, dict], str], second: Callable[[SourceText, dict], str]):
    """``second`` applied to the text ``first`` gives (two producers' habits at once)."""

    def variant(source: SourceText, gold: dict) -> str:
        return second(SourceText(path=source.path, text=first(source, gold), kind="txt"), gold)

    return variant


def _indent_first_lines(width: int) -> Callable[[SourceText, dict], str]:
    """Re-wrapped at ``width`` with each paragraph's first line indented by two full-width spaces."""

    def variant(source: SourceText, gold: dict) -> str:
        indented = "\n".join("\u3000\u3000" + p for p in _paragraphs(source))
        return _wrap(width)(SourceText(path=source.path, text=indented, kind="txt"), gold)

    return variant


def _paged(number: Callable[[int, int], str], head: str | None = None) -> Callable[[SourceText, dict], str]:
    """The raw lines cut into pages of PAGE_LINES non-blank lines, furniture between pages."""

    def variant(source: SourceText, gold: dict) -> str:
        lines = _raw_lines(source)
        content = [i for i, line in enumerate(lines) if line.strip()]
        breaks = set(content[PAGE_LINES::PAGE_LINES])
        total = len(breaks) + 1
        out: list[str] = [head] if head else []
        page = 1
        for i, line in enumerate(lines):
            if i in breaks:
                out.append(number(page, total))
                page += 1
                if head:
                    out.append(head)
            out.append(line)
        out.append(number(page, total))
        return "\n".join(out)

    return variant


def _no_number(page: int, total: int) -> str:
    return "\f"


def _fullwidth(source: SourceText, gold: dict) -> str:
    return re.sub(r"[0-9A-Za-z]", lambda m: chr(ord(m.group()) + 0xFEE0), source.text)


def _spaced_short_lines(source: SourceText, gold: dict) -> str:
    out = []
    for line in _raw_lines(source):
        s = line.strip()
        out.append(" ".join(s) if 0 < len(s) <= SPACED_MAX_CHARS else line)
    return "\n".join(out)


def _number_brackets(opening: str, closing: str) -> Callable[[SourceText, dict], str]:
    def variant(source: SourceText, gold: dict) -> str:
        return re.sub(r"〔(\d{4})〕", lambda m: f"{opening}{m.group(1)}{closing}", source.text)

    return variant


def _crawler_header(source: SourceText, gold: dict) -> str:
    docs = gold.get("documents") or [{}]
    first = docs[0]
    title = first.get("title") or source.path.stem
    date = first.get("date") or "2020-01-01"
    issuer = (first.get("issuers") or ["人民政府"])[0]
    head = f"标题:{title}\n发布时间:{date} 10:00\n来源:{issuer}\n浏览次数:123\n"
    return head + source.text


def _pdftotext(*options: str) -> Callable[[SourceText, dict], str]:
    """The input laid out as a GB/T 9704 PDF (``eval/formats.py``'s renderer: 28 characters a line,
    no indent kept by the text layer, ``— N —`` page numbers) and its text layer as poppler's
    ``pdftotext`` gives it, plain (reading order) or with ``-layout`` (columns kept by spaces):
    another producer than the pipeline's own PDF reader. Needs ``pdftotext`` and ``poppler-data``
    (the CJK font's character map)."""

    def variant(source: SourceText, gold: dict) -> str:
        from formats import blocks_of, render_gb_pdf  # reportlab: only when the variant runs

        with tempfile.TemporaryDirectory(prefix="luoshi-perturb-") as work:
            pdf = Path(work) / "gb.pdf"
            render_gb_pdf(blocks_of(source.path), pdf)
            done = subprocess.run(
                ["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
            )
        return done.stdout.decode("utf-8")

    return variant


VARIANTS: dict[str, Callable[[SourceText, dict], str]] = {
    "wrap20": _wrap(20),
    "wrap28": _wrap(28),
    "wrap40": _wrap(40),
    "crlf": lambda s, g: s.text.replace("\r\n", "\n").replace("\n", "\r\n"),
    "blank-between": lambda s, g: "\n\n".join(_raw_lines(s)),
    "one-line-paras": lambda s, g: "\n".join(_paragraphs(s)),
    "indent": lambda s, g: "\n".join("\u3000\u3000" + p for p in _paragraphs(s)),
    "no-indent": lambda s, g: "\n".join(line.lstrip(" \u3000\t") for line in _raw_lines(s)),
    "fullwidth": _fullwidth,
    "page-dash": _paged(lambda p, t: f"— {p} —"),
    "page-hyphen": _paged(lambda p, t: f"-{p}-"),
    "page-of": _paged(lambda p, t: f"第{p}页 共{t}页"),
    "running-head": _paged(lambda p, t: f"— {p} —", RUNNING_HEAD),
    "head-formfeed": _paged(_no_number, RUNNING_HEAD),
    "head-only": _paged(lambda p, t: "", RUNNING_HEAD),
    "spaced-short": _spaced_short_lines,
    "number-[]": _number_brackets("[", "]"),
    "number-（）": _number_brackets("（", "）"),
    "crawler-header": _crawler_header,
    # A copy normalised to NFKC (some crawlers and search indexes): half-width ，：；（）！？ and digits.
    "nfkc": lambda s, g: unicodedata.normalize("NFKC", s.text),
    # A PDF text layer as a whole: wrapped, first lines indented, pages with a number and a head.
    "pdf-like": _then(_indent_first_lines(28), _paged(lambda p, t: f"— {p} —", RUNNING_HEAD)),
    "pdf-like-fullwidth": _then(_then(_wrap(28), _paged(lambda p, t: f"-{p}-")), _fullwidth),
}
if shutil.which("pdftotext"):  # poppler-utils
    VARIANTS["pdftotext"] = _pdftotext()
    VARIANTS["pdftotext-layout"] = _pdftotext("-layout")


def _micro(res: dict) -> float:
    tp = sum(res[m]["tp"] for m in HEADLINE)
    pred = sum(res[m]["pred"] for m in HEADLINE)
    gold = sum(res[m]["gold"] for m in HEADLINE)
    if not pred and not gold:
        return 1.0
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _predict(source: SourceText) -> dict:
    try:
        return to_contract(parse_source(source))
    except LuoshiError as exc:
        print(f"{source.path.name}: not parsed: {exc}", file=sys.stderr)
        return {"documents": []}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--only", action="append", default=[], help="gold file name (repeatable)")
    ap.add_argument("--variant", action="append", default=[], choices=sorted(VARIANTS))
    ap.add_argument("--detail", action="store_true", help="print the headline metrics that moved")
    ap.add_argument("--json", type=Path, help="also write the scores here")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.shared)
    try:
        files = gold_files(args.shared)
    except GoldError as exc:
        raise SystemExit(f"perturb: {exc}") from None
    if args.only:
        files = [f for f in files if f.name in args.only]
    names = args.variant or list(VARIANTS)
    table: dict[str, dict[str, float]] = {}
    pooled: dict[str, list[dict]] = {"original": []}
    print("| file | original | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for gf in files:
        gold = json.loads(gf.gold.read_text(encoding="utf-8"))
        try:
            source = read_file(gf.input)
        except LuoshiError as exc:
            print(f"{gf.name}: not read: {exc}", file=sys.stderr)
            continue
        base = scorer.score(gold, _predict(source))
        pooled["original"].append(base)
        row = {"original": _micro(base)}
        details = []
        for name in names:
            # Another producer's text: no reader's block structure to lean on, so kind "txt".
            # read as the TXT reader reads a text file (a layout table's columns back to rows)
            text = txt_text(VARIANTS[name](source, gold))
            variant = SourceText(path=source.path, text=text, kind="txt", encoding="utf-8")
            res = scorer.score(gold, _predict(variant))
            pooled.setdefault(name, []).append(res)
            row[name] = _micro(res)
            moved = [f"{m} {base[m]['f1']:.2f}→{res[m]['f1']:.2f}" for m in HEADLINE if res[m]["f1"] != base[m]["f1"]]
            if moved:
                details.append(f"    {name}: " + ", ".join(moved))
        table[gf.name] = row
        cells = [f"{row['original']:.3f}"] + [_cell(row[n], row["original"]) for n in names]
        print(f"| {gf.name} | " + " | ".join(cells) + " |", flush=True)
        if args.detail and details:
            print("\n".join(details), flush=True)
    totals = {name: _pooled_micro(results) for name, results in pooled.items()}
    cells = [f"{totals['original']:.3f}"] + [_cell(totals[n], totals["original"]) for n in names]
    print("| **all files (pooled)** | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps({"files": table, "pooled": totals}, indent=1), encoding="utf-8")
    return 0


def _pooled_micro(results: list[dict]) -> float:
    merged = {m: {k: sum(r[m][k] for r in results) for k in ("tp", "pred", "gold")} for m in HEADLINE}
    return _micro(merged)


def _cell(value: float, original: float) -> str:
    """The score, marked when it differs from the original's by a thousandth or more."""
    if abs(value - original) < 0.0005:
        return f"{value:.3f}"
    return f"**{value:.3f}**"


if __name__ == "__main__":
    raise SystemExit(main())
