"""Layouts of real documents the document tree reads: articles in chapters, lists that start
in the middle, items run into one line, PDF numbering, unnumbered paragraphs under a bare
heading, task tables (in the body and after 附件). Every text here is written for its test."""

from __future__ import annotations

import pytest

from policykg.loaders.structure import build_tree, load_vocab

from .test_structure import clauses, make_clean, span, tree_of
from .texts import read


def clause_texts(text: str) -> list[str]:
    clean, tree = tree_of(text)
    return [span(clean, c) for c in clauses(tree)]


def clause_labels(text: str) -> list[str | None]:
    _, tree = tree_of(text)
    return [c.label for c in clauses(tree)]


# ---------------------------------------------------------------- articles


def test_articles_inside_chapters_are_clauses_numbered_across_chapters():
    text = ("某县技术转移奖励办法\n第一章 总则\n第一条 为激励技术转移,制定本办法。\n"
            "第二条 本办法适用于县内企业。\n第二章 奖励\n第三条 企业吸纳技术成果的,给予补助。\n"
            "第四条 对技术经纪人给予奖励。\n第三章 附则\n第五条 本办法由县科技局负责解释。\n")
    _, tree = tree_of(text)
    assert [c.label for c in clauses(tree)] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert [n.label for n in tree.children if n.kind == "part"] == ["第一章", "第二章", "第三章"]


def test_twenty_articles_without_chapters():
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
                "十五", "十六", "十七", "十八", "十九", "二十"]
    text = "某市成果转化规定\n" + "".join(f"第{n}条 第{i}项规定的内容。\n" for i, n in enumerate(numerals, 1))
    assert clause_labels(text) == [f"第{n}条" for n in numerals]


def test_an_article_is_one_clause_with_the_list_inside_it():
    text = ("某市技术市场管理办法\n第一条 为了规范技术市场,制定本办法。\n"
            "第二条 市政府优先扶持下列项目:\n(一)带动产业升级的;\n(二)节约资源的。\n"
            "符合前款规定的,给予资金支持。\n第三条 本办法自发布之日起施行。\n")
    clean, tree = tree_of(text)
    got = clauses(tree)
    assert [c.label for c in got] == ["第一条", "第二条", "第三条"]
    assert span(clean, got[1]) == ("第二条 市政府优先扶持下列项目:\n(一)带动产业升级的;\n(二)节约资源的。\n"
                                   "符合前款规定的,给予资金支持。")
    assert [c.label for c in got[1].children if c.kind in ("section", "item")] == ["(一)", "(二)"]


def test_whole_clause_styles_come_from_the_vocabulary():
    from dataclasses import replace
    text = "第一条 资金用于下列事项:\n1.平台建设;\n2.人才培养。\n第二条 本规定由市科技局解释。\n"
    vocab = load_vocab()
    assert [c.label for c in clauses(build_tree(make_clean(text), vocab))] == ["第一条", "第二条"]
    items = replace(vocab, whole_clause_styles=frozenset())
    assert [c.label for c in clauses(build_tree(make_clean(text), items))] == ["1.", "2.", "第二条"]


# ---------------------------------------------------------------- lists that start in the middle


def test_an_excerpt_starting_at_a_part_in_the_middle():
    text = "三、壮大技术市场\n(四)建设交易平台。对平台给予补助。\n(五)培育经纪人才。\n四、强化保障\n(一)加强组织领导。\n"
    _, tree = tree_of(text)
    assert [(c.label, c.kind) for c in clauses(tree)] == [
        ("(四)", "section"), ("(五)", "section"), ("(一)", "section")]
    assert [n.label for n in tree.children] == ["三、", "四、"]


def test_an_excerpt_starting_at_a_section_with_parts_after_it():
    text = "(四)建设交易平台。对平台给予补助。\n(五)培育经纪人才。\n三、强化保障\n(一)加强组织领导。\n(二)加强督查。\n"
    _, tree = tree_of(text)
    assert [c.label for c in clauses(tree)] == ["(四)", "(五)", "(一)", "(二)"]
    assert [n.label for n in tree.children] == ["(四)", "(五)", "三、"]


