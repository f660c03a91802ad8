"""Metadata of pages whose chrome stands around the title: short breadcrumbs, category
menus, signature dates without 年月日. The documents are made up."""

from __future__ import annotations

from policykg.loaders.header_fields import read_header_fields

from .texts import meta


def test_a_two_item_breadcrumb_gives_its_last_item_as_the_title():
    m = meta("文件库 > 甲市人民政府办公厅关于加快建设技术转移体系的若干意见\n\n"
             "各县(区)人民政府,市直各单位:\n为加快建设技术转移体系,现提出如下意见。\n")
    assert m["title"] == "甲市人民政府办公厅关于加快建设技术转移体系的若干意见"
    assert m["issuer"] == "甲市人民政府办公厅"


def test_a_two_item_category_menu_is_no_title():
    m = meta("发展规划 > 政府印发的规划\n\n甲省科技创新“十五五”规划\n\n"
             "本规划根据国家有关规划编制,提出今后五年的目标任务。\n")
    assert m["title"] == "甲省科技创新“十五五”规划"


def test_a_compact_signature_date_whose_day_is_padded_reads_month_first():
    m = meta("甲省人民政府办公厅关于印发甲省技术转移规划的通知\n甲政办〔2023〕5号\n"
             "各市人民政府:\n现将《甲省技术转移规划》印发给你们,请认真贯彻执行。\n"
             "甲省人民政府办公厅\n2023107\n甲省技术转移规划\n")
    assert m["date"] == "2023-10-07"


def test_a_leading_group_signs_a_compact_date():
    m = meta("甲县科技服务管理办法\n"
             "第一条 为规范科技服务工作,制定本办法。\n"
             "甲县科技服务工作领导小组\n2023328\n")
    assert m["date"] == "2023-03-28"
    assert m["issuer"] == "甲县科技服务工作领导小组"


def test_a_label_spaced_out_to_a_cell_width():
    m = read_header_fields("发布机构 甲市人民政府办公室\n文  号 甲政〔2024〕7号\n成文日期 2024-03-05\n"
             "甲市人民政府关于印发甲市技术转移规划的通知\n各县区人民政府:\n现将规划印发给你们。\n")
    assert m.first("doc_number") == "甲政〔2024〕7号"


def test_a_news_item_takes_the_measure_its_lead_names_as_title():
    m = meta("我市出台技术交易奖补政策\n\n"
             "本报讯 日前,甲市科技局联合市财政局制定出台了《甲市技术交易奖补暂行办法》。\n\n"
             "办法明确,对技术交易额给予分段奖励。\n")
    assert m["title"] == "甲市技术交易奖补暂行办法"


def test_a_page_that_is_no_news_item_keeps_its_heading():
    m = meta("甲市技术交易奖补暂行办法\n\n为促进技术交易,甲市科技局出台的《甲市科技奖励办法》同时适用。\n")
    assert m["title"] == "甲市技术交易奖补暂行办法"


def test_a_question_used_as_heading_is_no_title():
    m = meta("甲区研发平台配套资助有哪些新标准\n\n发布时间:2025年03月02日 来源:甲区科技局\n\n"
             "资助标准:按上级资助金额的40%给予配套资助。\n")
    assert m["title"] is None
