"""Layouts found among the misses of the twenty-second set of real documents: items numbered with
one-character enumerators (⑴⑵…, ⒈⒉…, ㈠㈡…) each over its own unit lines, an unlabelled bracket of
units the text's end cuts, a table of contents whose page numbers are run into the headings, the
outline of a plan whose text the copy lost, a listing page's number before the header fields, and a
notice calling for an appraisal or an application."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.responsibility import extract_provisions
from policykg.loaders.structure import StructureVocab, load_vocab, parse_label

from .texts import inline_units, read


def _units(doc) -> list[tuple[str | None, list[tuple[str, bool]]]]:
    """(label, [(unit, lead)]) of each clause of a document."""
    return [(c.label, [(u.name, u.lead) for p in c.provisions for u in p.units]) for c in doc.clauses]


# ---------------------------------------------------------------- one-character enumerators


@pytest.mark.parametrize(("line", "style", "number", "text"), [
    ("⑴甲县完成造林5万亩。", "ar_paren", 1, "⑴"),
    ("⑿乙县建成3个园区。", "ar_paren", 12, "⑿"),
    ("⒇ 丙项目。", "ar_paren", 20, "⒇"),
    ("⒊推进乙项目。", "ar_dot", 3, "⒊"),
    ("㈡加强组织领导。", "cn_paren", 2, "㈡"),
    ("㈩其他。", "cn_paren", 10, "㈩"),
    ("③做好宣传。", "circled", 3, "③"),
    ("㉑第二十一项。", "circled", 21, "㉑"),
])
def test_a_one_character_enumerator_is_the_label_it_stands_for(line: str, style: str, number: int,
                                                               text: str) -> None:
    label = parse_label(line)
    assert label is not None
    assert (label.style, label.number, label.text) == (style, number, text)
    assert line[label.end:].startswith(line[len(text):].lstrip()[:2])


def test_a_line_of_plain_text_opens_with_no_enumerator() -> None:
    assert parse_label("甲县完成造林5万亩。") is None
    assert parse_label("⑴") is not None  # a bare label at an excerpt's end is still a label


_TARGETS = ("甲省人民政府办公厅关于落实乙规划任务分工的通知\n"
            "各市人民政府,省政府各厅委、各直属机构:\n"
            "为落实乙规划,现将任务分工通知如下:\n"
            "一、主要目标和任务分工\n"
            "(一)主要规划指标。\n"
            "1.约束性指标。\n"
            "⑴九年义务教育巩固率达到96%。\n"
            "责任单位:省教育厅。\n"
            "⑵耕地保有量保持在5000万亩。\n"
            "责任单位:省自然资源厅。\n"
            "⑶单位地区生产总值能耗降低15%。\n"
            "牵头单位:省发展改革委。\n"
            "责任单位:省发展改革委、省工业和信息化厅、省统计局等。\n"
            "⑷城乡基本医疗保险参保率95%。\n"
            "牵头单位:省医保局。\n"
            "责任单位:省医保局、省卫生健康委。\n")


def test_each_parenthesized_digit_opens_a_clause_over_its_own_unit_lines(pipeline: Pipeline,
                                                                         tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _TARGETS)
    assert _units(doc) == [
        ("⑴", [("省教育厅", True)]),
        ("⑵", [("省自然资源厅", True)]),
        ("⑶", [("省发展改革委", True), ("省工业和信息化厅", False), ("省统计局", False)]),
        ("⑷", [("省医保局", True), ("省卫生健康委", False)]),
    ]


def test_digits_with_a_full_stop_and_parenthesized_numerals_open_clauses_too(pipeline: Pipeline,
                                                                            tmp_path: Path) -> None:
    text = _TARGETS.replace("⑴", "⒈").replace("⑵", "⒉").replace("⑶", "⒊").replace("⑷", "⒋") \
        .replace("1.约束性指标。\n", "")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["⒈", "⒉", "⒊", "⒋"]
    assert _units(doc)[2][1][0] == ("省发展改革委", True)
    doc = read(pipeline, tmp_path, text.replace("(一)主要规划指标。\n", "").replace("⒈", "㈠").replace("⒉", "㈡")
               .replace("⒊", "㈢").replace("⒋", "㈣"))
    assert [c.label for c in doc.clauses] == ["㈠", "㈡", "㈢", "㈣"]
    assert _units(doc)[3][1] == [("省医保局", True), ("省卫生健康委", False)]


def test_enumerators_run_into_one_line_are_items_of_their_own(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲县支持乙产业发展的若干措施\n"
            "一、支持企业研发。对企业给予以下支持:⑴新认定的高新技术企业奖励10万元;"
            "⑵新认定的省级研发中心奖励20万元;⑶新认定的国家级研发中心奖励50万元。\n"
            "二、对新引进的研发团队给予30万元资助。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["⑴", "⑵", "⑶", "二、"]
    doc = read(pipeline, tmp_path, text.replace("⑴", "①").replace("⑵", "②").replace("⑶", "③"))
    assert [c.label for c in doc.clauses] == ["①", "②", "③", "二、"]


def test_the_enumerator_characters_are_read_from_the_vocabulary() -> None:
    data = {**_vocab_data(), "enumerator_characters": {"circled": ["①②③", "❶❷❸"]}}
    vocab = StructureVocab.from_dict(data)
    assert vocab.enumerators["❷"] == ("circled", 2)
    assert vocab.enumerators["③"] == ("circled", 3)
    assert "⑴" not in vocab.enumerators
    assert load_vocab().enumerators["⑽"] == ("ar_paren", 10)
    with pytest.raises(ValueError, match="unknown label style"):
        StructureVocab.from_dict({**data, "enumerator_characters": {"bullet": "●"}})
    with pytest.raises(ValueError, match="given twice"):
        StructureVocab.from_dict({**data, "enumerator_characters": {"circled": "①", "ar_paren": "①"}})


def _vocab_data() -> dict[str, object]:
    import json

    from policykg.loaders.structure import DATA_FILE

    data: dict[str, object] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------- a bracket of units the text's end cuts


def test_a_bracket_of_units_the_text_ends_in_gives_the_units_it_holds() -> None:
    text = ("二、加快推进甲项目建设,开工建设乙大桥等重点项目。"
            "〔省委甲办、省发展改革委、省科技厅、省交通运输厅、省数据局(省营商局)")
    assert inline_units(text) == [("省委甲办", True), ("省发展改革委", False), ("省科技厅", False),
                                  ("省交通运输厅", False), ("省数据局", False)]


def test_a_unit_the_text_ends_in_the_middle_of_is_none() -> None:
    text = "二、加快推进甲项目建设。〔省发展改革委、省科技厅、省工业和"
    assert [name for name, _ in inline_units(text)] == ["省发展改革委", "省科技厅"]


def _last_clause_units(text: str, start: str) -> list[tuple[str, bool]]:
    """(name, lead) of the units of the clause that opens at ``start`` and runs to the text's end."""
    at = text.index(start)
    return [(u.name, u.lead) for p in extract_provisions(text, at, len(text), None) for u in p.units]


