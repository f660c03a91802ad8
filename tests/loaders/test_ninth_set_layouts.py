"""Layouts the ninth held-out set showed, and forms of the same kinds: a notice whose own list
ends at its issuer and date before the document it issues starts its list again; a label line a
page repeats; a first item after a heading and a space, (1) lists inside 1. items; a title run
into its first article; a paywall's cut notice; the share each level of government pays; money
ranges, sums in financial numerals or another currency, caps written after the sum, grades
listed with their sums, terms; a level alone in a list; bracketed lists parted by a comma, with
supporters after the verb or without a label; a document's own conventions for its lists
(逗号前为牵头单位, names written bare); functions of merged and renamed bureaus. Made-up sentences."""

from __future__ import annotations

import pytest

from policykg.loaders.responsibility import parse_units

from .instrument_figures import numbers
from .test_structure_layouts import clause_labels
from .texts import inline_units, read


# ------------------------------------------------- a notice's list and its signature
def test_a_notice_list_ends_at_the_signature_before_the_issued_document_numbers_again():
    text = ("甲县人民政府办公室关于印发甲县科技工作要点的通知\n"
            "各乡镇人民政府,县直各部门:\n现将《甲县科技工作要点》印发给你们,并就有关事项通知如下:\n"
            "一、各单位要制订工作方案,按时报送。\n二、县督查室要跟踪督办。\n"
            "三、每季度末各单位报送进展情况。\n甲县人民政府办公室\n2023年1月3日\n"
            "甲县科技工作要点\n一、主要目标\n(一)研发投入增长10%\n(二)新增高新技术企业20家\n")
    assert clause_labels(text) == ["一、", "二、", "三、", "(一)", "(二)"]



def test_a_label_line_repeated_word_for_word_opens_a_clause_of_its_own():
    text = ("甲区科技奖励政策汇编\n1、甲区研发奖励政策\n对研发投入大的企业给予奖励。\n"
            "2、甲区人才奖励政策\n对引进的博士给予安家补助。\n"
            "2、甲区人才奖励政策\n对引进的博士给予安家补助。\n")
    assert clause_labels(text) == ["1、", "2、", "2、"]
    # a label out of sequence with other words stays text of the item before
    text = ("甲区科技奖励政策汇编\n1、甲区研发奖励政策\n对研发投入大的企业给予奖励。\n"
            "2、甲区人才奖励政策\n对引进的博士给予安家补助。\n2、其他人才按规定执行。\n")
    assert clause_labels(text) == ["1、", "2、"]


def test_a_flattened_text_cuts_a_first_item_after_a_heading_and_a_space_and_the_list_inside_an_item():
    text = ("关于申报甲省技术交易奖补资金的通知\n"
            "一、申报时间 自通知发布之日起至3月24日。 二、资金类别 (一)企业技术交易奖补 "
            "1.申报对象:上年度购买技术成果的省内企业。 2.申报条件: (1)在本省注册,信用良好; "
            "(2)交易双方不存在关联关系; (3)技术合同已登记。\n")
    assert clause_labels(text) == ["一、", "1.", "(1)", "(2)", "(3)"]


@pytest.mark.parametrize("text", [
    "甲县科技奖励办法\n一、奖励对象 本县企业。\n二、奖励标准 对研发投入按1.5%给予奖励。\n",
    "甲县科技奖励办法\n一、奖励对象 本县企业共1.2万家。\n二、奖励标准 给予奖励。\n",
])
def test_a_decimal_after_a_space_opens_no_item(text):
    assert clause_labels(text) == ["一、", "二、"]

# ------------------------------------------------------- each level's share of a grant
@pytest.mark.parametrize("text", [
    "对首次认定的企业,市财政和区财政按照各50%比例给予20-40万元奖励。",
    "对新建的研发中心,省、市财政各承担50%,给予最高100万元补助。",
])
def test_the_share_each_level_of_government_pays_is_no_rate(ex, text):
    assert all("rate" not in found for found in numbers(ex, text))
    assert any("cap_yuan" in found for found in numbers(ex, text))


def test_a_rate_of_the_grant_itself_stays(ex):
    assert numbers(ex, "对新认定的企业,市财政按研发投入的50%给予补助。") == [{"rate": pytest.approx(0.5)}]



@pytest.mark.parametrize("text", [
    "对首次认定的高新技术企业给予30-50万元奖励。",
    "对新建的众创空间给予30万至50万元补助。",
])
def test_a_money_range_is_a_grant_of_up_to_its_top_figure(ex, text):
    assert numbers(ex, text) == [{"cap_yuan": 500_000}]


@pytest.mark.parametrize(("text", "expected"), [
    ("对获得认定的企业,每家奖励人民币伍拾万元整。", [{"amount_yuan": 500_000}]),
    ("给予最高壹佰万圆的补助。", [{"cap_yuan": 1_000_000}]),
    ("对技术经纪人奖励叁万伍仟元。", [{"amount_yuan": 35_000}]),
])
def test_sums_in_financial_numerals_are_read(ex, text, expected):
    assert numbers(ex, text) == expected


