"""Layouts found among the misses of the sixteenth round of real documents: a page stamp
written with 年月日 or day first, a document-sharing page whose stamps date the upload, an
organ's budget lines with their sums, a site's registration number glued to the title."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.gazetteer import Gazetteer
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import Region

from .texts import meta, read

# ---------------------------------------------------------------- page stamps


def test_a_stamp_in_year_month_day_with_its_clock_dates_a_news_page() -> None:
    m = meta("甲市技术经纪业获扶持 | |||\nhttp://news.example.cn 2011年03月09日 08:25 甲日报 | |||\n"
             "在甲市已存在多年的技术经纪行业,如今得到扶持。\n")
    assert m["date"] == "2011-03-09"


def test_a_stamp_printed_day_first_with_its_clock_dates_the_page() -> None:
    m = meta("乙县出台办法奖励科技创新\n\n17.05.2015  09:42\n\n近日,乙县出台了科技奖励的新规定,设立三个奖项。\n")
    assert m["date"] == "2015-05-17"


def test_a_day_first_date_without_a_clock_is_no_stamp() -> None:
    m = meta("乙县出台办法奖励科技创新\n\n版本 17.05.2015\n\n近日,乙县出台了科技奖励的新规定,设立三个奖项。\n")
    assert m["date"] is None


def test_a_signature_date_still_comes_before_a_page_stamp() -> None:
    m = meta("丙市科技奖励办法\n2012年06月01日 10:15\n第一条 为奖励创新,制定本办法。\n丙市人民政府\n2012年5月20日\n")
    assert m["date"] == "2012-05-20"


def test_an_uploaded_document_is_not_dated_by_its_upload() -> None:
    m = meta("关于加快丁县科技创新的实施意见.docx\n\n上传人:某某 文档编号:1234 上传时间:2022-10-08 格式:DOCX\n"
             "关于加快丁县科技创新的实施意见\n一、总体要求\n为加快科技创新,提出如下意见。\n")
    assert m["date"] is None
    assert m["title"] == "关于加快丁县科技创新的实施意见"


def test_a_page_a_user_uploaded_keeps_no_clock_stamp() -> None:
    m = meta("戊乡科技活动周实施方案\n\n时间:2020-05-06 11:20:00\n\n导语:本文来源于网友上传,不代表本站观点。\n\n"
             "戊乡科技活动周实施方案\n为办好科技活动周,制定本方案。\n")
    assert m["date"] is None


def test_a_page_without_an_upload_mark_keeps_its_clock_stamp() -> None:
    m = meta("戊乡科技活动周实施方案\n\n时间:2020-05-06 11:20:00\n\n为办好科技活动周,制定本方案。\n")
    assert m["date"] == "2020-05-06"


# ---------------------------------------------------------------- budget lines

_BUDGET = """甲县科技局2015年部门预算说明

一、部门主要职责
负责全县科技计划项目的组织实施。

