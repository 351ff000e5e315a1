# ruff: noqa: RUF012  (a migration's class attributes are lists by design)
# Joins 0007 (the task text's trigram index) and 0008 (a sub-task's person), both made from 0006.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_task_text_trgm"),
        ("registry", "0008_task_assignee_user"),
    ]

    operations = []
