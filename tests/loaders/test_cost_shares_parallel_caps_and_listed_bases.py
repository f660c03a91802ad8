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


def test_caps_listed_in_the_clause_after_one_rate_each_take_it(ex):
    text = "对已认定的甲级、乙级设计中心,按照不超过核定总投入的40%给予支持,最高分别不超过600万元和200万元。"
    assert figures(ex, text) == [(0.4, 6_000_000, None), (0.4, 2_000_000, None)]


def test_the_part_of_award_funds_paid_later_is_no_rate(ex):
    text = "按实际投资额的10%给予最高2000万元补贴,其中奖补资金50%待企业达产后兑现。"
    assert figures(ex, text) == [(0.1, 20_000_000, None)]


def test_titles_drafted_already_are_cited_those_to_be_drafted_not():
    text = "甲区先后指导有关部门研究制定《甲区科技创新券管理办法》、《乙方案》等一系列政策。"
    assert titles(text) == [("甲区科技创新券管理办法", None), ("乙方案", None)]
    assert titles("下一步,研究制定《甲区科技创新券管理办法》。") == []


def test_the_plans_of_two_places_named_together_are_no_one_citation():
    text = "为此,根据甲山市及乙水区国民经济和社会发展“十二五”规划、甲山市科技“十二五”发展规划,结合我区实际,编制本规划。"
    assert titles(text) == [("甲山市科技十二五发展规划", None)]


def test_a_title_a_cited_notice_issues_under_a_number_cited_before_is_that_document_again():
    text = ("为落实《甲省县域科技跃升计划奖励资金实施细则》(甲科区〔2023〕1号),乙县制定了办法。"
            "依据甲省科技厅关于印发《甲省县域跃升计划 奖励资金实施细则》的通知(甲科区〔2023〕1号),结合实际。")
    assert [t for t in titles(text) if t[0] != t[1]] == [("甲省县域科技跃升计划奖励资金实施细则", "甲科区〔2023〕1号")]
    # the notice's number carried by no title: the document it issues is cited besides the number
    text = "依据:甲省财政厅关于印发《中小微企业发展专项资金管理办法》的通知(甲财建〔2018〕113号)"
    assert titles(text) == [("中小微企业发展专项资金管理办法", None), ("甲财建〔2018〕113号", "甲财建〔2018〕113号")]


def test_caps_listed_for_cases_after_one_rate_each_take_it(ex):
    text = "对专利权人维权诉讼费,按20%的比例给予一次性维权费用补助,补助额度国内最高不超过3万元、涉外维权最高不超过12万元。"
    assert figures(ex, text) == [(0.2, 30_000, None), (0.2, 120_000, None)]
    # a total listed after the cap limits the same grant
    assert figures(ex, "按30%给予补助,最高100万元、累计最高300万元。") == [(0.3, 1_000_000, None)]


def test_the_step_rates_of_a_grant_whose_ratio_was_left_open_each_take_its_cap(ex):
    text = ("对首台(套)产品销售额在100万元(含)以上的,按实际销售额给予一定比例的一次性奖励,最高400万元。"
            "其中,销售额在100万元(含)至500万元(含)的按不超过8%计算,500万元至2000万元(含)的部分按不超过6%计算,"
            "超过2000万元的部分按不超过3%计算。")
    assert figures(ex, text) == [(0.08, 4_000_000, None), (0.06, 4_000_000, None), (0.03, 4_000_000, None)]


def test_a_short_line_ending_in_de_runs_on_into_the_next(ex):
    text = ("对企业的固定资产投资项目,给予固定资产投\n资中设备投资、软件和信息化投资 20% 以内的\n"
            "扶持,单个项目最高扶持 300 万元。")
    assert figures(ex, text) == [(0.2, 3_000_000, None)]


def test_the_share_of_a_spending_item_and_a_yearly_budget_are_no_incentives(ex):
    assert figures(ex, "科研项目劳务费比例提高到资助经费总额扣除设备费后的30%,其中甲类项目劳务费最高可达60%;") == []
    assert figures(ex, "41.每年安排10万元额度用于支持开展各类电商培训。") == []


def test_a_capped_rate_of_a_basis_after_the_grants_standard_is_its_rate(ex):
    text = ("奖励方式为事后直接资助,资助标准根据不同的级别和领域有所差异,一般不超过甲类装备产品销售额(不含税)的30%,"
            "单个企业可申报资助金额不超过1000万元。")
    assert figures(ex, text) == [(0.3, 10_000_000, None)]
    # no standard named before: a limit of something else
    assert figures(ex, "项目应按期完成,一般不超过总投资的30%。") == []


def test_the_cue_words_of_a_lately_issued_measure_come_from_the_data_file(monkeypatch):
    from policykg.loaders import citations

    text = "甲省人民政府前不久出台《关于支持乙产业的若干措施》。其中提出,按照《丙办法》执行。"
    assert titles(text) == [("关于支持乙产业的若干措施", None), ("丙办法", None)]
    conf = dict(citations._document_types())
    reported = dict(conf["reported_issue"])
    reported["cue_words"] = [*reported["cue_words"], "前不久"]
    reported["before"] = reported["before"].replace("(?:近日|", "(?:前不久|近日|")
    conf["reported_issue"] = reported
    monkeypatch.setattr(citations, "_document_types", lambda: conf)
    citations._reported_issue.cache_clear()
    try:
        assert titles(text) == [("丙办法", None)]
    finally:
        monkeypatch.undo()
        citations._reported_issue.cache_clear()
