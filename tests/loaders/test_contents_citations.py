"""A compilation's table of contents lists the documents it collects: each entry naming a document
is a citation; a plan's chapters are not. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.citations import find_citations

COMPILATION = ("丙省丁市招商引资优惠政策汇编\n\n目 录\n\n1.丁市招商引资优惠政策\n\n2.丁市重点项目落户奖励办法\n\n"
               "3.戊县招商引资优惠政策\n\n1.丁市招商引资优惠政策\n\n为加大招商力度,制定本政策。\n")


def test_the_entries_of_a_compilations_contents_are_its_citations() -> None:
    titles = [c.title for c in find_citations(COMPILATION)]
    assert titles == ["丁市招商引资优惠政策", "丁市重点项目落户奖励办法", "戊县招商引资优惠政策"]


def test_a_plans_chapters_in_its_contents_are_no_citations() -> None:
    text = "甲市科技创新规划\n目 录\n一、发展基础\n二、总体要求\n三、重点任务\n一、发展基础\n近年来成效明显。\n"
    assert find_citations(text) == []


def test_the_policys_own_title_in_its_contents_is_no_citation() -> None:
    own = "丁市招商引资优惠政策"
    titles = [c.title for c in find_citations(COMPILATION, own_title=own)]
    assert own not in titles and "丁市重点项目落户奖励办法" in titles
