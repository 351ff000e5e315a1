"""People: accounts for unit reporters and experts, reviewer assignment, expert evaluation.

Each function checks the actor through ``permissions`` and writes with its audit rows in
one transaction. The evaluation scale and criteria are data here, so the form that shows
them and the check that enforces them cannot disagree.
"""

from __future__ import annotations

import re
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from luoshi_web.registry import audit
from luoshi_web.registry.errors import Conflict, Invalid
from luoshi_web.registry.models import Evaluation, Profile, ReviewAssignment, Role, Task, Unit
from luoshi_web.registry.permissions import Actor, require_expert_for, require_manager

# The expert's 1–5 scale (Evaluation.score has a CHECK constraint 1..5), best last.
SCALE = (
    (1, _("差：任务基本未落实")),
    (2, _("较差：落实不到位，问题较多")),
    (3, _("一般：部分落实，尚有差距")),
    (4, _("良好：基本落实，成效明显")),
    (5, _("优秀：全面落实，成效显著，有可推广的经验")),
)
# What the expert weighs before giving the score (shown on the form).
CRITERIA = (
    _("完成度：对照文件要求和完成时限，任务完成了多少"),
    _("成效：可量化的结果，指标是否达到目标值"),
    _("佐证：佐证材料是否真实、充分、与报告一致"),
    _("机制：是否形成长效机制、制度或可推广的做法"),
    _("问题：存在的问题是否清楚，下一步措施是否可行"),
)
ACCOUNT_ROLES = (Role.REPORTER, Role.EXPERT, Role.LEADER, Role.SUPERVISOR)
_USERNAME = re.compile(r"^[\w.@+-]{3,150}$")


def create_account(actor: Actor, username: str, role: str, unit: Unit | None = None) -> tuple[object, str]:
    """A new account with a random password (returned once, never stored in clear)."""
    require_manager(actor)
    username = username.strip()
    if not _USERNAME.match(username):
        raise Invalid(gettext("用户名应为 3–150 个字母、数字或 . @ + - _"))
    if role not in ACCOUNT_ROLES:
        raise Invalid(gettext("角色应为填报单位、评审专家、领导或督查室之一"))
    if role == Role.REPORTER and unit is None:
        raise Invalid(gettext("填报单位的账号须指定所属单位"))
    if role != Role.REPORTER and unit is not None:
        raise Invalid(gettext("只有填报单位的账号属于某个单位"))
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise Conflict(gettext("用户名“%(name)s”已被使用") % {"name": username})
    password = secrets.token_urlsafe(9)
    with transaction.atomic(), audit.acting_as(actor.user, "account.create"):
        user = User.objects.create_user(username=username, password=password)
        Profile.objects.create(user=user, role=role, unit=unit)
    return user, password


def assign_reviewer(actor: Actor, task: Task, expert: object) -> ReviewAssignment:
    require_manager(actor)
    if not Profile.objects.filter(user=expert, role=Role.EXPERT).exists():
        raise Invalid(gettext("只能分配具有评审专家角色的账号"))
    if not task.active:
        raise Conflict(gettext("此任务已停用，不能分配评审"))
    with transaction.atomic(), audit.acting_as(actor.user, "task.assign_reviewer"):
        assignment, _created = ReviewAssignment.objects.get_or_create(task=task, expert=expert)
    return assignment


def evaluate(actor: Actor, task: Task, score: int, opinion: str) -> Evaluation:
    require_expert_for(actor, task)
    if not isinstance(score, int) or isinstance(score, bool) or score not in dict(SCALE):
        raise Invalid(gettext("评分应为 1 到 5 的整数"))
    opinion = opinion.strip()
    if len(opinion) < 10:
        raise Invalid(gettext("请写明评审意见（至少 10 个字）"))
    with transaction.atomic(), audit.acting_as(actor.user, "task.evaluate"):
        return Evaluation.objects.create(task=task, expert=actor.user, score=score, opinion=opinion)
