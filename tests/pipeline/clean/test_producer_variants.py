"""The same text from another producer parses the same (issue 10, ``eval/perturb.py``).

Each document is written here, in the layout of a GB/T 9704 notice; a variant rewrites it the
way another PDF text layer or crawler would, and the parse must give the same fields.
"""

from __future__ import annotations

from doc_builder import clean_lines
from luoshi.contract import to_contract
from luoshi.pipeline import parse_text

NOTICE = [
    "临川市人民政府办公室关于印发临川市2025年营商环境优化提升行动方案的通知",
    "临府办发〔2025〕12号",
    "各县（区）人民政府，市政府各部门：",
    "《临川市2025年营商环境优化提升行动方案》已经市政府同意，现印发给你们，请认真贯彻执行。",
    "一、工作目标",
    "到2025年底，政务服务事项网上可办率达到98%以上。（市政务服务局牵头）",
    "临川市人民政府办公室",
    "2025年3月18日",
]


def _doc(text: str) -> dict:
    docs = to_contract(parse_text(text))["documents"]
    assert len(docs) == 1
    return docs[0]


# --- letter-spaced short lines -----------------------------------------------------------------


def _spaced(line: str, gap: str = " ") -> str:
    return gap.join(line)


def test_a_letter_spaced_number_and_date_read_as_the_plain_ones():
    plain = _doc("\n".join(NOTICE))
    lines = list(NOTICE)
    lines[1], lines[2], lines[7] = _spaced(lines[1]), _spaced(lines[2]), _spaced(lines[7])
    spaced = _doc("\n".join(lines))
    assert plain["doc_number"] == "临府办发〔2025〕12号" and plain["date"] == "2025-03-18"
    for field in ("doc_number", "date", "addressees", "title", "targets"):
        assert spaced[field] == plain[field], field


def test_wider_gaps_between_single_characters_are_letter_spacing_too():
    # A PDF layer gives ``2 0 2 5   年   3   月   1 8   日``: gaps of one and of three spaces.
    assert clean_lines("2 0 2 5   年   3   月   1 8   日\n") == ["2025年3月18日"]
    assert clean_lines("临 府 办 发 〔 2 0 2 5 〕 1 2   号\n") == ["临府办发〔2025〕12号"]


def test_words_and_short_spaced_pieces_keep_their_digit_spaces():
    # Not letter-spaced: a word stands among the pieces, or fewer than four characters.
    assert clean_lines("附件 1 2 3\n") == ["附件1 2 3"]
    assert clean_lines("表 1 2\n") == ["表1 2"]
    assert clean_lines("1 2 3 4\n") == ["1 2 3 4"]  # no Chinese character: a row of figures


# --- page counters among a crawler's header lines -----------------------------------------------

REPORT = [
    "临川市政府工作报告",
    "——2025年1月8日在临川市第九届人民代表大会第五次会议上",
    "各位代表：",
    "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。",
    "一、2024年工作回顾",
    *["全市地区生产总值增长5.5%，规模以上工业增加值增长6.1%，城乡居民人均可支配收入稳步提高，民生事业全面进步。"] * 6,
]  # paragraphs of more than 60 characters, one a line: a crawler's text, no layout wrap


def test_a_page_counter_under_the_crawler_header_is_not_the_title():
    head = ["标题:临川市政府工作报告", "发布时间:2025-01-10 09:30", "来源:临川市人民政府"]
    for counter in ("浏览次数:1024", "阅读次数：87次", "字号：大 中 小"):
        doc = _doc("\n".join([*head, counter, *REPORT]))
        assert doc["title"] == "临川市政府工作报告", counter


def test_a_line_that_only_starts_like_a_counter_is_kept():
    # Not a counter: text after the figure.
    doc = _doc("\n".join(["浏览次数:1024的统计口径说明", *REPORT]))
    assert doc["title"] != "临川市政府工作报告"


# --- a layout of 20 characters a line ---------------------------------------------------------

