"""Split, header and references stay linear: nothing rescans the text from its start per item.

Not a timed test: the number of function calls (Python and C, counted by ``sys.setprofile``)
is deterministic, and doubling the input must about double it. A stage that walked back to
the start of the text for each document or citation would grow it four times. (A single C
call that scans far, such as ``str.rfind`` from a citation to its line start, is one call
whatever it scans: those are bounded by construction, see ``references._in_contents_entry``.)
"""

from __future__ import annotations

import sys
from pathlib import Path

from luoshi.clean import clean
from luoshi.extract.references import extract_references
from luoshi.header import read_header
from luoshi.model import Document, SourceText
from luoshi.split import paragraphs, split_documents

# Doubling the input may cost this much more than twice the calls (fixed costs shrink the ratio).
MAX_DOUBLING_RATIO = 2.2


def _gazette(n: int) -> str:
    out = ["临川省人民政府公报", "2025年第1期"]
    for k in range(1, n + 1):
        out += [
            f"临川省人民政府关于做好第{k}项工作的通知",
            f"临政发〔2025〕{k}号",
            "各市人民政府，省政府各部门：",
            f"根据《国务院关于做好有关工作的意见》（国发〔2024〕{k}号），现就第{k}项工作通知如下。",
            "一、加快推进有关工作。（省发展改革委负责）",
            "临川省人民政府",
            "2025年1月10日",
        ]
    return "\n".join(out)


def _citing(n: int) -> str:
    head = [
        "临川省人民政府关于清理规范性文件的决定",
        "临政发〔2025〕1号",
        "各市人民政府，省政府各部门：",
        "决定废止下列文件：",
    ]
    body = "".join(f"《临川省人民政府关于第{k}项工作的通知》（临政发〔2019〕{k}号），" for k in range(1, n + 1))
    return "\n".join([*head, body + "自本决定印发之日起废止。", "临川省人民政府", "2025年1月10日"])


def _stages(text: str) -> int:
    """Parse ``text`` through split, header and references; the calls those three made."""
    ct = clean(SourceText(path=Path("t.txt"), text=text, kind="txt"))
    paras = paragraphs(ct)
    refs = 0

    def stages() -> None:
        nonlocal refs
        for rng in split_documents(paras):
            h = read_header(paras, rng)
            start = paras[h.first].start
            end = paras[h.last - 1].end
            doc = Document(
                doc_number=h.doc_number,
                title=h.title,
                issuers=h.issuers,
                date=h.date,
                addressees=h.addressees,
                genre=h.genre,
                forwarded_title=h.forwarded_title,
                span=ct.span(start, end),
                body_start=paras[h.body_first].start if h.body_first < len(paras) else end,
            )
            refs += len(extract_references(doc, ct))

    calls = _calls(stages)
    assert refs > 0
    return calls


def _calls(run) -> int:
    """How many Python and C function calls ``run()`` makes."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        run()
    finally:
        sys.setprofile(None)
    return calls


def test_a_gazette_of_300_documents_costs_twice_one_of_150():
    small, large = _stages(_gazette(150)), _stages(_gazette(300))
    assert large <= MAX_DOUBLING_RATIO * small, (small, large)


def test_a_document_citing_4000_documents_costs_twice_one_citing_2000():
    small, large = _stages(_citing(2000)), _stages(_citing(4000))
    assert large <= MAX_DOUBLING_RATIO * small, (small, large)


def test_the_counter_sees_a_rescan_from_the_start():
    # The other side: a stage that rescans the paragraphs before each document would fail.
    def rescanning(text: str) -> int:
        ct = clean(SourceText(path=Path("t.txt"), text=text, kind="txt"))
        paras = paragraphs(ct)

        def scan() -> None:
            for rng in split_documents(paras):
                sum(p.text.count("。") for p in paras[: rng.first])

        return _calls(scan)

    assert rescanning(_gazette(300)) > MAX_DOUBLING_RATIO * rescanning(_gazette(150))


def test_the_number_scan_from_each_hao_finds_what_a_scan_of_every_position_finds(corpus_results):
    """``_number_tails`` (from each 号, backwards) against ``NUMBER_TAIL_RE.finditer`` on the corpus
    and on spaced-out and mangled numbers; the 令/公告 scan from ``第N号`` against the one pattern
    it replaced."""
    import re

    from luoshi.extract import references as refs

    texts = [
        "依据国发〔 2016 〕 5 号、绵府办函．2016．1号和（国办发［2015］78 号），及号召、信号、第3号",
        "根据国务院令第588号、国家发展改革委令 2017 年 第 1 号和国家税务总局公告2025年第1号，令第号",
        "根据某省第十一届人民代表大会常务委员会公告第35号和公告 第 2 号",
    ]
    texts.extend(result.clean.text for result in corpus_results)
    old_order = re.compile(
        # (a 公告's year is optional since 34bf87c, a 令's serial may stand in brackets since 5043d43)
        r"(?:令\s*[（(]?\s*((?:(?:19|20)\d{2}\s*年)?)|(公告|通告)\s*(?:((?:19|20)\d{2})\s*年)?)\s*第\s*(\d{1,5})\s*号"
    )
    tails = orders = 0
    for text in texts:
        assert [m.span() for m in refs._number_tails(text)] == [m.span() for m in refs.NUMBER_TAIL_RE.finditer(text)]
        tails += len(refs._number_tails(text))
        new = []
        for serial in refs.ORDER_SERIAL_RE.finditer(text):
            start = max(0, serial.start() - refs.MAX_ORDER_HEAD_CHARS)
            if m := refs.ORDER_HEAD_RE.search(text, start, serial.start()):
                new.append((m.start(), serial.end()))
        assert new == [m.span() for m in old_order.finditer(text)]
        orders += len(new)
    assert tails > 100 and orders >= 4  # both sides: the corpus holds numbers of both shapes
