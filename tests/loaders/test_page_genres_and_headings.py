"""Layouts found among the misses of the twentieth round of real documents: pages that are not
a policy's own text (news items telling that a place issued a measure lately, a press
conference's page, publicity notices), a site's headings and columns around a title, a policy
card's fields under its heading, a short list of conditions inside one item, a development zone
named in a title, a text speaking for a city or district it never names."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.metadata import _zone_region
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.structure import commends, reports_on_a_measure

from .texts import meta, read


def _instruments(doc: object) -> list[object]:
    return [i for c in doc.clauses for p in c.provisions for i in p.instruments]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- news items on a measure issued lately


def test_a_place_said_to_have_issued_a_measure_lately_makes_a_news_item(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲省近三年将建设12个重点平台\n\n03.04.2017  09:15\n\n"
            "  甲省近日出台《关于以创新为引领推动乙产业发展的决定》,提出近三年间将组织实施平台建设工程等12项工程。\n"
            "  决定提出,到2020年,全社会研发经费支出占比达到2.5%以上,建设省级重点实验室30家。\n"
            "  为激发创新活力,决定在人才引进、经费管理等方面作了进一步放活。(丙丁)\n")
    assert reports_on_a_measure(text, [])
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "关于以创新为引领推动乙产业发展的决定"  # the measure the lead names, the kind called back
    assert doc.clauses == []


def test_a_lead_opening_on_lately_then_the_place_names_the_measure(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("乙区奖励科技创新 最高可获得80万元奖励\n发布时间:2018-05-20 来源:甲日报\n"
            "最近,乙区出台《乙区科技创新奖励实施办法》。当年取得科技创新成果的企业最高可获得80万元奖励。\n"
            "该办法旨在进一步增强科技创新支撑作用,设立了科技项目奖励等四类奖项,奖励金额从2000元到80万元不等。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "乙区科技创新奖励实施办法"  # named again as 该办法
    assert doc.clauses == [] and _instruments(doc) == []


def test_a_measure_named_but_never_called_back_by_its_kind_titles_nothing() -> None:
    text = ("甲市近期工作动态\n发布时间:2018-05-20 来源:甲日报\n"
            "最近,乙区出台《乙区科技创新奖励实施办法》。当年取得科技创新成果的企业最高可获得80万元奖励。\n")
    assert meta(text)["title"] != "乙区科技创新奖励实施办法"


def test_a_press_conference_page_takes_the_measure_issued_with_its_number(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("时间:2018-02-03\n嘉宾:甲省政府副秘书长丙某;甲省科技厅副厅长丁某。\n"
            "内容: 中共甲省委、甲省人民政府近日出台《关于加强科技创新引领乙产业发展的若干意见》(甲发〔2017〕16号,"
            "简称“科技创新16条”)。2月3日,省政府新闻办召开新闻发布会,解读文件的主要内容。\n"
            "为深入贯彻落实创新驱动发展战略,中共甲省委、甲省人民政府近日出台了《关于加强科技创新引领乙产业发展的若干意见》。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "关于加强科技创新引领乙产业发展的若干意见"
    assert doc.doc_number == "甲发〔2017〕16号"
    assert doc.clauses == []


# ---------------------------------------------------------------- publicity notices


def test_a_publicity_notice_is_titled_over_two_lines_and_grants_nothing(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("关于2021年度甲市区高新技术企业\n先期拟兑付奖励资金的公示\n乙区科技局、丙区科技局:\n"
            "根据《甲市人民政府关于推动创新型城市建设的若干政策意见》(甲政发〔2020〕3号)文件精神,经审核,"
            "拟下达2021年甲市区高新技术企业奖励(先期兑付70%),总金额4210万元,其中市财政资金1525.5万元。\n"
            "以上资金接受社会监督,公示期为自公示之日起5个工作日。任何单位和个人有异议的,应当在公示期内书面提出。\n"
            "联系人:丁某\n甲市科学技术局\n2022年6月30日\n")
    assert commends("关于2021年度甲市区高新技术企业先期拟兑付奖励资金的公示")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "关于2021年度甲市区高新技术企业先期拟兑付奖励资金的公示"
    assert doc.clauses == [] and _instruments(doc) == []


# ---------------------------------------------------------------- headings around a title


def test_a_sites_generic_heading_is_no_title() -> None:
    text = "企业奖励补助政策\n\n甲区政府网站 发布时间:2019-07-04 16:04:17\n企业奖励补助政策\n一、新增企业奖励\n"
    assert meta(text)["title"] is None


def test_a_heading_naming_its_place_or_a_trial_stays_a_title() -> None:
    assert meta("乙县招商引资优惠政策(试行)\n第一条 为扩大开放,制定本政策。\n")["title"] == "乙县招商引资优惠政策(试行)"
    assert meta("支持乙产业发展若干政策\n一、支持平台建设\n")["title"] == "支持乙产业发展若干政策"


def test_a_policy_cards_heading_over_its_fields_is_its_title() -> None:
    text = ("乙成果转化扶持\n\n来源: 甲省科学技术厅\n申报时间: -\n发文时间:\n产业化\n政策简读 政策原文\n"
            "扶持标准\n1.对乙服务机构给予补助,最高30万元。 2.对技术合同给予奖励。\n")
    assert meta(text)["title"] == "乙成果转化扶持"


def test_a_heading_over_a_line_of_page_fields_is_the_title() -> None:
    text = ("网站支持IPv6\n\n甲市优惠政策摘要\n\n信息来源:甲市投资促进局 发布日期:2022-05-20 17:51 【字体:\n\n目录\n\n"
            "一、农业产业优惠政策 1\n\n二、工业优惠政策 3\n")
    assert meta(text)["title"] == "甲市优惠政策摘要"


def test_an_articles_byline_under_a_headline_still_marks_no_card() -> None:
    text = ("您当前的位置:甲县科协\n甲县科协督导调研各镇科学素质工作\n作者:丙某 | 来源:甲县科协 | 发布时间:2021-05-08 16:20:30\n"
            "    今年是换届年,为了全面掌握各乡镇科协组织人员变动情况,5月8日,甲县科协深入各镇开展督导调研。\n")
    assert meta(text)["title"] is None


def test_a_sites_column_name_above_a_title_opening_with_its_place_is_left_out() -> None:
    text = ("党建工作\n山西省“十四五”乙产业规划\n发布时间:2022年01月03日 17:15\n山西省“十四五”乙产业规划\n"
            "“十四五”是乙产业发展的关键时期,为发挥科技创新的支撑作用,编制本规划。\n")
    assert meta(text)["title"] == "山西省“十四五”乙产业规划"


# ---------------------------------------------------------------- a short list of conditions in one item


def test_conditions_numbered_1_inside_a_named_item_stay_in_it(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲区企业奖补办法\n一、新增企业奖励\n1、奖补对象:2018年新纳入统计的工业企业\n2、奖补额度:30万元(一次性)\n"
            "3、奖励条件:\n1)企业在本省登记注册、具有独立法人资格。\n2)企业经诚信办比对不属于失信被执行人。\n"
            "3)当年主营业务收入达到1亿元以上且同比正增长,当年实缴税金不低于200万元,当年新增贷款到位额超过2000万元"
            "且贷款到位期限不低于3个月。\n"
            "4、申报及审核方式:各区工信部门组织辖区内企业申报。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["1、", "2、", "3、", "4、"]


# ---------------------------------------------------------------- places


def test_a_development_zone_opening_a_title_is_the_region() -> None:
    zone = _zone_region("昆山乙港经济技术开发区丙产业奖励办法")  # a county-level city's short name
    assert zone is not None and (zone.name, zone.province, zone.level) == ("昆山乙港经济技术开发区", "江苏省", "development_zone")
    zone = _zone_region("保定高新区进一步支持乙产业发展若干政策")
    assert zone is not None and (zone.name, zone.province) == ("保定高新区", "河北省")
    assert _zone_region("河北省开发区条例") is None  # zones in general, no one zone
    assert _zone_region("上海浦东新区促进乙产业发展办法") is None  # a district, named in full


def test_a_zone_named_in_a_news_items_measure_places_the_text(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("港区奖励科技创新 最高可获得80万元奖励\n发布时间:2018-05-20 来源:甲日报\n"
            "最近,港区出台《昆山乙港经济技术开发区丙产业奖励实施办法》。企业最高可获得80万元奖励。\n"
            "该办法旨在进一步增强科技创新支撑作用。\n")
    doc = read(pipeline, tmp_path, text)
    assert (doc.region, doc.province, doc.level) == ("昆山乙港经济技术开发区", "江苏省", "development_zone")


def test_a_text_speaking_for_a_city_it_never_names_has_no_region() -> None:
    text = ("火炬中心公示了3200家山东省2022年首批入库企业名单,其中我市612家企业,约占全省的五分之一,"
            "仅次于济南(640家)排全省第二位,市科技局继续开展企业培育活动,对符合条件的企业给予资金扶持。\n")
    m = meta(text)
    assert (m["region"], m["province"], m["level"]) == (None, "山东省", "city")


def test_a_text_speaking_for_its_province_keeps_it() -> None:
    text = "为促进我省乙产业发展,山东省科技厅对山东省内企业给予支持,全省共支持120家企业。\n"
    assert meta(text)["region"] == "山东省"


# ---------------------------------------------------------------- a news desk's report on a measure


def test_a_news_desks_credit_line_and_dated_tag_mark_a_report(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("date 2024-10-12 快讯\n\n甲报/ 乙中心/综合报导\n\n"
            "「对从业人员达到一定规模的企业,分档次给予30万元至300万元奖励。」甲省数据局局长丙某11日在记者会上说,"
            "《甲省数据专项资金支持乙产业重点发展方向(2024年版)》(简称政策文件)近期已正式发布。\n\n"
            "丁社报导,政策文件对企业当年业务收入直接给予2%的普惠性奖励。\n\n"
            "甲省数据局还发布了《2024年度甲省乙产业项目资金申报指南》。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲省数据专项资金支持乙产业重点发展方向(2024年版)"  # the first measure the item names
    assert doc.date == "2024-10-12"
    assert doc.clauses == [] and _instruments(doc) == []


def test_the_one_organ_a_news_lead_names_issues_the_measure() -> None:
    lead = ("甲省3年投入8亿元支持乙产业\n"
            "日前,甲省政府办公厅印发了《甲省进一步推进乙产业发展若干措施》(以下简称《若干措施》),明确3年投入8亿元。\n"
            "根据《若干措施》,甲省将启动乙产业专项。\n")
    assert meta(lead)["issuer"] == "甲省政府办公厅"  # as the item names it
    joint = lead.replace("甲省政府办公厅印发了", "甲省委、甲省人民政府印发了")
    assert meta(joint)["issuer"] is None


def test_a_title_printed_with_full_width_brackets_is_not_cited_as_another(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("date 2024-10-12 快讯\n\n甲报／ 乙中心／综合报导\n\n"
            "甲省数据局局长丙某11日在记者会上说，《甲省数据专项资金支持乙产业重点发展方向（2024年版）》（简称政策文件）近期已正式发布。\n\n"
            "甲省数据局还发布了《2024年度甲省乙产业项目资金申报指南》。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲省数据专项资金支持乙产业重点发展方向（2024年版）"  # as printed
    assert [c.title for c in doc.citations] == ["2024年度甲省乙产业项目资金申报指南"]


def test_a_sites_dateline_and_a_correspondents_credit_mark_a_news_item(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲县出台办法奖励科技创新 最高奖金达6万元\n\n12.05.2017  10:20\n\n"
            "  甲新闻网5月12日电 (通讯员 丙某)为进一步推动创新驱动发展战略实施,激励广大科技人员勇于创新。\n\n"
            "  近日,该县出台了《甲县科学技术奖励办法》,该办法共五章二十条,科技贡献奖奖金为6万元。\n\n"
            "  该办法的出台将进一步激励在科技进步活动中做出突出贡献的个人、组织。\n")
    assert reports_on_a_measure(text, [])
    doc = read(pipeline, tmp_path, text)
    assert doc.clauses == [] and _instruments(doc) == []
    # the measure only a later paragraph names is one the item tells of: cited, no title
    assert doc.title is None and [c.title for c in doc.citations] == ["甲县科学技术奖励办法"]
