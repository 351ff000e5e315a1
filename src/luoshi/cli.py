"""``luoshi parse FILE... [--format json|text] [--explain]``: the pipeline on the command line.

``--explain`` prints, for each task, the rule that made it and the unit lists it
read, and for every number in the text whether it became a target and which
rule kept or rejected it. The rule names are what the extractors return
(:func:`luoshi.extract.tasks.analyse_tasks`,
:func:`luoshi.extract.targets.analyse_targets`,
:func:`luoshi.extract.references.analyse_references`): the explanation is the
decision, not a second implementation of it.

Errors caused by the input are printed as one line, ``luoshi: FILE: reason
[code]``, and the exit code is 2; other files given in the same call are
still parsed.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections.abc import Sequence
from typing import TextIO

from luoshi.contract import to_contract
from luoshi.errors import LuoshiError
from luoshi.extract.references import analyse_references
from luoshi.extract.targets import NumberDecision, analyse_targets
from luoshi.extract.tasks import analyse_tasks, rejected_duty_phrases
from luoshi.header import HEADER_RULES, Header, read_header
from luoshi.model import CleanText, Document, OutlineNode, ParseResult
from luoshi.pipeline import parse_file
from luoshi.split import BOUNDARY_RULES, boundary_decisions, fold_paragraphs, paragraphs, split_folded_documents
from luoshi.traditional import folded_clean, reading

EXIT_INPUT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luoshi", description="Luoshi (落实): official documents to tracked work.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse official documents and print what was extracted")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .pdf, .docx or .html")
    p.add_argument("--format", choices=("json", "text"), default="text", help="json: the luoshi.parse/1 contract")
    p.add_argument(
        "--explain",
        action="store_true",
        help="print the rule behind each task and the decision on every number (text output)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_parse(args.files, args.format, sys.stdout, sys.stderr, explain=args.explain)


def run_parse(files: Sequence[str], fmt: str, out: TextIO, err: TextIO, explain: bool = False) -> int:
    status = 0
    results = []
    for name in files:
        try:
            result = parse_file(name)
        except LuoshiError as exc:
            print(f"luoshi: {exc.message}", file=err)
            status = EXIT_INPUT_ERROR
            continue
        if explain:
            out.write(render_explain(result))
        elif fmt == "json":
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
        f"   发文字号 {doc.doc_number or '—'}   成文日期 {doc.date or '—'}{_month_only(doc)}   文种 {doc.genre or '—'}",
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


def _month_only(doc: Document) -> str:
    """A document dated by year and month only: the month its years and deadlines are read from."""
    if doc.reference_date and doc.reference_date != doc.date:
        return f" (year-and-month-only: read as of {doc.reference_date})"
    return ""


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


# --- --explain ------------------------------------------------------------------------

# A number as written: Arabic digits (half or full width) with decimals, or a
# Chinese numeral the target analysis read (those are listed from its decisions).
NUMBER_RE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
CONTEXT_CHARS = 8  # characters shown either side of a number


def render_explain(result: ParseResult) -> str:
    clean = result.clean
    lines = [f"# {clean.source.path}  ({len(result.documents)} document(s)) --explain", ""]
    lines.extend(explain_boundaries(clean))
    headers = document_headers(clean)
    folded = folded_clean(clean)  # a text in traditional script is read on its fold (luoshi.traditional)
    for i, doc in enumerate(result.documents, 1):
        lines.append(f"== {i}. {doc.title or '(untitled)'}   [{_loc(doc.span)}]")
        if i <= len(headers):
            lines.extend(explain_header(doc, headers[i - 1]))
        read = reading(doc, clean, folded)
        if read.folded:
            lines.append("   tasks and numbers read on the simplified fold (traditional script), values as printed")
        lines.extend(explain_tasks(read.document, read.clean))
        lines.extend(explain_numbers(read.document, read.clean))
        lines.extend(explain_references(doc, clean))
        lines.append("")
    return "\n".join(lines) + "\n"


def explain_boundaries(clean: CleanText) -> list[str]:
    """Every 发文字号 line and whether it opened a document, with the splitter's rule."""
    paras = paragraphs(clean)
    decisions = boundary_decisions(paras)
    if not decisions:
        return [
            "documents: no 发文字号 line, so the text is one document "
            "(a report, a speech or a page that starts at its body)",
            "",
        ]
    out = [f"documents: {sum(d.starts for d in decisions)} of {len(decisions)} number line(s) open one"]
    for d in decisions:
        p = paras[d.number_index]
        out.append(f"    {_loc(clean.span(p.start, p.end))} {p.text[:40]}: {d.rule} — {BOUNDARY_RULES[d.rule]}")
    out.append("")
    return out


def document_headers(clean: CleanText) -> tuple[Header, ...]:
    """The header of each document as the pipeline read it (the same split and the same rules)."""
    paras = paragraphs(clean)
    folded = fold_paragraphs(paras)
    return tuple(read_header(paras, rng, folded) for rng in split_folded_documents(folded))


# The contract fields in the order ``--explain`` lists them, with the label it prints.
HEADER_FIELDS = (
    ("script", "script"),
    ("title", "title"),
    ("doc_number", "发文字号"),
    ("issuers", "发文机关"),
    ("date", "成文日期"),
    ("addressees", "主送机关"),
    ("genre", "文种"),
    ("forwarded_title", "印发/转发"),
)


