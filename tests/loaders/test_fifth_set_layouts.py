"""Layouts first seen on the fifth held-out set: news pages marked only by their credit lines
(供稿:, 消息来源:, 据悉), their dates and places, run-in headings of an excerpt that opens
inside a section, and the share of an award set aside for its contributors. Every text here
is made up for its test."""

from __future__ import annotations

import pytest

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.structure import reports_on_a_measure

from .test_metadata_page_layouts import meta
from .test_structure_layouts import read


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


# ---------------------------------------------------------------- news pages by their credit lines


CREDITED_NEWS = (
    "会员登录 注册     |    \n\n"
    "当前位置:首页 > 资讯 > 江西多举措推动技术转移\n\n\n"
    "江西多举措推动技术转移\n\n"
    "供稿: | 2022-05-06\n\n\n"
    "      近年来,我省在技术转移上出台了一系列举措,在平台、人才和资金三个方面取得进展。\n\n"
    "      ——完善政策。全省出台相关文件12个,把转化收益奖励比例由40%提高到60%。\n\n"
    "      ——加大投入。2018年设立转移专项,已立项300个,财政投入约3.2亿元。\n"
)


def test_a_credited_news_page_has_no_clause_and_no_instrument(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, CREDITED_NEWS)
    assert doc.clauses == []  # the figures it retells are granted elsewhere


def test_a_credited_news_page_is_dated_by_its_credit_line_and_placed_by_its_headline(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, CREDITED_NEWS)
    assert doc.title is None  # a news headline, or the login menu above it, titles no policy
    assert doc.date == "2022-05-06"
    assert doc.region == "江西省"


def test_a_news_column_name_is_no_title():
    m = meta("科技在线·要闻速览\n\n报道最新的科技动态\n\n[乙]乙地成立技术转移联盟\n\n"
             "发布日期:2019-03-01 消息来源:某某网\n\n"
             "近日,乙地多家机构共同发起成立技术转移联盟。据悉,该联盟将搭建对接平台。\n")
    assert m["title"] is None and m["date"] == "2019-03-01"


def test_credit_lines_and_reporting_words_mark_a_news_item():
    assert reports_on_a_measure("供稿: | 2022-05-06", [])
    assert reports_on_a_measure("发布日期:2019-03-01 消息来源:某某网", [])
    assert reports_on_a_measure("据悉,该联盟将搭建平台。", [])
    assert not reports_on_a_measure("来源:甲市科技局\n第一条 为促进科技成果转化,制定本办法。", [])


def test_a_policy_with_an_unnumbered_paragraph_keeps_its_title_and_clause(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "甲市技术交易奖励办法\n\n发布日期:2021-04-02\n\n"
               "对技术交易额不超过50万元的部分,按2%给予奖励;每家单位每年最高奖励8万元。\n")
    assert doc.title == "甲市技术交易奖励办法" and len(doc.clauses) == 1
