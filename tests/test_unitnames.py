"""The unit-name normalizer: packaged aliases, regions, user CSVs, bad CSVs."""

from __future__ import annotations

import json

import pytest

from doc_builder import SHARED
from luoshi.errors import ErrorCode, LuoshiError
from luoshi.unitnames import canonical, default_table, load_aliases, normalize_name


@pytest.mark.parametrize(
    ("alias", "full"),
    [
        ("省发展改革委", "四川省发展和改革委员会"),
        ("人行成都分行", "中国人民银行成都分行"),
        ("发展改革委", "国家发展和改革委员会"),
        ("国家发展改革委", "国家发展和改革委员会"),
        ("市场监管总局", "国家市场监督管理总局"),
        ("市体育局", "杭州市体育局"),
    ],
)
def test_packaged_aliases(alias, full):
    assert canonical(alias) == full


def test_canonical_name_maps_to_itself_and_unknown_gives_none():
    assert canonical("国家发展和改革委员会") == "国家发展和改革委员会"
    assert canonical("不存在的委员会") is None
    assert canonical("") is None


def test_lookup_ignores_width_and_whitespace():
    assert canonical(" 省发展 改革委 ") == "四川省发展和改革委员会"
    assert normalize_name("各区、县(市)政府") == "各区、县（市）政府"


def test_region_restricts_regional_aliases(tmp_path):
    assert canonical("省发展改革委", region="四川省") == "四川省发展和改革委员会"
    assert canonical("省发展改革委", region="浙江省") is None
    assert canonical("发展改革委", region="浙江省") == "国家发展和改革委员会"  # a national row has no region


def test_alias_of_two_regions_is_ambiguous_without_a_region(tmp_path):
    extra = tmp_path / "zj.csv"
    extra.write_text("alias,canonical,level,region\n省发展改革委,浙江省发展和改革委员会,provincial,浙江省\n")
    table = load_aliases(extra=extra)
    assert table.canonical("省发展改革委") is None
    assert table.canonical("省发展改革委", region="浙江省") == "浙江省发展和改革委员会"
    assert table.canonical("省发展改革委", region="四川省") == "四川省发展和改革委员会"


def test_user_csv_overrides_and_extends(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "alias,canonical,level\n发展改革委,国家发展改革委员会（测试）,national\n市外办,杭州市外事办公室,municipal\n",
        encoding="utf-8",
    )
    table = load_aliases(extra=extra)
    assert table.canonical("发展改革委") == "国家发展改革委员会（测试）"
    assert table.canonical("市外办") == "杭州市外事办公室"
    assert default_table().canonical("市外办") is None  # the packaged table is untouched


def test_replacement_csv_without_region_column(tmp_path):
    path = tmp_path / "only.csv"
    path.write_text("alias,canonical,level\n财政部,中华人民共和国财政部,national\n", encoding="utf-8")
    table = load_aliases(path)
    assert table.canonical("财政部") == "中华人民共和国财政部"
    assert table.canonical("省发展改革委") is None


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("alias,level\n财政部,national\n", "canonical"),
        ("alias,canonical,level\n财政部,,national\n", "line 2"),
        ("alias,canonical,level\n财政部,财政部,planet\n", "level"),
    ],
)
def test_malformed_csv_is_a_clear_error(tmp_path, content, fragment):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LuoshiError) as err:
        load_aliases(path)
    assert err.value.code is ErrorCode.CORRUPT
    assert fragment in err.value.message


def test_missing_csv_is_not_found(tmp_path):
    with pytest.raises(LuoshiError) as err:
        load_aliases(tmp_path / "nope.csv")
    assert err.value.code is ErrorCode.NOT_FOUND


def test_packaged_rows_are_well_formed_and_unique():
    rows = default_table().rows
    assert len(rows) >= 40
    keys = [(normalize_name(r.alias), r.region) for r in rows]
    assert len(keys) == len(set(keys))


def test_every_alias_comes_from_a_gold_unit():
    """The seed holds only names the gold files use (no invented aliases)."""
    gold_units = {
        u
        for g in (SHARED / "gold").glob("*.gold.json")
        for d in json.loads(g.read_text(encoding="utf-8"))["documents"]
        for t in d["tasks"]
        for u in t["units"]
    }
    extra_forms = {"国家发展改革委", "国家发展和改革委员会", "国务院国资委", "科学技术部"}
    for row in default_table().rows:
        assert row.alias in gold_units or row.alias in extra_forms, row.alias