def test_an_excerpt_of_numbered_items_starting_at_seven():
    text = "7.支持企业建设研发机构。\n8.鼓励企业购买技术成果。\n9.培育技术经理人。\n"
    assert clause_labels(text) == ["7.", "8.", "9."]


def test_a_single_part_excerpt_is_a_clause():
    assert clause_labels("七、加快成果转化。对转化项目给予补助。\n") == ["七、"]


def test_a_stray_number_in_a_notice_is_not_a_body():
    text = "某市关于做好申报工作的通知\n各区科技局:\n请于3月底前报送材料。\n5.联系电话另行通知\n"
    assert clause_labels(text) == []


# ---------------------------------------------------------------- items run into one line


def test_items_run_into_one_line_are_clauses():
    text = "一、支持成果转化\n(一)实施三项奖励:(1)对高校给予奖励;(2)对企业给予补助;(3)对服务机构给予补贴。\n(二)加强服务。\n"
    clean, tree = tree_of(text)
    assert [(c.label, span(clean, c)) for c in clauses(tree)] == [
        ("(1)", "(1)对高校给予奖励;"), ("(2)", "(2)对企业给予补助;"), ("(3)", "(3)对服务机构给予补贴。"),
        ("(二)", "(二)加强服务。")]


def test_full_width_items_and_circled_items_in_one_line():
    text = "一、工作措施\n实施以下举措：①建设平台；②引进人才；③设立基金。\n二、保障\n（一）支持项目：（1）研发项目；（2）转化项目。\n"
    assert clause_labels(text) == ["①", "②", "③", "(1)", "(2)"]


def test_a_line_opening_with_its_first_item_carries_on_inline():
    text = "一、资助范围\n(1)购买技术的企业;(2)转化成果的院所;(3)服务机构。\n"
    assert clause_labels(text) == ["(1)", "(2)", "(3)"]


def test_a_single_bracketed_number_inside_a_line_stays_text():
    text = "一、资助范围\n(一)符合下列条件:(1)在本市注册的企业。\n(二)其他。\n"
    assert clause_labels(text) == ["(一)", "(二)"]


def test_an_inline_list_that_does_not_start_at_one_stays_text():
    text = "一、资助范围\n(一)按规定执行:(3)所列情形;(4)所列情形。\n"
    assert clause_labels(text) == ["(一)"]


def test_a_flattened_text_is_cut_at_a_part_and_the_sections_nested_in_it():
    text = ("某县科技发展规划\n为推动县域创新,编制本规划。 一、发展基础 近年来全县创新能力提升。"
            " (一)企业实力增强。高新技术企业数量翻番。 (二)平台建设加快。新建两个研究院。"
            " 二、总体要求 坚持创新驱动。\n")
    clean, tree = tree_of(text)
    assert [(c.label, span(clean, c)) for c in clauses(tree)] == [
        ("(一)", "(一)企业实力增强。高新技术企业数量翻番。"), ("(二)", "(二)平台建设加快。新建两个研究院。"),
        ("二、", "二、总体要求 坚持创新驱动。")]
    assert tree.children[1].kind == "preamble"


def test_a_part_then_a_list_of_a_higher_rank_inside_a_line_stays_text():
    text = "某县科技发展规划\n为推动县域创新,编制本规划。 (一)企业实力增强。 一、发展基础\n"
    assert clause_labels(text) == []


# ---------------------------------------------------------------- PDF numbering


def test_zero_padded_and_dun_numbering_with_indentation():
    text = ("某区科技创新若干措施\n    01. 支持企业建设研发机构,给予奖励。\n    02. 鼓励高校院所转化成果,\n"
            "按转让收入给予补助。\n    03. 培育技术经理人。\n")
    clean, tree = tree_of(text)
    got = [(c.label, span(clean, c)) for c in clauses(tree)]
    assert got == [("01.", "01. 支持企业建设研发机构,给予奖励。"),
                   ("02.", "02. 鼓励高校院所转化成果,\n按转让收入给予补助。"), ("03.", "03. 培育技术经理人。")]
    assert clause_labels("  1、支持企业建设研发机构。\n  2、鼓励企业购买技术成果。\n") == ["1、", "2、"]


