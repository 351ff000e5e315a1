"""Reader memory (issue 9): peak RSS at most 10× the input's size plus 100 MB.

Each reader reads a generated input of about 20 MB in a fresh subprocess, which reports its
own peak resident set (``VmHWM`` in ``/proc/self/status``, else ``ru_maxrss``). The inputs
are built here, in the shapes real files have (hanzi text, paragraphs and tables, pages),
and random enough that the DOCX stays about 20 MB compressed.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fixtures_build import build_docx
from luoshi.errors import ErrorCode, LuoshiError
from luoshi.read import read_file
from luoshi.read.docx import INFLATE_ALLOWANCE, MAX_INFLATE_RATIO

MB = 1024 * 1024
INPUT_BYTES = 20 * MB
#: The bound of issue 9.
SIZE_FACTOR = 10
ALLOWANCE = 100 * MB

HANZI = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

PEAK_SCRIPT = """
import json, resource, sys
from luoshi.read import read_file
source = read_file(sys.argv[1])
peak = None
try:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) * 1024
except OSError:
    pass
if peak is None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"peak": peak, "chars": len(source.text)}))
"""


class _Text:
    """Random hanzi (or letters) cheaply: pieces drawn from a pool of random strings.

    A pool of 4,000 pieces spans far more than DEFLATE's 32 KB window, so a DOCX built from
    it compresses like real text, not like a repeated phrase.
    """

    def __init__(self, rng: random.Random, alphabet: list[str], piece: int) -> None:
        self.rng = rng
        self.pool = ["".join(rng.choices(alphabet, k=piece)) for _ in range(4000)]

    def __call__(self, pieces: int = 1) -> str:
        return "".join(self.rng.choices(self.pool, k=pieces))


def _hanzi(rng: random.Random, k: int) -> str:
    return "".join(rng.choices(HANZI, k=k))


def _txt(path: Path, rng: random.Random) -> None:
    """One 20 MB line (the issue's case: no line breaks at all)."""
    text = _Text(rng, HANZI, 100)
    path.write_text(text(INPUT_BYTES // 300), encoding="utf-8")


def _html(path: Path, rng: random.Random) -> None:
    """A page with a menu, then paragraphs with a 3-column table after every 200 of them."""
    text, cell = _Text(rng, HANZI, 60), _Text(rng, HANZI, 7)
    parts = ["<html><head><meta charset='utf-8'><title>页面</title></head><body>"]
    parts.append("<div class='nav'><a href='/'>首页</a></div><div class='content'>")
    size = 0
    while size < INPUT_BYTES:
        paras = "".join(f"<p>{text()}</p>" for _ in range(200))
        rows = "".join(f"<tr><td>{i}</td><td>{cell()}</td><td>{cell()}</td></tr>" for i in range(20))
        chunk = f"{paras}<table>{rows}</table>"
        parts.append(chunk)
        size += len(chunk.encode())
    parts.append("</div></body></html>")
    path.write_text("".join(parts), encoding="utf-8")


def _pdf(path: Path, rng: random.Random) -> None:
    """A scan with a text layer: a 16 MB page image, then ~500 pages of 50 text lines.

    Written object by object, uncompressed. Most text is Latin in a standard font: PDFium
    maps a non-embedded CJK font anew for every page (~0.1 s a page here), which would make
    this test slow without testing the reader's memory any better; the first pages are
    Chinese, in the Adobe CID font reportlab uses.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    latin = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    cid = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts "
        b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 2 >> /DW 1000 /FontDescriptor << /Type /FontDescriptor "
        b"/FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 "
        b"/Descent -120 /CapHeight 880 /StemV 93 >> >>] >>"
    )
    pages_id = add(b"")  # filled in below
    side = 4000  # 4000 × 4000 grey pixels: 16 MB, never decoded for the text layer
    pixels = rng.randbytes(side * side)
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length %d >>\nstream\n" % (side, side, len(pixels)) + pixels + b"\nendstream"
    )
    drawing = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    scan = add(b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream")
    kids: list[int] = [
        add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (pages_id, image, scan)
        )
    ]
    size = len(pixels)
    letters = _Text(rng, list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), 150)
    while size < INPUT_BYTES:
        if len(kids) < 4:
            lines = ["<" + "".join(f"{ord(c):04X}" for c in _hanzi(rng, 30)) + "> Tj T*" for _ in range(40)]
        else:
            lines = ["(" + letters() + ") Tj T*" for _ in range(50)]
        content = ("BT /F1 9 Tf /F2 12 Tf 14 TL 20 820 Td\n" + "\n".join(lines) + "\nET").encode()
        if len(kids) >= 4:
            content = content.replace(b"/F2 12 Tf", b"")
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R "
                b"/F2 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, latin, cid, stream)
            )
        )
        size += len(content) + 200
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    path.write_bytes(out.getvalue())


def _docx_with_body(path: Path, paragraphs) -> None:
    """A python-docx package whose document.xml is streamed from ``paragraphs`` (XML strings)."""
    base = build_docx(path.with_name("base.docx"), ["正文"]).read_bytes()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item.filename))
        with target.open("word/document.xml", "w") as body:
            body.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>'.encode())
            for paragraph in paragraphs:
                body.write(paragraph.encode())
            body.write(b"<w:sectPr/></w:body></w:document>")


def _docx(path: Path, rng: random.Random) -> None:
    """Paragraphs as Word and WPS write them (text split into runs, each with its fonts and
    size), until the package is ~20 MB: about 9 million hanzi in 80 MB of XML."""
    text = _Text(rng, HANZI, 40)
    run_properties = (
        '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/>'
        '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'
    )

    def paragraphs():
        # ~2.1 compressed bytes per random hanzi (the markup adds ~10%): 120 hanzi a paragraph.
        for _ in range(INPUT_BYTES // (120 * 2 + 30)):
            runs = "".join(f'<w:r w:rsidR="00A1B2C3">{run_properties}<w:t>{text()}</w:t></w:r>' for _ in range(3))
            yield f'<w:p w:rsidR="00A1B2C3"><w:pPr><w:spacing w:line="560"/><w:jc w:val="both"/></w:pPr>{runs}</w:p>'

    _docx_with_body(path, paragraphs())


BUILDERS = {"txt": _txt, "html": _html, "pdf": _pdf, "docx": _docx}


def _peak(path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_reader_peak_memory_is_bounded(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"big.{kind}"
    BUILDERS[kind](path, random.Random(20))
    size = path.stat().st_size
    assert size >= 0.9 * INPUT_BYTES, f"generated {kind} is only {size / MB:.1f} MB"
    report = _peak(path)
    assert report["chars"] > size // 10  # the text was really read
    bound = SIZE_FACTOR * size + ALLOWANCE
    assert report["peak"] <= bound, f"{kind}: peak {report['peak'] / MB:.0f} MB > {bound / MB:.0f} MB"


def _repetitive_docx(path: Path, copies: int) -> None:
    paragraph = "<w:p><w:r><w:t>为进一步加强政府工作落实</w:t></w:r></w:p>" * 100
    _docx_with_body(path, (paragraph for _ in range(copies)))


def test_docx_that_inflates_far_beyond_its_size_is_refused_before_parsing(tmp_path: Path) -> None:
    """A ~2 MB package whose document.xml inflates to ~260 MB (the issue's 1 GB case)."""
    path = tmp_path / "bomb.docx"
    _repetitive_docx(path, 40_000)
    size = path.stat().st_size
    inflated = zipfile.ZipFile(path).getinfo("word/document.xml").file_size
    assert inflated > MAX_INFLATE_RATIO * size + INFLATE_ALLOWANCE
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.TOO_LARGE


def test_docx_inflating_below_the_ratio_is_read(tmp_path: Path) -> None:
    """The other side of the threshold: a compressible package within the allowance is read."""
    path = tmp_path / "repetitive.docx"
    _repetitive_docx(path, 300)  # ~1.5 MB of XML from a few KB
    size = path.stat().st_size
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size <= MAX_INFLATE_RATIO * size + INFLATE_ALLOWANCE
    assert read_file(path).text.count("为进一步加强政府工作落实") == 30_000
