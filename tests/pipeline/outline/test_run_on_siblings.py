"""An item run into the one before it on its line (a flattened page lost the break) is an item
of its own: ``（一）……。（省发改委负责）（二）……`` gives （一） and （二）. A numeral a rule cites
(``第（一）（二）项``) stays text."""

from tests.doc_builder import parsed_tasks


def document(first_items: str) -> str:
    return "\n\n".join(
        [
            "某省人民政府关于落实政府工作报告重点工作责任分工的意见",
            "各市人民政府，省政府各部门：",
            "一、主要预期目标",
            first_items,
            "（四）城镇新增就业50万人。（省人力资源社会保障厅负责）",
            "某省人民政府",
            "2024年2月1日",
        ]
    )


def test_items_run_together_on_one_line_are_parted():
    tasks = parsed_tasks(
        document(
            "（一）地区生产总值增长7%左右。（省发展改革委负责）（二）一般公共预算收入增长6%。"
            "（省财政厅负责）（三）居民消费价格涨幅3%左右。（省发展改革委负责）"
        )
    )
    assert set(tasks) == {("一", "一"), ("一", "二"), ("一", "三"), ("一", "四")}
    assert tasks[("一", "一")].units == ("省发展改革委",)
    assert tasks[("一", "二")].units == ("省财政厅",)
    assert tasks[("一", "二")].text == "一般公共预算收入增长6%。"


def test_a_cited_numeral_is_no_item():
    tasks = parsed_tasks(document("（一）规范审批。按照本办法第（一）（二）项规定执行。（省发展改革委负责）"))
    assert set(tasks) == {("一", "一"), ("一", "四")}


def test_a_numeral_out_of_sequence_is_no_item():
    # （三） after （一）'s text is no sibling of （一）: only the next number is.
    tasks = parsed_tasks(document("（一）规范审批。（省发展改革委负责）（三）加强监管。（省市场监管局负责）"))
    assert ("一", "三") not in tasks


def test_the_next_number_is_written_as_markers_write_it():
    from luoshi.patterns import cn_small_number, cn_small_numeral

    assert [cn_small_numeral(n) for n in (1, 9, 10, 11, 19, 20, 23, 99)] == [
        "一", "九", "十", "十一", "十九", "二十", "二十三", "九十九"
    ]  # fmt: skip
    assert all(cn_small_number(cn_small_numeral(n)) == n for n in range(1, 100))


def test_a_run_on_item_after_the_tenth_is_found():
    items = "".join(f"（{n}）第{k}项工作。（省发展改革委负责）\n\n" for k, n in enumerate("一二三四五六七八九", 1))
    text = document(items + "（十）第十项工作。（省财政厅负责）（十一）第十一项工作。（省商务厅负责）")
    tasks = parsed_tasks(text)
    assert ("一", "十一") in tasks
    assert tasks[("一", "十")].units == ("省财政厅",)
