"""The cleaner: each rule, and the offset map back to the source."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.clean import FOLD_TABLE, clean
from luoshi.model import SourceText


def _clean(text: str):
    return clean(SourceText(path=Path("t.txt"), text=text, kind="txt"))


def _wrapped(lines: list[str]) -> str:
    # A printed layout: 22 full-width characters a line, a blank line after each (as in the seed).
    return "\n\n".join(lines) + "\n"


def test_fullwidth_ascii_folds_but_chinese_punctuation_stays():
    ct = _clean("到２０１８年，覆盖率达１００％（试点）：ＡＢｃ；完成！\n")
    assert ct.text == "到2018年，覆盖率达100%（试点）：ABc；完成！"


def test_plain_nfkc_would_be_wrong_here():
    # The contract keeps （一） and ， full-width; NFKC would fold them.
    ct = _clean("（一）指导思想，坚持发展。\n")
    assert ct.text.startswith("（一）指导思想，")


def test_pdf_font_artefacts_map_to_punctuation():
    assert _clean("加强领导ꎬ落实责任ꎮ\n").text == "加强领导，落实责任。"


def test_spaced_out_characters_are_joined():
    assert _clean("加 大 创 业 扶 持\n").text == "加大创业扶持"
    assert _clean("2025 年 4 月 30 日\n").text == "2025年4月30日"


def test_spaces_between_latin_words_stay():
    assert _clean("采用 PET CT 设备\n").text == "采用PET CT设备"


def test_standalone_page_numbers_are_removed():
    body = ["这是正文第一行内容这是正文第一行内容这是正文", "第二行内容继续写下去这是正文第一行内容正文结"]
    text = _wrapped([body[0], "７１", body[1] + "束。"])
    ct = _clean(text)
    assert "71" not in ct.text and "７１" not in ct.text
    assert ct.text == body[0] + body[1] + "束。"


def test_dashed_page_numbers_are_removed():
    ct = _clean("重点用于开展足球青训\n— 2 —\n\n建设工作任务。\n")
    assert "2" not in ct.text


def test_table_sequence_numbers_are_not_page_numbers():
    rows = "序号\n改革举措\n1\n举措甲\n2\n举措乙\n3\n举措丙\n"
    ct = _clean(rows)
    assert ct.text.split("\n")[2] == "1" and "3" in ct.text.split("\n")


def test_running_head_next_to_page_break_is_removed_but_body_line_kept():
    filler = "正文内容正文内容正文内容正文内容正文内容正"
    text = _wrapped(["上级文件", filler, filler + "。", "７１", "", "", "上级文件", filler + "。"])
    ct = _clean(text)
    assert "上级文件" not in ct.text
    # The same short line inside the body, away from page breaks, is content.
    ct2 = _clean(_wrapped(["上级文件", filler + "。", "上级文件", filler + "。"]))
    assert ct2.text.count("上级文件") >= 1


def test_wrapped_lines_join_but_headings_and_markers_break():
    lines = [
        "一、总体要求",
        "（一）指导思想。全面贯彻落实党的十八大和十",
        "八届二中、三中、四中、五中全会精神，按照党中",
        "央决策部署。",
        "（二）基本原则。",
    ] + ["正文正文正文正文正文正文正文正文正文正文正文"] * 6
    paras = _clean(_wrapped(lines)).text.split("\n")
    assert paras[0] == "一、总体要求"
    assert (
        paras[1] == "（一）指导思想。全面贯彻落实党的十八大和十八届二中、三中、四中、五中全会精神，按照党中央决策部署。"
    )
    assert paras[2] == "（二）基本原则。"


def test_unit_name_broken_across_lines_is_joined():
    filler = ["正文正文正文正文正文正文正文正文正文正文正文"] * 5
    lines = [*filler, "在全省推广使用技能鉴定在线考务系统和职业资格", "证书管理系统。（责任单位：省邮", "政管理局）"]
    ct = _clean(_wrapped(lines))
    assert "（责任单位：省邮政管理局）" in ct.text


def test_unwrapped_web_text_keeps_each_line_a_paragraph():
    lines = ["第一段很长的内容" * 20 + "。", "短标题", "第二段很长的内容" * 20 + "。"]
    ct = _clean("\n".join(lines))
    assert ct.text.split("\n") == lines


def test_offset_map_points_back_to_source_lines():
    text = "标题\n\n第二行正文。\n\n第三行，\n继续。\n"
    ct = _clean(text)
    i = ct.text.index("继续")
    src = ct.source_offset(i)
    assert text[src : src + 2] == "继续"
    assert ct.line_of(i) == 6
    span = ct.span(ct.text.index("第二行"), ct.text.index("第二行") + 3)
    assert (span.line_start, span.line_end) == (3, 3)


def test_seed_has_no_page_furniture(seed):
    from luoshi.read import read_file

    ct = clean(read_file(seed))
    assert "上级文件" not in ct.text
    assert "100M以上的光纤接入能力" in ct.text  # page number ８２ was glued between them
    assert "包装物回收处水平大幅提升" in ct.text  # the stray ! line is gone, the words rejoined
    assert "!" not in ct.text
    for line in ct.text.split("\n"):
        assert not line.isdigit(), line


def test_reversed_two_digit_page_number_is_removed():
    # The seed prints page 30 as ０３ (digits reversed); it is still a page number on its own line.
    filler = "正文内容正文内容正文内容正文内容正文内容正"
    ct = _clean(_wrapped([filler, filler, "０３", "", filler + "。"]))
    assert "03" not in ct.text and "30" not in ct.text
    assert ct.text == filler * 3 + "。"


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("一二三（）。，、：；\n\n \t0123456789０１２ＡａＢ加大创业—ꎬꎮ%％!\f\r")),
        max_size=300,
    )
)
def test_clean_never_raises_and_every_character_maps_back(text):
    ct = _clean(text)
    assert len(ct.offsets) == len(ct.text)
    for ch, off in zip(ct.text, ct.offsets, strict=True):
        assert 0 <= off < max(len(text), 1)
        if ch != "\n":
            # The source character folds to the clean one (or is the same).
            assert ct.source.text[off].translate(FOLD_TABLE) == ch


def test_offset_map_is_a_machine_integer_array_not_python_ints():
    from array import array

    ct = _clean("标题\n\n第二行正文。\n")
    assert isinstance(ct.offsets, array) and ct.offsets.itemsize == 8
    assert ct.source_offset(ct.text.index("第二行")) == "标题\n\n第二行正文。\n".index("第二行")


def test_a_table_number_cell_on_its_own_line_is_not_a_broken_fragment():
    # In a wrapped layout a one- or two-character line is usually what an extraction break left;
    # a bare 序号 cell (or the 序号 header) of a table flattened one cell per line is not.
    body = ["全面推进营商环境优化提升行动持续深化放管服改革激发市场主体活力推动"] * 12
    table = ["序号", "重点任务", "1", "企业开办时间压缩至1个工作日以内。", "2", "新增市场主体2万户以上。"]
    ct = _clean("\n".join([*body, "为此制定本清单。", *table]))
    lines = ct.text.split("\n")
    assert "序号" in lines and "1" in lines and "2" in lines


def test_contents_page_lines_are_dropped_and_lines_like_them_kept():
    text = "\n".join(
        [
            "目　录",
            "关于印发甲方案的通知（临府发〔2024〕1号）……………1",
            "乙办法...........12",
            "丙规定·······٣",  # an Arabic-Indic digit is a \\d too
            "共完成……3",  # a leader shorter than three …: kept
            "目录管理工作要加强",  # 目 starts it, but it is not the head
            "年底前完成1200",  # ends with a digit, no leader
            "下同。",
        ]
    )
    assert _clean(text).text.split("\n") == ["共完成……3", "目录管理工作要加强", "年底前完成1200", "下同。"]


def test_clean_text_maps_each_clean_line_to_its_source_line():
    ct = _clean("第一行。\n\n第二行。\r\n第三行。\n")
    assert [ct.span(i, i + 1).line_start for i in (0, ct.text.index("第二"), ct.text.index("第三"))] == [1, 3, 4]
