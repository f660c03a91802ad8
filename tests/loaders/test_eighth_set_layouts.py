"""Incentive numbers in the forms the eighth held-out set showed: caps shared by tiers and by a
base award with its steps, cap lists closed by 和, a rate and a cap joined by 、, a matching ratio
cut off by the excerpt, caps of grades, yearly and cumulative caps, figures that are no
incentive (rent standards per square metre, cost splits, budget shares); item labels before a
year; lead-ins that are no provision (a line before item 2., the top cap of grades listed below).
Made-up sentences."""

from __future__ import annotations

import pytest

from policykg.loaders.quantities import find_quantities
from policykg.loaders.structure import parse_label

from .instrument_figures import numbers
from .test_structure_layouts import clause_labels
from .texts import read


# ------------------------------------------------------------------ cap lists
@pytest.mark.parametrize("joint", ["和", "及", "或", "以及"])
def test_a_cap_word_covers_a_list_closed_by_a_conjunction(ex, joint):
    text = f"按评定等次分别给予不超过200万元、120万元{joint}60万元的建设补助。"
    assert numbers(ex, text) == [{"cap_yuan": 2_000_000}, {"cap_yuan": 1_200_000}, {"cap_yuan": 600_000}]
    last = find_quantities(text)[-1]
    assert (last.value, last.qualifier) == (600_000, "max")


def test_a_floor_word_covers_a_list_closed_by_a_conjunction():
    found = find_quantities("奖励比例分别不低于40%和25%")
    assert [(q.value, q.qualifier) for q in found] == [(0.4, "min"), (0.25, "min")]


# ------------------------------------------------------- a rate and its cap
@pytest.mark.parametrize("text", [
    "对重点项目给予设备投入(不含上级补助)30%、不超过300万元的补助。",
    "一次性给予承担单位所获支持经费的5%、不高于8万元的配套资金。",
])
def test_a_rate_and_a_cap_joined_by_a_list_mark_are_one_instrument(ex, text):
    (found,) = numbers(ex, text)
    assert found.keys() == {"rate", "cap_yuan"}


def test_a_cap_before_a_part_stays_a_condition(ex):
    text = "对年交易额不超过50万元(含)的部分,按交易额的2%给予奖励。"
    assert numbers(ex, text) == [{"rate": pytest.approx(0.02)}]
    assert numbers(ex, "对不超过50万元的部分奖励5%。") == [{"rate": pytest.approx(0.05)}]


# ------------------------------------------------------------ shared caps
def test_tiered_rates_share_a_yearly_cap_stated_in_a_sentence_of_its_own(ex):
    text = ("对年度成交额不超过20万元(含)的部分,按成交额的2%给予奖励;高于20万元的部分,按1%给予奖励。"
            "每个单位每年累计奖励金额不超过8万元。")
    assert numbers(ex, text) == [{"rate": pytest.approx(0.02), "cap_yuan": 80_000},
                                 {"rate": pytest.approx(0.01), "cap_yuan": 80_000}]


def test_a_base_award_and_its_steps_share_a_yearly_cap(ex):
    text = ("年度登记额达到3亿元的,给予运行补助5万元;每增加1亿元再补助经费2万元,单个机构每年最高补助15万元。")
    assert numbers(ex, text) == [{"amount_yuan": 50_000, "cap_yuan": 150_000},
                                 {"amount_yuan": 20_000, "cap_yuan": 150_000}]
    text = "登记额达到8亿元的,给予30万元基础奖励,超出部分按0.4‰给予奖励,单个机构每年奖励金额最高90万元。"
    assert numbers(ex, text) == [{"amount_yuan": 300_000, "cap_yuan": 900_000},
                                 {"rate": pytest.approx(0.0004), "cap_yuan": 900_000}]


def test_a_top_up_stated_apart_from_the_cap_has_none(ex):
    text = ("给予10万元基础奖励,超出部分按0.5‰给予奖励,单个机构每年最高50万元。"
            "对登记额增长较快的机构,另给予增长额万分之二的奖励。")
    assert numbers(ex, text)[-1] == {"rate": pytest.approx(0.0002)}


def test_a_cap_for_another_case_in_a_sentence_of_its_own_is_its_own_instrument(ex):
    text = "对省级平台给予30万元奖励。对国家级平台每年最高奖励100万元。"
    assert numbers(ex, text) == [{"amount_yuan": 300_000}, {"cap_yuan": 1_000_000}]


# --------------------------------------------------------- matching ratios
def test_a_matching_ratio_cut_off_by_the_excerpt_is_a_rate(ex):
    assert numbers(ex, "新认定的市级创新中心按上级财政补助资金1:1 ") == [{"rate": 1.0}]
    assert numbers(ex, "新认定的市级创新中心按上级财政补助资金1:0.5") == [{"rate": 0.5}]


def test_a_time_at_the_end_of_a_text_is_no_ratio():
    assert find_quantities("报名截止时间为当日下午5:30") == []


# ------------------------------------------------ caps for another grade
def test_caps_of_grades_in_clauses_of_their_own_are_instruments_of_their_own(ex):
    text = "领军人才A类最高补助150万元,B类最高补助100万元,C类最高补助60万元。"
    assert numbers(ex, text) == [{"cap_yuan": 1_500_000}, {"cap_yuan": 1_000_000}, {"cap_yuan": 600_000}]
    text = "获一等奖的最高奖励50万元,二等奖最高奖励30万元。"
    assert numbers(ex, text) == [{"cap_yuan": 500_000}, {"cap_yuan": 300_000}]


def test_a_yearly_cap_and_a_cumulative_cap_are_two_instruments(ex):
    text = "单个企业本年度获得贴息资助不超过80万元,累计获得贴息资助总额不超过200万元。"
    found = ex.find(text)
    assert [(i.cap_yuan, i.scope) for i in found if i.cap_yuan] == [
        (800_000, "per_entity_per_year"), (2_000_000, "total")]


