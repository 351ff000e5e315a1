"""A page exported from Word may drop the 〕 and 号 of the number line (``甲政办发〔202646``): the
line is restored as the document's own number and is no part of the 主送 below it."""

from luoshi.pipeline import parse_text


def _page(number_line: str) -> str:
    return "\n".join(
        [
            "甲县人民政府办公室关于印发甲县防汛应急预案的通知",
            number_line,
            "各乡镇人民政府，县级有关部门：",
            "经县人民政府同意，现将《甲县防汛应急预案》印发给你们，请认真贯彻执行。",
        ]
    )


def test_number_line_without_its_close_and_hao_is_restored():
    (doc,) = parse_text(_page("甲政办发〔202646")).documents
    assert doc.doc_number == "甲政办发〔2026〕46号"
    assert doc.addressees == ("各乡镇人民政府", "县级有关部门")
    # a line of a code and digits in round brackets is no number (an address, a phone, a count)
    (doc,) = parse_text(_page("甲县人民政府（202646")).documents
    assert doc.doc_number is None
