"""Layouts the twelfth and thirteenth held-out sets showed: reports that retell a measure
(a reposted item naming its original headline, a credit line, a lead telling on which day a
body issued it), an excerpt headed by a field's name, a notice naming the projects approved,
and more. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.structure import reports_on_a_measure

from .test_structure_layouts import clause_labels
from .texts import read

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
