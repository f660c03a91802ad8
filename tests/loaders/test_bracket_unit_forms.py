"""Unit brackets of task divisions: a lead note after the verb, 参加 bodies, a name's own bracket
before the verb, and catalogue names of bodies such divisions list."""

from __future__ import annotations

import pytest

from policykg.loaders.departments import DepartmentVocabulary
from policykg.loaders.responsibility import extract_provisions


def _units(text: str) -> list[tuple[str, bool]]:
    units = [u for p in extract_provisions(text, 0, len(text), None) for u in p.units]
    return [(u.name, u.lead) for u in units]


def test_a_lead_note_after_the_verb_and_a_comma_keeps_the_list():
    text = "(一)完善服务体系。各地要做好服务工作。(市甲局、市财政局、市统计局等负责,列第一位者为牵头单位,下同)\n"
    assert _units(text) == [("市甲局", True), ("市财政局", False), ("市统计局", False)]


def test_a_bracket_going_on_after_its_verb_with_no_lead_note_is_no_list():
    text = "(一)完善服务体系。各地要做好服务工作(市财政局负责,每年评估一次)。\n"
    assert _units(text) == []


def test_bodies_taking_part_after_the_leads_support_them():
    text = "1.稳定就业。做好就业工作。(市甲委、市人社局牵头,市财政局、市统计局参加)\n"
    assert _units(text) == [
        ("市甲委", True), ("市人社局", True), ("市财政局", False), ("市统计局", False)]


@pytest.mark.parametrize("text, expected", [
    ("1.登记数量达到20万件。(市新闻出版局(版权局)负责)\n", [("市新闻出版局", True)]),
    ("2.融资金额达到18亿元。(市财政局、市新闻出版局(版权局)、市知识产权局按职责分别负责)\n",
     [("市财政局", True), ("市新闻出版局", False), ("市知识产权局", False)]),
])
def test_a_name_with_its_own_bracket_before_the_verb(text: str, expected: list[tuple[str, bool]]):
    assert _units(text) == expected


@pytest.mark.parametrize("name, function", [
    ("工商总局", "market_ip"),
    ("国家工商行政管理总局", "market_ip"),
    ("省服务业委", "development_reform"),
    ("市服务业局", "development_reform"),
    ("市通信发展办", "industry_it"),
])
def test_catalogue_names_of_division_bodies(name: str, function: str):
    assert DepartmentVocabulary.load().function_of(name) == function


def test_a_bracketed_lead_note_closing_a_label_line_is_no_unit():
    text = "(一)推进项目建设,确保协议落实。\n责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)\n时限要求:持续推进\n"
    assert _units(text) == [("市发改委", True), ("市财政局", False)]


def test_a_body_s_own_lead_mark_is_no_note():
    text = "(一)推进项目建设。\n责任单位:市发改委、市财政局(牵头)\n"
    assert _units(text) == [("市发改委", False), ("市财政局", True)]


@pytest.mark.parametrize("text, expected", [
    ("1.优化审批流程。〔牵头单位:区发改委,责任单位:区政府有关部门,各街道(功能区)〕\n",
     [("区发改委", True), ("各街道", False)]),
    ("2.压缩办理时间。(牵头单位:市审批局;责任单位:市直有关部门、单位)\n", [("市审批局", True)]),
])
def test_bodies_named_only_by_kind_name_no_one_beside_a_named_body(text: str, expected: list[tuple[str, bool]]):
    assert _units(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("1.推进建设。\n牵头单位:省财政厅、省发展改", [("省财政厅", True)]),
    ("1.推进建设。\n牵头单位:省发展改", []),
    ("1.推进建设。\n牵头单位:省财政厅、省科技厅", [("省财政厅", True), ("省科技厅", True)]),
])
def test_a_name_the_text_s_end_cuts_is_no_unit(text: str, expected: list[tuple[str, bool]]):
    assert _units(text) == expected


def test_a_table_of_one_cell_a_line_parted_by_blank_lines():
    from policykg.loaders.departments import default_departments
    from policykg.loaders.unit_layouts import table_rows

    text = ("附件1\n\n年度目标任务分解表\n\n序号\n\n年度预期目标\n\n责任单位\n\n"
            "1\n\n地区生产总值增长6%左右\n\n区发展改革委\n\n2\n\n工业增加值增长7%左右\n\n区经济信息委\n")
    vocab = default_departments()
    rows = table_rows(text, vocab.labels, vocab.forms)
    assert [[(role, text[a:b]) for role, a, b in cells] for _, _, cells in rows] == [
        [("responsible", "区发展改革委")], [("responsible", "区经济信息委")]]


def test_a_cell_over_several_lines_in_a_blank_parted_table():
    from policykg.loaders.departments import default_departments
    from policykg.loaders.unit_layouts import table_rows

    text = ("• 序号\n\n重点工作\n\n牵头单位\n\n责任单位\n\n推进创新改革\n\n7\n\n抓好清单实施。\n\n"
            "省发展改革委\n科技厅\n\n省财政厅、教育厅等\n")
    vocab = default_departments()
    [(_, _, cells)] = table_rows(text, vocab.labels, vocab.forms)
    assert [(role, text[a:b]) for role, a, b in cells] == [
        ("lead", "省发展改革委\n科技厅"), ("responsible", "省财政厅、教育厅等")]


def test_a_name_before_an_angle_bracket_the_text_s_end_cuts_stands():
    text = "(一)地区生产总值增长6%。(牵头单位:市发改委;责任单位:各区人民政府〈含开发区、"
    assert _units(text) == [("市发改委", True), ("各区人民政府", False)]


@pytest.mark.parametrize("text, expected", [
    ("1.稳定就业。(牵头单位:省甲委;责任单位:省就业工作联席会议成员单位,各市人民政府)\n",
     [("省甲委", True), ("各市人民政府", False)]),
    ("1.稳定就业。(责任单位:领导小组成员单位)\n", [("领导小组成员单位", True)]),
])
def test_a_joint_body_s_members_beside_named_bodies_are_no_unit(text: str, expected: list[tuple[str, bool]]):
    assert _units(text) == expected


def test_a_leading_list_of_a_joint_body_s_members_stands():
    text = "一、建设数据中心。(牵头部门:领导小组成员单位;配合部门:各市州政府,甲新区管委会)\n"
    assert _units(text) == [("领导小组成员单位", True), ("各市州政府", False), ("甲新区管委会", False)]
