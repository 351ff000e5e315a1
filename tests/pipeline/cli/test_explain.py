"""``luoshi parse FILE --explain``: the rule behind each task and every number.

The documents are written here. Each check reads the line the command prints
for one number or task, so a rule that changes its decision changes the output.
"""

from __future__ import annotations

import io
from pathlib import Path

from luoshi.cli import main, run_parse

NOTICE = """某某县人民政府办公室关于印发某某县农村电商工作方案的通知
某政办发〔2026〕3号
各乡镇人民政府，县直各部门：
现将《某某县农村电商工作方案》印发给你们，请认真贯彻执行。
某某县人民政府办公室
2026年3月2日
某某县农村电商工作方案
一、主要目标
到2027年，全县电子商务交易额达到50亿元，建成村级服务站120个。
二、重点任务
（一）完善服务体系。建设县级电商公共服务中心。（责任单位：县商务局、县财政局）
（二）加强人才培训。对参训人员每人给予补贴500元。（县人社局、县商务局）
"""

REPORT = """政府工作报告
——2026年1月10日在某某县第十八届人民代表大会第五次会议上
各位代表：
一、2025年工作回顾
全县地区生产总值增长6.1%，新建公园12个。
二、2026年工作安排
今年全县发展主要预期目标是：地区生产总值增长5%左右，固定资产投资增长4%。预计今年高校毕业生超过1170人。赤字率拟按3%安排。
"""


