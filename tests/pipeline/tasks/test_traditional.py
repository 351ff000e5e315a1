"""A document in traditional script: its tasks, units and targets are read on the simplified
fold (``luoshi.traditional``) and reported as printed (the contract: units as written)."""

from doc_builder import one_document
from luoshi.cli import render_explain
from luoshi.patterns import TRADITIONAL_CHAR
from luoshi.pipeline import parse_text
from luoshi.traditional import Printed

PLAN = [
    "乙縣人民政府辦公室關於印發乙縣農村公路提升行動方案的通知",
    "乙府辦發〔2023〕12號",
    "各鄉鎮人民政府，縣政府各部門：",
    "現將《乙縣農村公路提升行動方案》印發給你們，請認真組織實施。",
    "乙縣人民政府辦公室",
    "2023年4月10日",
    "乙縣農村公路提升行動方案",
    "一、主要目標",
    "到2025年，全縣農村公路優良中等路率達到85%以上，新改建農村公路120公里。",
    "二、重點任務",
    "（一）實施道路改造工程。完成縣鄉道路改造，加強養護管理。（責任單位：縣交通運輸局、縣財政局，各鄉鎮人民政府）",
    "（二）健全管護機制。落實路長制，建立縣鄉村三級管護體系。（縣交通運輸局牽頭，縣財政局、縣農業農村局配合）",
    "（三）強化資金保障。統籌整合涉農資金。（牽頭單位：縣財政局；責任單位：縣發展改革局、縣審計局）",
]


def test_units_and_leads_of_a_traditional_plan_as_printed():
    tasks = {t.path: t for t in one_document(PLAN).tasks}
    assert list(tasks) == [("二", "一"), ("二", "二"), ("二", "三")]
    assert tasks["二", "一"].units == ("縣交通運輸局", "縣財政局", "各鄉鎮人民政府")
    assert tasks["二", "一"].lead_units == ()
    assert tasks["二", "二"].units == ("縣交通運輸局", "縣財政局", "縣農業農村局")
    assert tasks["二", "二"].lead_units == ("縣交通運輸局",)  # 牽頭 read as 牵头
    assert tasks["二", "三"].units == ("縣財政局", "縣發展改革局", "縣審計局")
    assert tasks["二", "三"].lead_units == ("縣財政局",)  # 牽頭單位：


def test_task_text_is_the_printed_text_at_its_span():
    result = parse_text("\n".join(PLAN))
    (doc,) = result.documents
    for task in doc.tasks:
        printed = result.clean.text[task.span.start : task.span.end]
        assert task.text.startswith(printed[:8])
        assert "實" in task.text or "機" in task.text or "強" in task.text  # not the fold


def test_targets_of_a_traditional_plan_as_printed():
    targets = one_document(PLAN).targets
    rate = next(t for t in targets if t.unit == "%")
    assert (rate.comparator, rate.value, rate.deadline) == (">=", 85, "2025-12-31")
    assert rate.indicator == "全縣農村公路優良中等路率"  # 達到 read as 达到, not in the indicator
    assert rate.text == "到2025年，全縣農村公路優良中等路率達到85%以上"
    road = next(t for t in targets if t.unit == "公里")
    assert road.value == 120
    assert "農村公路" in road.indicator and "农村" not in road.indicator


def test_the_same_plan_in_simplified_script_reads_alike():
    simplified = [line.translate(str.maketrans(_TRAD, _SIMP)) for line in PLAN]
    assert all(TRADITIONAL_CHAR.search(line) is None for line in simplified)
    trad, simp = one_document(PLAN), one_document(simplified)
    assert [t.path for t in trad.tasks] == [t.path for t in simp.tasks]
    assert [len(t.units) for t in trad.tasks] == [len(t.units) for t in simp.tasks]
    assert [t.lead_units for t in simp.tasks] == [(), ("县交通运输局",), ("县财政局",)]
    assert [(t.value, t.deadline) for t in trad.targets] == [(t.value, t.deadline) for t in simp.targets]


_TRAD = "縣辦關於發號鄉現將給們標農設產進運輸責單財審牽頭實點務強養護機體資統籌業層長級蓋優達劃導動請認組織鎮門計"
_SIMP = "县办关于发号乡现将给们标农设产进运输责单财审牵头实点务强养护机体资统筹业层长级盖优达划导动请认组织镇门计"


def test_a_value_the_rules_composed_takes_the_printed_forms_used_one_way():
    printed = Printed("公里數，這裡的公里", "公里数，这里的公里")
    assert printed.of("这里", 0) == "這裡"  # found: the printed characters at its place
    # not found: 数 prints one way only (數); 里 prints both as 里 and 裡, so stays 里
    assert printed.of("公里数里", 0) == "公里數里"
    assert printed.of("") == ""


def test_explain_says_the_extractors_read_the_fold():
    out = render_explain(parse_text("\n".join(PLAN)))
    assert "read on the simplified fold" in out
    assert "縣交通運輸局" in out or "县交通运输局" in out
    plain = render_explain(parse_text("\n".join(PLAN).translate(str.maketrans(_TRAD, _SIMP))))
    assert "read on the simplified fold" not in plain
