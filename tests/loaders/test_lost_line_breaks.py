"""A part's bare heading run onto the end of the preamble's line after a run of spaces
(…制定本计划。    一、目标要求): the line break a copy turned into spaces; the part opens there.
Made-up texts."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

_LOST_BREAK = """甲县科技企业孵化器三年行动计划

为加快孵化器集群升级,结合本县实际,制定本行动计划。    一、目标要求

到2030年,全县累计新增孵化空间10万平方米,建成省级孵化器3家以上。

二、主要任务

支持孵化器引进专业运营团队,对新认定的省级孵化器给予一次性奖励50万元。
"""


def test_a_heading_after_a_lost_line_break_opens_its_part(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _LOST_BREAK)
    text = doc.clean.normalized
    assert [c.label for c in doc.clauses] == ["一、", "二、"]
    assert "新增孵化空间" in text[doc.clauses[0].start:doc.clauses[0].end]

