"""A page whose source line credits a newspaper by any of the common kinds of paper (日报, 晚报,
商报, 时报, 早报, 都市报) is a news item: its paragraphs are no provisions. Made-up texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.structure import reports_on_a_measure

from .texts import read


@pytest.mark.parametrize("paper", ["甲城商报", "乙州时报", "丙江早报", "丁都市报", "戊省日报"])
def test_a_source_line_naming_a_paper_marks_a_news_item(paper: str) -> None:
    assert reports_on_a_measure(f"甲地科技投入再创新高\n\n发布时间: 2031-01-20 09:30:00 来源: {paper}\n\n近日,甲地…", [])


def test_a_source_line_naming_a_bureau_marks_no_news_item() -> None:
    assert not reports_on_a_measure("甲地科技投入再创新高\n\n发布时间: 2031-01-20 09:30:00 来源: 甲市科技局\n\n近日,甲地…", [])


def test_the_paragraphs_of_a_paper_s_report_are_no_provisions(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("五年来,甲地研发投入突破10亿元\n\n发布时间: 2031-01-20 09:30:00 来源: 甲城商报\n\n"
            "  近日,甲地科技工作会议召开。会议总结回顾过去五年全区科技工作,部署今年重点任务。\n\n"
            "  去年,甲地着力提升创新体系效能,持续优化创新政策环境,全社会研发投入增长百分之十二。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.clauses == []
