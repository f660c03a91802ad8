"""Responsible units in the layouts real policies use: every label, bracket and line form,
task tables written as text, and the running-text forms 由X牵头 / 按职责分工负责.

The sentences are written for these tests; each reproduces one layout.
"""

from __future__ import annotations

import json
import shutil

import pytest

from policykg.loaders.departments import DATA_FILE, DepartmentVocabulary
from policykg.loaders.records import Region
from policykg.loaders.responsibility import extract_provisions, responsibility_spans, split_provisions
from policykg.loaders.unit_labels import LABELS_FILE

HEFEI = Region("合肥市", "安徽省", "city", "合肥")
ANHUI = Region("安徽省", "安徽省", "province", "安徽")


@pytest.fixture(scope="module")
def vocab() -> DepartmentVocabulary:
    return DepartmentVocabulary.load()


def units(text: str, vocab, region=HEFEI, issuer=None) -> list[tuple[str, bool]]:
    """(name, lead) of every unit of a clause that is the whole text."""
    return [(u.name, u.lead) for p in extract_provisions(text, 0, len(text), region, vocab, issuer) for u in p.units]


def all_units(text: str, vocab, region=HEFEI, issuer=None):
    return [u for p in extract_provisions(text, 0, len(text), region, vocab, issuer) for u in p.units]


# -- labels and brackets -------------------------------------------------------------------


@pytest.mark.parametrize("opener,closer", [("（", "）"), ("(", ")"), ("〔", "〕"), ("【", "】"), ("[", "]")])
def test_lead_and_support_labels_in_every_bracket(vocab, opener, closer):
    text = f"(一)建设一批中试基地。{opener}牵头单位:市科技局;配合单位:市财政局、市发改委{closer}"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False), ("市发改委", False)]
    provs = split_provisions(text, 0, len(text), vocab)
    assert text[provs[0].bracket_start:provs[0].bracket_end].startswith(opener + "牵头单位")


@pytest.mark.parametrize("label", ["参与单位", "协办单位", "成员单位", "配合部门"])
def test_supporting_labels_never_lead(vocab, label):
    text = f"(二)开展试点。({label}:市教育局、市卫健委)"
    assert units(text, vocab) == [("市教育局", False), ("市卫健委", False)]


@pytest.mark.parametrize("label", ["责任部门", "责任处室", "主管部门", "实施单位"])
def test_responsible_labels_first_unit_leads(vocab, label):
    text = f"(三)优化服务。〔{label}:市市场监管局、市司法局〕"
    assert units(text, vocab) == [("市市场监管局", True), ("市司法局", False)]


def test_label_with_bracketed_tail(vocab):
    text = "(四)开放共享。(牵头科室(单位):市科技局;协办单位:市市场监管局)"
    assert units(text, vocab) == [("市科技局", True), ("市市场监管局", False)]


def test_label_in_its_own_bracket_then_the_list(vocab):
    text = "(五)完善评价。【牵头单位】市科技局【配合单位】市人社局、市教育局"
    assert units(text, vocab) == [("市科技局", True), ("市人社局", False), ("市教育局", False)]


def test_several_leads_after_a_lead_label(vocab):
    text = "(六)加大投入。(牵头单位:市财政局、市科技局;参与单位:各县(市、区)人民政府)"
    assert units(text, vocab) == [("市财政局", True), ("市科技局", True), ("各县市区人民政府", False)]


def test_verbs_inside_a_labelled_list_say_who_leads(vocab):
    text = "(七)完善机制。(责任单位:市科技局牵头,市财政局、市教育局配合)"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False), ("市教育局", False)]


# -- label lines -------------------------------------------------------------------------


def test_label_at_the_start_of_lines_is_one_group(vocab):
    text = "(一)强化人才支撑。\n牵头单位:区人社局\n责任单位:区科技局、高新区管委会\n"
    got = all_units(text, vocab)
    assert [(u.name, u.lead) for u in got] == [("区人社局", True), ("区科技局", False), ("高新区管委会", False)]
    assert {u.group for u in got} == {0}


