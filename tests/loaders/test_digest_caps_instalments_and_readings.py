"""Incentive figures as award digests and policy readers write them: a cap named by the grant's
word before the word for its sum (最高补助额度500万元), a grant after a review of the applicant's
budget (进行预算评估后按…的30%给予支持), a grant split over years with its instalments (分三年共给予…,
第一年给予…), a matching rate (按…资金100%进行匹配), a reader's paragraph retelling a provision
(条款解读:…), a sum to be won that no verb grants (争取…奖补资金200万元以上), and a short line that
opens a sentence run on into the next line. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.instruments import InstrumentExtractor, join_wrapped_lines
from policykg.loaders.quantities import find_quantities


def figures(ex: InstrumentExtractor, text: str) -> list[tuple[float | None, float | None, float | None]]:
    return [(i.rate, i.cap_yuan, i.amount_yuan) for i in ex.find(text)
            if i.rate is not None or i.cap_yuan is not None or i.amount_yuan is not None]


# ------------------------------------------------------------ a cap named by the grant's word


def test_the_grant_word_and_the_word_for_its_sum_after_highest_make_a_cap() -> None:
    assert [q.qualifier for q in find_quantities("最高补助额度80万元")] == ["max"]
    assert [q.qualifier for q in find_quantities("最高奖励金额为30万元")] == ["max"]
    assert [q.qualifier for q in find_quantities("奖励金额为30万元")] == ["exact"]


def test_two_bands_of_one_subsidy_share_the_cap_stated_after_them(ex: InstrumentExtractor) -> None:
    text = ("对考核为甲等的单位,800万元及以下部分给予12%补助,800万元以上部分给予6%补助,"
            "最高补助额度400万元。")
    assert figures(ex, text) == [(0.12, 4_000_000, None), (0.06, 4_000_000, None)]


# ------------------------------------------------------------ a review of the applicant's budget


def test_a_grant_after_a_budget_review_keeps_its_rate_and_cap(ex: InstrumentExtractor) -> None:
    text = "对乙类示范项目的总投入进行预算评审后按不超过总投入的25%、最高600万元给予支持。"
    assert figures(ex, text) == [(0.25, 6_000_000, None)]


def test_a_budget_set_aside_still_grants_nothing(ex: InstrumentExtractor) -> None:
    text = "经预算评审后,每年统筹安排专项经费300万元用于平台运行。"
    assert figures(ex, text) == []


# ------------------------------------------------------------ instalments of one grant


def test_the_yearly_instalments_of_a_grant_split_over_years_are_no_grants_of_their_own(
        ex: InstrumentExtractor) -> None:
    text = "对新入库的丁类企业,分四年共给予40万元奖励,第一年给予16万元,第二年给予12万元,第三年、第四年各给予6万元。"
    assert figures(ex, text) == [(None, None, 400_000)]


def test_grants_for_the_first_and_next_year_without_a_total_are_each_granted(ex: InstrumentExtractor) -> None:
    text = "对新落户的戊类机构,首年给予15万元补贴,次年给予8万元补贴。"
    assert figures(ex, text) == [(None, None, 150_000), (None, None, 80_000)]


# ------------------------------------------------------------ a matching rate


def test_a_rate_matched_to_another_budgets_grant_is_a_subsidy_rate(ex: InstrumentExtractor) -> None:
    text = "对首次入选的己类企业,区财政按省级财政拨付资金50%进行匹配。"
    found = [i for i in ex.find(text) if i.rate is not None]
    assert [(i.type, i.rate) for i in found] == [("subsidy", 0.5)]


def test_matching_needs_and_results_is_no_subsidy(ex: InstrumentExtractor) -> None:
    assert [i.type for i in ex.find("组织高校院所的成果与园区企业的需求进行匹配。")] == []


# ------------------------------------------------------------ a reader's retelling


def test_a_reading_of_a_provision_retells_its_figure_and_grants_nothing(ex: InstrumentExtractor) -> None:
    text = ("对复核通过的庚类企业,给予8万元奖励。\n"
            "条款解读:庚类企业奖励面向复核通过的企业,根据评价结果分档给予8万元的支持。")
    assert figures(ex, text) == [(None, None, 80_000)]


# ------------------------------------------------------------ a sum to be won


def test_a_sum_to_be_won_that_no_verb_grants_is_no_amount(ex: InstrumentExtractor) -> None:
    text = "全年争取上级科技项目资金300万元以上;科技创新奖补资金150万元以上。"
    assert figures(ex, text) == []


def test_a_grant_word_before_a_sum_still_grants_it(ex: InstrumentExtractor) -> None:
    assert figures(ex, "对获评示范的企业,奖励资金20万元。") == [(None, None, 200_000)]


# ------------------------------------------------------------ a short line opening a sentence


def test_a_short_line_with_a_full_stop_inside_runs_on_into_the_next_line() -> None:
    joined, _ = join_wrapped_lines("3.支持龙头企业发展。对年营业收入\n首次突破50亿元的企业给予奖励。")
    assert joined == "3.支持龙头企业发展。对年营业收入首次突破50亿元的企业给予奖励。"


def test_the_sizes_a_wrapped_sentence_lists_before_its_grants_stay_conditions(ex: InstrumentExtractor) -> None:
    text = ("2.支持企业做大。对年营业收入\n首次突破500亿元、100亿元、20亿元的企业,分别给予\n"
            "600万元、300万元、100万元的奖励。")
    assert figures(ex, text) == [(None, None, 6_000_000), (None, None, 3_000_000), (None, None, 1_000_000)]
