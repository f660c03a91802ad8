"""A bullet mark before an item's label (◈ 1.…), a section's (由X牵头实施) tag in a copy run into one
line, the label 政策执行部门, a cap for each recipient named before it (团队最高…、个人最高…), rates and caps
listed in the same order (分别按1%、0.8%…,最高1000万元、500万元…), and a
county later made a city (县改市) named with its new suffix. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.gazetteer import Gazetteer
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .instrument_figures import numbers
from .texts import clause_units, read


def test_a_bullet_before_an_items_label_is_no_text(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲省政策清单\n一、产业发展支持政策(3条)\n◈ 1.鼓励各地设立专项资金。(责任单位:各市政府)\n"
            "◈ 2.调整资金使用方向。(责任单位:省经济和信息化厅)\n★ 3.对新认定的集群给予奖补。(责任单位:省发展改革委、省财政厅)\n")
    assert clause_units(read(pipeline, tmp_path, text)) == [
        ("1.", [("各市政府", True)]), ("2.", [("省经济和信息化厅", True)]),
        ("3.", [("省发展改革委", True), ("省财政厅", False)])]


def test_a_bullet_before_plain_text_stays(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "乙市若干措施\n一、支持研发\n◈ 研发投入大的企业优先支持。\n二、支持转化\n给予奖励。\n"
    assert [c.label for c in read(pipeline, tmp_path, text).clauses] == ["一、", "二、"]


def test_a_sections_tag_in_a_line_run_together_reaches_its_items(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("丙市若干政策 为推动发展,现制定以下政策。一、扩大有效投资政策(由市发展改革委牵头实施)聚焦重大领域,"
            "组织实施重大项目。1. 加大财政支持力度。市财政安排资金。2. 向上争取资金支持。争取专项资金。"
            "二、科技政策(由市科技局牵头)1.支持研发。给予奖励。\n")
    assert clause_units(read(pipeline, tmp_path, text)) == [
        ("1.", [("市发展改革委", True)]), ("2.", [("市发展改革委", True)]), ("1.", [("市科技局", True)])]


def test_a_bracket_inside_a_sentence_of_the_lead_in_stays_its_own(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("丁市若干政策 一、扩大投资。聚焦重大领域,组织实施重大项目(市发展改革委负责),推进建设。"
            "1. 加大财政支持力度。市财政安排资金。2. 向上争取资金支持。\n")
    assert all(units == [] for label, units in clause_units(read(pipeline, tmp_path, text)) if label != "一、")


def test_the_policy_executing_department_label(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "戊市若干措施\n1.支持研发。给予最高100万元支持。(政策执行部门:市科技局)\n2.支持转化。(兑现部门:市财政局)\n"
    assert clause_units(read(pipeline, tmp_path, text)) == [("1.", [("市科技局", True)]), ("2.", [("市财政局", True)])]


def test_a_cap_for_each_recipient_named_before_it() -> None:
    ex = InstrumentExtractor()
    text = "被列为支持对象的,给予团队最高600万元、个人最高500万元的创业启动资金资助。"
    assert numbers(ex, text) == [{"cap_yuan": 6000000.0}, {"cap_yuan": 5000000.0}]
    assert numbers(ex, "给予最高50万元奖励,单个企业累计不超过200万元。")[0] == {"cap_yuan": 500000.0}


def test_a_county_made_a_city_is_found_by_its_new_name() -> None:
    gazetteer = Gazetteer.load()
    region = gazetteer.find_in("海安市人民政府")
    assert region is not None and region.name == "海安市" and region.city == "南通市" and region.level == "county"
    assert gazetteer.find_in("新兴市场监管工作要点") is None  # 市场 is no city
    assert gazetteer.find_in("荆州市人民政府").name == "荆州市"


def test_rates_and_caps_listed_in_the_same_order_pair_up() -> None:
    ex = InstrumentExtractor()
    text = "对设立总部、区域总部和功能性总部的,五年内分别按其主营业务收入的1%、0.8%、0.5%给予奖励,每年奖励额最高1000万元、500万元、300万元。"
    assert numbers(ex, text) == [{"rate": 0.01, "cap_yuan": 10000000.0}, {"rate": 0.008, "cap_yuan": 5000000.0},
                                 {"rate": 0.005, "cap_yuan": 3000000.0}]
    # one rate and two caps, or two rates and one cap, stay as they were
    assert numbers(ex, "按30%、最高100万元和200万元给予补助。") == [
        {"rate": 0.3, "cap_yuan": 1000000.0}, {"rate": 0.3, "cap_yuan": 2000000.0}]
    assert numbers(ex, "分别按5%、20%给予最高100万元补助。") == [
        {"rate": 0.05, "cap_yuan": 1000000.0}, {"rate": 0.2, "cap_yuan": 1000000.0}]