# Lines of 20 full-width characters (40 columns), as a narrower page or a larger font sets them.
NARROW = [
    "二是依靠创新引领产业升级，增强城乡区域发",
    "展新动能。强化国家战略科技力量，加快实施",
    "重大科技项目。全面部署推进新型工业化。三",
    "是深化改革扩大开放，持续改善营商环境等。",
    "出台建设全国统一大市场总体工作方案和各项",  # a full line after a sentence end: no heading
    "配套政策，清理一批妨碍公平竞争政策规定。",
    "——经济总体回升向好。国内生产总值已超过",  # a dash lead after a full line's sentence end
    "百万亿元，增长百分之五，增速居世界前列。",
    "（一）加强组织领导",  # a heading: short, after a sentence end
    "各地区要把这项工作摆上重要日程，加强统筹",
    "协调，确保各项任务落到实处并取得成效。",
]


def test_the_narrow_lines_are_twenty_characters():
    assert {len(line) for line in NARROW[:8] + NARROW[9:10]} == {20}


def test_in_a_narrow_layout_a_full_line_after_a_sentence_end_continues_it():
    paras = clean_lines("\n".join(NARROW) + "\n")
    assert paras[0] == "".join(NARROW[:6])


def test_a_dash_lead_after_a_sentence_end_opens_a_paragraph():
    paras = clean_lines("\n".join(NARROW) + "\n")
    assert paras[1] == NARROW[6] + NARROW[7]
    assert paras[2:] == [NARROW[8], NARROW[9] + NARROW[10]]


# --- a wrap before an ordinal's numeral, after a quotation or a bracket note --------------------

FILLER = "各地区各部门要把这项工作摆上重要日程认真落实。"  # 23 characters: a full line of the layout below


def _wrapped(lines: list[str]) -> list[str]:
    """``lines`` among full lines of 23 characters ending sentences, as a page of that width."""
    return clean_lines("\n".join([FILLER, FILLER, *lines, FILLER, FILLER]) + "\n")


def _joined(lines: list[str]) -> bool:
    return any("".join(lines) in p for p in _wrapped(lines))


def _apart(lines: list[str]) -> bool:
    paras = _wrapped(lines)
    return not _joined(lines) and any(p.endswith(lines[0]) for p in paras) and lines[1] in paras


def test_the_wrapped_lines_are_as_wide_as_the_filler():
    assert len(FILLER) == 23


def test_a_wrap_after_an_ordinals_di_does_not_start_a_marker():
    assert _joined(["坚持保护为主、抢救第一、合理利用、加强管理的第", "一、方针，深入挖掘和系统阐发文物所蕴含的内涵。"])


def test_a_marker_after_any_other_full_line_starts_a_paragraph():
    assert _apart(["坚持保护为主、抢救第一、合理利用、加强管理工作", "一、总体要求"])


def test_a_quotation_closed_inside_a_sentence_does_not_end_the_paragraph():
    assert _joined(["建立抽查制度，制定管理办法，组织开展“双随机”", "抽查工作。"])


def test_a_quotation_ending_its_sentence_ends_the_paragraph():
    assert _apart(["他强调：“要把这项工作摆上重要日程认真落实。”", "各地区要加大资金投入力度。"])


def test_a_bracket_note_inside_a_sentence_does_not_end_the_paragraph():
    assert _joined(["开展网格化管理试点，扩大到整个市区和县（市、区）", "和六成乡镇。"])


def test_a_bracket_note_after_a_sentence_end_ends_the_paragraph():
    assert _apart(["认真落实各项工作要求确保按期完成。（市体育局）", "各地区要加大资金投入力度。"])


def test_a_bracket_after_a_bracket_ends_the_paragraph():
    # A contents entry's page after its number qualifies no word.
    assert _apart(["做好春季防火工作的通知（临府发〔2025〕1号）（2）", "各地区要加大资金投入力度。"])