def test_label_after_a_sentence_on_the_same_line(vocab):
    text = "(二)建设技术转移机构。责任单位:市科技局、市教育局。其余事项另行通知。"
    assert units(text, vocab) == [("市科技局", True), ("市教育局", False)]


def test_label_alone_on_its_line_with_the_list_below(vocab):
    text = "(三)加大财政投入。\n责任单位:\n市财政局、市科技局、\n市税务局\n市发改委\n(四)下一条。"
    assert units(text, vocab) == [("市财政局", True), ("市科技局", False), ("市税务局", False), ("市发改委", False)]


def test_label_alone_without_colon(vocab):
    text = "(五)支持转化。\n牵头单位\n省科技厅\n配合单位\n省财政厅、省教育厅\n"
    assert units(text, vocab, ANHUI) == [("省科技厅", True), ("省财政厅", False), ("省教育厅", False)]


def test_a_list_stops_at_running_text_and_other_fields(vocab):
    text = "(六)推进改革。\n责任单位:市科技局、\n市财政局\n市科技局要会同有关部门抓好落实。\n"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False)]
    text = "1.建设平台。牵头单位:市科技局 完成时限:2025年底"
    assert units(text, vocab) == [("市科技局", True)]


def test_label_line_spans_are_excluded_from_the_body(vocab):
    text = "(七)推进改革。\n牵头单位:市科技局\n配合单位:市财政局"
    spans = responsibility_spans(text, vocab)
    assert len(spans) == 1 and text[spans[0][0]:spans[0][1]].startswith("牵头单位")
    assert text[spans[0][0]:spans[0][1]].endswith("市财政局")


def test_words_that_merely_contain_a_label_are_not_lists(vocab):
    for text in ("(一)各责任单位要按时报送进展情况。", "(二)牵头单位负责统筹推进。", "(三)明确配合单位职责,形成合力。"):
        assert units(text, vocab) == [], text


# -- task tables --------------------------------------------------------------------------


@pytest.mark.parametrize("sep", ["\t", " | ", "    ", "\u3000\u3000"])
def test_task_table_rows_as_text(vocab, sep):
    rows = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "建设概念验证中心", "市科技局", "市财政局、市发改委", "2025年底"],
        ["2", "培育技术经理人", "市人社局", "市科技局", "长期坚持"],
    ]
    text = "附件\n任务分工表\n" + "\n".join(sep.join(r) for r in rows) + "\n"
    got = all_units(text, vocab)
    assert [(u.name, u.lead, u.group) for u in got] == [
        ("市科技局", True, 0), ("市财政局", False, 0), ("市发改委", False, 0),
        ("市人社局", True, 1), ("市科技局", False, 1)]
    assert all(text[u.start:u.end] == u.name for u in got)


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_task_table_rows_set_apart_by_blank_lines(vocab, sep):
    rows = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "建设概念验证中心", "市科技局", "市财政局、市发改委", "2025年底"],
        ["2", "培育技术经理人", "市人社局", "市科技局", "长期坚持"],
    ]
    text = "附件1\n任务分工表\n" + "\n\n".join(sep.join(r) for r in rows) + "\n\n本表由市科技局负责解释。\n"
    got = all_units(text, vocab)
    assert [(u.name, u.lead) for u in got] == [
        ("市科技局", True), ("市财政局", False), ("市发改委", False), ("市人社局", True), ("市科技局", False)]


def test_a_progress_table_with_co_handling_units_before_its_lead_office(vocab):
    # a bureau's progress report: 会办单位 (bodies handling a task with it) and its own office
    # leading each task in the last column
    rows = [
        ["序号", "重点工作", "会办单位", "完成情况", "下步打算", "牵头责任处室"],
        ["1", "技术合同成交额增长一成。", "/", "已完成季度统计。", "加强服务。", "成果处"],
        ["2", "建设概念验证中心。", "省财政厅、省教育厅", "已遴选首批中心。", "开展评估。", "平台处"],
    ]
    text = "\n".join(" | ".join(r) + " |" for r in rows) + "\n"
    assert units(text, vocab) == [("成果处", True), ("省财政厅", False), ("省教育厅", False), ("平台处", True)]


