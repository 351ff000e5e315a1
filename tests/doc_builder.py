"""Build a small Document by hand, so the extractors are tested without the parser.

The clean text is the paragraphs joined by newlines; each outline item is
given as (path, paragraphs) and children follow their parent by path.

Below :func:`build`, the small builders the stage tests share: a text through the cleaner
(:func:`cleaned`, :func:`clean_lines`), lines through the whole pipeline (:func:`parse_lines`,
:func:`one_document`), a saved web page (:func:`page_html`, :func:`saved_page`) and the tasks
or targets the pipeline finds in a text (:func:`parsed_tasks`, :func:`parsed_targets`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from luoshi.model import (
    CleanText,
    Document,
    MarkerKind,
    OutlineNode,
    Paragraph,
    ParseResult,
    SourceText,
    Target,
    Task,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"  # beside the clone, here and in CI

from goldfiles import GoldFile, gold_files  # noqa: E402  (eval/goldfiles.py; tests/conftest.py puts eval/ on the path)


def clean_text(text: str) -> CleanText:
    return CleanText(text, tuple(range(len(text))), SourceText(Path("t.txt"), text, "txt"))


def build(
    items: list[tuple[tuple[str, ...], list[str]]],
    closing: list[str] = (),
    preamble: list[str] = (),
    tail: list[str] = (),
    doc_number: str | None = None,
    *,
    date: str | None = None,
    title: str | None = None,
    forwarded_title: str | None = None,
    kind: MarkerKind = MarkerKind.CN,
    headings: Mapping[tuple[str, ...], str] | None = None,
) -> tuple[Document, CleanText]:
    """A document with ``preamble``, outline ``items``, ``closing`` and free ``tail`` lines.

    Every outline marker is of ``kind``; ``headings`` gives an item's heading by path
    (its first paragraph still starts with it, as the outline stage leaves it).
    """
    lines: list[str] = []
    pos = 0

    def add(text: str) -> Paragraph:
        nonlocal pos
        p = Paragraph(pos, pos + len(text), text)
        lines.append(text)
        pos += len(text) + 1
        return p

    pre = tuple(add(t) for t in preamble)
    flat: list[tuple[tuple[str, ...], tuple[Paragraph, ...]]] = []
    for path, paras in items:
        flat.append((path, tuple(add(t) for t in paras)))
    clo = tuple(add(t) for t in closing)
    for t in tail:
        add(t)
    text = "\n".join(lines)
    ct = clean_text(text)

    def node(i: int) -> tuple[OutlineNode, int]:
        path, paras = flat[i]
        children = []
        j = i + 1
        while j < len(flat) and flat[j][0][: len(path)] == path and len(flat[j][0]) > len(path):
            child, j = node(j)
            children.append(child)
        start = paras[0].start if paras else 0
        end = paras[-1].end if paras else start
        return (
            OutlineNode(
                path=path,
                marker=path[-1],
                kind=kind,
                numeral=path[-1],
                heading=(headings or {}).get(path, ""),
                start=start,
                end=end,
                paragraphs=paras,
                children=tuple(children),
            ),
            j,
        )

    roots = []
    i = 0
    while i < len(flat):
        n, i = node(i)
        roots.append(n)
    doc = Document(
        doc_number=doc_number,
        title=title,
        issuers=(),
        date=date,
        addressees=(),
        genre=None,
        forwarded_title=forwarded_title,
        span=ct.span(0, len(text)),
        body_start=0,
        preamble=pre,
        outline=tuple(roots),
        closing=clo,
    )
    return doc, ct


def tasks_by_path(items: list[tuple[tuple[str, ...], list[str]]], **kwargs) -> dict[tuple[str, ...], object]:
    """The tasks of a document built from ``items`` (see :func:`build`), by outline path."""
    from luoshi.extract.tasks import extract_tasks

    doc, clean = build(items, **kwargs)
    return {t.path: t for t in extract_tasks(doc, clean)}


def cleaned(text: str, kind: str = "txt") -> CleanText:
    """``text`` through the cleaner, as a file ``t.txt`` of ``kind`` gives it."""
    from luoshi.clean import clean

    return clean(SourceText(path=Path("t.txt"), text=text, kind=kind))


def clean_lines(text: str, kind: str = "txt") -> list[str]:
    """The lines (paragraphs) the cleaner makes of ``text``."""
    return cleaned(text, kind).text.split("\n")


def indented_layer(paragraphs: Sequence[str | Sequence[str]], width: int = 28) -> str:
    """A PDF text layer of ``paragraphs``: each one's first line indented by two full-width
    spaces, a string wrapped at ``width`` characters, a list of lines set as given."""
    out: list[str] = []
    for p in paragraphs:
        if not isinstance(p, str):
            out += ["\u3000\u3000" + p[0], *p[1:]]
            continue
        out.append("\u3000\u3000" + p[: width - 2])
        out += [p[i : i + width] for i in range(width - 2, len(p), width)]
    return "\n".join(out) + "\n"


def layout_line(*placed: tuple[int, str]) -> str:
    """A text line with each text starting at its character column, as poppler's ``-layout`` sets it."""
    out = ""
    for column, text in placed:
        out = out.ljust(column) + text
    return out


