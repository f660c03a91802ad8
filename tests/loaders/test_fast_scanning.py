"""The shortcuts that keep the rule-based extractors fast give the same answers as a plain scan.

Covered: word tries (``literal_alternation``), remembered department resolutions and unit
lists, numbers tried only where a number can begin, 文号 found from their bracketed year,
titles found by jumping between 《 and 》, character folding without ``str.translate``,
line stripping and provision cutting.
"""

from __future__ import annotations

import re

import pytest

from policykg.loaders.citations import doc_numbers_in, find_citations
from policykg.loaders.cleaning import clean_text, normalize
from policykg.loaders.departments import DepartmentVocabulary
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.quantities import find_quantities
from policykg.loaders.records import Region, SourceText
from policykg.loaders.responsibility import find_mentions, parse_units
from policykg.loaders.structure import _has_own_text, _split_lines
from policykg.loaders.word_patterns import literal_alternation

JINGZHOU = Region("荆州市", "湖北省", "city", "荆州")
WUHAN = Region("武汉市", "湖北省", "city", "武汉")


@pytest.fixture(scope="module")
def vocab() -> DepartmentVocabulary:
    return DepartmentVocabulary.load()


# -- literal_alternation ---------------------------------------------------------------


def test_alternation_takes_the_longest_word_at_the_leftmost_place():
    pattern = re.compile(literal_alternation(["技术", "技术转移", "技术转移机构", "机构", "转移"]))
    found = [m.group() for m in pattern.finditer("支持技术转移机构和技术市场、中介机构")]
    assert found == ["技术转移机构", "技术", "机构"]


def test_alternation_backtracks_to_a_shorter_word_when_what_follows_needs_it():
    # 省市 is tried first, then 省 so that 市财政 can still follow
    pattern = re.compile(rf"(?P<prefix>{literal_alternation(['省', '省市'])})?(?P<term>市财政局|财政厅)")
    m = pattern.search("由省市财政局给予补助")
    assert (m.group("prefix"), m.group("term")) == ("省", "市财政局")
    m = pattern.search("由省市财政厅给予补助")
    assert (m.group("prefix"), m.group("term")) == ("省市", "财政厅")


def test_alternation_escapes_special_characters_and_ignores_empty_words():
    pattern = re.compile(literal_alternation(["C++", "(试行)", ""]))
    assert [m.group() for m in pattern.finditer("C++办法(试行)C")] == ["C++", "(试行)"]
    assert re.compile(literal_alternation([])).search("任何文字") is None
    assert re.compile(literal_alternation([""])).search("任何文字") is None


# -- remembered results ------------------------------------------------------------------


def test_resolution_depends_on_the_region_even_when_remembered(vocab):
    assert vocab.resolve("市科技局", JINGZHOU)[0] == "荆州市科学技术局"
    assert vocab.resolve("市科技局", WUHAN)[0] == "武汉市科学技术局"
    assert vocab.resolve("市科技局", JINGZHOU)[0] == "荆州市科学技术局"
    assert vocab.resolve("市科技局", None)[0] == "市科学技术局"


def test_the_same_unit_list_at_two_places_gets_its_own_offsets(vocab):
    units_text = "市科技局、市财政局"
    text = f"一、加强合作(责任单位:{units_text})\n二、落实补助(责任单位:{units_text})"
    first, second = (m.start() for m in re.finditer(re.escape(units_text), text))
    for base, group in ((first, 0), (second, 1)):
        units = parse_units(units_text, base, group, JINGZHOU, vocab)
        assert [u.name for u in units] == ["市科技局", "市财政局"]
        assert [text[u.start:u.end] for u in units] == ["市科技局", "市财政局"]
        assert [u.lead for u in units] == [True, False]
        assert {u.group for u in units} == {group}
    # the unit objects are not shared between calls: changing one leaves the next intact
    units = parse_units(units_text, first, 0, JINGZHOU, vocab)
    units[0].aliases.append("科技局")
    assert parse_units(units_text, first, 0, JINGZHOU, vocab)[0].aliases == []


def test_mentions_at_the_start_the_end_and_next_to_each_other(vocab):
    text = "市财政局按规定给予补助,由市科技局、市产业创新研究中心等共同实施,资金由市财政局"
    mentions = find_mentions(text, 0, len(text), JINGZHOU, vocab)
    assert [(m.name, m.start) for m in mentions] == [
        ("市财政局", 0), ("市科技局", 13), ("市产业创新研究中心", 18), ("市财政局", len(text) - 4)]


# -- numbers -------------------------------------------------------------------------------


