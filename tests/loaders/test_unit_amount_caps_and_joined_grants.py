"""A yearly cap on one recipient's total after an amount granted per unit caps that amount (the
yearly sum of the per-unit grants), and a second grant joined by 和 to the first in one phrase
(…的项目资助和20万元的安家补贴) is a grant, no condition. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.instruments import InstrumentExtractor


def figures(ex: InstrumentExtractor, text: str) -> list[tuple[float | None, float | None, float | None]]:
    return [(i.rate, i.cap_yuan, i.amount_yuan) for i in ex.find(text)
            if i.rate is not None or i.cap_yuan is not None or i.amount_yuan is not None]


def test_a_yearly_total_per_recipient_caps_an_amount_granted_per_unit(ex: InstrumentExtractor) -> None:
    text = "对获得发明专利授权的企业,按每件6000元给予资助,单个企业年度资助总额不超过40万元。"
    assert figures(ex, text) == [(None, 400_000, 6_000)]
    text = "对新认定的软件产品,每项奖励2万元,每家企业每年奖励总额最高20万元。"
    assert figures(ex, text) == [(None, 200_000, 20_000)]


def test_a_running_total_after_a_one_off_amount_stays_an_instrument_of_its_own(ex: InstrumentExtractor) -> None:
    text = "对企业给予一次性奖励8万元,每家企业累计奖励总额不超过24万元。"
    assert figures(ex, text) == [(None, None, 80_000), (None, 240_000, None)]


def test_a_second_grant_joined_by_and_is_a_grant(ex: InstrumentExtractor) -> None:
    text = "对引进的领军人才,给予60万元的项目资助和30万元的安家补贴。"
    assert figures(ex, text) == [(None, None, 600_000), (None, None, 300_000)]
    text = "对引进的领军人才,给予最高80万元的项目资助和40万元的安家补贴。"
    assert figures(ex, text) == [(None, 800_000, None), (None, None, 400_000)]


def test_figures_joined_by_and_in_a_condition_stay_conditions(ex: InstrumentExtractor) -> None:
    text = "对年营业收入600万元和利润80万元的企业,给予奖励6万元。"
    assert figures(ex, text) == [(None, None, 60_000)]
