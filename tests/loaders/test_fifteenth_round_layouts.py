"""Layouts found among the misses of the fifteenth round of real documents: a unit line
(牵头单位:…) after the only clause of a text."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

_LAST_UNIT_LINE = """甲市科技创新若干措施

为加快建设创新型城市,制定以下措施。

一、实施创新培育工程

1.实施高价值专利培育计划。对新增发明专利的企业,一次性奖励2万元。

牵头单位:市科技局(以下除
"""


def test_unit_line_after_the_last_clause_names_its_lead(pipeline: Pipeline, tmp_path: Path) -> None:
    """A 牵头单位 line after the last clause, even cut off mid-bracket, is that clause's
    units, not a closing paragraph."""
    doc = read(pipeline, tmp_path, _LAST_UNIT_LINE)
    assert [c.label for c in doc.clauses] == ["1."]
    assert [(u.name, u.lead) for p in doc.clauses[0].provisions for u in p.units] == [("市科技局", True)]


def test_a_closing_sentence_after_the_last_clause_still_closes(pipeline: Pipeline, tmp_path: Path) -> None:
    """A sentence about the responsible units, with no label of its own, is no unit line."""
    text = _LAST_UNIT_LINE.replace("牵头单位:市科技局(以下除", "责任单位要加强统筹,抓好落实。")
    doc = read(pipeline, tmp_path, text)
    assert [u for p in doc.clauses[0].provisions for u in p.units] == []
    assert "责任单位要" not in doc.clean.simplified[doc.clauses[0].start:doc.clauses[0].end]
