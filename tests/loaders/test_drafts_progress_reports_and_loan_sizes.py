"""A drafter's own call for comments titles the draft it names (我局起草了《X(征求意见稿)》,现面向全社会
公开征求意见); a date labelled as the document's (发文日期) is no page date a dated mention in the body
(6月28日,《X》正式印发) replaces; a progress report's heading (…完成情况) is a title; loan amounts set per
kind of borrower (贷款额度按企业类别划分,其中…最高为3000万元) are no caps; a flattened page's title
printed right after its signature's disclosure remark is the one its introduction quoted.
Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .instrument_figures import figures
from .texts import read


def test_a_drafters_call_for_comments_titles_its_draft(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "为完善我市科技创新平台培育体系,我局起草了《甲市概念验证中心认定与管理办法(征求意见稿)》,"
               "现面向全社会公开征求意见,截止日期为2031年4月7日。\n一、认定条件\n二、支持措施\n")
    assert doc.title == "甲市概念验证中心认定与管理办法"
    assert [c.title for c in doc.citations] == []


def test_a_draft_announced_for_comment_in_other_words_is_titled_too(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "为加快中小企业转型,市工信局牵头起草了《甲市中小企业转型发展的实施意见(征求意见稿)》。"
               "现将征求意见稿予以公告,欢迎提出意见。\n甲市工业和信息化局\n2031年6月21日\n")
    assert doc.title == "甲市中小企业转型发展的实施意见"


def test_a_cited_draft_of_another_body_is_no_title(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "甲市科技局关于做好孵化器年度考核的通知\n各区科技局:\n"
               "请参照乙省科技厅印发的《乙省孵化器考核办法》开展工作。\n一、考核范围\n二、考核程序\n")
    assert doc.title == "甲市科技局关于做好孵化器年度考核的通知"


def test_a_labelled_document_date_is_not_replaced_by_a_dated_mention(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "索引号: 0024/2031-00558 发布机构: 省科技厅\n发文日期: 2031-07-12 公开方式: 主动公开\n\n"
               "山西省科学技术厅2031年度重点工作半年度完成情况\n\n"
               "1.6月28日,《太原市科创走廊发展规划》已正式印发,太原市各区推进落实。\n2.推动太原国家自创区加快建设。\n")
    assert doc.date == "2031-07-12"
    assert doc.title == "山西省科学技术厅2031年度重点工作半年度完成情况"
    assert doc.region == "山西省"


def test_loan_amounts_set_per_kind_of_borrower_are_no_caps(ex: InstrumentExtractor) -> None:
    assert figures(ex, "每年纳入风险补偿的信用贷款额度按照企业类别划分,其中认定为百强企业的最高为3000万元,"
                       "其他企业最高为1500万元。") == []
    # a grant after the loan amount is still one
    assert figures(ex, "贷款额度按企业类别划分,对获得贷款的企业按利息的50%给予贴息,最高20万元。") \
        == [(0.5, 200000.0, None)]


def test_a_title_printed_after_the_disclosure_remark_is_the_quoted_one(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "省工业和信息化厅联合省教育厅制定《甲省产学研协同创新行动工作方案》,甲省工业和信息化厅甲省教育厅"
               "2031年9月8日(此件公开发布)甲省产学研协同创新行动工作方案根据《乙办法》(甲工信字〔2030〕2号),"
               "制定本方案。一、工作目标。二、重点任务。\n")
    assert doc.title == "甲省产学研协同创新行动工作方案"
