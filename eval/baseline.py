"""A simple baseline for the evaluation table: regular expressions alone.

Documents and their outline come from Luoshi's own header and outline stages
(so the baseline is scored on extraction only); then:

- tasks: an item is a task when it contains ``（责任单位：…）``; units are that list
  split at ``、``;
- targets: every number followed by ``%`` or a magnitude word (``万``/``亿``) is a
  target ``>=`` that number, unit ``%`` or ``""``, no deadline;
- references: every 发文字号 pattern in the text, without title.
"""

from __future__ import annotations

import re
from typing import Any

from luoshi.contract import SCHEMA
from luoshi.patterns import DOC_NUMBER, format_doc_number
from luoshi.pipeline import parse_file

_UNITS = re.compile(r"（责任单位：([^）]+)）")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(%|万|亿)")
_MAGNITUDE = {"%": 1, "万": 10_000, "亿": 100_000_000}


def baseline_contract(path) -> dict[str, Any]:
    result = parse_file(path)
    docs = []
    for doc in result.documents:
        tasks, targets, refs = [], [], set()
        for node in doc.nodes():
            text = node.own_text
            lists = _UNITS.findall(text)
            if lists:
                units = [u for lst in lists for u in lst.split("、") if u]
                tasks.append({"path": list(node.path), "text": text, "units": units, "lead_units": []})
            for m in _NUMBER.finditer(text):
                value = float(m.group(1)) * _MAGNITUDE[m.group(2)]
                targets.append(
                    {
                        "text": text[max(0, m.start() - 20) : m.end()],
                        "indicator": text[max(0, m.start() - 12) : m.start()],
                        "kind": "level",
                        "comparator": ">=",
                        "value": value,
                        "value_max": None,
                        "unit": "%" if m.group(2) == "%" else "",
                        "deadline": None,
                    }
                )
        body = result.clean.text[doc.span.start : doc.span.end]
        for m in DOC_NUMBER.finditer(body):
            number = format_doc_number(m)
            if number != doc.doc_number:
                refs.add(number)
        docs.append(
            {
                "doc_number": doc.doc_number,
                "title": doc.title,
                "issuers": list(doc.issuers),
                "date": doc.date,
                "addressees": list(doc.addressees),
                "genre": doc.genre,
                "forwarded_title": doc.forwarded_title,
                "tasks": tasks,
                "targets": targets,
                "references": [{"doc_number": r, "title": None} for r in sorted(refs)],
            }
        )
    return {"schema": SCHEMA, "documents": docs}
