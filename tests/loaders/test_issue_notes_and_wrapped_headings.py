"""Metadata a page prints in forms of its own: a bracketed note saying who issued the text and
when, a notice's heading wrapped right after the document it issues, a header row of labels
flattened with single spaces or spaced out to a cell's width, a draft's heading broken over two
lines under a call's signature, a 文号 under a notice heading that names its document without
《》, a page's time followed by its source label, a notice heading in a header table's row (no
citation), and 资本市场 (no 本市). Made-up pages."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.citations import find_citations
from policykg.loaders.gazetteer import Gazetteer
from policykg.loaders.pipeline import Pipeline

from .texts import meta, read

_BODY = "一、总体要求\n坚持创新驱动,推动产业数字化转型。\n二、主要任务\n(一)夯实网络基础。推进企业内网改造。\n"


def test_a_bracketed_issue_note_gives_issuer_date_and_region() -> None:
    found = meta("(甲省人民政府 2030年4月12日发布)\n为加快数字化转型,制定本方案。\n" + _BODY)
    assert (found["issuer"], found["date"], found["region"]) == ("甲省人民政府", "2030-04-12", None)
    found = meta("(2030年4月12日湖南省人民政府印发)\n为加快数字化转型,制定本方案。\n" + _BODY)
    assert (found["issuer"], found["date"], found["region"]) == ("湖南省人民政府", "2030-04-12", "湖南省")


def test_a_bracketed_remark_that_names_no_organ_is_no_issue_note() -> None:
    found = meta("(本文2030年4月12日更新)\n为加快数字化转型,制定本方案。\n" + _BODY)
    assert found["issuer"] is None


def test_a_notice_heading_wrapped_after_the_document_it_issues_names_its_issuer() -> None:
    text = ("湖南省人民政府办公厅关于印发湖南省算力基础设施建设工作方案\n(2030—2032年)的通知\n湘政办发〔2030〕7号\n"
            "各市州人民政府,省政府各厅委、各直属机构:\n经省人民政府同意,现将《湖南省算力基础设施建设工作方案"
            "(2030—2032年)》印发给你们,请认真贯彻落实。\n2030年3月2日\n湖南省算力基础设施建设工作方案(2030—2032年)\n"
            + _BODY)
    found = meta(text)
    assert found["issuer"] == "湖南省人民政府办公厅"
    assert found["title"] == "湖南省算力基础设施建设工作方案(2030—2032年)"


def test_a_header_row_flattened_with_single_spaces_and_a_widely_spaced_label() -> None:
    text = ("标        题 甲省“十五五”信息化发展规划\n索引号 1234/2030-00001 文        号\n"
            "发布机构 甲省发改委 发布日期 2030-11-26 16:01:00\n\n" + _BODY)
    found = meta(text)
    assert found["title"] == "甲省“十五五”信息化发展规划"
    assert found["issuer"] == "甲省发改委"
    assert found["date"] == "2030-11-26"


def test_a_short_label_after_one_space_inside_a_sentence_stays_text() -> None:
    text = "甲省数据条例\n\n第一条 为了规范数据处理活动 日期 等信息应当如实登记,制定本条例。\n"
    assert meta(text)["date"] is None


def test_a_drafts_heading_over_two_lines_under_a_calls_signature_is_read_whole() -> None:
    text = ("为推进甲市数据要素市场建设,我局起草了《甲市数据要素市场培育试点方案(征求意见稿)》,现向社会公开征求意见。\n"
            "1.通过电子邮件将意见发送至指定邮箱。\n"
            "甲市数据局\n2030年9月5日\n甲市数据要素市场\n培育试点方案(征求意见稿)\n"
            "为贯彻落实国家部署,制定本方案。\n" + _BODY)
    assert meta(text)["title"] == "甲市数据要素市场培育试点方案"


def test_a_number_under_a_notice_heading_that_names_its_document_without_marks() -> None:
    text = ("全省要加快数字化转型,推动数字技术与实体经济深度融合。\n"
            "乙省人民政府办公厅关于印发2030年乙省促进数字经济发展工作要点的通知\n乙政办函〔2030〕25号\n"
            "各市、自治州人民政府,省政府各委、办、厅、局:\n"
            "《2030年乙省促进数字经济发展工作要点》已经省政府同意,现印发给你们,请抓好贯彻落实。\n"
            "乙省人民政府办公厅\n2030年2月18日\n2030年乙省促进数字经济发展工作要点\n" + _BODY)
    found = meta(text)
    assert found["title"] == "2030年乙省促进数字经济发展工作要点"
    assert found["doc_number"] == "乙政办函〔2030〕25号"


def test_a_pages_time_with_its_clock_before_a_source_label_dates_a_text_with_no_other_date(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("政策文件\n关于印发《丙省大数据产业发展意见》的通知\n时间:2030-02-01 13:23 信息来源:丙省信息中心\n\n"
            "各市人民政府:\n\n现将《丙省大数据产业发展意见》印发给你们,请认真贯彻落实。\n\n丙省大数据产业发展意见\n\n"
            + _BODY)
    assert read(pipeline, tmp_path, text).date == "2030-02-01"
    # a text signed and dated on a line of its own takes its signature's date
    signed = text.replace("请认真贯彻落实。\n\n", "请认真贯彻落实。\n\n丙省大数据发展领导小组\n2030年1月20日\n\n")
    assert read(pipeline, tmp_path, signed).date == "2030-01-20"


def test_a_notice_heading_in_a_header_tables_row_is_no_citation() -> None:
    text = ("| 标题:丁盟行政公署办公室关于印发《丁盟数据产业发展实施方案(2030-2032)》的通知 | |||\n"
            "| 发文字号:丁署办发〔2030〕15号 | ||\n各旗县人民政府:\n"
            "《丁盟数据产业发展实施方案(2030—2032年)》已经行署同意,现印发给你们。\n"
            "丁盟数据产业发展实施方案\n(2030—2032年)\n为贯彻落实《戊省数据产业发展意见》,制定本方案。\n")
    titles = [c.title for c in find_citations(text, own_doc_number="丁署办发〔2030〕15号",
                                                own_title="丁盟数据产业发展实施方案(2030—2032年)")]
    assert titles == ["戊省数据产业发展意见"]


def test_the_capital_market_names_no_city_a_text_speaks_for() -> None:
    text = ("鼓励企业通过多层次资本市场融资,支持海南企业上市。积极引进基金投资我省企业。"
            "对在资本市场挂牌的海南企业给予奖励。\n")
    region = Gazetteer.load().most_named_short(text)
    assert region is not None and region.name == "海南省"


def test_a_bracketed_note_of_number_and_date_under_a_heading_dates_the_text() -> None:
    found = meta("己省科技成果转化办法\n(己政办发〔2030〕20号 2030年5月17日)\n" + _BODY)
    assert (found["doc_number"], found["date"]) == ("己政办发〔2030〕20号", "2030-05-17")
    found = meta("己省科技成果转化办法\n(2030年5月17日 己政办发〔2030〕20号)\n" + _BODY)
    assert found["date"] == "2030-05-17"


def test_a_bracketed_note_saying_when_a_rule_takes_effect_is_no_issue_date() -> None:
    found = meta("己省科技成果转化办法\n(参照己政办发〔2030〕20号 2030年5月17日起执行)\n" + _BODY)
    assert (found["date"], found["effective_from"]) == (None, "2030-05-17")


def test_the_release_number_label_gives_the_number_and_frees_the_issuer_before_it() -> None:
    found = meta("【发布单位】庚省科学技术厅 【发布文号】庚科发〔2030〕5号 【发布日期】2030-05-06\n"
                 "庚省科技成果转化办法\n" + _BODY)
    assert (found["issuer"], found["doc_number"], found["date"]) == (
        "庚省科学技术厅", "庚科发〔2030〕5号", "2030-05-06")
