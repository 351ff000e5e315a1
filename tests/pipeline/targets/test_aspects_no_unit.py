"""``3方面`` counts aspects of the work (a structural count: gold NOTES, 六个方面), not cubic metres
(``清淤20万方``)."""

from __future__ import annotations

from doc_builder import parsed_targets


def found(text: str) -> list[tuple[float, str]]:
    return [(t.value, t.unit) for t in parsed_targets(text)]


def test_aspects_are_no_quantity():
    assert found("2025年，全县生产总值增长7%。具体工作中，要重点把握好3方面：一要亮明态度。\n") == [(7, "%")]


def test_cubic_metres_stay_a_unit():
    assert found("2025年，全县完成河道清淤20万方。\n") == [(200000, "方")]
