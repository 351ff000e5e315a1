"""A bounded soak of ``luoshi serve`` (issue 9): mixed reads and writes by every role, one import running.

Loopback only, stops by itself after ``--duration`` seconds. It prepares a throw-away
installation (its own data dir and SQLite file, or the PostgreSQL database ``luoshi_soak``,
dropped and re-created), runs migrate + the demo's seed import and accounts (``demo.build``,
without serving), issues one bearer token per signed-in role, starts ``luoshi serve`` on a
free loopback port and, for the duration, runs ``--clients`` threads:

- supervisor: reviews submitted reports (accept or return with a reason), records
  observations of targets, opens a new reporting cycle when the reporters run out of
  (task, cycle) pairs, reads the audit log and the report lists;
- two reporters of two units: file reports (POST /reports), upload evidence (multipart),
  submit, and edit (PATCH) + resubmit the reports the supervisor returned;
- leader (a session: the office's login form with its CSRF token, then HTML pages) and
  expert (bearer token): task lists, task pages, summaries, cycles, targets;
- anonymous: the public API lists and the public HTML pages;

and, concurrently, one ``luoshi import`` subprocess in a loop on a generated gazette (the
seed repeated ``--import-copies`` times, each copy's document numbers made distinct).

Every answer other than the expected status is an error (listed), as is every exception.
At the end, with the server stopped, a consistency check on the database: every report,
review, observation, evidence and cycle row has its audit row(s); the numbers of rows equal
the client's count of successful writes; every evidence row's file is on disk and every
file on disk has its row. Exit 1 if there is an error or the check fails.

    .venv/bin/python bench/bench_soak.py --db sqlite --duration 60
    .venv/bin/python bench/bench_soak.py --db postgres --duration 1800
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PG_BASE = "postgres://luoshi:luoshi@127.0.0.1:5432/"
PG_DB = "luoshi_soak"
SIGNED_IN = ("supervisor", "leader", "expert", "reporter1", "reporter2")


# --------------------------------------------------------------------------- setup / check (subprocess)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
    import django

    django.setup()


def setup_installation(out: Path) -> None:
    """Inside the installation's environment: migrate, the demo registry, tokens, initial counts."""
    _django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from luoshi_web.registry import clock, tokens
    from luoshi_web.registry.demo import build, default_seed

    call_command("migrate", interactive=False, verbosity=0)
    accounts = build(default_seed(), clock.today())
    User = get_user_model()
    info: dict = {"passwords": {a.username: a.password for a in accounts}, "tokens": {}, "units": {}}
    for name in SIGNED_IN:
        user = User.objects.get(username=name)
        info["tokens"][name] = tokens.issue(user, "soak")
        profile = getattr(user, "profile", None)
        info["units"][name] = getattr(profile, "unit_id", None)
    info["initial"] = counts()
    out.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")


def counts() -> dict[str, int]:
    from luoshi_web.registry.models import AuditLog, Evidence, Observation, Report, ReportingCycle

    return {
        "report": Report.objects.count(),
        "evidence": Evidence.objects.count(),
        "observation": Observation.objects.count(),
        "cycle": ReportingCycle.objects.count(),
        "audit": AuditLog.objects.count(),
    }


