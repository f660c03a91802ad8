"""A reprinted newspaper article credits the paper, the day and the page it ran on
(原刊于《甲日报》(2031年03月30日 第 05 版)): with no other date in the text, that day dates it.
Made-up texts."""

from __future__ import annotations

import pytest

from .texts import meta

_ARTICLE = ("甲省千名科技特派员赴基层开展服务\n\n"
            "记者从甲省科技厅获悉:今年遴选的1000名省级科技特派员已于3月中旬赴基层开展科技服务。\n"
            "去年,甲省共选派科技特派员2000名,实现科技服务对所有行政村的全面覆盖。\n")


@pytest.mark.parametrize("credit", ["原刊于《 甲日报 》( 2031年03月30日 第 05 版)",
                                    "《甲日报》(2031年3月30日 05版)",
                                    "原刊于《 甲日 》( 2031年03月30日 第 05 版)"])
def test_a_reprint_s_edition_credit_dates_it(credit: str) -> None:
    assert meta(_ARTICLE + credit + "\n分享让更多人看到\n")["date"] == "2031-03-30"


def test_a_cited_document_with_a_date_is_no_edition() -> None:
    text = _ARTICLE + "依据《甲省科技特派员管理办法》(2030年5月6日印发)执行。\n"
    assert meta(text)["date"] is None
