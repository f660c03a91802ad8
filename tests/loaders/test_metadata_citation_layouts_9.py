"""Metadata and citations in the forms the ninth held-out set showed: a seal remark between a
signature and its date, blanks a page printed as question marks, a year standing outside the
quotation of the issuing sentence, a preamble naming the plan it opens, a news item's reporter
line, a page answering a question on one document, and the measure a cited notice issues.
Made-up sentences."""

from __future__ import annotations

from policykg.loaders.citations import find_citations
from policykg.loaders.metadata import extract_metadata
from policykg.loaders.records import CleanText, Node
from policykg.loaders.structure import build_tree, reports_on_a_measure


def meta(text: str) -> dict:
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    return extract_metadata(clean, Node("document", None, None, 0, len(text)), "test.txt")


def cited(text: str, **own) -> list[tuple[str, str | None]]:
    return [(c.title, c.doc_number) for c in find_citations(text, **own)]


# ------------------------------------------------------------------ signatures
def test_a_seal_remark_between_the_signer_and_the_date_is_read_past():
    m = meta("各成员单位:\n经联席会议同意,现将《甲计划》印发给你们,请认真执行。\n特此通知。\n"
             "某某工作部际联席会议办公室\n(乙局代章)\n2020年3月4日\n甲计划\n一、总体要求\n")
    assert m["issuer"] == "某某工作部际联席会议办公室"
    assert m["date"] == "2020-03-04"


def test_question_marks_left_for_blanks_end_no_signature_line():
    m = meta("各有关单位:\n现公布丙省2021年创新平台名单,请做好建设工作。\n"
             "丙省科学技术厅? ??\n2021年5月6日? ? ? ??\n(此件公开发布)\n")
    assert m["issuer"] == "丙省科学技术厅"
    assert m["date"] == "2021-05-06"


# ------------------------------------------------------------------ titles
def test_the_year_the_heading_titles_a_plan_with_stands_outside_the_quotation():
    m = meta("某区人民政府办公室关于印发2022年某区重点任务分工方案的通知\n各街道办事处:\n"
             "2022年《某区重点任务分工方案》已经区政府同意,现印发给你们。\n一、主要目标\n")
    assert m["title"] == "2022年某区重点任务分工方案"


def test_a_year_not_in_the_heading_is_not_added():
    m = meta("某区人民政府办公室关于印发某区重点任务分工方案的通知\n各街道办事处:\n"
             "2022年《某区重点任务分工方案》已经区政府同意,现印发给你们。\n一、主要目标\n")
    assert m["title"] == "某区重点任务分工方案"


def test_a_preamble_naming_the_plan_it_opens_titles_an_untitled_text():
    text = ("今后五年是我区加快发展的关键时期。\n"
            "为落实创新驱动发展战略,根据《戊自治区国民经济发展纲要》确定的任务,编制了《戊自治区科学技术发展规划》,"
            "明确今后五年科技工作的目标和重点。\n一、发展基础\n科技实力稳步提升。\n")
    assert meta(text)["title"] == "戊自治区科学技术发展规划"
    cites = cited(text, own_title="戊自治区科学技术发展规划")
    assert cites == [("戊自治区国民经济发展纲要", None)]


def test_a_measure_another_body_made_does_not_title_the_text():
    text = ("近年来,己市制定了《己市人才引进办法》,成效明显。\n今后要进一步做好人才工作。\n")
    assert meta(text)["title"] is None


def test_a_reporter_line_without_a_source_marks_a_news_item():
    text = ("根据日前出台的《庚市促进科技创新若干措施》,对首次认定的高新技术企业给予奖励。\n"
            "记者了解到,今年的认定分两批进行。\n")
    assert reports_on_a_measure(text, [])
    assert meta(text)["title"] == "庚市促进科技创新若干措施"


def test_a_page_answering_a_question_on_one_document_is_titled_by_it():
    text = ("【科技局】辛区企业倍增行动计划工作方案(2023—2027年)的工作目标是什么?\n"
            "【问】辛区企业倍增行动计划工作方案(2023—2027年)的工作目标是什么?\n"
            "【科技局】答:\n到2025年,全区高新技术企业超过50家。\n")
    assert meta(text)["title"] == "辛区企业倍增行动计划工作方案(2023—2027年)"


