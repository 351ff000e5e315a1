"""Documents: the list, the document page (its text as it reads with tasks, unit lists and
targets highlighted in place, revisions and their diff) and the supervisor's corrections.

The views are thin: what a correction does is ``registry.corrections``; who may see what
is ``registry.permissions`` through ``registry.queries``. This module only lays the
document's text out for the page and turns form input into domain calls.
"""

from __future__ import annotations

import difflib
import itertools
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from luoshi_web.office.access import actor, page
from luoshi_web.registry import corrections, queries, revision_diff
from luoshi_web.registry import permissions as perm
from luoshi_web.registry import units as unit_names
from luoshi_web.registry.contract import read_task
from luoshi_web.registry.errors import Conflict, Invalid
from luoshi_web.registry.models import AssignmentRole, CorrectionState, Document, DocumentRevision, Task
from luoshi_web.registry.reading import OutlineItem, Reading

PAGE_SIZE = 50
# Names are split at line breaks (and ；), never at 、: "各省、自治区、直辖市人民政府" is one unit.
NAME_SEPARATORS = ("\n", ";", "；")


# --- the document list ------------------------------------------------------------------------


@page
def document_list(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    q = (request.GET.get("q") or "").strip()[:100]
    result = queries.page(queries.visible_documents(who, q=q), PAGE_SIZE, request.GET.get("offset", 0))
    rows = [(d, queries.document_counts(who, d)) for d in result.items]
    base_query = urlencode({"q": q}) if q else ""
    return render(
        request, "office/document_list.html", {"result": result, "rows": rows, "q": q, "base_query": base_query}
    )


# --- laying the text out ---------------------------------------------------------------------------


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # "task", "task-off", "units", "target", "target-off"
    url: str = ""
    title: str = ""


@dataclass
class Paragraph:
    start: int
    html: SafeString
    item: OutlineItem | None
    opens_item: bool
    depth: int
    task: Task | None = None
    anchor: str = ""
    bar: OutlineItem | None = None  # the item whose own text ends here: its task and forms follow
    bar_task: Task | None = None


@dataclass
class Layout:
    paragraphs: list[Paragraph] = field(default_factory=list)
    unplaced: list[Task] = field(default_factory=list)  # tasks not at an outline item of the text


_ORDER = {"task": 0, "task-off": 0, "units": 1, "target": 2, "target-off": 2}


def _open_tag(mark: Mark) -> str:
    title = f' title="{escape(mark.title)}"' if mark.title else ""
    if mark.url:
        return f'<a class="hl hl-{mark.kind}" href="{escape(mark.url)}"{title}>'
    return f'<span class="hl hl-{mark.kind}"{title}>'


def _close_tag(mark: Mark) -> str:
    return "</a>" if mark.url else "</span>"


def render_marked(text: str, start: int, marks: list[Mark]) -> SafeString:
    """``text`` (which starts at offset ``start``) as HTML with each mark wrapped around its part.

    Marks may overlap in any way: the text is cut at every mark boundary and each piece is
    wrapped in the marks covering it (task outermost, then unit list, then target), so the
    HTML always nests and a link is never inside another link (only targets link).
    """
    end = start + len(text)
    inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    cuts = sorted({start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a - start : b - start])
        covering = sorted((m for m in inside if m.start <= a and m.end >= b), key=lambda m: _ORDER[m.kind])
        links = [m for m in covering if m.url]
        covering = [m for m in covering if not m.url] + links[:1]
        out.append("".join(_open_tag(m) for m in covering) + piece + "".join(_close_tag(m) for m in reversed(covering)))
    return mark_safe("".join(out))  # every piece of text is escaped above


def _units_spans(revision: DocumentRevision | None) -> dict[str, dict[str, int]]:
    """Where each extracted task's unit list is written (absolute offsets), by task path key."""
    if revision is None or not isinstance(revision.contract, dict):
        return {}
    spans: dict[str, dict[str, int]] = {}
    seen: dict[str, int] = {}
    for i, raw in enumerate(revision.contract.get("tasks") or []):
        try:
            key = read_task(raw, f"tasks[{i}]", seen).path_key
        except Invalid:
            continue
        span = raw.get("units_span")
        if isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            spans[key] = span
    return spans


def layout(
    document: Document, revision: DocumentRevision | None, reading: Reading, tasks: list[Task], targets: list[Any]
) -> Layout:
    """The document's text in paragraphs, each with its outline item and the marks inside it."""
    result = Layout()
    base = reading.base
    by_path = {t.path_key: t for t in tasks}
    if not reading.text or base is None:
        result.unplaced = tasks
        return result
    marks: list[Mark] = []
    placed: set[int] = set()
    items = {i.path_key for i in reading.items}
    for task in tasks:
        if task.span_start is None or task.span_end is None:
            continue
        if task.path_key in items:
            placed.add(task.pk)
        marks.append(
            Mark(
                task.span_start - base,
                task.span_end - base,
                "task" if task.active else "task-off",
                title=gettext("任务 %(path)s") % {"path": "".join(task.path)},
            )
        )
    for key, span in _units_spans(revision).items():
        task = by_path.get(key)
        if task is not None and task.active:
            marks.append(Mark(span["start"] - base, span["end"] - base, "units", title=gettext("责任单位")))
    extracted = corrections.target_spans(revision)
    added = {
        c.target_key: c
        for c in document.corrections.filter(kind="target_add", state=CorrectionState.APPLIED)
        if c.span_start is not None
    }
    for target in targets:
        url = reverse("office:target", args=[target.pk])
        kind = "target" if target.active else "target-off"
        if target.match_key in extracted:
            span = extracted[target.match_key]
            marks.append(Mark(span["start"] - base, span["end"] - base, kind, url, target.indicator))
        elif target.match_key in added:
            c = added[target.match_key]
            marks.append(Mark(c.span_start, c.span_end, kind, url, target.indicator))
    result.unplaced = [t for t in tasks if t.pk not in placed]
    offset = 0
    for line in reading.text.split("\n"):
        item = None
        for candidate in reading.items:
            if candidate.start <= offset < max(candidate.end, candidate.start + 1):
                item = candidate  # items come in document order: the last that holds is the deepest
        opens = item is not None and item.start == offset
        end = offset + len(line)
        bar = next((i for i in reading.items if offset < max(i.text_end, i.start + 1) <= end + 1), None)
        result.paragraphs.append(
            Paragraph(
                start=offset,
                html=render_marked(line, offset, marks),
                item=item,
                opens_item=opens,
                depth=item.depth if item is not None else 0,
                task=by_path.get(item.path_key) if opens and item is not None else None,
                anchor=_anchor(item.path_key) if opens and item is not None else "",
                bar=bar,
                bar_task=by_path.get(bar.path_key) if bar is not None else None,
            )
        )
        offset += len(line) + 1
    return result


# --- revisions ----------------------------------------------------------------------------------------


@dataclass
class RevisionRow:
    revision: DocumentRevision
    counts: dict[str, dict[str, int]]  # what changed for the office (corrections applied on both sides)
    flagged: int


def _revision_rows(document: Document) -> list[RevisionRow]:
    rows = []
    revisions = list(document.revisions.order_by("number"))
    for old, revision in zip([None, *revisions], revisions, strict=False):
        diff = revision.diff if isinstance(revision.diff, dict) else {}
        office = revision_diff.office_diff(old, revision)
        counts = {"tasks": office.tasks.counts(), "targets": office.targets.counts()}
        flagged = len((diff.get("corrections") or {}).get("flagged", []))
        rows.append(RevisionRow(revision, counts, flagged))
    rows.reverse()
    return rows


def text_diff(old: DocumentRevision, new: DocumentRevision) -> list[tuple[str, str]]:
    """The paragraphs that differ between two revisions' texts: ("-"|"+"|"@", paragraph)."""
    a = corrections.reading_for(old.document, old).text.split("\n")
    b = corrections.reading_for(new.document, new).text.split("\n")
    lines: list[tuple[str, str]] = []
    for line in difflib.unified_diff(a, b, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        lines.append((line[:1] if line[:1] in "-+@" else " ", line[1:] if line[:1] in "-+ " else line))
    return lines


# --- correction forms -------------------------------------------------------------------------------------


def split_names(text: str) -> list[str]:
    names = [text]
    for sep in NAME_SEPARATORS:
        names = [part for name in names for part in name.split(sep)]
    return [n.strip() for n in names if n.strip()]


class UnitsForm(forms.Form):
    units = forms.CharField(
        label=_("责任单位"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个单位，按文件所写"),
        max_length=8000,
    )
    leads = forms.CharField(
        label=_("牵头单位"),
        required=False,
        max_length=2000,
        help_text=_("须是上面的单位之一，可多个，用“；”分隔；留空则第一个单位牵头"),
    )
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("否决理由"), max_length=500)


class TargetForm(forms.Form):
    phrase = forms.CharField(label=_("正文中的原文"), max_length=300, help_text=_("从正文复制，须与正文一字不差"))
    occurrence = forms.IntegerField(
        label=_("第几处"), min_value=1, initial=1, help_text=_("原文在正文中出现多次时，取第几次出现")
    )
    indicator = forms.CharField(label=_("指标名称"), max_length=200)
    value = forms.FloatField(label=_("目标值"), help_text=_("按数值填写：320万 填 3200000"))
    comparator = forms.ChoiceField(
        label=_("比较方式"),
        choices=[
            (">=", _("不低于 ≥")),
            (">", _("高于 >")),
            ("<=", _("不高于 ≤")),
            ("<", _("低于 <")),
            ("=", _("等于 =")),
            ("between", _("区间")),
        ],
        initial=">=",
    )
    kind = forms.ChoiceField(
        label=_("类型"), choices=[("level", _("达到水平")), ("change", _("相对变化"))], initial="level"
    )
    unit = forms.CharField(label=_("计量单位"), required=False, max_length=20, help_text=_("如 %、个、公里；无则留空"))
    value_max = forms.FloatField(label=_("区间上限"), required=False)
    deadline = forms.DateField(label=_("完成时限"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)

    def clean_value(self):  # type: ignore[no-untyped-def]
        value = self.cleaned_data["value"]
        if value != value or value in (float("inf"), float("-inf")):
            raise forms.ValidationError(gettext("目标值应为数字"))
        return value


class LinkForm(forms.Form):
    target = forms.TypedChoiceField(label=_("指标"), coerce=int)
    task = forms.TypedChoiceField(label=_("落实任务"), coerce=int, required=False, empty_value=None)
    units = forms.CharField(
        label=_("报送监测值的单位"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        help_text=_("每行一个已登记的单位名称或别名；留空则由任务的牵头单位报送"),
    )
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)

    def __init__(self, *args: Any, targets=(), tasks=(), **kwargs: Any) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.pk, f"{t.indicator} {t.value:g}{t.unit_text}") for t in targets]
        self.fields["task"].choices = [("", "—"), *((t.pk, f"{''.join(t.path)} {t.text[:30]}") for t in tasks)]


ACTIONS = ("make_task", "set_units", "reject_task", "reject_target", "add_target", "link_target")


def _anchor(path_key: str) -> str:
    return "item-" + path_key.replace("/", "-").replace("#", "_")


def _form_error(form: forms.Form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
    return "；".join(parts)


def _doc_task(who: perm.Actor, document: Document, value: Any) -> Task:
    return perm.get_visible(perm.tasks_for(who).filter(document=document, parent__isnull=True), value, "task")


def _doc_target(who: perm.Actor, document: Document, value: Any):  # type: ignore[no-untyped-def]
    return perm.get_visible(perm.targets_for(who).filter(document=document), value, "target")


def _occurrence(reading: Reading, phrase: str, n: int) -> int:
    at = -1
    for _i in range(n):
        at = reading.text.find(phrase, at + 1)
        if at == -1:
            raise Invalid(
                gettext("正文中找不到“%(text)s”（第 %(n)s 处）：请从正文中复制原文") % {"text": phrase, "n": n}
            )
    return at


def _apply(who: perm.Actor, document: Document, action: str, data: Any) -> tuple[str, str]:
    """Run one correction from POST data; returns (success message, anchor). Raises Invalid/Conflict."""
    if action == "make_task":
        form = UnitsForm(data)
        if not form.is_valid():
            raise Invalid(_form_error(form))
        path_key = str(data.get("path_key") or "")
        task = corrections.make_task(
            who,
            document,
            path_key,
            units=split_names(form.cleaned_data["units"]),  # one per line
            leads=split_names(form.cleaned_data["leads"]),
            reason=form.cleaned_data["reason"],
        )
        return gettext("条目 %(path)s 已设为任务") % {"path": "".join(task.path)}, _anchor(path_key)
    if action == "set_units":
        task = _doc_task(who, document, data.get("task"))
        form = UnitsForm(data)
        if not form.is_valid():
            raise Invalid(_form_error(form))
        corrections.set_task_units(
            who,
            task,
            split_names(form.cleaned_data["units"]),
            split_names(form.cleaned_data["leads"]),
            reason=form.cleaned_data["reason"],
        )
        return gettext("任务 %(path)s 的责任单位已更新") % {"path": "".join(task.path)}, _anchor(task.path_key)
    if action == "reject_task":
        task = _doc_task(who, document, data.get("task"))
        form = RejectForm(data)
        if not form.is_valid():
            raise Invalid(_form_error(form))
        corrections.reject_task(who, task, form.cleaned_data["reason"])
        return gettext("任务 %(path)s 已否决") % {"path": "".join(task.path)}, _anchor(task.path_key)
    if action == "reject_target":
        target = _doc_target(who, document, data.get("target"))
        form = RejectForm(data)
        if not form.is_valid():
            raise Invalid(_form_error(form))
        corrections.reject_target(who, target, form.cleaned_data["reason"])
        return gettext("指标“%(name)s”已否决") % {"name": target.indicator}, "targets"
    if action == "add_target":
        form = TargetForm(data)
        if not form.is_valid():
            raise Invalid(_form_error(form))
        d = form.cleaned_data
        reading = corrections.reading_for(document)
        phrase = d["phrase"].strip()
        start = _occurrence(reading, phrase, d["occurrence"])
        target = corrections.add_target(
            who,
            document,
            start=start,
            end=start + len(phrase),
            indicator=d["indicator"],
            value=d["value"],
            comparator=d["comparator"],
            kind=d["kind"],
            unit=d["unit"] or "",
            value_max=d["value_max"],
            deadline=d["deadline"],
            reason=d["reason"],
        )
        return gettext("已补标指标“%(name)s”") % {"name": target.indicator}, "targets"
    if action == "link_target":
        targets = list(perm.targets_for(who).filter(document=document, active=True))
        tasks = list(perm.tasks_for(who).filter(document=document, active=True, parent__isnull=True))
        form = LinkForm(data, targets=targets, tasks=tasks)
        if not form.is_valid():
            raise Invalid(_form_error(form))
        target = _doc_target(who, document, form.cleaned_data["target"])
        task = _doc_task(who, document, form.cleaned_data["task"]) if form.cleaned_data["task"] else None
        found, unknown = [], []
        for name in split_names(form.cleaned_data["units"]):
            unit = unit_names.resolve(name, document)
            (found.append(unit) if unit is not None else unknown.append(name))
        if unknown:
            raise Invalid(
                gettext("这些单位尚未登记：%(names)s（请先在“单位和人员”中新建或关联）") % {"names": "、".join(unknown)}
            )
        if task is not None and not found:
            found = [a.unit for a in task.assignments.filter(role=AssignmentRole.LEAD, unit__isnull=False)]
        corrections.link_target(who, target, task=task, units=found, reason=form.cleaned_data["reason"])
        return gettext("指标“%(name)s”已关联") % {"name": target.indicator}, "targets"
    raise Invalid(gettext("未知的操作"))


@require_POST
@page
def correct(request: HttpRequest, document_id: int) -> HttpResponse:
    """One correction (POST ``action`` + its fields); then back to the item on the document page."""
    who = actor(request)
    document = queries.get_document(who, document_id)  # not visible: 404
    perm.require_manager(who)  # visible but read-only: 403
    action = request.POST.get("action", "")
    url = reverse("office:document", args=[document.pk])
    try:
        if action not in ACTIONS:
            raise Invalid(gettext("未知的操作"))
        message, anchor = _apply(who, document, action, request.POST)
    except (Invalid, Conflict) as exc:
        messages.error(request, exc.message)
        anchor = _anchor(str(request.POST.get("path_key") or "")) if request.POST.get("path_key") else "corrections"
        return redirect(f"{url}?error=1#{anchor}")
    messages.success(request, message)
    return redirect(f"{url}#{anchor}")


# --- the page -------------------------------------------------------------------------------------------------


@page
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    who = actor(request)
    document = queries.get_document(who, document_id)
    revision = corrections.latest_revision(document)
    reading = corrections.reading_for(document, revision)
    tasks = list(queries.visible_tasks(who).filter(document=document, parent__isnull=True).select_related("document"))
    tasks.sort(key=lambda t: (t.span_start if t.span_start is not None else 10**12, t.pk))
    targets = list(perm.targets_for(who).filter(document=document).order_by("id").select_related("link__task"))
    text = layout(document, revision, reading, tasks, targets)
    revisions = _revision_rows(document)
    compare = None
    wanted = request.GET.get("compare")
    if wanted and wanted.isdigit():
        new = document.revisions.filter(number=int(wanted)).first()
        old = document.revisions.filter(number=int(wanted) - 1).first()
        if new is not None and old is not None:
            compare = {
                "old": old,
                "new": new,
                "lines": text_diff(old, new),
                "items": revision_diff.office_diff(old, new),
            }
    history = list(document.corrections.order_by("-created_at", "-id")) if who.reads_all else []
    addressees = "\n".join(document.addressees or [])
    active_tasks = [t for t in tasks if t.active]
    return render(
        request,
        "office/document_detail.html",
        {
            "document": document,
            "revision": revision,
            "has_text": bool(reading.text),
            "layout": text,
            "tasks": tasks,
            "targets": targets,
            "revisions": revisions,
            "compare": compare,
            "corrections": history,
            "flagged": [c for c in history if c.state == CorrectionState.FLAGGED],
            "can_correct": who.manages,
            "addressees": addressees,
            "target_form": TargetForm(),
            "link_form": LinkForm(targets=[t for t in targets if t.active], tasks=active_tasks),
        },
    )


@page
def document_export(request: HttpRequest, document_id: int) -> HttpResponse:
    """The corrected document as ``luoshi.parse/1`` (what ``shared/eval/score.py`` reads as gold)."""
    who = actor(request)
    document = queries.get_document(who, document_id)
    body = json.dumps(corrections.export_contract(who, [document]), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="luoshi-document-{document.pk}.json"'
    return response