def test_a_part_numbered_one_after_a_list_of_items_ends_the_list():
    text = ("各有关单位:\n现将奖励事项通知如下:\n1、认定为示范机构的,奖励5万元。\n"
            "2、新建孵化器的,奖励10万元。\n一、申报材料\n1、申请书。\n2、营业执照。\n"
            "二、截止时间\n材料于年底前报送。\n")
    _, tree = tree_of(text)
    assert [c.label for c in clauses(tree)] == ["1、", "2、", "1、", "2、", "二、"]
    tops = [n.label for n in tree.children if n.kind in ("part", "section", "item")]
    assert tops == ["1、", "2、", "一、", "二、"]


# ---------------------------------------------------------------- unnumbered paragraphs


def test_a_bare_part_heading_is_one_clause_with_its_prose_paragraphs():
    text = ("某市科技成果转化工作方案\n一、工作目标\n到2025年,全市技术合同成交额达到100亿元。\n二、主要措施\n"
            "对高校院所转化科技成果的,按转让收入的10%给予奖励。\n对企业吸纳技术成果的,给予最高20万元补助。\n"
            "三、保障措施\n各部门要加强协作。\n本方案自印发之日起施行。\n")
    clean, tree = tree_of(text)
    got = [(c.kind, c.label, span(clean, c)) for c in clauses(tree)]
    assert got == [
        ("part", "一、", "一、工作目标\n到2025年,全市技术合同成交额达到100亿元。"),
        ("part", "二、", "二、主要措施\n对高校院所转化科技成果的,按转让收入的10%给予奖励。\n"
                         "对企业吸纳技术成果的,给予最高20万元补助。"),
        ("part", "三、", "三、保障措施\n各部门要加强协作。")]
    assert tree.children[-1].kind == "closing"


def test_a_bare_part_heading_is_one_clause_with_its_bulleted_lines():
    text = ("某县科技创新实施意见\n一、总体要求\n坚持创新驱动。\n二、目标任务\n"
            "——提升企业创新能力。高新技术企业达到50家。\n——提升成果转化能力。技术合同成交额翻番。\n")
    assert clause_labels(text) == ["一、", "二、"]


def test_titled_paragraphs_of_a_bare_part_heading_are_clauses():
    text = ("某市科技成果转化工作方案\n一、主要措施\n支持成果就地转化。对高校院所转化科技成果的,给予奖励。\n"
            "培育技术经理人。对取得职称的技术经理人,给予补助。\n责任单位:市科技局、市人社局\n"
            "二、保障措施\n各部门要加强协作。\n")
    clean, tree = tree_of(text)
    got = [(c.kind, c.label, span(clean, c)) for c in clauses(tree)]
    assert got == [
        ("paragraph", None, "支持成果就地转化。对高校院所转化科技成果的,给予奖励。"),
        ("paragraph", None, "培育技术经理人。对取得职称的技术经理人,给予补助。"),
        ("paragraph", None, "责任单位:市科技局、市人社局"),
        ("part", "二、", "二、保障措施\n各部门要加强协作。")]


def test_paragraphs_of_a_section_stay_one_clause():
    text = "一、总体要求\n(一)基本原则\n坚持市场导向。企业为主体。\n坚持协同推进。部门联动。\n(二)目标\n建成体系。\n"
    assert clause_labels(text) == ["(一)", "(二)"]


def test_paragraph_clause_kinds_come_from_the_vocabulary():
    text = "一、主要措施\n奖励高校。对高校给予奖励。\n补助企业。对企业给予补助。\n"
    vocab = load_vocab()
    from dataclasses import replace
    none = replace(vocab, paragraph_clause_kinds=frozenset())
    assert [c.label for c in clauses(build_tree(make_clean(text), none))] == ["一、"]
    assert [c.kind for c in clauses(build_tree(make_clean(text), vocab))] == ["paragraph", "paragraph"]


# ---------------------------------------------------------------- task tables


