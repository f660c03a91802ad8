"""Layouts first seen on the seventh held-out set: tables of contents whose sections number
again under each chapter, lists of attachments run into their 附件 line, notices issuing
several documents whose title stands over three lines or names one document and a count.
Every text here is made up for its test."""

from __future__ import annotations

from policykg.loaders.citations import find_citations

from .texts import meta, read


def _labels(doc) -> list[str]:
    return [c.label for c in doc.clauses]


# ---------------------------------------------------------------- tables of contents


NESTED_CONTENTS = (
    "甲市科技创新发展规划\n\n"
    "目  录\n\n"
    "第一章 发展基础\n\n第一节 取得的成效\n\n第二节 面临的形势\n\n"
    "第二章 主要任务\n\n第一节 建设创新平台\n\n第二节 培育创新主体\n\n第三节 促进成果转化\n\n"
    "第一章 发展基础\n\n"
    "第一节 取得的成效\n\n全市研发投入持续增长,创新平台不断增加。\n\n"
    "第二节 面临的形势\n\n新一轮科技革命加速演进。\n"
)


def test_contents_sections_numbered_again_under_each_chapter_are_no_clauses(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, NESTED_CONTENTS)
    assert _labels(doc) == ["第一节", "第二节"]  # the body's, not the contents' five
    assert "研发投入" in doc.clean.normalized[doc.clauses[0].start:doc.clauses[0].end]


