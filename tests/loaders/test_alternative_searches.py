"""Alternations searched in parts: the same yes or no as the whole pattern, quicker."""

from __future__ import annotations

import re

import pytest

from policykg.loaders.word_patterns import search_any, search_parts, top_level_alternatives


def test_top_level_alternatives_keep_groups_classes_and_escapes_whole() -> None:
    pattern = r"甲(?:乙|丙)|[|(]丁|\|戊|[]|]己|^庚"
    branches = top_level_alternatives(pattern)
    assert branches == [r"甲(?:乙|丙)", r"[|(]丁", r"\|戊", r"[]|]己", r"^庚"]
    assert "|".join(branches) == pattern


def test_line_start_branches_are_searched_apart() -> None:
    parts = search_parts(r"快讯|^\s*记者[:：]|^据.{0,4}报道", re.MULTILINE)
    # the line-start branches at the text's start, and after a line break
    assert [p.pattern for p in parts] == ["快讯", r"\A(?:\s*记者[:：]|据.{0,4}报道)", r"\n(?:\s*记者[:：]|据.{0,4}报道)"]
    assert search_parts(r"快讯|^\s*记者[:：]")[1].pattern == r"^\s*记者[:：]"  # only the text's start: as it is


def test_branches_that_all_start_a_line_are_searched_at_line_starts() -> None:
    pattern = r"^甲|^\s*乙$"
    parts = search_parts(pattern, re.MULTILINE)
    assert len(parts) == 2
    for text in ("甲", "丙\n甲", "丙甲", "丙\n 乙\n丁", "丙\n 乙丁", "", "\n"):
        assert search_any(parts, text) == (re.search(pattern, text, re.MULTILINE) is not None)


@pytest.mark.parametrize("pattern", [
    r"^甲",  # every branch starts a line
    r"甲|乙",  # none does
    r"(甲)|^乙\1",  # a back reference ties the branches
    r"(?m)甲|^乙",  # a flag for the whole pattern
])
def test_patterns_that_cannot_be_cut_stay_whole(pattern: str) -> None:
    parts = search_parts(pattern)
    assert [p.pattern for p in parts] == [pattern]


@pytest.mark.parametrize("text", [
    "本市出台新办法。\n记者:张三\n",
    "据本地日报报道,新办法出台。",
    "新办法出台,据日报报道。",
    "一、总体要求\n  记者 会议\n",
    "快讯:新办法出台",
    "",
    "\n",
])
def test_parts_find_what_the_whole_pattern_finds(text: str) -> None:
    pattern = r"快讯|^\s*记者[:：]|^据.{0,4}报道|[(（]记者"
    whole = re.compile(pattern, re.MULTILINE)
    assert search_any(search_parts(pattern, re.MULTILINE), text) == (whole.search(text) is not None)
