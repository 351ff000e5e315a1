"""Issue 10, structure half: one test per loss class, each on a document written here.

Each test fails on the code before the fix (commit message names the class).
"""

from __future__ import annotations

from pathlib import Path

from luoshi.clean import clean
from luoshi.model import SourceText
from luoshi.pipeline import parse_text


def _clean(text: str):
    return clean(SourceText(path=Path("t.txt"), text=text, kind="txt"))


# A gazette typeset as a printed page: 22 characters a line, a blank line after each, the
# column head on the first page and again after a page number.
_FILL = "为做好试点工作现就有关事项通知如下各地要认"


def _gazette_issue() -> str:
    lines = [
        " 上级文件",
        "省人民政府关于开展试点工作的通知",
        "某政发〔２０２０〕３号",
        "各市（州）人民政府，省政府各部门：",
        _FILL,
        _FILL,
        "真落实。",
        "省人民政府",
        "２０２０年３月４日",
        "１２",
        "",
        "",
        "上级文件",
        "省人民政府办公厅关于做好监测工作的通知",
        "某办发〔２０２０〕９号",
        "各市（州）人民政府：",
        _FILL,
        _FILL,
        "真落实。",
        "省人民政府办公厅",
        "２０２０年３月９日",
        "１３",
    ]
    return "\n\n".join(lines) + "\n"


def test_gazette_running_head_stays_out_of_titles_and_k_copies_give_k_times_the_documents():
    one = parse_text(_gazette_issue()).documents
    assert [d.doc_number for d in one] == ["某政发〔2020〕3号", "某办发〔2020〕9号"]
    for k in (2, 3):
        docs = parse_text(_gazette_issue() * k).documents
        assert len(docs) == 2 * k
        assert [d.doc_number for d in docs] == [d.doc_number for d in one] * k
        for d in docs:
            assert "上级文件" not in (d.title or "")
            assert all("上级文件" not in x for x in d.issuers)
            assert d.date in ("2020-03-04", "2020-03-09")


# Class 1: a city's 印发 notice wraps a policy whose text cites a provincial document by its
# number, printed on a line of its own as a PDF text layer breaks it.
_WRAPPER = """某市人民政府办公室关于印发某市促进就业若干措施的通知
某府办发〔2021〕8号
各区人民政府，市政府各部门：
《某市促进就业若干措施》已经市政府同意，现印发给你们，请认真贯彻执行。
某市人民政府办公室
2021年5月6日
某市促进就业若干措施
为贯彻落实《某省人民政府关于做好稳就业工作的意见》
（某政发〔2020〕12号）
精神，结合本市实际，制定如下措施。
一、加大创业扶持
（一）落实创业补贴。对首次创业的高校毕业生给予一次性补贴。（责任单位：市人力社保局、市财政局）
（二）优化创业服务。建设创业孵化基地。（责任单位：市人力社保局）
二、强化就业服务
（三）开展职业培训。组织开展职业技能培训。（责任单位：市人力社保局）
"""


def test_a_number_cited_in_the_body_does_not_start_a_document():
    docs = parse_text(_WRAPPER).documents
    assert len(docs) == 1
    doc = docs[0]
    assert doc.doc_number == "某府办发〔2021〕8号"
    assert doc.forwarded_title == "某市促进就业若干措施"
    assert doc.date == "2021-05-06"
    assert [t.path for t in doc.tasks] == [("一", "一"), ("一", "二"), ("二", "三")]
    assert [r.doc_number for r in doc.references] == ["某政发〔2020〕12号"]


def test_a_number_with_its_title_block_still_starts_a_document():
    # The other side: the same number under its own title is a document of the gazette.
    own = "某省人民政府关于做好稳就业工作的意见\n某政发〔2020〕12号\n各市人民政府：\n现提出如下意见。\n"
    text = _WRAPPER + own + "某省人民政府\n2020年3月2日\n"
    docs = parse_text(text).documents
    assert [d.doc_number for d in docs] == ["某府办发〔2021〕8号", "某政发〔2020〕12号"]
    assert docs[1].title == "某省人民政府关于做好稳就业工作的意见"


# Class 2: a document with no 版头: a 政府工作报告 (title, subtitle with the date, salutation).
_REPORT = """政府工作报告
——2023年1月10日在某市第十届人民代表大会第二次会议上
某市人民政府市长　张三
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。
一、过去一年工作回顾
过去一年，全市地区生产总值增长5.2%。
二、今年工作安排
今年发展的主要预期目标是：地区生产总值增长5%左右。
"""


