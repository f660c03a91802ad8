"""Layouts found among the misses of the nineteenth round of real documents: a notice issuing
several documents whose first one's text follows (the others cited), a notice heading wrapped
over lines around the documents it issues."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

# ---------------------------------------------------------------- a notice issuing several documents


def test_the_documents_issued_beside_the_one_whose_text_follows_are_cited(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲省人民政府办公厅关于印发支持乙产业发展若干政策和甲省乙产业创新行动计划(2021—2023年)的通知\n"
            "甲政办秘〔2021〕5号\n各市人民政府,省政府各部门:\n"
            "《支持乙产业发展若干政策》《甲省乙产业创新行动计划(2021—2023年)》已经省政府同意,现印发给你们,请认真抓好落实。\n"
            "甲省人民政府办公厅\n2021年9月2日\n支持乙产业发展若干政策\n为加快乙产业发展,制定以下政策。\n"
            "一、支持乙平台建设\n对省级乙平台给予奖补,最高300万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "支持乙产业发展若干政策"
    assert [c.title for c in doc.citations] == ["甲省乙产业创新行动计划(2021—2023年)"]


def test_a_notice_heading_wrapped_around_the_documents_it_issues_names_no_title_line(pipeline: Pipeline,
                                                                                    tmp_path: Path) -> None:
    text = ("甲省人民政府\n关于印发“甲创新”“乙产业”\n“丙需求”行动计划(2024—2025年)\n的通知\n甲政发〔2024〕5号\n"
            "各市人民政府:\n《“甲创新”行动计划(2024—2025年)》《“乙产业”行动计划(2024—2025年)》"
            "《“丙需求”行动计划(2024—2025年)》已经省政府同意,现印发给你们。\n甲省人民政府\n2024年4月22日\n"
            "“甲创新”行动计划(2024—2025年)\n一、总体目标\n到2025年,全省研发经费投入达到100亿元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "“甲创新”行动计划(2024—2025年)"
    assert [c.title for c in doc.citations] == ["“乙产业”行动计划(2024—2025年)", "“丙需求”行动计划(2024—2025年)"]
