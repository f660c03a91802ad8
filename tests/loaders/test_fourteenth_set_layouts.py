"""Layouts the twelfth and thirteenth held-out sets showed: reports that retell a measure
(a reposted item naming its original headline, a credit line, a lead telling on which day a
body issued it), an excerpt headed by a field's name, a notice naming the projects approved,
and more. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.structure import reports_on_a_measure

from .test_structure import tree_of
from .test_structure_layouts import clause_labels
from .texts import inline_units, read

# ---------------------------------------------------------------- reports on a measure


def test_a_reposted_item_naming_its_original_headline_is_a_news_item():
    text = ("原标题:甲市推进专利质押融资\n"
            "近年来,甲市分行围绕科技金融精准施策,推动专利从无形资产转化为发展资本。\n"
            "甲市分行联合市场监管局印发《关于开展专利质押融资的通知》,对质押贷款企业实施最高30%的贴息补助。\n")
    assert reports_on_a_measure(text, [])
    assert not reports_on_a_measure("甲市推进专利质押融资。原标题所列事项另行通知。\n", [])


def test_a_contributor_credit_line_marks_a_news_item(pipeline, tmp_path):
    text = ("乙县大力推进科技创新\n发布机构:乙县财政局\n"
            "二是强化专项扶持。安排300万元创新专项资金,支持企业开展科技创新。\n"
            "三是加大奖补力度。凡首次被认定为高新技术企业的,给予最高20万元的奖励。\n"
            "(甲某 乙某)\n( 供稿人:\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.clauses == []


def test_a_report_telling_on_which_day_a_measure_was_issued_retells_it():
    text = ("丙省布局中试平台\n"
            "中试是科技成果产业化的关键环节,丙省出新招,强化制造业中试能力支撑。\n"
            "6月8日,丙省工业和信息化厅网站发布《丙省中试发展实施方案》(以下简称“方案”),提出布局建设中试平台。\n"
            "方案提出,到2030年,打造8家左右省级中试平台。\n")
    assert clause_labels(text) == []


def test_a_policy_without_numbers_keeps_its_paragraphs_as_provisions():
    # the day a measure was issued told further down, in its own provisions, is no report's lead
    text = ("丁县科技奖励办法\n"
            "对首次认定的高新技术企业,给予一次性奖励10万元。\n"
            "对新建的省级研发平台,给予补助20万元。\n")
    assert clause_labels(text) == [None, None]


# ---------------------------------------------------------------- titles that head no provisions


def test_an_excerpt_headed_by_a_field_name_has_no_provisions():
    text = ("申报条件\n"
            "申请示范机构奖励的单位,须为年度内被认定为示范机构的单位;\n"
            "申请年度考核奖励的单位,须为年度考核为良好的单位。\n")
    assert clause_labels(text) == []


def test_a_notice_naming_the_projects_approved_has_no_provisions():
    text = ("关于2030年度甲区产学研合作项目立项的通知\n"
            "各镇人民政府,各有关企业:\n"
            "根据《甲区鼓励科技创新若干政策》的有关要求,经公开申报、专家评审和公示,确定乙产品开发等9个项目"
            "为2030年度甲区产学研合作项目。\n"
            "特此通知。\n")
    assert clause_labels(text) == []


# ---------------------------------------------------------------- lists numbered twice, lists under lead-ins


def test_a_number_repeated_on_a_heading_of_its_own_opens_the_next_item():
    text = ("甲市高企奖励标准\n一、认定奖励\n首次认定的高新技术企业,给予20万元奖励\n"
            "二、规上奖励\n首次入库的高新技术企业额外奖励10万元\n"
            "二、研发投入奖励\n研发费用达到1亿元以上的,额外奖励70万元\n")
    assert clause_labels(text) == ["一、", "二、", "二、"]


def test_a_repeated_number_on_a_sentence_stays_text_of_the_item_before():
    text = ("甲市高企奖励标准\n一、认定奖励\n首次认定的企业,给予20万元奖励\n"
            "二、规上奖励\n首次入库的企业额外奖励10万元\n二、其他奖励按规定执行。\n")
    assert clause_labels(text) == ["一、", "二、"]


def test_a_list_under_a_lead_in_of_its_own_opens_beside_the_list_before():
    text = ("申报条件:\n1、符合项目申报基本条件\n2、企业已建立研发机构\n3、其他条件另行公布\n"
            "资助标准:\n1、单个企业年度补贴不超过300万元。\n2、按企业研发投入总量的比例确定补贴。\n")
    _, tree = tree_of(text)
    top = [n.label for n in tree.children if n.label]
    assert top == ["1、", "2、", "3、", "1、", "2、"]
    assert clause_labels(text) == ["1、", "2、", "3、", "1、", "2、"]


def test_a_list_announced_by_a_line_of_its_parent_item_still_nests_in_it():
    text = ("申报条件:\n1、符合申报基本条件\n2、满足以下条件之一:\n1、年营业收入达到500万元;\n"
            "2、拥有发明专利。\n")
    _, tree = tree_of(text)
    assert [n.label for n in tree.children if n.label] == ["1、", "2、"]


# ---------------------------------------------------------------- caps


def test_a_cap_reached_up_to_limits_the_grant():
    doc_ins = InstrumentExtractor().find("对认定的平台给予奖励,最高达到50万元。")
    assert [(i.amount_yuan, i.cap_yuan) for i in doc_ins] == [(None, 500_000)]


def test_a_cap_on_the_grants_above_is_an_instrument_of_its_own():
    found = InstrumentExtractor().find(
        "研发费用在1000万元到1亿元之间的,额外奖励30万元;研发费用达到1亿元以上的,额外奖励60万元,"
        "以上奖励最高达到80万元")
    assert [(i.amount_yuan, i.cap_yuan) for i in found] == [(300_000, None), (600_000, None), (None, 800_000)]


# ---------------------------------------------------------------- responsible units


def test_a_farm_technology_station_leading_a_task_is_responsible():
    assert inline_units("5月21日由乙乡农技站牵头组织各村农户代表参观示范田。") == [("乙乡农技站", True)]


def test_bodies_managing_a_fund_each_by_their_duties_are_responsible():
    text = "专项资金由市市场监督管理局(知识产权局)、市财政局和区市相关管理部门按照各自的职能职责共同管理和监督。"
    assert inline_units(text) == [("市市场监督管理局", True), ("市财政局", False)]


def test_bodies_named_only_by_the_kind_of_their_work_after_named_ones_are_no_units():
    assert inline_units("(责任单位:市科技局、市财政局和区县有关主管部门)") == [("市科技局", True), ("市财政局", False)]
    assert inline_units("(责任单位:有关主管部门)") == [("有关主管部门", True)]


def test_a_worked_example_grants_nothing():
    found = InstrumentExtractor().find("对成果完成人给予奖励,奖励比例为净收入的70%。\n"
                                       "示例:某研究员获8万元现金奖励,按税率20%计算,应纳税额1.6万元。")
    assert [(i.rate, i.amount_yuan) for i in found] == [(0.7, None)]


def test_a_card_of_sums_headed_by_a_sentence_s_last_clause_grants_each_sum():
    found = InstrumentExtractor().find("设立“甲学者支持计划”,资助期限为三年,资助额度为:理工类40万元,人文类20万元。")
    assert [i.amount_yuan for i in found] == [400_000, 200_000]


def test_a_sum_an_investment_is_to_exceed_is_a_target_not_a_grant():
    found = InstrumentExtractor().find("指导出资企业利用基金工具全年实现投资额度超6亿元。")
    assert all(i.amount_yuan is None and i.cap_yuan is None for i in found)


def test_a_limit_on_the_sum_of_grants_after_an_amount_is_an_instrument_of_its_own():
    found = InstrumentExtractor().find("对获得境外授权的企业,按每件发明专利给予3万元奖补,"
                                       "同一专利在不同国家累计获得奖补不超过5万元。")
    assert [(i.amount_yuan, i.cap_yuan) for i in found] == [(30_000, None), (None, 50_000)]


def test_a_matching_ratio_right_after_the_grant_verb_is_no_rate():
    found = InstrumentExtractor().find("对新引进的甲类人才给予1:1配套奖励,最高不超过80万元;"
                                       "对新引进的乙类人才给予1:0.5配套奖励,最高不超过40万元。")
    assert [(i.rate, i.cap_yuan) for i in found] == [(None, 800_000), (None, 400_000)]
    # a ratio of a basis the clause names is the grant's rate
    found = InstrumentExtractor().find("对获得省级奖励的单位,按省级奖金1:0.5的比例给予配套奖励。")
    assert [i.rate for i in found] == [0.5]
