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


def build_placed_pdf(path: Path, pages: Sequence[Sequence[tuple]], *, size: float = BODY_SIZE) -> Path:
    """A PDF whose page ``i`` draws each ``(x, y, text)`` of ``pages[i]`` at that point (in pt),
    in ``size`` type or in the item's own ``(x, y, text, size)``.

    For layouts the line-by-line builder cannot draw: indented first lines, table cells side
    by side on one baseline, running heads and feet of any wording.
    """
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for items in pages:
        for x, y, text, *own in items:
            pdf.setFont(CJK_FONT, own[0] if own else size)
            pdf.drawString(x, y, text)
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
