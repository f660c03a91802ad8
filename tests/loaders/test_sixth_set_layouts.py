"""Layouts first seen on the sixth held-out set: a table of contents whose sections are
numbered anew under each chapter, a last provision whose text names enterprises within their
recognition's 有效期, a news item whose lead reports that a measure was issued, and a page's
banner above the notice that names a subsidy band. Every text here is made up for its test."""

from __future__ import annotations

import pytest

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.structure import reports_on_a_measure

from .test_structure_layouts import read


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def labels(doc) -> list[str | None]:
    return [c.label for c in doc.clauses]


def clause_text(doc, i: int) -> str:
    return doc.clean.normalized[doc.clauses[i].start:doc.clauses[i].end]


# ---------------------------------------------------------------- contents numbered per chapter


CHAPTERED_CONTENTS = (
    "甲市科技创新发展规划纲要\n"
    "目  录\n"
    "第一章 发展基础\n一、发展现状\n二、面临形势\n"
    "第二章 发展目标\n一、指导思想\n二、主要目标\n三、基本原则\n"
    "第三章 保障措施\n一、加强组织\n二、加大投入\n"
    "第一章 发展基础\n"
    "一、发展现状\n近年来,我市科技创新能力稳步提升,创新平台不断增加,成果转化持续加快。\n"
)


def test_contents_with_sections_numbered_anew_under_each_chapter_are_no_clauses(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, CHAPTERED_CONTENTS)
    assert labels(doc) == ["一、"]  # the body's one section, none of the nine entries
    assert "科技创新能力稳步提升" in clause_text(doc, 0)


def test_contents_still_end_at_the_first_chapter_seen_twice(pipeline, tmp_path):
    text = ("乙县科技工作要点\n目录\n第一章 总则\n第二章 任务\n"
            "第一章 总则\n第一条 为做好科技工作,制定本要点。\n第二条 本要点适用于全县。\n")
    doc = read(pipeline, tmp_path, text)
    assert labels(doc) == ["第一条", "第二条"]


# ---------------------------------------------------------------- 有效期内 enterprises, no closing


def test_a_last_provision_naming_enterprises_within_their_validity_is_kept(pipeline, tmp_path):
    text = ("丙市科技工作方案\n一、工作思路\n以创新驱动为引领,推动科技创新和产业创新深度融合。\n"
            "二、工作目标\n到2026年,有效期内高新技术企业达到500家,科技型中小企业入库800家。\n")
    doc = read(pipeline, tmp_path, text)
    assert labels(doc) == ["一、", "二、"]
    assert "有效期内高新技术企业" in clause_text(doc, 1)


def test_a_validity_sentence_after_the_last_provision_still_closes_it(pipeline, tmp_path):
    text = ("丁市科技奖励办法\n一、奖励对象\n对新认定的高新技术企业给予奖励。\n"
            "二、奖励标准\n每家企业奖励10万元。\n本办法有效期3年。\n")
    doc = read(pipeline, tmp_path, text)
    assert labels(doc) == ["一、", "二、"]
    assert "有效期3年" not in clause_text(doc, 1)


# ---------------------------------------------------------------- a news lead reporting a measure


NEWS_LEAD = (
    "首页 新闻动态 政策法规\n"
    "戊省出台细则扶持科技企业孵化器\n"
    "日期:2019/3/5  浏览:1200\n"
    "日前,为推动创新创业,根据省政府有关意见精神,省科技厅、省财政厅联合印发了"
    "《戊省扶持科技企业孵化器发展实施细则》(以下简称《细则》)。\n"
    "根据《细则》,孵化绩效后补助资金从20万元到100万元分为5档,用于补充孵化器建设及运营。\n"
)


def test_a_news_lead_reporting_an_issued_measure_marks_a_news_item():
    assert reports_on_a_measure("日前,甲省科技厅联合印发了《甲省孵化器实施细则》(以下简称《细则》)。", [])
    assert reports_on_a_measure("近日,乙市人民政府出台了《乙市科技创新若干政策》。", [])


def test_a_preamble_that_goes_on_after_the_measure_it_names_is_no_news_lead():
    # a policy's own preamble: 近日…印发了《X》, then why and what it decides
    assert not reports_on_a_measure("近日,国务院印发了《甲纲要》,为贯彻落实纲要精神,结合我市实际,制定本措施。", [])
    assert not reports_on_a_measure("近日,甲市科技局印发《甲市孵化器管理办法》的通知。", [])


def test_a_news_item_reporting_a_measure_has_no_clause_and_takes_its_title(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, NEWS_LEAD)
    assert doc.clauses == []  # the award bands it retells are the measure's, not provisions
    assert doc.title == "戊省扶持科技企业孵化器发展实施细则"


# ---------------------------------------------------------------- a page's banner above the notice


BANNER = (
    "己省 己市人民政府办公室\n"
    "申报日期:2025-03-01 ~ 2027-02-28 查看原文\n"
    "5万~20万补贴详情\n"
    "各县(市)、区人民政府,市政府各直属单位:\n"
    "《己市支持科技创新若干措施》已经市政府常务会议讨论通过,现印发给你们,请认真贯彻执行。\n"
    "己市人民政府办公室\n2025年3月1日\n"
    "己市支持科技创新若干措施\n"
    "一、支持企业创新\n"
    "(一)支持研发投入。对研发投入增长的企业,按增量部分给予补助,最高20万元。\n"
)


def test_a_banner_above_the_notice_is_no_provision(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, BANNER)
    assert labels(doc) == ["(一)"]
    assert [i.cap_yuan for c in doc.clauses for p in c.provisions for i in p.instruments] == [200000]


def test_a_sentence_of_the_header_granting_an_amount_is_still_a_provision(pipeline, tmp_path):
    text = ("庚县人民政府关于支持企业创新的通知\n"
            "各乡镇人民政府:\n对新认定的高新技术企业,一次性给予奖励10万元。\n"
            "庚县人民政府\n2024年5月6日\n")
    doc = read(pipeline, tmp_path, text)
    assert [i.amount_yuan for c in doc.clauses for p in c.provisions for i in p.instruments] == [100000]
