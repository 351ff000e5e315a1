# ruff: noqa: RUF012  (Django Meta/ModelAdmin options are class-level lists by design)
"""The registry's tables.

What comes from the pipeline (Document, Task, Target, Reference) is keyed so a
re-import finds the same rows: documents by 发文字号 (else title), tasks by
their outline path, targets by indicator + value. Rows dropped by a revised
document are deactivated, never deleted, so their report history stays.
What people enter (Report, Evidence, Observation, Evaluation) hangs off those
rows. Task status is not a column: it is derived (see ``status.py``) from the
deadline, today and three progress facts kept in step with the reports (``progress.py``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditedModel(models.Model):
    """A row whose every write is checked first and commits together with its audit row.

    ``save`` checks every column by the registry's rules (``validation``: lengths, finite
    numbers, integer and date ranges), so a bad value is a 422 on every database, never a
    PostgreSQL ``DataError`` or a SQLite row PostgreSQL would refuse. The write and the
    audit row its signal writes run in one transaction (joining the caller's, if any): if the
    audit row cannot be written, the change is rolled back too.
    """

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        from luoshi_web.registry.validation import check_instance

        check_instance(self)
        with transaction.atomic(using=kwargs.get("using") or self._state.db, savepoint=False):
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic(using=kwargs.get("using") or self._state.db, savepoint=False):
            return super().delete(*args, **kwargs)


class Role(models.TextChoices):
    ADMIN = "admin", _("管理员")
    SUPERVISOR = "supervisor", _("督查室")
    LEADER = "leader", _("领导")
    REPORTER = "reporter", _("填报单位")
    EXPERT = "expert", _("评审专家")


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    DEPARTMENT = "department", _("部门")
    OTHER = "other", _("其他")


class Unit(AuditedModel):
    """A responsible body (省发展改革委, 各市（州）人民政府 ...), in a hierarchy."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("上级")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self) -> str:
        return self.name


class UnitAlias(AuditedModel):
    """Another surface form of a unit's name as documents write it (发改委 → 省发展改革委)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("别名"), max_length=200, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")

    def __str__(self) -> str:
        return f"{self.alias} → {self.unit.name}"


class UnresolvedUnitName(AuditedModel):
    """An extracted unit name matching no unit or alias, waiting for a person to link it."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    occurrences = models.PositiveIntegerField(default=0)
    first_document = models.ForeignKey("Document", null=True, blank=True, on_delete=models.SET_NULL)
    resolved_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurrences", "name"]
        verbose_name = _("待关联单位名称")
        verbose_name_plural = _("待关联单位名称")

    def __str__(self) -> str:
        return self.name


class Profile(AuditedModel):
    """A user's role and, for a reporter, the unit they report for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="members")

    class Meta:
        verbose_name = _("用户角色")
        verbose_name_plural = _("用户角色")

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class ApiToken(AuditedModel):
    """A bearer token; only its SHA-256 is stored, the plain key is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class Document(AuditedModel):
    """One official document (公文). ``key`` is 发文字号, else ``title:`` + 标题."""

    key = models.CharField(max_length=400, unique=True)
    doc_number = models.CharField(_("发文字号"), max_length=100, null=True, blank=True)
    title = models.TextField(_("标题"))
    issuers = models.JSONField(_("发文机关"), default=list)
    date = models.DateField(_("成文日期"), null=True, blank=True)
    addressees = models.JSONField(_("主送机关"), default=list)
    genre = models.CharField(_("文种"), max_length=40, blank=True)
    forwarded_title = models.TextField(_("印发文件标题"), null=True, blank=True)
    published = models.BooleanField(_("已公开"), default=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("文件")
        verbose_name_plural = _("文件")

    def __str__(self) -> str:
        return self.doc_number or self.title


class DocumentRevision(AuditedModel):
    """One imported version of a document, with what changed from the previous one."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    file_sha256 = models.CharField(max_length=64, db_index=True)
    content_sha256 = models.CharField(max_length=64)
    source_name = models.CharField(max_length=500, blank=True)
    contract = models.JSONField()
    diff = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="revision_number_unique")]
        verbose_name = _("文件版本")
        verbose_name_plural = _("文件版本")

    def __str__(self) -> str:
        return f"{self.document} r{self.number}"


# Where Task.due puts a task that has no deadline: after every real date.
NO_DEADLINE = date(9999, 12, 31)
# The task columns registry.progress derives from reports (Task.save leaves them alone).
FACT_FIELDS = ("progress_verified", "progress_reported", "latest_percent")


class Task(AuditedModel):
    """A unit of work from a document's outline, or a sub-task assigned to a named person."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tasks")
    path = models.JSONField(_("层级编号"), default=list)
    path_key = models.CharField(max_length=200)
    text = models.TextField(_("任务内容"))
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    line_start = models.PositiveIntegerField(null=True, blank=True)
    line_end = models.PositiveIntegerField(null=True, blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    # The deadline as a sort and range key without NULL: a task with no deadline sorts last on
    # every database, and "due on or after X" is one range of the index (see status.status_filter).
    due = models.GeneratedField(
        expression=Coalesce("deadline", Value(NO_DEADLINE)), output_field=models.DateField(), db_persist=True
    )
    start_date = models.DateField(_("起始日期"), null=True, blank=True)
    active = models.BooleanField(default=True)
    introduced_in = models.ForeignKey(
        DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dropped_in = models.ForeignKey(DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="subtasks")
    assignee_name = models.CharField(_("责任人"), max_length=100, blank=True)
    # Progress facts, derived from the task's reports by registry.progress (see there for why
    # they are stored); never entered, and never written by save().
    progress_verified = models.BooleanField(_("已核验销号"), default=False, editable=False)
    progress_reported = models.BooleanField(_("已报送进展"), default=False, editable=False)
    latest_percent = models.PositiveSmallIntegerField(_("最新完成比例"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An instance read before a report changed must not write back stale facts.
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not (f.primary_key or f.generated or f.name in FACT_FIELDS)
            ]
        super().save(*args, **kwargs)

    class Meta:
        ordering = ["document_id", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "path_key"], name="task_path_unique")]
        indexes = [
            models.Index(fields=["due", "id"], name="task_due_idx"),
            models.Index(fields=["document", "active"], name="task_document_active_idx"),
        ]
        verbose_name = _("任务")
        verbose_name_plural = _("任务")

    def __str__(self) -> str:
        return f"{self.document} {self.path_key}"


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("牵头")
    CO = "co", _("配合")


class TaskUnit(AuditedModel):
    """A unit named on a task, as written; ``unit`` is set once the name is resolved."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=10, choices=AssignmentRole.choices)
    # True when the document itself marks the unit as lead (牵头); False when the
    # importer made the first-named unit the lead because none was marked.
    explicit_lead = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task_id", "position"]
        constraints = [models.UniqueConstraint(fields=["task", "name"], name="task_unit_name_unique")]
        indexes = [models.Index(fields=["unit", "task"], name="taskunit_unit_task_idx")]
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class Target(AuditedModel):
    """A quantitative commitment; progress is tracked by observations."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="targets")
    match_key = models.CharField(max_length=400)
    text = models.TextField()
    indicator = models.TextField()
    kind = models.CharField(max_length=10)
    comparator = models.CharField(max_length=10)
    value = models.FloatField()
    value_max = models.FloatField(null=True, blank=True)
    unit_text = models.CharField(max_length=20, blank=True)
    deadline = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)
    introduced_in = models.ForeignKey(
        DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dropped_in = models.ForeignKey(DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["document_id", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "match_key"], name="target_key_unique")]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")

    def __str__(self) -> str:
        return self.text


class Observation(AuditedModel):
    """A measured value of a target's indicator as of a date, with its source."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="observations")
    value = models.FloatField()
    as_of = models.DateField()
    source = models.CharField(max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["target_id", "as_of", "id"]
        verbose_name = _("监测值")
        verbose_name_plural = _("监测值")


class Reference(AuditedModel):
    """A document cited by another (《…》（国发〔2015〕1号）)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="references")
    doc_number = models.CharField(max_length=100, null=True, blank=True)
    title = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["document_id", "id"]
        verbose_name = _("引用文件")
        verbose_name_plural = _("引用文件")


class CycleStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已关闭")


class ReportingCycle(AuditedModel):
    """A reporting period (quarterly by default); closing it freezes a snapshot."""

    name = models.CharField(max_length=50)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(fields=["period_start", "period_end"], name="cycle_period_unique"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="cycle_order"),
        ]
        verbose_name = _("填报周期")
        verbose_name_plural = _("填报周期")

    def __str__(self) -> str:
        return self.name

    @property
    def due_date(self) -> date:
        return self.period_end + timedelta(days=settings.LUOSHI_REPORT_GRACE_DAYS)


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    ACCEPTED = "accepted", _("已审核通过")
    RETURNED = "returned", _("已退回")