def test_a_space_parted_numbered_table_with_blank_lines_between_rows(vocab):
    text = ("附件\n任务分工表\n\n序号 重点任务 牵头单位 配合单位 完成时限\n\n1 建设概念验证中心 市科技局 市财政局、市发改委 2025年底\n\n"
            "2 培育技术经理人 市人社局 市科技局 长期坚持\n")
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False), ("市发改委", False),
                                  ("市人社局", True), ("市科技局", False)]


def test_a_blank_line_then_prose_ends_a_task_table(vocab):
    text = ("序号 | 重点任务 | 牵头单位\n1 | 建设平台 | 市科技局\n\n"
            "市财政局负责资金保障,市教育局负责人才培养。\n")
    assert units(text, vocab) == [("市科技局", True)]


def test_task_table_row_as_its_own_clause(vocab):
    text = "序号|重点任务|责任部门|时间进度\n1|建设平台|科技部、财政部|持续推进\n2|完善政策|教育部|2017年\n"
    second = text.index("2|")
    got = [(u.name, u.lead) for p in extract_provisions(text, second, len(text), None, vocab) for u in p.units]
    assert got == [("教育部", True)]


def test_task_table_one_cell_per_line(vocab):
    cells = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限",
             "1", "建设中试平台", "市科技局", "市财政局、市发改委", "2025年",
             "2", "完善收益分配", "市教育局", "2026年"]
    text = "任务分工\n" + "\n".join(cells) + "\n"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False), ("市发改委", False), ("市教育局", True)]


def test_a_table_without_label_columns_has_no_units(vocab):
    text = "序号\t指标\t目标值\n1\t技术合同成交额\t100亿元\n"
    assert units(text, vocab) == []


# -- running text --------------------------------------------------------------------------


def test_by_x_lead_y_support(vocab):
    text = "(一)设立成果转化基金。由市财政局牵头,市科技局、市地方金融监管局配合。"
    assert units(text, vocab) == [("市财政局", True), ("市科技局", False), ("市地方金融监管局", False)]


def test_x_lead_in_a_parenthesis(vocab):
    text = "(二)完善收益分配。各项工作(市科技局牵头,市财政局和市人社局配合)稳步推进。"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False), ("市人社局", False)]


def test_shared_responsibility(vocab):
    text = "(三)落实税收优惠。市税务局、市科技局按职责分工负责。"
    assert units(text, vocab) == [("市税务局", True), ("市科技局", False)]


def test_running_text_without_bodies_is_not_a_list(vocab):
    for text in ("(四)支持科技领军企业牵头,联合上下游企业组建创新联合体。",
                 "(五)鼓励高校与企业共同负责项目实施。",
                 "(六)由企业牵头承担重大专项。"):
        assert units(text, vocab) == [], text


def test_running_text_is_read_only_without_labels(vocab):
    text = "(七)由市科技局牵头建设平台。(责任单位:市教育局)"
    assert units(text, vocab) == [("市教育局", True)]


# -- names and functions ---------------------------------------------------------------------


def test_unknown_department_recognised_by_form(vocab):
    text = "(一)建设平台。\n牵头单位:\n市新材料产业发展促进中心\n市科技成果转化服务中心\n"
    got = all_units(text, vocab)
    assert [u.name for u in got] == ["市新材料产业发展促进中心", "市科技成果转化服务中心"]


def test_offices_inside_a_bureau_take_its_function(vocab):
    text = "(二)完善政策。(责任处室:政策法规处、成果转化与区域创新处)"
    got = all_units(text, vocab, ANHUI, issuer="安徽省科学技术厅")
    assert [(u.name, u.function, u.lead) for u in got] == [
        ("政策法规处", "science_tech", True), ("成果转化与区域创新处", "science_tech", False)]
    assert got[0].canonical == "安徽省科学技术厅政策法规处"
    text = "(三)完善政策。(责任单位:省财政厅教科文处、省科技厅资源配置与管理处)"
    assert [u.function for u in all_units(text, vocab, ANHUI)] == ["finance", "science_tech"]