def test_table_rows_given_to_the_tree_are_clauses_with_their_wrapped_cells():
    text = ("二、重点任务\n序号\t重点任务\t牵头单位\n1\t建设验证中心\t市科技局\n2\t培育经理人,\n"
            "每年培训百人\t市人社局\n三、保障措施\n加强领导。\n")
    row1 = text.index("1\t")
    row2 = text.index("2\t")
    row2_end = text.index("\n三、")
    clean = make_clean(text)
    tree = build_tree(clean, table_rows=[(row1, row2 - 1), (row2, row2_end)])
    got = [(c.label, c.heading, span(clean, c)) for c in clauses(tree)]
    assert got == [("1", "建设验证中心", "1\t建设验证中心\t市科技局"),
                   ("2", "培育经理人,", "2\t培育经理人,\n每年培训百人\t市人社局"),
                   ("三、", "保障措施", "三、保障措施\n加强领导。")]


def test_task_table_rows_are_clauses_holding_their_units(pipeline, tmp_path):
    text = ("某市推进科技成果转化实施方案\n一、总体要求\n推动成果转化。\n二、重点任务\n"
            "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t建设概念验证中心\t市科技局\t市财政局、市发改委\t2025年底\n"
            "2\t培育技术经理人,\n每年培训100人\t市人社局\t市科技局\t长期坚持\n"
            "三、保障措施\n加强组织领导。\n本方案自印发之日起施行。\n")
    doc = read(pipeline, tmp_path, text)
    rows = [c for c in doc.clauses if c.label in ("1", "2")]
    assert [[(u.name, u.lead) for p in c.provisions for u in p.units] for c in rows] == [
        [("市科技局", True), ("市财政局", False), ("市发改委", False)],
        [("市人社局", True), ("市科技局", False)]]
    assert [c.label for c in doc.clauses] == ["一、", "1", "2", "三、"]


def test_a_table_after_the_attachment_line_gives_clauses(pipeline, tmp_path):
    text = ("某市推进科技成果转化实施方案\n一、建设中试平台。对新建平台给予50万元奖励。(责任单位:市科技局)\n"
            "二、完善收益分配。(责任单位:市教育局)\n附件:重点任务分工表\n"
            "序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n"
            "1 | 建设概念验证中心 | 市科技局 | 市财政局 | 2025年底\n"
            "2 | 培育技术经理人 | 市人社局 | 市科技局 | 长期坚持\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、", "二、", "1", "2"]
    assert [[u.name for p in c.provisions for u in p.units] for c in doc.clauses[2:]] == [
        ["市科技局", "市财政局"], ["市人社局", "市科技局"]]
    kinds = [n.kind for n in doc.tree.children]
    assert kinds == ["title", "part", "part", "closing", "closing", "item", "item"]


def test_a_table_written_one_cell_per_line_after_the_attachment(pipeline, tmp_path):
    cells = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "1", "建设中试平台", "市科技局",
             "市财政局、市发改委", "2025年", "2", "完善收益分配", "市教育局", "2026年"]
    text = "某市成果转化行动方案\n一、加强领导。\n二、强化考核。\n附件1\n重点任务分工\n" + "\n".join(cells) + "\n"
    doc = read(pipeline, tmp_path, text)
    rows = [c for c in doc.clauses if c.label in ("1", "2")]
    assert [[u.name for p in c.provisions for u in p.units] for c in rows] == [
        ["市科技局", "市财政局", "市发改委"], ["市教育局"]]


def test_rows_starting_at_seven_with_a_wrapped_cell(pipeline, tmp_path):
    text = ("某区成果转化方案\n一、工作任务\n序号 重点任务 主要责任单位 协同配合单位 完成期限\n"
            "7 建设三个孵化器。 区科技局 区财政局、区人社局 2024年6月底\n"
            "8 培育技术经理人队伍。 区人社局\n区科协\n区教育局、区工商联。 2024年底\n")
    doc = read(pipeline, tmp_path, text)
    assert [(c.label, c.heading) for c in doc.clauses] == [("7", "建设三个孵化器。"), ("8", "培育技术经理人队伍。")]
    assert [u.name for p in doc.clauses[1].provisions for u in p.units] == ["区人社局", "区科协", "区教育局", "区工商联"]


