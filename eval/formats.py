"""Format invariance: each gold input laid out again as PDF and DOCX, parsed and scored.

    python eval/formats.py [--shared ../shared] [--gold-dir DIR] [--only NAME] [--format FMT] [--keep DIR]
                           [--no-chromium] [--no-office]

For every gold file (``eval/goldfiles.py``) the input is rendered as

* ``pdf-gb``: a reportlab PDF laid out like GB/T 9704 (A4, 28 characters a line, 22 lines
  a page, ``— N —`` at the foot, paragraphs indented two characters, tables as ruled grids
  with each cell at its column's x position);
* ``pdf-chr``: the page printed by chromium headless without header/footer (a .txt input
  becomes an HTML page of its paragraphs, tab rows as a table);
* ``pdf-chr-hf``: the same with chromium's default header/footer (date, title, URL, page
  x/y), as a PDF saved from a browser has;
* ``docx``: python-docx paragraphs (first line indented), tab rows / HTML tables as Word
  tables;
* ``docx-num``: the same with ``一、`` and ``（一）`` headings drawn by Word automatic
  numbering instead of typed text;
* ``pdf-lo``: the ``docx`` file printed to PDF by LibreOffice (``soffice --convert-to pdf``,
  when it is installed: ``apt-get install libreoffice-writer-nogui``), as an office suite
  exports a document, tables with their borders;
* ``pdf-lo-nb``: the same with the tables' borders removed (a plain Word table with no
  style draws none), as a 任务分工表 is often printed in city and county PDFs: the reader
  must find the columns from the gaps between the cells' text;

then each is parsed with the pipeline and scored with the shared scorer against the same
gold. The table gives headline F1 beside the original input's score, and a micro-F1 row per
format over all gold files. This is a measuring tool, not a test: nothing here is asserted.

The paragraphs rendered are the pipeline's reading of the input: an HTML input's article
without the site's navigation (the HTML reader), a text layer's lines joined back into
paragraphs, a crawled page flattened onto one line cut into its paragraphs — a PDF or DOCX
of the document holds those paragraphs. Chromium prints an HTML input's saved page itself,
navigation included.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
sys.path.insert(0, str(ROOT / "tests"))
from gate import HEADLINE, load_scorer, micro_f1, predict  # noqa: E402
from goldfiles import gold_files  # noqa: E402

from luoshi.contract import to_contract  # noqa: E402
from luoshi.pipeline import parse_file  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SOFFICE = "soffice"
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
_OLD_PAGE_NUMBER = re.compile(r"^\s*[-—－–]+\s*\d{1,4}\s*[-—－–]+\s*$")
_NUMBERED = (
    (re.compile(r"^([一二三四五六七八九十]{1,3})、"), 0),
    (re.compile(r"^（([一二三四五六七八九十]{1,3})）"), 1),
)


# --------------------------------------------------------------------------- blocks


def blocks_of(path: Path) -> list[str | list[list[str]]]:
    """The input as paragraphs (str) and tables (rows of cells), in order."""
    from luoshi.clean import clean
    from luoshi.read import read_file

    source = read_file(path)
    # The HTML reader already gives one line per block, with a row's leading empty (merged)
    # cells; the cleaner would strip those. A text file's lines are joined by the cleaner.
    text = source.text if source.kind == "html" else clean(source).text
    lines = [ln.strip(" \u3000") for ln in text.replace("\f", "\n").split("\n")]
    out: list[str | list[list[str]]] = []
    for line in lines:
        if not line.strip() or _OLD_PAGE_NUMBER.match(line):
            continue
        if "\t" in line:
            row = [cell.strip() for cell in line.split("\t")]
            if out and isinstance(out[-1], list):
                out[-1].append(row)
            else:
                out.append([row])
        else:
            out.append(line)
    return out


# --------------------------------------------------------------------------- GB/T 9704 PDF


def _width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


def _cell_width(ch: str) -> float:
    """Width in a table cell: the CJK font sets ambiguous-width marks (“” …) a full em wide,
    and a cell's text must stay inside its borders."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5