def test_a_cut_bracket_names_no_units_where_the_texts_brackets_close_on_a_verb() -> None:
    closed = "一、推进甲任务。(省甲厅、省乙厅等按职责分工负责)\n"
    assert _last_clause_units(closed + "二、推进乙任务。(省发展改革委、省科技厅、省财政厅(省丙局)", "二、") == []
    # a bracket of another shape closing on its verb says nothing of how a 〔…〕 list ends
    assert _last_clause_units(closed + "二、推进乙任务。〔省发展改革委、省科技厅、省财政厅(省丙局)", "二、") == [
        ("省发展改革委", True), ("省科技厅", False), ("省财政厅", False)]


def test_an_unclosed_bracket_before_more_text_names_no_units() -> None:
    text = ("二、加快推进甲项目建设。〔省发展改革委、省科技厅\n"
            "三、推进乙工程建设。\n")
    assert inline_units(text) == []


# ---------------------------------------------------------------- contents, outlines, field lines


_CONTENTS = ("甲县科技创新规划\n"
             "一、基础与形势- 3 -\n"
             "(一)发展基础- 3 -\n"
             "1科技创新环境不断优化- 3 -\n"
             "2.科技创新主体稳步壮大- 4 -\n"
             "3.科技创新能力明显提升5\n"
             "(二)面临形势6\n"
             "二、思路与目标7\n"
             "(一)指导思想7\n"
             "(二)发展目标8\n"
             "1.\n")


