"""PDF text layers saved as .txt: hard-wrapped lines as a printer set them (GB/T 9704: 28
characters a line, no indent kept), read back into the paragraphs of the source."""

from __future__ import annotations

from pathlib import Path

from luoshi.clean import clean
from luoshi.model import SourceText

LINE = 28


def _layer(paragraphs: list[str], width: int = LINE) -> str:
    """The paragraphs hard-wrapped at ``width`` characters, one line each, as plain pdftotext gives them."""
    lines: list[str] = []
    for p in paragraphs:
        lines += [p[i : i + width] for i in range(0, len(p), width)]
    return "\n".join(lines) + "\n"


def _clean(text: str, kind: str = "txt") -> list[str]:
    return clean(SourceText(path=Path("t." + kind), text=text, kind=kind)).text.split("\n")


# Body paragraphs long enough to set the layer's usual line.
FILLER = [
    "各地区各部门要高度重视这项工作，切实加强组织领导，明确责任分工，细化工作措施，确保各项任务按期完成，"
    "及时研究解决工作中遇到的困难和问题，形成工作合力。",
    "要加强统筹协调，建立健全工作机制，定期召开联席会议，通报工作进展情况，协调解决重大问题，督促落实"
    "各项工作任务，推动工作取得实效。",
]


def _wrapped_before(marker_text: str, lead: str) -> list[str]:
    """A paragraph whose wrap falls so that its next line starts with ``marker_text``."""
    pad = "加强基层组织建设，完善工作机制，推进各项改革任务落地见效，"
    body = (pad * 3 + lead)[-(2 * LINE) :]
    assert len(body) == 2 * LINE
    return [*FILLER, body + marker_text + "确保落实。", *FILLER]


def test_a_full_line_without_closing_punctuation_runs_on_into_a_marker_that_continues_it():
    # ``……多站合`` / ``一、服务同网……`` and ``……按照`` / ``（一）款规定……``: the wrap fell before the marker.
    for lead, marker in (
        ("鼓励多站合", "一、服务同网，"),
        ("依照本办法第十条第", "（一）项规定的程序办理，"),
        ("按照", "（一）款规定，"),
    ):
        paras = _wrapped_before(marker, lead)
        out = _clean(_layer(paras))
        assert paras[2] in out, (lead, marker)


def test_a_short_heading_or_a_sentence_end_before_a_marker_still_breaks():
    paras = [
        *FILLER,
        "一、总体要求",
        "（一）指导思想。坚持以人民为中心的发展思想，完善工作机制，推进各项改革任务落地见效。",
        *FILLER,
    ]
    out = _clean(_layer(paras))
    assert "一、总体要求" in out and paras[3] in out
    # A full line that ends its sentence: the marker on the next line opens an item.
    full = "加强基层组织建设，完善工作机制，推进各项改革任务落地见效，确保工作落到实处取得明显成效。"
    assert len(full) <= 2 * LINE
    full = ("推进" * LINE)[: 2 * LINE - len(full)] + full
    paras = [*FILLER, full, "（二）保障措施。各地要加强组织领导，完善工作机制，推进改革任务落地见效。", *FILLER]
    out = _clean(_layer(paras))
    assert full in out and paras[3] in out


def test_a_short_heading_after_a_full_line_without_closing_punctuation_still_breaks():
    # The full line is a wrap, but what follows the marker is a heading, no sentence's rest.
    paras = _wrapped_before("", "加强管理工作")
    paras[2] = paras[2][: 2 * LINE]
    paras[3:3] = ["一、总体要求"]
    out = _clean(_layer(paras))
    assert paras[2] in out and "一、总体要求" in out


def test_a_full_heading_line_opening_with_its_own_marker_is_not_run_into_the_next_marker():
    heading = "一、" + ("坚持高质量发展推动经济社会全面进步开创新局面" * 2)[: LINE - 2]
    assert len(heading) == LINE
    paras = [*FILLER, heading, "（一）加快建设现代化产业体系，完善工作机制，推进各项改革任务落地见效。", *FILLER]
    out = _clean(_layer(paras))
    assert heading in out and paras[3] in out


