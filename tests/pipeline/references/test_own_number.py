"""A document's own 发文字号 is never a reference of itself, wherever the page or copy prints it.

Every document here is made up in the conventions of the genre (GB/T 9704 版头, web copies that
join the 版头's lines, a regulation's 题注, a standing committee's 公告 head). Each test also keeps a
near case: a number cited in running text, a number in a list of cited documents, the forwarded
document's number in a 转发 entry.
"""

from __future__ import annotations

from doc_builder import build
from luoshi.extract.references import analyse_references, extract_references
from luoshi.pipeline import parse_text


def refs_of(text: str) -> list[str]:
    docs = parse_text(text).documents
    assert len(docs) == 1
    return [r.doc_number for r in docs[0].references]


def rules_of(text: str) -> dict[str, list[str]]:
    result = parse_text(text)
    out: dict[str, list[str]] = {}
    for d in analyse_references(result.documents[0], result.clean):
        out.setdefault(d.citation.doc_number, []).append(d.rule)
    return out


DATE_LINE = """甲市人民政府办公厅关于加强城市道路窨井设施管理的通知
2023年5月4日　甲府办〔2023〕5号
各区人民政府，市政府各部门、各直属机构：
为贯彻落实《乙省人民政府关于加强城市基础设施建设的意见》（乙府〔2022〕12号）精神，经市人民政府同意，现就有关事项通知如下：
一、落实管理责任。各区要明确窨井设施的产权单位，建立台账。
二、加强日常巡查。市政部门要定期巡查，发现问题及时处置。
甲市人民政府办公厅
2023年5月4日
"""


def test_number_on_a_date_line_is_the_documents_own():
    # Failed on main: ``日甲府办〔2023〕5号`` (the date's 日 taken into the code) was a reference.
    assert refs_of(DATE_LINE) == ["乙府〔2022〕12号"]
    assert rules_of(DATE_LINE)["甲府办〔2023〕5号"] == ["own-number:date-line"]


def test_a_dated_citation_in_running_text_stays_a_reference():
    text = DATE_LINE.replace(
        "一、落实管理责任。",
        "一、落实管理责任。按照2021年3月2日印发的乙府办〔2021〕7号文件，",
    )
    assert refs_of(text) == ["乙府〔2022〕12号", "乙府办〔2021〕7号"]


GLUED = """甲市人民政府办公厅
甲府办〔2023〕5号各区人民政府，市政府各部门：
为贯彻落实《乙省人民政府办公厅关于促进消费的若干措施》（乙府办〔2023〕2号）精神，经市人民政府同意，现就有关事项通知如下：
一、开展促消费活动。各区要组织开展消费季活动。
二、加大政策支持。市商务局要落实各项扶持政策。
甲市人民政府办公厅
2023年3月1日
"""


def test_number_glued_to_the_main_send_line_is_the_documents_own():
    # Failed on main: the 版头's number run into the 主送 line was a reference.
    assert rules_of(GLUED)["甲府办〔2023〕5号"] == ["own-number:addressees"]
    assert refs_of(GLUED) == ["乙府办〔2023〕2号"]
    # A flattened copy runs the 主送 line on into a long body line; the addressees still end at
    # the first colon after the number.
    flat = GLUED.replace("市政府各部门：\n", "市政府各部门：").replace("精神，", "精神，" + "结合我市实际，" * 40)
    assert refs_of(flat) == ["乙府办〔2023〕2号"]
    # The same place, but what follows is a sentence, not addressees: a citation.
    text = GLUED.replace("甲府办〔2023〕5号各区人民政府，市政府各部门：", "乙府办〔2022〕9号文件要求各区落实到位。")
    assert "乙府办〔2022〕9号" in refs_of(text)