def test_articles_run_together_in_one_line_and_their_items():
    text = ("某省成果转化条例\n第一条 为了促进成果转化,制定本条例。第二条 本条例适用于本省。"
            "第三条 转化资金用于下列事项:(一)引导资金;(二)平台建设;(三)人才培养。\n")
    clean, tree = tree_of(text)
    assert [(c.label, span(clean, c)) for c in clauses(tree)] == [
        ("第一条", "第一条 为了促进成果转化,制定本条例。"), ("第二条", "第二条 本条例适用于本省。"),
        ("第三条", "第三条 转化资金用于下列事项:(一)引导资金;(二)平台建设;(三)人才培养。")]
    # the items are still read as the article's numbered children, inside its clause
    third = clauses(tree)[-1]
    assert [(c.label, span(clean, c)) for c in third.children] == [
        ("(一)", "(一)引导资金;"), ("(二)", "(二)平台建设;"), ("(三)", "(三)人才培养。")]


def test_an_excerpt_of_articles_run_together_from_the_third():
    text = "县级政府应当建立协调机制。第三条 科技部门负责具体工作。第四条 有关部门按照职责做好工作。\n"
    assert clause_labels(text) == ["第三条", "第四条"]


def test_an_article_cited_after_a_sentence_is_not_cut_out():
    text = "一、适用范围\n(一)按规定办理。第十条规定的情形除外。\n"
    assert clause_labels(text) == ["(一)"]


# ---------------------------------------------------------------- incentives outside the numbered items


def test_an_incentive_in_a_parts_lead_in_is_a_clause_of_its_own(pipeline, tmp_path):
    text = ("某市技术转移支持措施\n一、支持技术交易\n对企业购买技术成果的,按技术合同成交额的10%给予补助,最高50万元。\n"
            "(一)建设技术市场。\n(二)培育经纪人。\n")
    doc = read(pipeline, tmp_path, text)
    lead_in = [c for c in doc.clauses if c.kind == "paragraph"]
    assert len(lead_in) == 1
    (ins,) = [i for p in lead_in[0].provisions for i in p.instruments]
    assert (ins.rate, ins.cap_yuan) == (0.1, 500000)
    assert [c.label for c in doc.clauses] == [None, "(一)", "(二)"]


def test_an_incentive_in_an_unnumbered_notice_is_found(pipeline, tmp_path):
    text = ("某县鼓励技术转移的通知\n各乡镇:\n为加快成果转化,现通知如下。\n"
            "对在本县转化科技成果的企业,给予一次性奖励20万元。\n请认真贯彻执行。\n")
    doc = read(pipeline, tmp_path, text)
    assert len(doc.clauses) == 1
    assert "20万元" in doc.clean.normalized[doc.clauses[0].start:doc.clauses[0].end]
    assert [i.amount_yuan for p in doc.clauses[0].provisions for i in p.instruments] == [200000]


def test_a_closing_line_about_funding_in_general_stays_text(pipeline, tmp_path):
    text = ("某市成果转化措施\n一、支持平台建设。对新建平台给予奖励。\n二、支持人才引进。\n"
            "本措施所需奖补资金按现行财政体制分担。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、", "二、"]


def test_a_table_of_contents_is_not_the_body():
    text = ("某省技术市场条例\n目录\n第一章 总则\n第二章 交易\n第三章 附则\n第一章 总则\n"
            "第一条 为规范技术市场,制定本条例。\n第二章 交易\n第二条 技术交易应当订立合同。\n"
            "第三章 附则\n第三条 本条例自公布之日起施行。\n")
    _, tree = tree_of(text)
    assert [c.label for c in clauses(tree)] == ["第一条", "第二条", "第三条"]
    assert [n.label for n in tree.children if n.kind == "part"] == ["第一章", "第二章", "第三章"]
    assert [n.kind for n in tree.children[:2]] == ["title", "preamble"]


def test_a_text_flattened_onto_one_line_is_cut_at_its_labels():
    text = ("某市科技发展规划 为加强科技工作,特编制本规划。 一、现实基础 近年来成效显著。 (一)创新活力增强。"
            "一是人才增加。 (二)平台建设加快。 二、主要任务 (一)建设平台。对新建平台给予奖励。 (二)培育人才。\n")
    clean, tree = tree_of(text)
    assert [n.label for n in tree.children if n.kind == "part"] == ["一、", "二、"]
    assert [(c.label, span(clean, c)) for c in clauses(tree)] == [
        ("(一)", "(一)创新活力增强。一是人才增加。"), ("(二)", "(二)平台建设加快。"),
        ("(一)", "(一)建设平台。对新建平台给予奖励。"), ("(二)", "(二)培育人才。")]


