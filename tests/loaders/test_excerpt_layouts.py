"""Layouts of real excerpts the earlier rules missed: a provision quoted alone with its
number, a page's attribution line, generic levels of department named in prose, offices of
industrial parks. Every text here is written for its test."""

from __future__ import annotations

import pytest

from policykg.loaders.departments import DepartmentVocabulary
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import Region
from policykg.loaders.responsibility import extract_provisions

from .test_structure_run_on import labelled
from .texts import meta, read

NANNING = Region("南宁市", "广西壮族自治区", "city", "南宁")


@pytest.fixture(scope="module")
def vocab() -> DepartmentVocabulary:
    return DepartmentVocabulary.load()


def units(text: str, vocab) -> list[tuple[str, str, bool]]:
    return [(u.name, u.function, u.lead) for p in extract_provisions(text, 0, len(text), NANNING, vocab)
            for u in p.units]


# ---------------------------------------------------------------- a provision quoted alone


def test_a_lone_provision_numbered_mid_list_is_a_clause():
    text = "5.支持企业共建实验室。对新建的企业实验室给予一次性补助20万元。\n"
    assert labelled(text) == [("5.", text.strip())]


def test_a_lone_number_without_a_heading_sentence_stays_text():
    # a number alone at the top with no title sentence after it is no provision
    assert labelled("3.5亿元用于平台建设,2.5亿元用于人才。\n") == []
    assert labelled("8.对企业给予补助\n") == []


def test_a_lone_provision_is_read_and_its_tiered_amounts_found(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "6.加快孵化器建设。对新认定的国家级、省级孵化器,分别给予一次性奖励30万元、10万元。\n"
                         "——摘自某甲区科技局网站\n")
    assert [c.label for c in doc.clauses] == ["6."]
    amounts = [i.amount_yuan for p in doc.clauses[0].provisions for i in p.instruments]
    assert amounts == [300000, 100000]


# ---------------------------------------------------------------- a page's attribution line


@pytest.mark.parametrize("line", ["——摘自瓯海区科技局官网(www.example.cn)", "信息来源:瓯海区科学技术局",
                                  "来源:瓯海区人民政府网站"])
def test_the_region_of_an_organ_named_in_the_attribution_line(line):
    m = meta(f"5.支持企业共建实验室。对新建的企业实验室给予补助。\n{line}\n")
    assert m["region"] == "瓯海区"


def test_a_region_the_text_gives_beats_the_attribution_line():
    m = meta("温州市人民政府关于支持研发的意见\n一、支持研发。\n来源:瓯海区科技局\n")
    assert m["region"] == "温州市"


# ---------------------------------------------------------------- who leads, in prose


def test_a_generic_level_of_department_leading_in_prose_is_no_unit(vocab):
    assert units("一、请各区科技部门组织申报。市级科技部门牵头负责评价工作的管理和监督。", vocab) == []
    assert units("二、省级财政部门牵头,各市配合。", vocab) == []


def test_a_named_department_leading_in_prose_still_is(vocab):
    assert units("一、做好评价工作。市科技局牵头负责评价工作的管理。", vocab) == [("市科技局", "science_tech", True)]


def test_an_industrial_park_office_is_a_development_zone(vocab):
    got = units("(一)建设转化联络站。(自治区科技厅、园区办等按职责分工负责)", vocab)
    assert ("园区办", "development_zone", False) in got


# ---------------------------------------------------------------- items run together on a sharing page


SHARED = ("版权说明:本文档由用户提供并上传,若内容存在侵权,请进行举报\n文档简介\n"
          "1、某市成果转化奖励细则一、适用对象在市科技局登记的技术转移机构和技术经纪机构以及本市技术交易服务平台的运营单位,"
          "按其年度促成的技术合同成交额。二、奖励标准1、技术转移机构按其促成技术交易额的3%给予奖励,每家最高30万元。"
          "2、平台运营单位按其促成交易额增量的2%给予奖励,每年不超过100万元。三、申报材料1、转化成效申\n"
          "2、报表(附件1);2、2023年度技术合同清单;3、交易发票复印件(附件2)4、2023年度促成科技成果转移转化的工作总结;5、其他促成技术交易的证明材料,包括收取服务费用的发票和银行回单。本\n"
          "3、市2023年度成效奖励申报表单位名称单位类别口技术转移机构口技术经纪机构联系人姓名职务手机号码电子邮箱通讯地址\n")