def test_a_question_on_no_document_titles_nothing():
    text = "高新技术企业认定有哪些新标准?\n答:认定标准如下。\n"
    assert meta(text)["title"] is None


# ------------------------------------------------------------------ flattened pages
FLAT_SIGNED = ("子市人民政府2023年4月5日子市科技企业培育扶持办法第一条为培育科技企业,制定本办法。"
               "第二条对首次认定的企业给予奖励。附件:1.子府规〔2023〕3号子市人民政府关于印发《子市科技企业培育扶持办法》的通知.doc")


def test_a_flattened_page_opening_with_its_signature_gives_title_issuer_and_date():
    m = meta(FLAT_SIGNED)
    assert m["title"] == "子市科技企业培育扶持办法"
    assert (m["issuer"], m["date"]) == ("子市人民政府", "2023-04-05")


def test_the_number_run_into_the_linked_notice_file_is_the_policy_number():
    m = meta(FLAT_SIGNED)
    assert m["doc_number"] == "子府规〔2023〕3号"
    assert cited(FLAT_SIGNED, own_doc_number=m["doc_number"], own_title=m["title"]) == []


def test_a_number_before_another_notice_is_not_taken():
    text = ("丑市科技企业培育扶持办法\n第一条 为培育科技企业,根据丑府〔2020〕1号寅省人民政府关于印发《寅省科技创新条例》的通知精神,"
            "制定本办法。\n")
    assert meta(text)["doc_number"] is None


# ------------------------------------------------------------------ notices
NOTICE_ISSUER_ABOVE = ("发布机构:市政府办公室 发布日期:2015/1/8\n荆州市人民政府\n关于印发荆州市知识产权工作方案的通知\n"
                       "荆政〔2014〕7号\n各县(区)人民政府:\n《荆州市知识产权工作方案》已经市政府同意,现印发给你们。\n"
                       "20141229\n荆州市知识产权工作方案\n一、指导思想\n")


def test_the_organ_above_a_notice_heading_issues_it_before_the_page_publisher():
    m = meta(NOTICE_ISSUER_ABOVE)
    assert m["issuer"] == "荆州市人民政府"
    assert m["title"] == "荆州市知识产权工作方案"


def test_an_eight_digit_date_under_the_notice_sentence_dates_it():
    assert meta(NOTICE_ISSUER_ABOVE)["date"] == "2014-12-29"


def test_an_issuing_label_outranks_the_notice_heading():
    text = NOTICE_ISSUER_ABOVE.replace("发布机构:市政府办公室", "发文机关:荆州市人民政府办公室")
    assert meta(text)["issuer"] == "荆州市人民政府办公室"


# ------------------------------------------------------------------ citations
def test_the_measure_a_cited_notice_issues_is_cited_besides_the_notice():
    text = ("为贯彻落实《壬省人民政府关于印发〈壬省科技强省行动方案〉的通知》(壬政发〔2022〕4号)"
            "和《癸省科技厅关于印发<癸省创新券管理办法>的通知》精神,制定本方案。")
    assert cited(text) == [("壬省人民政府关于印发〈壬省科技强省行动方案〉的通知", "壬政发〔2022〕4号"),
                           ("壬省科技强省行动方案", None),
                           ("癸省科技厅关于印发<癸省创新券管理办法>的通知", None),
                           ("癸省创新券管理办法", None)]


def test_the_measure_the_own_notice_issues_is_no_citation():
    text = ("甲市人民政府关于印发〈甲市技术转移办法〉的通知\n甲政发〔2023〕2号\n各区人民政府:\n"
            "现将《甲市技术转移办法》印发给你们。\n")
    assert cited(text, own_doc_number="甲政发〔2023〕2号", own_title="甲市技术转移办法") == []


# ------------------------------------------------------------------ regions by short names
def test_a_city_named_by_its_short_name_places_an_untitled_text():
    text = ("一、吉安高新技术企业奖励政策:\n(一)被认定为吉安高新技术企业的,纳入培育库;\n"
            "(二)首次认定的企业须与吉安科技局签订培育协议。\n")
    assert (meta(text)["region"], meta(text)["level"]) == ("吉安市", "city")


def test_a_text_speaking_for_a_province_names_it_by_its_short_name_once():
    text = "今年青海科技工作的重点是推进全省创新能力建设。\n一、实施玉树科技行动\n在玉树开展示范,带动玉树发展。\n"
    assert meta(text)["region"] == "青海省"


