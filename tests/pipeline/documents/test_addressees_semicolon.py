"""A 主送 line that separates its groups with ； is split there as at ， (not at 、, nor inside brackets)."""

from luoshi.pipeline import parse_text


def test_addressees_split_at_semicolons_and_commas():
    text = "\n".join(
        [
            "甲市人民政府关于做好春耕生产的通知",
            "甲政发〔2026〕2号",
            "各县（市、区）人民政府；市政府各部门，各直属机构：",
            "现就做好春耕生产通知如下。",
            "甲市人民政府",
            "2026年2月3日",
        ]
    )
    (doc,) = parse_text(text).documents
    assert doc.addressees == ("各县（市、区）人民政府", "市政府各部门", "各直属机构")
