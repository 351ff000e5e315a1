"""Reading ``luoshi.parse/1`` documents: validation and the keys the registry matches on.

The registry trusts nothing about its input: a malformed item stops the import
of the whole file with a message naming the item's location.
"""

from __future__ import annotations

import hashlib
import json
import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext

from luoshi_web.registry import validation
from luoshi_web.registry.errors import ContractError, Invalid, located

SCHEMA = "luoshi.parse/1"
COMPARATORS = frozenset({">=", ">", "<=", "<", "=", "between"})
TARGET_KINDS = frozenset({"level", "change"})
# Keys the pipeline adds for its own use that do not change what a document says
# (where an item sits in the file moves when an unrelated part of the file changes).
LOCATION_KEYS = frozenset({"span"})

# Deadlines written in a task's own text, latest wins. Why these: GB/T 9704 documents
# state due dates as "YYYY年M月底前" / "YYYY年底前" / "到YYYY年"; anything vaguer
# (长期坚持, 持续推进) has no deadline and is never overdue.
_MONTH_DEADLINE = re.compile(r"(\d{4})年(\d{1,2})月(?:底|末)?(?:前|以前|完成)")
_YEAR_DEADLINE = re.compile(r"(?:(\d{4})年(?:底|年底|末)?(?:前|以前))|(?:到(\d{4})年(?!\d{1,2}月))")


@dataclass
class TaskIn:
    path: list[str]
    path_key: str
    text: str
    units: list[str]
    lead_units: list[str]
    span: dict[str, int] | None

    def lead_names(self) -> list[str]:
        """Units that file the task's report: the marked leads, else the first unit named.

        Why the fallback: a task with several units and no marked lead still needs
        one accountable reporter, and GB/T 9704 practice lists the lead first.
        """
        if self.lead_units:
            return self.lead_units
        return self.units[:1]

    def all_names(self) -> list[str]:
        """Every unit named, in order, leads not in ``units`` (section-level 牵头) last."""
        return list(dict.fromkeys([*self.units, *self.lead_units]))

    def fingerprint(self) -> tuple[Any, ...]:
        return (self.text, tuple(self.all_names()), tuple(sorted(self.lead_units)))


# A target's contract fields and the Target model columns that store them, in API order:
# the importer copies and compares through this table, the API serializes through it.
TARGET_COLUMNS: dict[str, str] = {
    "text": "text",
    "indicator": "indicator",
    "kind": "kind",
    "comparator": "comparator",
    "value": "value",
    "value_max": "value_max",
    "unit": "unit_text",
    "deadline": "deadline",
}
# What makes a target "changed" in a revision diff; indicator and value are its match key.
TARGET_FINGERPRINT = ("text", "kind", "comparator", "value_max", "unit", "deadline")


@dataclass
class TargetIn:
    match_key: str
    text: str
    indicator: str
    kind: str
    comparator: str
    value: float
    value_max: float | None
    unit: str
    deadline: date | None

    def fingerprint(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in TARGET_FINGERPRINT)


@dataclass
class ReferenceIn:
    doc_number: str | None
    title: str


@dataclass
class DocumentIn:
    key: str
    doc_number: str | None
    title: str
    issuers: list[str]
    date: date | None
    addressees: list[str]
    genre: str
    forwarded_title: str | None
    tasks: list[TaskIn] = field(default_factory=list)
    targets: list[TargetIn] = field(default_factory=list)
    references: list[ReferenceIn] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    content_sha256: str = ""


def _max_length(model: str, field: str) -> int | None:
    from django.apps import apps

    return apps.get_model("registry", model)._meta.get_field(field).max_length


def _fits(value: str | None, where: str, model: str, field: str) -> str | None:
    """``value`` if it fits its column (``validation.text``), else the contract's located error."""
    if value is None:
        return None
    try:
        return validation.text(value, where, _max_length(model, field))
    except Invalid as exc:
        raise ContractError(exc.message) from None


def document_key(doc_number: str | None, title: str, raw: dict[str, Any]) -> str:
    """发文字号, else ``title:`` + 标题 (its SHA-256 when too long for the column), else the content's hash."""
    if doc_number:
        return doc_number
    if not title:
        return f"content:{content_hash(raw)}"
    key = f"title:{title}"
    limit = _max_length("Document", "key") or len(key)
    return key if len(key) <= limit - 3 else f"title-sha256:{hashlib.sha256(title.encode()).hexdigest()}"