TITLE_BRACKETS = """甲市人民政府办公厅关于做好政府信息公开登记统计工作的通知（甲府办〔2009〕37号）
各区、县级市人民政府，市政府各部门、各直属机构：
根据《乙省人民政府办公厅关于做好政府信息公开工作的通知》（乙府办〔2008〕56号）要求，现就有关事项通知如下：
一、建立登记制度。各部门要建立健全政府信息登记统计制度。
二、按时报送。各区每季度报送一次统计情况。
甲市人民政府办公厅
2009年6月2日
"""


def test_number_in_the_titles_brackets_is_the_documents_own():
    # Failed on main: a web copy joins title, number and 主送 on one line; the number was cited.
    assert refs_of(TITLE_BRACKETS) == ["乙府办〔2008〕56号"]
    forwarded_number_stays_a_reference()


NUMBER_AND_TITLE = """甲政发〔2014〕20号《甲省人民政府关于深化预算管理制度改革的实施意见》
各市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：
根据《国务院关于深化预算管理制度改革的决定》（国发〔2014〕45号）有关要求，现就深化我省预算管理制度改革提出以下实施意见：
一、总体要求。改进预算管理制度，创新预算管理方式。
二、主要任务。完善政府预算体系，推进预算公开。
甲省人民政府
2014年10月8日
"""


def test_number_and_title_on_one_line_is_the_documents_own():
    # Failed on main: a reposting site's heading ``number《title》`` gave the number as cited.
    assert refs_of(NUMBER_AND_TITLE) == ["国发〔2014〕45号"]


def test_number_beside_a_title_line_in_the_header():
    # Each line as the header block prints it: number then 《title》, title then （number）.
    for line in (
        "甲政发〔2014〕20号《甲省人民政府关于深化预算管理制度改革的实施意见》",
        "甲省人民政府关于深化预算管理制度改革的实施意见（甲政发〔2014〕20号）",
    ):
        doc, ct = build(
            [(("一",), ["根据《国务院关于深化预算管理制度改革的决定》（国发〔2014〕45号），改进预算管理。"])],
            preamble=[line, "各市人民政府，省政府各部门："],
        )
        decisions = analyse_references(doc, ct)
        assert [(d.citation.doc_number, d.rule) for d in decisions] == [
            ("甲政发〔2014〕20号", "own-number:title"),
            ("国发〔2014〕45号", "cited"),
        ]


def test_a_list_of_cited_documents_keeps_its_numbers():
    # Lines of number and title in the body, each an item of a list: citations, not the header.
    text = NUMBER_AND_TITLE.replace(
        "二、主要任务。完善政府预算体系，推进预算公开。",
        "二、主要任务。完善政府预算体系，推进预算公开。相关文件如下：\n"
        "1.乙财预〔2013〕8号《乙省财政厅关于加强预算执行管理的通知》\n"
        "2.《乙省预算绩效管理办法》（2012年5月4日乙财预〔2012〕3号）",
    )
    assert refs_of(text) == ["国发〔2014〕45号", "乙财预〔2013〕8号", "乙财预〔2012〕3号"]
    # A table of documents (cells split by tabs), dates beside the numbers, in a document whose
    # header gave no number: each row is a cited document, not the document's own header.
    doc, ct = build(
        [
            (
                ("一",),
                [
                    "下列文件继续有效。",
                    "甲市人民政府关于加强某某管理的通知\t甲府发〔2016〕3号\t2016年3月4日",
                    "2017年5月2日\t甲府办〔2017〕9号",
                ],
            )
        ],
        preamble=["甲市人民政府关于公布规范性文件清理结果的决定"],
    )
    assert [r.doc_number for r in extract_references(doc, ct)] == ["甲府发〔2016〕3号", "甲府办〔2017〕9号"]
    # Date and number outside brackets after a title in the body is no 题注 either.
    doc, ct = build(
        [(("一",), ["下列文件继续有效。", "甲市某某管理办法 2016年3月4日甲府发〔2016〕3号"])],
        preamble=["甲市人民政府关于公布规范性文件清理结果的决定"],
    )
    assert [r.doc_number for r in extract_references(doc, ct)] == ["甲府发〔2016〕3号"]


