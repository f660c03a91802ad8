"""One rate with a cap per tier written 最高分别为, a yearly cap stated in the next sentence of a
provision for the rates before it, and figures that grant nothing to a beneficiary: a fund's
size a provision sets out from (在…的基础上) or reaches by a year, a programme's budget, one
budget's share of another government's grants. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.quantities import find_quantities


def figures(ex: InstrumentExtractor, text: str) -> list[tuple[float | None, float | None, float | None]]:
    return [(i.rate, i.cap_yuan, i.amount_yuan) for i in ex.find(text)
            if i.rate is not None or i.cap_yuan is not None or i.amount_yuan is not None]


# ------------------------------------------------------------------ caps per tier under one rate


def test_caps_written_highest_respectively_are_caps() -> None:
    quantities = find_quantities("最高分别为50万元、80万元")
    assert [q.qualifier for q in quantities] == ["max", "max"]


def test_one_rate_with_a_cap_for_each_tier_and_a_yearly_cap_of_its_own(ex: InstrumentExtractor) -> None:
    text = ("对完成甲、乙、丙阶段验证的新产品,给予不超过研发费用30%,最高分别为200万元、400万元、600万元"
            "资金支持;每家单位每年累计支持额度不超过1000万元。")
    assert figures(ex, text) == [(0.3, 2_000_000, None), (0.3, 4_000_000, None), (0.3, 6_000_000, None),
                                 (None, 10_000_000, None)]


# ---------------------------------------------------- a yearly cap in the next sentence of a grant


def test_a_yearly_cap_after_a_sentence_on_how_the_grant_is_paid_caps_every_rate_before(
        ex: InstrumentExtractor) -> None:
    text = ("对首次投保甲险种的企业,最高按保费的60%给予补贴,次年起按不超过保费的20%给予补贴;"
            "补贴资金实行先缴后补,每家企业每年最高补贴15万元。")
    assert figures(ex, text) == [(0.6, 150_000, None), (0.2, 150_000, None)]


def test_a_yearly_cap_after_a_clause_naming_another_case_stays_that_cases_own(ex: InstrumentExtractor) -> None:
    text = "对投保乙险种的企业,按保费的40%给予补贴;科研院所投保的,每家单位每年最高补贴8万元。"
    assert figures(ex, text) == [(0.4, None, None), (None, 80_000, None)]


def test_a_yearly_cap_after_a_clause_with_a_figure_of_its_own_closes_nothing(ex: InstrumentExtractor) -> None:
    text = "对投保丙险种的企业,按保费的40%给予补贴;保费在5万元以上部分,每家企业每年最高补贴6万元。"
    assert (0.4, None, None) in figures(ex, text)


# --------------------------------------------------------------- sizes and budgets, no grants


def test_a_fund_size_a_provision_sets_out_from_and_one_reached_by_a_year_are_no_instruments(
        ex: InstrumentExtractor) -> None:
    text = "做大甲市创新基金,在现有2亿元甲市创新投资基金的基础上,引入社会资本,到2027年总规模达到20亿元。"
    assert figures(ex, text) == []


def test_a_rate_inside_a_baseline_is_no_instrument_but_the_grant_after_it_is(ex: InstrumentExtractor) -> None:
    text = "对在上年度研发投入增长15%的基础上继续加大投入的企业,按新增投入的10%给予奖励。"
    assert figures(ex, text) == [(0.1, None, None)]


def test_a_fund_set_up_with_its_size_is_still_read(ex: InstrumentExtractor) -> None:
    assert figures(ex, "设立乙市天使投资基金,基金规模3亿元,支持初创企业发展。") == [(None, None, 300_000_000)]


def test_a_programmes_budget_allotted_over_years_is_no_instrument(ex: InstrumentExtractor) -> None:
    text = ("2024年至2026年,从市科技专项资金中累计安排支出2亿元乙产业专题资金,以奖补等方式,"
            "对乙产业重点项目给予支持。")
    assert figures(ex, text) == []


def test_one_budgets_share_of_another_governments_grants_is_no_instrument(ex: InstrumentExtractor) -> None:
    assert figures(ex, "奖励资金由各区县财政承担,市财政对区、县(市)实际奖励资金给予40%补助。") == []
    assert figures(ex, "省级财政对各市县兑现的补贴资金按30%予以补助。") == []


def test_a_rate_on_grants_an_enterprise_won_stays_an_instrument(ex: InstrumentExtractor) -> None:
    assert figures(ex, "对区内企业获得的国家奖励给予50%配套。") == [(0.5, None, None)]
    assert figures(ex, "对市级孵化器给予30%补助。") == [(0.3, None, None)]
