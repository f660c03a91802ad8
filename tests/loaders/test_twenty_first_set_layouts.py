"""Layouts the twenty-first held-out set showed: a news page whose time line is written day
first (17.04.2019  19:53) under its headline. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.structure import reports_on_a_measure

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
