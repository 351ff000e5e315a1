# ruff: noqa: RUF012  (Django Meta options are class-level lists by design)
"""Supervision's tables: 督办 notices and their ladder, ledger notes, bulletins, assessment.

A notice (督办) is addressed to one unit about one task and climbs a ladder of
levels (提醒 → 督办 → 通报 → 约谈). Its current state lives on ``Notice``; every
event (issue, reply, escalate, close) is a ``NoticeStep``, so the ladder of a
task is the ordered steps of its notices, and each step also has its audit row.

Every table people's work writes (notices and their steps and files, the ladder's rules,
the 发文字号 sequences, ledger notes, bulletins, the assessment, inbox messages) is a
registry ``AuditedModel``: its values are checked by ``registry.validation`` before a write,
``save`` and bulk ``update()`` write one audit row per changed row, and the row and its
audit row commit together. The dashboard's summary tables are not: they are caches that
``dashboard.refresh`` rebuilds whole from audited rows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi_web.registry.models import AuditedModel, Document, ReportingCycle, Target, Task, Unit


class Level(models.IntegerChoices):
    REMIND = 1, _("提醒")
    SUPERVISE = 2, _("督办")
    CIRCULATE = 3, _("通报")
    INTERVIEW = 4, _("约谈")


TOP_LEVEL = Level.INTERVIEW


class NoticeState(models.TextChoices):
    OPEN = "open", _("待回复")
    REPLIED = "replied", _("已回复")
    CLOSED = "closed", _("已办结")


class Notice(AuditedModel):
    """One 督办 matter: a task, the unit addressed, the level it has reached."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="notices", verbose_name=_("任务"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="notices", verbose_name=_("主送单位"))
    level = models.PositiveSmallIntegerField(_("督办级别"), choices=Level.choices)
    state = models.CharField(_("状态"), max_length=10, choices=NoticeState.choices, default=NoticeState.OPEN)
    number = models.CharField(_("发文字号"), max_length=60)
    reason = models.TextField(_("督办事由"))
    requirement = models.TextField(_("整改要求"))
    rectify_due = models.DateField(_("整改期限"))
    # The first day on which an unanswered notice moves up a level (None: it never does).
    escalate_on = models.DateField(_("升级日期"), null=True, blank=True)
    issued_on = models.DateField(_("成文日期"))
    reply = models.TextField(_("整改情况"), blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Bumped by every change; an escalation claims the notice by UPDATE ... WHERE version = seen.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["task_id", "id"]
        indexes = [models.Index(fields=["state", "escalate_on"], name="notice_escalation_idx")]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")

    def __str__(self) -> str:
        return self.number


class StepAction(models.TextChoices):
    ISSUE = "issue", _("下发")
    REPLY = "reply", _("回复")
    ESCALATE = "escalate", _("升级")
    CLOSE = "close", _("办结")


class NoticeStep(AuditedModel):
    """One rung of the ladder: what happened to a notice, at which level, by whom."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("环节"), max_length=10, choices=StepAction.choices)
    level = models.PositiveSmallIntegerField(_("督办级别"), choices=Level.choices)
    number = models.CharField(_("发文字号"), max_length=60, blank=True)
    on = models.DateField(_("日期"))
    text = models.TextField(_("内容"), blank=True)
    rectify_due = models.DateField(_("整改期限"), null=True, blank=True)
    actor_name = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["notice_id", "id"]
        verbose_name = _("督办环节")
        verbose_name_plural = _("督办环节")


class NoticeEvidence(AuditedModel):
    """A file the unit sends with its reply (整改佐证材料)."""

    step = models.ForeignKey(NoticeStep, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="notices/%Y/%m/")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["step_id", "id"]
        verbose_name = _("整改佐证材料")
        verbose_name_plural = _("整改佐证材料")


class EscalationRule(AuditedModel):
    """The office's schedule for one level: how long an unanswered notice waits, what the next allows."""

    level = models.PositiveSmallIntegerField(_("督办级别"), choices=Level.choices, unique=True)
    wait_days = models.PositiveSmallIntegerField(_("逾期未复升级天数"))
    reply_days = models.PositiveSmallIntegerField(_("升级后整改天数"))

    class Meta:
        ordering = ["level"]
        verbose_name = _("升级规则")
        verbose_name_plural = _("升级规则")


class NumberSequence(AuditedModel):
    """The last serial number used per prefix and year (督办〔2016〕7号)."""

    prefix = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="number_sequence_unique")]
        verbose_name = _("发文字号序列")
        verbose_name_plural = _("发文字号序列")