def check_installation(written_path: Path, setup_path: Path, out: Path) -> None:
    """Inside the installation's environment: the final consistency check."""
    _django()
    from django.conf import settings

    from luoshi_web.registry.models import AuditLog, Evidence, Observation, Report, ReportingCycle

    written = json.loads(written_path.read_text(encoding="utf-8"))
    initial = json.loads(setup_path.read_text(encoding="utf-8"))["initial"]
    problems: list[str] = []
    now = counts()
    expected = {
        "report": initial["report"] + written["created"]["report"],
        "evidence": initial["evidence"] + written["created"]["evidence"],
        "observation": initial["observation"] + written["created"]["observation"],
        "cycle": initial["cycle"] + written["created"]["cycle"],
    }
    for kind, want in expected.items():
        if now[kind] != want:
            problems.append(f"{kind}: {now[kind]} rows, expected {want} (initial {initial[kind]} + client's writes)")

    audited: dict[str, set[str]] = defaultdict(set)
    per_object: dict[tuple[str, str], int] = defaultdict(int)
    for model, object_id in AuditLog.objects.values_list("model", "object_id").iterator():
        audited[model].add(object_id)
        per_object[(model, object_id)] += 1
    for label, model in (
        ("registry.report", Report),
        ("registry.evidence", Evidence),
        ("registry.observation", Observation),
        ("registry.reportingcycle", ReportingCycle),
    ):
        missing = [pk for pk in model.objects.values_list("pk", flat=True) if str(pk) not in audited[label]]
        if missing:
            problems.append(f"{label}: {len(missing)} rows without an audit row (ids {missing[:10]})")
    # Every successful write on a report (create/edit/submit/accept/return) left an audit row on it.
    short = 0
    for report_id, n_writes in written["report_writes"].items():
        if per_object[("registry.report", str(report_id))] < n_writes:
            short += 1
            if short <= 10:
                problems.append(
                    f"report {report_id}: {per_object[('registry.report', str(report_id))]} audit rows"
                    f" for {n_writes} successful writes"
                )
    reviewed = Report.objects.filter(pk__in=[int(k) for k in written["reviews"]])
    for report in reviewed:
        if report.state != written["reviews"][str(report.pk)]:
            problems.append(
                f"report {report.pk}: state {report.state}, the last successful write answered"
                f" {written['reviews'][str(report.pk)]}"
            )
    # Evidence files: every row's file exists, every file has its row.
    media = Path(settings.MEDIA_ROOT)
    names = set(Evidence.objects.values_list("file", flat=True))
    for name in names:
        if not (media / name).is_file():
            problems.append(f"evidence file missing on disk: {name}")
    on_disk = {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()} if media.exists() else set()
    orphans = sorted(on_disk - names)
    if orphans:
        problems.append(f"{len(orphans)} evidence files without a row: {orphans[:10]}")
    out.write_text(json.dumps({"counts": now, "expected": expected, "problems": problems}, ensure_ascii=False))


