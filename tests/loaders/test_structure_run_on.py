"""Articles and lists run into running lines, chunk numbers of document-sharing pages and
administrative notices without numbering. Every text here is written for its test."""

from __future__ import annotations

from .test_structure import clauses, span, tree_of


def labelled(text: str) -> list[tuple[str | None, str]]:
    clean, tree = tree_of(text)
    return [(c.label, span(clean, c)) for c in clauses(tree)]


# ---------------------------------------------------------------- articles run together


def test_an_article_glued_to_its_chapter_heading_is_cut_out():
    text = ("某学院技术转移细则(试行) 第一章 总 则第一条 为了规范技术转移,制定本细则。"
            "第二条 本细则适用于全院。第二章 职责分工第三条 科研处负责组织工作。第四条 财务处负责收益管理。\n")
    clean, tree = tree_of(text)
    assert [(c.label, span(clean, c)) for c in clauses(tree)] == [
        ("第一条", "第一条 为了规范技术转移,制定本细则。"), ("第二条", "第二条 本细则适用于全院。"),
        ("第三条", "第三条 科研处负责组织工作。"), ("第四条", "第四条 财务处负责收益管理。")]
    assert [n.label for n in tree.children if n.kind == "part"] == ["第一章", "第二章"]
    assert tree.children[0].kind == "title" and tree.children[0].heading == "某学院技术转移细则(试行)"


def test_articles_without_a_space_and_with_stray_punctuation_after_their_labels():
    text = ("第一章。总则第一条,为了促进技术进步,制定本条例、第二条,本条例适用于全市,"
            "第三条、坚持创新驱动。第四条.市政府统筹协调全市工作。\n")
    assert [label for label, _ in labelled(text)] == ["第一条", "第二条", "第三条", "第四条"]


def test_one_article_run_into_a_paragraph_carries_on_the_articles_above():
    text = ("第五条 财政资金用于下列事项:\n(一)引导资金;\n(二)平台建设。\n"
            "科技部门每年公开资金使用情况。第六条市政府设立转化基金。\n"
            "鼓励保险机构开发保险产品。第七条市政府\n")
    got = labelled(text)
    assert [label for label, _ in got] == ["第五条", "第六条", "第七条"]
    assert got[1] == ("第六条", "第六条市政府设立转化基金。\n鼓励保险机构开发保险产品。")


def test_articles_run_together_after_a_line_with_a_label_of_its_own():
    # the line opens with a page's chunk number, the articles still follow one another
    text = ("第一条 为促进转化,制定本办法。第二条 本办法所称成果是指职务成果。\n"
            "2、本条所称转化包括转让。第三条成果可以下列方式转化:(一)自行实施;(二)许可他人实施。"
            "第四条学校自主决定转让。\n")
    assert [label for label, _ in labelled(text)] == ["第一条", "第二条", "第三条", "第四条"]


def test_an_article_cited_in_a_running_sentence_is_not_cut_out():
    text = ("第一条 为促进转化,制定本办法。\n第二条 按照本办法第三条执行。依照第三条、第四条规定办理。"
            "有下列情形的,适用第三条的规定。\n第三条 本办法自印发之日起施行。\n")
    assert [label for label, _ in labelled(text)] == ["第一条", "第二条", "第三条"]
    assert labelled(text)[1][1].endswith("适用第三条的规定。")


def test_a_chapter_named_in_a_sentence_is_not_cut_out():
    text = "第一条 为促进转化,制定本办法。详见第二章 相关内容。\n第二条 本办法自印发之日起施行。\n"
    assert [label for label, _ in labelled(text)] == ["第一条", "第二条"]


# ---------------------------------------------------------------- chunk numbers of sharing pages


def test_chunk_numbers_of_a_sharing_page_are_no_labels():
    long_line = "第一条 本办法所称科技成果是指学校职务科技成果,包括专利、专有技术、计算机软件、集成电路布图设计和植物新品种等具有实用价值的成果,以及学校依法取得的其他知识产权和技术秘密,其转"
    text = (f"1、某大学科技成果转化办法\n{long_line}\n2、化活动,由学校统一管理。第二条 学校设立转化中心,负责日常工作和服务,并且组织开展成果评估、"
            "合同审核和收益分配等各项工作,定期向学校报告年度转化情况和重大事项的处理结果,接受学校和\n3、师生监督。\n")
    got = labelled(text)
    assert [label for label, _ in got] == ["第一条", "第二条"]
    assert got[0][1].endswith("其转\n2、化活动,由学校统一管理。")


def test_a_list_of_short_items_keeps_its_numbers():
    text = "某县工作要点\n1、加强组织领导\n2、强化资金保障\n3、营造良好氛围\n"
    assert [label for label, _ in labelled(text)] == ["1、", "2、", "3、"]


# ---------------------------------------------------------------- administrative notices


def test_an_administrative_notice_without_numbers_has_no_clauses():
    text = ("某市科技局关于公布2024年度市级孵化器名单的通知\n各区科技部门:\n"
            "经企业申请、专家评审,确定10家单位为市级孵化器。\n请各区加强对孵化器的日常管理。\n"
            "某市科技局\n2024年5月6日\n")
    assert labelled(text) == []