class ReportKind(models.TextChoices):
    LEAD = "lead", _("牵头单位报告")
    CONTRIBUTION = "contribution", _("配合单位报送")


class Report(AuditedModel):
    """One unit's progress on one task in one cycle."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    progress = models.TextField(_("工作进展"), blank=True)
    percent = models.PositiveSmallIntegerField(_("完成比例"), null=True, blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    next_steps = models.TextField(_("下一步计划"), blank=True)
    is_final = models.BooleanField(_("申请销号"), default=False)
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    return_reason = models.TextField(_("退回原因"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle__period_start", "task_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "cycle"], name="report_once_per_cycle"),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="report_percent_range"),
        ]
        indexes = [
            models.Index(fields=["task", "state"], name="report_task_state_idx"),
            models.Index(fields=["cycle", "unit"], name="report_cycle_unit_idx"),
        ]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")


class Evidence(AuditedModel):
    """A file backing a report (photo, minutes, a signed document)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report_id", "id"]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")


class ReviewAssignment(AuditedModel):
    """An expert reviewer's assignment to a task: what the expert may read and evaluate."""

    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="review_assignments")
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["expert", "task"], name="review_assignment_unique")]
        verbose_name = _("评审分配")
        verbose_name_plural = _("评审分配")


class Evaluation(AuditedModel):
    """An expert reviewer's assessment of a task's delivery."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evaluations")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations")
    score = models.PositiveSmallIntegerField(_("评分"))
    opinion = models.TextField(_("评审意见"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["task_id", "created_at"]
        constraints = [models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="score_range")]
        verbose_name = _("专家评审")
        verbose_name_plural = _("专家评审")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk ``update()``/``delete()`` would bypass ``AuditLog.save``; refuse them too."""

    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")

    def delete(self):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")


class AuditLog(models.Model):
    """Who changed what, when, with the row before and after. Append-only.

    The actor is stored by id and name, not as a foreign key, so removing a
    user can never rewrite (SET NULL) or delete the history of their actions.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=40)
    model = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object_idx")]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("the audit log is append-only")
