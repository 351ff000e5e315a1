"""Build reader fixtures at test time, so no binary blob is checked in.

Each builder writes one file and returns its path. The texts are chosen to
look like real 公文 (GB/T 9704 page furniture, Chinese metadata tables), so a
reader that passes here meets the same shapes in the wild.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

#: reportlab's built-in Adobe CID font: renders Chinese with no font file on disk.
CJK_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))

PAGE_WIDTH, PAGE_HEIGHT = A4
MM = 72 / 25.4
BODY_SIZE = 16  # 3号 type
#: GB/T 9704 layout: 37 mm top margin, 35 mm bottom; page number 7 mm below the text block.
#: ``BODY_TOP`` is the first baseline: one type size below the text block's top edge.
BODY_TOP = PAGE_HEIGHT - 37 * MM - BODY_SIZE
BODY_BOTTOM = 35 * MM
PAGE_NUMBER_Y = BODY_BOTTOM - 7 * MM - 14  # baseline of 4号 (14 pt) digits
RUNNING_HEAD_Y = PAGE_HEIGHT - 20 * MM
LEFT = 28 * MM
LINE_STEP = 28.0  # 22 lines of 3号 type fill the text block, as in GB/T 9704


def gb_page_number(n: int) -> str:
    """GB/T 9704 page number: an em dash either side."""
    return f"— {n} —"


def build_pdf(
    path: Path,
    pages: Sequence[Sequence[str]],
    *,
    running_head: str | None = None,
    page_number: object = gb_page_number,
    number_at_top: bool = False,
    encrypt_password: str | None = None,
) -> Path:
    """A PDF whose page ``i`` has body lines ``pages[i]``, optional head and page number.

    ``page_number`` is a function of the 1-based page number giving the label, or None.
    """
    encrypt = None
    if encrypt_password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(encrypt_password, ownerPassword=encrypt_password + "-owner")
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for number, lines in enumerate(pages, start=1):
        if running_head is not None:
            pdf.setFont(CJK_FONT, 10.5)
            pdf.drawCentredString(PAGE_WIDTH / 2, RUNNING_HEAD_Y, running_head)
        pdf.setFont(CJK_FONT, BODY_SIZE)
        y = BODY_TOP
        for line in lines:
            pdf.drawString(LEFT, y, line)
            y -= LINE_STEP
        if page_number is not None:
            label = page_number(number)  # type: ignore[operator]
            pdf.setFont(CJK_FONT, 14)
            y_label = RUNNING_HEAD_Y if number_at_top else PAGE_NUMBER_Y
            pdf.drawCentredString(PAGE_WIDTH / 2, y_label, label)
        pdf.showPage()
    pdf.save()
    return path


def build_drawing_only_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF with shapes but no text layer, like a scan without OCR."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.rect(LEFT, BODY_BOTTOM, PAGE_WIDTH - 2 * LEFT, BODY_TOP - BODY_BOTTOM, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def gazette_pages(count: int, lines_per_page: int = 22) -> list[list[str]]:
    """Body lines for a long gazette: numbered so each line is unique and checkable."""
    pages = []
    for page in range(1, count + 1):
        pages.append([f"第{page}页第{line}行：各地区各部门要认真贯彻落实。" for line in range(1, lines_per_page + 1)])
    return pages


def build_docx(path: Path, blocks: Sequence[str | Sequence[Sequence[str]]]) -> Path:
    """A DOCX with one paragraph per string and one table per list of rows, in order."""
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        rows = [list(row) for row in block]
        table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.save(str(path))
    return path


def build_placed_pdf(
    path: Path,
    pages: Sequence[Sequence[tuple]],
    *,
    size: float = BODY_SIZE,
    rules: Sequence[Sequence[tuple[float, float, float, float]]] = (),
    rules_in_form: bool = False,
    rules_as: str = "lines",
) -> Path:
    """A PDF whose page ``i`` draws each ``(x, y, text)`` of ``pages[i]`` at that point (in pt),
    in ``size`` type or in the item's own ``(x, y, text, size)`` or ``(x, y, text, size, font)``
    (a reportlab font name; the CJK font by default); a ``text`` that is a list of strings and
    numbers is one show operator, each number a gap of that many points; and each line
    ``(x0, y0, x1, y1)`` of ``rules[i]`` (0.5 pt wide); with ``rules_in_form`` the rules sit in
    a form XObject placed with a shift, as a PDF stamping tool leaves a page's drawing.
    ``rules_as="path"`` strokes all of a page's rules as one path, ``"boxes"`` strokes each
    ``(x0, y0, x1, y1)`` as the rectangle with those corners (a cell's box).

    For layouts the line-by-line builder cannot draw: indented first lines, table cells side
    by side on one baseline, running heads and feet of any wording, rules and frames.
    """
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, items in enumerate(pages):
        for x, y, text, *own in items:
            font, points = (own[1] if len(own) > 1 else CJK_FONT), (own[0] if own else size)
            pdf.setFont(font, points)
            if isinstance(text, str):
                pdf.drawString(x, y, text)
                continue
            # One show operator with gaps: [(part) -gap (part)] TJ, as office suites set a line.
            shown = " ".join(
                f"<{part.encode('utf-16-be').hex()}>" if isinstance(part, str) else f"{-part / points * 1000:.1f}"
                for part in text
            )
            code = pdf.beginText(x, y)
            code.setFont(font, points)
            code._code.append(f"[{shown}] TJ")
            pdf.drawText(code)
        page_rules = rules[number] if number < len(rules) else ()
        if rules_in_form and page_rules:
            name = f"rules{number}"
            pdf.beginForm(name)
            pdf.setLineWidth(0.5)
            for x0, y0, x1, y1 in page_rules:
                pdf.line(x0 - 10, y0 - 20, x1 - 10, y1 - 20)
            pdf.endForm()
            pdf.saveState()
            pdf.translate(10, 20)
            pdf.doForm(name)
            pdf.restoreState()
        elif rules_as == "path" and page_rules:
            pdf.setLineWidth(0.5)
            outline = pdf.beginPath()
            for x0, y0, x1, y1 in page_rules:
                outline.moveTo(x0, y0)
                outline.lineTo(x1, y1)
            pdf.drawPath(outline, stroke=1, fill=0)
        elif rules_as == "boxes":
            pdf.setLineWidth(0.5)
            for x0, y0, x1, y1 in page_rules:
                pdf.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
        else:
            pdf.setLineWidth(0.5)
            for x0, y0, x1, y1 in page_rules:
                pdf.line(x0, y0, x1, y1)
        pdf.showPage()
    pdf.save()
    return path


def gb_paragraph_items(paragraphs: Sequence[str], chars_per_line: int = 28) -> list[tuple[float, float, str]]:
    """Paragraphs set as GB/T 9704 body text: first line indented two characters, wrapped at
    ``chars_per_line`` characters, one line every :data:`LINE_STEP` from :data:`BODY_TOP`."""
    items: list[tuple[float, float, str]] = []
    y = BODY_TOP
    for paragraph in paragraphs:
        rest, first = paragraph, True
        while rest:
            take = chars_per_line - 2 if first else chars_per_line
            x = LEFT + (2 * BODY_SIZE if first else 0)
            items.append((x, y, rest[:take]))
            rest, first = rest[take:], False
            y -= LINE_STEP
    return items


def _cell_lines(text: str, width: float, size: float) -> list[str]:
    """``text`` wrapped to a cell ``width`` points wide (2 pt padding either side), every
    character a full em: the tests' cells hold Chinese text and full-width digits. A ``\n``
    breaks the line early, as a line-breaking rule does (``、`` may not start a line)."""
    per_line = max(1, int((width - 4) // size))
    return [part[i : i + per_line] for part in text.split("\n") for i in range(0, len(part), per_line)] or [""]


def build_table_pdf(
    path: Path,
    rows: Sequence[Sequence[str | None]],
    widths: Sequence[float],
    *,
    before: Sequence[str] = (),
    after: Sequence[str] = (),
    size: float = 12,
    repeat_header: bool = False,
    border_at_break: bool = True,
    page_rows: int = 40,
) -> Path:
    """A ruled table as word processors and browsers print one: ``rows[0]`` is the header,
    each cell wraps inside its column (``widths`` in pt, from :data:`LEFT`), a ``None`` cell is
    covered by the cell above (a vertically merged cell: no border between them), lines in
    ``before`` / ``after`` are body text above / below it.

    At most ``page_rows`` lines of cells fit on a page; a row that does not fit is cut there
    and goes on at the top of the next page (Word's "allow row to break across pages"). With
    ``border_at_break`` the cut is closed by a border on both pages, as Word draws it; without,
    it is left open, as chromium prints it. ``repeat_header`` draws the header row again at the
    top of every page the table runs on to.
    """
    step = size * 1.5
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = BODY_TOP
    for line in before:
        pdf.setFont(CJK_FONT, BODY_SIZE)
        pdf.drawString(LEFT, y, line)
        y -= LINE_STEP
    top = y + BODY_SIZE - step  # the first cell line's baseline
    state = {"y": top, "used": 0}

    def draw_part(cells: list[list[str]], top_open: set[int], bottom_open: set[int]) -> int:
        """Draw what fits on the page of ``cells`` with borders above and below except over the
        columns in ``top_open`` / ``bottom_open``; return how many lines were drawn."""
        height = max(len(c) for c in cells)
        take = min(height, page_rows - state["used"])
        upper = state["y"] + size * 1.2
        lower = upper - take * step
        pdf.setLineWidth(0.5)
        for x in xs:
            pdf.line(x, upper, x, lower)
        for k in range(len(widths)):
            if k not in top_open:
                pdf.line(xs[k], upper, xs[k + 1], upper)
            if k not in bottom_open:
                pdf.line(xs[k], lower, xs[k + 1], lower)
        pdf.setFont(CJK_FONT, size)
        for k, lines in enumerate(cells):
            for j, text in enumerate(lines[:take]):
                pdf.drawString(xs[k] + 2, state["y"] - j * step, text)
        state["y"] -= take * step
        state["used"] += take
        return take

    every = set(range(len(widths)))

    def new_page() -> None:
        pdf.showPage()
        state["y"], state["used"] = BODY_TOP + BODY_SIZE - step, 0
        if repeat_header:
            draw_part([_cell_lines(c or "", w, size) for c, w in zip(rows[0], widths, strict=True)], set(), set())

    for r, row in enumerate(rows):
        cells = [_cell_lines(c or "", w, size) for c, w in zip(row, widths, strict=True)]
        covered = {k for k, c in enumerate(row) if c is None} if r > 0 else set()
        below = {k for k, c in enumerate(rows[r + 1]) if c is None} if r + 1 < len(rows) else set()
        if state["used"] >= page_rows:
            new_page()
            covered = set()
        top_open = covered
        while True:
            height = max(len(c) for c in cells)
            cut = height > page_rows - state["used"]
            take = draw_part(cells, top_open, (set() if border_at_break else every) if cut else below)
            cells = [c[take:] for c in cells]
            if not any(cells):
                break
            new_page()
            top_open = set() if border_at_break else every
    y = state["y"] - step
    pdf.setFont(CJK_FONT, BODY_SIZE)
    for line in after:
        y -= LINE_STEP
        pdf.drawString(LEFT, y, line)
    pdf.showPage()
    pdf.save()
    return path
