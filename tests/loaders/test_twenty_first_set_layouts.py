"""Layouts the twenty-first held-out set showed: a news page whose time line is written day
first (17.04.2019  19:53) under its headline, a report opening on the day a body issued a
measure, an interpretation telling what each chapter of the rules holds (第一章为总则,…).
Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.structure import parse_label, reports_on_a_measure

from .texts import read

# ---------------------------------------------------------------- a day-first time line


def test_a_day_first_time_line_under_the_headline_marks_a_news_item(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市推进创新驱动发展成效明显\n\n17.04.2019  19:53\n\n"
            "  近两年,甲市坚持走开放创新之路,深入实施创新驱动战略,取得明显成效。\n"
            "  一是着力优化创新环境。甲市出台一系列政策措施,着力优化创新环境。\n"
            "  二是大幅增加创新投入。甲市财政科技投入资金从2016年的2亿元增加到了2018年的9亿元。\n")
    assert reports_on_a_measure(text, [])
    doc = read(pipeline, tmp_path, text)
    assert doc.clauses == []
    assert doc.title is None


def test_a_date_in_a_sentence_written_day_first_is_no_time_line() -> None:
    text = "甲市科技创新奖励办法\n第一条 本办法自17.04.2019 起施行,有效期至 2024年。\n"
    assert not reports_on_a_measure(text, [])


# ---------------------------------------------------------------- a report opening on its lead


def test_a_report_opening_on_the_day_a_body_issued_a_measure_takes_it_as_title(pipeline: Pipeline,
                                                                                  tmp_path: Path) -> None:
    text = ("10月15日,甲省科技厅发布了《关于促进乙产业高质量发展的若干政策措施》,这是甲省科技创新领域的一项重大举措。\n"
            "其中,该政策提出了多项具体措施,推进产学研深度合作。\n"
            "据了解,该政策将进一步支撑甲省高新技术产业的发展。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "关于促进乙产业高质量发展的若干政策措施"
    assert doc.issuer == "甲省科技厅"


def test_a_report_opening_on_two_bodies_issuing_a_measure_names_no_issuer(pipeline: Pipeline,
                                                                            tmp_path: Path) -> None:
    text = ("11月17日,甲市科学技术局 甲市发展和改革委员会联合印发《甲市科技创新发展规划》,文件指出,扩大乙产品规模。\n"
            "大力推广新能源技术应用,适度超前布局氢能产业。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲市科技创新发展规划"
    assert doc.issuer is None


def test_a_lead_below_a_headline_is_no_opening_report(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("丙省布局中试平台\n"
            "中试是科技成果产业化的关键环节,丙省出新招,强化制造业中试能力支撑。\n"
            "6月8日,丙省工业和信息化厅网站发布《丙省中试发展实施方案》(以下简称“方案”),提出布局建设中试平台。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.issuer != "丙省工业和信息化厅网站"


# ---------------------------------------------------------------- a chapter described in a sentence


def test_a_sentence_telling_what_a_chapter_holds_is_no_chapter() -> None:
    assert parse_label("第一章为总则,共3条,对《细则》的相关概念进行了说明。") is None
    assert parse_label("第二部分是保障措施,明确了甲局的职责。") is None
    assert parse_label("第三节共5条,规定了申报流程。") is None
    label = parse_label("第一章 总则")
    assert label is not None and label.style == "chapter"
    label = parse_label("第二章为民服务")  # a heading without a sentence stays a chapter
    assert label is not None and label.style == "chapter"
    label = parse_label("第一条为促进科技成果转化,制定本办法。")
    assert label is not None and label.style == "article"


def test_an_interpretation_summarising_chapters_keeps_its_section_heading(pipeline: Pipeline,
                                                                             tmp_path: Path) -> None:
    text = ("《甲省技术转移奖补资金实施细则》解读\n"
            "一、修订背景\n"
            "甲省技术转移奖补资金旨在畅通科技成果转化通道,促进技术交易。\n"
            "二、《实施细则》的主要条款\n"
            "《实施细则》本次修订主要对补助对象、补助标准作了明确。\n"
            "第一章为总则,共3条,对《实施细则》的相关概念进行了说明。\n"
            "第二章为奖补流程,共13条,明确了奖补资金申报流程。\n"
            "第三章为附则,主要规定了细则的施行时间。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、", "二、"]
