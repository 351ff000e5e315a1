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


class AuditedQuerySet(models.QuerySet):
    """Bulk ``update()`` under the same rules as ``save``: values checked, an audit row per changed row.

    Without this, ``Report.objects.filter(...).update(progress=...)`` would write a value
    ``validation`` refuses (a 500-character 发文字号 on PostgreSQL: a ``DataError``) and leave
    no trace in the audit log. A model's ``BULK_COMPUTED`` fields (caches recomputed from
    audited rows, e.g. a task's progress facts) may be set from database expressions and are
    not audited themselves; every other field takes checked plain values only.
    """

    def update(self, **kwargs: Any) -> int:
        from luoshi_web.registry import audit
        from luoshi_web.registry.validation import check_update

        computed = frozenset(getattr(self.model, "BULK_COMPUTED", ()))
        check_update(self.model, kwargs, computed)
        if set(kwargs) <= computed:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            before = {obj.pk: audit.snapshot(obj) for obj in self.select_for_update()}
            count = super().update(**kwargs)
            for obj in self.model._base_manager.using(self.db).filter(pk__in=list(before)):
                after = audit.snapshot(obj)
                if after != before[obj.pk]:
                    audit.record("update", obj, before[obj.pk], after)
        return count

    update.alters_data = True  # type: ignore[attr-defined]


class AuditedModel(models.Model):
    """A row whose every write is checked first and commits together with its audit row.

    ``save`` checks every column by the registry's rules (``validation``: lengths, finite
    numbers, integer and date ranges), so a bad value is a 422 on every database, never a
    PostgreSQL ``DataError`` or a SQLite row PostgreSQL would refuse. The write and the
    audit row its signal writes run in one transaction (joining the caller's, if any): if the
    audit row cannot be written, the change is rolled back too.
    """

    objects = AuditedQuerySet.as_manager()

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
    """What kind of body a unit is, as Chinese administration names them.

    Why these: documents address national bodies (国务院各部委、各直属机构), provincial,
    city and county governments and their departments (省发展改革委, 市级有关部门),
    development-zone committees (各园区管委会) and people's organisations (工会、共青团、
    妇联); and they often name a *group* (各市（州）人民政府, 省直相关部门) rather than one
    body, which still needs a row so its tasks have a unit. The first five values are
    the original ones, kept so existing rows stay valid.
    """

    PROVINCE = "province", _("省级人民政府")
    CITY = "city", _("市（州）人民政府")
    COUNTY = "county", _("县（市、区）人民政府")
    DEPARTMENT = "department", _("部门")
    OTHER = "other", _("其他")
    STATE_COUNCIL = "state_council", _("国务院及其办公厅")
    MINISTRY = "ministry", _("国务院部委和直属机构")
    PROVINCIAL_DEPARTMENT = "province_dept", _("省级部门")
    CITY_DEPARTMENT = "city_dept", _("市级部门")
    COUNTY_DEPARTMENT = "county_dept", _("县级部门")
    TOWNSHIP = "township", _("乡镇（街道）")
    ZONE = "zone", _("园区管委会")
    PEOPLES_ORGANISATION = "peoples_organisation", _("人民团体")
    INSTITUTION = "institution", _("事业单位和企业")
    GROUP = "group", _("泛指单位（如各市人民政府）")


class Unit(AuditedModel):
    """A responsible body (省发展改革委, 各市（州）人民政府 ...), in a hierarchy."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("上级")
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self) -> str:
        return self.name


class UnitAlias(AuditedModel):
    """Another surface form of a unit's name as documents write it (发改委 → 省发展改革委)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("单位"))
    alias = models.CharField(_("别名"), max_length=200)
    # Where the alias holds: 发改委 is 省发展改革委 in a provincial document and 市发展改革委
    # in a city's. ``None``: everywhere. A document's region is its issuer's unit and the
    # units above it (see ``units.resolve``).
    region = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scoped_aliases",
        verbose_name=_("适用地区"),
    )

    class Meta:
        ordering = ["alias"]
        constraints = [
            models.UniqueConstraint(fields=["alias", "region"], name="unit_alias_region_unique"),
            models.UniqueConstraint(
                fields=["alias"], condition=models.Q(region__isnull=True), name="unit_alias_global_unique"
            ),
        ]
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")

    def __str__(self) -> str:
        return f"{self.alias} → {self.unit.name}"


