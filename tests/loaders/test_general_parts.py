"""The paragraphs of a general part (总体要求, 基本原则) are one provision with its heading, though
each opens with a title sentence; those of a part of measures stay provisions of their own.
Made-up text."""

from __future__ import annotations

from .test_structure_layouts import clause_labels

PRINCIPLES = ("某县科技创新实施方案\n一、总体思路\n以创新驱动发展为主线,推动科技与产业融合。\n"
              "二、基本原则\n坚持需求导向。围绕产业发展配置创新资源。\n坚持协同推进。统筹各方力量形成合力。\n"
              "三、主要措施\n支持企业研发。对研发投入增长的企业给予奖励。\n支持成果转化。对技术交易给予补助。\n")


def test_the_titled_paragraphs_of_a_general_part_are_one_provision_with_its_heading():
    assert clause_labels(PRINCIPLES) == ["一、", "二、", None, None]


def test_a_heading_that_only_begins_like_a_general_part_keeps_its_provisions():
    text = PRINCIPLES.replace("二、基本原则", "二、基本原则落实中的重点措施")
    assert clause_labels(text) == ["一、", None, None, None, None]
