"""What a page prints before or around a title and is no part of it: an attachment's label (附件1、),
the place a news page files the item under (甲县:关于…), an editor's remark ((本文有删减)). Made-up
sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import Pipeline

from .texts import read

BODY = "\n一、支持研发。对企业给予奖励。\n二、支持转化。对高校给予补助。\n"


@pytest.mark.parametrize(("printed", "title"), [
    ("附件1、丙区推进科技成果转化行动方案(2025-2027年)", "丙区推进科技成果转化行动方案(2025-2027年)"),
    ("临西县:关于实施科技跃升计划助推产业发展的意见", "关于实施科技跃升计划助推产业发展的意见"),
    ("(本文有删减)丁市贯彻落实稳经济政策措施实施方案", "丁市贯彻落实稳经济政策措施实施方案"),
])
def test_what_a_page_prints_before_a_title_is_no_part_of_it(pipeline: Pipeline, tmp_path: Path, printed: str,
                                                            title: str) -> None:
    assert read(pipeline, tmp_path, printed + BODY).title == title


def test_a_title_opening_with_the_word_for_attachments_keeps_it(pipeline: Pipeline, tmp_path: Path) -> None:
    printed = "附件材料报送管理办法"
    assert read(pipeline, tmp_path, printed + BODY).title == printed
