"""Real-text round of 2026-12-03 (the README's document fields round 8): a 公告's opening sentence
ends with a colon, and is not a 主送."""

from doc_builder import one_document

ANNOUNCEMENT = [
    "甲县人民政府土地征收启动公告",
    "甲政〔2023〕61号",
    "为保障县域经济发展用地需求，根据《中华人民共和国土地管理法》等法律法规的规定，经县政府研究决定，现发布公告：",
    "一、拟征收土地用途",
    "用于县城道路建设。",
    "甲县人民政府",
    "2023年6月20日",
]


def test_an_announcements_opening_sentence_is_not_its_addressees():
    doc = one_document(ANNOUNCEMENT)
    assert doc.addressees == ()
    assert doc.title == "甲县人民政府土地征收启动公告"
    assert doc.doc_number == "甲政〔2023〕61号"
    assert [p.text[:3] for p in doc.preamble] == ["为保障"]  # the sentence stays body text


def test_each_clause_opening_word_and_a_cited_title_mark_a_sentence():
    for opening in ("为了公共利益的需要，", "根据有关规定，", "依据有关规定，", "按照县委部署，", "经研究，"):
        lines = [*ANNOUNCEMENT[:2], f"{opening}现将有关事项公告如下：", *ANNOUNCEMENT[3:]]
        assert one_document(lines).addressees == (), opening
    cited = [*ANNOUNCEMENT[:2], "现将《甲县征地补偿标准》公告如下：", *ANNOUNCEMENT[3:]]
    assert one_document(cited).addressees == ()


def test_addressees_naming_a_development_zone_are_still_addressees():
    notice = [
        "甲县人民政府办公室关于做好防汛工作的通知",
        "甲政办发〔2023〕9号",
        "经济技术开发区管委会，各乡镇人民政府，县政府各部门：",
        "一、压实责任",
        "各乡镇要落实防汛责任。",
        "甲县人民政府办公室",
        "2023年6月1日",
    ]
    assert one_document(notice).addressees == ("经济技术开发区管委会", "各乡镇人民政府", "县政府各部门")