def _wrap(text: str, chars: float, first_indent: float = 0.0, width=_width) -> list[str]:
    lines, current, used, limit = [], "", 0.0, chars - first_indent
    for ch in text:
        w = width(ch)
        if used + w > limit and current:
            lines.append(current)
            current, used, limit = "", 0.0, chars
        current += ch
        used += w
    if current or not lines:
        lines.append(current)
    return lines


def render_gb_pdf(blocks, out: Path) -> None:
    from reportlab.pdfgen import canvas

    from fixtures_build import A4, BODY_SIZE, BODY_TOP, CJK_FONT, LEFT, PAGE_NUMBER_Y, PAGE_WIDTH, gb_page_number

    em = BODY_SIZE
    step = 28.0
    width = CHARS_PER_LINE * em
    pdf = canvas.Canvas(str(out), pagesize=A4)
    state = {"page": 1, "row": 0}

    def finish_page():
        pdf.setFont(CJK_FONT, 14)
        pdf.drawCentredString(PAGE_WIDTH / 2, PAGE_NUMBER_Y, gb_page_number(state["page"]))
        pdf.showPage()
        state["page"] += 1
        state["row"] = 0

    def y_of(row: int) -> float:
        return BODY_TOP - row * step

    for block in blocks:
        if isinstance(block, str):
            pdf.setFont(CJK_FONT, em)
            for i, line in enumerate(_wrap(block, CHARS_PER_LINE, 2.0)):
                if state["row"] >= LINES_PER_PAGE:
                    finish_page()
                    pdf.setFont(CJK_FONT, em)
                pdf.drawString(LEFT + (2 * em if i == 0 else 0), y_of(state["row"]), line)
                state["row"] += 1
            continue
        columns = max(len(r) for r in block)
        need = [
            max((sum(_width(c) for c in (r[k] if k < len(r) else "")) for r in block), default=1)
            for k in range(columns)
        ]
        need = [max(2.0, min(n, 12.0)) for n in need]
        scale = CHARS_PER_LINE / sum(need)
        col_chars = [n * scale for n in need]
        size = 12.0
        cell_em = size
        xs = [LEFT]
        for c in col_chars:
            xs.append(xs[-1] + c / CHARS_PER_LINE * width)
        for row in block:
            wrapped = [
                _wrap(row[k] if k < len(row) else "", max(1.0, (xs[k + 1] - xs[k] - 4) / cell_em), width=_cell_width)
                for k in range(columns)
            ]
            # A row that does not fit on what is left of the page starts the next one; a row
            # taller than a page is cut there and continues on the next (as Word breaks it).
            while wrapped:
                height = max(len(w) for w in wrapped)
                if state["row"] >= LINES_PER_PAGE or (
                    state["row"] > 0 and state["row"] + height > LINES_PER_PAGE >= height
                ):
                    finish_page()
                take = min(height, LINES_PER_PAGE - state["row"])
                top = y_of(state["row"]) + em
                bottom = top - take * step
                pdf.setLineWidth(0.5)
                pdf.line(xs[0], top, xs[-1], top)
                pdf.line(xs[0], bottom, xs[-1], bottom)
                for x in xs:
                    pdf.line(x, top, x, bottom)
                pdf.setFont(CJK_FONT, size)
                for k, cell_lines in enumerate(wrapped):
                    for j, text in enumerate(cell_lines[:take]):
                        pdf.drawString(xs[k] + 2, y_of(state["row"] + j), text)
                state["row"] += take
                wrapped = [w[take:] for w in wrapped] if take < height else []
                if wrapped:
                    finish_page()
    finish_page()
    pdf.save()


# --------------------------------------------------------------------------- chromium


