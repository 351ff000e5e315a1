"""A converter's traditional copy writes 为 as 爲 (the older form, as HK converters print it):
the 分工 note ``排在首位的爲牽頭單位，下同`` is read like its simplified form."""

from __future__ import annotations

from doc_builder import parsed_tasks

_LINES = [
    "某市降低企業成本若幹措施",
    "一、降低企業稅收負擔",
    "1.落實執行車船稅適用稅額降低政策。（責任單位：市稅務局、市財政局，排在首位的爲牽頭單位，下同）",
    "2.落實殘疾人就業保障金減繳政策。（責任單位：市殘聯、市財政局）",
]


def test_the_wei_form_note_makes_the_first_unit_lead_here_and_later():
    got = parsed_tasks("\n".join(_LINES))
    assert got[("一", "1")].units == ("市稅務局", "市財政局")  # as printed
    assert got[("一", "1")].lead_units == ("市稅務局",)
    assert got[("一", "2")].lead_units == ("市殘聯",)


def test_without_the_note_no_unit_leads():
    lines = [line.replace("，排在首位的爲牽頭單位，下同", "") for line in _LINES]
    got = parsed_tasks("\n".join(lines))
    assert got[("一", "1")].units == ("市稅務局", "市財政局")
    assert got[("一", "1")].lead_units == ()
    assert got[("一", "2")].lead_units == ()
