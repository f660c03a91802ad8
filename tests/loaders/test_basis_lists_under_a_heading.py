"""A page listing under a heading (一、政策依据) the documents it rests on, one 《title》 a line,
some with their 文号: every one is cited, none is the page's own title, and the first places a
page that names its place nowhere else. Made-up sentences; real place names only where the
gazetteer must know them."""

from __future__ import annotations

from policykg.loaders.citations import find_citations

from .texts import meta

PAGE = ("哪些装备可以申报?申报条件是什么?请看下面的详细介绍。\n"
        "一、政策依据\n"
        "《河南省甲类专项资金管理办法》(豫财企〔2031〕6号)\n"
        "《河南省乙类装备认定办法》(豫工信〔2031〕10号)\n"
        "《河南省乙类装备推广应用指导目录(2031年版)》\n"
        "《2031年河南省乙类装备认定申报指南》\n"
        "二、申报条件\n"
        "1.企业应依法设立,具有独立法人资格,生产经营状况良好。\n")


def test_every_document_listed_under_the_heading_is_cited() -> None:
    assert [c.title for c in find_citations(PAGE)] == [
        "河南省甲类专项资金管理办法", "河南省乙类装备认定办法",
        "河南省乙类装备推广应用指导目录(2031年版)", "2031年河南省乙类装备认定申报指南"]


def test_a_title_line_right_under_a_heading_of_its_own_stays_the_own_title() -> None:
    text = "《甲市乙类装备推广应用指导目录(2031年版)》\n一、总则\n1.本目录适用于甲市。\n"
    assert find_citations(text) == []


def test_the_documents_listed_under_the_heading_place_the_page() -> None:
    assert meta(PAGE)["region"] == "河南省"