def blocks_html(blocks, title: str) -> str:
    body = []
    for block in blocks:
        if isinstance(block, str):
            body.append(f"<p>{html.escape(block)}</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in block)
            body.append(f'<table border="1" style="border-collapse:collapse">{rows}</table>')
    style = "body{font-size:16pt;width:28em;margin:auto} p{text-indent:2em;margin:0}"
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>"
    )


def render_chromium(source_html: Path, out: Path, header_footer: bool) -> None:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={out}",
        ]
        if not header_footer:
            cmd.append("--no-pdf-header-footer")
        cmd.append(source_html.resolve().as_uri())
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def _has_text(pdf: Path) -> bool:
    """Whether the reader finds text in ``pdf`` besides its page furniture."""
    from luoshi.errors import LuoshiError
    from luoshi.read import read_file

    try:
        read_file(pdf)
    except LuoshiError:
        return False
    return True


# --------------------------------------------------------------------------- DOCX


def _numbering_part(document) -> tuple[int, int]:
    """Add an abstract list ``一、`` / ``（一）`` (chineseCounting) and return its numId twice."""
    from docx.oxml import parse_xml

    part = document.part
    try:
        numbering = part.numbering_part.element
    except NotImplementedError:  # pragma: no cover - python-docx's default template has one
        raise SystemExit("formats: template without numbering part") from None
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for level_text, abstract in (("%1、", 900), ("（%1）", 901)):
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {w} w:abstractNumId="{abstract}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{level_text}"/></w:lvl></w:abstractNum>'
            ),
        )
    return 900, 901


def render_docx(blocks, out: Path, numbered: bool, borders: bool = True) -> None:
    import cn2an
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    next_num = [1000]
    numbering = None
    if numbered:
        _numbering_part(document)
        numbering = document.part.numbering_part.element
    current: dict[int, tuple[int, int] | None] = {0: None, 1: None}  # level → (numId, last value)

    def new_num(abstract: int, start: int) -> int:
        next_num[0] += 1
        numbering.append(
            parse_xml(
                f'<w:num {w} w:numId="{next_num[0]}"><w:abstractNumId w:val="{abstract}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
            )
        )
        return next_num[0]

    for block in blocks:
        if isinstance(block, str):
            text, num = block, None
            if numbered:
                for pattern, level in _NUMBERED:
                    m = pattern.match(block)
                    if m:
                        value = int(cn2an.cn2an(m.group(1), "smart"))
                        was = current[level]
                        if was is None or was[1] + 1 != value:
                            was = (new_num(900 + level, value), value - 1)
                        current[level] = (was[0], value)
                        text, num = block[m.end() :], was[0]
                        break
            p = document.add_paragraph(text)
            p.paragraph_format.first_line_indent = Pt(32)
            if num is not None:
                ppr = p._p.get_or_add_pPr()
                ppr.insert(0, parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))
            continue
        columns = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=columns)
        if borders:
            table.style = "Table Grid"  # else python-docx's default "Normal Table": no borders
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.save(str(out))