def test_a_second_limit_without_a_year_stays_with_its_cap(ex):
    (found,) = [i for i in ex.find("对企业给予最高50万元补助,累计补助总额不超过100万元。") if i.cap_yuan]
    assert found.cap_yuan == 500_000 and [c["yuan"] for c in found.caps] == [500_000, 1_000_000]


# ------------------------------------------------------------ not incentives
@pytest.mark.parametrize("text", [
    "对入驻孵化器的企业,给予实际租用办公用房房租40%,每月每平方米最高25元资助。",
    "对入驻孵化器的企业,给予实际租用办公用房房租40%,每平方米每月补贴不超过25元。",
])
def test_a_standard_per_square_metre_is_no_cap(ex, text):
    assert numbers(ex, text) == [{"rate": pytest.approx(0.4)}]


def test_a_rent_standard_per_square_metre_is_no_amount(ex):
    text = "给予1000平方米以内、不超过2年、每月每平方米40元且不超过实际缴纳租金的场租补贴。"
    assert numbers(ex, text) == []


@pytest.mark.parametrize("text", [
    "对新建的省级重点实验室,市、区按1:1比例最高按建设投入的15%给予补助。",
    "对新建的省级重点实验室,市区两级财政按1:1比例最高按建设投入的15%给予补助。",
])
def test_a_cost_split_between_two_levels_of_government_is_no_rate(ex, text):
    assert numbers(ex, text) == [{"rate": pytest.approx(0.15)}]


def test_a_cost_split_before_sharing_words_is_no_rate(ex):
    assert numbers(ex, "所需经费由市、县按1:2比例承担,对企业给予最高50万元补助。") == [{"cap_yuan": 500_000}]
    assert numbers(ex, "所需资金由两级财政按1:1比例分担。") == []


def test_a_matching_ratio_stays_a_rate(ex):
    assert numbers(ex, "对获得省级奖励的单位,按省级奖金1:1的比例给予配套奖励。") == [{"rate": 1.0}]


def test_a_share_of_a_budget_is_no_incentive(ex):
    assert numbers(ex, "市级财政投入产学研合作的资金不低于市级科技专项资金的30%。") == []
    text = "对入选项目按市级专项资金的20%给予配套补助。"
    assert numbers(ex, text) == [{"rate": pytest.approx(0.2)}]


# ----------------------------------------------------------- compensation
def test_compensation_of_an_investment_loss_is_a_capped_rate(ex):
    text = "对天使投资失败项目,按实际投资损失的25%给予投资机构补偿,单个项目最高补偿60万元。"
    (found,) = [i for i in ex.find(text) if i.rate is not None]
    assert (found.type, found.rate, found.cap_yuan) == ("loss_compensation", pytest.approx(0.25), 600_000)


# ------------------------------------------------------------ item labels
def test_an_item_label_before_a_year_opens_the_item():
    text = ("关于开展技术转移奖励的通知\n各有关单位:\n现将有关事项通知如下:\n一、奖励对象\n"
            "1.2023年度经认定登记技术合同的卖方企业;\n2.本区经授权的技术合同登记机构。\n"
            "二、奖励标准\n对登记机构给予工作补助2万元。\n")
    assert clause_labels(text) == ["1.", "2.", "二、"]
    label = parse_label("1.2023年度经认定的企业")
    assert label is not None and (label.style, label.number) == ("ar_dot", 1)


@pytest.mark.parametrize("line", ["1.5倍以上的部分", "3.2020万元", "1.20年"])
def test_a_decimal_is_no_label(line):
    assert parse_label(line) is None


# ------------------------------------------------ lead-ins that are no provision


def test_a_line_before_item_two_is_no_provision_though_it_grants(pipeline, tmp_path):
    text = ("某区科技创新扶持规定\n为鼓励企业创新,制定本规定。\n一、支持企业研发\n"
            "对新认定的研发中心,给予8万元奖励。\n2.对新认定的创新型企业,给予6万元奖励。\n"
            "3.对新认定的专精特新企业,给予4万元奖励。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["2.", "3."]


def test_a_lead_in_stating_the_top_cap_of_the_grades_below_is_no_provision(pipeline, tmp_path):
    text = ("某区青年人才创业补贴\n一、补贴标准\n对来本区创业的青年人才给予最高150万元的创业补贴。\n"
            "各类人才补贴标准如下:\n1.领军人才最高补贴150万元;\n2.骨干人才最高补贴90万元;\n"
            "3.青年人才最高补贴40万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["1.", "2.", "3."]
    caps = [i.cap_yuan for c in doc.clauses for p in c.provisions for i in p.instruments if i.cap_yuan]
    assert caps == [1_500_000, 900_000, 400_000]


def test_a_lead_in_with_an_incentive_of_its_own_stays_a_provision(pipeline, tmp_path):
    text = ("某区青年人才创业补贴\n一、补贴标准\n对来本区创业的青年人才给予最高200万元的创业补贴。\n"
            "1.领军人才最高补贴150万元;\n2.骨干人才最高补贴90万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == [None, "1.", "2."]


def test_a_list_of_attached_files_is_no_clause(pipeline, tmp_path):
    text = ("各区科技主管部门:\n现将本年度技术转移补助资金申报工作通知如下:\n"
            "请各区于6月30日前将申报材料(要求见附件1)和汇总表(附件2)报送市科学技术局。\n"
            "联系电话:0000-12345678\n附件:\n1.技术转移补助资金申报材料要求.doc\n"
            "2.技术转移补助项目汇总表.xlsx\n某市科学技术局\n2024年3月1日\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses if c.label] == []
