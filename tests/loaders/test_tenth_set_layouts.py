"""Incentive numbers in the forms the tenth held-out set showed: a rate stated in a basis clause
of its own (按…的N%) before the clause that grants it with its cap and incentive word but no
grant verb (…,最高N万元补助). Made-up sentences."""

from __future__ import annotations

import pytest

from policykg.loaders.instruments import InstrumentExtractor

NUMBER_FIELDS = ("rate", "cap_yuan", "amount_yuan")


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


@pytest.mark.parametrize("text", [
    "对购置检测设备的企业,按设备实际采购额的20%,最高10万元补助。",
    "对新建中试基地的单位,按其实际投资额的15%,单个单位最高50万元奖励。",
    "对租用算力资源的企业,按照实际支付费用的30%,每年最高20万元资助。",
])
def test_a_rate_in_its_own_basis_clause_belongs_to_the_grant_after_it(ex, text):
    [found] = numbers(ex, text)
    assert found["rate"] in (0.2, 0.15, 0.3) and found["cap_yuan"] in (100_000, 500_000, 200_000)


def test_two_such_sentences_give_two_rated_instruments(ex):
    text = ("对购置检测设备的企业,按设备实际采购额的20%,最高10万元补助。"
            "对建设专用网络的企业,按其实际投资额20%,最高30万元补助。")
    assert numbers(ex, text) == [{"rate": 0.2, "cap_yuan": 100_000}, {"rate": 0.2, "cap_yuan": 300_000}]


def test_a_basis_clause_followed_by_no_grant_is_no_rate(ex):
    # the share is how a budget is split, and nothing after it grants anything
    assert numbers(ex, "项目资金按总投资的20%,由市级财政统筹安排。") == []
