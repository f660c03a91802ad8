"""Citations, metadata and refusals of layouts real pages print: laws named without 《》,
文号 whose brackets a page dropped, a shared file's name as a title, signatures run into a
flattened text, a title-issuer before a year, a page repeating its own title under a related
one, and untitled notices that still carry a 文号. The documents are made up."""

from __future__ import annotations

import pytest

from policykg.loaders.citations import doc_numbers_in, find_citations

from .test_structure import tree_of
from .texts import meta, read


def cited(text: str, **own) -> list[tuple[str, str | None]]:
    return [(c.title, c.doc_number) for c in find_citations(text, **own)]


# ---------------------------------------------------------------- citations


def test_a_law_named_without_title_marks_is_cited():
    text = "依据中华人民共和国促进科技成果转化法以及有关规定,结合本校实际,制定本办法。"
    assert cited(text) == [("中华人民共和国促进科技成果转化法", None)]


def test_a_law_named_plainly_before_a_comma_or_等():
    assert cited("根据中华人民共和国科学技术进步法、等法律,制定本条例。") == [("中华人民共和国科学技术进步法", None)]
    assert cited("根据中华人民共和国专利法等法律法规,制定本办法。") == [("中华人民共和国专利法", None)]


def test_a_law_inside_a_longer_name_or_a_title_is_not_cited_again():
    text = "按照《中华人民共和国促进科技成果转化法》和实施中华人民共和国促进科技成果转化法若干规定执行。"
    assert cited(text) == [("中华人民共和国促进科技成果转化法", None)]


def test_a_document_number_whose_brackets_were_dropped():
    text = "根据若干意见(中发20158号)和若干规定(国发201616号、教技20163号)的精神。"
    assert [n for n, _s, _e in doc_numbers_in(text)] == ["中发〔2015〕8号", "国发〔2016〕16号", "教技〔2016〕3号"]
    assert [number for _t, number in cited(text)] == ["中发〔2015〕8号", "国发〔2016〕16号", "教技〔2016〕3号"]


def test_an_ordinal_after_第_in_a_bracket_is_no_document_number():
    text = "您提出的《关于甲市发展乙业的建议》(代表提案第20240318号)收悉。"
    assert doc_numbers_in(text) == []
    assert cited(text) == [("关于甲市发展乙业的建议", None)]


def test_digits_and_号_outside_a_bracket_are_no_document_number():
    assert doc_numbers_in("全市共受理申请,累计编号至20231205号。") == []
    assert doc_numbers_in("门牌为解放路20151号的楼内") == []


def test_the_own_title_as_a_shared_files_name_is_no_citation():
    text = "《某大学成果转化办法.docx(7页珍藏版)》由会员分享。依据《乙省条例》制定。"
    assert cited(text, own_title="某大学成果转化办法") == [("乙省条例", None)]
    assert cited("详见《某市奖励办法.pdf》。") == [("某市奖励办法", None)]


# ---------------------------------------------------------------- metadata


def test_a_signature_run_into_the_end_of_a_flattened_notice():
    m = meta("各县科技局:根据《甲市实施方案》(甲委办发〔2020〕3号)精神,决定选认科技特派员200名,"
             "附件:1.特派员名单甲市科技特派员工作办公室甲市科学技术局(代章)2023年6月14日(此件主动公开)。")
    assert m["date"] == "2023-06-14"


def test_a_date_in_running_text_is_no_run_in_signature():
    m = meta("各县科技局:请于2023年6月14日前报送材料,逾期不予受理。")
    assert m["date"] is None


def test_a_university_signs_after_a_space_in_a_flattened_page():
    m = meta("各学院: 学校制定了甲大学成果转化办法,现予印发。 附件:甲大学成果转化办法(试行) 甲大学 2017年4月18日 附件: 正文\n")
    assert m["date"] == "2017-04-18"
    assert m["issuer"] == "甲大学"
    assert m["title"] == "甲大学成果转化办法(试行)"  # the attachment the notice issues, named inline


def test_an_attachment_named_without_an_issuing_sentence_is_no_title():
    m = meta("各学院: 请按时报送材料。 附件:甲大学成果转化办法(试行) 联系人:王某\n")
    assert m["title"] is None


def test_a_title_opening_with_its_issuer_and_a_year():
    m = meta("甲县科学技术局2022年工作规划\n一、指导思想\n全面完成各项工作任务。\n")
    assert m["title"] == "甲县科学技术局2022年工作规划"
    assert m["issuer"] == "甲县科学技术局"


def test_a_page_repeating_its_own_title_under_a_related_documents():
    own = "乙市科学技术局关于公布2023年度市级孵化器名单的通知"
    m = meta(f"甲市科学技术局关于印发《甲市众创空间认定管理办法》的通知\n合集下载\n{own}\n{own}\n{own}\n"
             "各县科技管理部门:\n经专家评审,确定市级孵化器名单。\n")
    assert m["title"] == own


def meta_with_tree(text: str) -> dict:
    from policykg.loaders.metadata import extract_metadata
    clean, tree = tree_of(text)
    return extract_metadata(clean, tree, "test.txt")


def test_a_title_run_into_the_line_of_the_first_article():
    m = meta_with_tree("甲学院成果转化细则(试行) 第一章 总 则第一条 为了促进转化,制定本细则。第二条 本细则适用于全院。\n")
    assert m["title"] == "甲学院成果转化细则(试行)"


def test_the_heading_under_a_page_header_block_is_the_title():
    text = ("索引号: 0070/2019-00075 目录组配分类: 政府机构\n发布机构: 甲区人民政府办公室 发布时间: 2019-06-25\n"
            "文号: 甲委办发〔2019〕16号\n甲区工业信息化和科技局职能配置\n第一条 根据有关规定,制定本规定。\n"
            "第二条 区工业信息化和科技局是区政府工作部门。\n")
    assert meta_with_tree(text)["title"] == "甲区工业信息化和科技局职能配置"


def test_contents_entries_are_no_title():
    text = ("(2001年3月9日甲省第九届人民代表大会常务委员会第二十次会议通过)\n目 录\n第一章 总则\n"
            "第二章 区域科技合作\n第三章 保障措施\n第一章 总则\n第一条 为了促进科技进步,制定本条例。\n")
    assert meta_with_tree(text)["title"] is None


# ---------------------------------------------------------------- refusal


def test_an_untitled_dated_notice_citing_a_numbered_policy_is_read(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "各县科技局:根据《甲市实施方案》(甲委办发〔2020〕3号)精神,决定选认科技特派员200名。"
               "甲市科学技术局 2023年6月14日\n")
    assert doc.date == "2023-06-14"
    assert [c.doc_number for c in doc.citations] == ["甲委办发〔2020〕3号"]


def test_untitled_prose_without_a_number_or_date_is_still_refused(pipeline, tmp_path):
    from policykg.loaders.errors import ReadError
    with pytest.raises(ReadError, match="not a policy"):
        read(pipeline, tmp_path, "今天天气很好,我们去公园散步。\n根据《公园管理办法》,请勿践踏草坪。\n")



def test_a_task_tables_header_cells_are_no_title():
    m = meta("某市成果转化行动方案任务分工\n发布时间:2024-01-15\n序号\n重点任务\n牵头单位\n配合单位\n完成时限\n"
             "1\n建设概念验证中心\n市科技局\n市财政局\n2024年底\n")
    assert m["title"] == "某市成果转化行动方案任务分工"
    m = meta("发布时间:2024-01-15\n序号 重点任务 牵头单位 配合单位\n1 建设中心 市科技局 市财政局\n")
    assert m["title"] is None