def explain_header(doc: Document, header: Header) -> list[str]:
    """Each header field the document has, with the rule that found it (``header.HEADER_RULES``);
    a field no rule found is printed as not found."""
    by_field = {r.field: r.rule for r in header.rules}
    values = {
        "script": "traditional" if "script" in by_field else None,
        "title": doc.title,
        "doc_number": doc.doc_number,
        "issuers": "、".join(doc.issuers) or None,
        "date": doc.date or (f"{doc.reference_date} (month)" if doc.reference_date else None),
        "addressees": " | ".join(doc.addressees) or None,
        "genre": doc.genre,
        "forwarded_title": doc.forwarded_title,
    }
    out = ["   header:"]
    for field, label in HEADER_FIELDS:
        rule = by_field.get(field)
        if field == "script" and rule is None:
            continue
        if values[field] is None or rule is None:
            out.append(f"    {label}  ← not found")
        else:
            out.append(f"    {label} {values[field]}  ← {rule} ({HEADER_RULES[rule]})")
    return out


def explain_tasks(doc: Document, clean: CleanText) -> list[str]:
    decisions = analyse_tasks(doc, clean)
    out = [f"   tasks ({len(decisions)}):"]
    for d in decisions:
        t = d.task
        out.append(f"    task {'/'.join(t.path) or '—'} [{_loc(t.span)}] rule={d.rule}")
        for form, text in d.lists:
            out.append(f"      list ({form}): {text}")
        out.append(f"      units: {'、'.join(t.units)}")
        if t.lead_units:
            out.append(f"      leads: {'、'.join(t.lead_units)} ({', '.join(d.lead_rules)})")
    for r in rejected_duty_phrases(doc, clean):
        out.append(f"    duty phrase {'/'.join(r.path) or '—'} [{_loc(r.span)}] {r.text}: rejected ({r.reason})")
    return out


def explain_references(doc: Document, clean: CleanText) -> list[str]:
    """Every 发文字号 found in the document's text: a reference (the citation that gives it) or
    the rule that makes it none (the document's own number where it stands, a contents entry)."""
    decisions = analyse_references(doc, clean)
    out = [f"   numbers cited ({len(decisions)}):"]
    for d in decisions:
        c = d.citation
        title = f"《{c.title}》" if c.title else ""
        verdict = "reference" if d.kept else ("repeat" if d.rule.startswith("cited") else "not a reference")
        out.append(f"    {title}{c.doc_number} [{_loc(clean.span(c.start, c.end))}] rule={d.rule} ({verdict})")
    return out


def explain_numbers(doc: Document, clean: CleanText) -> list[str]:
    """Every number of the document's text with the decision that covers it."""
    decisions = analyse_targets(doc, clean)
    start, end = doc.span.start, doc.span.end
    text = clean.text
    rows: list[tuple[int, str]] = []
    covered: set[NumberDecision] = set()
    starts = [d.start for d in decisions]  # sorted: analyse_targets returns them in text order
    markers = sorted((n.start, n.start + len(n.marker)) for n in doc.nodes())
    marker_starts = [a for a, _ in markers]
    for m in NUMBER_RE.finditer(text, start, end):
        d = _decision_at(decisions, starts, m.start())
        if d is not None:
            covered.add(d)
        k = bisect.bisect_right(marker_starts, m.start()) - 1
        marker = k >= 0 and m.start() < markers[k][1]
        rows.append((m.start(), _number_line(clean, m.start(), m.end(), d, doc, marker)))
    for d in decisions:  # quantities written without digits (三成, 零增长)
        if (
            d not in covered
            and (d.kept or d.end - d.start <= CONTEXT_CHARS)
            and not NUMBER_RE.search(text, d.start, d.end)
        ):
            rows.append((d.start, _number_line(clean, d.start, d.end, d, doc)))
    rows.sort(key=lambda r: r[0])
    kept = sum(1 for d in decisions if d.kept)
    return [f"   numbers ({len(rows)}, {kept} targets):", *(line for _, line in rows)]


def _decision_at(decisions: tuple[NumberDecision, ...], starts: list[int], pos: int) -> NumberDecision | None:
    """The narrowest decision whose stretch holds ``pos`` (a quantity before its sentence)."""
    best = None
    i = bisect.bisect_right(starts, pos)
    for d in decisions[:i]:
        if d.start <= pos < d.end and (best is None or d.end - d.start < best.end - best.start):
            best = d
    return best


def _number_line(
    clean: CleanText, start: int, end: int, d: NumberDecision | None, doc: Document, marker: bool = False
) -> str:
    before = clean.text[max(doc.span.start, start - CONTEXT_CHARS) : start]
    after = clean.text[end : min(doc.span.end, end + CONTEXT_CHARS)]
    shown = "".join(f"{before}[{clean.text[start:end]}]{after}".split())
    where = f"L{clean.line_of(start)}"
    if d is None:
        rule = "header" if start < doc.body_start else "outline-marker" if marker else "not-read-as-a-quantity"
        return f"    {where} {shown}: rejected ({rule})"
    if d.kept and d.target is not None:
        source = f"  [deadline from {d.target.deadline_source}]" if d.target.deadline_source else ""
        return f"    {where} {shown}: TARGET ({d.rule}) {_target_line(d.target)}{source}"
    return f"    {where} {shown}: rejected ({d.rule})"


if __name__ == "__main__":
    sys.exit(main())