def test_numbers_anywhere_in_the_text_are_found():
    found = find_quantities("30%以内由企业承担,最高50万元,支持十家企业,百分之五用于奖励")
    assert [(q.kind, q.text) for q in found] == [
        ("rate", "30%"), ("money", "50万元"), ("count", "十家"), ("rate", "百分之五")]
    assert found[0].start == 0 and found[0].qualifier == "at_most"
    assert found[1].qualifier == "max" and found[1].value == 500_000


def test_text_without_numbers_and_numbers_cut_from_a_digit_run():
    assert find_quantities("进一步加强科技成果转化工作") == []
    assert find_quantities("") == []
    # 20210年 is not a year: the match inside the digit run is not a number either
    assert [q.text for q in find_quantities("编号20210年,奖励5万元")] == ["5万元"]


# -- citations -------------------------------------------------------------------------------


def test_document_numbers_found_from_their_bracketed_year():
    text = "根据鄂政办发〔2021〕38号和国办发 [2016] 第28号文件,(2019)5号,见湘科〔2016〕77号〔2017〕3号"
    assert doc_numbers_in(text) == [
        ("鄂政办发〔2021〕38号", 2, 15),
        ("国办发〔2016〕28号", 16, 31),
        ("湘科〔2016〕77号", 44, 55),
    ]  # 〔2017〕3号 has no code: the 号 before it ends the previous number


def test_document_number_codes_keep_at_most_ten_characters():
    text = "一二三四五六七八九十甲乙〔2020〕1号"
    assert doc_numbers_in(text) == [("三四五六七八九十甲乙〔2020〕1号", 2, len(text))]


def test_titles_nested_unclosed_and_too_long():
    long_title = "《" + "长" * 300 + "》"
    text = f"按《关于《科技法》的说明》执行,《未闭合\n《甲办法》{long_title}《乙条例》"
    assert [c.title for c in find_citations(text)] == ["关于《科技法》的说明", "甲办法", "乙条例"]


# -- cleaning, structure, provisions ---------------------------------------------------------


def test_normalize_folds_only_the_wide_and_special_characters():
    assert normalize("（一）ＡＢＣ，１２３％\u3000\u00a0﹙注﹚﹝甲﹞〔乙〕中文") == "(一)ABC,123%  (注)〔甲〕〔乙〕中文"
    assert normalize("没有需要折叠的字符") == "没有需要折叠的字符"


def _source(text: str) -> SourceText:
    return SourceText(path="t.txt", format="txt", encoding="utf-8", text=text, sha256="", size_bytes=0)


def test_cleaning_spaces_at_line_edges_blank_lines_and_line_breaks():
    raw = "\n\n  第一条 内容  \r\n\u3000第二条\u2028\n\n\n\n第三条\t中 间\n\n"
    clean = clean_text(_source(raw))
    assert clean.text == "第一条 内容\n第二条\n\n第三条\t中 间"  # at most one blank line
    # every kept character points back at itself in the source (\u2028 became a line break)
    assert [raw[clean.origin[i]] for i in range(len(clean.text))] == list(clean.text.replace("条\n\n", "条\u2028\n"))


def test_cleaning_lost_characters_warn_only_where_they_are():
    assert clean_text(_source("科技成果转化?工作")).warnings == []
    warned = clean_text(_source("科技成果??转化\ufffd工作")).warnings
    assert [w.code for w in warned] == ["corrupted_text", "corrupted_text"]


def test_lines_are_stripped_of_every_kind_of_space():
    text = "\u3000\u3000一、总则\u200b \n \t\n\ufeff第二行\u2003"
    lines = _split_lines(text)
    assert [(line.text, text[line.start:line.end]) for line in lines] == [("一、总则", "一、总则"), ("第二行", "第二行")]


def test_own_text_needs_two_characters_outside_brackets():
    assert not _has_own_text("(责任单位:市科技局、(市财政局))。")
    assert not _has_own_text("__ ,。")
    assert _has_own_text("(责任单位:市科技局)另行规定")
    assert not _has_own_text("(注)A")


def test_instrument_clauses_cut_once_give_the_same_instruments_in_each_segment():
    ex = InstrumentExtractor()
    text = "对技术转移机构给予奖励,按技术合同成交额的3%给予补贴,最高50万元。 \n设立创新券。对企业给予税收优惠"
    found = ex.find(text)
    assert [(i.type, i.rate, i.cap_yuan) for i in found if i.rate is not None] == [(found[0].type, 0.03, 500_000)]
    assert {"voucher", "tax_incentive"} <= {i.type for i in found}
