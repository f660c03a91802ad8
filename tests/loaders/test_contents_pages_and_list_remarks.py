"""Layouts seen among the misses of the fifty-eighth and fifty-ninth sets of real documents: a
contents list after 目录 whose first entry has no label and whose page numbers run into the
headings, a remark closing a list of responsible units, a grant's sum given after a comma
(补贴,额度为…), a breadcrumb or a site's home link above the title, a title line closed by a
bar, and a document referred to by its kind alone (《方案》). Every text is written for its test."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .instrument_figures import figures
from .test_structure_layouts import clause_labels
from .texts import inline_units, meta, read


def test_contents_after_its_heading_with_an_unlabelled_entry_and_run_in_pages_are_no_clauses():
    text = (
        "甲市科技创新规划\n"
        "目 录\n"
        "前 言……………………3\n"
        "第一章 发展基础4\n"
        "第一节 现状回顾4\n"
        "第二节 面临形势7\n"
        "第二章 主要任务9\n"
        "第一节 培育创新主体9\n"
        "前 言\n"
        "创新是引领发展的第一动力,本规划明确今后五年的任务。\n"
        "第一章 发展基础\n"
        "第一节 现状回顾\n"
        "全市研发投入持续增长,创新主体不断壮大。\n"
        "第二节 面临形势\n"
        "外部环境深刻变化,机遇和挑战并存。\n"
    )
    labels = clause_labels(text)
    assert labels.count("第一节") == 1 and labels.count("第二节") == 1, labels
    assert "第二章" not in labels  # listed only in the contents


def test_a_remark_closing_a_unit_list_is_no_unit():
    units = inline_units("提升各县市区创新能力。(责任单位:市科技局,各县市区,以下均需各县市区落实,不再逐一列出)")
    assert [name for name, _ in units] == ["市科技局", "各县市区"]


def test_a_sum_after_a_comma_and_its_label_is_the_amount_granted(ex: InstrumentExtractor):
    assert figures(ex, "(一)一次性补贴,额度为2万元。补贴对象为首次来本市工作的人才。") == [(None, None, 20000.0)]
    assert figures(ex, "(二)项目资助,额度为5-20万元。资助对象为近三年来本市创业的人才。") == [(None, 200000.0, None)]


def test_a_loan_line_after_a_comma_gives_no_amount(ex: InstrumentExtractor):
    assert figures(ex, "对科技企业发放信用贷款,额度为500万元。") == []


def test_a_breadcrumb_over_the_title_is_no_part_of_it():
    m = meta("首页>政务信息>发展规划\n乙市科技创新“十三五”规划\n来源: 规划处\n\n"
             "“十三五”时期是乙市创新发展的关键时期,为此编制本规划。\n一、发展基础\n")
    assert m["title"] == "乙市科技创新“十三五”规划"


def test_a_sites_home_link_over_the_title_is_no_part_of_it():
    m = meta("丙文档网 首页\n\n人才引进实施方案\n\n为引进高层次人才,结合本市实际,制定本方案。\n一、引进对象\n")
    assert m["title"] == "人才引进实施方案"


def test_a_news_sites_name_over_the_title_is_no_part_of_it():
    m = meta("戊己产业资讯网\n\n丁省推进工业互联网发展工作要点\n\n为推进工业互联网发展,制定本要点。\n一、主要目标\n")
    assert m["title"] == "丁省推进工业互联网发展工作要点"
    m = meta("关于加快推进工业互联网\n创新发展的实施意见\n\n为加快发展,提出如下意见。\n一、总体要求\n")
    assert m["title"] == "关于加快推进工业互联网创新发展的实施意见"  # a title's half ending in 网 stays


def test_a_bar_closing_the_title_line_is_no_part_of_the_title(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, "丁市“十四五”科技发展规划 |\n点击数: 时间:2023-04-04 |\n|\n"
                                   "为落实创新驱动发展战略,编制《丁市“十四五”科技发展规划》。\n一、发展基础\n")
    assert doc.title == "丁市“十四五”科技发展规划"
    assert [c.title for c in doc.citations] == []  # its own title is no citation


def test_a_document_named_by_its_kind_alone_is_no_citation(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, "近日,戊市政府发布《戊新区科技创新三年行动方案(2024—2026年)》。"
                                   "《方案》提出,打造新能源材料基地。\n")
    assert doc.title == "戊新区科技创新三年行动方案(2024—2026年)" and doc.citations == []


def test_a_short_name_defined_inside_the_titles_brackets_is_no_part_of_it(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, "己市科技创新专项规划\n"
                                   "《己市国民经济和社会发展第十三个五年规划纲要(以下简称《纲要》)》已经审议批准。"
                                   "《纲要》提出了今后五年的目标。\n一、发展基础\n")
    assert {c.title for c in doc.citations} == {"己市国民经济和社会发展第十三个五年规划纲要"}  # 《纲要》 names it again


def test_the_heading_line_of_the_own_plan_with_its_period_is_no_citation(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, "各区人民政府:\n现将《庚市“十四五”科技创新规划(2021—2025年)》印发给你们,请认真贯彻执行。\n"
                                   "庚市人民政府\n2022年1月10日\n"
                                   "庚市“十四五”科技创新规划(2021—2025年)\n"
                                   "根据《辛省“十四五”科技创新规划》,编制本规划。\n一、发展基础\n")
    assert doc.title == "庚市“十四五”科技创新规划(2021—2025年)"
    assert [c.title for c in doc.citations] == ["辛省“十四五”科技创新规划"]


def test_the_plan_of_the_period_before_under_the_same_name_is_a_citation(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, "壬省专项行动方案(2025—2027年)\n"
                                   "在落实《壬省专项行动方案》(壬政发〔2021〕3号)的基础上,制定本方案。\n一、总体要求\n")
    assert [c.title for c in doc.citations] == ["壬省专项行动方案"]


def test_a_numbered_navigation_path_is_no_provision_and_the_notice_below_names_the_issuer(
        pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, "1. 首页 > 政策中心\n\n"
                                   "癸市人民政府关于印发癸市科技创新示范区建设方案的通知\n\n"
                                   "《癸市科技创新示范区建设方案》已经市人民政府常务会议审议通过,现印发给你们,请认真贯彻执行。\n\n"
                                   "为建设科技创新示范区,制定本方案。\n")
    assert "1." not in [c.label for c in doc.clauses]
    assert doc.issuer == "癸市人民政府"


def test_a_date_in_brackets_after_the_source_dates_the_page():
    m = meta("子市科技创新规划\n来源: 规划处          ( 2017-03-21 )\n为落实创新驱动发展战略,编制本规划。\n一、发展基础\n")
    assert m["date"] == "2017-03-21"


def test_a_signature_wrapped_over_two_lines_is_the_organ_its_heading_names():
    m = meta("甲市推进乙(甲)科学城建设工作领导小组办公室关于印发科学城发展实施方案的通知\n\n各区人民政府:\n"
             "现将《科学城发展实施方案》印发给你们,请认真贯彻执行。\n\n甲市推进乙(甲)科学城\n\n"
             "建设工作领导小组办公室\n\n2021年11月19日\n")
    assert m["issuer"] == "甲市推进乙(甲)科学城建设工作领导小组办公室"
