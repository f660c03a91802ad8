"""A numbered heading that states a paragraph of prose before its own numbered items (一、…⏎a
paragraph of its own⏎(一)…⏎1.…): that paragraph is a provision beside the items, as the sixtieth
set of real documents showed three times. A lead-in that only announces the items, a chapter's
preface and a short line are none. Every text is written for its test."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read


def clause_texts(pipeline: Pipeline, tmp_path: Path, text: str) -> list[tuple[str | None, str]]:
    doc = read(pipeline, tmp_path, text)
    return [(c.label, doc.clean.normalized[c.start:c.end].split("\n")[0]) for c in doc.clauses]


def test_prose_before_a_headings_items_is_a_clause_beside_them(pipeline: Pipeline, tmp_path: Path):
    text = (
        "乙市推进科技服务业发展若干措施\n"
        "一、壮大科技服务主体\n"
        "围绕研发设计、检验检测和技术转移等领域,培育一批专业化科技服务机构,推动服务能力整体提升。\n"
        "(一)培育专业机构\n"
        "1.支持高校院所设立技术转移机构,开展成果评价和交易服务。\n"
        "2.鼓励社会资本举办检验检测机构,面向中小企业开放共享。\n"
        "二、优化发展环境\n"
        "1.完善科技服务业统计制度,定期发布发展报告。\n"
    )
    clauses = clause_texts(pipeline, tmp_path, text)
    assert (None, "围绕研发设计、检验检测和技术转移等领域,培育一批专业化科技服务机构,推动服务能力整体提升。") in clauses
    assert [label for label, _ in clauses] == [None, "1.", "2.", "1."]  # the headings themselves are none


def test_a_lead_in_that_announces_the_items_is_none(pipeline: Pipeline, tmp_path: Path):
    for lead in ("为加快科技服务业发展,现就有关事项提出以下具体措施。",
                 "结合本市实际,从以下几个方面给予科技服务机构支持。",
                 "为加快科技服务业发展,结合本市实际,提出主要任务如下:"):
        text = (
            "丙市推进科技服务业发展若干措施\n"
            "一、壮大科技服务主体\n"
            f"{lead}\n"
            "1.支持高校院所设立技术转移机构,开展成果评价和交易服务。\n"
            "2.鼓励社会资本举办检验检测机构,面向中小企业开放共享。\n"
        )
        assert [label for label, _ in clause_texts(pipeline, tmp_path, text)] == ["1.", "2."], lead


def test_a_short_line_before_the_prose_and_a_chapters_preface_are_none(pipeline: Pipeline, tmp_path: Path):
    text = (
        "丁省科技创新规划\n"
        "第一章 发展基础\n"
        "过去五年,全省研发经费投入强度持续提高,创新主体数量稳步增长,创新生态不断优化。\n"
        "一、主要成效\n"
        "发展基础。\n"
        "全省建成省级以上创新平台四百余家,技术合同成交额年均增长两成以上,成果转化明显加快。\n"
        "1.创新主体不断壮大,高新技术企业数量翻番。\n"
        "2.创新平台布局优化,重点实验室体系更加完善。\n"
    )
    clauses = clause_texts(pipeline, tmp_path, text)
    assert [label for label, _ in clauses] == [None, "1.", "2."]
    assert clauses[0][1].startswith("全省建成省级以上创新平台")
