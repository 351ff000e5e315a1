"""Speed and memory of the pipeline (read → clean → split → header → outline → extract).

    python bench/bench_pipeline.py [--runs 7] [--scale-runs 3] [--sizes 1,4,16,64] [--quick]

Prints, with the date and the machine's load (``/proc/loadavg``, as ``uptime`` shows it):

1. **Seed ratio**: pipeline time on the seed gazette (``parse_file``, read included) over
   one ``jieba.lcut`` pass on the clean text it produced; the two alternate run by run so
   both meet the same load (goal < 0.3).
2. **Corpus ratio**: the same on every file of ``../shared/corpus`` read once and
   concatenated into one text (``parse_source``; reading is not timed here).
3. **Scaling**: ``parse_source`` on the seed repeated 1×, 4×, 16×, 64× (a gazette of 6k
   documents) and on one long single document of the same sizes (the seed's largest
   document with its body repeated: one header, one ever longer outline), each with the
   log-log slope of time against size (goal ≤ 1.05: linear).
4. **Memory**: peak bytes traced by ``tracemalloc`` while ``parse_source`` runs on the
   64× seed, per clean character (the input text is allocated before tracing starts;
   goal ≤ 40).
5. **Startup**: CPU time (user + system, ``getrusage(RUSAGE_CHILDREN)``) of a whole
   ``luoshi parse`` process on a one-line file, with bytecode cached as in an installed
   package (goal ≤ 120 ms).

All times are CPU time (``time.process_time``), medians of interleaved runs: on a
shared machine wall time mostly measures the neighbours. ``parse_source`` and ``parse_file``
run with the cyclic garbage collector paused (``luoshi.pipeline.collection_paused``); the
``jieba.lcut`` runs they are compared with keep it on, as jieba would be used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import jieba

from luoshi.errors import LuoshiError
from luoshi.model import SourceText
from luoshi.pipeline import parse_file, parse_source
from luoshi.read import READERS, read_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "000_a19204d3cc4468c5.txt"

GOAL_RATIO = 0.3
GOAL_EXPONENT = 1.05
GOAL_BYTES_PER_CHAR = 40
GOAL_STARTUP_MS = 120


def cpu(fn: Callable[[], object]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def interleaved_medians(fns: list[Callable[[], object]], runs: int) -> list[float]:
    """Median CPU seconds of each function, the functions alternating run by run."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, out in zip(fns, times, strict=True):
            out.append(cpu(fn))
    return [statistics.median(t) for t in times]


def load() -> str:
    try:
        one, five, fifteen = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        return "load unknown"
    return f"load average {one}, {five}, {fifteen} on {os.cpu_count()} CPUs"


def slope(sizes: list[float], times: list[float]) -> float:
    """Least-squares slope of log(time) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def repeated(source: SourceText, k: int) -> SourceText:
    return SourceText(source.path, "\n".join([source.text] * k), source.kind)


def long_document(source: SourceText, k: int) -> SourceText:
    """One document about ``k`` times the seed's size: the seed's document with most tasks
    (a provincial 印发 notice with a unit-listing measure list), its body repeated under one
    header (the repeated outline restarts its numbering, so later copies run into its last
    items: one ever longer document, the worst case for per-document scans)."""
    result = parse_source(source)
    doc = max(result.documents, key=lambda d: (len(d.tasks), d.span.end - d.span.start))
    text = result.clean.text
    head, body = text[doc.span.start : doc.body_start], text[doc.body_start : doc.span.end]
    copies = max(1, round((k * len(text) - len(head)) / max(len(body), 1)))
    return SourceText(source.path, head + "\n".join([body] * copies), source.kind)


def corpus_source() -> tuple[SourceText, list[str]]:
    """Every readable corpus file's text, joined; and the names of those the readers refuse."""
    texts, refused = [], []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix.lower() in READERS:
            try:
                texts.append(read_file(path).text)
            except LuoshiError as exc:
                refused.append(f"{path.name} ({exc.code})")
    return SourceText(CORPUS / "ALL.txt", "\n\n".join(texts), "txt"), refused


def ratio_line(label: str, n: int, t_pipe: float, t_jieba: float, runs: int) -> None:
    print(f"{label}: {n:,} clean characters, median CPU of {runs} interleaved runs")
    print(f"  pipeline   {t_pipe * 1000:9.1f} ms  {n / t_pipe:12,.0f} chars/s")
    print(f"  jieba.lcut {t_jieba * 1000:9.1f} ms  {n / t_jieba:12,.0f} chars/s")
    verdict = "met" if t_pipe / t_jieba < GOAL_RATIO else "NOT met"
    print(f"  ratio pipeline / jieba: {t_pipe / t_jieba:.3f}  (goal < {GOAL_RATIO}: {verdict})")


