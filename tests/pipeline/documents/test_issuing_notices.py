"""An 印发 notice with no 发文字号 keeps the document it issues; 公示 is a 文种.

Made-up texts in the shapes of issuing notices as county and city sites print them: the page's
address printed on a line above the title (a page printed from a browser), a notice whose title
the header cannot read and whose 印发 sentence is its second paragraph. Each test failed on main
(b072d52) unless it says it guards.
"""

from __future__ import annotations

from doc_builder import one_document
from luoshi.header import page_furniture
from luoshi.patterns import genre_of

CARRIED = [
    "甲市2023年政务公开工作要点",
    "2023年全市政务公开工作的总体要求是：坚持以公开为常态，推进决策、执行、管理、服务、结果公开。",
    "一、加强重点领域信息公开",
    "（一）做好财政预决算信息公开。按规定公开部门预算、决算和“三公”经费。（市财政局负责落实）",
    "（二）做好重大项目信息公开。及时公开重大建设项目批准和实施情况。（市发展改革委负责落实）",
]


def test_an_address_line_above_an_issuing_notice_is_page_furniture():
    doc = one_document(
        [
            "https://www.jia.gov.cn/zwgk/art/2023/5/4/art_1229_5678.html",
            "甲市人民政府办公室关于印发甲市2023年政务公开工作要点的通知",
            "各县（市、区）人民政府，市政府各部门：",
            "《甲市2023年政务公开工作要点》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。",
            "甲市人民政府办公室",
            "2023年5月4日",
            *CARRIED,
        ],
        end="\n",
    )
    assert doc.title == "甲市人民政府办公室关于印发甲市2023年政务公开工作要点的通知"
    assert doc.forwarded_title == "甲市2023年政务公开工作要点"
    assert doc.addressees == ("各县（市、区）人民政府", "市政府各部门")
    assert sorted(u for t in doc.tasks for u in t.units) == ["市发展改革委", "市财政局"]


def test_a_line_that_names_a_site_inside_a_sentence_is_not_furniture():
    assert page_furniture("https://www.jia.gov.cn/art/2023/5/4/art_1.html")
    assert page_furniture("www.jia.gov.cn 1/3")
    # guards: a line that opens with a label or a word, not with the address
    assert not page_furniture("网址：https://www.jia.gov.cn，电话：0000-1234567")
    assert not page_furniture("http接口规范管理办法")


def test_an_untitled_notice_names_what_it_issues_in_its_second_paragraph():
    doc = one_document(
        [
            "各县（市、区）人民政府，市政府各部门：",
            "为深入推进政务公开，市政府办公室研究制定了年度工作要点。",
            "现将《甲市2023年政务公开工作要点》印发给你们，请结合实际认真贯彻落实。",
            "甲市人民政府办公室",
            "2023年5月4日",
            *CARRIED,
        ],
        end="\n",
    )
    assert doc.forwarded_title == "甲市2023年政务公开工作要点"
    assert sorted(u for t in doc.tasks for u in t.units) == ["市发展改革委", "市财政局"]


def test_a_notice_that_issues_nothing_keeps_its_own_body():
    # guards: no 印发 sentence above the 落款, so what the notice says is its body
    doc = one_document(
        [
            "各县（市、区）人民政府，市政府各部门：",
            "为做好汛期安全工作，现就有关事项通知如下。",
            "一、压实防汛责任。各地要落实防汛责任制。（市应急管理局负责）",
            "甲市人民政府办公室",
            "2023年5月4日",
        ],
        end="\n",
    )
    assert doc.forwarded_title is None
    assert [t.units for t in doc.tasks] == [("市应急管理局",)]


def test_a_gongshi_title_names_its_genre():
    doc = one_document(
        [
            "关于甲市第二批市级非物质文化遗产代表性项目推荐名单的公示",
            "根据有关规定，现将推荐名单予以公示，公示期为2023年5月4日至5月10日。",
            "甲市文化广电旅游局",
            "2023年5月4日",
        ],
        end="\n",
    )
    assert doc.genre == "公示"


def test_a_body_line_ending_in_gongshi_is_no_title_line():
    # guards: 公示 is read on a found title only; a body line wrapped after the word goes on
    doc = one_document(
        [
            "甲市人民政府关于加强社会信用体系建设的意见",
            "各县（市、区）人民政府：",
            "一、健全信用记录。按照有关规定及时在“信用甲市”网站、企业信用信息公示",
            "系统予以公开。（市发展改革委负责）",
            "甲市人民政府",
            "2023年5月4日",
        ],
        end="\n",
    )
    assert doc.genre == "意见"
    assert genre_of("网站、企业信用信息公示") is None
