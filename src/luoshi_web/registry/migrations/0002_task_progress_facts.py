# ruff: noqa: RUF012  (Django migration classes list their operations as class attributes)
"""Store each task's progress facts (see registry/progress.py) and fill them from existing reports."""

from django.db import migrations, models

from luoshi_web.registry.progress import fact_expressions


def fill_facts(apps, schema_editor):  # type: ignore[no-untyped-def]
    Task = apps.get_model("registry", "Task")
    Task.objects.update(
        **fact_expressions(apps.get_model("registry", "Report"), apps.get_model("registry", "Evidence"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="latest_percent",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name="最新完成比例"),
        ),
        migrations.AddField(
            model_name="task",
            name="progress_reported",
            field=models.BooleanField(default=False, editable=False, verbose_name="已报送进展"),
        ),
        migrations.AddField(
            model_name="task",
            name="progress_verified",
            field=models.BooleanField(default=False, editable=False, verbose_name="已核验销号"),
        ),
        migrations.RunPython(fill_facts, migrations.RunPython.noop),
    ]
