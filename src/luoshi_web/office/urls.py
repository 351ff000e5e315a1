"""The office pages. Login, logout and password change are Django's auth views (so login
throttling and password validators apply), with the office's templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from luoshi_web.office import (
    reporting,
    targets,
    tasks,
    views,
    views_cycles,
    views_documents,
    views_import,
    views_subtasks,
    views_units,
)

app_name = "office"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="office/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="office/password_change.html", success_url=reverse_lazy("office:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="office/password_change_done.html"),
        name="password_change_done",
    ),
    path("tasks/", tasks.task_list, name="tasks"),
    path("tasks/<int:task_id>/", tasks.task_detail, name="task"),
    path("tasks/<int:task_id>/report/", reporting.report_form, name="report_form"),
    path("docket/", tasks.docket, name="docket"),
    path("docket/<int:unit_id>/", tasks.docket, name="unit_docket"),
    path("reports/<int:report_id>/", reporting.report_detail, name="report"),
    path("reports/<int:report_id>/review/", reporting.review, name="review"),
    path("evidence/<int:evidence_id>/", tasks.evidence_download, name="evidence"),
    path("targets/", targets.target_list, name="targets"),
    path("targets/<int:target_id>/", targets.target_detail, name="target"),
    # documents and corrections (views_documents)
    path("documents/", views_documents.document_list, name="documents"),
    path("documents/<int:document_id>/", views_documents.document_detail, name="document"),
    path("documents/<int:document_id>/correct/", views_documents.correct, name="document_correct"),
    path("documents/<int:document_id>/corrected.json", views_documents.document_export, name="document_export"),
    # import (views_import)
    path("import/", views_import.import_upload, name="import"),
    path("import/<str:token>/", views_import.import_preview_page, name="import_preview"),
    path("import/<str:token>/unit/", views_import.import_unit, name="import_unit"),
    path("import/<str:token>/confirm/", views_import.import_confirm, name="import_confirm"),
    # cycles (views_cycles)
    path("cycles/", views_cycles.cycle_list, name="cycles"),
    path("cycles/<int:cycle_id>/", views_cycles.cycle_detail, name="cycle"),
    path("cycles/<int:cycle_id>/close/", views_cycles.cycle_close, name="cycle_close"),
    # units and people (views_units)
    path("units/", views_units.unit_list, name="units"),
    path("units/action/", views_units.unit_action, name="unit_action"),
    path("people/", views_units.people_page, name="people"),
    path("tasks/<int:task_id>/evaluate/", views_units.evaluate, name="evaluate"),
    # sub-tasks with named people (views_subtasks)
    path("tasks/<int:task_id>/subtasks/new/", views_subtasks.subtask_new, name="subtask_new"),
    path("subtasks/<int:task_id>/edit/", views_subtasks.subtask_edit, name="subtask_edit"),
    path("subtasks/<int:task_id>/remove/", views_subtasks.subtask_remove, name="subtask_remove"),
]

# supervision: notices, leaders' dashboard, ledger, bulletins, assessment (views_supervision)
from luoshi_web.office import views_supervision as sv  # noqa: E402

urlpatterns += [
    path("notices/", sv.notice_list, name="notices"),
    path("notices/<int:notice_id>/", sv.notice_detail, name="notice"),
    path("notices/<int:notice_id>/reply/", sv.notice_reply, name="notice_reply"),
    path("notices/<int:notice_id>/close/", sv.notice_close, name="notice_close"),
    path("notices/<int:notice_id>/escalate/", sv.notice_escalate, name="notice_escalate"),
    path("notices/<int:notice_id>/document.docx", sv.notice_document, name="notice_document"),
    path("notice-evidence/<int:evidence_id>/", sv.notice_evidence, name="notice_evidence"),
    path("tasks/<int:task_id>/notice/", sv.notice_issue, name="notice_issue"),
    path("dashboard/", sv.leader_dashboard, name="dashboard"),
    path("dashboard/refresh/", sv.dashboard_refresh, name="dashboard_refresh"),
    path("dashboard/punctuality/<int:cycle_id>/", sv.dashboard_punctuality, name="dashboard_punctuality"),
    path("dashboard/targets/", sv.dashboard_targets, name="dashboard_targets"),
    path("ledger.xlsx", sv.ledger_export, name="ledger_export"),
    path("ledger/import/", sv.ledger_import, name="ledger_import"),
    path("ledger/import/<str:token>/", sv.ledger_apply, name="ledger_apply"),
    path("bulletins/", sv.bulletin_list, name="bulletins"),
    path("bulletins/<int:bulletin_id>/", sv.bulletin_detail, name="bulletin"),
    path("bulletins/<int:bulletin_id>/document.docx", sv.bulletin_download, name="bulletin_download"),
    path("assessment/", sv.assessment_page, name="assessment"),
    path("assessment/<int:year>/", sv.assessment_page, name="assessment_year"),
    path("assessment/<int:year>/close/", sv.assessment_close, name="assessment_close"),
    path("assessment/<int:year>/results.<str:kind>", sv.assessment_download, name="assessment_download"),
]
urlpatterns += [
    path("inbox/", sv.inbox_page, name="inbox"),
    path("inbox/<int:message_id>/read/", sv.inbox_read, name="inbox_read"),
    path("inbox/read-all/", sv.inbox_read_all, name="inbox_read_all"),
]

# the office's escalation schedule (views_escalation)
from luoshi_web.office import views_escalation  # noqa: E402

urlpatterns += [path("supervision/escalation/", views_escalation.escalation_rules, name="escalation")]

# the year's assessment scheme, adjustments and third-party scores (views_assessment_config)
from luoshi_web.office import views_assessment_config as ac  # noqa: E402

urlpatterns += [
    path("assessment/<int:year>/scheme/", ac.scheme_page, name="assessment_scheme"),
    path("assessment/<int:year>/adjust/", ac.adjust, name="assessment_adjust"),
    path("assessment/<int:year>/expert-score/", ac.expert_score, name="assessment_expert_score"),
]

# an expert's own third-party scores (views_expert_scores)
from luoshi_web.office import views_expert_scores  # noqa: E402

urlpatterns += [path("assessment/<int:year>/my-scores/", views_expert_scores.my_scores, name="my_expert_scores")]

# the signed-in person's API tokens (views_tokens)
from luoshi_web.office import views_tokens  # noqa: E402

urlpatterns += [path("tokens/", views_tokens.token_page, name="tokens")]
