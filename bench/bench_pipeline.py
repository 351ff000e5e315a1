"""Throughput of the whole read → clean → split → parse → extract path, as a ratio to jieba.

    python bench/bench_pipeline.py [FILE] [--runs 7]

Both are measured in the same run over the same text: the pipeline on FILE (the
seed gazette by default), ``jieba.lcut`` on the clean text it produced. jieba's
dictionary is loaded before timing. The ratio is pipeline time / segmentation
time: below 0.5 means parsing and extracting a document costs less than half of
one segmentation pass, the cost reference of touching Chinese text in Python.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from pathlib import Path

import jieba

from luoshi.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "000_a19204d3cc4468c5.txt"


def interleaved_medians(pipeline, reference, runs: int) -> tuple[float, float]:
    """Median CPU seconds of each, the two alternating so that both meet the same machine load.

    CPU time of this process (``time.process_time``), not wall time: on a shared
    machine wall time mostly measures the neighbours.
    """
    a, b = [], []
    for _ in range(runs):
        for fn, out in ((pipeline, a), (reference, b)):
            t0 = time.process_time()
            fn()
            out.append(time.process_time() - t0)
    return statistics.median(a), statistics.median(b)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=SEED)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    result = parse_file(args.file)  # warm-up (imports, regex compilation)
    text = result.clean.text
    t_pipe, t_jieba = interleaved_medians(lambda: parse_file(args.file), lambda: jieba.lcut(text), args.runs)
    n = len(text)
    docs = result.documents
    print(
        f"file: {args.file.name}  ({n} clean characters, {len(docs)} documents, "
        f"{sum(len(d.tasks) for d in docs)} tasks, {sum(len(d.targets) for d in docs)} targets)"
    )
    how = f"(median CPU time of {args.runs} interleaved runs)"
    print(f"pipeline read→extract : {t_pipe * 1000:8.1f} ms  {n / t_pipe:12,.0f} chars/s  {how}")
    print(f"jieba.lcut (reference): {t_jieba * 1000:8.1f} ms  {n / t_jieba:12,.0f} chars/s  {how}")
    print(f"ratio pipeline / jieba: {t_pipe / t_jieba:.3f}  (goal < 0.5)")


if __name__ == "__main__":
    main()
