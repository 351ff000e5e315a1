"""Request and response shapes of the API (they are what /api/v1/openapi.json publishes)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, TypeVar

from ninja import Schema
from pydantic import Field

T = TypeVar("T")


class ErrorBody(Schema):
    code: str
    message: str


class ErrorOut(Schema):
    error: ErrorBody


class Page(Schema, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    next_offset: int | None


class DocumentOut(Schema):
    id: int
    doc_number: str | None
    title: str
    issuers: list[str]
    date: date | None
    addressees: list[str]
    genre: str
    forwarded_title: str | None
    published: bool


class RevisionOut(Schema):
    id: int
    document_id: int
    number: int
    file_sha256: str
    source_name: str
    created_at: datetime
    diff: dict[str, Any]


class DocumentDetailOut(DocumentOut):
    revisions: list[RevisionOut]
    task_count: int
    target_count: int
    references: list[dict[str, Any]]


class DocumentPatch(Schema):
    published: bool


class TaskUnitOut(Schema):
    name: str
    unit_id: int | None
    role: str


class TaskOut(Schema):
    id: int
    document_id: int
    doc_number: str | None
    path: list[str]
    text: str
    deadline: date | None
    status: str
    status_label: str
    latest_percent: int | None
    active: bool
    parent_id: int | None
    assignee_name: str
    assignee_user_id: int | None = Field(
        description="明确到人: the user account of the sub-task's person; null for a name only, and for the public"
    )
    units: list[TaskUnitOut]
    span: dict[str, int | None]


class ReportOut(Schema):
    id: int
    task_id: int
    unit_id: int
    unit: str
    cycle_id: int
    cycle: str
    kind: str
    progress: str
    percent: int | None
    problems: str
    next_steps: str
    is_final: bool
    state: str
    return_reason: str
    submitted_at: datetime | None
    reviewed_at: datetime | None
    evidence: list[dict[str, Any]]


class EvaluationOut(Schema):
    id: int
    task_id: int
    expert: str
    score: int
    opinion: str
    created_at: datetime


class TaskDetailOut(TaskOut):
    reports: list[ReportOut]
    subtasks: list[TaskOut]
    evaluations: list[EvaluationOut]


class TaskPatch(Schema):
    deadline: date | None = None
    assignee_name: str | None = None


class SubtaskIn(Schema):
    """明确到人: the person is an account of the sub-task's unit (``assignee_user_id``) or a name."""

    text: str = Field(min_length=1)
    assignee_name: str = Field(default="", max_length=100)
    assignee_user_id: int | None = None
    unit_id: int | None = None  # the office: which of the parent's units (default its lead)
    deadline: date | None = None


class ReviewerIn(Schema):
    expert_id: int


class EvaluationIn(Schema):
    score: int = Field(ge=1, le=5)
    opinion: str = Field(min_length=1)


class ObservationOut(Schema):
    id: int
    target_id: int
    value: float
    as_of: date
    source: str


class ObservationIn(Schema):
    value: float
    as_of: date
    source: str = Field(min_length=1, max_length=300)


class TargetOut(Schema):
    id: int
    document_id: int
    text: str
    indicator: str
    kind: str
    comparator: str
    value: float
    value_max: float | None
    unit: str
    deadline: date | None
    active: bool


class TargetProgressOut(TargetOut):
    baseline: ObservationOut | None
    latest: ObservationOut | None
    goal: float | None
    attainment: float | None
    projected: float | None
    on_track: bool | None
    observations: list[ObservationOut]


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    aliases: list[str]


class UnresolvedOut(Schema):
    id: int
    name: str
    occurrences: int
    first_document_id: int | None
    resolved_unit_id: int | None


class LinkIn(Schema):
    unit_id: int | None = None
    create_kind: str | None = None


class CycleOut(Schema):
    id: int
    name: str
    period_start: date
    period_end: date
    due_date: date
    status: str
    closed_at: datetime | None


class CycleDetailOut(CycleOut):
    late: list[dict[str, Any]]
    missing: list[dict[str, Any]]
    snapshot: dict[str, Any] | None


class CycleIn(Schema):
    period_start: date | None = None
    period_end: date | None = None
    quarter_of: date | None = None
    name: str = ""


class ReportIn(Schema):
    task_id: int
    cycle_id: int
    progress: str = ""
    percent: int | None = Field(default=None, ge=0, le=100)
    problems: str = ""
    next_steps: str = ""
    is_final: bool = False


class ReportPatch(Schema):
    progress: str | None = None
    percent: int | None = Field(default=None, ge=0, le=100)
    problems: str | None = None
    next_steps: str | None = None
    is_final: bool | None = None


class ReturnIn(Schema):
    reason: str = Field(min_length=1)


class ImportOut(Schema):
    file: str
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    dropped: dict[str, int]


class AuditOut(Schema):
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    action_label: str
    model: str
    object_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class MeOut(Schema):
    username: str | None
    role: str | None
    unit_id: int | None
