"""Places named as units, 由…负责 lists that commas part, and a heading's (X牵头) tag over its items."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import Document, Unit

from .texts import read


def clause_units(doc: Document) -> list[list[Unit]]:
    """The units of each clause of ``doc``, in order."""
    return [[u for p in c.provisions for u in p.units] for c in doc.clauses]


def units_of(pipeline: Pipeline, tmp_path: Path, text: str) -> dict[str, list[tuple[str, bool, str]]]:
    """Clause label → [(unit name, lead, function)] of the policy read from ``text``."""
    doc = read(pipeline, tmp_path, text)
    return {c.label: [(u.name, u.lead, u.function) for p in c.provisions for u in p.units] for c in doc.clauses}


def test_places_sharing_a_government_suffix_are_units_as_printed(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市关于建设协作区的若干措施\n"
            "一、共建产业协作区。布局一批中试基地。(牵头单位:市发展改革委,丙县、丁县、戊州市政府;"
            "责任单位:市科学技术局)\n")
    assert units_of(pipeline, tmp_path, text)["一、"] == [
        ("市发展改革委", True, "development_reform"), ("丙县", True, "local_government"),
        ("丁县", True, "local_government"), ("戊州市政府", True, "local_government"),
        ("市科学技术局", False, "science_tech")]


def test_a_place_named_with_its_level_keeps_its_offsets_and_names_its_government(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲市关于建设示范区的措施\n一、共建示范区。完善配套设施。(责任单位:市发展改革委,丙山区、丁河区政府)\n"
    units = clause_units(read(pipeline, tmp_path, text))[0]
    assert [u.name for u in units] == ["市发展改革委", "丙山区", "丁河区政府"]
    assert units[1].canonical == "丙山区政府"
    assert text[units[1].start:units[1].end] == "丙山区"


def test_zones_still_share_their_committee_name(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲市关于园区发展的措施\n一、提升园区能级。建设公共平台。(责任单位:市商务局,甲经开区、乙高新区管委会)\n"
    assert [u[0] for u in units_of(pipeline, tmp_path, text)["一、"]] == ["市商务局", "甲经开区管委会", "乙高新区管委会"]


@pytest.mark.parametrize("place, function", [("丙湖新港区", "development_zone"), ("丁家管理区", "local_government")])
def test_a_place_before_a_lead_verb_leads(pipeline: Pipeline, tmp_path: Path, place: str, function: str) -> None:
    text = (f"甲市关于创建高新区的工作方案\n"
            f"1.推进创建工作。完善统计体系,培育创新主体。({place}牵头,市发改委、市科技局按职责分工负责)\n")
    assert units_of(pipeline, tmp_path, text)["1."] == [(place, True, function), ("市发改委", False, "development_reform"),
                                    ("市科技局", False, "science_tech")]


def test_a_place_in_running_text_is_no_unit(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲市关于创建高新区的工作方案\n1.推进创建工作。在丁家管理区开展试点,由市科技局负责。\n"
    assert units_of(pipeline, tmp_path, text)["1."] == [("市科技局", True, "science_tech")]


def test_after_you_list_parted_by_a_comma_is_one_list(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市知识产权工作意见\n"
            "(一)开展知识产权服务。完善信息平台。此项工作由市科技局、市知识产权局,各市、区政府负责。\n"
            "(二)推进人才工作。由市人社局负责,各区配合。\n")
    units = units_of(pipeline, tmp_path, text)
    assert [(n, lead) for n, lead, _ in units["(一)"]] == [
        ("市科技局", True), ("市知识产权局", False), ("各市区政府", False)]
    assert [(n, lead) for n, lead, _ in units["(二)"]] == [("市人社局", True), ("各区", False)]


def test_a_comma_part_that_names_no_body_ends_the_list(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲市工作意见\n(一)开展服务。此项工作由市科技局会同有关方面研究,各区政府负责落实。\n"
    names = [n for n, _, _ in units_of(pipeline, tmp_path, text)["(一)"]]
    assert "市科技局" not in names


def test_a_heading_tag_gives_its_unit_to_the_items_under_it(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("乙区关于推动经济发展的若干政策举措\n"
            "一、强化科技创新(区科技局牵头)\n"
            "以深化改革为牵引,推进创新链产业链深度融合。\n"
            "(一)加强平台建设。建设研究院,推进结对合作。\n"
            "(二)支持企业研发。对研发投入给予奖励。(责任单位:区财政局)\n"
            "二、扩大有效投资(区发改局牵头)\n"
            "(一)推进重大项目建设。加快项目落地。\n")
    units = [[(u.name, u.lead) for u in c] for c in clause_units(read(pipeline, tmp_path, text))]
    assert units == [[("区科技局", True)], [("区财政局", True)], [("区发改局", True)]]


def test_a_bracket_inside_a_heading_sentence_stays_its_own(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("乙区关于推动经济发展的若干政策举措\n"
            "一、强化科技创新,由区科技局牵头推进平台建设。\n"
            "(一)加强平台建设。建设研究院,推进结对合作。\n")
    assert clause_units(read(pipeline, tmp_path, text))[-1] == []


def test_a_zones_reform_and_development_bureau_is_development_reform(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲高新区关于促进创新的措施\n1.支持企业研发。对研发投入给予补助。(责任单位:改革发展局、财政金融局)\n"
    assert units_of(pipeline, tmp_path, text)["1."][0] == ("改革发展局", True, "development_reform")


def test_a_bracketed_unit_line_after_the_last_item_is_that_items(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("乙省关于支持新兴产业发展的若干措施\n(一)打造产业集群。加快构建产业集群。\n"
            "(责任单位:省经信厅、省发展改革委、省科技厅。列第一位的为牵头单位,下同)\n")
    assert units_of(pipeline, tmp_path, text)["(一)"] == [
        ("省经信厅", True, "industry_it"), ("省发展改革委", False, "development_reform"), ("省科技厅", False, "science_tech")]
