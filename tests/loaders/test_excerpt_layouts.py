"""Layouts of real excerpts the earlier rules missed: a provision quoted alone with its
number, a page's attribution line, generic levels of department named in prose, offices of
industrial parks. Every text here is written for its test."""

from __future__ import annotations

import pytest

from policykg.loaders.departments import DepartmentVocabulary
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import Region
from policykg.loaders.responsibility import extract_provisions

from .test_metadata_page_layouts import meta
from .test_structure_run_on import labelled

NANNING = Region("南宁市", "广西壮族自治区", "city", "南宁")


@pytest.fixture(scope="module")
def vocab() -> DepartmentVocabulary:
    return DepartmentVocabulary.load()


def units(text: str, vocab) -> list[tuple[str, str, bool]]:
    return [(u.name, u.function, u.lead) for p in extract_provisions(text, 0, len(text), NANNING, vocab)
            for u in p.units]


def read(tmp_path, text: str):
    path = tmp_path / "excerpt.txt"
    path.write_text(text, encoding="utf-8")
    return Pipeline().read(path)


# ---------------------------------------------------------------- a provision quoted alone


def test_a_lone_provision_numbered_mid_list_is_a_clause():
    text = "5.支持企业共建实验室。对新建的企业实验室给予一次性补助20万元。\n"
    assert labelled(text) == [("5.", text.strip())]


def test_a_lone_number_without_a_heading_sentence_stays_text():
    # a number alone at the top with no title sentence after it is no provision
    assert labelled("3.5亿元用于平台建设,2.5亿元用于人才。\n") == []
    assert labelled("8.对企业给予补助\n") == []


def test_a_lone_provision_is_read_and_its_tiered_amounts_found(tmp_path):
    doc = read(tmp_path, "6.加快孵化器建设。对新认定的国家级、省级孵化器,分别给予一次性奖励30万元、10万元。\n"
                         "——摘自某甲区科技局网站\n")
    assert [c.label for c in doc.clauses] == ["6."]
    amounts = [i.amount_yuan for p in doc.clauses[0].provisions for i in p.instruments]
    assert amounts == [300000, 100000]


# ---------------------------------------------------------------- a page's attribution line


@pytest.mark.parametrize("line", ["——摘自瓯海区科技局官网(www.example.cn)", "信息来源:瓯海区科学技术局",
                                  "来源:瓯海区人民政府网站"])
def test_the_region_of_an_organ_named_in_the_attribution_line(line):
    m = meta(f"5.支持企业共建实验室。对新建的企业实验室给予补助。\n{line}\n")
    assert m["region"] == "瓯海区"


def test_a_region_the_text_gives_beats_the_attribution_line():
    m = meta("温州市人民政府关于支持研发的意见\n一、支持研发。\n来源:瓯海区科技局\n")
    assert m["region"] == "温州市"


# ---------------------------------------------------------------- who leads, in prose


def test_a_generic_level_of_department_leading_in_prose_is_no_unit(vocab):
    assert units("一、请各区科技部门组织申报。市级科技部门牵头负责评价工作的管理和监督。", vocab) == []
    assert units("二、省级财政部门牵头,各市配合。", vocab) == []


def test_a_named_department_leading_in_prose_still_is(vocab):
    assert units("一、做好评价工作。市科技局牵头负责评价工作的管理。", vocab) == [("市科技局", "science_tech", True)]


def test_an_industrial_park_office_is_a_development_zone(vocab):
    got = units("(一)建设转化联络站。(自治区科技厅、园区办等按职责分工负责)", vocab)
    assert ("园区办", "development_zone", False) in got
