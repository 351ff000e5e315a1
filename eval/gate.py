"""Evaluation gate: score every gold file with the shared scorer; fail below the floors.

    python eval/gate.py [--shared ../shared] [--table]

Floors live in ``eval/floors.json`` (one per gold file and headline metric).
A gold file without floors fails the gate, so new gold cannot be ignored; each gold
file's input is read whatever its extension (``eval/goldfiles.py``).
``--table`` prints the README's evaluation table (Markdown) instead.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from luoshi.contract import to_contract
from luoshi.errors import LuoshiError
from luoshi.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
from goldfiles import GoldError, gold_files  # noqa: E402  (eval/goldfiles.py, beside this file)

HEADLINE = ("documents", "tasks", "task_units", "targets", "references")
DOC_FIELDS = ("doc_number", "title", "issuers", "date", "addressees", "genre", "forwarded_title")


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("luoshi_shared_score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"gate: scorer not found under {shared}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--table", action="store_true", help="print a Markdown table of the scores")
    ap.add_argument("--floors", type=Path, default=ROOT / "eval" / "floors.json")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.shared)
    floors = json.loads(args.floors.read_text(encoding="utf-8"))
    try:
        files = gold_files(args.shared)
    except GoldError as exc:
        raise SystemExit(f"gate: {exc}") from None
    failures = []
    rows = []
    for gold_file in files:
        name = gold_file.name
        gold = json.loads(gold_file.gold.read_text(encoding="utf-8"))
        res = scorer.score(gold, predict(lambda path: to_contract(parse_file(path)), gold_file.input))
        rows.append((name, res))
        file_floors = floors.get(name)
        if file_floors is None:
            failures.append(f"{name}: no floors in eval/floors.json")
            continue
        for metric in HEADLINE:
            f1 = res[metric]["f1"]
            if f1 < file_floors.get(metric, 1.0):
                failures.append(f"{name}: {metric} F1 {f1:.3f} < floor {file_floors[metric]:.3f}")
        for field in DOC_FIELDS:
            if res["document_fields"][field] < file_floors.get("document_fields", 1.0):
                failures.append(f"{name}: document field {field} {res['document_fields'][field]:.3f} below floor")
        for attr, value in res["target_attributes"].items():
            if value is not None and value < file_floors.get("target_attributes", 1.0):
                failures.append(f"{name}: target attribute {attr} {value:.3f} below floor")
    if args.table:
        print_table(scorer, files, rows)
    else:
        for name, res in rows:
            print(f"{name:45s} " + "  ".join(f"{m}={res[m]['f1']:.3f}" for m in HEADLINE))
    if failures:
        print("evaluation gate FAILED:", *failures, sep="\n  ", file=sys.stderr)
        return 1
    print(f"evaluation gate: {len(rows)} gold files at or above their floors")
    return 0


def predict(system, path: Path) -> dict:
    """``system(path)``; a file the pipeline cannot read is scored as an empty output (the floors decide)."""
    try:
        return system(path)
    except LuoshiError as exc:
        print(f"{path.name}: not parsed: {exc}", file=sys.stderr)
        return {"documents": []}


def micro_f1(results: list[dict], metric: str) -> float:
    tp = sum(r[metric]["tp"] for r in results)
    pred = sum(r[metric]["pred"] for r in results)
    gold = sum(r[metric]["gold"] for r in results)
    p = tp / pred if pred else (1.0 if gold == 0 else 0.0)
    r = tp / gold if gold else (1.0 if pred == 0 else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def print_table(scorer, files, rows) -> None:
    """Markdown: trivial and baseline rows beside Luoshi (micro F1 over all gold files), the new
    files' first and current scores, then per file (``first → now`` for the new files)."""
    from baseline import baseline_contract  # eval/baseline.py, beside this file

    first = json.loads((ROOT / "eval" / "first_scores.json").read_text(encoding="utf-8"))
    golds = {f.input: json.loads(f.gold.read_text(encoding="utf-8")) for f in files}
    systems = {
        "empty output": [scorer.score(g, {"documents": []}) for g in golds.values()],
        "baseline (regular expressions)": [scorer.score(g, predict(baseline_contract, p)) for p, g in golds.items()],
        "Luoshi": [res for _, res in rows],
    }
    new_files = [name for name, _ in rows if name in first]
    if new_files:
        label = f"the {len(new_files)} files added 2026-12-01"
        systems[f"Luoshi on {label}: first score"] = [first[n]["counts"] for n in new_files]
        systems[f"Luoshi on {label}: now"] = [res for name, res in rows if name in first]
    print("| system (micro F1) | " + " | ".join(HEADLINE) + " |")
    print("|---|" + "---|" * len(HEADLINE))
    for label, results in systems.items():
        print(f"| {label} | " + " | ".join(f"{micro_f1(results, m):.3f}" for m in HEADLINE) + " |")
    print()
    extra = " | doc fields (min) | target attrs (min) |"
    print("| Luoshi per gold file (first → now) | " + " | ".join(HEADLINE) + extra)
    print("|---|" + "---|" * (len(HEADLINE) + 2))
    for name, res in rows:
        was = first.get(name)
        attrs = [v for v in res["target_attributes"].values() if v is not None]
        cells = [_cell(was and was[m], res[m]["f1"]) for m in HEADLINE]
        cells.append(_cell(was and min(was["document_fields"].values()), min(res["document_fields"].values())))
        was_attrs = [v for v in (was or {}).get("target_attributes", {}).values() if v is not None]
        cells.append(_cell(min(was_attrs) if was_attrs else None, min(attrs)) if attrs else "—")
        print(f"| {name} | " + " | ".join(cells) + " |")


def _cell(first: float | None, now: float) -> str:
    return f"{now:.3f}" if first is None else f"{first:.3f} → {now:.3f}"


if __name__ == "__main__":
    sys.exit(main())
