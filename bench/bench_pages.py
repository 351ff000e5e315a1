"""Office pages benchmark: server time of the task list, unit docket and task page at 1/100 and full size.

Why this shape: the pages a supervisor and a unit reporter open all day must stay
fast as the registry grows to national size, so the same pages are timed on the
registry benchmark's two synthetic registries (``bench_registry.py``: 1/100 and
100,000 documents, 1,000,000 tasks, 10,000 units, 4 reporting cycles), loaded by
its loader into the same databases (``<name>_bench_small`` / ``_full``, so a
``--keep`` run of either benchmark serves the other with ``--reuse``). Goal: every
page's p95 grows at most 2× from 1/100 to full size, and its p50 stays under 50 ms
at full size on PostgreSQL.

Timing: the real views, middleware, session and templates, through Django's test
client logged in (``force_login``) as a supervisor and as unit reporters, with
``DEBUG`` off, in one long-lived timing process per size; the driver alternates the
two sizes call by call (``bench_registry.time_interleaved``), so the ratio is
measured in one run under the same machine load. Each page's number of SQL
statements per call is counted too (it must not grow with the size), and the timing
process's CPU time per call (p50): the server code's own cost, which a loaded machine
does not inflate the way it does the wall time. Pages:

- task list: the supervisor's first page (no filter), a later page (offset), the
  filtered list (unit + status + deadline range), one status over all units, one
  document, a text search; a reporter's own list, and filtered by status;
- unit docket: any unit's docket for the supervisor, a reporter's own docket;
- task page: any task for the supervisor (with its audit trail), one of the
  reporter's unit's tasks for the reporter.

The synthetic tasks have no source span and the documents no stored revision, so
the task page's "source text" block (one revision's contract, read per document)
is not part of these figures.

Usage (needs a PostgreSQL role allowed to create databases):
    export DATABASE_URL="$(bash scripts/start-postgres.sh | tail -n 1)"
    .venv/bin/python bench/bench_pages.py [--scale 1.0] [--small 0.01] [--samples 100] [--explain] [--keep] [--reuse]
Not part of the test suite (it takes from minutes to most of an hour).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_registry as registry  # the shared loader and driver, next to this file

ONLY_ENV = "BENCH_PAGES_ONLY"  # how --only reaches the timing processes
REPORTERS = 20  # unit reporters, each of a different unit, taking turns sample by sample


def _ok(response: Any, path: str) -> bytes:
    if response.status_code != 200:
        raise SystemExit(f"bench_pages: GET {path} answered {response.status_code}: {response.content[:300]!r}")
    return response.content


def _pages(n: dict[str, int], total: int) -> dict[str, Callable[[int], Any]]:
    """The measured page calls, each taking the sample number; parameters drawn for this size."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from luoshi_web.registry import clock
    from luoshi_web.registry.models import Profile, Role, TaskUnit
    from luoshi_web.registry.status import STATUSES

    users = get_user_model()
    rng = random.Random(20261201)
    today = clock.today()

    supervisor = Client()
    supervisor.force_login(users.objects.get(username="bench"))
    reporter_units = rng.sample(range(1, n["units"] + 1), min(REPORTERS, n["units"]))
    reporters = []
    own_tasks = []
    for unit_id in reporter_units:
        user, created = users.objects.get_or_create(username=f"bench_reporter_{unit_id}")
        if created:
            Profile.objects.create(user=user, role=Role.REPORTER, unit_id=unit_id)
        client = Client()
        client.force_login(user)
        reporters.append(client)
        own_tasks.append(sorted(TaskUnit.objects.filter(unit_id=unit_id).values_list("task_id", flat=True)))

    units = [rng.randint(1, n["units"]) for _ in range(total)]
    documents = [rng.randint(1, n["documents"]) for _ in range(total)]
    task_ids = [rng.randint(1, n["tasks"]) for _ in range(total)]
    windows = [today + timedelta(days=rng.randint(-registry.DEADLINE_SPREAD_DAYS, 0)) for _ in range(total)]
    # drawn, not rotated: a page slow enough to run one round in k (--budget) would otherwise
    # sample only the statuses at multiples of k
    statuses = [rng.choice(STATUSES) for _ in range(total)]
    offsets = [50 * rng.randint(1, 9) for _ in range(total)]
    # Task texts read '推进第<g>项任务落实…': a number picks out a few tasks, as a search would.
    words = [f"第{rng.randint(1, n['tasks'])}项" for _ in range(total)]
    reporter_tasks = [rng.choice(own_tasks[i % len(reporters)]) for i in range(total)]

    def get(client: Client, path: str) -> bytes:
        return _ok(client.get(path), path)

    def reporter(i: int) -> Client:
        return reporters[i % len(reporters)]

    pages = {
        "list, first page": lambda i: get(supervisor, "/tasks/"),
        "list, later page": lambda i: get(supervisor, f"/tasks/?offset={offsets[i]}"),
        "list, filtered": lambda i: get(
            supervisor,
            f"/tasks/?unit={units[i]}&status=overdue&deadline_from={windows[i]}"
            f"&deadline_to={windows[i] + timedelta(days=365)}",
        ),
        "list, by status": lambda i: get(supervisor, f"/tasks/?status={statuses[i]}"),
        "list, by document": lambda i: get(supervisor, f"/tasks/?document={documents[i]}"),
        "list, text search": lambda i: get(supervisor, f"/tasks/?q={words[i]}"),
        "list, reporter": lambda i: get(reporter(i), "/tasks/"),
        "list, reporter+status": lambda i: get(reporter(i), f"/tasks/?status={statuses[i]}"),
        "docket, supervisor": lambda i: get(supervisor, f"/docket/{units[i]}/"),
        "docket, reporter": lambda i: get(reporter(i), "/docket/"),
        "task page, supervisor": lambda i: get(supervisor, f"/tasks/{task_ids[i]}/"),
        "task page, reporter": lambda i: get(reporter(i), f"/tasks/{reporter_tasks[i]}/"),
    }
    only = [word for word in os.environ.get(ONLY_ENV, "").split(",") if word]
    return {name: call for name, call in pages.items() if not only or any(name.startswith(w) for w in only)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    registry.add_arguments(parser, samples=100)
    parser.add_argument(
        "--budget", type=float, default=120, help="seconds per page and size; slower pages get fewer samples"
    )
    parser.add_argument("--only", default="", help="comma-separated page name prefixes, e.g. 'docket,task page'")
    args = parser.parse_args()
    if args.only:
        os.environ[ONLY_ENV] = args.only
    if args.serve is not None:
        registry.serve_child(args.serve, _pages)
        return 0
    base = registry.base_url("bench_pages")
    if base is None:
        return 2
    urls = registry.database_urls(base)
    try:
        loads = registry.prepare(base, urls, {"small": args.small, "full": args.scale}, args.reuse)
        if loads is None:
            return 1
        cpu: dict[str, dict[str, list[float]]] = {}
        times, statements = registry.time_interleaved(
            urls, args.samples, args.explain, script=__file__, budget=args.budget, cpu=cpu
        )
    finally:
        if not args.keep:
            registry.drop(base, urls)
    worst = registry.print_report(loads, times, statements, width=24, cpu=cpu)
    slow = [q for q, t in times["full"].items() if registry._percentile(t, 0.5) >= 50]
    print(f"full-size p50 ≥ 50 ms: {', '.join(slow) if slow else 'none'} (goal: none)")
    return 0 if worst <= 2 and not slow else 1


if __name__ == "__main__":
    sys.exit(main())