def test_contents_items_numbered_again_under_each_part_are_no_clauses(pipeline, tmp_path):
    text = ("乙县创新驱动发展规划\n\n目   录\n\n一、 发展基础\n\n(一)现有基础\n\n(二)面临形势\n\n"
            "二、 主要任务\n\n(一)壮大创新主体\n\n(二)建设创新平台\n\n(三)引进创新人才\n\n"
            "序  言\n\n本规划依据乙县国民经济和社会发展规划编制。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.clauses == [] or all(not c.label for c in doc.clauses)


# ---------------------------------------------------------------- attachment lists


SEVERAL_ISSUED = (
    "来源:甲省财政厅\n\n"
    "甲省财政厅 甲省科技厅\n"
    "关于印发 《甲省技术转移奖励资金管理办法》\n"
    "《甲省创新券管理办法》\n"
    "《甲省揭榜挂帅项目管理办法》的通知\n\n"
    "甲财规〔2030〕7号\n\n"
    "各市财政局、科技局:\n\n"
    "为促进技术转移,省财政厅、省科技厅制定了《甲省技术转移奖励资金管理办法》《甲省创新券管理办法》"
    "《甲省揭榜挂帅项目管理办法》。现印发你们,请遵照执行。\n\n"
    "附件:1.甲省技术转移奖励资金管理办法\n\n"
    "   2.甲省创新券管理办法\n\n"
    "   3.甲省揭榜挂帅项目管理办法\n\n"
    "甲省财政厅\n\n甲省科学技术厅\n\n2030年3月2日\n\n"
    "附件1\n\n"
    "甲省技术转移奖励资金管理办法\n\n"
    "第一章 总 则\n\n"
    "第一条 为规范技术转移奖励资金管理,制定本办法。\n\n"
    "第二条 本办法所称技术转移,是指技术从供给方向需求方转移的过程。\n"
)


def test_a_list_of_attachments_run_into_its_line_is_no_list_of_clauses(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, SEVERAL_ISSUED)
    assert _labels(doc) == ["第一条", "第二条"]  # the attachment's articles, not 2. and 3. of the list


def test_a_notice_title_over_three_lines_titles_its_first_document(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, SEVERAL_ISSUED)
    assert doc.title == "甲省技术转移奖励资金管理办法"
    assert doc.doc_number == "甲财规〔2030〕7号"


def test_documents_issued_beside_the_policy_on_lines_of_their_own_are_citations(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, SEVERAL_ISSUED)
    titles = {c.title for c in doc.citations}
    assert titles == {"甲省创新券管理办法", "甲省揭榜挂帅项目管理办法"}


def test_a_title_line_under_a_prose_line_ending_in_a_title_is_still_the_policy():
    text = "甲市关于转发有关文件的说明,详见《乙办法》\n《乙办法》\n第一条 为规范管理,制定本办法。\n"
    assert find_citations(text) == []  # the line above is prose, not a heading listing titles


def test_a_notice_naming_one_document_and_a_count_titles_that_document(pipeline, tmp_path):
    text = ("关于印发《中共甲区委、甲区人民政府关于促进新兴产业发展的意见》等4个文件的通知\n"
            "各街镇、各部门:\n"
            "《中共甲区委、甲区人民政府关于促进新兴产业发展的意见》、《中共甲区委、甲区人民政府关于促进"
            "总部经济发展的措施》等4个文件已经区委、区政府同意,现印发给你们,请认真贯彻执行。\n"
            "中共甲区委\n甲区人民政府\n2031年2月1日\n"
            "一、总体要求\n(一)指导思想\n坚持创新驱动,推动产业升级。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "中共甲区委、甲区人民政府关于促进新兴产业发展的意见"
    assert "中共甲区委、甲区人民政府关于促进总部经济发展的措施" in {c.title for c in doc.citations}


# ---------------------------------------------------------------- ordinal run-in paragraphs


def test_paragraphs_opening_with_ordinals_are_points_of_one_provision(pipeline, tmp_path):
    text = ("甲市科学技术局关于办理提案的答复\n"
            "贵委提出的提案收悉,现答复如下:\n"
            "一、关于支持企业创新\n"
            "一是支持企业与高校合作。我局设立产学研合作项目,按研发经费一定比例给予补助。\n"
            "二是实施研发后补助。对研发投入增长的企业给予奖励。\n"
            "二、关于培养人才\n"
            "我局实施人才计划,引进高层次人才。\n")
    doc = read(pipeline, tmp_path, text)
    assert _labels(doc) == ["一、", "二、"]  # 一是/二是 are points of 一、, no clauses of their own


def test_paragraphs_opening_with_title_sentences_are_still_clauses(pipeline, tmp_path):
    text = ("甲市促进技术转移若干措施\n"
            "一、支持成果转化\n"
            "支持就地转化。对在本市转化成果的高校给予奖励。\n"
            "支持技术交易。对技术合同登记的企业给予补助。\n")
    doc = read(pipeline, tmp_path, text)
    assert len(doc.clauses) == 2 and all(c.label is None for c in doc.clauses)


# ---------------------------------------------------------------- news pages by their outlet


def test_a_page_credited_to_a_news_outlet_reports_and_grants_nothing(pipeline, tmp_path):
    text = ("某某新闻网\n您当前位置: 新闻中心>>区域\n\n"
            "《甲省技术转移奖励办法》3月1日起施行\n\n"
            "2031-02-01 09:15:20 甲日报-某某经济网\n\n"
            "甲省人民政府日前发布消息:《甲省技术转移奖励办法》经省政府常务会议通过。\n\n"
            "《办法》规定,技术转移杰出贡献奖的奖金为100万元,一等奖20万元。\n\n"
            "业内人士认为,这一举措将激发科研人员的积极性。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.clauses == []  # so no award of it is an instrument
    assert doc.title == "甲省技术转移奖励办法"


def test_a_source_line_naming_a_news_site_marks_a_news_item():
    from policykg.loaders.structure import reports_on_a_measure

    assert reports_on_a_measure("甲地推进成果转化\n\n发布时间: 2031-06-22 09:17:00 来源: 某某新闻网\n\n近年来,甲地…", [])
    assert not reports_on_a_measure("甲市技术转移办法\n\n来源:甲市科学技术局\n\n第一条 为促进转移,制定本办法。", [])


# ---------------------------------------------------------------- documents named inside a title


def test_a_law_named_in_angle_brackets_inside_a_title_is_a_citation():
    text = "近年来,甲省修订出台《甲省实施〈中华人民共和国促进科技成果转化法〉办法》,下放处置权。"
    titles = [c.title for c in find_citations(text)]
    assert titles == ["甲省实施〈中华人民共和国促进科技成果转化法〉办法", "中华人民共和国促进科技成果转化法"]


def test_the_document_a_cited_notice_issues_is_named_inside_it():
    text = "根据《甲省人民政府关于印发〈甲省示范区建设方案〉的通知》(甲政发〔2030〕2号),制定本细则。"
    cits = find_citations(text)
    assert [(c.title, c.doc_number) for c in cits] == [
        ("甲省人民政府关于印发〈甲省示范区建设方案〉的通知", "甲政发〔2030〕2号"), ("甲省示范区建设方案", None)]


# ---------------------------------------------------------------- commendations


def test_a_commendation_decision_without_numbering_has_no_provisions(pipeline, tmp_path):
    text = ("甲市人民政府关于表彰2030年度技术转移先进单位的决定\n"
            "甲政函〔2031〕5号\n"
            "各县区人民政府,市政府各工作部门:\n"
            "根据《甲市技术转移奖励办法》,经市政府研究,决定对甲公司等12家单位予以表彰奖励。\n"
            "希望受到表彰的单位珍惜荣誉,再创佳绩。\n"
            "甲市人民政府\n2031年3月1日\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲市人民政府关于表彰2030年度技术转移先进单位的决定"
    assert doc.clauses == []
    assert [c.title for c in doc.citations] == ["甲市技术转移奖励办法"]


def test_a_decision_that_is_a_policy_keeps_its_paragraphs(pipeline, tmp_path):
    text = ("甲市人民政府关于加快技术转移的决定\n"
            "技术转移是创新驱动的关键环节。\n"
            "对技术转移机构给予奖励,最高50万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert len(doc.clauses) == 2


# ---------------------------------------------------------------- titles


def test_a_title_followed_by_its_bracketed_number_drops_the_number(pipeline, tmp_path):
    text = ("当前位置:首页-政策法规\n\n"
            "甲省人民政府关于加强技术转移的决定( 甲发〔2031〕9号)\n\n"
            "发布单位:甲省政府发布时间:2032-01-05\n\n"
            "为加快技术转移,现作出如下决定。\n"
            "一、充分认识技术转移的重要作用\n技术转移是创新驱动的关键环节。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲省人民政府关于加强技术转移的决定"
    assert doc.doc_number == "甲发〔2031〕9号"


def test_a_stray_notice_word_inside_the_issued_title_is_dropped(pipeline, tmp_path):
    text = ("各县区人民政府,市级各部门:\n"
            "现将《甲市“十五五”技术转移规划的通知》印发给你们,请认真贯彻执行。\n"
            "甲市人民政府\n2031年9月14日\n"
            "一、发展基础\n全市技术合同成交额持续增长。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲市“十五五”技术转移规划"


def test_the_notice_heading_gives_the_dash_its_issuing_sentence_lost(pipeline, tmp_path):
    text = ("甲区人民政府关于印发《甲区技术转移规划(2031—2035年)》的通知\n"
            "甲府发〔2031〕6号\n"
            "各街道、各部门:\n"
            "现将《甲区技术转移规划(20312035年)》印发给你们,请认真贯彻执行。\n"
            "甲区人民政府\n2031年5月6日\n"
            "一、发展基础\n全区技术合同成交额持续增长。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲区技术转移规划(2031—2035年)"


# ---------------------------------------------------------------- units in running text


def _units(doc) -> list[tuple[str, bool, int]]:
    return [(u.name, u.lead, u.group) for c in doc.clauses for p in c.provisions for u in p.units]


def test_units_that_carry_out_after_those_sharing_the_duty_are_one_group(pipeline, tmp_path):
    text = ("甲州促进技术转移若干措施\n"
            "1. 健全转化制度。鼓励高校健全本单位转化制度。(州科技局、州教育局按职责分工负责,"
            "各县市人民政府、甲高新区管委会负责落实。以下均需各县市人民政府落实,不再列出)\n"
            "2. 完善报告制度。建立成果报告制度。\n")
    doc = read(pipeline, tmp_path, text)
    assert _units(doc) == [("州科技局", True, 0), ("州教育局", False, 0),
                           ("各县市人民政府", False, 0), ("甲高新区管委会", False, 0)]


def test_units_that_carry_out_after_you_still_lead_their_own_group(pipeline, tmp_path):
    text = ("甲县技术转移措施\n1. 建设转移平台。平台建设由县科技局负责落实。\n2. 培育技术经纪人。\n")
    doc = read(pipeline, tmp_path, text)
    assert _units(doc) == [("县科技局", True, 0)]


def test_a_bracket_opening_with_its_source_number_lists_the_units_after_it(pipeline, tmp_path):
    text = ("甲省支持技术转移政策选编\n\n"
            "1. 对新认定的技术转移示范机构给予一次性奖补。(甲发〔2030〕4 号省发展改革委、省财政厅、"
            "省科技厅等部门按职责分工负责)\n\n"
            "2. 对技术经纪人给予奖励。(甲发〔2030〕4 号省科技厅、省人力资源社会保障厅等部门按职责分工负责)\n")
    doc = read(pipeline, tmp_path, text)
    assert _units(doc) == [("省发展改革委", True, 0), ("省财政厅", False, 0), ("省科技厅", False, 0),
                           ("省科技厅", True, 0), ("省人力资源社会保障厅", False, 0)]
    assert [c.doc_number for c in doc.citations] == ["甲发〔2030〕4号", "甲发〔2030〕4号"]


def test_names_a_pdf_broke_with_a_space_are_read_whole(pipeline, tmp_path):
    text = ("甲省支持技术转移政策选编\n\n"
            "1. 对技术转移机构给予奖补。(省发展改革 委、省财政 厅、省经济和 信息化厅等部 门按职责分工负责)\n")
    doc = read(pipeline, tmp_path, text)
    assert [name for name, _lead, _group in _units(doc)] == ["省发展改革委", "省财政厅", "省经济和信息化厅"]


def test_a_list_of_bodies_separated_by_spaces_stays_a_list(pipeline, tmp_path):
    text = "甲县技术转移措施\n1. 建设转移平台。(县科技局 县财政局按职责分工负责)\n"
    doc = read(pipeline, tmp_path, text)
    assert [name for name, _lead, _group in _units(doc)] == ["县科技局", "县财政局"]


# ---------------------------------------------------------------- instruments


def test_a_sum_named_as_the_support_amount_is_an_amount_beside_a_cap():
    from policykg.loaders.instruments import InstrumentExtractor

    found = InstrumentExtractor().find("甲专项采取前补助方式,单个项目支持金额最高80万元;乙专项采取后补助方式,"
                                       "资助额度为30万元,一次性拨付。")
    assert [(i.cap_yuan, i.amount_yuan) for i in found if i.cap_yuan or i.amount_yuan] == [
        (800000.0, None), (None, 300000.0)]


def test_a_sum_after_an_investment_amount_is_still_no_grant():
    from policykg.loaders.instruments import InstrumentExtractor

    found = InstrumentExtractor().find("对投资金额达500万元的项目给予补助。")
    assert all(i.amount_yuan is None and i.cap_yuan is None for i in found)


# ---------------------------------------------------------------- implementing rules titled with their measure


RULES_OF_A_MEASURE = (
    "当前位置 >> 市科学技术局 >> 履职依据\n\n"
    "《甲市加快技术转移的若干意见》实施细则\n\n"
    "  甲科发〔2031〕12号\n\n"
    "  第一章  总  则\n"
    "  第一条  为贯彻落实《中共甲市委办公厅 甲市人民政府办公厅关于印发<甲市加快技术转移的若干意见>的通知》"
    "(甲办发〔2031〕3号),制定本实施细则。\n"
    "  第二条  申请人应提交《甲市技术转移项目经费预算书》。\n"
)


def test_implementing_rules_keep_the_measure_they_implement_in_their_title(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, RULES_OF_A_MEASURE)
    assert doc.title == "《甲市加快技术转移的若干意见》实施细则"


def test_the_measure_implemented_and_its_notice_are_citations_a_budget_form_is_not(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, RULES_OF_A_MEASURE)
    assert sorted((c.title, c.doc_number) for c in doc.citations) == sorted([
        ("甲市加快技术转移的若干意见", None),
        ("中共甲市委办公厅 甲市人民政府办公厅关于印发<甲市加快技术转移的若干意见>的通知", "甲办发〔2031〕3号")])


# ---------------------------------------------------------------- header labels


def test_a_generation_date_label_ends_the_publisher_before_it():
    m = meta("甲县人民政府\n"
             "    索引号: A1--2031-0003 主题分类:\n"
             "    发布机构: 甲县科技和工业信息化局 生成日期: 2031-12-07\n"
             "    名  称: 甲县技术转移三年行动方案(2031-2033年)\n\n"
             "    甲县技术转移三年行动方案(2031-2033年)\n\n"
             "    为加快技术转移,制定本方案。\n")
    assert m["issuer"] == "甲县科技和工业信息化局"
    assert m["date"] == "2031-12-07"


def test_a_date_beside_the_number_dates_the_notice_and_a_three_line_heading_names_its_issuer():
    m = meta("邮政编码\n610000\n\n"
             "  甲省人民政府办公厅\n"
             "  关于印发甲省“十五五”科学和\n"
             "  技术发展规划的通知\n\n"
             "  甲办发〔2031〕89号 二○三一年十二月二十一日\n\n"
             "  各市(州)人民政府:\n\n"
             "  《甲省“十五五”科学和技术发展规划》已经省政府同意,现予印发,请认真组织实施。\n\n"
             "甲省“十五五”科学和技术发展规划\n\n"
             "  “十五五”是我省创新发展的关键时期。\n")
    assert m["date"] == "2031-12-21"
    assert m["issuer"] == "甲省人民政府办公厅"
    assert m["title"] == "甲省“十五五”科学和技术发展规划"


def test_an_adoption_note_wrapped_onto_a_second_line_dates_the_decision():
    m = meta("中共甲市委关于加快技术转移的决定\n"
             "来源:某某网 日期:2031-07-27\n"
             "(2031年7月3日中国共产党甲市第十五届委员会\n"
             "第三次全体会议通过)\n"
             "为加快技术转移,作出如下决定。\n")
    assert m["date"] == "2031-07-03"
