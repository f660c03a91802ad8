"""Cards of awards: a heading, a colon and sums each after the name of its level or case
(创新奖:国家级80万元、省级40万元), with no grant word. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.instruments import InstrumentExtractor


def sums(ex: InstrumentExtractor, text: str) -> list[tuple[str, float | None]]:
    return [(i.type, i.amount_yuan) for i in ex.find(text) if i.amount_yuan is not None or i.cap_yuan is not None]


def test_each_sum_of_a_card_by_level_is_an_amount_of_its_own(ex):
    text = "2、创新成果奖:国家级80万元、省级40万元、市级10万元;"
    assert sums(ex, text) == [("reward", 800_000), ("reward", 400_000), ("reward", 100_000)]


def test_a_card_of_counts_and_sums_gives_one_amount_per_step(ex):
    text = "(三)企业获得授权商标累计5件:3万元;累计20件:8万元。"
    assert [a for _, a in sums(ex, text)] == [30_000, 80_000]


def test_a_sentence_of_sums_right_after_a_card_carries_it_on(ex):
    text = "设计奖:金奖60万元、银奖30万元;本地设计奖15万元。同一单位获多项奖励的,总额不超过90万元。"
    found = [(i.amount_yuan, i.cap_yuan) for i in ex.find(text) if i.amount_yuan or i.cap_yuan]
    assert found == [(600_000, None), (300_000, None), (150_000, None), (None, 900_000)]


def test_a_card_keeps_the_type_its_grant_word_names(ex):
    text = "研发补助:一类项目50万元、二类项目20万元;"
    assert [t for t, _ in sums(ex, text)] == ["subsidy", "subsidy"]


def test_a_heading_naming_the_applicants_own_figure_makes_no_card(ex):
    assert sums(ex, "申报条件:注册资本:500万元、年营业收入3000万元;") == []
    assert sums(ex, "企业年营业收入:2000万元、5000万元;") == []


def test_sums_after_a_sentence_or_with_words_after_them_are_no_card(ex):
    assert sums(ex, "项目总投资不低于5000万元,其中:设备投资2000万元;") == []
    assert sums(ex, "说明:项目总投资约300万元左右的,另行研究;") == []


def test_a_grant_of_its_own_in_the_next_clause_is_another_instrument(ex):
    text = "支持企业建设中试基地,给予最高200万元补助,给予最高80万元补助,对首台套产品给予最高60万元奖励。"
    assert [i.cap_yuan for i in ex.find(text) if i.cap_yuan] == [2_000_000, 800_000, 600_000]


def test_a_cap_with_no_grant_of_its_own_still_limits_the_grant_before_it(ex):
    found = [i for i in ex.find("按投资额的10%给予补助,单个企业最高100万元。") if i.rate or i.cap_yuan]
    assert [(i.rate, i.cap_yuan) for i in found] == [(0.1, 1_000_000)]
