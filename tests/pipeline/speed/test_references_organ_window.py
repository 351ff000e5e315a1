"""A joint 公告's organs stand apart by a space (``财政部 税务总局公告2023年第1号``); the organ word
before the space is looked for in a window of a few characters, not from the text's start. The
look is one C call whatever it scans, so the call counter of ``test_linear_scans`` cannot see it:
the window each search is given is checked instead."""

from __future__ import annotations

from luoshi.extract import references as refs

# A few characters: the longest organ word (政府) and some slack; far below the text before a citation.
NEAR = 8


class _Recording:
    """Stands in for the organ-word pattern and records the span of text each search is given."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.spans: list[tuple[int, int]] = []

    def search(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        self.spans.append((pos, endpos))
        return self.pattern.search(text, pos, endpos)


def test_the_organ_word_before_a_space_is_looked_for_near_it(monkeypatch):
    recording = _Recording(refs._ORGAN_BEFORE_SPACE_RE)
    monkeypatch.setattr(refs, "_ORGAN_BEFORE_SPACE_RE", recording)
    text = "各有关单位：" + "".join(f"根据财政部 税务总局公告2023年第{k}号规定，" for k in range(1, 201))
    numbers = [c.doc_number for c in refs.find_citations(text)]
    assert numbers[:2] == ["财政部税务总局公告2023年第1号", "财政部税务总局公告2023年第2号"]
    assert len(numbers) == 200
    assert recording.spans  # the joint organs were crossed
    # Failed on main: each search ran from the text's start (the last ones over ~5000 characters).
    assert max(end - start for start, end in recording.spans) <= NEAR


def test_a_space_after_a_word_that_names_no_organ_is_not_crossed():
    # The other side: the window still sees the organ word, and only an organ word.
    assert [c.doc_number for c in refs.find_citations("根据财政部 税务总局公告2023年第1号")] == [
        "财政部税务总局公告2023年第1号"
    ]
    assert [c.doc_number for c in refs.find_citations("经研究 税务总局公告2023年第1号")] == ["税务总局公告2023年第1号"]
    assert [c.doc_number for c in refs.find_citations("甲省人民政府 乙局公告2023年第1号")] == [
        "甲省人民政府乙局公告2023年第1号"
    ]
