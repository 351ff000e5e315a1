"""The 《title》 a citation gives: over a line break, before an order's date; and numbers that
share one organ code and year (``国发〔2016〕14号、15号``). Made-up citations in the genre's forms."""

from __future__ import annotations

from luoshi.extract.references import find_citations


def cites(text: str) -> list[tuple[str, str | None]]:
    return [(c.doc_number, c.title) for c in find_citations(text)]


def test_a_title_wrapped_over_a_line_break():
    # A PDF or web copy wraps a long title; failed on main (title None).
    text = "根据《甲省人民政府关于进一步加快发展现代服务业\n的实施意见》（甲府发〔2016〕14号）要求，"
    assert cites(text) == [("甲府发〔2016〕14号", "甲省人民政府关于进一步加快发展现代服务业的实施意见")]
    # A sentence end between 《 and 》 is no title (an unbalanced 《 earlier in the text).
    text = "见《甲省统计年鉴。\n乙省规定》（乙府发〔2016〕3号）"
    assert cites(text) == [("乙府发〔2016〕3号", None)]


def test_a_title_before_an_orders_date():
    # ``《…条例》（2019年3月2日国务院令第714号）``: the order's date stands between title and number.
    # Failed on main: title None and the code ``日国务院令``.
    text = (
        "依据《甲类设施管理条例》（2019年3月2日国务院令第714号）和《乙办法》（二〇一八年五月四日乙省人民政府令第3号），"
    )
    assert cites(text) == [
        ("国务院令第714号", "甲类设施管理条例"),
        ("乙省人民政府令第3号", "乙办法"),
    ]
    # A date that is not right before the number leaves the title where it was.
    text = "依据《甲类设施管理条例》，于2019年3月2日执行国务院令第714号"
    assert cites(text) == [("国务院令第714号", None)]


def test_numbers_sharing_one_code_and_year():
    # ``国发〔2016〕14号、15号``: the second serial shares the code and year. Failed on main (15 missed).
    text = "根据《甲省人民政府关于某某工作的通知》（甲府发〔2016〕14号、15号）和乙府办〔2017〕3号、第4号文件，"
    assert [n for n, _ in cites(text)] == [
        "甲府发〔2016〕14号",
        "甲府发〔2016〕15号",
        "乙府办〔2017〕3号",
        "乙府办〔2017〕4号",
    ]
    # A number of another kind after the 、 is not a serial of this code.
    assert [n for n, _ in cites("按照甲府发〔2016〕14号、15号楼改造方案")] == ["甲府发〔2016〕14号"]
    assert [n for n, _ in cites("按照甲府发〔2016〕14号、2017年计划")] == ["甲府发〔2016〕14号"]


def test_a_copy_in_traditional_script():
    # Reposting sites convert pages to traditional script: 號 ends the number, 國發 is the State
    # Council's code. The normal form has 号 and 国; the rest of the code stays as written.
    # Failed on main (no citation).
    text = (
        "根據《國務院關於加強市縣政府依法行政的決定》（國發〔2008〕17號）"
        "和《某省辦法》（粵府〔2019〕71號），制定本規定。"
    )
    assert cites(text) == [
        ("国發〔2008〕17号", "國務院關於加強市縣政府依法行政的決定"),
        ("粵府〔2019〕71号", "某省辦法"),
    ]
    assert [n for n, _ in cites("廣州市人民政府令第134號")] == ["廣州市人民政府令第134号"]
    # 號 in running text that ends no number makes none.
    assert cites("第三號樓，編號2019年") == []
