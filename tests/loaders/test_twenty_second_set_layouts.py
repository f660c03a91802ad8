"""Instruments and citations laid out as the twenty-second development set's: a yearly grant
with its total over the years, a year written with a letter for 〇. The texts are made up."""

from __future__ import annotations

from policykg.loaders.citations import find_citations
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.numbers import zero_lookalikes_as_ling

from .instrument_figures import numbers


def test_the_total_of_a_yearly_grant_over_its_years_is_no_instrument() -> None:
    text = ("对认定的科技型企业,属规模以上企业的,由县财政每年补助8万元,补助三年,共24万元;属规模以下企业的,"
            "由县财政每年补助6万元,补助两年,共12万元。")
    assert numbers(InstrumentExtractor(), text) == [{"amount_yuan": 80000.0}, {"amount_yuan": 60000.0}]


def test_a_sum_after_a_count_of_projects_is_still_granted() -> None:
    text = "对承担项目满两年的企业,给予一次性补助15万元。"
    assert numbers(InstrumentExtractor(), text) == [{"amount_yuan": 150000.0}]


def test_a_letter_for_ling_in_a_cited_year_is_read_as_ling() -> None:
    text = "依据《甲市国民经济和社会发展第十四个五年规划和二Ο三五年远景目标纲要》《乙市О2О平台办法》,编制本规划。"
    titles = [c.title for c in find_citations(text, 0)]
    assert "甲市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要" in titles


def test_only_letters_among_chinese_numerals_become_ling() -> None:
    assert zero_lookalikes_as_ling("二O二O年和二〇二五年") == "二〇二〇年和二〇二五年"
    assert zero_lookalikes_as_ling("二○三五年") == "二○三五年"  # the circle is a zero as printed
    assert zero_lookalikes_as_ling("O2O平台和OO计划") == "O2O平台和OO计划"