def bench_ratios(runs: int) -> None:
    result = parse_file(SEED)  # warm-up: imports, regex compilation
    text = result.clean.text
    t_pipe, t_jieba = interleaved_medians([lambda: parse_file(SEED), lambda: jieba.lcut(text)], runs)
    docs = result.documents
    print(
        f"seed {SEED.name}: {len(docs)} documents, {sum(len(d.tasks) for d in docs)} tasks, "
        f"{sum(len(d.targets) for d in docs)} targets"
    )
    ratio_line("seed (parse_file: read included)", len(text), t_pipe, t_jieba, runs)

    corpus, refused = corpus_source()
    if refused:
        print(f"corpus: the readers refuse {len(refused)} file(s), left out: {', '.join(refused)}")
    ctext = parse_source(corpus).clean.text
    t_pipe, t_jieba = interleaved_medians([lambda: parse_source(corpus), lambda: jieba.lcut(ctext)], runs)
    ratio_line("whole corpus concatenated (parse_source)", len(ctext), t_pipe, t_jieba, runs)


def bench_scaling(sizes: list[int], runs: int) -> None:
    seed = read_file(SEED)
    series = {
        "seed repeated (k gazettes)": [repeated(seed, k) for k in sizes],
        "one long document": [long_document(seed, k) for k in sizes],
    }
    print(f"scaling: median CPU of {runs} interleaved runs per size")
    for label, sources in series.items():
        lengths = [len(parse_source(s).clean.text) for s in sources]
        ends = [parse_source(s).documents for s in (sources[0], sources[-1])]
        medians = interleaved_medians([lambda s=s: parse_source(s) for s in sources], runs)
        counts = [
            f"{len(d)} documents, {sum(len(x.tasks) for x in d)} tasks, {sum(len(x.targets) for x in d)} targets"
            for d in ends
        ]
        print(f"  {label}: {counts[0]} at {sizes[0]}×; {counts[1]} at {sizes[-1]}×")
        for k, n, t in zip(sizes, lengths, medians, strict=True):
            print(f"    {k:3d}×  {n:10,} chars  {t * 1000:10.1f} ms  {n / t:12,.0f} chars/s")
        exponent = slope(lengths, medians)
        verdict = "met" if exponent <= GOAL_EXPONENT else "NOT met"
        print(f"    log-log exponent {exponent:.3f}  (goal ≤ {GOAL_EXPONENT}: {verdict})")


def bench_memory(k: int) -> None:
    source = repeated(read_file(SEED), k)
    gc.collect()
    tracemalloc.start()
    result = parse_source(source)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(result.clean.text)
    runs = len(result.clean.runs.starts)
    per_char = peak / n
    verdict = "met" if per_char <= GOAL_BYTES_PER_CHAR else "NOT met"
    print(f"memory at {k}× the seed: {n:,} clean characters, offset map {runs:,} runs")
    print(f"  tracemalloc peak {peak:,} bytes = {per_char:.1f} bytes per clean character")
    print(f"  (goal ≤ {GOAL_BYTES_PER_CHAR}: {verdict}; the input text itself is not counted)")


def luoshi_command() -> list[str]:
    script = Path(sys.executable).with_name("luoshi")
    return [str(script)] if script.exists() else [sys.executable, "-m", "luoshi"]


def bench_startup(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text("关于加强安全生产工作的通知\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cmd = [*luoshi_command(), "parse", str(one), "--format", "json"]
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)  # writes the bytecode cache
        spent = []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            spent.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        bare = []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            bare.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    ms = statistics.median(spent) * 1000
    verdict = "met" if ms <= GOAL_STARTUP_MS else "NOT met"
    print(f"startup: `{Path(cmd[0]).name} parse ONE-LINE.txt --format json`, whole process")
    print(f"  median CPU {ms:.0f} ms of {runs} runs (goal ≤ {GOAL_STARTUP_MS}: {verdict}); ", end="")
    print(f"a bare `python -c pass` costs {statistics.median(bare) * 1000:.0f} ms here")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="interleaved runs for the ratios and the startup")
    ap.add_argument("--scale-runs", type=int, default=3, help="interleaved runs per size of the scaling run")
    ap.add_argument("--sizes", default="1,4,16,64", help="multiples of the seed for scaling")
    ap.add_argument("--quick", action="store_true", help="sizes 1,4,16, memory at 16×, 3 runs")
    args = ap.parse_args()
    sizes = [int(k) for k in args.sizes.split(",")]
    if args.quick:
        sizes, args.runs, args.scale_runs = [1, 4, 16], 3, 1
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{stamp}  {load()}  (python {sys.version.split()[0]})")
    bench_ratios(args.runs)
    bench_scaling(sizes, args.scale_runs)
    bench_memory(max(sizes))
    bench_startup(args.runs)
    print(f"done {dt.datetime.now(dt.UTC).strftime('%H:%M UTC')}  {load()}")


if __name__ == "__main__":
    main()
