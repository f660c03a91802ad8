"""Metadata of pages laid out as the twenty-second development set's: a plan printed in
parts, an opinion headed with its issuer above its 文号, a notice quoting its plan's years
without 年, a party document dated in brackets under its title, a page's column and stamp
line. The documents are made up (their places are the gazetteer's)."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import meta, read


def test_the_number_of_the_part_a_page_prints_is_no_part_of_the_title() -> None:
    m = meta("2024年甲省重点工作分工方案(二)\n\n为落实重点工作,现制定分工方案如下。\n\n"
             "一、抓好项目建设。(省发展改革委负责)\n")
    assert m["title"] == "2024年甲省重点工作分工方案"


def test_an_opinion_headed_with_its_issuer_above_its_number_gives_them_apart() -> None:
    m = meta("甲市人民政府办公室关于加快乙园区发展的实施意见\n甲政办发〔2019〕12号\n各县、区人民政府:\n"
             "为加快乙园区发展,提出如下意见。\n一、总体要求\n")
    assert m["title"] == "关于加快乙园区发展的实施意见"
    assert m["issuer"] == "甲市人民政府办公室"
    saluted = meta("丙省人民政府关于推进丁产业发展的意见\n各市人民政府,省政府各部门:\n为推进丁产业发展,提出如下意见。\n"
                   "一、总体要求\n")
    assert saluted["title"] == "关于推进丁产业发展的意见"


def test_a_notice_or_a_headline_over_a_stamp_keeps_its_issuer_in_the_title() -> None:
    notice = meta("甲省人民政府办公厅关于落实乙规划任务分工的通知\n甲政办发〔2012〕5号\n各市人民政府:\n现将分工通知如下。\n")
    assert notice["title"] == "甲省人民政府办公厅关于落实乙规划任务分工的通知"
    headline = meta("丙省人民政府关于实施丁工程的意见\n来源: 办公室 时间: 2019-02-28\n\n丙政〔2019〕4号\n"
                    "各市人民政府:\n为实施丁工程,提出如下意见。\n")
    assert headline["title"] == "丙省人民政府关于实施丁工程的意见"


def test_the_heading_printing_the_years_with_nian_beats_the_quotation_without() -> None:
    m = meta("甲区人民政府关于印发\n甲区科技创新三年行动计划\n(2021-2023)的通知\n各委局:\n"
             "现将《甲区科技创新三年行动计划(2021—2023)》印发给你们,望遵照执行。\n甲区人民政府\n2021年3月2日\n"
             "甲区科技创新三年行动计划\n(2021—2023年)\n为加快科技创新,制定本计划。\n一、总体要求\n")
    assert m["title"] == "甲区科技创新三年行动计划(2021—2023年)"


def test_a_date_in_brackets_under_the_title_dates_the_document() -> None:
    m = meta("乙市一号文件发布\n2025-01-20\n\n中共乙市委员会  乙市人民政府\n\n关于加快推进科技创新的\n\n实施意见\n\n"
             "(2025年1月8日)\n\n科技创新是发展的引擎。为加快推进科技创新,提出如下实施意见。\n\n一、总体要求\n")
    assert m["date"] == "2025-01-08"
    assert m["title"] is not None and not m["title"].endswith(")")


def test_a_heading_naming_the_pages_column_is_no_title_and_its_stamp_dates_it(tmp_path: Path) -> None:
    text = ("欢迎访问甲认定网\n\n丙省奖励政策\n\n当前位置: 主页 > 奖励政策 > 丙省奖励政策\n\n"
            "丁县奖励政策:丁县加快科技创新的若干措施\n\n时间:2024-06-11 09:58:10|栏目:丙省奖励政策|点击:\n\n"
            "丁县加快科技创新的若干措施\n\n为加快科技创新,结合我县实际,制定如下措施。\n\n一、支持研发\n\n"
            "对研发投入大的企业给予奖励。\n")
    doc = read(Pipeline(), tmp_path, text)
    assert doc.title == "丁县加快科技创新的若干措施"
    assert doc.date == "2024-06-11"


def test_a_notice_of_a_zones_bureau_is_placed_in_the_zone() -> None:
    m = meta("关于开展首批示范企业考核工作的通知\n开发区各示范企业:\n现开展考核工作。\n请按时报送材料。\n"
             "上海开发区科技发展局\n2018年5月6日\n")
    assert (m["region"], m["level"]) == ("上海开发区", "development_zone")
    whole = meta("甲省开发区条例\n第一条 为规范开发区管理,制定本条例。\n")
    assert whole["level"] != "development_zone"  # a province's full name: no one zone


def test_a_compilation_covering_a_province_and_its_places_is_the_provinces() -> None:
    m = meta("汇编:2024年湖南省及各市区县企业奖励政策!\n\n一、湖南省企业奖励政策\n\n新认定的企业,每家给予5万元补助\n\n"
             "二、长沙市企业奖励政策\n\n(一)长沙市岳麓区企业奖励政策\n\n对整体搬迁到我区的企业给予奖励。\n")
    assert (m["region"], m["level"]) == ("湖南省", "province")


def test_an_agreement_of_a_provinces_organ_with_a_city_is_the_citys() -> None:
    m = meta("3月2日,省科技厅与绵阳市人民政府举行会商协议签约仪式。双方将加强合作,我省将给予支持。\n"
             "据悉,双方将在农业科技领域展开合作。\n")
    assert (m["region"], m["level"]) == ("绵阳市", "city")


def test_the_level_a_sites_teaser_speaks_for_is_not_the_items() -> None:
    m = meta("为推进我县科技服务体系建设,搭建科技服务平台,提供科技服务。\n了解更多 +\n"
             "湖北省科技厅召开推进会\n近日,湖北省科技厅召开推进会,部署湖北省全年任务,湖北省各地参加会议。\n")
    assert (m["region"], m["level"]) == ("湖北省", "province")
