"""Registry benchmark: server time of the main queries at national scale and at 1/100.

Why this shape: the registry must stay fast as a province's registry grows to
national size, so the same queries are timed on two synthetic registries, 1/100
and full size (100,000 documents, 1,000,000 tasks, 10,000 units, 4 reporting
cycles), and the p95 ratio full / small is the figure to watch (goal: ≤ 2).

Loading: rows are generated on the server (``INSERT … SELECT … FROM
generate_series``), one statement per table, so a million tasks take seconds,
not the ORM's half hour. Table and column names come from the models' ``_meta``;
a column the benchmark does not fill gets the field's default (or NULL), and a
new required column without a default stops the run with a clear message, so
the loader follows the schema. As PostgreSQL advises for bulk loads, foreign
keys and secondary indexes are dropped for the inserts and re-created from
their catalogue definitions after them; the tasks' progress facts are written
from the rules that generate the reports and checked on a sample against the
registry's own ``progress.refresh()``; then ``VACUUM ANALYZE``.
The throw-away databases' registry tables are UNLOGGED (see
``_unlog_registry_tables``).

Timing: the real server code, with ``DEBUG`` off (no query log), in one timing
process per size; the driver alternates the two call by call, so a slow spell
of the shared machine hits both sizes alike and the ratio is measured in one run:

- filtered task query: ``filter_tasks`` (unit + status + deadline range) paged and serialised,
- unit docket: ``GET /api/v1/units/{id}/docket``,
- task with history: ``GET /api/v1/tasks/{id}`` (reports per cycle, sub-tasks, evaluations),
- API task list: ``GET /api/v1/tasks?unit=…&status=…`` with a bearer token,
- API list, no filter: ``GET /api/v1/tasks?offset=…`` (the supervisor's first pages),
- API list by status: ``GET /api/v1/tasks?status=…`` (every task in one status, all units);
- the office's pages, as the supervisor in a browser session: task list page
  (``/tasks/?unit=…&status=…``), unit docket page (``/docket/{id}/``) and task page
  (``/tasks/{id}/``: source text, reports by cycle, evaluations, audit trail), whole HTML.

Usage (needs a PostgreSQL role allowed to create databases):
    export DATABASE_URL="$(bash scripts/start-postgres.sh | tail -n 1)"
    .venv/bin/python bench/bench_registry.py [--scale 1.0] [--small 0.01] [--samples 200] [--explain]
Each size gets its own database (``<name>_bench_small`` / ``_full``), dropped at the end unless
--keep; ``--reuse`` times the databases a ``--keep`` run left without loading them again
(pending migrations are applied to them first; if one cannot be, that size is loaded again).
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlparse, urlunparse

# National scale; a run loads this times --scale and times --small.
FULL = {"documents": 100_000, "tasks": 1_000_000, "units": 10_000}
CYCLES = 4
# Deadlines spread evenly from two years ago to two years ahead of today, so
# every status (overdue, at risk, in progress, not started) occurs.
DEADLINE_SPREAD_DAYS = 730
# Which tasks have what (by task number g): every 2nd reports in each cycle
# (lead unit), every 4th also has a contribution from its co-responsible unit in
# the open cycle, every 20th was closed (accepted final report with evidence),
# every 50th was dropped by a revision (inactive).
REPORTED_EVERY, CONTRIBUTION_EVERY, COMPLETED_EVERY, INACTIVE_EVERY = 2, 4, 20, 50
WARMUP = 20


def _db_url(base: str, name: str) -> str:
    return urlunparse(urlparse(base)._replace(path="/" + name))


def _admin(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql)


def _percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported time was really observed)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _sizes(scale: float) -> dict[str, int]:
    return {k: max(10, int(v * scale)) for k, v in FULL.items()}


# --------------------------------------------------------------------------- loading


def _insert_generated(cursor: Any, model: Any, values: dict[str, str], source: str) -> int:
    """``INSERT INTO <model table> (…) SELECT <values> FROM <source>``; returns the row count.

    ``values`` maps field names to SQL expressions (no parameters in them).
    Every other concrete field gets its default (``""`` for a blank text field),
    ``now()`` for auto_now fields, or NULL when nullable; a required field with none of these is an error.
    """
    from django.db import connection

    columns: list[str] = []
    exprs: list[str] = []
    params: list[Any] = []
    unknown = set(values) - {f.name for f in model._meta.concrete_fields}
    if unknown:
        raise SystemExit(f"bench_registry: {model.__name__} has no field(s) {sorted(unknown)}; update the loader")
    for field in model._meta.concrete_fields:
        if field.name in values:
            expr = values[field.name]
        elif field.primary_key or getattr(field, "generated", False):
            continue
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            expr = "now()"
        elif field.has_default() or (field.blank and field.empty_strings_allowed and not field.null):
            expr = "%s"
            params.append(field.get_db_prep_save(field.get_default(), connection))
        elif field.null:
            continue
        else:
            raise SystemExit(
                f"bench_registry: {model.__name__}.{field.name} is required and has no default; add it to the loader"
            )
        columns.append(connection.ops.quote_name(field.column))
        exprs.append(expr)
    table = connection.ops.quote_name(model._meta.db_table)
    began = time.perf_counter()
    cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(exprs)} FROM {source}", params)
    print(f"  {table}: {cursor.rowcount} rows in {time.perf_counter() - began:.1f}s", file=sys.stderr, flush=True)
    return cursor.rowcount


def _quarters(today: date, count: int) -> list[tuple[date, date]]:
    """The quarter containing ``today`` and the ``count - 1`` before it, oldest first."""
    start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    periods = []
    for _ in range(count):
        end_month = start.month + 2
        end = date(start.year, end_month, 1) + timedelta(days=31)
        periods.append((start, date(end.year, end.month, 1) - timedelta(days=1)))
        start = date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)
    return periods[::-1]


def _unlog_registry_tables() -> None:
    """Make the registry's tables UNLOGGED in this throw-away database.

    Why: this shared 2-core machine writes WAL at only ~9,000 indexed rows/s, so
    a logged load of ~5 million rows takes most of an hour. Unlogged tables keep
    every column, index and constraint and are read through the same plans and
    pages; only crash-safety (WAL) is skipped, which a benchmark does not need.
    A logged table may not reference an unlogged one, so the tables of other apps
    that reference the registry's (the supervision app's notices, ledger notes…)
    are switched too, and tables are switched until none is left that can be
    (referencing tables go first).
    """
    from django.db import DatabaseError, connection, transaction

    pending = set(_registry_tables())
    with connection.cursor() as cur:
        while True:  # add every table that references one already pending, until none is new
            cur.execute(
                "SELECT DISTINCT conrelid::regclass::text FROM pg_constraint"
                " WHERE contype = 'f' AND confrelid::regclass::text = ANY(%s)",
                [sorted(pending)],
            )
            referencing = {row[0].strip('"') for row in cur.fetchall()} - pending
            if not referencing:
                break
            pending |= referencing
    while pending:
        done = set()
        for table in sorted(pending):
            try:
                with transaction.atomic(), connection.cursor() as cur:
                    cur.execute(f"ALTER TABLE {connection.ops.quote_name(table)} SET UNLOGGED")
                done.add(table)
            except DatabaseError:
                continue
        if not done:
            raise SystemExit(f"bench_registry: could not make {sorted(pending)} unlogged")
        pending -= done


def _registry_tables() -> list[str]:
    from django.apps import apps

    return sorted(
        model._meta.db_table for model in apps.get_app_config("registry").get_models(include_auto_created=True)
    )


def _drop_for_load(cursor: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """Drop the registry's foreign keys and secondary indexes; returns the SQL that re-creates them.

    PostgreSQL's advice for bulk loads ("Populating a Database"): checking a
    foreign key row by row locks each referenced row, and growing an index one
    entry at a time is far slower than building it once, so both are removed
    for the load and re-created after it, exactly as they were (definitions read
    back from the catalogue). Primary keys and unique constraints stay.
    """
    tables = _registry_tables()
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
        [tables],
    )
    foreign_keys = []
    for table, name, definition in cursor.fetchall():
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        foreign_keys.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    cursor.execute(
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
        " AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
        [tables],
    )
    indexes = []
    for table, name, definition in cursor.fetchall():
        cursor.execute(f'DROP INDEX "{name}"')
        indexes.append((table, definition))
    return foreign_keys, indexes


def _check_facts(tasks: int) -> None:
    """The loader writes each task's progress facts from the same rules that generate its reports
    (recomputing a million tasks row by row would double the load); here the registry's own
    ``progress.refresh`` recomputes a sample of them, and any difference stops the run."""
    from luoshi_web.registry import progress
    from luoshi_web.registry.models import FACT_FIELDS, Task

    fields = ("id", *FACT_FIELDS)
    sample = sorted({1 + (k * 7919) % tasks for k in range(min(tasks, 2000))} | set(range(1, 41)))
    loaded = list(Task.objects.filter(pk__in=sample).order_by("id").values_list(*fields))
    progress.refresh(sample)
    if list(Task.objects.filter(pk__in=sample).order_by("id").values_list(*fields)) != loaded:
        raise SystemExit("bench_registry: the loader's progress facts differ from progress.refresh; update the loader")


def _timed(cursor: Any, what: str, statements: list[str]) -> None:
    began = time.perf_counter()
    for sql in statements:
        cursor.execute(sql)
    print(f"  {len(statements)} {what} in {time.perf_counter() - began:.1f}s", file=sys.stderr, flush=True)


def load(n: dict[str, int], today: date) -> dict[str, int]:
    """Fill an empty, migrated database with the synthetic registry; returns row counts."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from luoshi_web.registry import models as m

    docs, tasks, units = n["documents"], n["tasks"], n["units"]
    # Each task names a lead and a co-responsible unit; stepping by a prime
    # spreads every unit over the same number of tasks (~200) at any scale.
    lead_unit = f"1 + mod(g::bigint * 31, {units})"
    co_unit = f"1 + mod(g::bigint * 31 + 7, {units})"
    counts: dict[str, int] = {}
    _unlog_registry_tables()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL synchronous_commit = off")
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        foreign_keys, indexes = _drop_for_load(cur)
        counts["units"] = _insert_generated(
            cur,
            m.Unit,
            {"id": "g", "name": "'单位' || g", "kind": f"'{m.UnitKind.DEPARTMENT.value}'"},
            f"generate_series(1, {units}) AS g",
        )
        counts["documents"] = _insert_generated(
            cur,
            m.Document,
            {
                "id": "g",
                "key": "'X发〔2024〕' || g || '号'",
                "doc_number": "'X发〔2024〕' || g || '号'",
                "title": "'关于推进第' || g || '项重点工作的通知'",
                "date": f"'{today.isoformat()}'::date - mod(g, 1500)",
                "genre": "'通知'",
                "published": "mod(g, 10) = 0",
            },
            f"generate_series(1, {docs}) AS g",
        )
        counts["tasks"] = _insert_generated(
            cur,
            m.Task,
            {
                "id": "g",
                "document": f"1 + mod(g - 1, {docs})",
                # The copy of its document's published (documents: mod(id, 10) = 0), as Document.save keeps it.
                "document_published": f"mod(1 + mod(g - 1, {docs}), 10) = 0",
                "path": "jsonb_build_array('一', g::text)",
                "path_key": "g::text",
                "text": "'推进第' || g || '项任务落实，按期完成建设目标'",
                "deadline": f"'{today.isoformat()}'::date"
                f" + (mod(g::bigint * 7919, {2 * DEADLINE_SPREAD_DAYS + 1}) - {DEADLINE_SPREAD_DAYS})::int",
                "start_date": f"'{today.isoformat()}'::date - {DEADLINE_SPREAD_DAYS}",
                "active": f"mod(g, {INACTIVE_EVERY}) <> 0",
                # The progress facts the reports below imply (checked against progress.refresh after the load).
                "progress_reported": f"mod(g, {REPORTED_EVERY}) = 0",
                "progress_verified": f"mod(g, {COMPLETED_EVERY}) = 0",
                "latest_percent": f"CASE WHEN mod(g, {REPORTED_EVERY}) <> 0 THEN NULL"
                f" WHEN mod(g, {COMPLETED_EVERY}) = 0 THEN 100 ELSE least(95, {CYCLES} * 20 + mod(g, 20)) END",
            },
            f"generate_series(1, {tasks}) AS g",
        )
        counts["task units"] = _insert_generated(
            cur,
            m.TaskUnit,
            {
                "task": "g",
                "unit": f"CASE p WHEN 0 THEN {lead_unit} ELSE {co_unit} END",
                "name": f"'单位' || CASE p WHEN 0 THEN {lead_unit} ELSE {co_unit} END",
                "role": f"CASE p WHEN 0 THEN '{m.AssignmentRole.LEAD.value}' ELSE '{m.AssignmentRole.CO.value}' END",
                "explicit_lead": "p = 0",
                "position": "p",
            },
            f"generate_series(1, {tasks}) AS g CROSS JOIN generate_series(0, 1) AS p",
        )
        cycle_ids = []
        for i, (start, end) in enumerate(_quarters(today, CYCLES)):
            closed = i < CYCLES - 1
            cycle = m.ReportingCycle.objects.create(
                name=f"{start.year}Q{(start.month - 1) // 3 + 1}",
                period_start=start,
                period_end=end,
                status=m.CycleStatus.CLOSED if closed else m.CycleStatus.OPEN,
            )
            cycle_ids.append(str(cycle.pk))
        final = f"(c = {CYCLES} AND mod(g, {COMPLETED_EVERY}) = 0)"
        counts["reports"] = _insert_generated(
            cur,
            m.Report,
            {
                "task": "g",
                "unit": lead_unit,
                "cycle": f"(ARRAY[{', '.join(cycle_ids)}]::bigint[])[c]",
                "kind": f"'{m.ReportKind.LEAD.value}'",
                "progress": "'第' || c || '季度已完成阶段性工作' || g",
                "percent": f"CASE WHEN {final} THEN 100 ELSE least(95, c * 20 + mod(g, 20)) END",
                "is_final": final,
                "state": f"CASE WHEN c < {CYCLES} OR {final} THEN '{m.ReportState.ACCEPTED.value}'"
                f" ELSE '{m.ReportState.SUBMITTED.value}' END",
                "submitted_at": "now()",
            },
            f"generate_series({REPORTED_EVERY}, {tasks}, {REPORTED_EVERY}) AS g"
            f" CROSS JOIN generate_series(1, {CYCLES}) AS c",
        )
        counts["reports"] += _insert_generated(
            cur,
            m.Report,
            {
                "task": "g",
                "unit": co_unit,
                "cycle": cycle_ids[-1],
                "kind": f"'{m.ReportKind.CONTRIBUTION.value}'",
                "progress": "'配合完成相关工作' || g",
                "state": f"'{m.ReportState.SUBMITTED.value}'",
                "submitted_at": "now()",
            },
            f"generate_series({CONTRIBUTION_EVERY}, {tasks}, {CONTRIBUTION_EVERY}) AS g",
        )
        counts["evidence"] = _insert_generated(
            cur,
            m.Evidence,
            {
                "report": "r.id",
                "file": "'evidence/bench/' || r.id || '.pdf'",
                "original_name": "'验收材料' || r.id || '.pdf'",
                "sha256": "md5(r.id::text) || md5(r.id::text)",
                "size": "1024",
            },
            f"{connection.ops.quote_name(m.Report._meta.db_table)} AS r WHERE r.is_final",
        )
        for sql in connection.ops.sequence_reset_sql(no_style(), [m.Unit, m.Document, m.Task]):
            cur.execute(sql)
        _timed(cur, "indexes", [sql for _table, sql in indexes])
        _timed(cur, "foreign keys", foreign_keys)
        _check_facts(tasks)
    connection.set_autocommit(True)
    with connection.cursor() as cur:
        began = time.perf_counter()
        cur.execute("VACUUM ANALYZE")
        print(f"  vacuum analyze in {time.perf_counter() - began:.1f}s", file=sys.stderr, flush=True)
    return counts