def test_a_report_without_banner_gets_title_issuer_and_date_and_no_addressees():
    (doc,) = parse_text(_REPORT).documents
    assert doc.title == "政府工作报告"
    assert doc.doc_number is None
    assert doc.genre == "报告"
    assert doc.date == "2023-01-10"
    assert doc.issuers == ("某市人民政府",)  # ``我代表市人民政府`` to 某市's congress
    assert doc.addressees == ()


def test_a_salutation_is_not_an_addressee_line_but_a_main_send_line_is():
    salutation = "工作报告\n各位代表，同志们：\n现在，我代表区管委会，向大会报告工作。\n"
    (doc,) = parse_text(salutation).documents
    assert doc.addressees == ()
    assert doc.issuers == ("区管委会",)
    notice = "某区人民政府关于做好统计工作的通知\n各街道办事处，区政府各部门：\n现就有关事项通知如下。\n"
    (doc,) = parse_text(notice).documents
    assert doc.addressees == ("各街道办事处", "区政府各部门")


# Class 6 (crawler lines) with the flattened page body crawlers write: one line, paragraphs
# separated by a space or by nothing at all.
_CRAWLED = (
    "标题: 关于印发某区垃圾分类工作方案的通知\n"
    "发布时间: 2019-06-10 09:30\n"
    "文号: \n"
    "发布机构: 某区门户网站\n"
    "原文链接: https://example.gov.cn/a/b.htm\n"
    "==================== 正文 ====================\n"
    "当前位置： 首页 政务公开 关于印发某区垃圾分类工作方案的通知 时间：2019-06-10 09:30 微信 微博 QQ空间 "
    "某区办〔2019〕21号某区管委会办公室关于印发某区垃圾分类工作方案的通知各街道，区直各单位："
    "现将《某区垃圾分类工作方案》印发给你们，请认真组织实施。某区管委会办公室2019年6月3日"
    " 某区垃圾分类工作方案为推进垃圾分类，制定本方案。一、工作目标到2020年，生活垃圾回收利用率达到35%以上。"
    "二、工作任务(一）分类投放1.设置分类收集容器。（区城管局）2.开展入户宣传。（区城管局、区文明办）"
    "(二）分类运输1. 配置专用车辆。（区城管局） 来源：某区门户网站 附件下载\n"
)


def test_crawler_header_lines_are_metadata_and_the_flattened_body_is_cut_into_paragraphs():
    (doc,) = parse_text(_CRAWLED, "page.txt").documents
    assert doc.doc_number == "某区办〔2019〕21号"
    assert doc.title == "某区管委会办公室关于印发某区垃圾分类工作方案的通知"
    assert doc.issuers == ("某区管委会办公室",)
    assert doc.date == "2019-06-03"  # the 落款, not the 发布时间
    assert doc.addressees == ("各街道", "区直各单位")
    assert doc.forwarded_title == "某区垃圾分类工作方案"
    assert [t.path for t in doc.tasks] == [("二", "一", "1"), ("二", "一", "2"), ("二", "二", "1")]
    assert doc.tasks[1].units == ("区城管局", "区文明办")
    assert all("附件下载" not in t.text and "来源" not in t.text for t in doc.tasks)


def test_a_crawler_title_line_alone_is_not_a_header():
    # One ``标题:``-like line opening a plain text is text, not a crawler header.
    (doc,) = parse_text(
        "标题：测试\n某县人民政府关于做好防汛工作的通知\n各乡镇人民政府：\n请做好防汛工作。\n"
    ).documents
    assert doc.addressees == ("各乡镇人民政府",)


# Class 3: a PDF text layer from another producer: half-width brackets with a space
# around the numeral, guillemets for 《》, a justified line spaced out character by
# character, and a unit list broken across a page break.
_PDF_LAYER = [
    "某省人民政府办公厅关于印发«某省促进创业若干措施»的通知",
    "某办发〔２０２２〕７号",
    "各市（州）人民政府，省政府各部门：",
    "《某省促进创业若干措施》已经省政府同意，现印发",
    "给你们，请认真贯彻执行。",
    "某省人民政府办公厅",
    "２０２２年５月９日",
    "某省促进创业若干措施",
    "一、加强创业扶持",
    "( 一) 加大担保贷款支持。对符合条件的创业者",
    "加 大 创 业 担 保 贷 款 贴 息 支 持 力 度 ， 简 化",
    "办理流程，提高服务效率。（责任单位：省人社厅、",
    "— 3 —",
    "",
    "省财政厅）",
    "( 二) 落实税费优惠。落实各项税费减免政策，确保",
    "政策红利直达创业主体，提高政策知晓度和获得感。",
    "（责任单位：省税务局）",
]


