"""Decimal section numbers (3.1支持对象, 3.2支持条件) are labels of their own, numbered by the
figure after the point; a decimal figure (2.5万元, 1.5倍) is none. Made-up texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.structure import parse_label

from .texts import read


@pytest.mark.parametrize(("line", "number", "text"), [
    ("3.1支持对象", 1, "3.1"),
    ("3.2 支持条件", 2, "3.2"),
    ("12.10补助标准", 10, "12.10"),
])
def test_a_decimal_section_number_is_a_label(line: str, number: int, text: str) -> None:
    label = parse_label(line)
    assert label is not None and (label.style, label.number, label.text) == ("ar_sub", number, text)


@pytest.mark.parametrize("line", ["2.5万元以下的项目不予支持。", "1.5倍计算。", "3.1%的增幅。", "2.3.1支持对象"])
def test_a_decimal_figure_is_no_label(line: str) -> None:
    label = parse_label(line)
    assert label is None or label.style != "ar_sub"


_SECTIONS = """甲市科技成果转化补助细则

3.1支持对象
在甲市内转化科技成果的技术输出方,包括企业、高校和科研院所。

3.2支持条件
申报单位须符合下列条件:
1.技术合同经认定登记;
2.成果在市内转化并取得效益。

3.3补助标准
按技术交易额的5%给予技术输出方补助,单个成果最高补助20万元。
"""


def test_decimal_sections_hold_their_text_and_lists(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _SECTIONS)
    assert [c.label for c in doc.clauses] == ["3.1", "1.", "2.", "3.3"]
