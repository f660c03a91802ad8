"""Incentive numbers in the forms the eighth held-out set showed: caps shared by tiers and by a
base award with its steps, cap lists closed by 和, a rate and a cap joined by 、, a matching ratio
cut off by the excerpt. Made-up sentences."""

from __future__ import annotations

import pytest

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.quantities import find_quantities

NUMBER_FIELDS = ("rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan")


@pytest.fixture(scope="module")
def ex() -> InstrumentExtractor:
    return InstrumentExtractor()


def numbers(ex: InstrumentExtractor, text: str) -> list[dict[str, float]]:
    """The numeric fields of each quantified instrument, in order."""
    out = []
    for i in ex.find(text):
        fields = {k: getattr(i, k) for k in NUMBER_FIELDS if getattr(i, k) is not None}
        if fields:
            out.append(fields)
    return out


# ------------------------------------------------------------------ cap lists
@pytest.mark.parametrize("joint", ["和", "及", "或", "以及"])
def test_a_cap_word_covers_a_list_closed_by_a_conjunction(ex, joint):
    text = f"按评定等次分别给予不超过200万元、120万元{joint}60万元的建设补助。"
    assert numbers(ex, text) == [{"cap_yuan": 2_000_000}, {"cap_yuan": 1_200_000}, {"cap_yuan": 600_000}]
    last = find_quantities(text)[-1]
    assert (last.value, last.qualifier) == (600_000, "max")


def test_a_floor_word_covers_a_list_closed_by_a_conjunction():
    found = find_quantities("奖励比例分别不低于40%和25%")
    assert [(q.value, q.qualifier) for q in found] == [(0.4, "min"), (0.25, "min")]


# ------------------------------------------------------- a rate and its cap
@pytest.mark.parametrize("text", [
    "对重点项目给予设备投入(不含上级补助)30%、不超过300万元的补助。",
    "一次性给予承担单位所获支持经费的5%、不高于8万元的配套资金。",
])
def test_a_rate_and_a_cap_joined_by_a_list_mark_are_one_instrument(ex, text):
    (found,) = numbers(ex, text)
    assert found.keys() == {"rate", "cap_yuan"}


def test_a_cap_before_a_part_stays_a_condition(ex):
    text = "对年交易额不超过50万元(含)的部分,按交易额的2%给予奖励。"
    assert numbers(ex, text) == [{"rate": pytest.approx(0.02)}]


# ------------------------------------------------------------ shared caps
def test_tiered_rates_share_a_yearly_cap_stated_in_a_sentence_of_its_own(ex):
    text = ("对年度成交额不超过20万元(含)的部分,按成交额的2%给予奖励;高于20万元的部分,按1%给予奖励。"
            "每个单位每年累计奖励金额不超过8万元。")
    assert numbers(ex, text) == [{"rate": pytest.approx(0.02), "cap_yuan": 80_000},
                                 {"rate": pytest.approx(0.01), "cap_yuan": 80_000}]


def test_a_base_award_and_its_steps_share_a_yearly_cap(ex):
    text = ("年度登记额达到3亿元的,给予运行补助5万元;每增加1亿元再补助经费2万元,单个机构每年最高补助15万元。")
    assert numbers(ex, text) == [{"amount_yuan": 50_000, "cap_yuan": 150_000},
                                 {"amount_yuan": 20_000, "cap_yuan": 150_000}]
    text = "登记额达到8亿元的,给予30万元基础奖励,超出部分按0.4‰给予奖励,单个机构每年奖励金额最高90万元。"
    assert numbers(ex, text) == [{"amount_yuan": 300_000, "cap_yuan": 900_000},
                                 {"rate": pytest.approx(0.0004), "cap_yuan": 900_000}]


def test_a_top_up_stated_apart_from_the_cap_has_none(ex):
    text = ("给予10万元基础奖励,超出部分按0.5‰给予奖励,单个机构每年最高50万元。"
            "对登记额增长较快的机构,另给予增长额万分之二的奖励。")
    assert numbers(ex, text)[-1] == {"rate": pytest.approx(0.0002)}


def test_a_cap_for_another_case_in_a_sentence_of_its_own_is_its_own_instrument(ex):
    text = "对省级平台给予30万元奖励。对国家级平台每年最高奖励100万元。"
    assert numbers(ex, text) == [{"amount_yuan": 300_000}, {"cap_yuan": 1_000_000}]


# --------------------------------------------------------- matching ratios
def test_a_matching_ratio_cut_off_by_the_excerpt_is_a_rate(ex):
    assert numbers(ex, "新认定的市级创新中心按上级财政补助资金1:1 ") == [{"rate": 1.0}]
    assert numbers(ex, "新认定的市级创新中心按上级财政补助资金1:0.5") == [{"rate": 0.5}]


def test_a_time_at_the_end_of_a_text_is_no_ratio():
    assert find_quantities("报名截止时间为当日下午5:30") == []