def _fail(where: str, message: str) -> ContractError:
    return ContractError(located(where, message))


def _string(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _fail(where, gettext("应为字符串或 null") if optional else gettext("应为字符串"))
    return value


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, gettext("应为字符串列表"))
    return list(value)


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(where, gettext("应为 ISO 日期字符串（YYYY-MM-DD）或 null"))
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _fail(where, gettext("“%(value)s”不是 ISO 日期（YYYY-MM-DD）") % {"value": value}) from None
    try:
        return validation.day(day, where)
    except Invalid as exc:
        raise ContractError(exc.message) from None


def _number(value: Any, where: str, *, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(where, gettext("应为数字"))
    try:
        return validation.finite(float(value), where)
    except OverflowError:  # an integer beyond any float
        raise _fail(where, gettext("应为有限的数（不能是 Infinity 或 NaN）")) from None
    except Invalid as exc:
        raise ContractError(exc.message) from None


def _without_location(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_location(v) for k, v in value.items() if k not in LOCATION_KEYS}
    if isinstance(value, list):
        return [_without_location(v) for v in value]
    return value


def content_hash(document: dict[str, Any]) -> str:
    """SHA-256 of what a document says (canonical JSON, location keys removed)."""
    canonical = json.dumps(_without_location(document), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _span(value: Any, where: str) -> dict[str, int] | None:
    if value is None:
        return None
    keys = ("start", "end", "line_start", "line_end")
    limit = validation.REGULAR[1]  # the columns are PositiveIntegerField
    if not isinstance(value, dict) or not all(
        isinstance(value.get(k), int) and not isinstance(value[k], bool) and 0 <= value[k] <= limit for k in keys
    ):
        raise _fail(
            where,
            gettext("应为 {start, end, line_start, line_end}，且均为 0 到 %(limit)s 之间的整数") % {"limit": limit},
        )
    return {k: value[k] for k in keys}


def _unique_key(base: str, seen: dict[str, int]) -> str:
    """``base``, or ``base#2``, ``base#3``… when the same key occurs again in one document."""
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}#{seen[base]}"


def _value_text(value: float) -> str:
    return repr(int(value)) if value.is_integer() else repr(value)


def read_task(raw: Any, where: str, seen: dict[str, int]) -> TaskIn:
    if not isinstance(raw, dict):
        raise _fail(where, gettext("应为对象"))
    path = _strings(raw.get("path"), f"{where}.path")
    text = _string(raw.get("text"), f"{where}.text") or ""
    if not text:
        raise _fail(f"{where}.text", gettext("任务内容为空"))
    return TaskIn(
        path=path,
        path_key=_unique_key("/".join(path), seen),
        text=text,
        units=_strings(raw.get("units", []), f"{where}.units"),
        lead_units=_strings(raw.get("lead_units", []), f"{where}.lead_units"),
        span=_span(raw.get("span"), f"{where}.span"),
    )


def read_target(raw: Any, where: str, seen: dict[str, int]) -> TargetIn:
    if not isinstance(raw, dict):
        raise _fail(where, gettext("应为对象"))
    kind = _string(raw.get("kind"), f"{where}.kind")
    if kind not in TARGET_KINDS:
        raise _fail(
            f"{where}.kind",
            gettext("“%(value)s”无效，应为以下之一：%(allowed)s")
            % {"value": kind, "allowed": ", ".join(sorted(TARGET_KINDS))},
        )
    comparator = _string(raw.get("comparator"), f"{where}.comparator")
    if comparator not in COMPARATORS:
        raise _fail(
            f"{where}.comparator",
            gettext("“%(value)s”无效，应为以下之一：%(allowed)s")
            % {"value": comparator, "allowed": ", ".join(sorted(COMPARATORS))},
        )
    value = _number(raw.get("value"), f"{where}.value")
    assert value is not None
    indicator = _string(raw.get("indicator"), f"{where}.indicator") or ""
    return TargetIn(
        match_key=_unique_key(f"{indicator}|{_value_text(value)}", seen),
        text=_string(raw.get("text"), f"{where}.text") or "",
        indicator=indicator,
        kind=kind,
        comparator=comparator,
        value=value,
        value_max=_number(raw.get("value_max"), f"{where}.value_max", optional=True),
        unit=_string(raw.get("unit", ""), f"{where}.unit") or "",
        deadline=_date(raw.get("deadline"), f"{where}.deadline"),
    )


def read_document(raw: Any, where: str, seen_keys: dict[str, int]) -> DocumentIn:
    if not isinstance(raw, dict):
        raise _fail(where, gettext("应为对象"))
    doc_number = _fits(
        _string(raw.get("doc_number"), f"{where}.doc_number", optional=True) or None,
        f"{where}.doc_number",
        "Document",
        "doc_number",
    )
    # null where the pipeline may give null (luoshi.model.Document: doc_number, title, date,
    # genre, forwarded_title); a document with neither number nor title is keyed by its content.
    title = _string(raw.get("title"), f"{where}.title", optional=True) or ""
    tasks_raw = raw.get("tasks", [])
    targets_raw = raw.get("targets", [])
    refs_raw = raw.get("references", [])
    for name, value in (("tasks", tasks_raw), ("targets", targets_raw), ("references", refs_raw)):
        if not isinstance(value, list):
            raise _fail(f"{where}.{name}", gettext("应为列表"))
    task_keys: dict[str, int] = {}
    target_keys: dict[str, int] = {}
    references = []
    for i, ref in enumerate(refs_raw):
        if not isinstance(ref, dict):
            raise _fail(f"{where}.references[{i}]", gettext("应为对象"))
        number = _string(ref.get("doc_number"), f"{where}.references[{i}].doc_number", optional=True) or None
        ref_title = _string(ref.get("title", ""), f"{where}.references[{i}].title", optional=True) or ""
        references.append(ReferenceIn(doc_number=number, title=ref_title))
    return DocumentIn(
        key=_unique_key(document_key(doc_number, title, raw), seen_keys),
        doc_number=doc_number,
        title=title,
        issuers=_strings(raw.get("issuers", []), f"{where}.issuers"),
        date=_date(raw.get("date"), f"{where}.date"),
        addressees=_strings(raw.get("addressees", []), f"{where}.addressees"),
        genre=_fits(
            _string(raw.get("genre", ""), f"{where}.genre", optional=True) or "", f"{where}.genre", "Document", "genre"
        )
        or "",
        forwarded_title=_string(raw.get("forwarded_title"), f"{where}.forwarded_title", optional=True),
        tasks=[read_task(t, f"{where}.tasks[{i}]", task_keys) for i, t in enumerate(tasks_raw)],
        targets=[read_target(t, f"{where}.targets[{i}]", target_keys) for i, t in enumerate(targets_raw)],
        references=references,
        raw=raw,
        content_sha256=content_hash(raw),
    )


def read_documents(contract: Any) -> list[tuple[str, Any]]:
    """Check the envelope; return ``(location, raw document)`` pairs, validated one by one later."""
    if not isinstance(contract, dict):
        raise ContractError(gettext("解析结果应为 JSON 对象"))
    if contract.get("schema") != SCHEMA:
        raise ContractError(
            gettext("schema 为“%(value)s”，应为“%(schema)s”") % {"value": contract.get("schema"), "schema": SCHEMA}
        )
    documents = contract.get("documents")
    if not isinstance(documents, list):
        raise _fail("documents", gettext("应为列表"))
    return [(f"documents[{i}]", d) for i, d in enumerate(documents)]


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return None
    return date(year, month, monthrange(year, month)[1])


def deadline_from_text(text: str, target_deadlines: list[date]) -> date | None:
    """The latest due date the task text states, or its targets' latest deadline."""
    found: list[date] = list(target_deadlines)
    for match in _MONTH_DEADLINE.finditer(text):
        due = _month_end(int(match.group(1)), int(match.group(2)))
        if due:
            found.append(due)
    for match in _YEAR_DEADLINE.finditer(text):
        year = match.group(1) or match.group(2)
        due = _month_end(int(year), 12)
        if due:
            found.append(due)
    return max(found) if found else None
