"""A table a sharing site flattened into running text after its header (序号 考核内容 分值 评分办法):
each row opens with its number alone before a space (一 重视科技工作。 10 分1、…) and the items of
its last cell are clauses of that row; the chunk numbers of a sharing page may cut a word
anywhere (申报甲⏎2、市级…). Made-up texts."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

_SHARED_TABLE = (
    "甲市乡镇科技工作考核办法.doc\n\n上传人:某某 文档编号:123 上传时间:2019-01-01\n资源描述\n\n"
    "1、甲市乡镇科技工作考核办法序号 考核内容 基础分 评分办法一 重视科技工作。 10 分1、制订年度科技工作计划,"
    "及时上报年度工作总结,4 分。少一次扣 2 分。2、按时参加全市科技工作会议,6 分。缺席一次扣 2 分。二 培育创新主体。"
    " 20 分1、推荐申报市级企业研发中心,每家通过认定得 4 分。按认定条件推荐申报甲\n\n"
    "2、市级高新技术企业,每家通过认定得 3 分。2、组织科技培训活动,每次得 2 分,本项最高 6 分。"
)

_PLAIN_NUMBERS = """乙县科技工作要点

序号 工作内容 完成时间 今年将组织二 次现场观摩,一 次专题培训。
"""


def test_the_rows_of_a_flattened_table_hold_their_items(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _SHARED_TABLE)
    text = doc.clean.normalized
    assert [c.label for c in doc.clauses] == ["1、", "2、", "1、", "2、"]
    parts = [n for n in doc.tree.children if n.kind == "part"]
    assert [p.label for p in parts] == ["一", "二"]
    third = text[doc.clauses[2].start:doc.clauses[2].end]
    assert "推荐申报市级企业研发中心" in third and "市级高新技术企业" in third  # the chunk marker is gone
    assert text[doc.clauses[3].start:].startswith("2、组织科技培训活动")


def test_numerals_before_a_space_out_of_order_are_no_rows(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _PLAIN_NUMBERS)
    assert not [n for n in doc.tree.children if n.kind == "part"]


def test_the_caption_over_a_flattened_table_is_the_title(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _SHARED_TABLE.replace("甲市乡镇科技工作考核办法.doc\n\n", "收藏 分享\n\n"))
    assert doc.title == "甲市乡镇科技工作考核办法"