def test_financial_numeral_characters_in_words_stay_words():
    from policykg.loaders.quantities import find_quantities
    assert [q.value for q in find_quantities("加强人才队伍建设,陆续给予10万元奖励。")] == [100_000]


@pytest.mark.parametrize(("text", "cap"), [
    ("对认定的孵化器予以100万元以内的资助。", 1_000_000),
    ("对新建的研发中心给予200万元以下补助。", 2_000_000),
    ("对首次认定的企业给予最高额度为50万元的奖励。", 500_000),
])
def test_an_upper_limit_written_after_the_sum_or_as_a_top_amount_is_a_cap(ex, text, cap):
    assert numbers(ex, text) == [{"cap_yuan": cap}]


def test_a_limit_on_who_qualifies_stays_a_condition(ex):
    found = ex.find("对年销售收入500万元以下的企业给予10万元奖励。")
    assert [(i.amount_yuan, i.cap_yuan, i.threshold_yuan) for i in found] == [(100_000, None, 5_000_000)]


@pytest.mark.parametrize("text", [
    "奖励标准为:国家级100万元、省级50万元、市级20万元。",
    "对认定的平台给予奖励,其中国家级100万元、省级50万元、市级20万元。",
])
def test_a_list_of_grades_and_sums_after_a_grant_is_one_amount_each(ex, text):
    assert numbers(ex, text) == [{"amount_yuan": 1_000_000}, {"amount_yuan": 500_000}, {"amount_yuan": 200_000}]


def test_the_bounds_of_a_tier_in_a_list_are_no_amounts(ex):
    text = "对累计金额不超过10万元(含)的部分,按1%给予奖励;高于10万元、不超过100万元(含)的部分,按0.5%给予奖励。"
    assert numbers(ex, text) == [{"rate": pytest.approx(0.01)}, {"rate": pytest.approx(0.005)}]

# ------------------------------------------------------------------- units
def test_a_level_alone_names_no_unit():
    assert [u.name for u in parse_units("区", 0, 0, None)] == []
    assert [u.name for u in parse_units("区发展和改革局、区", 0, 0, None)] == ["区发展和改革局"]
    assert [u.name for u in parse_units("各县、市、区人民政府", 0, 0, None)] == ["各县市区人民政府"]



# ---------------------------------------------------- a document's own conventions
COMMA_LEADS = ("甲省科技创新实施方案\n"
               "1.建设创新平台。布局一批重点实验室。〔责任单位:科技厅,省发展改革委、教育厅(逗号前为牵头单位,下同)〕\n"
               "2.培育科技企业。支持企业加大研发投入。(责任单位:省发展改革委、财政厅、科技厅)\n"
               "3.引进创新人才。支持高校引进人才。(责任单位:教育厅、人力资源社会保障厅,科技厅)\n")


def _units(doc):
    return [[(u.name, u.lead) for p in c.provisions for u in p.units] for c in doc.clauses]


def test_the_separator_a_remark_names_ends_the_leads_of_every_list(pipeline, tmp_path):
    found = _units(read(pipeline, tmp_path, COMMA_LEADS))
    assert found[0] == [("科技厅", True), ("省发展改革委", False), ("教育厅", False)]
    assert [lead for _, lead in found[1]] == [True, True, True]  # no comma: all of them lead
    assert found[2] == [("教育厅", True), ("人力资源社会保障厅", True), ("科技厅", False)]


def test_without_the_remark_the_first_unit_leads(pipeline, tmp_path):
    text = COMMA_LEADS.replace("(逗号前为牵头单位,下同)", "")
    assert [lead for _, lead in _units(read(pipeline, tmp_path, text))[1]] == [True, False, False]


def test_a_document_that_names_a_list_head_bare_keeps_every_name_as_written(pipeline, tmp_path):
    found = _units(read(pipeline, tmp_path, COMMA_LEADS))
    assert [name for name, _ in found[1]] == ["省发展改革委", "财政厅", "科技厅"]
    # a document whose heads carry their level shares it with the bare names after them: the
    # names stay as written, the bodies they resolve to are that level's
    text = COMMA_LEADS.replace("责任单位:科技厅,", "责任单位:省科技厅,").replace("责任单位:教育厅", "责任单位:省教育厅")
    doc = read(pipeline, tmp_path, text)
    assert [name for name, _ in _units(doc)[1]] == ["省发展改革委", "财政厅", "科技厅"]
    assert [u.canonical for p in doc.clauses[1].provisions for u in p.units][1:] == ["省财政厅", "省科学技术厅"]


@pytest.mark.parametrize(("name", "function"), [
    ("区科技和经信局", "science_tech"),  # a merged bureau takes the function named first
    ("市疫情防控指挥部办公室", "health"),
    ("州林草局", "natural_resources"),  # forestry and grassland sit with natural resources
    ("市林业和草原局", "natural_resources"),
    ("区经信局", "industry_it"),
    ("相关县市区", "local_government"),  # the governments of the places concerned
    ("有关县区", "local_government"),
])
def test_the_function_of_a_department_by_its_name(name, function):
    from policykg.loaders.departments import DepartmentVocabulary
    assert DepartmentVocabulary.load().resolve(name, None)[1] == function