REGULATION_NOTE = """甲省城市供水价格管理办法（1998年9月23日甲计价格〔1998〕1810号）
第一条 为规范城市供水价格，根据《中华人民共和国价格法》，制定本办法。
第二条 一九九八年九月二十三日甲计价格〔1998〕1810号文印发的本办法适用于本省城市供水价格行为。
第三条 城市供水价格按照《乙省定价目录》（乙发改价格〔1997〕3号）执行。
"""


def test_a_regulations_note_gives_its_own_number_everywhere():
    # The 题注 (title, date, number) names the document's own number; the later mention is it
    # too. Failed on main: two references, one with the Chinese-numeral date in its code.
    assert refs_of(REGULATION_NOTE) == ["乙发改价格〔1997〕3号"]
    assert parse_text(REGULATION_NOTE).documents[0].doc_number == "甲计价格〔1998〕1810号"


STANDING_COMMITTEE = """甲省村务公开条例
甲省第十一届人民代表大会常务委员会公告
第28号
《甲省村务公开条例》已由甲省第十一届人民代表大会常务委员会第十次会议于2009年7月22日通过，现予公布，自2009年11月1日起施行。
甲省人民代表大会常务委员会
2009年7月22日
第一条 为了规范村务公开，根据《中华人民共和国村民委员会组织法》，结合本省实际，制定本条例。
第二条 村民委员会应当依照本条例实施村务公开。
"""


def test_the_head_of_a_promulgating_notice_is_the_documents_own():
    # ``…公告`` over ``第28号``: the 公告's own head. Failed on main (a reference).
    assert refs_of(STANDING_COMMITTEE) == []
    assert rules_of(STANDING_COMMITTEE)["甲省第十一届人民代表大会常务委员会公告第28号"] == ["own-number:order-head"]


def test_the_same_notice_cited_in_a_sentence_is_a_reference():
    text = STANDING_COMMITTEE.replace(
        "第二条 村民委员会",
        "第二条 依照甲省第十一届人民代表大会常务委员会公告第12号公布的办法，村民委员会",
    )
    assert refs_of(text) == ["甲省第十一届人民代表大会常务委员会公告第12号"]


def test_a_spaced_number_label_of_a_metadata_table():
    # ``文  号 :`` (spaces inside and before the colon) in a page's table; failed on main when
    # the header had not taken the number.
    doc, ct = build(
        [(("一",), ["根据《乙省养老服务条例》和《甲市养老服务实施意见》（甲府〔2021〕9号），制定本办法。"])],
        preamble=["统一编号：XQ0320230011", "文  号 : 甲区府办规〔2023〕5号", "实施日期：2023年06月01日"],
    )
    assert [r.doc_number for r in extract_references(doc, ct)] == ["甲府〔2021〕9号"]


def forwarded_number_stays_a_reference():
    # In a 转发 entry the forwarded document's own header is reprinted in the body; the notice
    # cites that document, so its number stays a reference (one occurrence suffices).
    text = """甲区管委会办公室转发乙省人民政府办公厅关于印发乙省支持大学生创业若干措施的通知
各片区管理局，区直各单位：
现将《乙省人民政府办公厅关于印发乙省支持大学生创业若干措施的通知》（乙政办〔2023〕2号）转发给你们，请认真贯彻落实。
甲区管委会办公室
2023年1月18日
乙省人民政府办公厅关于印发乙省支持大学生创业若干措施的通知
乙政办〔2023〕2号
各市、县（区）人民政府，省人民政府各部门：
《乙省支持大学生创业若干措施》已经省政府同意，现印发给你们，请认真组织实施。
乙省人民政府办公厅
2023年1月4日
乙省支持大学生创业若干措施
一、提升大学生创业能力。将创业教育融入高校人才培养全过程。
"""
    docs = parse_text(text).documents
    assert [r.doc_number for d in docs for r in d.references] == ["乙政办〔2023〕2号"]