def test_a_notice_that_lays_down_rules_keeps_its_paragraphs():
    text = ("某县关于支持技术转移的通知\n各乡镇:\n对在本县转化科技成果的企业,给予一次性奖励。\n"
            "鼓励高校院所与企业共建研发平台。\n某县人民政府\n2024年3月5日\n")
    assert [label for label, _ in labelled(text)] == [None, None]


# ---------------------------------------------------------------- lists numbered 1. inside a running line


def test_a_list_numbered_after_commas_in_one_line_is_cut_into_items():
    text = ("对下列单位给予奖补,1.新建平台的牵头单位须在本市注册,2.在市科技局备案的服务机构,"
            "3.完成年度任务的登记机构。\n")
    assert labelled(text) == [("1.", "1.新建平台的牵头单位须在本市注册,"), ("2.", "2.在市科技局备案的服务机构,"),
                              ("3.", "3.完成年度任务的登记机构。")]


def test_a_list_after_a_colon_starts_again_at_one():
    text = "申报单位提交以下材料:1.奖补申请表,2.批复文件,3.转化证明。\n"
    assert [label for label, _ in labelled(text)] == ["1.", "2.", "3."]
    text = "对以下单位给予奖励,1.孵化器,2.众创空间,附送材料:1.申请表,2.证明。\n"
    assert [label for label, _ in labelled(text)] == ["1.", "1.", "2."]  # the second list inside item 2.


def test_numbers_after_a_comma_that_are_no_list_stay_text():
    text = "某市技术转移措施\n一、支持平台建设。全市投入,1.5亿元用于平台,2.5亿元用于人才。\n"
    assert [label for label, _ in labelled(text)] == ["一、"]
    text = "某市技术转移措施\n一、支持平台建设。对第1、2类平台,3.给予支持。\n"
    assert [label for label, _ in labelled(text)] == ["一、"]


# ---------------------------------------------------------------- an excerpt opening inside a provision


def test_the_cut_off_tail_before_a_list_starting_mid_way_is_no_provision(tmp_path):
    from policykg.loaders.pipeline import Pipeline
    text = ("12\n按照实际投入的30%,给予最高500万元的支\n持。对新认定的省级研究院,分别给予\n100万元、50万元的奖励。\n"
            "三、加速成果转化\n6.鼓励高校来本县设立技术转移中心。\n7.对技术合同给予奖励。\n")
    path = tmp_path / "excerpt.txt"
    path.write_text(text, encoding="utf-8")
    doc = Pipeline().read(path)
    assert [c.label for c in doc.clauses] == ["6.", "7."]


def test_an_incentive_before_a_list_starting_at_one_is_still_a_clause(tmp_path):
    from policykg.loaders.pipeline import Pipeline
    text = ("对新认定的省级研究院,给予100万元的奖励。\n一、加速成果转化\n二、培育技术市场\n")
    path = tmp_path / "excerpt.txt"
    path.write_text(text, encoding="utf-8")
    doc = Pipeline().read(path)
    assert [c.label for c in doc.clauses] == [None, "一、", "二、"]


def test_long_items_without_a_full_stop_keep_their_numbers():
    first = "1、加强组织领导。各地要建立科技成果转化工作协调机制,明确责任分工,细化工作举措,形成上下联动、部门协同、社会参与的工作格局,确保各项任务落地见效"
    text = f"某县成果转化工作要点\n{first}\n2、强化资金保障。县财政每年安排专项资金。\n"
    assert [label for label, _ in labelled(text)] == ["1、", "2、"]


def test_a_list_whose_first_item_is_glued_to_its_heading():
    text = ("某市成果转化措施\n一、主要任务(一)支持企业研发。给予奖励。(二)支持平台建设。给予补助。"
            "二、保障措施(一)加强组织领导。(二)强化资金保障。\n")
    assert [label for label, _ in labelled(text)] == ["(一)", "(二)", "(一)", "(二)"]


def test_a_numbered_item_cited_in_a_sentence_is_not_cut_out():
    text = "某市成果转化措施\n一、符合本条第(一)项的企业,给予奖励。(二)项另行规定。\n二、其他。\n"
    assert [label for label, _ in labelled(text)] == ["一、", "二、"]


def test_articles_numbered_in_arabic_digits():
    text = "某市办法\n第1条 为促进转化,制定本办法。第2条 本办法适用于全市。\n第3条 依照第2条规定执行。\n"
    assert [label for label, _ in labelled(text)] == ["第1条", "第2条", "第3条"]


# ---------------------------------------------------------------- unnumbered provisions with their fields


def test_an_unnumbered_provision_keeps_the_field_lines_under_it(tmp_path):
    from policykg.loaders.pipeline import Pipeline
    text = ("某市支持技术转移的若干政策\n为加快成果转化,制定本政策。\n"
            "建设技术市场。支持建设区域技术市场。\n牵头部门:\n市科技局\n配合部门:\n市财政局、市商务局\n"
            "培育技术经理人。开展专业化培训。(牵头单位:市人社局)\n"
            "扩大收益分配。支持高校改革收益分配制度。【牵头单位】市教育局【参与单位】市财政局\n")
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    doc = Pipeline().read(path)
    got = [(doc.clean.normalized[c.start:c.end].split("。")[0], [u.name for p in c.provisions for u in p.units])
           for c in doc.clauses]
    assert got == [("建设技术市场", ["市科技局", "市财政局", "市商务局"]), ("培育技术经理人", ["市人社局"]),
                   ("扩大收益分配", ["市教育局", "市财政局"])]
