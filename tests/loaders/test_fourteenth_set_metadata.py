"""Metadata and citation layouts of flattened notices, news pages and pages of excerpts.
Made-up sentences; real place names only where the gazetteer must know them."""

from __future__ import annotations

from .texts import meta

FLATTENED_NOTICE = (
    "各县(市、区)科技局,各有关单位:根据工作需要,经研究,决定新增派张三等8人为年度科技特派员"
    "(名单见附件),请各单位做好工作衔接,附件:年度新增科技特派员名单荆州市科学技术局2021年3月9日"
    "附件:年度新增科技特派员名单.docx荆科〔2021〕7号荆州市科学技术局关于公布年度新增科技特派员名单的通知.pdf。")


def test_a_run_in_signature_before_the_links_of_its_attachments_signs_and_dates_the_notice():
    m = meta(FLATTENED_NOTICE)
    assert m["date"] == "2021-03-09"
    assert m["issuer"] == "荆州市科学技术局"


def test_the_notice_file_linked_by_its_number_titles_and_numbers_an_untitled_notice():
    m = meta(FLATTENED_NOTICE)
    assert m["title"] == "荆州市科学技术局关于公布年度新增科技特派员名单的通知"
    assert m["doc_number"] == "荆科〔2021〕7号"


def test_a_contact_remark_after_a_run_in_signature_still_ends_it():
    text = ("各有关单位:为做好奖励申报工作,制定本指南,请符合条件的单位积极申报,"
            "附件:年度奖励申报指南.docx沙市区市场监督管理局2021年5月6日(联系人:王五,联系电话:0716-1234567)附件:。")
    m = meta(text)
    assert m["date"] == "2021-05-06"
    assert m["issuer"] == "沙市区市场监督管理局"  # not the attachment's file name before it