def _explain(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_parse([str(path)], "text", out, err, explain=True) == 0, err.getvalue()
    return out.getvalue()


def _line(out: str, needle: str) -> str:
    found = [line for line in out.splitlines() if needle in line]
    assert found, f"no line with {needle!r} in:\n{out}"
    return found[0]


def test_each_task_names_its_rule_and_the_unit_list_it_read(tmp_path: Path):
    out = _explain(tmp_path, NOTICE)
    assert "task 二/一" in out and "rule=outline-item" in _line(out, "task 二/一")
    assert "list (marked-bracket): （责任单位：县商务局、县财政局）" in out
    assert "list (bare-bracket): （县人社局、县商务局）" in out


def test_every_number_says_whether_it_became_a_target_and_by_which_rule(tmp_path: Path):
    out = _explain(tmp_path, NOTICE)
    assert "TARGET (comparator:达到)" in _line(out, "[50]亿元")
    assert "by 2027-12-31" in _line(out, "[50]亿元")
    assert "[deadline from 到2027年]" in _line(out, "[50]亿元")
    assert "TARGET (delivery-verb)" in _line(out, "[120]个")
    assert "rejected (sentence-sets-parameters:给予)" in _line(out, "[500]元")
    assert "rejected (time-phrase:deadline)" in _line(out, "到[2027]年")
    assert "rejected (header)" in _line(out, "〔[2026]〕3号")


def test_report_numbers_show_past_forecast_and_plan_rules(tmp_path: Path):
    out = _explain(tmp_path, REPORT)
    assert "rejected (review-section)" in _line(out, "[6.1]%")
    assert "rejected (review-section)" in _line(out, "[12]个")
    assert "TARGET (comparator-after:左右)" in _line(out, "[5]%左右")
    assert "TARGET (bare-growth-rate)" in _line(out, "[4]%")
    assert "rejected (clause-sets-parameters:预计)" in _line(out, "[1170]人")
    assert "TARGET (plan-setting)" in _line(out, "[3]%安排")


def test_explain_is_a_flag_of_the_parse_command(tmp_path: Path, capsys):
    path = tmp_path / "doc.txt"
    path.write_text(NOTICE, encoding="utf-8")
    assert main(["parse", str(path), "--explain"]) == 0
    assert "numbers (" in capsys.readouterr().out


MEASURES = """某某县人民政府办公室关于印发某某县养老服务办法的通知
某政办发〔2026〕4号
各乡镇人民政府，县直各部门：
现将《某某县养老服务办法》印发给你们，请认真贯彻执行。
某某县人民政府办公室
2026年3月2日
某某县养老服务办法
一、完善设施。社区养老服务设施应当由县民政局和各乡镇人民政府负责建设。
二、加强监管。开展养老机构抽检。(县市场监管局）以下均需各乡镇人民政府落实，不再列出
三、强化保障。到2027年，每个社区至少建设1个养老服务站，每处建筑面积不少于300平方米。
四、落实税费。对养老机构适用3%征收率。到2027年，每个社区至少建设1个养老服务站。
五、加强宣传。开展政策解读。（县卫健局）
附件
任务分工表
序号\t工作事项\t牵头单位\t配合单位\t县民政局内牵头处室
1\t建设服务站\t县民政局\t县财政局\t养老科
加快建设进度\t县财政局\t各乡镇人民政府\t规划科
"""


def test_explain_names_the_task_rules_of_issue_10(tmp_path: Path):
    out = _explain(tmp_path, MEASURES)
    assert "list (duty-phrase): 由县民政局和各乡镇人民政府负责" in out
    assert "list (bare-bracket): （县市场监管局）" in out
    five = out[out.index("task 五") :]
    assert "list (later-units-note): 以下均需各乡镇人民政府落实，不再列出" in five
    assert "units: 县卫健局、各乡镇人民政府" in five
    table = out[out.index("task 表/1") :]
    assert "rule=table-row" in _line(table, "task 表/1")
    assert "list (table-column:牵头单位): 县民政局" in table
    assert "list (table-column:牵头单位): 县财政局" in table
    assert "养老科" not in table.split("numbers (")[0]


def test_explain_names_the_target_rules_of_issue_10(tmp_path: Path):
    out = _explain(tmp_path, MEASURES)
    assert "TARGET (comparator:至少)" in _line(out, "至少建设[1]个养老服务站，每")
    assert "rejected (per-unit-standard)" in _line(out, "[300]平方米")
    assert "rejected (policy-rate)" in _line(out, "[3]%征收率")
    assert "rejected (restates-earlier-target)" in _line(out, "至少建设[1]个养老服务站。")


def test_outline_markers_are_named_as_such(tmp_path: Path):
    out = _explain(tmp_path, "某某县实施方案\n1.加强领导。新建公园5个。（县住建局）\n2.完善机制。\n")
    assert "rejected (outline-marker)" in _line(out, "[2].完善")


# Two documents of a gazette; the second's body cites a third document's number on a line of its
# own (class 1 of issue 10: a cited number must not start a document), and the first forwards a
# document whose own title block follows (one document with its forwarded content).
GAZETTE = """某某省人民政府关于加强某项工作的通知
某政发〔2026〕1号
各市（州）人民政府，省政府各部门：
现将《某某省某项工作实施方案》（某政办发〔2026〕9号）印发给你们，请认真贯彻执行。
某某省人民政府
2026年2月1日
某某省某项工作实施方案
某政办发〔2026〕9号
一、做好某项工作。
某某省人民政府办公厅关于开展某项检查的通知
某政办发〔2026〕12号
各市（州）人民政府：
按照下列文件要求开展检查：
某政发〔2025〕7号
请于2026年6月底前报送检查情况。
某某省人民政府办公厅
2026年3月1日
"""


def test_explain_says_which_number_lines_open_a_document_and_why(tmp_path: Path):
    out = _explain(tmp_path, GAZETTE)
    assert "documents: 2 of 4 number line(s) open one" in out
    assert "title-block" in _line(out, "某政发〔2026〕1号:")
    assert "forwarded" in _line(out, "某政办发〔2026〕9号:")
    assert "title-block" in _line(out, "某政办发〔2026〕12号:")
    assert "cited-in-body" in _line(out, "某政发〔2025〕7号:")
    assert out.count("\n== ") == 2


def test_explain_says_a_text_without_number_is_one_document(tmp_path: Path):
    out = _explain(tmp_path, REPORT)
    assert "documents: no 发文字号 line, so the text is one document" in out


CONTENTS = """目录
某某省人民政府关于甲工作的通知
某政发〔2026〕1号
某某省人民政府关于乙工作的通知
某政发〔2026〕2号
某某省人民政府关于甲工作的通知
某政发〔2026〕1号
某政发〔2026〕1号
各市（州）人民政府：
请做好甲工作。
某某省人民政府
2026年2月1日
"""


def test_explain_names_listings_and_repeated_copies(tmp_path: Path):
    out = _explain(tmp_path, CONTENTS)
    numbered = [line for line in out.splitlines() if "某政发〔2026〕" in line and ": " in line]
    rules = [line.split(": ")[1].split(" — ")[0] for line in numbered]
    assert rules == ["listing", "listing", "title-block", "repeated-copy"], out