def layout_tab_rows(tmp_path: Path, lines: Sequence[str], before: Sequence[str] = ()) -> list[str]:
    """The tab rows the text reader rebuilds from ``lines`` of a ``pdftotext -layout`` table (the
    ``before`` lines and a blank line above it, a closing paragraph below it)."""
    from luoshi.read.txt import read_txt

    path = tmp_path / "layer.txt"
    head = [*before, ""] if before else []
    path.write_text("\n".join([*head, *lines, "", "　　各单位要抓好落实。"]), encoding="utf-8")
    return [ln for ln in read_txt(path, path.read_bytes()).text.split("\n") if "\t" in ln]


def parse_lines(lines: Sequence[str], *, sep: str = "\n", end: str = "") -> tuple[Document, ...]:
    """The documents the pipeline reads in ``lines`` joined by ``sep``, with ``end`` after the last."""
    from luoshi.pipeline import parse_text

    return parse_text(sep.join(lines) + end).documents


def one_document(lines: Sequence[str], *, sep: str = "\n", end: str = "") -> Document:
    """The one document the pipeline reads in ``lines`` (see :func:`parse_lines`); fails on more or none."""
    (doc,) = parse_lines(lines, sep=sep, end=end)
    return doc


def page_html(lines: Sequence[str], table: Sequence[Sequence[str]] = ()) -> bytes:
    """A saved page (UTF-8): a ``<table>`` of the rows of ``table`` if any, then each line a ``<p>``
    block, as a CMS prints them."""
    body = "".join(f"<p>{line}</p>" for line in lines)
    if table:
        rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in table)
        body = f"<table>{rows}</table>" + body
    return f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode()


def saved_page(lines: Sequence[str], table: Sequence[Sequence[str]] = ()) -> Document:
    """The one document of :func:`page_html` saved as ``page.html`` and read back through the pipeline."""
    import tempfile

    from luoshi.pipeline import parse_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_bytes(page_html(lines, table))
        (doc,) = parse_file(path).documents
    return doc


def parsed_tasks(text: str, name: str = "fenjie.txt") -> dict[tuple[str, ...], Task]:
    """The tasks the whole pipeline finds in ``text`` (a TXT file ``name``), by outline path."""
    from luoshi.pipeline import parse_source

    result = parse_source(SourceText(Path(name), text, "txt"))
    return {t.path: t for doc in result.documents for t in doc.tasks}


def parsed_targets(text: str) -> list[Target]:
    """The targets the whole pipeline finds in ``text``, document by document."""
    from luoshi.pipeline import parse_text

    return [t for d in parse_text(text).documents for t in d.targets]


@cache
def parse_corpus(name: str) -> ParseResult:
    """A corpus file (any format the pipeline reads) through the whole pipeline, parsed once per test session."""
    from luoshi.pipeline import parse_file

    return parse_file(SHARED / "corpus" / name)


def exact_gold() -> list[GoldFile]:
    """The gold files the pipeline must match item for item (``_exact`` in eval/floors.json).

    Fails (never skips) when the shared material is not beside the clone: a gold test
    that silently ran on nothing would hide a regression.
    """
    exact = set(json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))["_exact"])
    files = [f for f in gold_files(SHARED) if f.name in exact]
    missing = exact - {f.name for f in files}
    assert not missing, f"eval/floors.json names exact gold files that are not in {SHARED}/gold: {sorted(missing)}"
    return files
