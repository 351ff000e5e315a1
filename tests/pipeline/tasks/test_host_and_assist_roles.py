"""主办 and 协办 are role words, as 牵头 and 配合 are: ``（省财政厅主办，省国税局协办）`` names the
units 省财政厅 (the lead) and 省国税局, not ``省财政厅主办``; a 主办单位 label leads too."""

from tests.doc_builder import parsed_tasks


def document(item_two: str) -> str:
    return "\n\n".join(
        [
            "某省人民政府关于落实政府工作报告重点工作责任分工的意见",
            "各市人民政府，省政府各部门：",
            "一、主要预期目标",
            "（一）地区生产总值增长7%左右。（省发展改革委牵头，省统计局配合）",
            "（二）一般公共预算收入增长6%。" + item_two,
            "某省人民政府",
            "2024年2月1日",
        ]
    )


def test_host_and_assist_role_words_are_stripped_and_the_host_leads():
    task = parsed_tasks(document("（省财政厅主办，省税务局、省国资委协办）"))[("一", "二")]
    assert task.units == ("省财政厅", "省税务局", "省国资委")
    assert task.lead_units == ("省财政厅",)


def test_a_host_unit_label_leads():
    task = parsed_tasks(document("（主办单位：省财政厅；协办单位：省税务局）"))[("一", "二")]
    assert task.units == ("省财政厅", "省税务局")
    assert task.lead_units == ("省财政厅",)


def test_the_lead_and_assist_words_read_as_before():
    task = parsed_tasks(document("（省财政厅牵头，省税务局配合）"))[("一", "二")]
    assert task.units == ("省财政厅", "省税务局")
    assert task.lead_units == ("省财政厅",)