class UnresolvedUnitName(AuditedModel):
    """An extracted unit name matching no unit or alias, waiting for a person to link it."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    occurrences = models.PositiveIntegerField(_("出现次数"), default=0)
    first_document = models.ForeignKey(
        "Document", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("首次出现的文件")
    )
    resolved_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("关联单位")
    )
    resolved_at = models.DateTimeField(_("关联时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        ordering = ["-occurrences", "name"]
        verbose_name = _("待关联单位名称")
        verbose_name_plural = _("待关联单位名称")

    def __str__(self) -> str:
        return self.name


class Profile(AuditedModel):
    """A user's role and, for a reporter, the unit they report for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("用户")
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="members", verbose_name=_("所属单位")
    )

    class Meta:
        verbose_name = _("用户角色")
        verbose_name_plural = _("用户角色")

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class ApiToken(AuditedModel):
    """A bearer token; only its SHA-256 is stored, the plain key is shown once.

    A token works until ``expires_at`` and while not revoked (``tokens.py``: by its
    owner, by the supervision office, and all of a user's when the password changes).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("用户")
    )
    name = models.CharField(_("用途"), max_length=100)
    key_hash = models.CharField(_("密钥摘要"), max_length=64, unique=True)
    prefix = models.CharField(_("前缀"), max_length=8)
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("到期时间"), db_index=True)
    revoked = models.BooleanField(_("已吊销"), default=False)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("吊销人"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class Document(AuditedModel):
    """One official document (公文). ``key`` is 发文字号, else ``title:`` + 标题."""

    key = models.CharField(_("唯一键"), max_length=400, unique=True)
    doc_number = models.CharField(_("发文字号"), max_length=100, null=True, blank=True)
    title = models.TextField(_("标题"))
    issuers = models.JSONField(_("发文机关"), default=list)
    date = models.DateField(_("成文日期"), null=True, blank=True)
    addressees = models.JSONField(_("主送机关"), default=list)
    genre = models.CharField(_("文种"), max_length=40, blank=True)
    forwarded_title = models.TextField(_("印发文件标题"), null=True, blank=True)
    published = models.BooleanField(_("已公开"), default=False, db_index=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The ONE place where a document's being public reaches its tasks (Task.document_published):
        # every publish path saves the document, and the tasks change in the same transaction.
        using = kwargs.get("using") or self._state.db
        with transaction.atomic(using=using, savepoint=False):
            super().save(*args, **kwargs)
            update_fields = kwargs.get("update_fields")
            if update_fields is None or "published" in update_fields:
                sync_document_published(Task.objects.using(using).filter(document=self))

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("文件")
        verbose_name_plural = _("文件")

    def __str__(self) -> str:
        return self.doc_number or self.title


class DocumentRevision(AuditedModel):
    """One imported version of a document, with what changed from the previous one."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("文件"))
    number = models.PositiveIntegerField(_("版本号"))
    file_sha256 = models.CharField(_("文件 SHA-256"), max_length=64, db_index=True)
    content_sha256 = models.CharField(_("内容 SHA-256"), max_length=64)
    source_name = models.CharField(_("来源文件名"), max_length=500, blank=True)
    contract = models.JSONField(_("解析结果"))
    diff = models.JSONField(_("与上一版本的差异"), default=dict)
    created_at = models.DateTimeField(_("导入时间"), default=timezone.now)

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
# The task columns copied from its document (Document.save keeps them; Task.save only sets them on insert).
DOCUMENT_FIELDS = ("document_published",)