def render_office_pdf(docx: Path, out: Path) -> None:
    """``docx`` exported to ``out`` by LibreOffice (headless, its own throwaway profile)."""
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as outdir:
        cmd = [
            SOFFICE,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            outdir,
            str(docx),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        shutil.move(str(Path(outdir) / f"{docx.stem}.pdf"), out)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--only", action="append", help="gold file name (repeatable)")
    ap.add_argument("--gold-dir", type=Path, help="gold files from here (eval/heldout) instead of shared/gold")
    ap.add_argument("--keep", type=Path, help="keep the rendered files here")
    ap.add_argument("--no-chromium", action="store_true")
    ap.add_argument("--no-office", action="store_true", help="skip the LibreOffice PDF")
    ap.add_argument("--json", type=Path, help="write the scores here")
    ap.add_argument("--format", action="append", dest="formats", help="only this format (repeatable)")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.shared)
    formats = ["original", "pdf-gb", "docx", "docx-num"]
    if not args.no_chromium and shutil.which(CHROMIUM):
        formats[2:2] = ["pdf-chr", "pdf-chr-hf"]
    if not args.no_office and shutil.which(SOFFICE):
        formats.extend(["pdf-lo", "pdf-lo-nb"])
    if args.formats:
        formats = [f for f in formats if f in args.formats]
    system = lambda path: to_contract(parse_file(path))  # noqa: E731
    work = args.keep or Path(tempfile.mkdtemp(prefix="luoshi-formats-"))
    work.mkdir(parents=True, exist_ok=True)
    scores: dict[str, dict[str, dict]] = {}
    for gf in gold_files(args.shared, args.gold_dir):
        if args.only and gf.name not in args.only:
            continue
        gold = json.loads(gf.gold.read_text(encoding="utf-8"))
        blocks = blocks_of(gf.input)
        row: dict[str, dict] = {}
        for fmt in formats:
            if fmt == "original":
                target = gf.input
            elif fmt == "pdf-gb":
                target = work / f"{gf.name}.gb.pdf"
                render_gb_pdf(blocks, target)
            elif fmt.startswith("pdf-chr"):
                target = work / f"{gf.name}.{fmt}.pdf"
                source = gf.input
                if gf.input.suffix == ".txt":
                    source = work / f"{gf.name}.page.html"
                    source.write_text(blocks_html(blocks, gf.name), encoding="utf-8")
                try:
                    render_chromium(source, target, header_footer=fmt.endswith("hf"))
                    if source == gf.input and not _has_text(target):
                        # A saved page that shows its article only once its scripts ran (from
                        # the network) prints blank: print the article's paragraphs instead.
                        print(f"{gf.name} {fmt}: saved page prints blank, printing its paragraphs", file=sys.stderr)
                        source = work / f"{gf.name}.page.html"
                        source.write_text(blocks_html(blocks, gf.name), encoding="utf-8")
                        render_chromium(source, target, header_footer=fmt.endswith("hf"))
                except (subprocess.SubprocessError, OSError) as exc:
                    print(f"{gf.name} {fmt}: chromium failed: {exc}", file=sys.stderr)
                    continue
            elif fmt.startswith("pdf-lo"):
                suffix = fmt.removeprefix("pdf-").replace("-", ".")
                target = work / f"{gf.name}.{suffix}.pdf"
                docx = work / f"{gf.name}.{suffix}.docx"
                render_docx(blocks, docx, numbered=False, borders=fmt == "pdf-lo")
                try:
                    render_office_pdf(docx, target)
                except (subprocess.SubprocessError, OSError) as exc:
                    print(f"{gf.name} {fmt}: LibreOffice failed: {exc}", file=sys.stderr)
                    continue
            else:
                target = work / f"{gf.name}.{fmt}.docx"
                render_docx(blocks, target, numbered=fmt == "docx-num")
            row[fmt] = scorer.score(gold, predict(system, target))
        scores[gf.name] = row
        print(f"{gf.name}: " + "  ".join(f"{f}={r['tasks']['f1']:.2f}" for f, r in row.items()), file=sys.stderr)
    print("| file | format | " + " | ".join(HEADLINE) + " |")
    print("|---|---|" + "---|" * len(HEADLINE))
    for name, row in scores.items():
        for fmt, res in row.items():
            print(f"| {name} | {fmt} | " + " | ".join(f"{res[m]['f1']:.3f}" for m in HEADLINE) + " |")
    print()
    print("| format (micro F1 over all files) | " + " | ".join(HEADLINE) + " |")
    print("|---|" + "---|" * len(HEADLINE))
    for fmt in formats:
        results = [row[fmt] for row in scores.values() if fmt in row]
        if results:
            print(f"| {fmt} | " + " | ".join(f"{micro_f1(results, m):.3f}" for m in HEADLINE) + " |")
    if args.json:
        slim = {n: {f: {m: r[m]["f1"] for m in HEADLINE} for f, r in row.items()} for n, row in scores.items()}
        args.json.write_text(json.dumps(slim, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
