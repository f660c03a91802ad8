"""A task table written one cell a line (parted by blank lines) may print a group's heading over
its rows, between the header and the first row (强化科技支撑。⏎(一)⏎加强…。) and between two rows
(省牵头单位:…⏎(二)乙副市长牵头重点工作); a header cell a page wrapped may hold a body's name as its first half
(市政府⏎分管领导). Made-up tables."""

from __future__ import annotations

from policykg.loaders.departments import default_departments
from policykg.loaders.unit_layouts import table_rows


def cells_of(text: str) -> list[list[tuple[str, str]]]:
    vocab = default_departments()
    return [[(role, text[a:b]) for role, a, b in cells] for _, _, cells in table_rows(text, vocab.labels, vocab.forms)]


def test_group_headings_between_rows_are_passed_over() -> None:
    text = ("序号\n\n重点工作任务\n\n责任单位\n\n(一)甲副市长牵头重点工作\n\n1\n\n加强粮食安全保障。\n\n市农业农村局、市商务局\n\n"
            "省牵头单位:省农业农村厅\n\n(二)乙副市长牵头重点工作\n\n2\n\n深入实施消费新政。\n\n市商务局、市发改委\n\n3\n\n推进现代流通体系建设。\n\n市商务局\n")
    assert cells_of(text) == [[("responsible", "市农业农村局、市商务局")], [("responsible", "市商务局、市发改委")],
                              [("responsible", "市商务局")]]


def test_a_wrapped_header_cell_naming_a_body_and_a_group_over_the_first_row() -> None:
    text = ("序号\n\n重点工作\n\n市政府\n\n分管领导\n\n牵头单位\n\n配合单位\n\n备注\n\n强化科技创新支撑能力。\n\n(一)\n\n"
            "加强战略科技力量建设。\n\n1\n\n建设科技创新轴。\n\n张 三\n\n市科技局\n\n甲区政府、乙区政府\n\n"
            "2\n\n筹建国家实验室。\n\n张 三\n\n市科技局\n\n市财政局\n")
    assert cells_of(text) == [[("lead", "市科技局"), ("support", "甲区政府、乙区政府")],
                              [("lead", "市科技局"), ("support", "市财政局")]]


def test_a_long_paragraph_between_rows_ends_the_table() -> None:
    text = ("序号\n\n重点工作任务\n\n责任单位\n\n1\n\n加强粮食安全保障。\n\n市农业农村局\n\n"
            "以上任务由各责任单位于每季度末报送进展情况,市政府督查室将定期通报各单位的工作进度和存在的问题。\n\n"
            "2\n\n深入实施消费新政。\n\n市商务局\n")
    assert cells_of(text) == [[("responsible", "市农业农村局")]]
