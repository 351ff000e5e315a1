# ruff: noqa: RUF012  (a migration: Django reads these class attributes)
"""The partial index of the tasks that can be at risk, by published flag and deadline (see
Task.Meta.indexes): a reporter's "at risk" list reads one range of it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0010_task_document_published"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                condition=models.Q(
                    ("progress_verified", False),
                    models.Q(("latest_percent__isnull", True), ("latest_percent__lt", 80), _connector="OR"),
                ),
                fields=["document_published", "due", "id"],
                name="task_at_risk_idx",
            ),
        ),
    ]