def test_a_short_name_named_once_places_nothing():
    assert meta("一、支持企业创新\n鼓励企业到吉安设立研发机构。\n")["region"] is None


def test_a_tie_between_short_names_places_nothing():
    assert meta("一、区域合作\n支持吉安与赣州共建园区,吉安、赣州两地共享平台。\n")["region"] is None


# ------------------------------------------------------------------ page headings
def test_a_heading_above_the_page_stamp_is_the_title():
    text = ("企业服务网 > 资助项目 > 甲市资助项目 > 甲市科技局 >\n\n甲市对技术交易服务机构的奖励\n\n"
            "发布时间:2020-07-06内容编辑:管理员 点击数:\n\n(一)奖励对象\n在甲市开展技术交易服务的机构。\n")
    m = meta(text)
    assert m["title"] == "甲市对技术交易服务机构的奖励"
    assert m["date"] == "2020-07-06"


def test_a_summary_heading_over_numbered_place_headings_is_the_title():
    text = ("乙市高新技术企业奖励汇总\n1、乙市甲区\n对当年认定的高新技术企业奖励20万元。\n"
            "2、乙市乙县\n对首次认定的高新技术企业奖励10万元。\n")
    assert meta(text)["title"] == "乙市高新技术企业奖励汇总"


def test_a_notice_after_a_label_pointing_to_the_original_is_cited():
    text = ("丙市企业奖励汇总\n对认定的企业给予奖励。\n"
            "官方原文:关于印发《关于加大科技创新扶持力度的实施方案》的通知\n")
    assert cited(text) == [("关于加大科技创新扶持力度的实施方案", None)]
    own = "关于印发《丙市科技创新扶持办法》的通知\n各区:\n现将《丙市科技创新扶持办法》印发给你们。\n"
    assert cited(own) == []


def test_a_letterhead_is_no_title():
    text = "荆州市人民政府文件\n荆政发〔2020〕3号\n各县(市、区)人民政府:\n为促进创新,制定如下意见。\n一、强化创新\n"
    m = meta(text)
    assert m["title"] is None
    assert m["issuer"] == "荆州市人民政府"


def test_a_part_heading_atop_an_excerpt_is_no_title():
    text = "保障措施\n(二十三)强化组织领导。\n加强对科技创新工作的领导。\n"
    assert meta(text)["title"] is None
    assert meta("科技创新保障措施\n为加强保障,制定本措施。\n")["title"] == "科技创新保障措施"


def test_a_measure_made_and_then_issued_titles_the_notice():
    text = ("各有关单位:\n为规范专项资金管理,省财政厅、省科技厅制定了《辰省科技专项资金管理细则》,现予以印发,请遵照执行。\n"
            "省科技厅\n2018年8月30日\n")
    assert meta(text)["title"] == "辰省科技专项资金管理细则"


# ------------------------------------------------------------------ web pages
def test_the_notice_title_its_issuers_sign_replaces_a_short_headline():
    text = ("两部门关于组织开展2025年首台装备保险补偿工作的通知\n\n• 中华人民共和国某某部\n• 2025-09-10\n• 申报通知\n"
            "某某部办公厅财政部办公厅关于组织开展2025年首台装备保险补偿工作的通知\n某厅联〔2025〕4号\n\n"
            "各省、自治区、直辖市主管部门:\n现组织开展有关工作。\n")
    m = meta(text)
    assert m["title"] == "某某部办公厅财政部办公厅关于组织开展2025年首台装备保险补偿工作的通知"
    assert m["issuer"] == "某某部办公厅 财政部办公厅"  # a ministry's office is one organ
    assert m["date"] == "2025-09-10"  # the page's list of facts dates it


def test_a_list_item_is_no_first_half_of_a_title():
    text = ("- 3\n- 约4页\n- 2021-01-26 发布于甲省\n- 举报\n巳区科技革新政策规定\n"
            "为增强企业创新能力,特制定本规定。\n一、增强企业创新能力\n")
    m = meta(text)
    assert m["title"] == "巳区科技革新政策规定"
    assert m["date"] == "2021-01-26"


def test_a_heading_run_into_its_time_label_is_the_title():
    text = ("关于组织开展2025年午省科技奖励资金申报的通知发表时间:2025-03-06 18:49 各市科技局: 为贯彻落实有关政策,"
            "现将申报工作通知如下。 一、申报时间 ")
    assert meta(text)["title"] == "关于组织开展2025年午省科技奖励资金申报的通知"


