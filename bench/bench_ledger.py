"""Ledger export benchmark: 10,000 tasks to .xlsx, wall time and peak memory of the exporting process.

Goal (issue 11): under 10 s and under 500 MB. The registry is built in a throw-away
SQLite file (or the database of ``DATABASE_URL``, which must be a scratch one) with
bulk inserts: N tasks in documents of 50, two units each (a lead and a co-unit),
one accepted report per task, a note on every tenth task and a notice on every
twentieth, so every column of the ledger is filled. The export then runs in a fresh
child process, so its peak RSS (VmHWM, Django included) is the export's own.

Usage: .venv/bin/python bench/bench_ledger.py [--tasks 10000]

``--registry URL`` measures the same export on a kept benchmark registry instead (the national
one of ``bench_registry.py``, PostgreSQL, read only): the task list's deadline filter from a year
ago to the day that makes it hold 10,000 tasks (ties on that day included), as an office would
export a year's slice of a million tasks, in a fresh child process as above.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def setup_django(data_dir: str) -> None:
    os.environ["LUOSHI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
    import django

    django.setup()


def build(tasks: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from luoshi_web.registry import progress
    from luoshi_web.registry.models import Document, Report, ReportingCycle, Task, TaskUnit, Unit
    from luoshi_web.supervision.models import Notice, TaskNote

    call_command("migrate", verbosity=0)
    units = Unit.objects.bulk_create([Unit(name=f"测试单位{i:03d}", kind="department") for i in range(200)])
    docs = Document.objects.bulk_create(
        [
            Document(
                key=f"川办发〔2016〕{i}号",
                doc_number=f"川办发〔2016〕{i}号",
                title=f"关于第{i}项工作的通知",
                date=date(2016, 1, 1),
            )
            for i in range(tasks // 50 + 1)
        ]
    )
    start = date(2016, 1, 1)
    rows = [
        Task(
            document=docs[i // 50],
            path=["一", str(i % 50 + 1)],
            path_key=f"一/{i % 50 + 1}",
            text=f"推进第{i}项重点改革任务，完善配套制度，加强督促检查，确保按期完成。" * 2,
            deadline=start + timedelta(days=i % 700),
        )
        for i in range(tasks)
    ]
    created = Task.objects.bulk_create(rows, batch_size=2000)
    TaskUnit.objects.bulk_create(
        [
            TaskUnit(task=t, unit=units[i % 200], name=units[i % 200].name, role="lead", position=0)
            for i, t in enumerate(created)
        ]
        + [
            TaskUnit(task=t, unit=units[(i + 1) % 200], name=units[(i + 1) % 200].name, role="co", position=1)
            for i, t in enumerate(created)
        ],
        batch_size=5000,
    )
    cycle = ReportingCycle.objects.create(name="2016Q2", period_start=date(2016, 4, 1), period_end=date(2016, 6, 30))
    now = timezone.now()
    Report.objects.bulk_create(
        [
            Report(
                task=t,
                unit=units[i % 200],
                cycle=cycle,
                kind="lead",
                state="accepted",
                percent=i % 100,
                progress="已完成阶段性工作，正在推进下一步。",
                submitted_at=now,
            )
            for i, t in enumerate(created)
        ],
        batch_size=5000,
    )
    TaskNote.objects.bulk_create([TaskNote(task=t, text="已报省政府") for t in created[::10]])
    Notice.objects.bulk_create(
        [
            Notice(
                task=t,
                unit=units[i % 200],
                level=1 + i % 4,
                number=f"督办〔2016〕{i}号",
                reason="逾期",
                requirement="回复",
                rectify_due=date(2016, 8, 1),
                issued_on=date(2016, 7, 1),
            )
            for i, t in enumerate(created[::20])
        ]
    )
    progress.refresh()


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not ``ru_maxrss``: Linux carries that across
    fork and exec, so a child would report the parent's peak from building the registry."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_only(out: str) -> None:
    from luoshi_web.supervision import ledger
    from luoshi_web.supervision.selection import SYSTEM, TaskSelection

    began, cpu = time.perf_counter(), time.process_time()
    count = ledger.export(SYSTEM, TaskSelection(), date(2016, 7, 1), out)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    peak_mb = peak_rss_mb()
    print(
        json.dumps(
            {
                "rows": count,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "peak_rss_mb": round(peak_mb, 1),
            }
        )
    )


def export_window(out: str, tasks: int) -> None:
    """On a kept registry: export the ``tasks`` active tasks due from a year ago on (deadline filter)."""
    from luoshi_web.registry import clock
    from luoshi_web.registry.models import Task
    from luoshi_web.supervision import ledger
    from luoshi_web.supervision.selection import SYSTEM, TaskSelection

    today = clock.today()
    start = today - timedelta(days=365)
    dues = Task.objects.filter(active=True, deadline__isnull=False, due__gte=start).order_by("due", "id")
    end = dues.values_list("due", flat=True)[tasks - 1]
    began, cpu = time.perf_counter(), time.process_time()
    count = ledger.export(SYSTEM, TaskSelection(deadline_from=start, deadline_to=end), today, out)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(
        json.dumps(
            {
                "registry_tasks": Task.objects.count(),
                "filter": f"deadline {start} .. {end}",
                "rows": count,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "peak_rss_mb": round(peak_rss_mb(), 1),
                "file_mb": round(Path(out).stat().st_size / 1e6, 1),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--export-only", metavar="DATA_DIR")
    parser.add_argument("--registry", metavar="DATABASE_URL", help="export from this kept benchmark registry")
    parser.add_argument("--window", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_only:
        setup_django(args.export_only)
        if args.window:
            export_window(str(Path(args.export_only) / "ledger.xlsx"), args.tasks)
        else:
            export_only(str(Path(args.export_only) / "ledger.xlsx"))
        return 0
    if args.registry:
        with tempfile.TemporaryDirectory(prefix="luoshi-bench-ledger-") as data_dir:
            done = subprocess.run(
                [sys.executable, __file__, "--export-only", data_dir, "--window", "--tasks", str(args.tasks)],
                env={**os.environ, "DATABASE_URL": args.registry, "LUOSHI_DEBUG": "0"},
                capture_output=True,
                text=True,
                check=False,
            )
            sys.stderr.write(done.stderr)
            print(done.stdout.strip())
            return done.returncode
    with tempfile.TemporaryDirectory(prefix="luoshi-bench-ledger-") as data_dir:
        setup_django(data_dir)
        began = time.perf_counter()
        build(args.tasks)
        print(f"built {args.tasks} tasks in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        from django.db import connection

        connection.close()  # checkpoints SQLite's WAL: the child must not map a huge -wal/-shm (counted in RSS)
        done = subprocess.run(
            [sys.executable, __file__, "--export-only", data_dir], capture_output=True, text=True, check=False
        )
        sys.stderr.write(done.stderr)
        print(done.stdout.strip())
        size = (Path(data_dir) / "ledger.xlsx").stat().st_size if done.returncode == 0 else 0
        print(f"file size {size / 1e6:.1f} MB", file=sys.stderr)
        return done.returncode


if __name__ == "__main__":
    sys.exit(main())
