"""News pages told by their lead (从甲会上获悉, a place's dateline, 近日,甲厅公布了…名单) and
pages headed by a site's banner (an enterprise's name, a column 甲市通知公告) state no
provisions and take no title from those lines; a news headline sharing a noun with a measure
it names is no shortened title of it; 我区 in a text of an autonomous region speaks for the
region. Made-up sentences; real place names only where the gazetteer must know them."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.structure import reports_on_a_measure

from .texts import meta, read

STORY = ("发布时间: 2031-03-14 09:30:00\n\n"
         "  荆州市创新平台建设取得新进展,乙类平台数量位居全省前列;丙类平台达到30家。\n\n"
         "  近年来,甲地不断完善科技服务体系,对促成成果转化的机构采取后补助方式予以支持,并推动服务机构全覆盖。\n\n"
         "  会上,丁公司等5家单位被授予示范机构称号,各地还将开展产学研合作试点,建设一批成果转化示范基地。\n")


@pytest.mark.parametrize("lead", [
    "3月14日从甲地科技服务座谈会上获悉,",
    "今天记者从甲地科技局了解到,",
    "近日从甲地科技工作会议上获悉,",
])
def test_a_lead_telling_where_the_writer_learnt_the_news_marks_a_news_item(lead: str) -> None:
    assert reports_on_a_measure(f"甲地示范机构增至30家\n\n{lead}甲地示范机构已达30家。\n", [])


def test_a_place_s_dateline_with_its_correspondent_marks_a_news_item() -> None:
    assert reports_on_a_measure("甲地发布科技规划\n乙城3月14日电(丙某)3月14日,甲地科技规划发布会在乙城举行。\n", [])


def test_a_lead_telling_that_a_body_published_a_list_marks_a_news_item() -> None:
    text = "甲地新增12家服务机构\n\n近日,甲地科技局公布了2031年度服务机构名单,乙研究所等12家机构榜上有名。\n"
    assert reports_on_a_measure(text, [])


@pytest.mark.parametrize("line", [
    "从严把关,从项目申报到验收了解到的问题及时整改。",  # 从 and 了解到 without a day or a reporter
    "近日,甲地科技局公布了服务机构的考核办法。",  # a lead that names no list
    "现将2031年度服务机构名单予以公布。",  # the notice publishing the list itself
])
def test_a_provision_s_words_mark_no_news_item(line: str) -> None:
    assert not reports_on_a_measure(f"甲地服务机构管理规定\n\n{line}\n", [])


def test_the_paragraphs_of_a_story_with_a_news_lead_are_no_provisions(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲地示范机构增至30家 位居前列\n\n3月14日从甲地科技服务座谈会上获悉,甲地示范机构已达30家。\n\n" + STORY
    doc = read(pipeline, tmp_path, text)
    assert doc.clauses == []


def test_the_same_paragraphs_under_a_policy_s_title_stay_provisions(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, "甲地科技服务机构支持办法\n\n" + STORY)
    assert len(doc.clauses) == 3


def test_an_enterprise_s_banner_titles_nothing_and_heads_no_provisions(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲地乙丙科技开发有限责任公司\n\n" + STORY
    doc = read(pipeline, tmp_path, text)
    assert doc.title is None
    assert doc.clauses == []


def test_a_site_s_name_printed_twice_titles_nothing(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, "乙坊秀 乙坊秀\n\n" + STORY)
    assert doc.title is None
    assert doc.clauses == []


def test_a_column_named_for_notices_is_no_title_of_the_notice_below_it(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("荆州市通知公告\n各县市区科技局:\n现将有关申报事宜通知如下:\n"
            "一、申报单位统一按照申报指南的条件和要求进行申报。\n"
            "二、各县市区科技局限额推荐1个单位,择优申报。\n"
            "湖北省科学技术厅\n2031年8月31日\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title is None
    assert doc.region == "湖北省"


def test_a_headline_sharing_a_noun_with_a_measure_it_names_is_no_shortened_title() -> None:
    text = ("甲地新增10家技术转移服务机构\n\n原标题:甲地新增10家技术转移服务机构\n\n"
            "近日,甲地科技局公布了2031年度技术转移服务机构考核结果,乙研究所等10家机构榜上有名。\n\n"
            "2030年3月,甲地科技局出台了《甲地技术转移服务机构管理办法(试行)》,明确对服务机构进行绩效激励。\n")
    assert meta(text)["title"] is None


def test_a_headline_ending_on_a_shortened_title_still_titles_the_page() -> None:
    text = ("荆州市发布科技创新券管理办法\n\n"
            "荆州市科学技术局发布《荆州市科技创新券管理办法(试行)》。\n\n"
            "第一条 为支持企业开展研发活动,制定本办法。\n")
    assert meta(text)["title"] == "荆州市科技创新券管理办法(试行)"


def test_our_region_in_an_autonomous_region_s_news_speaks_for_the_region() -> None:
    text = ("我区新增10家科技服务平台\n\n原标题:我区新增10家科技服务平台\n\n"
            "近日,自治区科技厅公布了2031年度自治区级科技服务平台名单,内蒙古甲研究所、内蒙古乙促进会等10家机构榜上有名。\n\n"
            "自治区科技厅出台了《内蒙古自治区技术转移服务机构管理办法》,对服务机构进行绩效激励。\n")
    assert meta(text)["region"] == "内蒙古自治区"


def test_a_headline_ending_on_the_document_a_notice_issues_still_titles_the_page() -> None:
    text = ("荆州市出台促进科技成果转化若干措施\n\n"
            "荆州市人民政府发布《荆州市人民政府关于印发荆州市促进科技成果转化若干措施的通知》,从五个方面作出部署。\n\n"
            "一、支持企业承接科技成果转化。\n")
    assert meta(text)["title"] == "荆州市人民政府关于印发荆州市促进科技成果转化若干措施的通知"