def test_a_source_line_run_into_its_time_label_names_the_issuer():
    text = "来源:盐田区科技创新局发布时间:2019-12-18\n根据有关办法,对孵化器给予奖励:\n一、在孵企业获得认定的,给予奖励。\n"
    m = meta(text)
    assert (m["issuer"], m["region"]) == ("盐田区科技创新局", "盐田区")


def test_the_government_whose_site_prints_the_text_places_it():
    text = ("嵊州市人民政府\n>> 走进嵊州 >> 投资嵊州 >> 投资政策\n\n加快推进工业经济高质量发展若干政策\n\n"
            "发布日期:2022-12-19 10:21\n为推动制造业发展,特制订如下政策。\n一、实施数字经济工程\n"
            "待绍兴市出台专项政策后执行,对绍兴市级智能工厂给予奖励。\n")
    assert meta(text)["region"] == "嵊州市"


# ------------------------------------------------------------------ letterheads run into the text
RUN_IN_LETTERHEAD = ("许政〔2020〕20号\n各县(市、区)人民政府,市人民政府各部门:\n"
                     "现将重点工作任务予以分解。对有明确时间节点的重许昌市人民政府文件许政〔2020〕21号大工作实行月报告制度。\n"
                     "1.稳定经济增长。\n")


def test_a_letterhead_run_into_the_text_names_the_issuer():
    assert meta(RUN_IN_LETTERHEAD)["issuer"] == "许昌市人民政府"


def test_the_number_under_a_run_in_letterhead_is_no_citation():
    assert cited(RUN_IN_LETTERHEAD, own_doc_number="许政〔2020〕20号") == []
    assert cited("按照许政〔2019〕5号文件执行。") == [("许政〔2019〕5号", "许政〔2019〕5号")]


# ------------------------------------------------------------------ running-text mentions
def test_a_document_named_with_its_year_and_followed_by_its_requirements_is_cited():
    text = "按照未市科协2015年工作意见的要求,各学会认真组织开展立项工作。"
    assert cited(text) == [("未市科协2015年工作意见", None)]
    assert cited("按照本意见的要求,认真组织开展工作。") == []


def test_the_first_of_the_projects_a_list_counts_is_no_citation():
    text = "经审核,《甲型装备研发与产业化》等37项正式确立为2015年度重点项目。"
    assert cited(text) == []
    text = "认真落实《申市科技创新促进办法》等3项政策。"
    assert cited(text) == [("申市科技创新促进办法", None)]


def test_the_organ_a_news_lead_says_announced_the_measure_issues_it():
    text = ("某新闻网\n您当前位置: 新闻中心>>财经>>区域>>\n\n《湖南省科学技术奖励办法》2019年2月5日起施行\n\n"
            "2019-02-01 14:27:23 某日报\n\n1月2日,湖南省人民政府发布消息:《湖南省科学技术奖励办法》经省人民政府常务会议通过,"
            "自2019年2月5日起施行。\n\n《办法》规定,省科技奖每年评审一次。\n")
    m = meta(text)
    assert m["title"] == "湖南省科学技术奖励办法"
    assert m["issuer"] == "湖南省人民政府"


def test_a_signature_run_on_after_the_closing_sentence_outranks_the_page_publisher():
    text = ("关于印发东丽区科技发展规划的通知\n发布部门: 天津市东丽区人民政府办公室 发布时间:2011年05月28日\n"
            "东丽政发〔2011〕20号各街乡:《东丽区科技发展规划》已经区政府常务会议审议通过,现印发给你们,请认真遵照执行。"
            "东丽区人民政府二〇一一年五月二十八日东丽区科技发展规划 根据区委的部署,制定本规划。\n")
    assert meta(text)["issuer"] == "东丽区人民政府"


def test_a_dated_meeting_after_an_ordinary_sentence_signs_nothing():
    text = ("东丽区科技发展规划\n发布部门: 天津市东丽区人民政府办公室\n一、发展基础\n科技实力稳步提升。"
            "东丽区人民政府2011年5月28日召开常务会议研究科技工作。\n")
    assert meta(text)["issuer"] == "天津市东丽区人民政府办公室"


