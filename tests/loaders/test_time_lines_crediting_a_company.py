"""A page's time line under its headline crediting a company's or a centre's site (2031-08-08
甲装修公司) dates the page, as one crediting a news site does. Made-up pages."""

from __future__ import annotations

import pytest

from .texts import meta


@pytest.mark.parametrize("site", ["甲城装修公司", "乙市融媒体中心", "丙城新闻网"])
def test_a_time_line_under_the_headline_dates_the_page(site: str) -> None:
    text = (f"甲县积极创建科技进步先进县\n\n2031-08-08 {site}\n\n"
            "甲县大力实施科技带动战略,着力提升科技服务能力和水平。\n")
    assert meta(text)["date"] == "2031-08-08"


def test_a_date_line_with_other_words_dates_nothing_here() -> None:
    text = "甲县积极创建科技进步先进县\n\n2031-08-08 阅读全文\n\n甲县大力实施科技带动战略。\n"
    assert meta(text)["date"] is None
