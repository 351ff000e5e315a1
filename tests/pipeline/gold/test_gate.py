"""The evaluation gate fails CI when a score falls below its floor or a gold file has none."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]  # tests/pipeline/gold/ → the repository
GATE = ROOT / "eval" / "gate.py"


def _gate(floors: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(floors), encoding="utf-8")
    return subprocess.run([sys.executable, str(GATE), "--floors", str(path)], capture_output=True, text=True)


def test_committed_floors_pass():
    run = subprocess.run([sys.executable, str(GATE)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_an_unreachable_floor_fails(tmp_path: Path):
    floors = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
    floors["nat_guofa_2019_03_zonghe_baoshuiqu"]["tasks"] = 1.01
    run = _gate(floors, tmp_path)
    assert run.returncode == 1
    assert "nat_guofa_2019_03_zonghe_baoshuiqu: tasks F1" in run.stderr


def test_a_gold_file_without_floors_fails(tmp_path: Path):
    floors = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
    del floors["000_a19204d3cc4468c5"]
    run = _gate(floors, tmp_path)
    assert run.returncode == 1 and "no floors" in run.stderr


def test_every_gold_file_has_one_input_whatever_its_extension():
    from goldfiles import gold_files

    from doc_builder import SHARED

    files = gold_files(SHARED)
    assert len(files) >= 12
    assert {f.input.suffix for f in files} >= {".txt", ".html"}
    assert all(f.input.stem == f.name for f in files)


def test_a_gold_file_without_its_input_is_an_error_that_names_it(tmp_path: Path):
    from goldfiles import GoldError, gold_files

    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold" / "x.gold.json").write_text('{"documents": []}', encoding="utf-8")
    with pytest.raises(GoldError, match=r"x\.gold\.json: no input"):
        gold_files(tmp_path)
    for ext in (".txt", ".html"):
        (tmp_path / "corpus" / f"x{ext}").write_text("x", encoding="utf-8")
    with pytest.raises(GoldError, match="more than one input"):
        gold_files(tmp_path)


def test_missing_shared_material_fails_with_a_clear_message(tmp_path: Path):
    from goldfiles import GoldError, gold_files

    with pytest.raises(GoldError, match="shared material expected"):
        gold_files(tmp_path / "nowhere")


def test_the_baseline_row_of_the_table_runs(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "eval"))
    from baseline import baseline_contract

    page = tmp_path / "t.txt"
    text = "某省人民政府关于做好试点工作的通知\n某政发〔2020〕3号\n根据国发〔2015〕50号文件，覆盖率达到90%。\n"
    page.write_text(text, "utf-8")
    (doc,) = baseline_contract(page)["documents"]
    assert doc["doc_number"] == "某政发〔2020〕3号"
    # A regular-expression baseline: the organ code swallows the word before it.
    assert [r["doc_number"] for r in doc["references"]] == ["根据国发〔2015〕50号"]


HELDOUT = ROOT / "eval" / "heldout.py"


def _heldout(floors: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(floors), encoding="utf-8")
    cmd = [sys.executable, str(HELDOUT), "--check", "--floors", str(path)]
    return subprocess.run(cmd, capture_output=True, text=True)


def test_held_out_check_fails_below_a_floor_and_without_floors(tmp_path: Path):
    floors = json.loads((ROOT / "eval" / "heldout" / "floors.json").read_text(encoding="utf-8"))
    assert _heldout(floors, tmp_path).returncode == 0
    floors["nat_guobanfa_2018_117_zhenzhua_shigan_jili"]["task_units"] = 1.01
    run = _heldout(floors, tmp_path)
    assert run.returncode == 1 and "nat_guobanfa_2018_117_zhenzhua_shigan_jili: task_units F1" in run.stderr
    del floors["nat_guobanfa_2018_117_zhenzhua_shigan_jili"]
    run = _heldout(floors, tmp_path)
    assert run.returncode == 1 and "no floors" in run.stderr
