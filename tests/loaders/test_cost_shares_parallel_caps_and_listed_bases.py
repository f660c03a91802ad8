"""Figures that are no incentive (a level's share of a grant's cost, a share of awards, a rate a
case is set apart by), one rate capped per case, a field's label naming the amount, and citations
named without 《》 or reported as the page's own measure. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.citations import find_citations
from policykg.loaders.instruments import InstrumentExtractor


def figures(ex: InstrumentExtractor, text: str) -> list[tuple[float | None, float | None, float | None]]:
    return [(i.rate, i.cap_yuan, i.amount_yuan) for i in ex.find(text)
            if i.rate is not None or i.cap_yuan is not None or i.amount_yuan is not None]


def titles(text: str, **own: str) -> list[tuple[str, str | None]]:
    return [(c.title, c.doc_number) for c in find_citations(text, **own)]


# ------------------------------------------------------------------------ instruments


def test_each_levels_part_of_a_grants_cost_is_no_rate(ex):
    text = "对新建项目给予补助。甲市财政负担补助资金的70%,乙县财政负担补助资金的30%。"
    assert figures(ex, text) == []
    text = "省级财政承担支持资金的 55%, 市 (县) 财政承担支持资金的 45%。"
    assert figures(ex, text) == []


def test_a_rate_a_grant_follows_stays_a_rate_after_a_levels_budget(ex):
    assert figures(ex, "甲市财政承担项目投资的20%给予补助。") == [(0.2, None, None)]


def test_one_rate_with_a_cap_for_each_case_is_one_instrument_per_case(ex):
    text = ("对经认定的示范车间和标杆工厂,按项目投资额给予8%的一次性补助,示范车间补助最高不超过300万元,"
            "标杆工厂补助最高不超过900万元。")
    assert figures(ex, text) == [(0.08, 3_000_000, None), (0.08, 9_000_000, None)]


def test_a_second_limit_of_another_scope_or_a_total_stays_with_the_rate(ex):
    text = "按投资额的10%给予补助,单个企业最高200万元,单个企业每年最高500万元。"
    assert figures(ex, text) == [(0.1, 2_000_000, None)]
    text = "按投资额的10%给予补助,甲类项目最高200万元,乙类项目累计不超过500万元。"
    assert figures(ex, text) == [(0.1, 2_000_000, None)]


def test_the_share_of_awards_going_to_some_use_is_no_rate(ex):
    assert figures(ex, "甲市科技进步奖80%以上奖励在本市实现转化的科技成果。") == []
    assert figures(ex, "专项资金70%以上用于支持企业研发。") == []
    assert figures(ex, "按合同额的5%以上奖励技术经纪人。") == [(0.05, None, None)]


def test_a_sum_after_a_fields_label_naming_the_grant_is_its_amount(ex):
    assert figures(ex, "2、补助额度:30万元(一次性)") == [(None, None, 300_000)]


def test_a_rate_that_sets_a_case_apart_is_no_rate_of_its_own(ex):
    text = "2、补助额度:按照4%利率给予贴息(不足4%的按照实际利率给予贴息),上限不超过600万元。"
    assert figures(ex, text) == [(0.04, 6_000_000, None)]


# -------------------------------------------------------------------------- citations


def test_a_measure_named_without_marks_before_its_rules_is_cited():
    assert ("甲市级财政专项资金管理办法", None) in titles("根据甲市级财政专项资金管理办法有关规定,拟安排项目12项。")


def test_a_name_listed_after_a_cited_title_in_a_basis_sentence_is_cited():
    text = ("根据《甲市人民政府关于推动创新的若干意见》(甲政发〔2021〕7号)文件精神和市区工业、服务业企业综合评价办法,"
            "经审核,拟下达奖励。")
    assert titles(text) == [("甲市人民政府关于推动创新的若干意见", "甲政发〔2021〕7号"),
                            ("市区工业、服务业企业综合评价办法", None)]
    assert titles("根据《甲市意见》和乙县配套实施办法,制定本细则。") == [("甲市意见", None), ("乙县配套实施办法", None)]
    # no cue word: a list of work, no basis
    assert titles("会同《甲市意见》起草单位和乙县配套实施办法,开展评估。") == [("甲市意见", None)]


def test_a_plan_standing_as_a_line_of_its_own_is_the_policys_title_not_a_citation():
    text = ("栏目\n甲山省“十三五”科技创新规划\n发布时间:2017年01月03日\n甲山省“十三五”科技创新规划\n"
            "为推动发展,根据《乙规划》,编制本规划。完成甲山省“十三五”科技创新规划的任务。")
    assert titles(text) == [("乙规划", None)]
    assert titles("为推动发展。完成甲山省“十三五”科技创新规划的任务。") == [("甲山省十三五科技创新规划", None)]


def test_a_measure_the_page_reports_as_lately_issued_is_its_own():
    text = ("甲省委、甲省人民政府近日出台《关于加强科技创新的若干意见》(甲发〔2018〕2号,简称“科技20条”)。"
            "其中提出,按照《乙办法》执行。")
    assert titles(text) == [("乙办法", None)]
    assert titles("《甲省数据产业发展方向(2025年版)》(简称政策文件)近期已正式发布。") == []
    # issued long ago: cited
    assert titles("2018年甲省出台《关于加强科技创新的若干意见》。") == [("关于加强科技创新的若干意见", None)]