def test_items_glued_to_their_headings_and_carried_over_chunk_breaks():
    got = labelled(SHARED)
    assert [label for label, _ in got] == ["一、", "1、", "2、", "1、", "2、", "3、", "4、", "5、"]
    assert got[1][1].startswith("1、技术转移机构按其促成技术交易额的3%")
    assert got[4][1] == "2、2023年度技术合同清单;"  # a year after the label: still a label


def test_the_heading_glued_to_the_first_item_is_the_title(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, SHARED)
    assert doc.title == "某市成果转化奖励细则"
    rates = [(i.rate, i.cap_yuan) for c in doc.clauses for p in c.provisions for i in p.instruments if i.rate]
    assert rates == [(0.03, 300000), (0.02, 1000000)]


def test_a_number_glued_to_running_text_is_no_item():
    # 统一、规范 and 进一步、 are words before a 、, not a heading before a first item
    text = "某市措施\n一、建立统一、规范的技术市场。二、建设平台。\n"
    assert [label for label, _ in labelled(text)] == ["一、", "二、"]
    text = "某市措施\n一、对技术合同1、2类成果给予奖励。二、建设平台。\n"
    assert [label for label, _ in labelled(text)] == ["一、", "二、"]


# ---------------------------------------------------------------- titles, issuers and sections of excerpts


def test_a_quoted_title_issued_after_a_comma_and_its_inner_title_marks():
    m = meta("各有关单位:\n省科技厅和省财政厅联合制定了《关于推进“科技强省”行动 资金支持若干政策实施细则》,"
             "现印发给你们,请遵照执行。\n")
    assert m["title"] == "关于推进“科技强省”行动资金支持若干政策实施细则"
    m = meta("《落实〈省委 省政府关于建设创新型省份的意见〉的任务分工》已经省政府同意,现印发给你们。\n")
    assert m["title"] == "落实《省委省政府关于建设创新型省份的意见》的任务分工"


def test_navigation_lines_and_a_place_before_the_quoted_title():
    m = meta("站内搜索\n友情链接\n山西省《关于加快科技创新的决定》\n发布时间:2009-08-03\n为加快科技创新,作出如下决定。\n")
    assert m["title"] == "关于加快科技创新的决定"
    # a word that is no place before the marks is no repost headline
    m = meta("解读《关于加快科技创新的决定》\n为加快科技创新,作出如下决定。\n")
    assert m["title"] != "关于加快科技创新的决定"


def test_the_fuller_title_line_under_a_numbered_heading_keeps_its_years():
    m = meta("第一篇:甲市建设创新示范区行动计划\n甲市建设创新示范区行动计划(2021—2023年)\n为建设示范区,制定本计划。\n")
    assert m["title"] == "甲市建设创新示范区行动计划(2021—2023年)"


def test_a_letterhead_signs_when_nothing_else_does():
    m = meta("甲省人民政府办公厅文件\n甲政办发〔2013〕18号\n印发甲省科技创新任务分工的通知\n各市人民政府:\n"
             "现将任务分工印发给你们。\n")
    assert m["issuer"] == "甲省人民政府办公厅"


def test_an_excerpt_opening_on_a_section_heading_opens_inside_the_body():
    text = ("第七节 强化科技基础条件建设\n围绕重点产业建设科研基础设施。\n第七章 加速科技成果转化\n"
            "第一节 整合科技资源\n建设科技资源共享平台。\n第二节 建设成果转化承载地\n承接京津科技成果。\n")
    assert [label for label, _ in labelled(text)] == ["第七节", "第一节", "第二节"]
    assert meta(text)["title"] is None


# ---------------------------------------------------------------- dates as pages print them


def test_a_date_in_a_table_cell_beside_its_label():
    m = meta("发布机构 | 甲省科学技术厅 | ||\n文号 | 甲科函〔2024〕46号 | 制发日期 | 2024-09-10 |\n各有关单位:\n"
             "现将有关事项通知如下:\n")
    assert m["date"] == "2024-09-10"


def test_a_signature_dated_in_bare_digits_beats_the_header_block():
    text = ("甲市人民政府\n2024-05-15\n市政府办公室关于印发甲市研发机构三年行动方案的通知\n各镇人民政府:\n"
            "《甲市研发机构三年行动方案》已经市政府同意,现印发给你们。\n甲市人民政府办公室\n2024514\n")
    m = meta(text)
    assert (m["date"], m["issuer"]) == ("2024-05-14", "甲市人民政府办公室")


def test_bare_digits_with_two_readings_date_nothing():
    text = "甲县促进转化办法\n为促进转化,制定本办法。\n甲县科学技术局\n2024111\n"
    assert meta(text)["date"] is None