# --------------------------------------------------------------------------- HTTP client


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    report_writes: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    reviews: dict[int, str] = field(default_factory=dict)  # report id -> its state after the last write
    expected_4xx: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def wrote(self, report_id: int, answer: dict | None) -> None:
        """A successful write on a report: one more audit row due, and the state the answer gave."""
        with self.lock:
            self.report_writes[report_id] += 1
            if answer is not None:
                self.reviews[report_id] = answer.get("state", "?")

    def time(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.times[kind].append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(f"{time.strftime('%H:%M:%S')} {text}")


class Client:
    """One keep-alive connection; a bearer token, a session cookie with CSRF, or nobody."""

    def __init__(self, port: int, stats: Stats, token: str | None = None) -> None:
        self.port, self.stats, self.token = port, stats, token
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self,
        kind: str,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        ctype: str | None = None,
        expect: tuple[int, ...] = (200,),
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        head = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.token:
            head["Authorization"] = f"Bearer {self.token}"
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            if method not in ("GET", "HEAD") and "csrftoken" in self.cookies:
                head["X-CSRFToken"] = self.cookies["csrftoken"]
                head["Referer"] = f"http://127.0.0.1:{self.port}/"
        if ctype:
            head["Content-Type"] = ctype
        start = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.conn.request(method, path, body=body, headers=head)
            response = self.conn.getresponse()
            data = response.read()
            for value in response.headers.get_all("Set-Cookie") or []:
                jar = http.cookies.SimpleCookie()
                jar.load(value)
                for key, morsel in jar.items():
                    self.cookies[key] = morsel.value
            if response.headers.get("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
        except Exception as exc:  # every exception is an error
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            self.stats.error(f"{kind} {method} {path}: {type(exc).__name__}: {exc}")
            return 0, b""
        self.stats.time(kind, time.perf_counter() - start)
        if response.status not in expect:
            self.stats.error(f"{kind} {method} {path}: {response.status} {data[:300]!r}")
        return response.status, data

    def json(self, kind: str, method: str, path: str, payload: object = None, expect: tuple[int, ...] = (200,)):  # type: ignore[no-untyped-def]
        body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        status, data = self.request(
            kind, method, path, body=body, ctype="application/json" if body is not None else None, expect=expect
        )
        if status in expect and data:
            try:
                return status, json.loads(data)
            except ValueError:
                self.stats.error(f"{kind} {method} {path}: answer is not JSON: {data[:200]!r}")
        return status, None


def multipart(field_name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "soak" + uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; filename="{filename}"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode("ascii")
    )
    return body, f"multipart/form-data; boundary={boundary}"


# --------------------------------------------------------------------------- the workload


class Board:
    """Shared state of the workflow: free (task, cycle) pairs per unit, reports to review / to fix."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tasks: dict[int, list[int]] = {}
        self.used: dict[int, set[tuple[int, int]]] = defaultdict(set)
        self.cycles: list[int] = []
        self.to_review: list[tuple[int, str]] = []  # (report id, reporter username)
        self.returned: dict[str, list[int]] = defaultdict(list)
        self.want_cycle = threading.Event()
        self.next_month = date(2001, 1, 1)

    def claim(self, unit: int) -> tuple[int, int] | None:
        with self.lock:
            for cycle in self.cycles:
                for task in self.tasks.get(unit, []):
                    if (task, cycle) not in self.used[unit]:
                        self.used[unit].add((task, cycle))
                        return task, cycle
        self.want_cycle.set()
        return None


API = "/api/v1"


def reporter_loop(client: Client, name: str, unit: int, board: Board, stats: Stats, stop: threading.Event) -> None:
    while not stop.is_set():
        fixed = None
        with board.lock:
            if board.returned[name]:
                fixed = board.returned[name].pop(0)
        if fixed is not None:
            status, out = client.json(
                "report.patch", "PATCH", f"{API}/reports/{fixed}", {"progress": "已按退回意见补充材料。"}
            )
            if status == 200:
                stats.wrote(fixed, out)
                status, out = client.json("report.submit", "POST", f"{API}/reports/{fixed}/submit")
                if status == 200:
                    stats.wrote(fixed, out)
                    with board.lock:
                        board.to_review.append((fixed, name))
            continue
        roll = random.random()
        if roll < 0.35:
            pair = board.claim(unit)
            if pair is None:
                time.sleep(0.2)
                continue
            task, cycle = pair
            status, report = client.json(
                "report.create",
                "POST",
                f"{API}/reports",
                {
                    "task_id": task,
                    "cycle_id": cycle,
                    "progress": f"第{random.randint(1, 99)}批工作推进中。",
                    "percent": random.randint(0, 99),
                },
                expect=(201,),
            )
            if status != 201 or report is None:
                continue
            rid = report["id"]
            with stats.lock:
                stats.created["report"] += 1
            stats.wrote(rid, report)
            body, ctype = multipart("file", f"佐证{rid}.txt", f"报告 {rid} 的佐证材料 {uuid.uuid4()}\n".encode() * 20)
            status, _ = client.request(
                "evidence.upload", "POST", f"{API}/reports/{rid}/evidence", body=body, ctype=ctype, expect=(201,)
            )
            if status == 201:
                with stats.lock:
                    stats.created["evidence"] += 1
            status, out = client.json("report.submit", "POST", f"{API}/reports/{rid}/submit")
            if status == 200:
                stats.wrote(rid, out)
                with board.lock:
                    board.to_review.append((rid, name))
        elif roll < 0.6:
            client.json("tasks.list", "GET", f"{API}/tasks?unit={unit}&limit=20")
        elif roll < 0.8:
            tasks = board.tasks.get(unit) or [0]
            client.json("task.read", "GET", f"{API}/tasks/{random.choice(tasks)}")
        else:
            client.json("reports.list", "GET", f"{API}/reports?unit={unit}&limit=20")


def supervisor_loop(client: Client, board: Board, targets: list[int], stats: Stats, stop: threading.Event) -> None:
    while not stop.is_set():
        if board.want_cycle.is_set():
            with board.lock:
                start = board.next_month
                board.next_month = (start + timedelta(days=32)).replace(day=1)
            end = board.next_month - timedelta(days=1)
            status, cycle = client.json(
                "cycle.open",
                "POST",
                f"{API}/cycles",
                {"period_start": start.isoformat(), "period_end": end.isoformat()},
                expect=(201,),
            )
            if status == 201 and cycle is not None:
                with stats.lock:
                    stats.created["cycle"] += 1
                with board.lock:
                    board.cycles.append(cycle["id"])
                board.want_cycle.clear()
            continue
        item = None
        with board.lock:
            if board.to_review:
                item = board.to_review.pop(0)
        roll = random.random()
        if item is not None and roll < 0.6:
            rid, reporter = item
            if random.random() < 0.4:
                status, out = client.json(
                    "review.return", "POST", f"{API}/reports/{rid}/return", {"reason": "请补充佐证材料。"}
                )
                if status == 200:
                    stats.wrote(rid, out)
                    with board.lock:
                        board.returned[reporter].append(rid)
            else:
                status, out = client.json("review.accept", "POST", f"{API}/reports/{rid}/accept")
                if status == 200:
                    stats.wrote(rid, out)
            continue
        if item is not None:
            with board.lock:
                board.to_review.insert(0, item)
        if roll < 0.75 and targets:
            day = date(2016, 1, 1) + timedelta(days=random.randint(0, 1500))
            status, _ = client.json(
                "observation.add",
                "POST",
                f"{API}/targets/{random.choice(targets)}/observations",
                {"value": round(random.uniform(0, 100), 2), "as_of": day.isoformat(), "source": "压力测试统计"},
                expect=(201,),
            )
            if status == 201:
                with stats.lock:
                    stats.created["observation"] += 1
        elif roll < 0.85:
            client.json("audit.read", "GET", f"{API}/audit?limit=20")
        else:
            client.json("reports.list", "GET", f"{API}/reports?state=submitted&limit=20")


def reader_loop(client: Client, role: str, board: Board, stats: Stats, stop: threading.Event) -> None:
    """Leader (session, HTML pages + API), expert (token, API) and anonymous (public API + pages)."""
    all_tasks = sorted({t for ts in board.tasks.values() for t in ts}) or [1]
    while not stop.is_set():
        task = random.choice(all_tasks)
        roll = random.random()
        if role == "leader":
            if roll < 0.3:
                client.request("page.tasks", "GET", "/tasks/")
            elif roll < 0.5:
                client.request("page.task", "GET", f"/tasks/{task}/")
            elif roll < 0.7:
                client.json("tasks.list", "GET", f"{API}/tasks?limit=50")
            elif roll < 0.85:
                client.json("tasks.summary", "GET", f"{API}/tasks/summary")
            else:
                client.json("cycles.list", "GET", f"{API}/cycles")
        elif role == "expert":
            if roll < 0.5:
                client.json("tasks.list", "GET", f"{API}/tasks?limit=20")
            elif roll < 0.8:
                client.json("task.read", "GET", f"{API}/tasks/{task}")
            else:
                client.json("targets.list", "GET", f"{API}/targets?limit=20")
        else:
            if roll < 0.25:
                client.json("anon.documents", "GET", f"{API}/documents")
            elif roll < 0.5:
                client.json("anon.tasks", "GET", f"{API}/tasks?limit=20")
            elif roll < 0.65:
                client.json("anon.targets", "GET", f"{API}/targets?limit=20")
            elif roll < 0.8:
                client.json("anon.units", "GET", f"{API}/units")
            elif roll < 0.9:
                client.request("page.anon_login", "GET", "/login/")
            else:  # the office's pages are for signed-in users: the expected answer is the login redirect
                client.request("page.anon_redirect", "GET", "/documents/", expect=(302,))


def session_login(client: Client, username: str, password: str) -> bool:
    client.request("login", "GET", "/login/")
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": client.cookies.get("csrftoken", "")}
    ).encode()
    status, _ = client.request(
        "login", "POST", "/login/", body=form, ctype="application/x-www-form-urlencoded", expect=(302,)
    )
    return status == 302 and "sessionid" in client.cookies


def importer_loop(env: dict[str, str], gazette: Path, log: list[dict], stop: threading.Event) -> None:
    while not stop.is_set():
        start = time.perf_counter()
        proc = subprocess.run(
            [PYTHON, "-m", "luoshi_web.cli", "import", str(gazette)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        log.append(
            {
                "rc": proc.returncode,
                "seconds": round(time.perf_counter() - start, 2),
                "stderr": proc.stderr.strip()[-400:],
            }
        )


# --------------------------------------------------------------------------- driver


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def gazette_of(copies: int, target: Path) -> Path:
    """The seed gazette ``copies`` times, each copy's 〔2016〕 document numbers moved to another year."""
    seed = (REPO.parent / "shared" / "corpus" / "000_a19204d3cc4468c5.txt").read_text(encoding="utf-8")
    parts = [seed] + [re.sub(r"〔2016〕", f"〔{3000 + i}〕", seed) for i in range(1, copies)]
    target.write_text("\n\n".join(parts), encoding="utf-8")
    return target


def pg_recreate() -> None:
    import psycopg

    with psycopg.connect(PG_BASE + "postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DB}")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def run(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix=f"luoshi-soak-{args.db}-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "luoshi_web.settings",
        "LUOSHI_DATA_DIR": str(work),
        "PYTHONPATH": str(REPO / "src"),
    }
    env.pop("DATABASE_URL", None)
    if args.db == "postgres":
        pg_recreate()
        env["DATABASE_URL"] = PG_BASE + PG_DB
    print(f"soak: {args.db}, {args.duration} s, {args.clients} clients, data in {work}", flush=True)
    setup_path = work / "setup.json"
    subprocess.run([PYTHON, __file__, "_setup", str(setup_path)], env=env, check=True, cwd=work)
    info = json.loads(setup_path.read_text(encoding="utf-8"))
    gazette = gazette_of(args.import_copies, work / "gazette.txt")
    port = free_port()
    server_log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [PYTHON, "-m", "luoshi_web.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", "4"],
        env=env,
        cwd=work,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    stats = Stats()
    stop = threading.Event()
    imports: list[dict] = []
    threads: list[threading.Thread] = []
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        board = Board()
        tokens = info["tokens"]
        sup = Client(port, stats, tokens["supervisor"])
        _, cycles = sup.json("setup", "GET", f"{API}/cycles")
        board.cycles = [c["id"] for c in cycles or [] if c.get("status") == "open"]
        _, targets_page = sup.json("setup", "GET", f"{API}/targets?limit=200")
        targets = [t["id"] for t in (targets_page or {}).get("items", [])]
        reporters = ("reporter1", "reporter2")
        for name in reporters:
            unit = info["units"][name]
            _, docket = sup.json("setup", "GET", f"{API}/units/{unit}/docket?limit=200")
            board.tasks[unit] = [t["id"] for t in (docket or {}).get("items", [])]
            _, existing = sup.json("setup", "GET", f"{API}/reports?unit={unit}&limit=200")
            for report in (existing or {}).get("items", []):
                board.used[unit].add((report["task_id"], report["cycle_id"]))
        print(
            f"soak: tasks per reporter unit {[len(board.tasks[info['units'][r]]) for r in reporters]}, "
            f"{len(targets)} targets, open cycles {board.cycles}",
            flush=True,
        )

        roles = ["supervisor", "reporter1", "reporter2", "leader", "expert", "anonymous"]
        roles += ["reporter1", "reporter2", "anonymous", "supervisor", "leader", "expert"]
        for i in range(args.clients):
            role = roles[i % len(roles)]
            if role == "anonymous":
                client = Client(port, stats)
                target = reader_loop
                call_args: tuple = (client, role, board, stats, stop)
            elif role == "leader":
                client = Client(port, stats)
                if not session_login(client, "leader", info["passwords"]["leader"]):
                    stats.error("leader: session login failed")
                call_args = (client, role, board, stats, stop)
                target = reader_loop
            elif role == "expert":
                client = Client(port, stats, tokens["expert"])
                call_args = (client, role, board, stats, stop)
                target = reader_loop
            elif role == "supervisor":
                client = Client(port, stats, tokens["supervisor"])
                call_args = (client, board, targets, stats, stop)
                target = supervisor_loop
            else:
                client = Client(port, stats, tokens[role])
                call_args = (client, role, info["units"][role], board, stats, stop)
                target = reporter_loop
            threads.append(threading.Thread(target=target, args=call_args, name=role, daemon=True))
        importer = threading.Thread(target=importer_loop, args=(env, gazette, imports, stop), daemon=True)
        started = time.perf_counter()
        importer.start()
        for t in threads:
            t.start()
        while time.perf_counter() - started < args.duration:
            time.sleep(min(30, max(0.1, args.duration - (time.perf_counter() - started))))
            done = sum(len(v) for v in stats.times.values())
            print(
                f"soak: {time.perf_counter() - started:.0f} s, {done} requests, {len(stats.errors)} errors, "
                f"{len(imports)} imports",
                flush=True,
            )
        stop.set()
        for t in threads:
            t.join(timeout=90)
        elapsed = time.perf_counter() - started
        importer.join(timeout=900)
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        server_log.close()

    written_path = work / "written.json"
    written_path.write_text(
        json.dumps(
            {
                "created": {k: stats.created.get(k, 0) for k in ("report", "evidence", "observation", "cycle")},
                "report_writes": {str(k): v for k, v in stats.report_writes.items()},
                "reviews": {str(k): v for k, v in stats.reviews.items()},
            }
        ),
        encoding="utf-8",
    )
    check_path = work / "check.json"
    subprocess.run(
        [PYTHON, __file__, "_check", str(written_path), str(setup_path), str(check_path)], env=env, check=True, cwd=work
    )
    check = json.loads(check_path.read_text(encoding="utf-8"))

    total = sum(len(v) for v in stats.times.values())
    import_errors = [i for i in imports if i["rc"] != 0]
    print(
        f"\n== soak {args.db}: {elapsed:.0f} s, {args.clients} clients, {total} requests, {total / elapsed:.1f} req/s"
    )
    print(f"{'kind':<22}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind in sorted(stats.times):
        values = stats.times[kind]
        print(f"{kind:<22}{len(values):>7}{pct(values, 0.5):>9.0f}{pct(values, 0.95):>9.0f}{max(values) * 1000:>9.0f}")
    print(f"writes that succeeded: {dict(stats.created)}; report writes {sum(stats.report_writes.values())}")
    seconds = [i["seconds"] for i in imports]
    print(
        f"imports: {len(imports)} runs ({len(import_errors)} failed), "
        f"{min(seconds, default=0):.1f}–{max(seconds, default=0):.1f} s each, gazette {gazette.stat().st_size} bytes"
    )
    print(f"consistency: rows {check['counts']}, expected {check['expected']}")
    for problem in check["problems"]:
        print(f"  CHECK FAILED: {problem}")
    errors = stats.errors + [f"import rc {i['rc']}: {i['stderr']}" for i in import_errors]
    print(f"errors: {len(errors)}")
    by_kind: dict[str, int] = defaultdict(int)
    for line in errors:
        parts = line.split(" ")
        by_kind[" ".join(parts[1:2] + [p for p in parts[3:5] if p[:3].isdigit()][:1])] += 1
    for kind, n in sorted(by_kind.items(), key=lambda item: -item[1]):
        print(f"  {n:>5}  {kind}")
    for line in errors[:50]:
        print(f"  {line}")
    if len(errors) > 50:
        print(f"  … {len(errors) - 50} more")
    ok = not errors and not check["problems"]
    if ok and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"data kept in {work}")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_setup"]:
        setup_installation(Path(argv[1]))
        return 0
    if argv[:1] == ["_check"]:
        check_installation(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--duration", type=float, default=1800)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--import-copies", type=int, default=10, help="seed copies in the imported gazette")
    parser.add_argument("--keep", action="store_true", help="keep the data dir even when all is well")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
