"""A copy in traditional script (香港/台湾 style, or a page run through a converter) gets the same
header as its simplified original: the rules read a folded copy and the fields are the printed text."""

from luoshi.pipeline import parse_text

NOTICE = "\n".join(
    [
        "甲府發〔2022〕8號",
        "甲市人民政府關於印發甲市農村道路管理辦法的通知",
        "各區人民政府，市政府各部門、各直屬機構：",
        "現將《甲市農村道路管理辦法》印發給你們，請認真貫徹執行。",
        "甲市人民政府",
        "2022年5月6日",
        "甲市農村道路管理辦法",
        "第一條　為加強農村道路管理，根據有關規定，制定本辦法。",
        "第二條　本辦法適用於本市行政區域內的農村道路。",
    ]
)


def test_traditional_notice_header():
    (doc,) = parse_text(NOTICE).documents
    assert doc.doc_number == "甲府發〔2022〕8号"  # 號 → 号 as in references; the code as printed
    assert doc.title == "甲市人民政府關於印發甲市農村道路管理辦法的通知"
    assert doc.issuers == ("甲市人民政府",)
    assert doc.addressees == ("各區人民政府", "市政府各部門、各直屬機構")
    assert doc.genre == "通知"
    assert doc.date == "2022-05-06"
    assert doc.forwarded_title == "甲市農村道路管理辦法"
    # the same notice in simplified script is read as before
    text = NOTICE.translate(
        str.maketrans(
            "發號關於農輛辦區門屬機構現將給們請貫徹執為據規條適", "发号关于农辆办区门属机构现将给们请贯彻执为据规条适"
        )
    )
    (doc,) = parse_text(text).documents
    assert doc.doc_number == "甲府发〔2022〕8号"
    assert doc.title == "甲市人民政府关于印发甲市农村道路管理办法的通知"


def test_traditional_opinion_title_below_number_and_its_citation():
    text = "\n".join(
        [
            "乙府〔2021〕54號",
            "乙市人民政府關于加強就業服務的實施意見",
            "各鎮人民政府，市府直屬各單位：",
            "為貫徹落實《丙省人民政府關于穩定就業的通知》（丙府〔2021〕13號），提出如下意見：",
            "一、總體要求",
            "堅持就業優先。",
            "乙市人民政府",
            "2021年7月1日",
        ]
    )
    (doc,) = parse_text(text).documents
    assert doc.doc_number == "乙府〔2021〕54号"
    assert doc.title == "乙市人民政府關于加強就業服務的實施意見"
    assert doc.genre == "意见"
    assert doc.issuers == ("乙市人民政府",)
    assert [r.doc_number for r in doc.references] == ["丙府〔2021〕13号"]


def test_traditional_gazette_splits_at_each_number():
    one = [
        "甲府〔2022〕1號",
        "甲市人民政府關於A事項的通知",
        "各區人民政府：",
        "現就有關事項通知如下。",
        "甲市人民政府",
        "2022年1月5日",
    ]
    two = [
        "甲府辦〔2022〕2號",
        "甲市人民政府辦公廳關於B事項的意見",
        "各區人民政府：",
        "現提出如下意見。",
        "甲市人民政府辦公廳",
        "2022年1月9日",
    ]
    docs = parse_text("\n".join(one + two)).documents
    assert [d.doc_number for d in docs] == ["甲府〔2022〕1号", "甲府辦〔2022〕2号"]
    assert [d.issuers for d in docs] == [("甲市人民政府",), ("甲市人民政府辦公廳",)]


def test_taiwan_style_plan_and_metadata_keys():
    text = "\n".join(
        [
            "主題分類：綜合政務",
            "甲市2026年立法工作計畫",
            "甲府〔2026〕5號",
            "各區人民政府：",
            "為做好立法工作，制定本計畫。",
            "甲市人民政府",
            "2026年1月5日",
        ]
    )
    (doc,) = parse_text(text).documents
    assert doc.title == "甲市2026年立法工作計畫"
    assert doc.genre == "计划"
    assert doc.doc_number == "甲府〔2026〕5号"
