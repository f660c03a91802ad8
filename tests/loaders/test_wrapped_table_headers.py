"""A task table whose header a page wrapped over lines, each ending in its separator (序号 | 重点任务 |
牵头领导 |⏎责任单位 |⏎进展情况(说明) |), and whose rows an excerpt picked out of a longer table
(89, 143, 149): each row is a clause with the units of its 责任单位 column, the first leading.
Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

PROGRESS_TABLE = (
    "乙市今年重点工作任务进展情况\n"
    "序号 | 重点工作任务 | 牵头 分管领导 |\n"
    "责任单位 |\n"
    "进展情况 (每项不超过二百字,按上半年完成数填报) |\n"
    "完成状态 |\n"
    "12 | 推动高校成果在本地转化。 | 张某 |\n"
    "市科技局、市财政局 | 举办对接活动三场,签约项目五个。 | 序时推进 |\n"
    "47 | 建设中试平台。 | 李某 王某 |\n"
    "市经济和信息化局 | 新建平台两个。 | 已完成 |\n"
    "48 | 培育技术经理人队伍。 | 李某 | 市科技局、市人力资源和社会保障局 | 培训学员八十名。 | 序时推进 |\n"
)


def units(doc) -> list[list[tuple[str, bool]]]:
    return [[(u.name, u.lead) for p in c.provisions for u in p.units] for c in doc.clauses]


def test_rows_under_a_wrapped_header_are_clauses_with_their_units(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, PROGRESS_TABLE)
    assert [c.label for c in doc.clauses] == ["12", "47", "48"]
    assert units(doc) == [[("市科技局", True), ("市财政局", False)], [("市经济和信息化局", True)],
                          [("市科技局", True), ("市人力资源和社会保障局", False)]]
    assert doc.title == "乙市今年重点工作任务进展情况"


def test_the_leaders_column_names_no_unit(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, PROGRESS_TABLE)
    names = {name for row in units(doc) for name, _ in row}
    assert not names & {"张某", "李某", "王某", "李某 王某"}


def test_a_header_on_one_line_with_a_bracketed_note_is_still_a_header(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("丙县科技工作任务分解\n"
            "序号 | 工作任务 | 责任单位 | 完成时限(以年月计,最迟不晚于本年度十二月底前完成) |\n"
            "3 | 组织科技成果对接会。 | 县科技局、县工业和信息化局 | 2031年6月 |\n"
            "4 | 开展技术合同登记培训。 | 县科技局 | 2031年9月 |\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["3", "4"]
    assert units(doc) == [[("县科技局", True), ("县工业和信息化局", False)], [("县科技局", True)]]


def test_lines_ending_in_a_bar_below_the_rows_are_no_header(pipeline: Pipeline, tmp_path: Path) -> None:
    """Only lines above the first row join a wrapped header: a row's wrapped cells stay its own."""
    doc = read(pipeline, tmp_path, PROGRESS_TABLE)
    first = doc.clean.normalized[doc.clauses[0].start:doc.clauses[0].end]
    assert "举办对接活动三场" in first and "建设中试平台" not in first