def test_former_names_and_abbreviations(vocab):
    text = ("(四)优化服务。(责任单位:市经济和信息化委员会、市食品药品监督管理局、市法制办、"
            "市卫生和计划生育委员会、合肥银保监分局、人民银行合肥中心支行、市住建局)")
    got = all_units(text, vocab)
    assert [u.function for u in got] == ["industry_it", "market_ip", "judicial", "health",
                                         "financial_regulation", "financial_regulation", "other"]  # 住建局: no scored function fits


def test_bare_departments_are_bodies_of_the_level_of_the_first_under_their_written_names(vocab):
    text = "(五)公开。责任单位:省科技厅、教育厅、财政厅"
    found = all_units(text, vocab, ANHUI)
    assert [u.name for u in found] == ["省科技厅", "教育厅", "财政厅"]
    assert [u.canonical for u in found][1:] == ["安徽省教育厅", "安徽省财政厅"]


# -- data, not code ------------------------------------------------------------------------


def test_a_new_label_is_a_data_change(tmp_path, vocab):
    text = "(一)推进合作。(督办单位:市政府督查室;配合单位:市科技局)"
    assert units(text, vocab) == [("市科技局", False)]  # 督办单位 is not a label yet
    labels = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    labels["labels"]["督办单位"] = "lead"
    (tmp_path / "unit_labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    shutil.copyfile(DATA_FILE, tmp_path / "departments.json")
    custom = DepartmentVocabulary.load(tmp_path / "departments.json")
    assert units(text, custom) == [("市政府督查室", True), ("市科技局", False)]


def test_a_stacked_label_list_with_a_page_number_is_not_a_table(vocab):
    text = "(六)建设平台。\n牵头单位\n省科技厅\n配合单位\n省财政厅\n12\n下一页的正文继续说明。\n"
    assert units(text, vocab, ANHUI) == [("省科技厅", True), ("省财政厅", False)]


def test_bare_lead_and_support_labels(vocab):
    text = "(七)共建平台。(牵头:市科技局;配合:市财政局、市教育局)"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False), ("市教育局", False)]


def test_a_bracket_that_says_who_is_in_charge(vocab):
    text = "(八)建立台账。(市科技局、市统计局负责)每年更新一次。"
    assert units(text, vocab) == [("市科技局", True), ("市统计局", False)]
    assert units("(九)企业负责人要亲自抓(企业负责)。", vocab) == []


def test_label_lines_after_bullets_commas_and_other_colons(vocab):
    text = "(八)共享仪器。\n●牵头单位∶市科技局\n●配合单位∶市财政局"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False)]
    text = "(九)开放实验室,牵头单位:市科技局;配合单位:市教育局"
    assert units(text, vocab) == [("市科技局", True), ("市教育局", False)]


def test_table_header_with_a_remark_in_its_label_cell(vocab):
    text = "序号\t重点任务\t责任单位(排第一的为牵头单位)\n1\t建设平台\t市科技局、市财政局\n"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False)]


def test_collective_bodies_alone_are_not_assigned_by_running_text(vocab):
    assert units("(十)加强督查。各有关部门按职责分工负责。", vocab) == []
    assert units("(十一)加强督查。市科技局、各有关部门按职责分工负责。", vocab) == [
        ("市科技局", True), ("各有关部门", False)]


def test_flattened_table_with_single_spaces_and_a_wrapped_cell(vocab):
    text = (
        "序号 重点任务 主要责任单位 协同配合单位 完成期限\n"
        "7 建设三个孵化器。 区科技局 区财政局、区人社局等区直有关部门,高新区管委会。 2024年6月底\n"
        "8 培育技术经理人队伍,每年培训不少于100人次。 区人社局\n"
        "区科协\n"
        "区教育局、区工商联。 2024年底\n"
    )
    got = all_units(text, vocab)
    assert [(u.name, u.lead, u.group) for u in got] == [
        ("区科技局", True, 0), ("区财政局", False, 0), ("区人社局", False, 0), ("高新区管委会", False, 0),
        ("区人社局", True, 1), ("区科协", True, 1), ("区教育局", False, 1), ("区工商联", False, 1)]


