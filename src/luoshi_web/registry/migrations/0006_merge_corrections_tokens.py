# ruff: noqa: RUF012  (a migration's class attributes are lists by design)
# Joins the two branches' migrations (0004 corrections from web-docs, 0005 tokens from web-api),
# both made from 0003; the lead may replace this when chaining them on main.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_corrections"),
        ("registry", "0005_token_lifecycle_chinese_labels"),
    ]

    operations = []
