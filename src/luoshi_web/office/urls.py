"""The office pages. Login, logout and password change are Django's auth views (so login
throttling and password validators apply), with the office's templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from luoshi_web.office import reporting, targets, tasks, views, views_cycles, views_documents, views_import, views_units

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
]
