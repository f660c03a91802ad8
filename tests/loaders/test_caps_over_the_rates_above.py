"""A cap that opens on the grants it limits (以上补助最高为…, 上述资助…最高不超过…) after rates without a
cap of their own caps each of those rates; after fixed amounts it stays a limit of its own (their
sum is limited, neither amount is capped). Made-up sentences."""

from __future__ import annotations

from policykg.loaders.instruments import InstrumentExtractor

from .instrument_figures import figures


def test_a_cap_over_the_grants_above_caps_each_rate_before_it(ex: InstrumentExtractor) -> None:
    text = ("对研发投入占比达到4%以上的甲类企业,按照新增研发投入的12%给予后补助;对研发投入占比达到6%以上的乙类企业,"
            "按照研发投入的7%给予后补助,以上补助经费最高为300万元。")
    assert figures(ex, text) == [(0.12, 3_000_000, None), (0.07, 3_000_000, None)]


def test_the_cap_may_stand_in_a_sentence_of_its_own(ex: InstrumentExtractor) -> None:
    text = "对丙类机构按服务收入的6%给予补助;对丁类机构按服务收入的4%给予补助。上述补助单个机构最高不超过80万元。"
    assert [(r, c) for r, c, _ in figures(ex, text)] == [(0.06, 800_000), (0.04, 800_000)]


def test_after_fixed_amounts_the_cap_limits_their_sum_and_stays_apart(ex: InstrumentExtractor) -> None:
    text = "对新认定的戊类平台奖励40万元,对新认定的己类平台奖励60万元,以上奖励最高90万元。"
    assert figures(ex, text) == [(None, None, 400_000), (None, None, 600_000), (None, 900_000, None)]


def test_a_rate_with_its_own_cap_keeps_it(ex: InstrumentExtractor) -> None:
    text = "按合同额的5%给予奖励,单个企业最高50万元;按合同额的3%给予补贴,以上奖补最高200万元。"
    assert figures(ex, text) == [(0.05, 500_000, None), (0.03, 2_000_000, None)]
