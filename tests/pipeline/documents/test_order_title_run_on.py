"""A 令 whose line a copy ran into the promulgated regulation's title (the space and the line
break lost). Failed on main 1871c91 (the title and the issuer read as the 令's organ)."""

from __future__ import annotations

from doc_builder import one_document

PROMULGATION = "《甲省土地整治办法》已经2016年11月18日省人民政府第84次常务会议审议通过，现予发布。"
# the copy breaks its lines with blank lines
RULES = [
    "甲省土地整治办法",
    "第一条为了规范土地整治活动，实现耕地总量动态平衡和节约集约利用土地，保障土地资源的可持续利用，根据有关法律法规，结合本省实际，制定本办法。",
    "第二条本办法自2017年3月1日起施行。",
]


def test_the_title_named_by_the_promulgation_sentence_is_split_off():
    doc = one_document(
        ["甲省土地整治办法甲省人民政府令第116号", PROMULGATION, "省长", "2016年12月6日", *RULES], sep="\n\n"
    )
    assert doc.doc_number == "甲省人民政府令第116号"
    assert doc.title == "甲省土地整治办法"
    assert doc.issuers == ("甲省人民政府",)
    assert doc.genre == "办法"


def test_an_organ_name_holding_a_genre_word_is_not_split():
    # 计划 ends the organ's first words, but the promulgation sentence names another title
    lines = [
        "甲省计划委员会令第1号",
        "《甲省价格管理办法》已经委务会议通过，现予发布。",
        "主任",
        "1990年5月4日",
        *RULES[1:],
    ]
    doc = one_document(lines, sep="\n\n")
    assert doc.doc_number == "甲省计划委员会令第1号"
