"""A title the text asks to fill in (填写《甲年度总结报告》和《乙调查表》, 填报《丙年报软件》) is
a return, no citation; a text opening on the body that drew a measure up (甲厅会同乙厅研究制定了
《甲办法》,…) is titled by it. Made-up sentences; real place names only where the gazetteer must
know them."""

from __future__ import annotations

from policykg.loaders.citations import find_citations

from .texts import meta


def _cited(text: str) -> list[str]:
    return [c.title for c in find_citations(text)]


def test_returns_the_text_asks_to_fill_in_are_no_citations() -> None:
    text = ("按照《甲省研究中心管理办法》,决定开展年度调查。\n"
            "二、已建中心按要求填写《甲省研究中心年度总结报告》和《甲省研究中心年度调查表》,"
            "同时填报《甲省研究中心年报软件》。\n")
    assert _cited(text) == ["甲省研究中心管理办法"]


def test_a_return_with_a_doc_number_is_still_cited() -> None:
    text = "请填写《甲省研究中心年度总结报告》(甲科〔2031〕5号)。\n"
    assert _cited(text) == ["甲省研究中心年度总结报告"]


def test_a_measure_named_beside_the_filling_in_is_still_cited() -> None:
    text = "请依照《甲省研究中心管理办法》的要求如实填写《甲省研究中心年度调查表》。\n"
    assert _cited(text) == ["甲省研究中心管理办法"]


def test_a_text_opening_on_the_body_that_drew_it_up_is_titled_by_the_measure() -> None:
    text = ("省科技厅会同省财政厅研究制定了《安徽省甲类服务券管理办法(试行)》,支持企业开展研发活动,"
            "第五条(部门职责)省科技厅负责制定服务券政策,第六条(运行模式)省财政厅负责资金保障。\n")
    m = meta(text)
    assert m["title"] == "安徽省甲类服务券管理办法(试行)"
    assert m["region"] == "安徽省"


def test_a_measure_drawn_up_further_into_a_text_titles_nothing() -> None:
    text = ("为支持企业创新,近年来,省科技厅会同省财政厅研究制定了《安徽省甲类服务券管理办法(试行)》,"
            "各地积极落实,成效明显。\n")
    assert meta(text)["title"] != "安徽省甲类服务券管理办法(试行)"