# --------------------------------------------------------------------------- timing


def _explain(call: Callable[[], Any]) -> str:
    """EXPLAIN ANALYZE of the slowest SQL statement one call runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        plan = "\n".join(row[0] for row in cur.fetchall())
    return f"{len(captured.captured_queries)} statements; slowest ({slowest['time']}s):\n{slowest['sql']}\n{plan}"


def statement_count(call: Callable[[], Any]) -> int:
    """How many SQL statements one call runs (must not grow with the registry's size)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def _setup_django() -> None:
    os.environ["LUOSHI_DEBUG"] = "0"  # DEBUG on would log every query (connection.queries)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
    os.environ.setdefault("LUOSHI_ALLOWED_HOSTS", "testserver")
    # The secret key file and any evidence go to a throw-away dir, not the working tree.
    os.environ.setdefault("LUOSHI_DATA_DIR", tempfile.mkdtemp(prefix="luoshi-bench-"))
    import django

    django.setup()
    from django.conf import settings

    assert not settings.DEBUG


def load_child(scale: float) -> dict[str, Any]:
    """Runs inside the size's own (empty) database: migrate and load. Returns sizes, counts, seconds."""
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from luoshi_web.registry import clock
    from luoshi_web.registry.models import Profile, Role

    call_command("migrate", verbosity=0)
    n = _sizes(scale)
    started = time.perf_counter()
    counts = load(n, clock.today())
    load_seconds = time.perf_counter() - started
    user = get_user_model().objects.create_user("bench", password=None)
    Profile.objects.create(user=user, role=Role.SUPERVISOR)
    print(f"  loaded {counts} in {load_seconds:.1f}s", file=sys.stderr, flush=True)
    return {"sizes": n, "counts": counts, "load_seconds": load_seconds}


def migrate_child() -> int:
    """Runs inside a kept database: apply pending migrations (``--reuse``); 1 if one fails.

    A migration that only adds an index or a column applies to the loaded tables as they
    are; one that cannot (a new logged table referencing the unlogged ones, say) fails here,
    and the driver loads the database again.
    """
    _setup_django()
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        call_command("migrate", verbosity=1, stdout=sys.stderr)
    except DatabaseError as exc:
        print(f"bench_registry: migrate failed: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0


def _queries(n: dict[str, int], total: int) -> dict[str, Callable[[int], Any]]:
    """The measured calls, each taking the sample number; parameters drawn for this size."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from luoshi_web.registry import clock, serialize, tokens
    from luoshi_web.registry.api.paging import page
    from luoshi_web.registry.permissions import actor_for
    from luoshi_web.registry.queries import TaskFilter, filter_tasks
    from luoshi_web.registry.status import STATUSES

    user = get_user_model().objects.get(username="bench")
    who = actor_for(user)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {tokens.issue(user, 'bench')}")
    browser = Client()  # the office pages: a signed-in session, as a person uses them
    browser.force_login(user)
    today = clock.today()
    rng = random.Random(20261129)
    units = [rng.randint(1, n["units"]) for _ in range(total)]
    task_ids = [rng.randint(1, n["tasks"]) for _ in range(total)]
    windows = [today + timedelta(days=rng.randint(-DEADLINE_SPREAD_DAYS, 0)) for _ in range(total)]
    statuses = [STATUSES[i % len(STATUSES)] for i in range(total)]
    offsets = [50 * rng.randint(0, 9) for _ in range(total)]

    def ok(response: Any) -> bytes:
        if response.status_code != 200:
            raise SystemExit(f"bench_registry: {response.status_code} {response.content[:300]!r}")
        return response.content

    return {
        "filtered task query": lambda i: json.dumps(
            page(
                filter_tasks(
                    who,
                    TaskFilter(
                        unit=units[i],
                        status="overdue",
                        deadline_from=windows[i],
                        deadline_to=windows[i] + timedelta(days=365),
                    ),
                ),
                50,
                0,
                serialize.task,
            ),
            default=str,
        ),
        "unit docket": lambda i: ok(client.get(f"/api/v1/units/{units[i]}/docket?limit=50")),
        "task with history": lambda i: ok(client.get(f"/api/v1/tasks/{task_ids[i]}")),
        "API task list": lambda i: ok(client.get(f"/api/v1/tasks?unit={units[i]}&status={statuses[i]}&limit=50")),
        "API list, no filter": lambda i: ok(client.get(f"/api/v1/tasks?limit=50&offset={offsets[i]}")),
        "API list by status": lambda i: ok(client.get(f"/api/v1/tasks?status={statuses[i]}&limit=50")),
        "task list page": lambda i: ok(browser.get(f"/tasks/?unit={units[i]}&status={statuses[i]}")),
        "unit docket page": lambda i: ok(browser.get(f"/docket/{units[i]}/")),
        "task page": lambda i: ok(browser.get(f"/tasks/{task_ids[i]}/")),
    }


def serve_child(total: int, calls: Callable[[dict[str, int], int], dict[str, Callable[[int], Any]]] = _queries) -> None:
    """Runs inside a loaded database and times one call per request line from the driver.

    Protocol on stdin/stdout, one line each way: ``<query name>\t<sample>`` →
    milliseconds (wall, then CPU of this process); ``explain\t<query name>`` → the plan on stderr, then ``ok``;
    ``count\t<query name>`` → the number of SQL statements of one call.
    The first reply line is the query names as JSON, once set up. ``calls`` builds
    the measured calls from the sizes found in the database (``bench_pages`` passes its pages).
    """
    _setup_django()
    from luoshi_web.registry.models import Document, Task, Unit

    n = {"tasks": Task.objects.count(), "units": Unit.objects.count(), "documents": Document.objects.count()}
    queries = calls(n, total)
    print(json.dumps(list(queries)), flush=True)
    for line in sys.stdin:
        name, arg = line.rstrip("\n").split("\t")
        if name == "count":
            print(statement_count(functools.partial(queries[arg], 0)), flush=True)
            continue
        if name == "explain":
            print(
                f"--- {arg} ({n['tasks']} tasks): slowest statement\n{_explain(functools.partial(queries[arg], 0))}",
                file=sys.stderr,
            )
            print("ok", flush=True)
            continue
        began, cpu = time.perf_counter(), time.process_time()
        queries[name](int(arg))
        # wall time, then this process's CPU time (what the server code itself costs, without
        # waiting for the database or for a core on a loaded machine)
        print(f"{(time.perf_counter() - began) * 1000:.4f} {(time.process_time() - cpu) * 1000:.4f}", flush=True)


# --------------------------------------------------------------------------- driver


class Server:
    """One serve_child process on one size's database."""

    def __init__(self, url: str, total: int, script: str = __file__) -> None:
        self.process = subprocess.Popen(
            [sys.executable, script, "--serve", str(total)],
            env={**os.environ, "DATABASE_URL": url},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.names: list[str] = json.loads(self._line())

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"bench_registry: the timing process stopped (exit {self.process.wait()})")
        return line

    def ask(self, name: str, arg: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{name}\t{arg}\n")
        self.process.stdin.flush()
        return self._line().strip()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def _database_ready(url: str) -> bool:
    """Whether ``url`` names a database that a previous --keep run loaded completely."""
    import psycopg

    try:
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT 1 FROM auth_user WHERE username = 'bench'").fetchone() is not None
    except psycopg.Error:
        return False


def add_arguments(parser: argparse.ArgumentParser, samples: int = 200) -> None:
    """The options every benchmark on the synthetic registry takes (``bench_pages`` uses them too)."""
    parser.add_argument("--scale", type=float, default=1.0, help="full size as a fraction of national scale")
    parser.add_argument("--small", type=float, default=0.01, help="the comparison size")
    parser.add_argument("--samples", type=int, default=samples, help="timed calls per query and size, after warm-up")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each query's slowest SQL")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    parser.add_argument("--reuse", action="store_true", help="time (and migrate) the databases a --keep run left")
    parser.add_argument("--load", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--migrate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)


def base_url(who: str) -> str | None:
    """The PostgreSQL server URL from DATABASE_URL, or None (with a message) if there is none."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print(f"{who}: set DATABASE_URL to a PostgreSQL server (scripts/start-postgres.sh)", file=sys.stderr)
        return None
    return base


def database_urls(base: str) -> dict[str, str]:
    """``<name>_bench_small`` / ``_full`` next to DATABASE_URL's database (shared by every benchmark)."""
    base_name = urlparse(base).path.lstrip("/") or "luoshi"
    return {label: _db_url(base, f"{base_name}_bench_{label}") for label in ("small", "full")}


def prepare(base: str, urls: dict[str, str], sizes: dict[str, float], reuse: bool) -> dict[str, dict[str, Any]] | None:
    """Create and load each size's database (or reuse a loaded one); returns the loads, None on failure."""
    loads = {}
    for label, scale in sizes.items():
        name = urlparse(urls[label]).path.lstrip("/")
        if reuse and _database_ready(urls[label]):
            # Bring a kept database up to the code's schema (a new index, say) instead of reloading it.
            migrated = subprocess.run(
                [sys.executable, __file__, "--migrate"],
                env={**os.environ, "DATABASE_URL": urls[label]},
                check=False,
            )
            if migrated.returncode == 0:
                print(f"{label}: reusing database {name} (migrations applied)", file=sys.stderr, flush=True)
                continue
            print(f"{label}: could not migrate {name}; loading it again", file=sys.stderr, flush=True)
        _admin(base, f"DROP DATABASE IF EXISTS {name}")
        _admin(base, f"CREATE DATABASE {name}")
        print(f"{label} (scale {scale}) in database {name}", file=sys.stderr, flush=True)
        run = subprocess.run(
            [sys.executable, __file__, "--load", str(scale)],
            env={**os.environ, "DATABASE_URL": urls[label]},
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            return None
        loads[label] = json.loads(run.stdout.strip().splitlines()[-1])
    return loads


def drop(base: str, urls: dict[str, str]) -> None:
    for url in urls.values():
        _admin(base, f"DROP DATABASE IF EXISTS {urlparse(url).path.lstrip('/')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    args = parser.parse_args()
    if args.load is not None:
        print(json.dumps(load_child(args.load)))
        return 0
    if args.migrate:
        return migrate_child()
    if args.serve is not None:
        serve_child(args.serve)
        return 0
    base = base_url("bench_registry")
    if base is None:
        return 2
    urls = database_urls(base)
    try:
        loads = prepare(base, urls, {"small": args.small, "full": args.scale}, args.reuse)
        if loads is None:
            return 1
        results, statements = time_interleaved(urls, args.samples, args.explain)
    finally:
        if not args.keep:
            drop(base, urls)
    print_report(loads, results, statements)
    return 0


def time_interleaved(
    urls: dict[str, str],
    samples: int,
    explain: bool,
    script: str = __file__,
    budget: float | None = None,
    cpu: dict[str, dict[str, list[float]]] | None = None,
) -> tuple[dict[str, dict[str, list[float]]], dict[str, dict[str, int]]]:
    """Time every query on both sizes, alternating call by call, so both see the same machine.
    Returns the times (ms) and the number of SQL statements of one call, by size and query.

    On a shared machine the background load changes from minute to minute; timing
    one size after the other would fold that drift into the ratio. Here each
    sample runs on the small and the full registry back to back (in alternating
    order), so any slow spell hits both.

    ``budget`` (seconds per query and size) keeps a very slow call from taking the
    whole run: after its first call, a query runs only every k-th round (k from
    that call's time, the same rounds on both sizes), so it gets fewer samples —
    the report shows how many. ``cpu``, if given, receives the timing process's CPU
    milliseconds of the same calls (by size and query).
    """
    servers = {label: Server(url, WARMUP + samples, script) for label, url in urls.items()}
    names = servers["full"].names
    times: dict[str, dict[str, list[float]]] = {label: {q: [] for q in names} for label in servers}
    stride = dict.fromkeys(names, 1)
    try:
        statements = {label: {q: int(server.ask("count", q)) for q in names} for label, server in servers.items()}
        began = time.perf_counter()
        for i in range(WARMUP + samples):
            if i % 10 == 0:
                print(
                    f"  sample {i}/{WARMUP + samples} at {time.perf_counter() - began:.0f}s",
                    file=sys.stderr,
                    flush=True,
                )
            order = list(servers) if i % 2 == 0 else list(servers)[::-1]
            for query in names:
                if i % stride[query]:
                    continue
                first = []
                for label in order:
                    wall, cpu_ms = (float(x) for x in servers[label].ask(query, str(i)).split())
                    first.append(wall)
                    if i >= WARMUP:
                        times[label][query].append(wall)
                        if cpu is not None:
                            cpu.setdefault(label, {}).setdefault(query, []).append(cpu_ms)
                if i == 0 and budget:
                    stride[query] = max(1, math.ceil(max(first) * (WARMUP + samples) / (budget * 1000)))
                    if stride[query] > 1:
                        print(f"  {query}: {max(first):.0f} ms a call, one round in {stride[query]}", file=sys.stderr)
        if explain:
            for query in names:
                for label in servers:
                    servers[label].ask("explain", query)
    finally:
        for server in servers.values():
            server.close()
    return times, statements


def print_report(
    loads: dict[str, dict[str, Any]],
    times: dict[str, dict[str, list[float]]],
    statements: dict[str, dict[str, int]] | None = None,
    width: int = 22,
    cpu: dict[str, dict[str, list[float]]] | None = None,
) -> float:
    """The table of p50/p95 per query and size (and SQL statements per call, if counted; and the
    p50 CPU time of the timing process at both sizes, if given); returns the worst ratio."""
    for label, r in loads.items():
        s, c = r["sizes"], r["counts"]
        print(
            f"{label}: {s['documents']} documents, {s['tasks']} tasks, {s['units']} units, {CYCLES} cycles,"
            f" {c['reports']} reports; loaded in {r['load_seconds']:.1f}s"
        )
    samples = len(next(iter(times["full"].values())))
    print(f"server time in ms, {samples} interleaved calls per query and size")
    head = f"{'query':<{width}}{'small p50':>11}{'small p95':>11}{'full p50':>10}{'full p95':>10}{'p95 ratio':>11}"
    head += f"{'n':>5}" + (f"{'SQL small/full':>16}" if statements else "")
    print(head + (f"{'CPU p50 small/full':>20}" if cpu else ""))
    worst = 0.0
    for query in times["full"]:
        small, full = times["small"][query], times["full"][query]
        sp50, sp95, fp50, fp95 = (_percentile(t, q) for t in (small, full) for q in (0.5, 0.95))
        ratio = fp95 / sp95 if sp95 else float("inf")
        worst = max(worst, ratio)
        row = f"{query:<{width}}{sp50:>9.1f}ms{sp95:>9.1f}ms{fp50:>8.1f}ms{fp95:>8.1f}ms{ratio:>10.2f}x{len(full):>5}"
        if statements:
            row += f"{statements['small'][query]:>10}/{statements['full'][query]:<5}"
        if cpu:
            row += f"{_percentile(cpu['small'][query], 0.5):>7.1f}/{_percentile(cpu['full'][query], 0.5):.1f}ms"
        print(row)
    print(f"worst p95 growth: {worst:.2f}x (goal ≤ 2x)")
    return worst


if __name__ == "__main__":
    sys.exit(main())