def test_a_full_body_line_ending_in_a_genre_word_is_no_title():
    # ``……定期召开联席会议，通报`` / ``工作进展情况……``: a title holds no comma; a body line does.
    paras = [
        *FILLER,
        "要加强统筹协调，建立健全工作机制，定期召开联席会议，通报工作进展情况，协调解决重大问题。",
        *FILLER,
    ]
    assert paras[2][LINE - 2 : LINE] == "通报"
    assert paras[2] in _clean(_layer(paras))
    # A title's last line ending in its 文种 still stands apart from the line after it.
    out = _clean("某某市人民政府关于加强安全生产工作的\n通知\n" + _layer(FILLER))
    assert out[:2] == ["某某市人民政府关于加强安全生产工作的通知", FILLER[0]]


def test_a_title_broken_inside_its_genre_word_ends_with_it():
    # ``转发……工作的通`` / ``知`` / ``各县、区人民政府：``: the fragment ends the title, not the line.
    title = "转发某某省人民政府办公厅关于做好全省商贸流通统计工作的通知"
    assert len(title) == LINE + 1
    out = _clean(_layer([title, "各县、区人民政府，市政府各有关部门：", *FILLER]))
    assert out[:2] == [title, "各县、区人民政府，市政府各有关部门："]
    # A body line broken the same way runs on: it holds a comma (``……按规定发出通`` / ``知``).
    body = "各部门要高度重视，切实加强组织领导，按照规定及时发出该通知"
    assert len(body) == LINE + 1
    out = _clean(_layer([*FILLER, body, *FILLER]))
    assert any(p.startswith(body) for p in out)


def test_a_title_wrapped_before_its_year_bracket_is_one_line():
    for note in ("（2021-2025年）", "（2015—2020年）", "（试行）", "（2023年修订）", "（卫生健康部分）", "（节选）"):
        text = f"某某市城乡建设发展规划\n{note}\n" + _layer(FILLER)
        out = _clean(text)
        assert out[0] == "某某市城乡建设发展规划" + note, note
    # A bracket that is not a year or an edition note stays on its own line.
    out = _clean("某某市城乡建设发展规划\n（二）\n" + _layer(FILLER))
    assert out[0] == "某某市城乡建设发展规划"


def test_a_unit_label_line_is_not_run_into_the_heading_above():
    paras = [*FILLER, "（二）稳增长", "责任单位：县发改局、县财政局", "地区生产总值增长7%以上。", *FILLER]
    out = _clean(_layer(paras))
    assert "（二）稳增长" in out
    assert "责任单位：县发改局、县财政局" in out
    # A label that continues a wrapped sentence (``……由`` / ``责任单位……``) still runs on.
    paras = [*FILLER, "各项工作由" + "县" * (2 * LINE - 5), "责任单位负责落实。", *FILLER]
    out = _clean(_layer(paras))
    assert paras[2] + paras[3] in out


def test_page_chrome_lines_of_a_saved_page_stand_alone_in_a_text_file():
    text = "朗读\n各乡镇人民政府，县政府各部门：\n" + _layer(FILLER)
    out = _clean(text)
    assert out[:2] == ["朗读", "各乡镇人民政府，县政府各部门："]
    text = "【字体：大 中 小】\n各乡镇人民政府，县政府各部门：\n" + _layer(FILLER)
    assert _clean(text)[:2] == ["【字体：大中小】", "各乡镇人民政府，县政府各部门："]
    # A body word that is no button joins as before: ``加强`` / ``组织领导……`` is a wrap.
    text = _layer(FILLER) + "加强\n组织领导，各地区要切实抓好落实。\n"
    assert _clean(text)[-1] == "加强组织领导，各地区要切实抓好落实。"


# A 分解方案 of short items, each with its unit label on the next line: every line is about as
# wide as the others, so the widths alone read as a wrapped layout.
TARGET_LIST = [
    "某区政府工作报告确定的主要目标任务责任分解方案",
    "一、全区经济社会发展的主要预期目标",
    "（一）地区生产总值增长7%以上",
    "责任单位：区发展和改革局",
    "（二）规上工业增加值增长12%以上",
    "责任单位：区科技和经信局",
    "（三）固定资产投资增长10%以上",
    "责任单位：区发展和改革局、区财政局",
]


