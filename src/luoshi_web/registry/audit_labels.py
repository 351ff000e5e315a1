"""Audit actions in words: the one table the admin, the API and the pages show.

``AuditLog.action`` stores a stable code (``report.accept``, ``create`` ...); people
read :func:`label` (接受报告 …, English through the locale). A code that is not in
the table (a new action, or one written by an older version) is shown as it is
rather than hidden. Add a row here when you add an action.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    # generic writes captured by the model signals
    "create": _("新建"),
    "update": _("修改"),
    "delete": _("删除"),
    # documents and imports
    "import": _("导入文件"),
    "document.publish": _("公开文件"),
    "document.unpublish": _("取消公开文件"),
    "observation.add": _("录入监测值"),
    # tasks
    "task.edit": _("修改任务"),
    "task.subtask": _("分解子任务"),
    "task.subtask_edit": _("修改子任务的责任人和时限"),
    "task.subtask_remove": _("撤销子任务"),
    "task.assign_reviewer": _("分配评审专家"),
    "task.evaluate": _("专家评审"),
    # the office's corrections of the extraction (registry/corrections.py)
    "correction.task_add": _("更正：设为任务"),
    "correction.task_units": _("更正：修改责任单位"),
    "correction.task_reject": _("更正：否决任务"),
    "correction.target_add": _("更正：补标指标"),
    "correction.target_reject": _("更正：否决指标"),
    "correction.target_link": _("更正：指标关联任务和单位"),
    "correction.reapply": _("更正：在新版本中重新应用"),
    "unit.link": _("关联单位名称"),
    "unit.create": _("新建单位"),
    "account.create": _("新建账号"),
    # cycles and reports
    "cycle.open": _("开启填报周期"),
    "cycle.close": _("关闭填报周期"),
    "report.save": _("保存报告"),
    "report.submit": _("报送报告"),
    "report.accept": _("接受报告"),
    "report.return": _("退回报告"),
    "evidence.upload": _("上传佐证材料"),
    # supervision (督查督办: supervision/)
    "notice.issue": _("下发督办"),
    "notice.reply": _("回复督办"),
    "notice.close": _("办结督办"),
    "notice.escalate": _("升级督办"),
    "escalation.rule": _("修改升级规则"),
    "ledger.import": _("导入台账"),
    "bulletin.draft": _("起草通报"),
    "bulletin.edit": _("修改通报"),
    "bulletin.issue": _("印发通报"),
    "assessment.expert_score": _("录入第三方测评分"),
    "assessment.adjust": _("录入考核加减分"),
    "assessment.scheme": _("修改考核方案"),
    "assessment.close": _("关闭年度考核"),
    # tokens
    "token.issue": _("签发 API 令牌"),
    "token.revoke": _("吊销 API 令牌"),
    "token.revoke_all": _("改密码后吊销全部令牌"),
}


def label(action: str) -> str:
    """The action's words in the current language; the code itself if the table has none."""
    words = ACTION_LABELS.get(action)
    return str(words) if words is not None else action


def choices() -> list[tuple[str, str]]:
    """``(code, label)`` pairs, e.g. for a filter's select box."""
    return [(code, str(words)) for code, words in ACTION_LABELS.items()]
