"""Patterns opened by a lookahead on the characters a match can begin with: same matches, quicker."""

from __future__ import annotations

import re

import pytest

from policykg.loaders.word_patterns import first_chars, required_char, scanning_pattern


@pytest.mark.parametrize(
    ("pattern", "begins", "never"),
    [
        (r"(?<=[甲乙])(?:丙|丁)", "丙丁", "甲乙戊"),  # a lookbehind first: what follows it begins the match
        (r"(?:\d{1,2})?(?:元|万元)", "0123456789元万", "甲 "),  # an optional part: it or what follows it
        (r"[ \t]*(?:编辑|作者)[^\n]*", " \t编作", "甲\n"),  # a run of spaces that may be empty
        (r"^\s*第[一二三]条", " \n\t第", "一条"),  # an anchor is no character
        (r"(?P<a>甲)|(?m:^乙)", "甲乙", "丙"),  # inline flags that change no character
        (r"(?:[0-5]+|十)号", "05十", "6号"),
    ],
)
def test_the_characters_a_match_begins_with(pattern: str, begins: str, never: str) -> None:
    found = first_chars(pattern)
    assert found is not None
    opener = re.compile(found)
    assert all(opener.fullmatch(c) for c in begins)
    assert not any(opener.fullmatch(c) for c in never)


@pytest.mark.parametrize(
    "pattern",
    [
        r"甲?",  # matches the empty string: may begin anywhere
        r".乙",  # any character
        r"[^甲]乙",  # a negated class
        r"(?i:a)b",  # a flag that changes which characters match
        r"(甲)?(?(1)乙|丙)",  # a conditional
    ],
)


def test_patterns_whose_first_characters_are_not_read(pattern: str) -> None:
    assert first_chars(pattern) is None
    assert scanning_pattern(pattern).pattern == pattern  # compiled as it is


TEXT = (
    "一、总则\n(一)甲市科技局负责,乙局配合;(二)给予最高50万元奖励。 编辑:张三\n"
    "第一条 为了…,1.申报材料:(1)申请表;(2)证明。二、附则\t作者:李四\n第三条 本办法自2024年起施行"
)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"(?:[:;。]|\s)\s*([(]\s*[一二三1-9]\s*[)])|(?<=[\u4e00-\u9fff])(?<!第)\s?(?P<run_in>[一1]\s*[、.])", 0),
        (r"[ \t]*(?:编辑|作者)\s*:[^\n]*", re.M),
        (r"(?:\d{1,4})?(?:万元|条)|(?m:^[ \t]*第[一二三]条)", 0),
        (r"(?<![针相])局(?![配])|(?:最高|不超过)?\s*\d+(?:万元|%)", 0),
    ],
)
def test_a_scanning_pattern_finds_what_the_pattern_finds(pattern: str, flags: int) -> None:
    plain, scanning = re.compile(pattern, flags), scanning_pattern(pattern, flags)
    assert scanning.pattern != pattern  # the lookahead is there
    assert scanning.groupindex == plain.groupindex and scanning.groups == plain.groups

    def spans(p: re.Pattern[str]) -> list[tuple[tuple[int, int], tuple[str | None, ...], str | None]]:
        return [(m.span(), m.groups(), m.lastgroup) for m in p.finditer(TEXT)]

    assert spans(scanning) == spans(plain)
    for at in range(len(TEXT)):
        expected, got = plain.match(TEXT, at), scanning.match(TEXT, at)
        assert (got and got.span()) == (expected and expected.span())
        expected, got = plain.search(TEXT, at, at + 12), scanning.search(TEXT, at, at + 12)
        assert (got and got.span()) == (expected and expected.span())


@pytest.mark.parametrize("pattern", [r"快讯|快报", r"[甲乙]丙", r"(?:甲|乙)丙", r"(?P<x>甲乙)"])
def test_a_pattern_the_engine_scans_quickly_is_kept_as_it_is(pattern: str) -> None:
    # it opens on a literal, a class, or alternatives that each open on a literal
    assert scanning_pattern(pattern).pattern == pattern


def test_a_global_flag_keeps_the_pattern_as_it_is() -> None:
    pattern = r"(?i)abc|d"
    assert scanning_pattern(pattern).pattern == pattern
    assert scanning_pattern(pattern).search("xABC").group() == "ABC"


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"[\u4e00-\u9fff]{1,4}卡", "卡"),
        (r"(?<=[\d%])\s*(?:的比例)?(?:进行|给予)配套", "配"),  # the alternatives and the optional part hold none
        (r"(?:不需|无需)报[^。]{0,9}备案", "报"),
        (r"(?:甲乙)+丙", "甲"),  # a part repeated at least once
        (r"(?:第(?:一|二))", "第"),
    ],
)
def test_a_character_every_match_holds(pattern: str, needed: str) -> None:
    assert required_char(pattern) == needed


@pytest.mark.parametrize("pattern", [r"甲|乙", r"(?:甲)?乙?", r"(?=甲)\w", r"[甲乙]+", r"(?i:ab)"])
def test_no_character_every_match_holds(pattern: str) -> None:
    assert required_char(pattern) is None


@pytest.mark.parametrize("text", [
    "对获得科技创新券的企业,按其技术交易额的10%给予匹配资金,最高20万元。",
    "成果完成人可自主决定转让,不需报主管部门审批。",
    "给予一次性奖励50万元。",
])
def test_instrument_trigger_patterns_searched_only_where_they_can_match(text: str) -> None:
    import copy

    from policykg.loaders.instruments import InstrumentVocabulary

    vocab = InstrumentVocabulary.load()
    every_text = copy.copy(vocab)
    every_text._patterns = [(code, pattern, None) for code, pattern, _needed in vocab._patterns]
    assert vocab.triggers(text) == every_text.triggers(text)


def test_literal_branches_match_what_the_alternation_matches() -> None:
    from policykg.loaders.word_patterns import literal_alternation, literal_branches

    words = ["牵头单位", "牵头部门", "责任单位", "配合单位", "牵头", "a.b"]
    branches = literal_branches(words)
    assert len(branches) == 4  # one per first character
    flat = "|".join(branches)
    assert scanning_pattern(flat).pattern == flat  # each opens on its character: scanned quickly as it is
    text = "由牵头部门负责,牵头单位:甲局;配合单位:乙局,责任 单位 a.b axb"
    grouped = re.compile(literal_alternation(words))
    assert [m.span() for m in re.finditer(flat, text)] == [m.span() for m in grouped.finditer(text)]
    assert literal_branches([]) == [] and literal_branches(["", "甲"]) == ["甲"]
