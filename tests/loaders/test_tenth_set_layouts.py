"""Incentive numbers in the forms the tenth held-out set showed: a rate stated in a basis clause
of its own (按…的N%) before the clause that grants it with its cap and incentive word but no
grant verb (…,最高N万元补助). Made-up sentences."""

from __future__ import annotations

import pytest

from policykg.loaders.citations import find_citations
from policykg.loaders.departments import DepartmentVocabulary
from policykg.loaders.header_fields import is_page_chrome
from policykg.loaders.responsibility import parse_units
from policykg.loaders.structure import parse_label

from .instrument_figures import numbers
from .test_structure_layouts import clause_labels
from .texts import inline_units, meta, read


@pytest.mark.parametrize("text", [
    "对购置检测设备的企业,按设备实际采购额的20%,最高10万元补助。",
    "对新建中试基地的单位,按其实际投资额的15%,单个单位最高50万元奖励。",
    "对租用算力资源的企业,按照实际支付费用的30%,每年最高20万元资助。",
])
def test_a_rate_in_its_own_basis_clause_belongs_to_the_grant_after_it(ex, text):
    [found] = numbers(ex, text)
    assert found["rate"] in (0.2, 0.15, 0.3) and found["cap_yuan"] in (100_000, 500_000, 200_000)


def test_two_such_sentences_give_two_rated_instruments(ex):
    text = ("对购置检测设备的企业,按设备实际采购额的20%,最高10万元补助。"
            "对建设专用网络的企业,按其实际投资额20%,最高30万元补助。")
    assert numbers(ex, text) == [{"rate": 0.2, "cap_yuan": 100_000}, {"rate": 0.2, "cap_yuan": 300_000}]


def test_a_basis_clause_followed_by_no_grant_is_no_rate(ex):
    # the share is how a budget is split, and nothing after it grants anything
    assert numbers(ex, "项目资金按总投资的20%,由市级财政统筹安排。") == []


# ---------------------------------------------------------------- citations and issuers

def test_a_title_inside_an_attachment_heading_is_cited_not_issued():
    # 附件:《甲报告》任务分解表 attaches a table about the report: the report is a citation
    text = ("为全面完成《年度工作报告》确定的各项任务,现将任务分解表印发给你们,请认真落实。\n"
            "附件:《年度工作报告》任务分解表\n")
    assert {c.title for c in find_citations(text)} == {"年度工作报告"}


def test_a_title_alone_in_an_attachment_heading_is_still_the_policy_itself():
    text = "现将有关事项通知如下,请遵照执行。\n附件:《甲县科技成果转化奖励办法》\n"
    assert find_citations(text) == []


SHORT_ISSUER = ("甲区人民政府办公室关于印发甲区科技创新工作要点的通知\n"
                "各街道办事处,区政府各部门:\n"
                "现将《甲区科技创新工作要点》印发给你们,请认真贯彻执行。\n"
                "{signer}\n"
                "2022年1月30日\n"
                "一、加快科技成果转化。支持企业与高校共建中试平台。\n")


@pytest.mark.parametrize(("signer", "issuer"), [
    ("区人民政府办公室", "江汉区人民政府办公室"),
    ("区政府办", "江汉区人民政府办公室"),
    ("江汉区政府办公室", "江汉区人民政府办公室"),
    ("江汉区人民政府办公室", "江汉区人民政府办公室"),
])
def test_a_government_office_signing_short_gets_its_full_name(pipeline, tmp_path, signer, issuer):
    text = SHORT_ISSUER.replace("甲区", "江汉区").format(signer=signer)
    doc = read(pipeline, tmp_path, text)
    assert doc.region == "江汉区" and doc.issuer == issuer


def test_a_bureau_signing_short_is_kept_as_written(pipeline, tmp_path):
    text = SHORT_ISSUER.replace("甲区", "江汉区").format(signer="区科技局")
    assert read(pipeline, tmp_path, text).issuer == "区科技局"


# ---------------------------------------------------------------- titles

def test_a_row_of_reader_buttons_above_the_title_is_page_furniture():
    assert is_page_chrome("无障碍浏览 长者模式") and is_page_chrome("关怀版  无障碍")
    assert not is_page_chrome("无障碍 环境建设方案")  # one button beside words of a title


def test_a_government_passing_on_a_bureau_plan_issues_that_plan():
    m = meta("甲市人民政府关于批转市科技局甲市科技成果转化专项行动方案的通知\n"
              "(一)建设转化平台。支持高校建设技术转移机构。\n"
              "(二)培育技术经理人。每年培训技术经理人100名。\n")
    assert m["title"] == "甲市科技成果转化专项行动方案"


# ---------------------------------------------------------------- units

def _unit_names(text: str) -> list[str]:
    return [u.name for u in parse_units(text, 0, 0, None)]


def test_a_body_followed_by_its_related_units_is_that_body():
    # 及…相关单位 names further bodies only by kind, as 等…有关部门 does
    assert _unit_names("市司法局、市委编办及市直相关单位,各区人民政府") == ["市司法局", "市委编办", "各区人民政府"]
    assert _unit_names("区科技局及各有关部门") == ["区科技局"]


def test_two_bodies_joined_by_ji_are_kept_when_no_kind_follows():
    assert _unit_names("市科技局及市财政局") in (["市科技局及市财政局"], ["市科技局", "市财政局"])


@pytest.mark.parametrize("deadline", ["6月底完成", "2025年9月底前", "年底前完成", "长期坚持"])
def test_a_deadline_at_the_end_of_a_unit_list_is_no_unit(deadline):
    assert _unit_names(f"市科技局、市财政局,{deadline}") == ["市科技局", "市财政局"]


