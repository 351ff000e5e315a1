"""Word files in the layout of official documents (GB/T 9704 党政机关公文格式), with python-docx.

The parts, top to bottom: 版头 (the issuing office's name and kind of document, red,
large 小标宋), 发文字号 line, a red rule, 标题, 主送 (addressee and a full-width colon),
正文 paragraphs indented two characters in 仿宋 三号, tables, 落款 (the office) and
成文日期 in Arabic numerals, both flush right. A4 with the standard's margins.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

RED = RGBColor(0xFF, 0x00, 0x00)
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _font(run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:  # type: ignore[no-untyped-def]
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


class OfficialDocument:
    """Builds one document part by part; :meth:`bytes` returns the .docx."""

    def __init__(self) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)

    def _paragraph(
        self,
        text: str,
        *,
        font: str = BODY_FONT,
        size: float = 16,
        align=None,
        indent: bool = False,  # type: ignore[no-untyped-def]
        bold: bool = False,
        color: RGBColor | None = None,
    ):
        paragraph = self.doc.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(text), font, size, bold=bold, color=color)
        return paragraph

    def masthead(self, text: str) -> None:
        """版头: the office's name and the kind of document, centred, red."""
        self._paragraph(text, font=TITLE_FONT, size=26, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)

    def number_line(self, number: str) -> None:
        """发文字号, centred, then the red rule under it (a bottom border, as Word draws it)."""
        paragraph = self._paragraph(number, align=WD_ALIGN_PARAGRAPH.CENTER)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "6"), ("w:color", "FF0000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    def title(self, text: str) -> None:
        self._paragraph("", size=16)
        self._paragraph(text, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._paragraph("", size=16)

    def addressee(self, name: str) -> None:
        """主送: the addressee and a full-width colon, flush left."""
        self._paragraph(f"{name}：")

    def body(self, text: str) -> None:
        self._paragraph(text, indent=True)

    def heading(self, text: str) -> None:
        self._paragraph(text, font=HEADING_FONT, indent=True)

    def picture(self, png: bytes, caption: str, *, width_mm: float = 150) -> None:
        """A centred picture with its caption (图1 …) under it."""
        self.doc.add_picture(io.BytesIO(png), width=Mm(width_mm))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._paragraph(caption, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(str(text)), HEADING_FONT, 12)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = ""
                _font(cell.paragraphs[0].add_run("" if value is None else str(value)), BODY_FONT, 12)
        self._paragraph("", size=12)

    def signature(self, office: str, day: date) -> None:
        """落款 and 成文日期, flush right, after a blank line."""
        self._paragraph("")
        self._paragraph(office, align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._paragraph(chinese_date(day), align=WD_ALIGN_PARAGRAPH.RIGHT)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
