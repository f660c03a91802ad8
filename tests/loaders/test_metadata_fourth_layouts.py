"""Metadata of pages whose chrome stands around the title: short breadcrumbs, category
menus, signature dates without 年月日. The documents are made up."""

from __future__ import annotations

from policykg.loaders.metadata import extract_metadata
from policykg.loaders.records import CleanText, Node


def meta(text: str) -> dict:
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    return extract_metadata(clean, Node("document", None, None, 0, len(text)), "test.txt")


def test_a_two_item_breadcrumb_gives_its_last_item_as_the_title():
    m = meta("文件库 > 甲市人民政府办公厅关于加快建设技术转移体系的若干意见\n\n"
             "各县(区)人民政府,市直各单位:\n为加快建设技术转移体系,现提出如下意见。\n")
    assert m["title"] == "甲市人民政府办公厅关于加快建设技术转移体系的若干意见"
    assert m["issuer"] == "甲市人民政府办公厅"


def test_a_two_item_category_menu_is_no_title():
    m = meta("发展规划 > 政府印发的规划\n\n甲省科技创新“十五五”规划\n\n"
             "本规划根据国家有关规划编制,提出今后五年的目标任务。\n")
    assert m["title"] == "甲省科技创新“十五五”规划"
