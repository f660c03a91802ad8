"""A meeting's report titled by its heading above a page's stamp line and breadcrumb, or above
a subtitle naming the meeting's report; the date line naming the speaker dates it; a lead saying
a body lately revised a measure titles the page with that measure and states no provisions.
Made-up sentences; real place names only where the gazetteer must know them."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import meta, read


def test_a_report_s_heading_above_the_page_s_stamp_and_the_occasion_titles_it() -> None:
    text = ("政府信息公开 > 甲省工作报告\n坚持创新引领 奋力谱写甲省发展新篇章\n"
            "发布日期:2031-02-08 17:06 来源: 阅读次数:\n\n——在2031年全省科技工作会议上的报告\n\n"
            "同志们:\n  下面,我代表省科技厅作工作报告。\n")
    assert meta(text)["title"] == "坚持创新引领 奋力谱写甲省发展新篇章"


def test_a_subtitle_naming_the_meeting_s_report_is_no_part_of_the_title() -> None:
    text = ("加快建设科技强省为全面振兴提供科技支撑\n——2031年全省科技工作会议工作报告\n\n"
            "同志们:\n  这次会议的主要任务是总结去年工作,部署今年重点任务。\n")
    assert meta(text)["title"] == "加快建设科技强省为全面振兴提供科技支撑"


def test_the_date_line_naming_the_speaker_dates_the_report() -> None:
    text = ("加快建设科技强省为全面振兴提供科技支撑\n——2031年全省科技工作会议工作报告\n\n"
            "2031-03-29     省科技厅厅长 张某某\n\n同志们:\n  这次会议的主要任务是总结去年工作。\n")
    assert meta(text)["date"] == "2031-03-29"


def test_a_date_line_naming_no_post_dates_nothing() -> None:
    text = "甲地科技服务机构支持办法\n\n2031-03-29     张某某 李某某\n\n第一条 为支持服务机构发展,制定本办法。\n"
    assert meta(text)["date"] is None


LEAD = ("为激励青年人才挑大梁,近日,江西省修改了《江西省甲类奖励办法》,增设青年类奖项,"
        "主要奖励作出突出贡献的未满40周岁的个人,奖金为10万元/人,由省人民政府颁发证书和奖金。\n")


def test_a_lead_on_a_revised_measure_titles_the_page_with_it() -> None:
    assert meta(LEAD)["title"] == "江西省甲类奖励办法"


def test_a_page_reporting_a_revision_states_no_provisions(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, LEAD + LEAD)
    assert doc.title == "江西省甲类奖励办法"
    assert doc.clauses == []


def test_a_measure_revised_long_ago_titles_nothing() -> None:
    text = "甲地奖励情况\n\n2019年,江西省修改了《江西省甲类奖励办法》,增设青年类奖项。\n"
    assert meta(text)["title"] != "江西省甲类奖励办法"