def test_a_unit_label_line_stays_apart_from_a_heading_item_of_like_width():
    out = _clean("\n".join(TARGET_LIST) + "\n")
    assert out == TARGET_LIST


def test_the_unit_label_line_still_gives_the_item_its_units_and_the_target_its_indicator(tmp_path):
    from luoshi.contract import to_contract
    from luoshi.pipeline import parse_file

    path = tmp_path / "fenjie.txt"
    path.write_text("\n".join(TARGET_LIST) + "\n", encoding="utf-8")
    (doc,) = to_contract(parse_file(path))["documents"]
    assert [(t["text"], t["units"]) for t in doc["tasks"]] == [
        ("地区生产总值增长7%以上", ["区发展和改革局"]),
        ("规上工业增加值增长12%以上", ["区科技和经信局"]),
        ("固定资产投资增长10%以上", ["区发展和改革局", "区财政局"]),
    ]
    assert [t["value"] for t in doc["targets"]] == [7, 12, 10]
    assert not any("责任单位" in t["indicator"] for t in doc["targets"])


# 民生实事 as a layer: a heading, then a paragraph of a full line and a tail of 3 to 21
# characters; so many lines are short, and of so many widths, that no width is usual.
_ITEM_TEXT = "完成农村黑臭水体整治切实提升水环境质量推进老旧小区改造惠及城镇家庭完善社区体育公园推动全民健身事业发展"
_ITEM_HEADS = ["一、加强学位建设。", "二、加强黑臭水体整治。", "三、实施小学生优质午休工程。", "四、加强公园建设。"]
_ITEM_HEADS += ["五、加快推进老旧小区改造。", "六、推进农贸市场改造。", "七、开展疫苗免费接种。"]
SHORT_ITEMS = [line for k, head in enumerate(_ITEM_HEADS) for line in (head, _ITEM_TEXT[: LINE + 3 + 3 * k] + "。")]


def test_a_layer_of_short_paragraphs_is_read_by_its_full_lines():
    from luoshi.clean import MIN_CONTENT_WIDTH, _east_asian_width, _is_wrapped_layout, _line_width_estimate

    text = _layer(SHORT_ITEMS)
    widths = sorted(w for w in map(_east_asian_width, text.splitlines()) if w >= MIN_CONTENT_WIDTH)
    assert not _is_wrapped_layout(widths, _line_width_estimate(widths))  # the median reads no layout
    assert _clean(text) == SHORT_ITEMS


def test_the_full_line_width_needs_enough_lines_near_the_widest_and_none_wider_than_a_layout():
    from luoshi.clean import FULL_LINE_MIN_LINES, FULL_LINE_SHARE, UNWRAPPED_WIDTH, WRAP_SLACK, _full_line_width

    assert FULL_LINE_MIN_LINES == 8 and FULL_LINE_SHARE == 0.25
    # Two full lines (55, 56) among eight: a share of 0.25; the full width is theirs.
    assert _full_line_width(sorted([22, 24, 26, 30, 30, 34, 55, 56])) == 56
    # Seven lines: too few to read a layout from.
    assert _full_line_width(sorted([22, 26, 30, 30, 34, 55, 56])) == 0
    # One line near the widest among eight: a share under 0.25.
    assert _full_line_width(sorted([22, 24, 26, 30, 30, 34, 40, 56 + WRAP_SLACK + 1])) == 0
    # The widest line as wide as no printed line: one paragraph a line.
    assert _full_line_width(sorted([22, 24, 26, 30, 30, 34, UNWRAPPED_WIDTH, UNWRAPPED_WIDTH])) == 0


def test_a_metadata_line_of_a_saved_page_opens_a_paragraph_in_a_text_file():
    # A full title line ending in its number's bracket would run on; the page's 来源/日期 line is not its rest.
    title = "中共某某市委办公室某某市人民政府办公室印发《关于全面推进政务公开工作的实施意见》"
    title += "的通知（某市委办发〔2017〕12号）"
    meta = "来源：某某市政府门户网 日期：2017-01-12 17:08"
    lines = [title[:LINE], title[LINE:], meta, *_layer(FILLER).splitlines()]  # both title lines full
    out = _clean("\n".join(lines) + "\n")
    assert out[:2] == [title, "来源：某某市政府门户网日期：2017-01-12 17:08"]
    # Without its colon the word is body text: the wrap runs on.
    body = "各地区要建立稳定的资金投入机制，确保项目建设资金足额到位，资金"
    out = _clean(_layer([*FILLER, body + "来源稳定可靠。", *FILLER]))
    assert body + "来源稳定可靠。" in out