def test_pdf_layer_variants_keep_the_outline_units_and_title_marks():
    (doc,) = parse_text("\n\n".join(_PDF_LAYER) + "\n").documents
    assert doc.title == "某省人民政府办公厅关于印发《某省促进创业若干措施》的通知"
    assert doc.forwarded_title == "某省促进创业若干措施"
    assert [t.path for t in doc.tasks] == [("一", "一"), ("一", "二")]
    first = doc.tasks[0]
    assert first.units == ("省人社厅", "省财政厅")  # the list runs on over the page break
    assert "加大创业担保贷款贴息支持力度，简化办理流程" in first.text
    assert doc.tasks[1].units == ("省税务局",)


def test_joint_issuers_printed_without_separator_are_split_at_the_repeated_place_name():
    from luoshi.header import split_run_on_issuers

    assert split_run_on_issuers("某市人力资源和社会保障局某市财政局") == ["某市人力资源和社会保障局", "某市财政局"]
    assert split_run_on_issuers("国务院办公厅") == ["国务院办公厅"]  # 国务院 is an organ word, 办公厅 no new place
    title = "某区管委会办公室贯彻执行某省人民政府办公厅关于完善医疗保障制度实施意见的通知"
    (doc,) = parse_text(f"{title}\n某综管办〔2022〕27号\n各片区管理局：\n现将有关事项通知如下。\n").documents
    assert doc.issuers == ("某区管委会办公室",)


