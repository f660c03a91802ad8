"""Layouts the extractor met in pages that are not a clean policy text: a table of contents
printed without its 目录 line, department lists, news and question pages. Every text here is
written for its test."""

from __future__ import annotations

from .test_structure_layouts import clause_labels


def test_contents_entries_with_page_numbers_are_not_clauses():
    text = (
        "甲市科技创新发展规划\n"
        "第一章 筑牢创新基础 - 3 -\n"
        "第一节 发展现状 - 3 -\n"
        "第二节 面临形势 - 6 -\n"
        "第二章 总体要求……8\n"
        "第一节 指导思想……8\n"
    )
    assert clause_labels(text) == []


def test_one_heading_ending_in_a_number_is_still_a_provision():
    text = (
        "甲市科技创新若干措施\n"
        "一、支持企业建设研发机构,每家给予奖励。\n"
        "二、重点支持的领域 2\n"
        "对新认定的平台给予资助。\n"
    )
    assert clause_labels(text) == ["一、", "二、"]
