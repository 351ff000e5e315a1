"""The 督办单 of each level as a .docx in official layout (see ``officialdoc``)."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from luoshi_web.registry.models import AssignmentRole, TaskUnit
from luoshi_web.supervision import conf
from luoshi_web.supervision.models import TOP_LEVEL, Level, Notice, NoticeStep, StepAction
from luoshi_web.supervision.officialdoc import OfficialDocument, chinese_date

# The kind of document each level sends (the second half of the 版头).
DOCUMENT_KIND = {
    Level.REMIND: gettext_lazy("督查提醒函"),
    Level.SUPERVISE: gettext_lazy("督办通知单"),
    Level.CIRCULATE: gettext_lazy("督查通报"),
    Level.INTERVIEW: gettext_lazy("约谈通知书"),
}
DECISION = {
    Level.REMIND: gettext_lazy("现予以提醒"),
    Level.SUPERVISE: gettext_lazy("现列入督办"),
    Level.CIRCULATE: gettext_lazy("现予以通报"),
    Level.INTERVIEW: gettext_lazy("现决定约谈你单位主要负责同志"),
}


def masthead(level: int) -> str:
    return f"{conf.get('LUOSHI_OFFICE_NAME')}{DOCUMENT_KIND[Level(level)]}"


def document_step(notice: Notice, step: NoticeStep | None = None) -> NoticeStep:
    """The step whose document is wanted: by default the latest issue or escalation."""
    if step is not None:
        return step
    return (
        notice.steps.filter(action__in=[StepAction.ISSUE, StepAction.ESCALATE]).order_by("-id").first()
    )  # every notice has its issue step


def notice_docx(notice: Notice, step: NoticeStep | None = None) -> bytes:
    step = document_step(notice, step)
    task = notice.task
    document = task.document
    level = Level(step.level)
    role = TaskUnit.objects.filter(task=task, unit=notice.unit).values_list("role", flat=True).first()
    office = conf.get("LUOSHI_OFFICE_NAME")
    out = OfficialDocument()
    out.masthead(masthead(level))
    out.number_line(step.number)
    source = f"《{document.title}》" + (f"（{document.doc_number}）" if document.doc_number else "")
    out.title(gettext("关于督促落实%(source)s有关任务的%(kind)s") % {"source": source, "kind": DOCUMENT_KIND[level]})
    out.addressee(notice.unit.name)
    deadline = chinese_date(task.deadline) if task.deadline else gettext("未明确")
    out.body(
        gettext("你单位%(role)s的%(source)s第%(path)s项任务“%(text)s”，完成时限为%(deadline)s。")
        % {
            "role": gettext("牵头负责") if role == AssignmentRole.LEAD else gettext("配合落实"),
            "source": source,
            "path": (task.path[0] + "".join(f"（{p}）" for p in task.path[1:])) if task.path else task.path_key,
            "text": task.text,
            "deadline": deadline,
        }
    )
    out.body(gettext("经督查，%(reason)s。") % {"reason": (step.text or notice.reason).rstrip("。")})
    out.body(
        gettext("%(decision)s，请于%(due)s前完成整改，并%(requirement)s。")
        % {
            "decision": DECISION[level],
            "due": chinese_date(step.rectify_due or notice.rectify_due),
            "requirement": notice.requirement.rstrip("。"),
        }
    )
    if level < TOP_LEVEL:
        out.body(gettext("逾期未回复的，将升级为%(next)s。") % {"next": Level(level + 1).label})
    out.signature(office, step.on)
    return out.bytes()