def test_flattened_body_threshold_both_sides():
    from luoshi.pagebody import FLATTENED_MIN_CHARS

    sentence = "各地要加强组织领导，认真抓好落实。"
    item = "一、加强领导。" + sentence
    filler = sentence * ((FLATTENED_MIN_CHARS - len(item) * 2) // len(sentence))
    short_line = item + filler + "二、强化保障。" + sentence
    long_line = item + filler + sentence * 4 + "二、强化保障。" + sentence
    assert len(short_line) < FLATTENED_MIN_CHARS <= len(long_line)
    # Below the threshold a long line is one paragraph; at it, a page body cut at its markers.
    assert len(_clean(short_line + "\n").text.split("\n")) == 1
    assert [p[:3] for p in _clean(long_line + "\n").text.split("\n")] == ["一、加", "二、强"]


def test_crawler_header_needs_two_key_lines():
    from luoshi.pagebody import MIN_CRAWLER_KEYS, crawler_header

    assert MIN_CRAWLER_KEYS == 2
    assert crawler_header(["标题: 某通知", "正文第一行"]) is None
    found = crawler_header(["标题: 某通知", "文号: 某发〔2020〕1号", "=== 正文 ===", "正文"])
    assert found is not None and found.body_line == 3 and found.get("文号") == "某发〔2020〕1号"


def test_one_home_for_doc_numbers_reads_every_bracket_the_sources_use():
    from luoshi.patterns import DOC_NUMBER_LINE, doc_number_in, normalize_doc_number

    cases = {
        "川办发[2016]14号": "川办发〔2016〕14号",
        "川办发［２０１６］１４号": "川办发〔2016〕14号",
        "国发(2015)50号": "国发〔2015〕50号",
        "杭政办函〔2025〕16 号": "杭政办函〔2025〕16号",
        "绵府办函．２０１６．１号": "绵府办函〔2016〕1号",
        "人力资源和社会保障部令第26号": "人力资源和社会保障部令第26号",
        "国家发展改革委令２０１７年第１号": "国家发展改革委令2017年第1号",
    }
    for raw, normal in cases.items():
        assert normalize_doc_number(raw) == normal, raw
    assert normalize_doc_number("2016年工作要点") is None
    assert doc_number_in("（余府发〔２０１２〕３号）") == "余府发〔2012〕3号"
    assert DOC_NUMBER_LINE.match("（余府发〔２０１２〕３号）")
    assert not DOC_NUMBER_LINE.match("根据国发〔2015〕50号文件精神")


def test_a_banner_or_column_head_above_the_title_is_not_part_of_it():
    head = "上级文件\n国务院关于做好试点工作的通知\n国发〔2020〕3号\n各省人民政府：\n现就有关事项通知如下。\n"
    (doc,) = parse_text(head).documents
    assert doc.title == "国务院关于做好试点工作的通知" and doc.issuers == ("国务院",)
    # A title whose first line happens to end with 文件 keeps it (it is no short banner).
    title = "某省人民政府关于废止部分省政府规范性文件\n的决定\n某政发〔2020〕5号\n各市人民政府：\n现决定废止。\n"
    (doc,) = parse_text(title).documents
    assert doc.title == "某省人民政府关于废止部分省政府规范性文件的决定"
    banner = "某省人民政府文件\n某政发〔2020〕6号\n某省人民政府关于做好监测工作的通知\n各市人民政府：\n请做好监测。\n"
    (doc,) = parse_text(banner).documents
    assert doc.title == "某省人民政府关于做好监测工作的通知" and doc.doc_number == "某政发〔2020〕6号"


# Tuning constants, each on both sides of its threshold.


def test_table_number_window_both_sides():
    from luoshi.clean import TABLE_NUMBER_WINDOW

    row = "正文内容正文内容正文内容正文内容正文内容正"

    def numbers_dropped(gap: int) -> set[int]:
        from luoshi.clean import _furniture, _split_lines

        lines = ["1", *[row + "。"] * (gap - 1), "2", row + "。"]
        return _furniture(_split_lines("\n".join(lines))[1])  # the lines, without their offsets

    assert numbers_dropped(TABLE_NUMBER_WINDOW) == set()  # close together: a table's 序号
    assert numbers_dropped(TABLE_NUMBER_WINDOW + 1) == {0, TABLE_NUMBER_WINDOW + 1}  # page numbers


def test_numbering_gap_both_sides():
    from luoshi.outline import MAX_FIRST_NUMBER, MAX_NUMBERING_GAP, build_outline
    from luoshi.split import paragraphs

    def paths(lines: list[str]) -> list[tuple[str, ...]]:
        ct = _clean("\n".join(lines) + "\n")
        return [n.path for n in build_outline(paragraphs(ct)).nodes]

    far = str(1 + MAX_NUMBERING_GAP)
    farther = str(2 + MAX_NUMBERING_GAP)
    assert paths(["1.做甲。", f"{far}.做乙。"]) == [("1",), (far,)]
    assert paths(["1.做甲。", f"{farther}.做乙。"]) == [("1",)]
    first = str(MAX_FIRST_NUMBER)
    assert paths([f"{first}.做甲。"]) == [(first,)]
    assert paths([f"{MAX_FIRST_NUMBER + 1}.做甲。"]) == []


def test_addressee_line_length_both_sides():
    from luoshi.pagebody import MAX_ADDRESSEE_CHARS

    unit = "各有关单位，"
    count = MAX_ADDRESSEE_CHARS // len(unit)
    fits = (unit * count)[:-1] + "："
    too_long = (unit * (count + 1))[:-1] + "："
    assert len(fits) <= MAX_ADDRESSEE_CHARS < len(too_long)
    for line, expected in ((fits, count), (too_long, 0)):
        (doc,) = parse_text(f"某县人民政府关于做好防汛工作的通知\n{line}\n请做好防汛工作。\n").documents
        assert len(doc.addressees) == expected


def test_similar_title_share_both_sides():
    from luoshi.header import SIMILAR_TITLE_SHARE, _similar

    named = "甲乙丙丁戊己庚辛壬癸"  # ten distinct characters
    keep = int(SIMILAR_TITLE_SHARE * len(named))
    assert _similar(named[:keep] + "子丑寅", named)  # shares ≥ the share: the same document
    assert not _similar(named[: keep - 1] + "子丑寅卯", named)


def test_flattened_body_cuts_at_the_genre_boundaries_and_nowhere_else():
    from luoshi.pagebody import cut_flattened

    line = (
        "做好分类。（区城管局〉5.开展抽检。（区城管局）6.加强宣传。 深化“星辰大海 浪漫平潭”品牌，"
        "力争增长2.5%以上。七、保障措施"
    )
    pieces = [line[a:b] for a, b in cut_flattened(line)]
    assert pieces == [
        "做好分类。（区城管局〉",  # a typo'd closing bracket still ends the list
        "5.开展抽检。（区城管局）",
        "6.加强宣传。",
        "深化“星辰大海 浪漫平潭”品牌，力争增长2.5%以上。",  # a space inside quotes is content
        "七、保障措施",
    ]


def test_speech_opening_window_both_sides():
    from luoshi.header import SPEECH_OPENING_PARAGRAPHS

    def date_of(blank_paragraphs: int) -> str | None:
        filler = ["我们要坚定信心。"] * blank_paragraphs
        text = "\n".join(["政府工作报告", *filler, "——2023年1月10日在某市人民代表大会第二次会议上", "各位代表："])
        return parse_text(text + "\n").documents[0].date

    assert date_of(SPEECH_OPENING_PARAGRAPHS - 2) == "2023-01-10"  # within the opening lines
    assert date_of(SPEECH_OPENING_PARAGRAPHS) is None  # a date deep in the text is no subtitle


def test_banner_length_both_sides():
    from luoshi.header import MAX_BANNER_CHARS

    def title_of(banner: str) -> str | None:
        body = "请做好试点工作，按时报送进展情况。" * 8  # one paragraph a line, as web copies print
        text = f"{banner}\n某局关于做好试点工作的通知\n某发〔2020〕3号\n各单位：\n{body}\n{body}\n"
        return parse_text(text).documents[0].title

    short = "某" * (MAX_BANNER_CHARS - 2) + "文件"
    long = "某" * (MAX_BANNER_CHARS - 1) + "文件"
    assert title_of(short) == "某局关于做好试点工作的通知"
    assert title_of(long).startswith(long)  # too long for a 版头: a title line


def test_signature_line_length_both_sides():
    from luoshi.header import MAX_SIGNATURE_LINE_CHARS

    def issuers_of(signer: str) -> tuple[str, ...]:
        text = f"关于做好试点工作的通知\n某发〔2020〕3号\n各单位：\n请做好试点。\n{signer}\n2020年3月4日\n"
        return parse_text(text).documents[0].issuers

    fits = "某" * (MAX_SIGNATURE_LINE_CHARS - 1) + "局"
    too_long = "某" * MAX_SIGNATURE_LINE_CHARS + "局"
    assert issuers_of(fits) == (fits,)
    assert issuers_of(too_long) == ()


def test_separator_space_share_both_sides():
    from luoshi.pagebody import MAX_SEPARATOR_SPACE_SHARE, cut_flattened

    block = "各地要加强组织领导认真抓好落实"  # 15 characters
    per = int(1 / MAX_SEPARATOR_SPACE_SHARE)
    sparse = " ".join([block] * 4)  # a space per 16 characters: block breaks
    spaced = " ".join(block * 2)  # a space per 2 characters: a justified line
    assert len(sparse) > per and sparse.count(" ") < MAX_SEPARATOR_SPACE_SHARE * len(sparse)
    assert len(cut_flattened(sparse)) == 4
    assert spaced.count(" ") > MAX_SEPARATOR_SPACE_SHARE * len(spaced)
    assert len(cut_flattened(spaced)) == 1


def test_report_subtitle_in_brackets_or_chinese_numerals():
    for subtitle in (
        "（2024年1月15日在某县第十八届人民代表大会第三次会议上）",
        "——二〇二四年一月十五日在某县人民代表大会上",
    ):
        text = f"政府工作报告\n{subtitle}\n各位代表：\n现在，我代表县人民政府，向大会报告工作。\n"
        (doc,) = parse_text(text).documents
        assert doc.date == "2024-01-15", subtitle
        assert doc.issuers == ("某县人民政府",)


def test_a_joint_signature_printing_two_bodies_on_a_line_gives_each_body():
    text = (
        "某市卫生健康委等4部门关于印发某项实施方案的通知\n"
        "某卫函〔2023〕12号\n"
        "各区卫生健康局：\n"
        "现将《某项实施方案》印发给你们，请认真贯彻执行。\n"
        "某市卫生健康委员会　　　某市财政局\n"
        "某市人力资源和社会保障局　　某市医疗保障局\n"
        "2023年10月19日\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.issuers == ("某市卫生健康委员会", "某市财政局", "某市人力资源和社会保障局", "某市医疗保障局")


def test_a_party_and_a_government_office_run_together_are_two_issuers():
    from luoshi.header import split_run_on_issuers

    joint = split_run_on_issuers("中共临川市委办公室临川市人民政府办公室")
    assert joint == ["中共临川市委办公室", "临川市人民政府办公室"]
    assert split_run_on_issuers("中共临川市委组织部") == ["中共临川市委组织部"]
