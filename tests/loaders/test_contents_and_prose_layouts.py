"""Layouts the extractor met in pages that are not a clean policy text: a table of contents
printed without its 目录 line, department lists, news and question pages. Every text here is
written for its test."""

from __future__ import annotations

from policykg.loaders.structure import reports_on_a_measure

from .test_structure_layouts import clause_labels
from .texts import read


def test_contents_entries_with_page_numbers_are_not_clauses():
    text = (
        "甲市科技创新发展规划\n"
        "第一章 筑牢创新基础 - 3 -\n"
        "第一节 发展现状 - 3 -\n"
        "第二节 面临形势 - 6 -\n"
        "第二章 总体要求……8\n"
        "第一节 指导思想……8\n"
    )
    assert clause_labels(text) == []


def test_one_heading_ending_in_a_number_is_still_a_provision():
    text = (
        "甲市科技创新若干措施\n"
        "一、支持企业建设研发机构,每家给予奖励。\n"
        "二、重点支持的领域 2\n"
        "对新认定的平台给予资助。\n"
    )
    assert clause_labels(text) == ["一、", "二、"]


NEWS = (
    "甲市出台技术交易奖励办法\n\n"
    "本报讯 日前,甲市科技局制定出台了《甲市技术交易奖励办法》。\n\n"
    "办法明确,对技术交易额不超过50万元的部分,按2%给予奖励;每家单位每年最高奖励8万元。\n\n"
    "(本报记者 乙丙)\n"
)

QUESTION = (
    "甲区研发平台配套资助有哪些新标准\n\n"
    "发布时间:2025年03月02日 来源:甲区科技局\n\n"
    "资助标准:按上级资助金额的40%给予配套资助,最高200万元。\n"
)

POLICY = (
    "甲市技术交易奖励办法\n\n"
    "对技术交易额不超过50万元的部分,按2%给予奖励;每家单位每年最高奖励8万元。\n"
)


def test_a_news_item_reporting_a_measure_has_no_clause_and_no_instrument(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, NEWS)
    assert doc.clauses == []


def test_a_page_titled_by_a_question_has_no_clause(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, QUESTION)
    assert doc.clauses == []


def test_an_unnumbered_policy_paragraph_is_still_a_clause(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, POLICY)
    assert len(doc.clauses) == 1
    assert [i.rate for p in doc.clauses[0].provisions for i in p.instruments if i.rate] == [0.02]


def test_news_and_question_markers():
    assert reports_on_a_measure("(记者 甲乙 通讯员 丙丁)", [])
    assert reports_on_a_measure("正文", ["高企认定需要满足哪些条件?"])
    assert not reports_on_a_measure("第一条 为促进科技成果转化,制定本办法。", ["甲市科技成果转化办法"])


def test_bare_article_labels_are_not_clauses():
    text = (
        "甲省技术市场条例\n"
        "第一章 总则\n"
        "第一条\n"
        "第二条 本省行政区域内的技术交易适用本条例。\n"
        "第三条 技术交易应当遵循自愿、平等的原则。\n"
        "第四条\n"
    )
    assert clause_labels(text) == ["第二条", "第三条"]


def test_a_heading_over_a_cut_off_article_is_not_a_clause():
    text = (
        "甲县科技服务办法\n"
        "第一条 为规范科技服务,制定本办法。\n"
        "第二条 本办法适用于全县科技服务活动。\n"
        "一、组织管理\n"
        "第\n"
    )
    assert clause_labels(text) == ["第一条", "第二条"]


def test_a_heading_with_words_at_the_excerpt_end_is_still_a_clause():
    text = "甲市若干措施\n一、支持企业研发,给予补助。\n二、加强人才引进\n"
    assert clause_labels(text) == ["一、", "二、"]
