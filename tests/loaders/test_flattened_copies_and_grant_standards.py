"""Copies whose line breaks became spaces (a name broken by a space, an item numbered on after a
short heading in one running line), a long bracketed list before a comma, a policy checklist whose
first column groups its rows (类别 序号 … 实施部门), a short heading a blank line above its
paragraph, a list starting again at 1 after a whole provision, and the figures of grant standards
(按每家50万元的标准, 每1000万元给予3万元, 最高不超10万, 5%或10%给予最高…). Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .instrument_figures import numbers
from .texts import clause_units, read

BUREAUS = "、".join(f"州{name}" for name in (
    "发改委", "工信委", "商务局", "招商合作局", "财政局", "科技局", "人社局", "教育局", "卫计委", "扶贫办",
    "文体局", "交通运输局", "农业局", "林业局", "食品药品监管局", "住建局", "水务局"))


def test_a_long_bracketed_list_before_a_comma_is_read_whole(pipeline: Pipeline, tmp_path: Path) -> None:
    assert len(BUREAUS) > 80  # longer than a running-text list may span
    text = (f"甲州稳增长若干措施\n一、开展专项行动\n围绕全年目标开展十项专项行动。({BUREAUS}等州级有关部门,"
            "各县市人民政府负责)\n二、推进重点项目\n建立项目推进机制。(州发改委负责)\n")
    units = clause_units(read(pipeline, tmp_path, text))[0][1]
    assert len(units) == 18
    assert units[0] == ("州发改委", True) and units[-1] == ("各县市人民政府", False)


def test_a_name_a_copy_broke_with_a_space_is_one_unit(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲区产业政策清单\n1.实施增粮行动,安排专项资金。(责任单位:自治 区农牧厅、财政厅)\n"
            "2.实施护林行动,给予支持。(责任单位:自治区林草局 财政厅)\n")
    assert clause_units(read(pipeline, tmp_path, text)) == [
        ("1.", [("自治区农牧厅", True), ("财政厅", False)]),
        ("2.", [("自治区林草局", True), ("财政厅", False)])]


FLAT = ("乙区产业政策清单 一、稳定农业 (一)实施粮食行动 1.实施甲行动,安排资金。(责任单位:区农牧局、区财政局) "
        "2.实施乙行动,给予支持。(责任单位:区农牧局) (二)实施种业振兴行动 3.安排 900 万元资金,支持三项工程。"
        "(责任单位:区科技局、区财政局) 4.开展丁工程,安排 1 亿元资金。(责任单位:区科技局)\n")


def test_an_item_numbered_on_after_a_short_heading_in_a_flattened_line(pipeline: Pipeline, tmp_path: Path) -> None:
    labels = {label: units for label, units in clause_units(read(pipeline, tmp_path, FLAT))}
    assert labels["3."] == [("区科技局", True), ("区财政局", False)]
    assert labels["4."] == [("区科技局", True)]
    assert labels["2."] == [("区农牧局", True)]


def test_a_number_after_a_space_in_running_text_is_no_label(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "丙市扶持办法\n一、支持研发\n1.对企业安排 3.给予支持的项目另行规定,安排资金。\n2.对平台给予支持。\n"
    assert [label for label, _ in clause_units(read(pipeline, tmp_path, text))] == ["1.", "2."]


CHECKLIST = ("丁市中小企业扶持政策事项清单\n政策类别 序号 扶持政策事项 政策内容 政策依据 实施部门\n"
             "财政资金支持(共2项) 1 建立帮扶机制 畅通热线电话,及时协调解决企业遇到的困难。 《丁市支持中小企业若干措施》 "
             "责任单位:各县(市)区政府,市政府办公室、市工业和信息化局\n"
             "2 给予贷款贴息 对重点保障企业新增贷款,由市财政给予贴息。 《丁市支持中小企业若干措施》 "
             "责任单位:市财政局、市发展改革委\n")


def test_a_checklist_whose_first_column_groups_the_rows(pipeline: Pipeline, tmp_path: Path) -> None:
    assert clause_units(read(pipeline, tmp_path, CHECKLIST)) == [
        ("1", [("各县市区政府", True), ("市政府办公室", False), ("市工业和信息化局", False)]),
        ("2", [("市财政局", True), ("市发展改革委", False)])]


def test_a_table_without_a_group_column_keeps_its_rows(pipeline: Pipeline, tmp_path: Path) -> None:
    text = CHECKLIST.replace("政策类别 序号", "序号").replace("财政资金支持(共2项) 1", "1")
    assert [label for label, _ in clause_units(read(pipeline, tmp_path, text))] == ["1", "2"]


def test_a_paragraph_under_a_short_heading_a_blank_line_above_is_a_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("戊省各市标准化奖励政策汇总\n\n一、甲市\n\n1-1 国际标准当年牵头制定国际标准的,给予最高60万元扶持。\n\n"
            "二、高新区\n\n2-1 国际标准\n\n主导制定国际标准并发布的企业分别给予50万元、20万元奖励。\n\n"
            "2-2 国家标准\n\n主导制定国家标准并发布的企业分别给予20万元、10万元奖励。\n\n2-3 试点示范\n\n"
            "(1)通过验收的示范单位,给予10万元奖励;\n\n(2)承担秘书处工作的,给予最高100万元奖励。\n")
    doc = read(pipeline, tmp_path, text)
    granted = [[i.amount_yuan for p in c.provisions for i in p.instruments if i.amount_yuan] for c in doc.clauses]
    assert [500000.0, 200000.0] in granted and [200000.0, 100000.0] in granted


def test_a_line_wrapped_off_the_one_above_stays_with_it(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("己市扶持办法\n\n一、支持研发\n\n对新认定的科技型企业,经审核后由市财政\n"
            "给予一次性奖励10万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、"]


def test_a_list_starting_again_after_a_whole_provision_loses_nothing(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("庚省自由贸易港优惠政策摘编\n1.优先支持企业境外上市;\n2.对未认定的企业给予最高50万元/年研发补贴;\n"
            "3.迁入的高新技术企业,按固定资产投资的5%或研发投入10%给予最高不超过500万元奖励;\n"
            "1.对市级高企给予最高50万元/年研发补贴;\n2.对新认定的高企给予一次性50万元奖励;\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["1.", "2.", "3.", "1.", "2."]
    third = [{"rate": i.rate, "cap_yuan": i.cap_yuan} for p in doc.clauses[2].provisions for i in p.instruments]
    assert third == [{"rate": 0.05, "cap_yuan": 5000000.0}, {"rate": 0.1, "cap_yuan": 5000000.0}]


def test_a_list_under_a_heading_item_still_nests(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "辛市扶持办法\n1.支持研发\n2.支持转化\n1.对企业购买成果给予补助;\n2.对高校转化成果给予奖励。\n"
    labels = [c.label for c in read(pipeline, tmp_path, text).clauses]
    assert labels == ["1.", "1.", "2."]


def test_the_figures_of_grant_standards() -> None:
    ex = InstrumentExtractor()
    assert numbers(ex, "按每引进一家企业10万元的标准给予奖励。") == [{"amount_yuan": 100000.0}]
    assert numbers(ex, "对引入企业落地的,按每家企业50万元的标准,给予活动承办单位不超过100万元奖励。") == [
        {"cap_yuan": 1000000.0, "amount_yuan": 500000.0}]
    assert numbers(ex, "对营业收入500万元的企业给予奖励10万元。") == [{"amount_yuan": 100000.0}]


def test_a_sum_per_step_and_a_cap_for_each_case() -> None:
    ex = InstrumentExtractor()
    text = "对年度新增出口额1亿元以上的,增量部分每1000万元给予3万元奖励,现有企业最高奖励300万元,新引入企业最高奖励500万元。"
    assert numbers(ex, text) == [{"cap_yuan": 3000000.0, "amount_yuan": 30000.0},
                                 {"cap_yuan": 5000000.0, "amount_yuan": 30000.0}]


def test_caps_written_short_and_rates_on_two_bases() -> None:
    ex = InstrumentExtractor()
    assert numbers(ex, "可申请上年研发费用30%的研发补贴,最高不超10万,扶持3年。") == [{"rate": 0.3, "cap_yuan": 100000.0}]
    assert numbers(ex, "按固定资产投资的5%、研发投入的10%给予最高500万元奖励。") == [
        {"rate": 0.05, "cap_yuan": 5000000.0}, {"rate": 0.1, "cap_yuan": 5000000.0}]
    # a rate its own verb grants keeps no cap of the grant after it
    assert numbers(ex, "按投资的5%给予补贴,按研发投入的10%给予最高500万元奖励。") == [
        {"rate": 0.05}, {"rate": 0.1, "cap_yuan": 5000000.0}]
