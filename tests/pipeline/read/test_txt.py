"""TXT reader: encodings are detected (never guessed by the user), line ends normalised."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.read import read_file
from luoshi.read.encoding import UndecodableError, decode_text

NOTICE = (
    "国务院办公厅关于加强三级公立医院绩效考核工作的意见\n"
    "国办发〔2019〕4号\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "　　一、总体要求\n"
    "　　到2020年，基本建立较为完善的三级公立医院绩效考核体系。\n"
)
# 䶮 (U+4DAE, in a person's name) and 𠀀 (U+20000, CJK Ext. B) are outside GBK:
# only GB18030 encodes them, so a GBK guess would fail or mangle them.
RARE = "刘䶮与𠀀：姓名用字。\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (NOTICE, NOTICE.encode("utf-8"), "utf-8"),
        (NOTICE, codecs.BOM_UTF8 + NOTICE.encode("utf-8"), "utf-8-sig"),
        (NOTICE, NOTICE.encode("gbk"), "gb18030"),
        (NOTICE + RARE, (NOTICE + RARE).encode("gb18030"), "gb18030"),
        (NOTICE, NOTICE.encode("utf-16"), "utf-16"),  # Notepad's "Unicode": UTF-16LE with BOM
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030-rare-hanzi", "utf16-bom"],
)
def test_encodings_are_detected(tmp_path: Path, text: str, data: bytes, encoding: str) -> None:
    source = read_file(write(tmp_path, "doc.txt", data))
    assert source.text == text
    assert source.encoding == encoding
    assert source.kind == "txt"


def test_big5_is_not_misread_as_gb18030() -> None:
    """Big5 bytes decode 'successfully' as GB18030 into nonsense; the check refuses that."""
    traditional = "國務院辦公廳關於加強三級公立醫院績效考核工作的意見。各省、自治區、直轄市人民政府"
    decoded = decode_text(traditional.encode("big5"))
    assert decoded.text == traditional
    assert decoded.encoding == "big5"


def test_traditional_chinese_in_gbk_stays_gb18030() -> None:
    traditional = "國務院辦公廳關於加強三級公立醫院績效考核工作的意見。各省、自治區、直轄市人民政府"
    decoded = decode_text(traditional.encode("gbk"))
    assert decoded.text == traditional
    assert decoded.encoding == "gb18030"


def test_undecodable_bytes_raise_instead_of_replacing() -> None:
    with pytest.raises(UndecodableError):
        decode_text(bytes(range(0x80, 0x100)) * 3)


def test_undecodable_file_is_e007(tmp_path: Path) -> None:
    path = write(tmp_path, "junk.txt", bytes(range(0x80, 0x100)) * 3)
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.UNDECODABLE
    assert info.value.path == path


def test_crlf_and_cr_become_lf(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.txt", "第一行\r\n第二行\n第三行\r第四行\r\n".encode())
    assert read_file(path).text == "第一行\n第二行\n第三行\n第四行\n"


def test_gbk_crlf(tmp_path: Path) -> None:
    path = write(tmp_path, "win.txt", NOTICE.replace("\n", "\r\n").encode("gbk"))
    source = read_file(path)
    assert source.text == NOTICE
    assert source.encoding == "gb18030"


def test_text_is_not_cleaned(tmp_path: Path) -> None:
    """Tabs, form feeds, full-width forms and indentation are the cleaner's business."""
    raw = "　　１．序号\t单位\n— 1 —\n\f下一页\n"
    assert read_file(write(tmp_path, "raw.txt", raw.encode())).text == raw


@pytest.mark.parametrize("data", [b"   \n\r\n\t ", codecs.BOM_UTF8 + b"\n\n"], ids=["spaces", "bom-only"])
def test_whitespace_only_is_empty(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(LuoshiError) as info:
        read_file(write(tmp_path, "blank.txt", data))
    assert info.value.code is ErrorCode.EMPTY


@pytest.mark.parametrize(
    "data",
    [
        "正文".encode() + b"\x00\x01\x02\x03" * 50,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        bytes(range(0x01, 0x09)) * 40 + "正文".encode(),
    ],
    ids=["nul-bytes", "png", "control-bytes"],
)
def test_binary_content_in_txt(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(LuoshiError) as info:
        read_file(write(tmp_path, "scan.txt", data))
    assert info.value.code is ErrorCode.BINARY


def test_a_few_stray_control_bytes_are_still_text(tmp_path: Path) -> None:
    body = "各地区各部门要认真贯彻落实。\n" * 40
    data = body.encode() + b"\x07"
    assert read_file(write(tmp_path, "bell.txt", data)).text == body + "\x07"


@pytest.mark.parametrize(
    ("data", "what"),
    [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"), (b"PK\x03\x04" + b"\x00" * 40, "ZIP")],
)
def test_other_formats_named_txt(tmp_path: Path, data: bytes, what: str) -> None:
    with pytest.raises(LuoshiError) as info:
        read_file(write(tmp_path, "renamed.txt", data))
    assert info.value.code is ErrorCode.WRONG_EXTENSION
    assert what in info.value.message


def test_extension_is_case_insensitive(tmp_path: Path) -> None:
    assert read_file(write(tmp_path, "DOC.TXT", NOTICE.encode())).text == NOTICE