def test_a_page_timestamp_after_a_bare_date_label(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "市人民政府关于印发《甲市科技创新规划》的通知\n日期: 2017-03-24 09:49:00 来源: 办公室\n"
                         "甲市科技创新规划\n为推进科技创新,制定本规划。\n一、发展基础\n")
    assert doc.date == "2017-03-24"


def test_a_bare_date_label_is_read_only_when_nothing_else_dates_the_text(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "甲市科技创新规划\n日期: 2017-03-24 09:49:00 来源: 办公室\n为推进科技创新,制定本规划。\n"
                         "一、发展基础\n甲市人民政府\n2017年3月20日\n")
    assert doc.date == "2017-03-20"


# ---------------------------------------------------------------- 文号 broken by a space or masked


def test_a_doc_number_with_a_stray_space_or_a_masked_character():
    from policykg.loaders.citations import doc_numbers_in
    assert [n for n, _a, _b in doc_numbers_in("依据《甲通知》(国 发〔2015〕7号)执行")] == ["国发〔2015〕7号"]
    assert [n for n, _a, _b in doc_numbers_in("乙*办发〔2016〕3号")] == ["乙*办发〔2016〕3号"]
    # words before a space are no part of the code
    assert [n for n, _a, _b in doc_numbers_in("文件如下 甲政发〔2015〕7号")] == ["甲政发〔2015〕7号"]


def test_a_masked_own_doc_number_is_the_documents_and_no_citation(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "乙省人民政府办公厅文件\n乙*办发〔2016〕3号\n乙省人民政府办公厅关于加强自主创新的实施意见\n"
                         "为贯彻《国务院关于加强创新的通知》(国 发〔2015〕7号),提出如下意见。\n一、加强创新。\n二、强化保障。\n")
    assert doc.doc_number == "乙*办发〔2016〕3号"
    assert [c.doc_number for c in doc.citations] == ["国发〔2015〕7号"]


def test_the_first_item_run_into_the_preamble_line_is_a_clause():
    text = ("甲省科技生态优化工程实施方案\n为推进科技创新,特制定本方案。(一)指导思想。以创新驱动为引领,全面推进科技生态建设,"
            "加快打造创新高地\n")
    assert [label for label, _ in labelled(text)] == ["(一)"]
    # a single (一) that is cited, or without a heading sentence, stays in its line
    assert labelled("甲省实施方案\n为推进科技创新,特制定本方案。(一)项所列事项另行规定,报省政府批准\n") == []


# ---------------------------------------------------------------- flip-book pages


def test_a_flip_book_headline_signs_and_a_title_wrapped_over_blank_lines_is_cited(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "Page 3 - 甲省人民政府关于印发甲省2024年产业发展政策清单的通知\nP. 3\n\n"
                         "      12.对列入《甲省新技术产业化应用\n\n\n        指导目录》的项目,按投资额的20%给予奖补,"
                         "最高不超过\n\n\n        300万元。(责任单位:省工业和信息化厅、财政厅)\n"
                         "      13.对认定的创新型中小企业给予10万元奖励。(责任单位:省工业和信息化厅)\n")
    assert doc.issuer == "甲省人民政府"
    assert [c.title for c in doc.citations] == ["甲省新技术产业化应用指导目录"]


# ---------------------------------------------------------------- rights and income rules of the unit


def test_income_kept_and_transfer_without_approval_are_the_units_incentives_beside_the_researchers():
    from policykg.loaders.instruments import InstrumentExtractor
    ex = InstrumentExtractor()
    text = ("高校院所、医疗卫生机构等单位科技成果转化收益全部留归本单位,不上缴国库。"
            "科研人员可按规定获得70%的现金奖励。单位可自主决定成果转让、许可或者作价投资,不需报主管部门审批。")
    got = [(i.type, i.beneficiary) for i in ex.find(text)]
    assert ("income_retention", "university_institute") in got  # the head of the list the text names
    assert ("disposal_right", "university_institute") in got
    assert ("income_share", "researcher") in got


def test_the_wuhan_seed_gives_a_university_its_income_and_its_freedom_to_transfer(seed_path):
    doc = Pipeline().read(seed_path("001"))
    got = {(c.label, i.type, i.beneficiary) for c in doc.clauses for p in c.provisions for i in p.instruments}
    assert ("(二)", "disposal_right", "university_institute") in got  # 自主决定转让…不需…审批
    assert ("(三)", "income_retention", "university_institute") in got  # 转化收益全部留归本单位
    assert ("(三)", "income_share", "researcher") in got  # the researchers' 70%—99% stays theirs
