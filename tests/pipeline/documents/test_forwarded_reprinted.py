"""A 转发 notice that reprints the forwarded document with its 版头 and 发文字号 gives the title printed
under them as ``forwarded_title``, also where the notice's own title words it differently."""

from luoshi.pipeline import parse_text

NOTICE = """甲县人民政府办公室关于转发市政府办公室春耕生产工作通知的通知
甲县政办发〔2026〕3号
各乡镇人民政府，县直各部门：
现将《甲市人民政府办公室关于做好春耕生产工作的通知》（甲市政办发〔2026〕8号）转发给你们，请认真贯彻落实。
甲县人民政府办公室
2026年3月2日
甲市人民政府办公室文件
甲市政办发〔2026〕8号
甲市人民政府办公室关于做好春耕生产工作的通知
各县（区）人民政府，市政府各部门：
为做好春耕生产工作，现就有关事项通知如下：
一、加强组织领导
各地要高度重视。
甲市人民政府办公室
2026年2月20日
"""


def test_reprinted_forwarded_document_gives_its_printed_title():
    (doc,) = parse_text(NOTICE).documents
    assert doc.doc_number == "甲县政办发〔2026〕3号"
    assert doc.title == "甲县人民政府办公室关于转发市政府办公室春耕生产工作通知的通知"
    assert doc.forwarded_title == "甲市人民政府办公室关于做好春耕生产工作的通知"
    assert [n.marker for n in doc.outline] == ["一、"]
    # without the reprinted 版头 and number, an unlike line is no forwarded title: the named one stays
    bare = NOTICE.replace("甲市人民政府办公室文件\n甲市政办发〔2026〕8号\n", "")
    (doc,) = parse_text(
        bare.replace("甲市人民政府办公室关于做好春耕生产工作的通知\n各县", "春耕生产安排的通知\n各县")
    ).documents
    assert doc.forwarded_title == "市政府办公室春耕生产工作通知"