def test_contents_entries_with_page_numbers_run_into_them_are_no_clauses(pipeline: Pipeline,
                                                                        tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _CONTENTS)
    assert doc.clauses == []


def test_the_body_after_such_contents_keeps_its_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    body = ("一、基础与形势\n(一)发展基础\n甲县科技投入稳步增长,全社会研发投入达到2亿元。\n"
            "(二)面临形势\n乙产业加快发展,创新要素加快集聚。\n")
    doc = read(pipeline, tmp_path, _CONTENTS.replace("1.\n", "") + body)
    assert [c.label for c in doc.clauses] == ["(一)", "(二)"]


_OUTLINE = ("甲区科技创新规划\n"
            "发布时间:2023-03-01 来源:甲区科技局\n"
            "为推动甲区科技创新,依据《甲市科技创新规划》编制本规划。\n"
            "第一章 谋划新时期科技创新蓝图\n"
            "一、发展形势\n(一)发展现状\n(二)主要问题\n(三)战略机遇\n"
            "二、目标和思路\n(一)指导思想\n(二)基本原则\n(三)发展目标\n"
            "第二章 推进创新发展\n一、\n")


def test_an_outline_of_headings_without_their_text_has_no_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _OUTLINE)
    assert doc.clauses == []
    assert doc.title == "甲区科技创新规划"


def test_headings_with_text_below_one_of_them_stay_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _OUTLINE.replace("(二)主要问题\n", "(二)主要问题\n创新投入仍然不足。\n"))
    assert [c.label for c in doc.clauses][:3] == ["(一)", "(二)", "(三)"]


def test_a_short_list_of_measure_headings_stays_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲县支持科技创新的若干措施\n一、支持企业研发\n(一)研发投入奖励\n(二)平台建设补助\n二、附则\n"
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["(一)", "(二)", "二、"]


def test_a_listing_number_before_the_header_fields_is_no_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("1. 索 引 号: /2023-001/2023-002 主题分类: 科技\n"
            "发文机关: 甲县人民政府 成文日期: 2023年2月1日\n"
            "甲县科技创新实施方案\n"
            "一、对新认定的高新技术企业给予10万元奖励。\n"
            "二、对新认定的省级研发平台给予20万元奖励。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、", "二、"]


def test_a_numbered_field_below_the_first_line_stays_a_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲县科技创新奖励申报指南\n"
            "1.名称: 甲县科技创新奖,对获奖项目给予10万元奖励。\n"
            "2.对获奖个人给予2万元奖励。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["1.", "2."]


def test_a_numbered_first_line_that_is_no_field_stays_a_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲县科技创新实施方案\n"
            "1.对新认定的高新技术企业给予10万元奖励。\n"
            "2.对新认定的省级研发平台给予20万元奖励。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["1.", "2."]


# ---------------------------------------------------------------- a notice calling for an appraisal


_APPRAISAL = ("关于对甲区首批示范企业进行考核及申请第二笔扶持资金的通知\n"
              "甲区首批示范企业:\n"
              "为落实《甲市关于推进创新发展的实施意见》,我区于2020年评选出首批示范企业,并给予扶持。\n"
              "现开展对首批示范企业的考核工作,考核内容主要为联盟组建情况。\n"
              "请有关企业于9月20日之前填报《示范企业考核登记表》。\n"
              "经考核合格的,按照相关政策申请第二笔扶持资金。\n"
              "联系人:张三\n"
              "甲区科技局\n"
              "2021年9月1日\n")


def test_a_notice_calling_for_an_appraisal_states_no_provision(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _APPRAISAL)
    assert doc.clauses == []
    assert doc.title == "关于对甲区首批示范企业进行考核及申请第二笔扶持资金的通知"


def test_an_unnumbered_measure_keeps_its_paragraphs(pipeline: Pipeline, tmp_path: Path) -> None:
    text = _APPRAISAL.replace("关于对甲区首批示范企业进行考核及申请第二笔扶持资金的通知", "甲区支持示范企业发展的若干措施")
    doc = read(pipeline, tmp_path, text)
    assert len(doc.clauses) >= 2
