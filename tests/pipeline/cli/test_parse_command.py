"""``luoshi parse``: the JSON contract and the readable text view."""

from __future__ import annotations

import io
import json
from pathlib import Path

from luoshi.cli import run_parse


def _run(files: list[str], fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_parse(files, fmt, out, err)
    return code, out.getvalue(), err.getvalue()


def test_json_is_the_contract_with_spans(seed: Path):
    code, out, err = _run([str(seed)], "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["schema"] == "luoshi.parse/1"
    assert len(data["documents"]) == 6
    doc = next(d for d in data["documents"] if d["doc_number"] == "川办发〔2016〕14号")
    task = next(t for t in doc["tasks"] if t["path"] == ["一", "1"])
    assert task["units"] == ["省法制办", "省直相关部门"]
    assert task["span"]["line_start"] <= task["span"]["line_end"]
    # The span's source lines hold the task's text.
    lines = seed.read_text(encoding="utf-8").split("\n")
    src = "".join(lines[task["span"]["line_start"] - 1 : task["span"]["line_end"]])
    assert "对照国务院" in src


def test_text_view_shows_outline_units_targets_references_and_table_rows(shared: Path, seed: Path):
    code, out, _ = _run([str(seed)], "text")
    assert code == 0
    assert "川办发〔2016〕14号" in out and "责任单位: 省法制办、省直相关部门" in out
    assert "社会保障卡持卡人数" in out and "国发〔2015〕50号" in out
    table = shared / "corpus" / "nat_guobanfa_2018_126_chuangxin_jucuo_tuiguang.txt"
    _, out, _ = _run([str(table)], "text")
    assert "表/1" in out


def test_several_files_give_a_list_and_a_bad_one_does_not_stop_the_others(seed: Path, tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = _run([str(seed), str(empty), str(seed)], "json")
    assert code == 2
    assert err.strip().count("\n") == 0 and "empty.txt" in err and "[E003]" in err
    assert [len(x["documents"]) for x in json.loads(out)] == [6, 6]