二、部门收支预算编制的依据及测算说明
1、人员经费:61.25万元
2、综合公用经费:4.30万元
3、专项经费:6万元
4、项目支出:9万元
"""


def test_an_organs_budget_lines_grant_nothing(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _BUDGET)
    assert [c.label for c in doc.clauses][-4:] == ["1、", "2、", "3、", "4、"]
    figures = [(i.amount_yuan, i.cap_yuan) for c in doc.clauses for p in c.provisions for i in p.instruments
               if i.amount_yuan is not None or i.cap_yuan is not None]
    assert figures == []


def test_an_award_card_is_still_read_beside_the_budget_rule(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲县科技奖励办法\n\n第一条 为奖励创新,制定本办法。\n"
            "第二条 科技进步奖:一等奖5万元、二等奖3万元。\n")
    doc = read(pipeline, tmp_path, text)
    amounts = sorted(i.amount_yuan for c in doc.clauses for p in c.provisions for i in p.instruments if i.amount_yuan)
    assert amounts == [30000.0, 50000.0]


def test_a_grant_of_funds_is_no_budget_line(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲县科技奖励办法\n\n第一条 为奖励创新,制定本办法。\n第二条 对新认定的研发中心给予经费支持:20万元。\n"
    doc = read(pipeline, tmp_path, text)
    amounts = [i.amount_yuan for c in doc.clauses for p in c.provisions for i in p.instruments if i.amount_yuan]
    assert amounts == [200000.0]


# ---------------------------------------------------------------- registration numbers


def test_a_sites_registration_number_glued_to_the_title_is_dropped(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲公网安备 12345678901234号\n甲ICP备12345678号-2甲省科技特派员助力乡村振兴\n"
            "三年行动计划(2024-2026年)\n为推进乡村振兴,制定本计划。\n一、总体要求\n坚持科技下乡。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲省科技特派员助力乡村振兴三年行动计划(2024-2026年)"
    assert "ICP" not in doc.clean.text and "公网安备" not in doc.clean.text


def test_a_registration_number_inside_a_sentence_is_kept(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲市网站管理办法\n\n第一条 网站应当在首页标明其备案号,如甲ICP备12345678号。\n"
    doc = read(pipeline, tmp_path, text)
    assert "甲ICP备12345678号" in doc.clean.text


# ---------------------------------------------------------------- a page's column name


def test_the_column_a_page_is_filed_in_is_no_title() -> None:
    m = meta("乙省行业资讯\n\n"
             "甲市市级科技保险费补贴项目申报条件\n\n"
             "甲市市级科技保险费补贴项目对申报单位给予补贴。\n")
    assert m["title"] == "甲市市级科技保险费补贴项目申报条件"


def test_a_heading_that_only_ends_like_a_column_but_runs_long_is_kept() -> None:
    from policykg.loaders.header_fields import is_page_chrome

    assert is_page_chrome("乙省行业资讯")
    assert is_page_chrome("科技 动态")
    assert not is_page_chrome("甲市关于加快科技创新工作的最新进展动态")
    assert not is_page_chrome("甲市科技创新券管理办法")


# ---------------------------------------------------------------- a linked file as an item


def test_an_item_naming_only_a_linked_file_is_no_provision(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市扶持办法\n(二)对重新认定的企业给予10万元奖励,\n(四)对获得认定的企业给予5万元奖励,\n"
            "1.甲府规〔2022〕3号甲市人民政府关于印发《甲市扶持办法》的通知.doc。\n")
    doc = read(pipeline, tmp_path, text)
    assert "1." not in [c.label for c in doc.clauses]
    assert all(".doc" not in doc.clean.text[c.start:c.end] for c in doc.clauses if c.label)


def test_an_item_that_asks_for_a_file_is_still_a_provision(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市项目申报指南\n\n一、申报材料\n1.申报书,按附件格式填写后提交申报书.doc。\n"
            "2.营业执照复印件。\n")
    doc = read(pipeline, tmp_path, text)
    assert "2." in [c.label for c in doc.clauses]


# ---------------------------------------------------------------- a notice awarding named winners

_AWARDED = """甲区对2023年度新认定为国家级科技企业孵化器予以奖励的通知
甲科委〔2024〕7号
各有关单位:
根据《甲区科技创新专项资金管理办法》等文件精神,经自主申报、审核,对2023年度新认定的1家国家级科技企业孵化器给予一次性奖励15万元。
特此通知。
"""


def test_a_notice_awarding_named_winners_has_no_provision(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _AWARDED)
    assert doc.title == "甲区对2023年度新认定为国家级科技企业孵化器予以奖励的通知"
    assert doc.clauses == []


def test_a_measure_granting_awards_with_numbered_provisions_keeps_them(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲区关于对科技型企业给予奖励的通知\n各有关单位:\n为支持科技型企业发展,现就有关事项通知如下:\n"
            "一、对新认定的国家级科技企业孵化器给予一次性奖励15万元。\n二、对新认定的众创空间给予一次性奖励5万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、", "二、"]
    amounts = sorted(i.amount_yuan for c in doc.clauses for p in c.provisions for i in p.instruments if i.amount_yuan)
    assert amounts == [50000.0, 150000.0]


# ---------------------------------------------------------------- a signature whose 年月日 were lost


def test_a_signature_date_that_lost_its_characters_still_signs() -> None:
    m = meta("关于印发《甲大学科技成果转化管理办法》的通知\n发布时间:2021年03月05日 10:20\n各二级单位:\n"
             "《甲大学科技成果转化管理办法》已经校务会议讨论通过,现印发给你们,请遵照执行。\n甲大学\n2021 2 18\n"
             "甲大学科技成果转化管理办法\n第一条 为规范成果转化,制定本办法。\n")
    assert (m["issuer"], m["date"]) == ("甲大学", "2021-02-18")


def test_spaced_numbers_under_a_line_that_is_no_organ_are_no_date() -> None:
    m = meta("甲大学科技成果转化管理办法\n第一条 为规范成果转化,制定本办法。\n分配比例如下\n2021 2 18\n")
    assert m["date"] is None


# ---------------------------------------------------------------- a notice issuing a revised text


def test_a_notice_issuing_a_revised_text_describes_that_text() -> None:
    m = meta("关于印发修订后的《甲大学科技成果转化管理办法》的通知\n各二级单位:\n"
             "修订后的办法已经校务会议讨论通过,现印发给你们,请认真遵照执行。\n甲大学\n2021年2月18日\n")
    assert m["title"] == "甲大学科技成果转化管理办法"
    newly = meta("关于印发新修订的《甲市科技奖励办法》的通知\n各区:\n现将新修订的办法印发给你们,请遵照执行。\n")
    assert newly["title"] == "甲市科技奖励办法"


# ---------------------------------------------------------------- a contents list run into the body


def test_a_contents_list_run_in_before_the_first_article(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市科技创新促进条例\n甲市人民代表大会常务委员会2023年5月6日甲市科技创新促进条例目录第一章总则"
            "第二章科技成果转化第三章附则第一章总则第一条为了促进科技创新,制定本条例。"
            "第二条本市科技创新促进活动适用本条例。第三条科技创新应当坚持需求导向。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["第一条", "第二条", "第三条"]
    assert doc.clean.text[doc.clauses[0].start:doc.clauses[0].end].startswith("第一条为了促进科技创新")


def test_chapters_listed_once_without_a_restart_are_not_cut(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市科技奖励办法\n本办法分为第一章总则、第二章奖励、第三章附则。\n"
            "第一条 为了奖励创新,制定本办法。\n第二条 本办法适用于全市。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["第一条", "第二条"]


# ---------------------------------------------------------------- a congress's announcement on a database page

_ANNOUNCED = ("甲市技术创新引导专项实施细则\n甲市科技创新促进条例\n"
              "甲市科技创新促进条例文章属性•【制定机关】甲市人大及其常委会•【公布日期】2023.06.10•"
              "【字号】甲市第五届人民代表大会常务委员会公告第12号正文甲市第五届人民代表大会常务委员会公告第12号"
              "《甲市科技创新促进条例》已由甲市第五届人民代表大会常务委员会第九次会议于2023年4月28日通过,"
              "经乙省人民代表大会常务委员会批准,现予公布。\n"
              "甲市人民代表大会常务委员会2023年6月10日甲市科技创新促进条例(2023年4月28日甲市第五届人民代表大会"
              "常务委员会第九次会议通过)目录第一章总则第二章附则第一章总则第一条为了促进科技创新,制定本条例。"
              "第二条本条例适用于本市。\n")


def test_the_law_a_congress_announcement_adopts_is_the_title() -> None:
    m = meta(_ANNOUNCED)
    assert m["title"] == "甲市科技创新促进条例"


def test_a_signature_run_into_the_title_signs_before_a_pages_label() -> None:
    m = meta(_ANNOUNCED)
    assert (m["issuer"], m["date"]) == ("甲市人民代表大会常务委员会", "2023-06-10")


def test_a_dated_line_opening_with_another_text_signs_nothing() -> None:
    m = meta("甲市科技奖励办法\n甲市科技局2023年6月10日发布了乙市的办法。\n第一条 为奖励创新,制定本办法。\n")
    assert m["issuer"] is None


def test_a_policy_speaking_of_users_uploading_keeps_its_page_date() -> None:
    m = meta("甲市数据平台管理办法\n发布时间:2022-03-04\n第一条 平台应当审核用户上传的数据。\n")
    assert m["date"] == "2022-03-04"


def test_a_card_granting_research_funds_is_no_budget_line(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲市人才引进办法\n\n一、顶尖人才\n安家补贴:100万元\n科研经费:200万元\n"
    doc = read(pipeline, tmp_path, text)
    amounts = sorted(i.amount_yuan for c in doc.clauses for p in c.provisions for i in p.instruments if i.amount_yuan)
    assert 2_000_000.0 in amounts


def test_a_notice_granting_awards_from_now_on_keeps_its_provisions(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲区关于对新认定的国家级科技企业孵化器给予奖励的通知\n各有关单位:\n"
            "为支持孵化器建设,对新认定的国家级科技企业孵化器给予一次性奖励15万元。\n特此通知。\n")
    doc = read(pipeline, tmp_path, text)
    amounts = [i.amount_yuan for c in doc.clauses for p in c.provisions for i in p.instruments if i.amount_yuan]
    assert amounts == [150000.0]


# ---------------------------------------------------------------- a county's short name after its province


def _made_up_gazetteer() -> Gazetteer:
    return Gazetteer([Region("甲省", "甲省", "province", "甲"), Region("乙市", "甲省", "city", "乙", None),
                      Region("丙丁县", "甲省", "county", "丙丁", "乙市"), Region("戊己县", "庚省", "county", "戊己", "辛市"),
                      Region("庚省", "庚省", "province", "庚")])


def test_a_countys_short_name_counts_right_after_its_province() -> None:
    gazetteer = _made_up_gazetteer()
    found = gazetteer.find_in("甲省丙丁出台办法奖励科技创新")
    assert found is not None and found.name == "丙丁县"
    found = gazetteer.find_in("乙市丙丁出台办法")
    assert found is not None and found.name == "丙丁县"


def test_a_countys_short_name_alone_or_elsewhere_or_as_an_organ_counts_not() -> None:
    gazetteer = _made_up_gazetteer()
    assert gazetteer.find_in("丙丁出台办法奖励科技创新") is None  # alone, it may be a word
    outside = gazetteer.find_in("甲省戊己出台办法")  # a county of another province
    assert outside is not None and outside.name == "甲省"
    organ = gazetteer.find_in("甲省丙丁厅关于科技创新的通知")  # 甲省丙丁厅: an organ's name
    assert organ is not None and organ.name == "甲省"