class TaskNote(AuditedModel):
    """The 备注 column of the ledger: the office's own note on a task."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="ledger_note")
    text = models.TextField(_("备注"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("台账备注")
        verbose_name_plural = _("台账备注")


class BulletinState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已印发")


class Bulletin(AuditedModel):
    """A periodic 通报. A draft is edited freely; issuing freezes its text, data and file."""

    period = models.CharField(_("期间"), max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    as_of = models.DateField(_("统计截止日期"))
    title = models.TextField(_("标题"))
    number = models.CharField(_("发文字号"), max_length=60, blank=True)
    body = models.TextField(_("正文"), blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=BulletinState.choices, default=BulletinState.DRAFT)
    data = models.JSONField(_("统计数据"), default=dict)
    document = models.BinaryField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period_start", "id"]
        verbose_name = _("通报")
        verbose_name_plural = _("通报")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            stored = Bulletin.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored == BulletinState.ISSUED:
                raise PermissionError("an issued bulletin is immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if Bulletin.objects.filter(pk=self.pk, state=BulletinState.ISSUED).exists():
            raise PermissionError("an issued bulletin is immutable")
        return super().delete(*args, **kwargs)


class AssessmentScheme(AuditedModel):
    """One year's 目标绩效考核 scheme: component weights, 督办 deductions, bonuses, expert share."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    weight_on_time = models.DecimalField(_("按期完成权重"), max_digits=5, decimal_places=2, default=40)
    weight_targets = models.DecimalField(_("指标完成权重"), max_digits=5, decimal_places=2, default=20)
    weight_punctuality = models.DecimalField(_("按时报送权重"), max_digits=5, decimal_places=2, default=15)
    weight_quality = models.DecimalField(_("报送质量权重"), max_digits=5, decimal_places=2, default=15)
    weight_notices = models.DecimalField(_("督办情况权重"), max_digits=5, decimal_places=2, default=10)
    # Points taken off the 督办 component per notice received, by level ({"1": 5, ...}).
    notice_points = models.JSONField(_("督办扣分标准"), default=dict)
    deduction_cap = models.DecimalField(_("扣分上限"), max_digits=5, decimal_places=2, default=10)
    bonus_cap = models.DecimalField(_("加分上限"), max_digits=5, decimal_places=2, default=5)
    expert_share = models.DecimalField(_("第三方测评占比"), max_digits=4, decimal_places=3, default=0)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    results = models.JSONField(_("考核结果"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and AssessmentScheme.objects.filter(pk=self.pk, closed_at__isnull=False).exists():
            raise PermissionError("a closed year's assessment is frozen")
        super().save(*args, **kwargs)


class _FrozenWithScheme(AuditedModel):
    """Rows of a closed year cannot be written (the results were computed from them)."""

    class Meta:
        abstract = True

    def _check_open(self) -> None:
        if AssessmentScheme.objects.filter(pk=self.scheme_id, closed_at__isnull=False).exists():  # type: ignore[attr-defined]
            raise PermissionError("a closed year's assessment is frozen")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._check_open()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._check_open()
        return super().delete(*args, **kwargs)


class Adjustment(_FrozenWithScheme):
    """A deduction (negative) or bonus (positive) for a unit in a year, with its reason."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="adjustments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(max_digits=5, decimal_places=2)
    reason = models.TextField()

    class Meta:
        ordering = ["scheme_id", "unit_id", "id"]
        verbose_name = _("加减分")
        verbose_name_plural = _("加减分")


class ExpertScore(_FrozenWithScheme):
    """A third-party evaluator's score (第三方测评, 0–100) of a unit for a year."""

    scheme = models.ForeignKey(AssessmentScheme, on_delete=models.CASCADE, related_name="expert_scores")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "unit", "expert"], name="expert_score_once")]
        verbose_name = _("第三方测评分")
        verbose_name_plural = _("第三方测评分")