def test_numbers_after_spaces_that_do_not_run_from_one_stay_text():
    text = "一、支持项目\n(一)按 (3) 类和 (4) 类项目的标准执行。\n"
    assert clause_labels(text) == ["(一)"]


def test_a_table_at_the_top_followed_by_a_line_after_its_rows():
    text = "序号\t重点任务\t牵头单位\n1\t建设平台\t市科技局\n2\t培育人才\t市人社局\n以上任务年底前完成。\n"
    rows = [(text.index("1\t"), text.index("\n2\t")), (text.index("2\t"), text.index("\n以上"))]
    clean = make_clean(text)
    tree = build_tree(clean, table_rows=rows)
    assert [c.label for c in clauses(tree)] == ["1", "2"]
    assert tree.children[-1].kind == "closing"
    assert span(clean, tree.children[-1]) == "以上任务年底前完成。"


def test_a_text_without_numbers_has_its_sentences_as_clauses():
    text = ("某县关于鼓励技术转移的通知\n各乡镇人民政府,县直各单位:\n为加快科技成果转化,结合本县实际,制定本通知。\n"
            "对在本县转化科技成果的企业,给予一次性奖励。\n鼓励高校院所与企业共建研发平台;\n"
            "本通知自印发之日起施行。\n特此通知。\n某县人民政府\n2024年3月5日\n")
    clean, tree = tree_of(text)
    assert [(c.kind, span(clean, c)) for c in clauses(tree)] == [
        ("paragraph", "对在本县转化科技成果的企业,给予一次性奖励。"), ("paragraph", "鼓励高校院所与企业共建研发平台;")]


def test_a_single_unnumbered_paragraph_is_a_clause():
    _, tree = tree_of("某市技术交易补助办法\n对企业购买技术成果的,按成交额给予补助。\n")
    assert [c.kind for c in clauses(tree)] == ["preamble"]


def test_prose_without_a_title_or_numbers_has_no_clauses():
    _, tree = tree_of("今天天气很好,我们去公园散步。\n公园里有很多人。\n")
    assert clauses(tree) == []


def test_an_incentive_on_a_line_carrying_on_a_broken_sentence_is_no_clause(pipeline, tmp_path):
    # an excerpt opening inside a provision: its last wrapped line is no paragraph of its own
    text = ("对购买技术成果并在本地实施转化的\n企业,按合同金额的\n5%给予补助,最高不超过30万元。\n"
            "08.对新认定的技术转移机构给予10万元奖励。\n09.对技术经纪人给予奖励。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["08.", "09."]


def test_an_incentive_line_after_a_complete_sentence_is_still_a_clause(pipeline, tmp_path):
    text = ("某县技术转移措施\n为加快成果转化,制定本措施。\n对技术经纪人,给予每人\n奖励1万元。\n"
            "对在本县转化科技成果的企业,给予一次性奖励20万元。\n一、建设技术市场。\n二、培育经纪人。\n")
    doc = read(pipeline, tmp_path, text)
    assert [doc.clean.normalized[c.start:c.end] for c in doc.clauses] == [
        "对在本县转化科技成果的企业,给予一次性奖励20万元。", "一、建设技术市场。", "二、培育经纪人。"]


@pytest.mark.parametrize("above", ["配合单位:\n市财政局,市人社局", "加强服务。【牵头单位】市科技局", "责任单位:市科技局"])
def test_an_incentive_line_after_a_field_is_still_a_clause(pipeline, tmp_path, above):
    text = (f"某县技术转移措施\n为加快成果转化,制定本措施。\n{above}\n"
            "对在本县转化科技成果的企业,给予一次性奖励20万元。\n一、建设技术市场。\n二、培育经纪人。\n")
    doc = read(pipeline, tmp_path, text)
    assert [doc.clean.normalized[c.start:c.end] for c in doc.clauses][0] == "对在本县转化科技成果的企业,给予一次性奖励20万元。"
