"""Stage 7: the JSON contract ``luoshi.parse/1`` (see shared/spec/parse-output.md).

The scorer reads the contract's fields; each item also carries its ``span``
(clean-text offsets and source lines) so a person can see where it came from.
"""

from __future__ import annotations

from typing import Any

from luoshi.model import Document, ParseResult, Span

SCHEMA = "luoshi.parse/1"


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _span(span: Span | None) -> dict[str, int] | None:
    return span.as_dict() if span else None


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "doc_number": doc.doc_number,
        "title": doc.title,
        "issuers": list(doc.issuers),
        "date": doc.date,
        "addressees": list(doc.addressees),
        "genre": doc.genre,
        "forwarded_title": doc.forwarded_title,
        "span": _span(doc.span),
        "tasks": [
            {
                "path": list(t.path),
                "text": t.text,
                "units": list(t.units),
                "lead_units": list(t.lead_units),
                "span": _span(t.span),
                "units_span": _span(t.units_span),
            }
            for t in doc.tasks
        ],
        "targets": [
            {
                "text": t.text,
                "indicator": t.indicator,
                "kind": t.kind,
                "comparator": t.comparator,
                "value": _number(t.value),
                "value_max": _number(t.value_max),
                "unit": t.unit,
                "deadline": t.deadline,
                "path": list(t.path),
                "span": _span(t.span),
            }
            for t in doc.targets
        ],
        "references": [{"doc_number": r.doc_number, "title": r.title, "span": _span(r.span)} for r in doc.references],
    }


def to_contract(result: ParseResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "source": str(result.clean.source.path),
        "documents": [document_to_dict(d) for d in result.documents],
    }
