"""Citations as real documents write them: titles wrapped over a line, several documents
issued at once, attachments, forms, numbered 公告 and 令, unusual brackets. Made-up texts."""

from __future__ import annotations

import pytest

from policykg.loaders.citations import citation_kind, doc_numbers_in, find_citations


def cited(text: str, **own) -> list[tuple[str, str | None]]:
    return [(c.title, c.doc_number) for c in find_citations(text, **own)]


def test_title_wrapped_over_a_line_break():
    text = "落实《甲省人民政府关于印发促进成果\n  转化若干规定的通知》(甲政发〔2016〕16号)精神。"
    assert cited(text) == [("甲省人民政府关于印发促进成果转化若干规定的通知", "甲政发〔2016〕16号")]


def test_an_unclosed_title_does_not_swallow_the_next_lines():
    text = "《甲省条例\n第二行没有书名号结束\n按照《乙市办法》(乙政发〔2020〕2号)执行。"
    assert cited(text) == [("乙市办法", "乙政发〔2020〕2号")]


def test_every_document_the_notice_issues_is_its_own():
    text = ("现将《甲市技术合同奖补办法》、《甲市中试基地管理办法》和《甲市孵化器认定办法》印发给你们。"
            "本办法依据《乙省条例》(乙政发〔2019〕3号)制定。")
    assert cited(text) == [("乙省条例", "乙政发〔2019〕3号")]


def test_attachment_heading_before_a_title():
    assert cited("附件2:《甲市实施细则》\n根据《乙省办法》执行。") == [("乙省办法", None)]


@pytest.mark.parametrize("title", ["甲市技术合同奖补申请表", "项目申报书", "信用承诺书", "申报材料目录", "绩效目标表"])
def test_forms_are_not_citations(title):
    assert citation_kind(title) == "form"
    assert cited(f"填写《{title}》后报送。") == []


def test_forms_do_not_hide_catalogues_and_plans():
    assert citation_kind("国家重点支持的高新技术领域目录") == "programme"
    assert citation_kind("科技型中小企业评价办法") == "policy"


def test_numbered_announcements_and_orders():
    text = ("根据《促进科技成果转化法》(主席令第三十二号)、国家税务总局公告2017年第40号和"
            "财政部 税务总局公告2023年第7号执行,参照国务院令第588号。")
    assert cited(text) == [("促进科技成果转化法", "主席令第三十二号"),
                           ("国家税务总局公告2017年第40号", "国家税务总局公告2017年第40号"),
                           ("财政部税务总局公告2023年第7号", "财政部税务总局公告2023年第7号"),
                           ("国务院令第588号", "国务院令第588号")]


def test_an_order_word_without_an_issuer_is_no_number():
    assert doc_numbers_in("责令第3号整改") == []


@pytest.mark.parametrize("written", ["丙政发﹝2019﹞3号", "丙政发〖2019〗3号", "丙政发[2019]3号", "丙政发(2019)3号"])
def test_every_bracket_of_the_year(written):
    assert cited(f"按照《丙省办法》({written})执行。") == [("丙省办法", "丙政发〔2019〕3号")]


def test_own_number_in_a_web_header_is_not_cited():
    text = "发文字号: 丁科发〔2022〕5号\n丁市办法\n丁科发〔2022〕5号\n根据《戊省条例》(戊政发〔2018〕1号)制定。"
    assert cited(text, own_doc_number="丁科发〔2022〕5号") == [("戊省条例", "戊政发〔2018〕1号")]