def sync_document_published(tasks: models.QuerySet[Task]) -> int:
    """Set ``document_published`` of ``tasks`` to their document's ``published``; returns the rows changed.

    One UPDATE with a subquery (SQLite and PostgreSQL); rows already right are not written.
    """
    published = Document.objects.filter(pk=models.OuterRef("document_id")).values("published")[:1]
    stale = tasks.exclude(document_published=models.Subquery(published))
    return stale.update(document_published=models.Subquery(published))


class Task(AuditedModel):
    """A unit of work from a document's outline, or a sub-task assigned to a named person."""

    # Caches of audited rows: progress.refresh recomputes the facts from the reports, and
    # sync_document_published copies the document's ``published`` (Document.save audits it).
    BULK_COMPUTED = (*FACT_FIELDS, "document_published")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("所属文件"))
    path = models.JSONField(_("层级编号"), default=list)
    path_key = models.CharField(_("层级路径"), max_length=200)
    text = models.TextField(_("任务内容"))
    span_start = models.PositiveIntegerField(_("原文起始位置"), null=True, blank=True)
    span_end = models.PositiveIntegerField(_("原文结束位置"), null=True, blank=True)
    line_start = models.PositiveIntegerField(_("起始行"), null=True, blank=True)
    line_end = models.PositiveIntegerField(_("结束行"), null=True, blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    # The deadline as a sort and range key without NULL: a task with no deadline sorts last on
    # every database, and "due on or after X" is one range of the index (see status.status_filter).
    due = models.GeneratedField(
        expression=Coalesce("deadline", Value(NO_DEADLINE)),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name=_("排序用完成时限"),
    )
    start_date = models.DateField(_("起始日期"), null=True, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    introduced_in = models.ForeignKey(
        DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("引入版本")
    )
    dropped_in = models.ForeignKey(
        DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("删除版本")
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="subtasks", verbose_name=_("上级任务")
    )
    assignee_name = models.CharField(_("责任人"), max_length=100, blank=True)
    # 明确到人 with an account: the person's user (of the sub-task's unit), else only the name above.
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tasks",
        verbose_name=_("责任人账号"),
    )
    # Progress facts, derived from the task's reports by registry.progress (see there for why
    # they are stored); never entered, and never written by save().
    progress_verified = models.BooleanField(_("已核验销号"), default=False, editable=False)
    progress_reported = models.BooleanField(_("已报送进展"), default=False, editable=False)
    latest_percent = models.PositiveSmallIntegerField(_("最新完成比例"), null=True, blank=True, editable=False)
    # A copy of document.published, so that "public tasks in status X" is one range of an index on
    # the task (see Meta.indexes and permissions.tasks_for). Written only by Document.save (and on
    # insert by Task.save); never entered.
    document_published = models.BooleanField(_("所属文件已公开"), default=False, editable=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding or kwargs.get("force_insert"):
            # A new task is as public as its document is now, read under the document's row lock in
            # the insert's transaction. A publish (Document.save: UPDATE of the document, then the
            # tasks' copies in the same transaction) holds that lock until it commits: either it
            # committed first and this reads its value, or it waits for this insert to commit and
            # its bulk update then sees the new task. Without the lock the two pass each other (the
            # foreign-key check takes only a KEY SHARE lock) and the task keeps the old value.
            # (SQLite ignores FOR UPDATE: it has one writer at a time anyway.)
            using = kwargs.get("using") or self._state.db
            with transaction.atomic(using=using, savepoint=False):
                locked = Document.objects.using(using).select_for_update().filter(pk=self.document_id)
                self.document_published = bool(locked.values_list("published", flat=True).first())
                super().save(*args, **kwargs)
            return
        if kwargs.get("update_fields") is None:
            # An instance read before a report (or a publish) changed must not write back stale facts.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not (f.primary_key or f.generated or f.name in FACT_FIELDS or f.name in DOCUMENT_FIELDS)
            ]
        super().save(*args, **kwargs)

    class Meta:
        ordering = ["document_id", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "path_key"], name="task_path_unique")]
        indexes = [
            models.Index(fields=["due", "id"], name="task_due_idx"),
            models.Index(fields=["document", "active"], name="task_document_active_idx"),
            # The public tasks of one status, by deadline (status.status_filter: every status but
            # overdue and completed is one range here, after document_published = true).
            models.Index(
                fields=["document_published", "progress_verified", "progress_reported", "due", "id"],
                name="task_published_status_idx",
            ),
            # The tasks that can be at risk (status.AT_RISK: not verified, latest percent unknown
            # or below AT_RISK_BELOW_PERCENT, a test keeps the two equal), by deadline per published
            # flag: the "at risk" arm of a reporter's list (queries.filter_tasks) is one range here
            # instead of a walk through every task due in the next 30 days.
            models.Index(
                fields=["document_published", "due", "id"],
                condition=models.Q(progress_verified=False)
                & (models.Q(latest_percent__isnull=True) | models.Q(latest_percent__lt=80)),
                name="task_at_risk_idx",
            ),
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

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("任务"))
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("单位")
    )
    name = models.CharField(_("名称（原文）"), max_length=200)
    role = models.CharField(_("分工"), max_length=10, choices=AssignmentRole.choices)
    # True when the document itself marks the unit as lead (牵头); False when the
    # importer made the first-named unit the lead because none was marked.
    explicit_lead = models.BooleanField(_("原文标明牵头"), default=False)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

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

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="targets", verbose_name=_("所属文件"))
    match_key = models.CharField(_("匹配键"), max_length=400)
    text = models.TextField(_("原文"))
    indicator = models.TextField(_("指标名称"))
    kind = models.CharField(_("类型"), max_length=10)
    comparator = models.CharField(_("比较方式"), max_length=10)
    value = models.FloatField(_("目标值"))
    value_max = models.FloatField(_("目标上限"), null=True, blank=True)
    unit_text = models.CharField(_("计量单位"), max_length=20, blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    introduced_in = models.ForeignKey(
        DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("引入版本")
    )
    dropped_in = models.ForeignKey(
        DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("删除版本")
    )

    class Meta:
        ordering = ["document_id", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "match_key"], name="target_key_unique")]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")

    def __str__(self) -> str:
        return self.text


