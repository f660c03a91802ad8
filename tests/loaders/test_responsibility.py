"""责任单位 brackets, their units, and bodies named in running text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import pytest

import policykg
from policykg.loaders.departments import DepartmentVocabulary
from policykg.loaders.records import Region
from policykg.loaders.responsibility import (
    extract_provisions,
    find_mentions,
    parse_units,
    split_provisions,
    units_for,
)

CORPUS = Path(policykg.__file__).resolve().parent / "corpus"
GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"  # the dev annotations
JINGZHOU = Region("荆州市", "湖北省", "city", "荆州")
ZHOUKOU = Region("周口市", "河南省", "city", "周口")
HUBEI = Region("湖北省", "湖北省", "province", "湖北")
_T2S = opencc.OpenCC("t2s")
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


@pytest.fixture(scope="module")
def vocab() -> DepartmentVocabulary:
    return DepartmentVocabulary.load()


def normalize(raw: str) -> str:
    """The normalized form the cleaner produces: simplified, pinyin debris gone, ASCII folded."""
    text = "".join(c if len(c := _T2S.convert(ch)) == 1 else ch for ch in raw)
    text = _PINYIN.sub("", text)
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        out.append({"\u3000": " ", "﹝": "〔", "﹞": "〕"}.get(ch, ch))
    return "".join(out)


def seed(prefix: str) -> str:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return normalize(path.read_text(encoding="utf-8"))


def names(units) -> list[str]:
    return [u.name for u in units]


def parse(units_text: str, vocab, region=JINGZHOU, group=0, base=0):
    return parse_units(units_text, base, group, region, vocab)


# -- split_provisions ------------------------------------------------------------------


def test_each_bracket_closes_a_provision_and_trailing_text_is_one_more(vocab):
    lead = "前言。"
    clause = (
        "(三)支持企业研发。(责任单位:市科技局)对平台给予奖励。〔责任单位:市市场监管局(市知识产权局)〕"
        "其余事项另行规定。"
    )
    text = lead + clause + "下一段"
    start, end = len(lead), len(lead) + len(clause)
    provs = split_provisions(text, start, end)
    assert len(provs) == 3
    first, second, third = provs
    assert text[first.start:first.end] == "(三)支持企业研发。(责任单位:市科技局)"
    assert text[first.bracket_start:first.bracket_end] == "(责任单位:市科技局)"
    assert first.units_text == "市科技局"
    assert text[second.start:second.end] == "对平台给予奖励。〔责任单位:市市场监管局(市知识产权局)〕"
    assert second.units_text == "市市场监管局(市知识产权局)"  # the nested ) does not close the bracket
    assert (third.bracket_start, third.units_text) == (None, None)
    assert text[third.start:third.end] == "其余事项另行规定。"
    assert [p.index for p in provs] == [0, 1, 2]


def test_clause_without_bracket_is_one_provision():
    text = "(十)建立统筹领导调度机制,定期召开会议。"
    provs = split_provisions(text, 0, len(text))
    assert len(provs) == 1
    assert (provs[0].start, provs[0].end, provs[0].bracket_start, provs[0].units_text) == (0, len(text), None, None)


def test_punctuation_after_last_bracket_is_not_a_provision():
    text = "开展评价工作。【牵头单位:省科技厅】。"
    provs = split_provisions(text, 0, len(text))
    assert len(provs) == 1
    assert provs[0].units_text == "省科技厅"


@pytest.mark.parametrize("bracket", ["(责任部门:{})", "[责任单位:{}]", "【牵头单位:{}】", "（责任单位：{}）", "〔责任单位: {}〕"])
def test_bracket_forms(bracket):
    text = "推进改革。" + bracket.format("市教育局")
    provs = split_provisions(text, 0, len(text))
    assert provs[0].units_text.strip() == "市教育局"
    assert provs[0].bracket_end == len(text)


def test_other_brackets_do_not_open_a_provision():
    text = "按照(2024—2026年)计划执行。(以下简称方案)"
    assert split_provisions(text, 0, len(text))[0].units_text is None


# -- parse_units -----------------------------------------------------------------------


def test_separators_lead_group_and_offsets(vocab):
    units_text = "市科技局 市财政局;市教育局,市人社局、市税务局"
    units = parse(units_text, vocab, group=2, base=10)
    assert names(units) == ["市科技局", "市财政局", "市教育局", "市人社局", "市税务局"]
    assert [u.lead for u in units] == [True, False, False, False, False]
    assert {u.group for u in units} == {2}
    for u in units:
        assert units_text[u.start - 10:u.end - 10] == u.name
    assert [u.function for u in units] == ["science_tech", "finance", "education", "human_resources", "taxation"]
    assert units[0].canonical == "荆州市科学技术局"


def test_shared_suffix_city_governments(vocab):
    units = parse("省发改委,长沙、株洲、湘潭市人民政府", vocab, region=Region("湖南省", "湖南省", "province", "湖南"))
    assert names(units) == ["省发改委", "长沙市人民政府", "株洲市人民政府", "湘潭市人民政府"]
    assert units[1].start is None and units[1].end is None  # distributed: not written in one piece
    assert units[3].start is not None
    assert {u.function for u in units[1:]} == {"local_government"}


def test_shared_suffix_already_qualified_places(vocab):
    # a place written with its level is a unit as printed; the body it stands for is its canonical name
    text = "长沙市、株洲市人民政府"
    units = parse(text, vocab)
    assert names(units) == ["长沙市", "株洲市人民政府"]
    assert [u.canonical for u in units] == ["长沙市人民政府", "株洲市人民政府"]
    assert text[units[0].start:units[0].end] == "长沙市"
    assert {u.function for u in units} == {"local_government"}


def test_shared_suffix_zone_committees(vocab):
    units = parse("市商务局,滨海新区、临港经开区管委会", vocab)
    assert names(units) == ["市商务局", "滨海新区管委会", "临港经开区管委会"]
    assert {u.function for u in units[1:]} == {"development_zone"}


def test_collective_levels_stay_one_unit(vocab):
    text = "市科技局,各县、市、区人民政府"
    units = parse(text, vocab)
    assert names(units) == ["市科技局", "各县市区人民政府"]
    assert text[units[1].start:units[1].end] == "各县、市、区人民政府"
    assert units[1].canonical == "荆州市各县市区人民政府"
    assert names(parse("各县(市、区)人民政府", vocab)) == ["各县市区人民政府"]


def test_bare_committee_takes_collective_prefix(vocab):
    units = parse("市民政局,各县市区人民政府、管委会", vocab)
    assert names(units) == ["市民政局", "各县市区人民政府", "各县市区管委会"]
    assert units[2].function == "development_zone"


def test_bare_department_is_the_body_of_the_level_before_it_under_its_written_name(vocab):
    units = parse("市发改委、经信委、科技局", vocab, region=None)
    assert names(units) == ["市发改委", "经信委", "科技局"]
    assert [u.canonical for u in units] == ["市发展和改革委员会", "市经济和信息化委员会", "市科学技术局"]


def test_bare_department_keeps_its_name_when_the_list_prefixes_each_name(vocab):
    # the writer puts 省 before 发展改革委 and 统计局 but not before 教育厅 and 民政厅
    text = "省发展改革委、教育厅、民政厅、省统计局等"
    units = names(parse(text, vocab, region=None))
    assert units[:3] == ["省发展改革委", "教育厅", "民政厅"]
    # a prefix written once before a run is still shared by the bodies the names resolve to
    units = parse("省发展改革委、教育厅、民政厅", vocab, region=None)
    assert names(units) == ["省发展改革委", "教育厅", "民政厅"]
    assert [u.canonical for u in units][1:] == ["省教育厅", "省民政厅"]


def test_names_that_start_with_a_place_are_not_distributed(vocab):
    text = "市科技局,荆州金融监管分局,人行荆州市分行,长江大学"
    assert names(parse(text, vocab)) == ["市科技局", "荆州金融监管分局", "人行荆州市分行", "长江大学"]


def test_parenthetical_alias_and_remark(vocab):
    units = parse("市市场监管局(市知识产权局),市教育局", vocab)
    assert names(units) == ["市市场监管局", "市教育局"]
    assert units[0].aliases == ["市知识产权局"]
    assert (units[0].start, units[0].end) == (0, len("市市场监管局"))

    units = parse("市科技局,各区人民政府〈含开发区、新区管委会,下同〉", vocab)
    assert names(units) == ["市科技局", "各区人民政府"]
    assert units[1].aliases == []


def test_etc_and_remarks_are_not_units(vocab):
    text = "市科技局,市统计局,市卫计委等,各县市区人民政府、管委会,排第一为牵头单位,下同"
    units = parse(text, vocab)
    assert names(units) == ["市科技局", "市统计局", "市卫计委", "各县市区人民政府", "各县市区管委会"]
    assert text[units[2].start:units[2].end] == "市卫计委"
    assert names(parse("市科技局、市财政局按职责分工负责", vocab)) == ["市科技局", "市财政局"]
    assert names(parse("市财政局、市审计局,分别负责", vocab)) == ["市财政局", "市审计局"]
    assert names(parse("省科技厅等有关部门", vocab)) == ["省科技厅"]


def test_sub_labels_inside_a_bracket(vocab):
    units = parse("市科技局;配合单位:市财政局、市教育局", vocab)
    assert names(units) == ["市科技局", "市财政局", "市教育局"]
    assert units[0].lead and not units[1].lead


def test_units_for_a_provision_keeps_absolute_offsets(vocab):
    text = "前文。(一)推进试点。(责任单位:市科技局、武汉、襄阳市人民政府)"
    provs = split_provisions(text, 3, len(text))
    units = units_for(text, provs[0], 0, JINGZHOU, vocab)
    assert names(units) == ["市科技局", "武汉市人民政府", "襄阳市人民政府"]
    assert text[units[0].start:units[0].end] == "市科技局"
    assert text[units[2].start:units[2].end] == "襄阳市人民政府"


# -- find_mentions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "region", "expected"),
    [
        ("对机构开展服务的,由技术转移机构所在地受益财政按上年度技术交易额给予最高2%的奖补。", ZHOUKOU,
         [("所在地受益财政", "finance", "funding")]),
        ("争取省财政按不超过合同额的30%给予支持。", ZHOUKOU, [("省财政", "finance", "funding")]),
        ("市科技局根据工作完成情况给予一定经费保障。", JINGZHOU, [("市科技局", "science_tech", "funding")]),
        ("市财政按照不超过到账额的2%给予补助。", JINGZHOU, [("市财政", "finance", "funding")]),
        ("属地财政按照实际利率的50%给予贴息。", JINGZHOU, [("属地财政", "finance", "funding")]),
        ("成立由市科技局、市产业创新研究中心等有关部门组成的专班。", ZHOUKOU,
         [("市科技局", "science_tech", "implementing"), ("市产业创新研究中心", "other", "implementing")]),
        ("协助省科技厅做好孵化器绩效评价工作。", JINGZHOU, [("省科技厅", "science_tech", "implementing")]),
    ],
)
def test_mentions_in_running_text(vocab, sentence, region, expected):
    found = find_mentions(sentence, 0, len(sentence), region, vocab)
    assert [(m.name, m.function, m.role) for m in found] == expected
    for m in found:
        assert sentence[m.start:m.end] == m.name


def test_mention_canonical_names(vocab):
    sentence = "争取省财政按上年度交易额给予后补助,协助市科技局开展评价。"
    found = find_mentions(sentence, 0, len(sentence), ZHOUKOU, vocab)
    assert [m.canonical for m in found] == ["河南省财政厅", "周口市科学技术局"]


@pytest.mark.parametrize(
    "sentence",
    [
        "支持企业研发。(责任单位:市财政局、市科技局)",
        "改革完善我省财政科研经费管理办法。",
        "落实《湖南省财政厅关于印发管理办法的通知》要求。",
        "财政资金支持的科技成果应当登记。",
        "推动建立武汉知识产权法院。",
    ],
)
def test_no_mentions(vocab, sentence):
    assert find_mentions(sentence, 0, len(sentence), JINGZHOU, vocab) == []


def test_joint_provincial_and_city_finance(vocab):
    sentence = "省市财政按其技术合同成交额给予10%补助。"
    found = find_mentions(sentence, 0, len(sentence), HUBEI, vocab)
    assert [(m.name, m.canonical, m.role) for m in found] == [
        ("省财政", "湖北省财政厅", "funding"), ("市财政", "市财政局", "funding")]


# -- seeds ----------------------------------------------------------------------------


def clause_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if re.match(r"\s*(\([一二三四五六七八九十]+\)|\d+\.)", line):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


@pytest.mark.parametrize("gold_name", ["000.json", "001.json"])
def test_gold_groups(vocab, gold_name):
    gold_path = GOLD / gold_name
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = seed(gold["source"][:3])
    region = Region(gold["region"], gold["province"], gold["level"], gold["region"][:-1])
    spans = clause_spans(text)
    for clause in gold["clauses"]:
        anchor = clause["anchors"][0]
        at = text.index(anchor)
        start, end = next((s, e) for s, e in spans if s <= at < e)
        provs = extract_provisions(text, start, end, region, vocab)
        groups = [[(u.name, u.function) for u in p.units] for p in provs if p.units_text is not None]
        expected = [[(u["name"], u["function"]) for u in grp] for grp in clause["groups"]]
        assert groups == expected, clause["label"]
        for p in provs:
            assert [u.lead for u in p.units] == [i == 0 for i in range(len(p.units))]


def test_seed_without_brackets_has_no_units(vocab):
    text = seed("003")
    spans = clause_spans(text)
    assert len(spans) >= 10
    for start, end in spans:
        for prov in extract_provisions(text, start, end, ZHOUKOU, vocab):
            assert prov.units_text is None and prov.units == []
    found = [m for s, e in spans for m in find_mentions(text, s, e, ZHOUKOU, vocab)]
    assert ("所在地受益财政", "funding") in {(m.name, m.role) for m in found}
    assert ("市产业创新研究中心", "implementing") in {(m.name, m.role) for m in found}


def test_yueyang_seed_remarks_and_several_groups(vocab):
    text = seed("004")
    region = Region("岳阳市", "湖南省", "city", "岳阳")
    spans = clause_spans(text)
    first = next((s, e) for s, e in spans if "建立市科技成果信息系统" in text[s:e])
    units = [u for p in extract_provisions(text, *first, region, vocab) for u in p.units]
    assert names(units) == ["市科技局", "市发改委", "市统计局", "市教育体育局", "市经信委", "市农业委",
                            "市环保局", "市卫计委", "各县市区人民政府", "各县市区管委会"]
    assert [u.function for u in units] == ["science_tech", "development_reform", "statistics", "education",
                                           "industry_it", "agriculture", "environment", "health",
                                           "local_government", "development_zone"]
    talent = next((s, e) for s, e in spans if "开展专业化技术转移人才培养" in text[s:e])
    provs = extract_provisions(text, *talent, region, vocab)
    with_units = [p for p in provs if p.units]
    assert len(with_units) == 5
    assert [p.units[0].name for p in with_units] == ["市教育体育局", "市科技局", "市科技局", "市人社局", "市科技局"]
    assert [p.units[0].group for p in with_units] == [0, 1, 2, 3, 4]


def test_hubei_seed_traditional_source(vocab):
    text = seed("002")
    spans = clause_spans(text)
    clause = next((s, e) for s, e in spans if "加快創新創業人才集聚" in text[s:e] or "加快创新创业人才集聚" in text[s:e])
    units = [u for p in extract_provisions(text, *clause, HUBEI, vocab) for u in p.units]
    assert [(u.name, u.function) for u in units] == [
        ("省委组织部", "talent"), ("省教育厅", "education"), ("省科技厅", "science_tech"),
        ("省经信厅", "industry_it"), ("省人社厅", "human_resources")]
    assert units[2].canonical == "湖北省科学技术厅"
    cities = next((s, e) for s, e in spans if "推动重大科技成果落地转化" in text[s:e])
    units = [u for p in extract_provisions(text, *cities, HUBEI, vocab) for u in p.units]
    assert names(units)[-3:] == ["武汉市", "襄阳市", "宜昌市人民政府"]  # places with their level, as printed
    assert [u.canonical for u in units[-3:]] == ["武汉市人民政府", "襄阳市人民政府", "宜昌市人民政府"]
