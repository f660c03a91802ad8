"""A document the text asks its addressees to hand in, by its full or its short name
(完善《甲县建设方案》(以下简称《建设方案》)…将《建设方案》报送市科技局; 按要求报送《乙实施方案》),
is a paper they draw up, no citation; a measure whose carrying out is reported on, or whose
provisions name what to hand in, is still cited. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.citations import find_citations


def _cited(text: str) -> list[str]:
    return [c.title for c in find_citations(text)]


def test_a_plan_handed_in_by_its_short_name_is_no_citation() -> None:
    text = ("根据《甲省创新型县建设工作指引》,各县对照提纲完善《甲省创新型县建设方案(2031-2033年)》"
            "(以下简称《建设方案》),并认真组织实施。请各县将《建设方案》报送市科技局,市科技局对《建设方案》进行审核。\n")
    assert _cited(text) == ["甲省创新型县建设工作指引"]


def test_a_plan_handed_in_by_its_full_name_is_no_citation() -> None:
    text = "依据《甲市乙类示范区管理办法》,各区按要求报送《乙类示范区建设实施方案》。\n"
    assert _cited(text) == ["甲市乙类示范区管理办法"]


def test_a_measure_whose_carrying_out_is_reported_on_is_still_cited() -> None:
    text = "各地要将贯彻落实《甲市乙类示范区管理办法》情况于年底前报送市科技局。\n"
    assert _cited(text) == ["甲市乙类示范区管理办法"]


def test_a_measure_naming_what_to_hand_in_is_still_cited() -> None:
    text = "申报单位应报送《甲市乙类示范区管理办法》规定的申报材料。\n"
    assert _cited(text) == ["甲市乙类示范区管理办法"]


def test_a_paper_to_hand_in_with_a_doc_number_is_still_cited() -> None:
    text = "请将《甲市乙类示范区建设方案》(甲科〔2031〕5号)报送市科技局。\n"
    assert _cited(text) == ["甲市乙类示范区建设方案"]
