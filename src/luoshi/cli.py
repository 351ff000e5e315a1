"""``luoshi parse FILE... [--format json|text]``: the pipeline on the command line.

Errors caused by the input are printed as one line, ``luoshi: FILE: reason
[code]``, and the exit code is 2; other files given in the same call are
still parsed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from luoshi.contract import to_contract
from luoshi.errors import LuoshiError
from luoshi.model import Document, OutlineNode, ParseResult
from luoshi.pipeline import parse_file

EXIT_INPUT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luoshi", description="Luoshi (落实): official documents to tracked work.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse official documents and print what was extracted")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .pdf, .docx or .html")
    p.add_argument("--format", choices=("json", "text"), default="text", help="json: the luoshi.parse/1 contract")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_parse(args.files, args.format, sys.stdout, sys.stderr)


def run_parse(files: Sequence[str], fmt: str, out: TextIO, err: TextIO) -> int:
    status = 0
    results = []
    for name in files:
        try:
            result = parse_file(name)
        except LuoshiError as exc:
            print(f"luoshi: {exc.message}", file=err)
            status = EXIT_INPUT_ERROR
            continue
        if fmt == "json":
            results.append(to_contract(result))
        else:
            out.write(render_text(result))
    if fmt == "json" and results:
        payload = results[0] if len(files) == 1 else results
        json.dump(payload, out, ensure_ascii=False, indent=1)
        out.write("\n")
    return status


def _loc(span) -> str:
    if span is None:
        return ""
    if span.line_start == span.line_end:
        return f"L{span.line_start}"
    return f"L{span.line_start}-{span.line_end}"


def render_text(result: ParseResult) -> str:
    lines = [f"# {result.clean.source.path}  ({len(result.documents)} document(s))", ""]
    for i, doc in enumerate(result.documents, 1):
        lines.extend(_render_document(i, doc))
    return "\n".join(lines) + "\n"


def _render_document(i: int, doc: Document) -> list[str]:
    out = [
        f"== {i}. {doc.title or '(untitled)'}   [{_loc(doc.span)}]",
        f"   发文字号 {doc.doc_number or '—'}   成文日期 {doc.date or '—'}   文种 {doc.genre or '—'}",
        f"   发文机关 {'、'.join(doc.issuers) or '—'}",
        f"   主送机关 {' | '.join(doc.addressees) or '—'}",
    ]
    if doc.forwarded_title:
        out.append(f"   印发/转发 《{doc.forwarded_title}》")
    tasks_by_path = {}
    for t in doc.tasks:
        tasks_by_path.setdefault(t.path, []).append(t)
    targets_by_path = {}
    for g in doc.targets:
        targets_by_path.setdefault(g.path, []).append(g)
    out.append("   outline:")
    for node in doc.outline:
        out.extend(_render_node(node, tasks_by_path, targets_by_path, 2))
    shown = {n.path for n in doc.nodes()}
    for t in doc.tasks:
        if t.path not in shown:  # table rows (["表", 序号]) and unnumbered paragraphs
            out.append(f"    ✓ {'/'.join(t.path) or '—'} {t.text[:40]}")
            out.append(f"      责任单位: {'、'.join(t.units)}{_lead(t)}   [{_loc(t.units_span or t.span)}]")
    for g in doc.targets:
        if g.path not in shown:
            out.append(f"    ◎ {_target_line(g)}")
    if doc.references:
        out.append("   references:")
        for r in doc.references:
            title = f"《{r.title}》" if r.title else ""
            out.append(f"    → {title}{r.doc_number}   [{_loc(r.span)}]")
    out.append(f"   {len(doc.tasks)} tasks, {len(doc.targets)} targets, {len(doc.references)} references")
    out.append("")
    return out


def _lead(task) -> str:
    return f"  牵头: {'、'.join(task.lead_units)}" if task.lead_units else ""


def _target_line(g) -> str:
    value = f"{g.value:g}" + (f"–{g.value_max:g}" if g.value_max is not None else "")
    return f"{g.indicator} {g.comparator} {value}{g.unit} ({g.kind}) by {g.deadline or '—'}   [{_loc(g.span)}] {g.text}"


def _render_node(node: OutlineNode, tasks, targets, depth: int) -> list[str]:
    pad = "  " * depth
    heading = node.heading or node.own_text[:30]
    out = [f"{pad}{node.marker} {heading}   [{_loc_node(node)}]"]
    for t in tasks.get(node.path, []):
        out.append(f"{pad}  ✓ 责任单位: {'、'.join(t.units)}{_lead(t)}   [{_loc(t.units_span or t.span)}]")
    for g in targets.get(node.path, []):
        out.append(f"{pad}  ◎ {_target_line(g)}")
    for child in node.children:
        out.extend(_render_node(child, tasks, targets, depth + 1))
    return out


def _loc_node(node: OutlineNode) -> str:
    return f"@{node.start}"


if __name__ == "__main__":
    sys.exit(main())