def test_every_unit_of_the_main_column_leads_beside_a_supporting_column(vocab):
    text = (
        "序号 重点任务 主要责任单位 协同配合单位 完成期限\n"
        "3 共建两个中试基地。 区科技局、区农业农村局 区财政局、区发改委。 2025年底\n"
        "4 建设成果转化服务站。 区科技局\n"
        "高新区管委会\n"
        "区国投公司\n"
        "区人社局、区教育局等区直有关部门,区城投公司。 2025年底\n"
    )
    got = [(u.name, u.lead, u.group) for u in all_units(text, vocab)]
    assert got == [
        ("区科技局", True, 0), ("区农业农村局", True, 0), ("区财政局", False, 0), ("区发改委", False, 0),
        ("区科技局", True, 1), ("高新区管委会", True, 1), ("区国投公司", True, 1),
        ("区人社局", False, 1), ("区教育局", False, 1), ("区城投公司", False, 1)]


def test_a_table_with_a_responsible_column_alone_keeps_the_first_unit_as_lead(vocab):
    text = "序号\t重点任务\t责任单位\t完成时限\n1\t建设平台\t市科技局、市财政局\t2025年\n"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False)]


def test_a_stacked_table_with_a_supporting_column(vocab):
    text = ("序号\n重点任务\n责任单位\n配合单位\n1\n建设平台\n市科技局、市财政局\n市教育局\n"
            "2\n培育人才\n市人社局\n市科协\n")
    assert units(text, vocab) == [("市科技局", True), ("市财政局", True), ("市教育局", False),
                                  ("市人社局", True), ("市科协", False)]


def test_a_bare_lead_remark_after_a_unit_is_not_a_label(vocab):
    text = "(十二)建设园区。(责任单位:市科技局(牵头)、市财政局)"
    assert units(text, vocab) == [("市科技局", True), ("市财政局", False)]


def test_running_text_assigns_duties_to_public_bodies_only(vocab):
    assert units("(十三)组建联合体。鼓励由省级以上科研院所牵头组建创新联合体。", vocab) == []
    assert units("(十四)组建联合体。由高新区管委会牵头,市科协配合。", vocab) == [
        ("高新区管委会", True), ("市科协", False)]


def test_a_label_and_its_list_parted_by_a_space_are_not_a_table(vocab):
    text = "(十五)推进改革。\n牵头单位 市科技局\n配合单位 市财政局 市教育局\n"
    assert all(u.name != "配合单位" for u in all_units(text, vocab))


def test_a_unit_marked_as_lead_in_brackets_leads(vocab):
    text = "(十六)建设园区。(责任单位:市财政局、市科技局(牵头)、市教育局)"
    assert units(text, vocab) == [("市财政局", False), ("市科技局", True), ("市教育局", False)]


# -- 由X负责 and 会同 ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("由市科技局牵头,会同市大数据局组织实施。", [("市科技局", True), ("市大数据局", False)]),
    ("由市科技局负责,市财政局配合落实。", [("市科技局", True), ("市财政局", False)]),
    ("由市科技局会同市财政局、市教育局负责。", [("市科技局", True), ("市财政局", False), ("市教育局", False)]),
    ("此项工作由市科技局具体负责。", [("市科技局", True)]),
])
def test_responsible_bodies_named_after_由_and_会同(vocab, text, expected):
    assert units(text, vocab) == expected


@pytest.mark.parametrize("text", ["本办法由市科技局负责解释。", "所需经费由市财政局负责保障。", "企业负责项目实施。",
                                  "由企业会同高校负责。"])
def test_由_负责_that_names_no_responsible_body(vocab, text):
    assert units(text, vocab) == []