class Message(AuditedModel):
    """An item of a user's inbox in the application (also sent by e-mail when the user has one).

    ``key`` names the event (``notice:7:level:2``, ``cycle:3:unit:5:days:7``): a user gets one
    message per key, so a reminder job that runs twice, or on two workers, never repeats itself.
    Audited like the work itself: that a unit was told of a 督办 and when its reporter read it is
    part of the record of the 督办.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox")
    key = models.CharField(max_length=120)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="message_once_per_key")]
        indexes = [models.Index(fields=["user", "read_at"], name="message_inbox_idx")]
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")


# --- the leaders' dashboard summary (recomputed by ``dashboard.refresh``) ----------------------


class DashboardRefresh(models.Model):
    """One recomputation of the dashboard's summary tables, as of a day (the latest one is shown).

    The summary rows below are replaced together with a new row here, in one transaction, so
    a page reads either the previous summary or the new one, never half of each.
    """

    as_of = models.DateField(_("统计日期"))
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"))
    seconds = models.FloatField(_("用时（秒）"))
    documents = models.PositiveIntegerField(default=0)
    units = models.PositiveIntegerField(default=0)
    targets = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-finished_at", "-id"]
        verbose_name = _("驾驶舱统计")
        verbose_name_plural = _("驾驶舱统计")


class SummaryScope(models.TextChoices):
    TOTAL = "total", _("合计")
    DOCUMENT = "document", _("文件")
    UNIT = "unit", _("单位")


class StatusSummary(models.Model):
    """Active tasks per status: of the whole registry, of one document, of one unit."""

    scope = models.CharField(max_length=10, choices=SummaryScope.choices)
    ref = models.BigIntegerField(null=True)  # the document's or unit's id; NULL for the total
    name = models.TextField(blank=True)
    total = models.PositiveIntegerField(default=0)
    not_started = models.PositiveIntegerField(default=0)
    in_progress = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    at_risk = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["scope", "-total", "ref"], name="dash_status_top_idx")]


class PunctualitySummary(models.Model):
    """Reports a unit owed in a cycle and how they stand as of the refresh (unit NULL: all units)."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, related_name="+")
    owed = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    missing = models.PositiveIntegerField(default=0)
    pending = models.PositiveIntegerField(default=0)
    behind = models.PositiveIntegerField(default=0)  # late + missing: the order of the dashboard's list

    class Meta:
        indexes = [models.Index(fields=["cycle", "-behind", "unit"], name="dash_punct_top_idx")]


class TargetSummary(models.Model):
    """A target's attainment as of the refresh, with the last observations for its trajectory."""

    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    indicator = models.TextField()
    unit_text = models.CharField(max_length=20, blank=True)
    deadline = models.DateField(null=True)
    goal = models.FloatField(null=True)
    latest = models.FloatField(null=True)
    latest_as_of = models.DateField(null=True)
    attainment = models.FloatField(null=True)
    on_track = models.BooleanField(null=True)
    state = models.CharField(max_length=12)  # attained / on_track / off_track / unknown
    points = models.JSONField(default=list)  # [[iso date, value], …], oldest first

    class Meta:
        indexes = [models.Index(fields=["state", "attainment", "target"], name="dash_target_state_idx")]


class DashboardLock(models.Model):
    """The one row every refresh locks first, so two refreshes take turns even the first time.

    Locking the previous refresh's row serialised the later refreshes only: before the first
    there is no row to lock, and two first refreshes would both write a summary. Migration 0003
    creates this row; ``dashboard.refresh`` re-creates it if a flush emptied the table.
    """

    id = models.PositiveSmallIntegerField(primary_key=True)

    class Meta:
        verbose_name = _("驾驶舱统计锁")
        verbose_name_plural = _("驾驶舱统计锁")


class PunctualityEntry(models.Model):
    """One report a unit owed in a closed cycle, with its outcome as the cycle's snapshot froze it.

    A closed cycle's punctuality is what its snapshot recorded at closing (``cycles.close``), not
    the live rules applied later: the dashboard's counts for it and the list behind each count
    are both read from these rows, built from the snapshot (``dashboard.closed_entries``).
    """

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=10)  # on_time / late / missing (nothing is pending once closed)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "task", "unit"], name="punctuality_entry_once")]
        indexes = [models.Index(fields=["cycle", "unit", "outcome"], name="punct_entry_unit_idx")]
