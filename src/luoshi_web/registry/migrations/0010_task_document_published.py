# ruff: noqa: RUF012  (a migration: Django reads these class attributes)
"""Task.document_published: a copy of the document's ``published``, filled from the documents, and
the index of public tasks by status facts and deadline (see Task.Meta.indexes)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Document = apps.get_model("registry", "Document")
    Task = apps.get_model("registry", "Task")
    published = Document.objects.filter(pk=models.OuterRef("document_id")).values("published")[:1]
    # One UPDATE … WHERE id IN (SELECT …) on SQLite and PostgreSQL; the new column is false everywhere.
    Task.objects.filter(document__published=True).update(document_published=models.Subquery(published))


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_merge_trgm_assignee")]

    operations = [
        migrations.AddField(
            model_name="task",
            name="document_published",
            field=models.BooleanField(default=False, editable=False, verbose_name="所属文件已公开"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=["document_published", "progress_verified", "progress_reported", "due", "id"],
                name="task_published_status_idx",
            ),
        ),
    ]
