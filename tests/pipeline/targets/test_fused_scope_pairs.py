"""Two numbers for one fused pair of scopes (``城乡``, ``进出口``), and ``分别`` in a name."""

from __future__ import annotations

from luoshi.pipeline import parse_text


def _indicators(body: str) -> list[tuple[str, float]]:
    text = (
        "某市人民政府关于加快发展的意见\n各区人民政府：\n为加快发展，提出如下意见。\n"
        f"一、发展目标\n{body}\n某市人民政府\n2022年3月1日\n"
    )
    return [(t.indicator, t.value) for d in parse_text(text).documents for t in d.targets]


def test_a_fused_pair_with_two_numbers_gives_each_scope_its_number_in_order():
    got = _indicators("到2025年，城乡居民人均可支配收入分别增长8%和10%。")
    assert got == [("城镇居民人均可支配收入增长率", 8.0), ("农村居民人均可支配收入增长率", 10.0)]
    got = _indicators("到2025年，全市外贸进出口总额分别达到300亿元和200亿元。")
    assert got == [("全市外贸进口总额", 3e10), ("全市外贸出口总额", 2e10)]


def test_a_fused_pair_with_one_number_stays_one_scope():
    assert _indicators("到2025年，城乡居民人均可支配收入增长8%。") == [("城乡居民人均可支配收入增长率", 8.0)]


def test_respectively_is_not_part_of_the_name():
    got = _indicators("到2025年，各区分别建成区级青训中心1个以上。")
    assert got == [("各区建成区级青训中心数", 1.0)]
