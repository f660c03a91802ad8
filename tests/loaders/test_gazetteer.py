"""Gazetteer: bundled data coverage, lookups by full/short name, regions at the start of titles."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from policykg.loaders.gazetteer import Gazetteer
from policykg.loaders.records import Region


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_bundled_data_has_every_province_and_prefecture(gaz):
    levels = Counter(r.level for r in gaz.regions)
    assert levels["province"] == 34
    assert levels["city"] == 333
    cities = [r.name for r in gaz.regions if r.level == "city"]
    kinds = Counter(next(s for s in ("自治州", "地区", "盟", "市") if n.endswith(s)) for n in cities)
    assert kinds == {"市": 293, "自治州": 30, "地区": 7, "盟": 3}
    # every prefecture belongs to a province that is in the gazetteer
    provinces = {r.name for r in gaz.regions if r.level == "province"}
    assert all(r.province in provinces for r in gaz.regions)


def test_load_is_cached(gaz):
    assert Gazetteer.load() is gaz


@pytest.mark.parametrize(
    ("name", "full", "province", "level", "short"),
    [
        ("荆州市", "荆州市", "湖北省", "city", "荆州"),
        ("荆州", "荆州市", "湖北省", "city", "荆州"),
        ("恩施", "恩施土家族苗族自治州", "湖北省", "city", "恩施"),
        ("恩施州", "恩施土家族苗族自治州", "湖北省", "city", "恩施"),
        ("周口", "周口市", "河南省", "city", "周口"),
        ("岳阳市", "岳阳市", "湖南省", "city", "岳阳"),
        ("湖北", "湖北省", "湖北省", "province", "湖北"),
        ("广西", "广西壮族自治区", "广西壮族自治区", "province", "广西"),
        ("吉林", "吉林省", "吉林省", "province", "吉林"),
        ("吉林市", "吉林市", "吉林省", "city", "吉林"),
        ("锡林郭勒盟", "锡林郭勒盟", "内蒙古自治区", "city", "锡林郭勒"),
        ("喀什地区", "喀什地区", "新疆维吾尔自治区", "city", "喀什"),
    ],
)
def test_lookup_full_and_short_names(gaz, name, full, province, level, short):
    region = gaz.lookup(name)
    assert region is not None
    assert (region.name, region.province, region.level, region.short) == (full, province, level, short)


def test_county_lookup_carries_its_city(gaz):
    assert gaz.lookup("郸城县") == Region("郸城县", "河南省", "county", "郸城", "周口市")
    assert gaz.lookup("郸城").name == "郸城县"
    assert gaz.lookup("长阳土家族自治县").city == "宜昌市"
    assert gaz.lookup("岳阳县").city == "岳阳市"
    # 岳阳 alone is the city, not 岳阳县
    assert gaz.lookup("岳阳").level == "city"


def test_duplicate_names_resolved_by_context(gaz):
    assert gaz.lookup("朝阳区", within="吉林省").city == "长春市"
    assert gaz.lookup("朝阳区", within="北京市").city == "北京市"


def test_unknown_name(gaz):
    assert gaz.lookup("不存在市") is None
    assert gaz.lookup("") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("荆州市促进科技成果转化和科创供应链平台建设若干政策措施", "荆州市"),
        ("湖北省荆州市促进科技成果转化实施办法", "荆州市"),
        ("湖北·汉襄宜国家科技成果转移转化示范区建设方案", "湖北省"),
        ("周口市人民政府办公室 关于印发周口市支持科技成果转化若干措施的通知", "周口市"),
        ("中共周口市委 周口市人民政府关于建设区域性创新高地的实施意见", "周口市"),
        ("河南省周口市郸城县人民政府关于促进科技成果转化的意见", "郸城县"),
        ("恩施州科技成果转化奖励办法", "恩施土家族苗族自治州"),
        ("岳阳市促进科技成果转移转化实施方案", "岳阳市"),
    ],
)
def test_find_in_most_specific_region_at_start(gaz, text, expected):
    region = gaz.find_in(text)
    assert region is not None and region.name == expected


def test_find_in_needs_the_region_at_the_start(gaz):
    assert gaz.find_in("关于促进科技成果转化的若干措施") is None
    assert gaz.find_in("省人民政府办公厅关于印发行动方案的通知") is None
    # a county is recognised only by its full name: 公安 is also an ordinary word
    assert gaz.find_in("公安机关科技成果转化办法") is None
    assert gaz.find_in("公安县科技成果转化办法").name == "公安县"


def test_prefix_reports_the_length_taken(gaz):
    region, length = gaz.prefix("湖北省荆州市科技局")
    assert region.name == "荆州市" and length == len("湖北省荆州市")


def test_load_custom_file(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"regions": [
        {"name": "甲省", "short": "甲", "level": "province", "province": "甲省"},
        {"name": "乙市", "short": "乙", "level": "city", "province": "甲省", "aliases": ["乙城"]},
    ]}, ensure_ascii=False), encoding="utf-8")
    g = Gazetteer.load(path)
    assert g.lookup("乙城").name == "乙市"
    assert g.find_in("甲省乙市办法").name == "乙市"


def test_names_read_after_a_first_match_are_found_at_the_start_too():
    """Names are looked for only where their first two characters stand; a name added after a
    first look-up (as aliases are) is found as well, and one character is no name."""
    g = Gazetteer([Region(name="甲省", province="甲省", level="province", short="甲")])
    assert g.prefix("丙城科技局") is None and g.prefix("甲") is None
    g._full.setdefault("丙城", []).append(g.regions[0])
    assert g.prefix("丙城科技局") == (g.regions[0], 2)


def test_bad_files_explain_the_problem(tmp_path):
    with pytest.raises(FileNotFoundError, match="gazetteer file not found"):
        Gazetteer.load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"regions": [{"name": "甲市", "level": "town", "province": "甲省"}]}', encoding="utf-8")
    with pytest.raises(ValueError, match="use province, city or county"):
        Gazetteer.load(bad)
    missing = tmp_path / "missing_field.json"
    missing.write_text('{"regions": [{"name": "甲市", "level": "city"}]}', encoding="utf-8")
    with pytest.raises(ValueError, match="lacks the field"):
        Gazetteer.load(missing)