def test_an_article_number_on_a_line_of_its_own_opens_the_articles_text():
    # pdftotext puts the gap after ``第十一条`` as a line break: the article is its number, the
    # rest of its first printed line (26 columns narrower than the line) and the lines after.
    first = "市民政部门可以根据实际情况设置市级综合养老"
    rest = "服务中心，并应当具备综合展示等功能。"
    lines = [*_layer(FILLER).splitlines(), "第十一条", first, rest, *_layer(FILLER).splitlines()]
    out = _clean("\n".join(lines) + "\n")
    assert "第十一条" + first + rest in out
    # A chapter number and its name: one heading; the next article stays apart from it.
    lines = [*_layer(FILLER).splitlines(), "第一章", "总则", "第一条", "为了规范本市养老服务工作，制定本办法。"]
    out = _clean("\n".join(lines) + "\n")
    assert out[-2:] == ["第一章总则", "第一条为了规范本市养老服务工作，制定本办法。"]
    # A marker with its text on its own line is no bare marker: the next marker opens an item.
    lines = [*_layer(FILLER).splitlines(), "第一章总则", "第一条为了规范本市养老服务工作，制定本办法。"]
    assert _clean("\n".join(lines) + "\n")[-2:] == lines[-2:]


def test_a_bracketed_unit_list_on_its_own_line_stays_the_items_after_a_full_or_a_short_line(tmp_path):
    # The guide: a unit list closing an item belongs to it, on its own line or not.
    from luoshi.contract import to_contract
    from luoshi.pipeline import parse_file

    full = (
        "1.扩大有效投资。加快推进重大项目建设，完善项目储备和调度机制，推进各项改革任务落地见效，确保各项工作按期完成。"
    )
    assert len(full) == 2 * LINE  # its last line is full and ends a sentence
    paras = [
        "某县人民政府关于印发重点工作任务分工的通知",
        "各乡镇人民政府，县政府各部门：",
        "现将重点工作任务分工印发给你们，请认真贯彻落实。",
        "一、稳增长",
        full,
        "（责任单位：县发改局、县财政局）",
        "2.提升教育质量。",
        "（责任单位：县教育局）",
    ]
    path = tmp_path / "fengong.txt"
    path.write_text(_layer(paras), encoding="utf-8")
    (doc,) = to_contract(parse_file(path))["documents"]
    assert [(t["path"], t["units"]) for t in doc["tasks"]] == [
        (["一", "1"], ["县发改局", "县财政局"]),
        (["一", "2"], ["县教育局"]),
    ]
    assert doc["tasks"][1]["text"] == "提升教育质量。"


def test_a_line_opening_with_de_or_a_closing_mark_continues_even_after_a_genre_word():
    # ``……“十四五”国家信息化规划`` / ``的通知``: the title goes on past the 文种 word inside it.
    title = "中央网络安全和信息化委员会关于印发国家信息化发展规划的通知"
    out = _clean("\n".join([title[:-3], title[-3:], *_layer(FILLER).splitlines()]) + "\n")
    assert out[0] == title
    # ``……实施意见》`` / ``，将……``: a comma opens no paragraph.
    body = "落实《某某省大中小学校体育教练员岗位设置管理实施意见》"
    out = _clean("\n".join([*_layer(FILLER).splitlines(), body, "，将教练员岗位纳入学校年度招聘计划。"]) + "\n")
    assert out[-1] == body + "，将教练员岗位纳入学校年度招聘计划。"
    # A title's last line ending in its 文种 still ends the title before a line of its own.
    out = _clean("\n".join([title[:-3], title[-3:], "各省、自治区、直辖市人民政府："]) + "\n")
    assert out[:2] == [title, "各省、自治区、直辖市人民政府："]
