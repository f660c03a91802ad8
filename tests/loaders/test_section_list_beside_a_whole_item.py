"""A list numbered from 1 again below a section's name (考核指标:) that follows an item of the
same style written as a whole sentence opens beside that item, while below an item that is a
heading it stays that item's list. Made-up texts."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

_AFTER_A_WHOLE_ITEM = """甲省科技孵化专项申报指南

支持内容:
围绕孵化载体提质升级,支持建设专业孵化器,提升孵化服务能力。
1.建设专业孵化器:支持有条件的机构建设专业孵化器;
2.引进先进孵化机构:支持优秀运营机构在本省运营孵化器;
3.面向青年创业的孵化机构:支持面向青年创业项目提供服务的运营机构。

考核指标:
1.新增入孵企业不少于10家;
2.每年举办创业活动不少于3场。
"""

_AFTER_A_HEADING_ITEM = """乙市科技计划项目申报指南

1.支持方向
2.申报条件
申报条件:
1.在乙市注册登记的企业;
2.具有独立法人资格。
"""


def test_a_list_under_a_section_name_opens_beside_a_whole_sentence_item(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _AFTER_A_WHOLE_ITEM)
    assert [c.label for c in doc.clauses] == ["1.", "2.", "3.", "1.", "2."]


def test_a_list_under_a_section_name_stays_inside_a_heading_item(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _AFTER_A_HEADING_ITEM)
    assert [c.label for c in doc.clauses] == ["1.", "1.", "2."]
