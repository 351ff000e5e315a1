# ruff: noqa: RUF012  (a migration's class attributes are lists by design)
"""A trigram index on the task text (the task list's text search) and a 发文字号 index, on PostgreSQL.

The task list's keyword filter is ``text__contains`` (``LIKE '%…%'``), which a
B-tree cannot serve: at national size (1,000,000 tasks) it read the whole task
table on every search. A GIN index with ``gin_trgm_ops`` (the ``pg_trgm``
extension, trusted since PostgreSQL 13, so the database owner may create it)
answers ``LIKE '%…%'`` for any pattern of three characters or more; a shorter
pattern has no trigram and the planner falls back to the plain scan.

The same migration indexes ``registry_document.doc_number`` (B-tree): the task list's
document filter takes a typed 发文字号 (``doc_number = …``), which read all 100,000
documents (42 ms) at national size without it.

PostgreSQL only, and kept out of the models' state: SQLite has neither the
extension nor GIN, and its small registries do not need them, so there the
migration does nothing. The extension is left in place on reversal (other
objects may use it); the indexes are dropped.
"""

from django.db import migrations

INDEX = "task_text_trgm_idx"
DOC_NUMBER_INDEX = "document_doc_number_idx"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("registry", "Task")._meta.db_table)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin (text gin_trgm_ops)")
    documents = schema_editor.quote_name(apps.get_model("registry", "Document")._meta.db_table)
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {DOC_NUMBER_INDEX} ON {documents} (doc_number)")


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {DOC_NUMBER_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_merge_corrections_tokens")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