class Observation(AuditedModel):
    """A measured value of a target's indicator as of a date, with its source."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="observations", verbose_name=_("指标"))
    value = models.FloatField(_("监测值"))
    as_of = models.DateField(_("截至日期"))
    source = models.CharField(_("来源"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("录入人")
    )
    created_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    class Meta:
        ordering = ["target_id", "as_of", "id"]
        verbose_name = _("监测值")
        verbose_name_plural = _("监测值")


class Reference(AuditedModel):
    """A document cited by another (《…》（国发〔2015〕1号）)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="references", verbose_name=_("引用方文件")
    )
    doc_number = models.CharField(_("发文字号"), max_length=100, null=True, blank=True)
    title = models.TextField(_("标题"), blank=True)
    active = models.BooleanField(_("有效"), default=True)

    class Meta:
        ordering = ["document_id", "id"]
        verbose_name = _("引用文件")
        verbose_name_plural = _("引用文件")


class CycleStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已关闭")


class ReportingCycle(AuditedModel):
    """A reporting period (quarterly by default); closing it freezes a snapshot."""

    name = models.CharField(_("名称"), max_length=50)
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    status = models.CharField(_("状态"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    snapshot = models.JSONField(_("关闭时快照"), null=True, blank=True)

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

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("任务"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("填报单位"))
    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.PROTECT, related_name="reports", verbose_name=_("填报周期")
    )
    kind = models.CharField(_("报告类型"), max_length=20, choices=ReportKind.choices)
    progress = models.TextField(_("工作进展"), blank=True)
    percent = models.PositiveSmallIntegerField(_("完成比例"), null=True, blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    next_steps = models.TextField(_("下一步计划"), blank=True)
    is_final = models.BooleanField(_("申请销号"), default=False)
    state = models.CharField(_("状态"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    return_reason = models.TextField(_("退回原因"), blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("审核人"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("填报人"),
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

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

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("进展报告"))
    file = models.FileField(_("文件"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("上传人")
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        ordering = ["report_id", "id"]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")


class ReviewAssignment(AuditedModel):
    """An expert reviewer's assignment to a task: what the expert may read and evaluate."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_assignments",
        verbose_name=_("评审专家"),
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="review_assignments", verbose_name=_("任务"))
    assigned_at = models.DateTimeField(_("分配时间"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["expert", "task"], name="review_assignment_unique")]
        verbose_name = _("评审分配")
        verbose_name_plural = _("评审分配")


class Evaluation(AuditedModel):
    """An expert reviewer's assessment of a task's delivery."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("任务"))
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("评审专家")
    )
    score = models.PositiveSmallIntegerField(_("评分"))
    opinion = models.TextField(_("评审意见"))
    created_at = models.DateTimeField(_("评审时间"), default=timezone.now)

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

    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(_("操作人编号"), null=True, blank=True)
    actor_name = models.CharField(_("操作人"), max_length=150)
    action = models.CharField(_("操作"), max_length=40)
    model = models.CharField(_("对象类型"), max_length=60)
    object_id = models.CharField(_("对象编号"), max_length=40)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)

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


class CorrectionKind(models.TextChoices):
    TASK_ADD = "task_add", _("设为任务")
    TASK_UNITS = "task_units", _("修改责任单位和牵头单位")
    TASK_REJECT = "task_reject", _("否决任务")
    TARGET_ADD = "target_add", _("补标指标")
    TARGET_REJECT = "target_reject", _("否决指标")
    TARGET_LINK = "target_link", _("指标关联任务和单位")


class CorrectionState(models.TextChoices):
    APPLIED = "applied", _("已生效")
    FLAGGED = "flagged", _("待处理（修订版中找不到对应位置）")


class Correction(AuditedModel):
    """A person's correction of what the extractor found in a document (see ``corrections.py``).

    It names what it applies to by the outline path (tasks), the target's match key
    (indicator + value) or a span of the document's text, never by row id, so a
    re-import of a revised document re-applies it. One whose place is gone from a
    revision is kept and flagged, never dropped.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("更正类型"), max_length=20, choices=CorrectionKind.choices)
    path = models.JSONField(_("层级编号"), default=list)
    path_key = models.CharField(max_length=200, blank=True)
    target_key = models.CharField(max_length=400, blank=True)
    # The marked text of a target the extractor missed: offsets in the document's clean
    # text (0 = the document's first character) in the revision the correction was made on.
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField(_("更正内容"), default=dict)
    reason = models.TextField(_("理由"), blank=True)
    made_on = models.ForeignKey(
        DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections_made"
    )
    state = models.CharField(max_length=10, choices=CorrectionState.choices, default=CorrectionState.APPLIED)
    flagged_in = models.ForeignKey(DocumentRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    flag_reason = models.TextField(blank=True)
    # Who: by id and name, like the audit log, so removing an account keeps the record.
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(_("更正人"), max_length=150)
    created_at = models.DateTimeField(_("更正时间"), default=timezone.now)

    class Meta:
        ordering = ["document_id", "created_at", "id"]
        indexes = [models.Index(fields=["document", "kind"], name="correction_document_kind_idx")]
        verbose_name = _("人工更正")
        verbose_name_plural = _("人工更正")

    def __str__(self) -> str:
        return f"{self.document} {self.get_kind_display()} {self.path_key or self.target_key}"


class TargetLink(AuditedModel):
    """Which task delivers a target and which units report its observations."""

    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="link")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="target_links")
    units = models.ManyToManyField(Unit, blank=True, related_name="target_links", verbose_name=_("责任单位"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("指标关联")
        verbose_name_plural = _("指标关联")

    def __str__(self) -> str:
        return f"{self.target} → {self.task}"
