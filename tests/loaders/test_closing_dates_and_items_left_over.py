"""A signature date printed as bare digits under a notice's closing words (特此通知 ⏎ 203179) dates
it; an excerpt opening on the last numbered item of a part (3.… then 四、 then 1.…) keeps that item
with its units. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read


def test_bare_digits_under_the_closing_words_date_the_notice(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "甲区人民政府关于印发《甲区科技创新规划》的通知\n甲府发〔2031〕19号\n各镇人民政府,区政府各委、办、局:\n"
               "现将《甲区科技创新规划》印发给你们,请认真遵照执行。\n特此通知\n\n   203179\n\n甲区科技创新规划\n"
               "一、发展回顾\n二、主要任务\n")
    assert doc.date == "2031-07-09"


def test_an_item_left_over_from_the_part_before_is_kept(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "责任单位:省市场监管局、省科技厅\n3.加强产品质量全链条闭环监管。\n责任单位:省市场监管局、省药监局\n"
               "四、乙副省长牵头重点工作\n1.优化企业发展环境,及时落实降本减负政策。\n责任单位:省经信厅、省财政厅\n"
               "2.加快推进重大产业项目建设。\n责任单位:省发展改革委、省经信厅\n")
    found = [(c.label, [u.name for p in c.provisions for u in p.units]) for c in doc.clauses]
    assert found == [("3.", ["省市场监管局", "省药监局"]), ("1.", ["省经信厅", "省财政厅"]),
                     ("2.", ["省发展改革委", "省经信厅"])]


def test_a_numbered_line_of_the_preamble_before_the_first_item_stays_out(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "甲市科技创新若干措施\n为加快建设创新型城市,制定本措施。\n"
               "一、支持企业研发\n1.对企业研发投入给予补助。\n2.对新建研发机构给予奖励。\n")
    assert [c.label for c in doc.clauses] == ["1.", "2."]
