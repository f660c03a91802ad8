"""An indicator or a task laid out as a card of fields ((1)考核科室:…⏎(2)分值:…⏎(3)考核内容:…) is one
clause with its fields, and the office that assesses it (考核科室, 考核部门) names its units.
Made-up texts."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import clause_units, read

_CARDS = """甲县科技工作考核细则

一、考核内容

1、创新平台建设
(1)考核科室(部门):县科技局、县科协
(2)分值:10分
(3)考核内容:各乡镇每年新建市级以上创新平台不少于1家,按要求报送平台运行情况。

2、科技项目管理
(1)考核部门:县科技局
(2)分值:8分
(3)考核内容:组织企业申报科技项目,及时报送项目实施进展。

3、科普宣传
(1)考核科室:县科协
"""

_PROVISIONS = """乙市科技创新奖励办法

一、支持内容

1、研发投入奖励
(1)对年度研发投入增长超过20%的企业,按增量的10%给予奖励,最高50万元。
(2)对首次认定的高新技术企业,一次性奖励20万元。
"""

_NAMED_PROVISIONS = """丙市科技创新若干措施

一、支持内容

1、企业研发
(1)研发投入奖励:对年度研发投入增长超过20%的企业,按增量的10%给予奖励,最高50万元。
(2)平台建设奖励:对新认定的省级研发平台,一次性奖励30万元,对国家级平台奖励100万元。
"""


def test_an_item_whose_sub_items_are_all_fields_is_one_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _CARDS)
    assert [c.label for c in doc.clauses] == ["1、", "2、", "3、"]


def test_the_assessing_office_of_a_card_names_its_units(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _CARDS)
    units = clause_units(doc)
    assert units[0] == ("1、", [("县科技局", True), ("县科协", False)])
    assert units[1] == ("2、", [("县科技局", True)])
    assert units[2] == ("3、", [("县科协", True)])


def test_sub_items_of_plain_sentences_stay_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _PROVISIONS)
    assert [c.label for c in doc.clauses] == ["(1)", "(2)"]


def test_sub_items_each_naming_a_long_provision_stay_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _NAMED_PROVISIONS)
    assert [c.label for c in doc.clauses] == ["(1)", "(2)"]


_ENTRIES = """丁县科技局部门预算说明

一、支出预算
1、人员经费:52.10万元
2、公用经费:3.60万元
3、项目经费:8万元
"""


def test_fields_naming_no_bodies_in_charge_stay_entries_of_their_own(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _ENTRIES)
    assert [c.label for c in doc.clauses] == ["1、", "2、", "3、"]
