"""Quantities: numbers, magnitude words and units read from clean text."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from luoshi.extract.numbers import (
    COUNT_UNITS,
    MEASURE_UNITS,
    NON_TARGET_UNITS,
    chinese_to_number,
    find_quantities,
    prefix_alternation,
    to_number,
)


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("农村电子商务交易额1000亿元以上", 100_000_000_000, "元"),  # contract example
        ("社会保障卡持卡人数达320万，", 3_200_000, ""),  # 320万 persons: no unit left
        ("农业灌溉水有效利用系数达到0.6，", 0.6, ""),
        ("培训农村居民电子商务应用人才10万人次", 100_000, "人次"),
        ("测土配方施肥600万亩次", 6_000_000, "亩次"),
        ("全市城乡家庭具备100M以上的光纤接入能力", 100, "M"),
        ("注册资本1千万人民币及以上", 10_000_000, "元"),  # 千万 is a magnitude, 人民币 is 元
        ("数量达到1,000个", 1000, "个"),
        ("每万人拥有足球场地1.4片以上", 1.4, "片"),  # 每万人 has no digit: not a quantity
        ("占比提高到三成", 30, "%"),  # 三成 is 30 %
        ("百分之三十", 30, "%"),
        ("规模扩大两倍", 2, "倍"),
        ("覆盖二十万人", 200_000, "人"),
    ],
)
def test_value_has_magnitude_applied_and_unit_left_over(text, value, unit):
    q = only(text)
    assert q.value == value
    assert q.unit == unit
    assert q.value_max is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("全国农机总动力超过10亿千瓦", 1_000_000_000), ("灌排机械动力达到1.2亿千瓦", 120_000_000)],
)
def test_kilowatt_keeps_its_thousand(text, value):
    """千瓦 is the unit; 千 is not a magnitude there (gold NOTES, 国发42)."""
    q = only(text)
    assert q.value == value  # exact: 1.2亿 is computed in decimal, not 1.2 * 1e8 in floats
    assert q.unit == "千瓦"


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("每年选择3-5个村", 3, 5, "个"),
        ("选取1—2个行政许可事项", 1, 2, "个"),
        ("确定2—4所重点高中", 2, 4, "所"),
        ("国内生产总值增长6.5%-7%", 6.5, 7, "%"),
        ("新增3至5万人", 30_000, 50_000, "人"),  # a magnitude on the high end applies to both
    ],
)
def test_ranges_give_low_and_high(text, low, high, unit):
    q = only(text)
    assert (q.value, q.value_max, q.unit) == (low, high, unit)
    assert q.is_range


def test_more_than_is_marked():
    q = only("投资5000多亿元")
    assert (q.value, q.unit, q.more) == (500_000_000_000, "元", True)


def test_chinese_numerals_are_flagged():
    assert only("达到三成以上").chinese
    assert not only("达到30%以上").chinese


@pytest.mark.parametrize("text", ["统一规划", "一带一路", "十三五期末", "进一步加强"])
def test_chinese_words_with_digits_are_not_quantities(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [("有效期5年", "年"), ("顶岗实习时间一般为6个月", "个月"), ("每5年修订1次", "年"), ("3天内报送", "天")],
)
def test_time_units_are_reported_so_the_caller_can_reject_them(text, unit):
    assert find_quantities(text)[0].unit == unit


def test_bare_digits_have_no_unit():
    """Names and codes (``4G``, ``12349``) come back unit-less; targets rejects them."""
    assert [q.unit for q in find_quantities("4G网络和12349服务热线")] == ["", ""]


def test_descending_range_is_not_a_range():
    q = find_quantities("2016-20")[0]
    assert q.value == 2016
    assert q.value_max is None


def test_chinese_to_number_uses_cn2an():
    assert chinese_to_number("三百五十") == 350
    assert chinese_to_number("一万二千") == 12000
    assert chinese_to_number("两") == 2
    assert chinese_to_number("abc") is None
    assert chinese_to_number("") is None


def test_to_number_reads_arabic_with_separators():
    assert to_number("1,000") == 1000
    assert to_number("0.6") == Decimal("0.6")
    assert to_number("1.2.3") is None


def test_a_numeral_that_starts_with_its_magnitude():
    from luoshi.extract.numbers import chinese_to_number

    assert chinese_to_number("百") == 100
    assert chinese_to_number("千") == 1000


def test_a_rate_per_population_keeps_its_base_as_the_unit():
    (q,) = find_quantities("控制在10/10万以下")
    assert (q.value, q.unit) == (10, "/10万")
    (q,) = find_quantities("35微克/立方米")
    assert q.unit == "微克/立方米"


def test_prefix_alternation_matches_as_the_longest_first_alternation():
    words = {*COUNT_UNITS, *MEASURE_UNITS, *NON_TARGET_UNITS, "a", "ab", "abc", "abd", "b.c"}
    plain = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")")
    factored = re.compile("(?:" + prefix_alternation(words) + ")")
    probes = {w + tail for w in words for tail in ("", "x", "次", "米")} | {w[:-1] for w in words} | {"abx", "bxc"}
    for probe in probes:
        assert [m.group() for m in factored.finditer(probe)] == [m.group() for m in plain.finditer(probe)], probe
    # Backtracking into the group tries the shorter words in the same order: ``平方米`` then ``米``…
    tail = "(?=x)"
    for probe in ("平方米x", "千瓦时x", "千瓦x", "abcx", "abx", "ax"):
        f = re.compile("(?:" + prefix_alternation(words) + ")" + tail).match(probe)
        p = re.compile(plain.pattern + tail).match(probe)
        assert (f and f.group()) == (p and p.group()), probe


def test_quantity_units_read_the_longest_unit():
    assert [q.unit for q in find_quantities("3平方公里、5千瓦时、6个百分点、7个月、8人次")] == [
        "平方公里",
        "千瓦时",
        "个百分点",
        "个月",
        "人次",
    ]


def test_magnitude_words_without_a_numeral_are_no_number():
    # ``万亿`` alone read as 万 × 亿 = 1e12 (found by tests/pipeline/targets/test_target_properties.py); a scale word.
    assert find_quantities("打造万亿级产业集群") == []
    assert [q.value for q in find_quantities("达到一万亿元")] == [1e12]
    assert [q.value for q in find_quantities("举办百场以上活动")] == [100]


def test_fraction_words_are_shares():
    from luoshi.extract.numbers import find_quantities

    got = [(q.value, q.unit, q.more, q.chinese) for q in find_quantities("超过一半，过半，三分之二，千分之四点五")]
    assert got == [
        (50.0, "%", False, False),
        (50.0, "%", True, False),
        (200 / 3, "%", False, False),
        (4.5, "‰", False, False),
    ]
    assert find_quantities("上半年，三分之五") == []
