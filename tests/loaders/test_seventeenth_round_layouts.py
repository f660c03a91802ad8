"""Layouts found among the misses of the seventeenth round of real documents: the banking and
insurance regulators' short names in a list of bodies, a bracket that states its own lead
rule, a role written as a list of duties, articles of a digest run into one line, a single
article quoted after an excerpt's items."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import inline_units, read

# ---------------------------------------------------------------- regulators' short names


def test_the_regulators_short_names_are_bodies_of_a_list() -> None:
    text = ("(甲部牵头,乙部、人民银行、银监会、证监会、保监会等按职责分工负责)")
    assert inline_units(text) == [("甲部", True), ("乙部", False), ("人民银行", False), ("银监会", False),
                                  ("证监会", False), ("保监会", False)]


def test_the_regulators_names_with_their_country_are_bodies_too() -> None:
    text = ("(甲部牵头,中国银监会、中国保监会、中国证监会按职责分工负责)")
    assert inline_units(text) == [("甲部", True), ("中国银监会", False), ("中国保监会", False), ("中国证监会", False)]


# ---------------------------------------------------------------- a bracket stating its lead rule


def test_a_bracket_that_states_its_own_lead_rule_names_its_bodies() -> None:
    text = ("1. 建成覆盖城乡的服务网络,每千人口床位数达到0.5张。(甲局、乙委、丙部负责。列第一位者为牵头部门或单位,"
            "其他有关部门和单位按职责分工负责,下同)")
    assert inline_units(text) == [("甲局", True), ("乙委", False), ("丙部", False)]
    # a verb ending a sentence inside a bracket that does not open on the list names no one
    assert inline_units("1. 建成覆盖城乡的服务网络(网络建设由各地安排。甲局、乙委负责。其余事项另行规定)") == []


# ---------------------------------------------------------------- a role's duties


def test_a_lead_role_listed_among_duties_assigns_no_one() -> None:
    text = "1.强化统筹。强化标准化主管部门牵头、协调、监督职责,发挥有关部门作用。"
    assert inline_units(text) == []
    # a lead whose supporting body follows its 、 is still assigned
    assert inline_units("(甲市科技局牵头、甲市财政局配合)") == [("甲市科技局", True), ("甲市财政局", False)]


# ---------------------------------------------------------------- articles of a digest


def test_articles_of_a_digest_run_into_one_line_may_skip_numbers(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("第二条本办法所称甲贷是指以甲区风险补偿资金池作为增信措施的贷款,,第六条领导小组按程序委托第三方管理资金池,"
            "第七条受托管理机构负责资金池日常管理,,第十五条合作银行应加强贷后管理,,第二十一条受托管理机构补偿损失的50%。")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["第二条", "第六条", "第七条", "第十五条", "第二十一条"]


# ---------------------------------------------------------------- a cut-off pinyin annotation


def test_a_pinyin_annotation_cut_off_where_the_excerpt_stops_is_removed(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "第一條甲區資金池(chí)由受托機構(gòu)管理。\n第二條受托機構將貸款本金余額50%部分的補(b"
    doc = read(pipeline, tmp_path, text)
    assert doc.clean.text.endswith("部分的補")


# ---------------------------------------------------------------- an article after an excerpt's items


def test_an_article_quoted_after_an_excerpts_items_is_a_clause_beside_them(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市贷款风险补偿标准:\n(一)采取直接贷款方式的,给予合作银行该笔不良贷款30%的风险补偿。\n"
            "(二)该笔贷款属于首笔贷款的,再提高5个百分点。\n甲市贷款风险补偿申报条件:\n第十条 风险补偿对象为合作银行、合作担保机构。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["(一)", "(二)", "第十条"]


# ---------------------------------------------------------------- an answer's marker


def test_a_label_right_after_an_answers_marker_opens_a_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("答:(一)框架解读\n《甲市科技贷款风险补偿资金管理办法》分5章共20条,明确了各方职责。\n"
            "(二)具体条款解读\n1.合作银行准入标准(第十条)\n须在本市设立分支机构满2年。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses][0] == "(一)"


def test_an_answer_page_explaining_one_named_rule_takes_its_title(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("答:(一)框架解读\n《甲市科技贷款风险补偿资金管理办法》(以下简称“管理办法”)分5章共20条,明确了各方职责。\n"
            "(二)具体条款解读\n1.合作银行准入标准(第十条)\n须在本市设立分支机构满2年。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲市科技贷款风险补偿资金管理办法"


# ---------------------------------------------------------------- a title broken before its years


def test_a_title_under_the_signature_broken_before_its_years_is_joined() -> None:
    from .texts import meta

    text = ("各有关单位:\n现将实施分工方案印发给你们,请认真落实。\n甲省乙工作领导小组办公室\n2017年2月10日\n"
            "甲省乙发展战略规划纲要\n(2016—2030年)实施分工方案\n一、提高服务能力\n")
    assert meta(text)["title"] == "甲省乙发展战略规划纲要(2016—2030年)实施分工方案"


# ---------------------------------------------------------------- plans named without 《》


def test_a_plan_name_that_opens_the_own_title_or_runs_over_a_notice_heading_is_no_citation(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲丙市人民政府关于印发甲丙市全民科学素质行动规划纲要实施方案(2021—2025年)的通知\n"
            "各区人民政府:\n现将方案印发给你们。\n甲丙市全民科学素质行动规划纲要实施方案(2021—2025年)\n"
            "一、总体要求\n根据《全民科学素质行动规划纲要(2021—2035年)》,制定本方案。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.title for c in doc.citations] == ["全民科学素质行动规划纲要(2021—2035年)"]
