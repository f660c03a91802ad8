"""A yearly cap on what one operator gets, stated in a sentence of its own after the grants
(每个…运营方的年补贴不超过…), a sum granted for each one brought in though its clause names no
grant word (每引进一家…3万元), a sum added to a grant (在原基础上再增加5万元) and percentage
points (再提高1个百分点) read as rates. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.quantities import find_quantities


def figures(ex: InstrumentExtractor, text: str) -> list[tuple[float | None, float | None, float | None]]:
    return [(i.rate, i.cap_yuan, i.amount_yuan) for i in ex.find(text)
            if i.rate is not None or i.cap_yuan is not None or i.amount_yuan is not None]


# ------------------------------------------------ a yearly cap per operator after the grants


def test_a_yearly_cap_per_operator_in_a_sentence_of_its_own_caps_the_rate_before(ex: InstrumentExtractor) -> None:
    text = ("对入驻企业获得市级以上技术大赛奖项的,按奖金总额的8%给予运营补贴。"
            "每个众创空间管理方的年运营补贴不超过30万元。")
    found = [i for i in ex.find(text) if i.rate is not None or i.cap_yuan is not None]
    assert [(i.rate, i.cap_yuan, i.scope) for i in found] == [(0.08, 300_000, "per_entity_per_year")]


def test_a_yearly_cap_per_operator_caps_every_amount_before_it(ex: InstrumentExtractor) -> None:
    text = ("认定为市级孵化载体满两年的,每培育市级以上创业团队给予奖励6万元;"
            "每引进高层次人才项目给予奖励4万元。每家孵化载体运营单位的年奖励不超过80万元。")
    assert figures(ex, text) == [(None, 800_000, 60_000), (None, 800_000, 40_000)]


def test_a_cap_per_operator_that_names_no_year_stays_an_instrument_of_its_own(ex: InstrumentExtractor) -> None:
    text = "对新认定的孵化载体给予奖励20万元。每个孵化载体运营单位的建设补贴不超过50万元。"
    assert figures(ex, text) == [(None, None, 200_000), (None, 500_000, None)]


# ------------------------------------------------ a sum for each one brought in, no grant word


def test_a_sum_for_each_one_brought_in_is_granted_beside_a_grant_of_the_provision(
        ex: InstrumentExtractor) -> None:
    text = ("对运营满一年的加速器,每引进一家瞪羚企业3万元;每培育省级专精特新企业分别奖励补贴5万元。"
            "每家加速器运营方的年奖励补贴不超过60万元。")
    assert figures(ex, text) == [(None, 600_000, 30_000), (None, 600_000, 50_000)]


def test_a_sum_for_each_one_brought_in_needs_a_provision_that_grants(ex: InstrumentExtractor) -> None:
    assert figures(ex, "每引进一支海外研发团队10万元。") == []


def test_a_sum_of_money_brought_in_is_a_step_no_grant(ex: InstrumentExtractor) -> None:
    assert figures(ex, "对落户的研发机构,每引进投资1000万元,给予奖励2万元。") == [(None, None, 20_000)]
    assert figures(ex, "每引进社会投资500万元;对合作项目给予补助。") == []


def test_a_sum_with_words_after_it_in_its_clause_is_no_sum_for_each(ex: InstrumentExtractor) -> None:
    assert figures(ex, "每培育一家企业30万元以上的项目;对其给予奖励。") == []


# ------------------------------------------------------------------ a sum added to a grant


def test_a_sum_added_on_the_grant_before_is_an_amount(ex: InstrumentExtractor) -> None:
    text = "对首次认定的高新技术企业奖励20万元,其中属于重点产业链的,在原基础上再增加5万元。"
    assert figures(ex, text) == [(None, None, 200_000), (None, None, 50_000)]


def test_a_sum_added_to_an_investment_is_no_grant(ex: InstrumentExtractor) -> None:
    assert figures(ex, "对项目给予奖励,企业追加投资2000万元。") == []


# --------------------------------------------------------------------- percentage points


def test_percentage_points_read_as_a_rate() -> None:
    assert [(q.kind, q.value) for q in find_quantities("再提高1个百分点")] == [("rate", 0.01)]
    assert [(q.kind, q.value) for q in find_quantities("上浮两个百分点")] == [("rate", 0.02)]
    assert [(q.kind, q.value) for q in find_quantities("上浮0.5个百分点")] == [("rate", 0.005)]
    assert [(q.kind, q.min, q.max) for q in find_quantities("提高2—3个百分点")] == [("rate_range", 0.02, 0.03)]


def test_percentage_points_added_to_a_grant_are_its_rate(ex: InstrumentExtractor) -> None:
    text = "技术改造项目补助在原补助比例的基础上再提高1个百分点。"
    assert figures(ex, text) == [(0.01, None, None)]


def test_percentage_points_of_a_target_are_no_rate(ex: InstrumentExtractor) -> None:
    assert figures(ex, "到2026年,全市研发投入强度增长2个百分点。") == []
