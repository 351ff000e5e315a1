"""Held-out check: our own blind gold for corpus files that have no shared gold.

    python eval/heldout.py [--shared ../shared] [--check]
    python eval/heldout.py --record-first PRED_DIR --commit HASH

``eval/heldout/NAME.gold.json`` answers ``../shared/corpus/NAME.<ext>`` in the shape of the
shared gold. Each file was written by an annotator who had not seen Luoshi's output for it,
then frozen (``eval/heldout/frozen/``, never edited again); after scoring, the annotator
corrected only what the annotation guide says was wrong in the gold, each change written in
``eval/heldout/NOTES.md``. Three readings are kept, because the first two are the honest
estimate of how the pipeline does on text it was not built on:

- frozen gold against the code of the day the gold was written (``first_scores.json``),
- corrected gold against that same code (same file),
- corrected gold against the code now.

``--record-first`` scores a directory of ``luoshi parse --format json`` outputs (named
``INPUT_NAME.json``, as ``/work/tools/snapshot.sh``-style snapshots are) and writes
``first_scores.json``. ``--check`` fails when a headline F1 of a file falls below its floor in
``eval/heldout/floors.json`` (the measured scores, raised as they improve) or a file has none.
This is our annotation, not the shared gold: the README reports it apart from the gate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
from gate import HEADLINE, load_scorer, micro_f1, predict  # noqa: E402  (eval/gate.py, beside this file)
from goldfiles import GoldError, gold_files  # noqa: E402

HELDOUT = ROOT / "eval" / "heldout"


def _counts(res: dict) -> dict:
    keep = {m: res[m] for m in HEADLINE}
    keep["document_fields"] = res["document_fields"]
    keep["target_attributes"] = res["target_attributes"]
    return keep


def _files(shared: Path):
    try:
        return gold_files(shared, HELDOUT)
    except GoldError as exc:
        raise SystemExit(f"heldout: {exc}") from None


def record_first(scorer, shared: Path, pred_dir: Path, commit: str) -> int:
    out = {
        "_comment": f"Scores of the code at {commit} (before any change made for these files) "
        "against the frozen blind gold and against the corrected gold; tp/pred/gold "
        "kept for micro-F1."
    }
    for f in _files(shared):
        pred_file = pred_dir / f"{f.input.name}.json"
        if not pred_file.is_file():
            raise SystemExit(f"heldout: no prediction {pred_file}")
        pred = json.loads(pred_file.read_text(encoding="utf-8"))
        frozen = json.loads((HELDOUT / "frozen" / f.gold.name).read_text(encoding="utf-8"))
        gold = json.loads(f.gold.read_text(encoding="utf-8"))
        out[f.name] = {"frozen": _counts(scorer.score(frozen, pred)), "corrected": _counts(scorer.score(gold, pred))}
    (HELDOUT / "first_scores.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"heldout: first scores of {len(out) - 1} files written")
    return 0


def main(argv: list[str] | None = None) -> int:
    from luoshi.contract import to_contract
    from luoshi.pipeline import parse_file

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--record-first", type=Path, metavar="PRED_DIR")
    ap.add_argument("--commit", default="?")
    ap.add_argument("--check", action="store_true", help="fail below eval/heldout/floors.json")
    ap.add_argument("--floors", type=Path, default=HELDOUT / "floors.json")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.shared)
    if args.record_first:
        return record_first(scorer, args.shared, args.record_first, args.commit)
    first_path = HELDOUT / "first_scores.json"
    first = json.loads(first_path.read_text(encoding="utf-8")) if first_path.is_file() else {}
    rows = []
    for f in _files(args.shared):
        gold = json.loads(f.gold.read_text(encoding="utf-8"))
        res = scorer.score(gold, predict(lambda path: to_contract(parse_file(path)), f.input))
        rows.append((f.name, res))
    names = [n for n, _ in rows]
    systems = {}
    if all(n in first for n in names):
        systems["frozen gold, first code"] = [first[n]["frozen"] for n in names]
        systems["corrected gold, first code"] = [first[n]["corrected"] for n in names]
    systems["corrected gold, now"] = [res for _, res in rows]
    print(f"| held-out, {len(rows)} files (micro F1) | " + " | ".join(HEADLINE) + " |")
    print("|---|" + "---|" * len(HEADLINE))
    for label, results in systems.items():
        print(f"| {label} | " + " | ".join(f"{micro_f1(results, m):.3f}" for m in HEADLINE) + " |")
    print()
    print("| held-out file (first → now, corrected gold) | " + " | ".join(HEADLINE) + " | doc fields (min) |")
    print("|---|" + "---|" * (len(HEADLINE) + 1))
    for name, res in rows:
        was = first.get(name, {}).get("corrected")
        cells = [f"{was[m]['f1']:.3f} → {res[m]['f1']:.3f}" if was else f"{res[m]['f1']:.3f}" for m in HEADLINE]
        now_fields = min(res["document_fields"].values())
        cells.append(f"{min(was['document_fields'].values()):.3f} → {now_fields:.3f}" if was else f"{now_fields:.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if args.check:
        floors = json.loads(args.floors.read_text(encoding="utf-8"))
        failures = [f"{name}: no floors in eval/heldout/floors.json" for name, _ in rows if name not in floors]
        failures += [
            f"{name}: {m} F1 {res[m]['f1']:.3f} < floor {floors[name][m]:.3f}"
            for name, res in rows
            if name in floors
            for m in HEADLINE
            if res[m]["f1"] < floors[name].get(m, 1.0)
        ]
        if failures:
            print("held-out check FAILED:", *failures, sep="\n  ", file=sys.stderr)
            return 1
        print(f"held-out check: {len(rows)} files at or above their floors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
