"""An attachment printed in full after the body (附件⏎甲细则⏎一、…) is read as a body: its numbered
items are clauses. An attachment only listed (附件:1.甲表) stays closing text. Made-up texts."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

_PRINTED = """甲区科技创新奖评选办法

为鼓励各乡镇加强科技工作,制定本办法。
一、评选对象
各乡镇人民政府、街道办事处。
二、奖项设置
设科技创新奖5名,按考核结果确定。
附件:甲区乡镇科技工作考核细则
附件
甲区乡镇科技工作考核细则
项 目 |
标准分 |
评分细则 |
一、科技管理 |
20 |
1.制订年度科技工作计划并报送总结(5分)。 2.科技经费列入乡镇财政预算(10分)。
"""

_LISTED = """乙区科技创新奖评选办法

为鼓励各乡镇加强科技工作,制定本办法。
一、评选对象
各乡镇人民政府、街道办事处。
二、奖项设置
设科技创新奖5名,按考核结果确定。
附件:1.乙区乡镇科技工作考核细则
2.乙区科技创新奖申报表
"""


def test_the_items_of_an_attachment_printed_in_full_are_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _PRINTED)
    text = doc.clean.normalized
    assert [c.label for c in doc.clauses] == ["一、", "二、", "1.", "2."]
    assert text[doc.clauses[2].start:].startswith("1.制订年度科技工作计划")


def test_an_attachment_only_listed_adds_no_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _LISTED)
    assert [c.label for c in doc.clauses] == ["一、", "二、"]