def test_a_merged_bureau_is_named_in_full_without_a_second_conjunction():
    from policykg.loaders.departments import DepartmentVocabulary
    assert DepartmentVocabulary.load().resolve("区科技和经信局", None)[0] == "区科技和经济信息化局"


def test_a_paywall_cut_notice_ends_the_text_and_leaves_its_article_empty():
    text = ("甲市孵化器房租补贴实施细则\n第一条\n为降低创业成本,制定本细则。\n第二条\n本细则适用于市级孵化器。\n"
            "第三条\n按每平方米每天1元的标准给予补贴。\n第四条\n(未完,全文共1141字,当前显示346字)\n"
            "(请认真阅读下面的提示信息)\n温馨提示\n")
    assert clause_labels(text) == ["第一条", "第二条", "第三条"]


@pytest.mark.parametrize("verb", ["按职责分工负责", "负责"])
def test_a_bracketed_list_parted_by_a_comma_before_its_verb_is_one_list(verb):
    text = f"(九)推进成果转化。(市科技局、市财政局,各区人民政府{verb})"
    assert inline_units(text) == [("市科技局", True), ("市财政局", False), ("各区人民政府", False)]


def test_a_list_after_a_comma_in_running_text_stays_alone():
    text = "(九)推进成果转化,市科技局做好服务,各区人民政府按职责分工负责。"
    assert inline_units(text) == [("各区人民政府", True)]


def test_a_bracketed_verb_with_its_supporting_bodies_after_it():
    text = "(三)推进成果转化。(市科技局、市财政局负责,各区人民政府配合)"
    assert inline_units(text) == [("市科技局", True), ("市财政局", False), ("各区人民政府", False)]


def test_a_lead_and_its_supporting_bodies_parted_by_a_semicolon_in_one_bracket():
    text = "(九)推进成果转化。(市科技局牵头;市财政局、市教育局配合)"
    assert inline_units(text) == [("市科技局", True), ("市财政局", False), ("市教育局", False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("(一)加快建设产业基地。(市经贸委、市发改委)", [("市经贸委", True), ("市发改委", False)]),
    ("1.推进项目落地。(市发展改革委、市科技局,各区人民政府)\n",
     [("市发展改革委", True), ("市科技局", False), ("各区人民政府", False)]),
])
def test_an_unlabelled_bracket_of_bodies_closing_a_task_names_its_units(text, expected):
    assert inline_units(text) == expected


@pytest.mark.parametrize("text", [
    "(二)支持企业创新。(此件公开发布)",
    "(三)支持企业创新。(各有关部门)",
    "(五)支持企业创新。(2024年底前)",
    "(六)支持市科技局(以下简称科技局)建设平台。",
    "(七)支持企业创新。(市科技局、市财政局)对认定的企业给予奖励。",
])
def test_other_brackets_name_no_units(text):
    assert inline_units(text) == []


def test_a_title_run_into_its_first_article_is_cut_before_it():
    text = ("甲市科技奖励办法第一条为促进科技成果转化,制定本办法。第二条本办法适用于本市企业。"
            "第三条对认定的企业给予10万元奖励。\n")
    assert clause_labels(text) == ["第一条", "第二条", "第三条"]


def test_a_first_article_after_a_title_without_a_second_stays_text():
    # a run of snippets with one article only: nothing shows the articles go on
    text = "甲市科技奖励办法第一条为促进科技成果转化,制定本办法,对认定的企业给予10万元奖励。\n"
    assert clause_labels(text) == []


def test_a_supporting_label_built_on_a_responsible_one_is_a_label():
    text = "(四)推进成果转化。(主要责任单位:市科技局;协同责任单位:市财政局)"
    assert inline_units(text) == [("市科技局", True), ("市财政局", False)]


def test_another_field_after_the_list_is_no_unit():
    text = "(八)推进成果转化。\n责任单位:市科技局;时间:2024年底\n"
    assert inline_units(text) == [("市科技局", True)]


@pytest.mark.parametrize("text", [
    "给予最长3年、每年最高100万元的运营补贴。",
    "运营补贴期限最长不超过3年,每年最高100万元。",
])
def test_the_longest_term_of_a_grant_is_its_duration(ex, text):
    (found,) = ex.find(text)
    assert (found.cap_yuan, found.duration_years) == (1_000_000, 3)


def test_an_age_over_some_years_is_no_duration(ex):
    (found,) = ex.find("对成立超过5年的企业给予10万元奖励。")
    assert (found.amount_yuan, found.duration_years) == (100_000, None)


@pytest.mark.parametrize("text", ["给予100万美元资助。", "给予50万港元奖励。", "给予20万欧元补助。"])
def test_a_sum_in_another_currency_is_no_amount_in_yuan(ex, text):
    assert numbers(ex, text) == []


@pytest.mark.parametrize("mark", ["*", "★", "※"])
def test_a_mark_after_a_unit_name_makes_it_the_lead(mark):
    text = f"(一)推进成果转化。(责任单位:市财政局、市科技局{mark}、市教育局)"
    assert inline_units(text) == [("市财政局", False), ("市科技局", True), ("市教育局", False)]
