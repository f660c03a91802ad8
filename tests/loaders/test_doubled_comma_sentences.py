"""A copy whose full stops became doubled commas (…不超过30万元),,乙企业…) ends a sentence at
each ,, : every grant sentence is an instrument of its own with its own cap. Made-up sentences."""

from __future__ import annotations

import pytest

from policykg.loaders.instruments import InstrumentExtractor


@pytest.fixture(scope="module")
def ex() -> InstrumentExtractor:
    return InstrumentExtractor()


def _caps(ex: InstrumentExtractor, text: str) -> list[float | None]:
    return [i.cap_yuan for i in ex.find(text) if i.cap_yuan is not None]


def test_grants_cut_by_doubled_commas_are_instruments_of_their_own(ex: InstrumentExtractor) -> None:
    text = ("第六条(运行模式)省科技厅委托一家单位负责管理工作,甲类企业可凭券向市领取研发投入费用总额的一定比例"
            "补贴资金(每家企业只补贴一次且不超过30万元),,乙类企业可凭券向市领取研发机构投入费用总额的一定比例"
            "补贴资金(每家企业只补贴一次且不超过50万元),,同一企业两类支持享受补贴资金合计不超过50万元,")
    assert [(i.cap_yuan, len(i.caps)) for i in ex.find(text)] == [(300000.0, 1), (500000.0, 1), (500000.0, 1)]


def test_the_same_grants_cut_by_full_stops_read_the_same(ex: InstrumentExtractor) -> None:
    text = ("第六条 甲类企业可凭券领取研发投入费用一定比例的补贴资金(每家企业只补贴一次且不超过30万元)。"
            "乙类企业可凭券领取研发机构投入费用一定比例的补贴资金(每家企业只补贴一次且不超过50万元)。")
    assert _caps(ex, text) == [300000.0, 500000.0]


def test_a_single_comma_still_joins_a_grant_and_its_cap(ex: InstrumentExtractor) -> None:
    text = "对认定的企业给予研发费用一定比例的补贴,最高不超过30万元。"
    assert _caps(ex, text) == [300000.0]