def test_a_quotation_opened_twice_holds_one_title_and_its_number():
    text = "为贯彻落实《《浙江省人民政府办公厅关于加快发展众创空间的实施意见》(浙政办发〔2015〕79号)》,深入实施创新驱动战略。"
    assert cited(text) == [("浙江省人民政府办公厅关于加快发展众创空间的实施意见", "浙政办发〔2015〕79号")]


def test_the_place_a_text_is_fitted_to_places_it():
    text = ("(2014年11月19日)\n为加快昆明市创新型试点区建设,结合五华区实际,制订本实施方案。\n一、指导思想\n"
            "紧紧抓住昆明市试点区建设的机遇,在昆明市率先建成创新体系。\n")
    assert meta(text)["region"] == "五华区"
    assert meta("为加快发展,结合实际,制订本方案。\n一、指导思想\n")["region"] is None


def test_a_heading_naming_its_place_before_a_colon_keeps_the_place():
    text = "新疆:2011年科技工作要点\n日期: 2011年01月08日 17:15\n2011年的工作思路是:以创新为中心环节。\n"
    assert meta(text)["title"] == "新疆:2011年科技工作要点"
    text = "政策名称:酉市科技创新奖励办法\n第一条 为奖励创新,制定本办法。\n"
    assert meta(text)["title"] == "酉市科技创新奖励办法"


def test_a_short_heading_right_above_the_first_part_titles_the_page():
    text = "高企申报\n一、申报条件\n对首次通过认定的企业给予奖励。\n二、支持内容\n一次性给予30万元奖励。\n"
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    assert extract_metadata(clean, build_tree(clean), "t.txt")["title"] == "高企申报"
    text = "保障措施\n(二十三)强化组织领导。\n加强对科技工作的领导。\n"
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    assert extract_metadata(clean, build_tree(clean), "t.txt")["title"] is None


def test_a_speech_is_titled_by_its_heading_lines_above_the_occasion():
    text = ("添加链接\n\n坚持创新引领 勇当发展先锋\n\n发挥科技创新的支撑作用\n\n——在全省科技工作会议上的报告\n\n"
            "(2021年2月24日)\n\n省科技厅厅长  某某\n\n同志们:\n\n这次会议的主要任务是部署全年科技工作。\n")
    assert meta(text)["title"] == "坚持创新引领 勇当发展先锋 发挥科技创新的支撑作用"


def test_a_lead_saying_a_measure_was_issued_lately_titles_a_news_item():
    text = ("头条消息 5月7日,厦门市政府网站显示,《关于加快推进某科学城建设的若干措施》(以下简称《措施》)近日印发。"
            "《措施》显示,将对新型研发机构给予资助。\n据了解,《措施》包括12条政策措施。\n")
    assert reports_on_a_measure(text, [])
    assert meta(text)["title"] == "关于加快推进某科学城建设的若干措施"
    policy = "为贯彻落实有关部署,制定本办法。\n第一条 对新型研发机构给予资助。\n"
    assert not reports_on_a_measure(policy, [])


def test_an_organ_opening_a_title_without_a_mark_after_it_issues_it():
    text = "青岛市科学技术局科技企业孵化器房租补贴实施细则\n第一条 为降低创业成本,制定本细则。\n"
    assert meta(text)["issuer"] == "青岛市科学技术局"
    text = "青岛市科技企业孵化器房租补贴实施细则\n第一条 为降低创业成本,制定本细则。\n"
    assert meta(text)["issuer"] is None
    text = "江苏省科技创新中心建设方案\n一、总体要求\n"
    assert meta(text)["issuer"] is None


def test_a_plan_named_plainly_after_a_list_mark_is_cited():
    text = "根据甲省国民经济和社会发展“十二五”规划、天津市科技“十二五”发展规划,结合我区实际,编制本规划。"
    assert ("天津市科技十二五发展规划", None) in cited(text)


def test_a_page_button_is_no_second_half_of_a_title():
    text = ("轻触这里\n关闭目录\n来源:盐田区科技创新局发布时间:2019-12-18\n"
            "根据《盐田区科技创新扶持办法》第二十一条,对孵化器给予奖励:\n一、在孵企业获得认定的,给予奖励。\n")
    assert meta(text)["title"] is None
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    assert extract_metadata(clean, build_tree(clean), "t.txt")["title"] is None