LONG_LIST = ["市科技局", "市发展改革委", "市经济信息委", "市教委", "市财政局", "市人力社保局", "市商务委",
             "市卫生健康委", "市市场监管局", "市知识产权局", "市金融监管局", "市统计局", "市税务局", "市邮政管理局"]


def test_a_bracketed_list_longer_than_a_running_list_is_read_to_its_bracket():
    text = f"1.推进成果转化,完善转化服务体系。({'、'.join(LONG_LIST)}按职责分工负责)"
    assert len("、".join(LONG_LIST)) > 80
    units = inline_units(text)
    assert [name for name, _ in units] == LONG_LIST and units[0] == ("市科技局", True)


def test_a_long_running_list_without_its_own_bracket_is_not_read():
    text = f"1.推进成果转化,{'、'.join(LONG_LIST)}按职责分工负责。"
    assert [name for name, _ in inline_units(text)] != LONG_LIST


def test_a_food_and_drug_bureau_written_short_is_market_regulation():
    assert DepartmentVocabulary.load().resolve("市食品药品监管局", None)[1] == "market_ip"


def test_a_news_lead_saying_when_a_group_issued_the_policy_dates_and_signs_it():
    m = meta("甲市印发2022年甲市科技成果转化工作要点\n"
              "甲市科技成果转化工作领导小组于2022年7月7日印发《2022年甲市科技成果转化工作要点》。\n"
              "2022年甲市科技成果转化工作要点\n"
              "一、建设转化平台。支持高校建设技术转移机构。\n")
    assert m["title"] == "2022年甲市科技成果转化工作要点"
    assert m["issuer"] == "甲市科技成果转化工作领导小组" and m["date"] == "2022-07-07"


def test_a_signature_joined_to_the_issuing_sentence_dates_the_policy_before_its_page():
    m = meta("甲市人民政府关于印发甲市科技成果转化任务分工方案的通知\n"
              "发布时间:2023年03月24日\n"
              "各区人民政府,市级有关部门:《甲市科技成果转化任务分工方案》已经市政府同意,现印发给你们,"
              "请认真组织实施。甲市人民政府2023年3月23日甲市科技成果转化任务分工方案 一、建设转化平台。\n")
    assert m["date"] == "2023-03-23"


def test_a_meeting_date_after_an_ordinary_sentence_is_no_signature():
    m = meta("甲市科技成果转化工作要点\n发布时间:2023年03月24日\n"
              "各单位要加强协作。甲市人民政府2023年3月1日召开会议部署成果转化工作。\n")
    assert m["date"] == "2023-03-24"


def test_a_reading_page_opening_with_the_notice_it_reads_stands_for_the_policy():
    m = meta("2024年3月28日,甲县人民政府印发了《关于印发<甲县科技成果转化任务分工方案>的通知》"
              "(甲政字〔2024〕5号,以下简称《通知》),现将主要内容解读如下:\n"
              "一、出台背景\n为推动科技成果转化,县政府制定了任务分工方案。\n")
    assert m["title"] == "甲县科技成果转化任务分工方案"
    assert m["doc_number"] == "甲政字〔2024〕5号"
    assert m["issuer"] == "甲县人民政府" and m["date"] == "2024-03-28"


def test_a_news_line_naming_a_notice_without_reading_it_keeps_no_title_from_it():
    m = meta("甲县开展科技活动周\n2024年3月28日,甲县人民政府印发了《关于举办科技活动周的通知》,各单位积极响应。\n"
              "活动期间共举办讲座12场。\n")
    assert m["title"] != "举办科技活动周"


# ---------------------------------------------------------------- clauses

def test_a_part_opening_with_a_year_is_still_a_part():
    text = ("甲市科技局关于印发甲方案的通知\n\n各区:\n\n《甲方案》已经市政府同意,现印发给你们,请认真贯彻执行。\n\n"
            "一、2020年是成果转化攻坚之年,各单位要抓好落实。\n\n二、列第一位的责任单位为牵头单位。\n\n"
            "甲市科技局\n\n2020年5月20日\n")
    assert clause_labels(text) == ["一、", "二、"]


def test_a_cn_label_before_a_bare_number_is_still_no_label():
    assert parse_label("一、2020年是攻坚之年") is not None
    assert parse_label("一、2020") is None and parse_label("一、20项任务") is None


def test_a_quoted_slogan_assigns_no_lead():
    text = "16、健全人才工作机制。形成“党委统一领导,组织部门牵头抓总,有关部门各司其职”的工作格局。"
    assert inline_units(text) == []


def test_a_lead_after_a_closed_quotation_is_still_read():
    text = "16、健全人才工作机制。落实“放管服”要求,由市科技局牵头,市财政局配合。"
    assert inline_units(text)[:1] == [("市科技局", True)]


def test_an_excerpt_opening_on_the_last_item_of_a_part_keeps_that_item():
    text = ("甲市成果转化专项行动实施方案\n\n(六)加强成果转化宣传。\n\n各部门要宣传成果转化的成绩。\n\n"
            "三、工作要求\n\n(一)加强组织领导。\n\n市政府成立领导小组。\n")
    assert clause_labels(text) == ["(六)", "(一)"]


def test_a_notice_list_before_the_first_part_is_not_pulled_into_the_body():
    text = ("甲市成果转化专项行动实施方案\n\n为推进成果转化,制定本方案。\n\n"
            "一、工作目标\n\n(一)建设转化平台。\n\n(二)培育技术经理人。\n")
    assert clause_labels(text) == ["(一)", "(二)"]
