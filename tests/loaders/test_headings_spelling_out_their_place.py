"""A notice issuing a policy by a title opening on its level alone (《自治区甲办法》) while the
policy's own heading below it writes the place out (新疆维吾尔自治区甲办法, maybe wrapped over two
lines): the heading is the document's name. Made-up notices."""

from __future__ import annotations

from .texts import meta

HEAD = "新疆维吾尔自治区科学技术厅文件\n新科规〔2031〕2号\n自治区科学技术厅\n关于印发《自治区科技企业孵化载体\n管理办法》的通知\n各地(州、市)科技局:\n"
BODY = ("新疆维吾尔自治区科学技术厅\n2031年5月19日\n附件\n新疆维吾尔自治区科技企业孵化载体\n管理办法\n第一章 总则\n"
        "第一条 为规范孵化载体管理,制定本办法。\n")


def test_the_heading_below_a_sentence_issuing_the_policy_gives_its_place() -> None:
    text = HEAD + "现将《自治区科技企业孵化载体管理办法》印发给你们,请遵照执行。\n" + BODY
    assert meta(text)["title"] == "新疆维吾尔自治区科技企业孵化载体管理办法"


def test_the_heading_below_a_notice_whose_sentence_is_cut_gives_its_place() -> None:
    text = HEAD + "自治区科学技术厅修订了《自治区科技企业孵化载体\n管理办法》。现印发给你们,请遵照执行。\n" + BODY
    assert meta(text)["title"] == "新疆维吾尔自治区科技企业孵化载体管理办法"


def test_a_heading_adding_words_that_name_no_place_is_not_taken() -> None:
    text = HEAD + "现将《自治区科技企业孵化载体管理办法》印发给你们,请遵照执行。\n" \
        + BODY.replace("新疆维吾尔自治区科技企业孵化载体\n管理办法", "全疆各类自治区科技企业孵化载体\n管理办法", 1)
    assert meta(text)["title"] == "自治区科技企业孵化载体管理办法"
