"""Metadata and citations in the forms the ninth held-out set showed: a seal remark between a
signature and its date, blanks a page printed as question marks, a year standing outside the
quotation of the issuing sentence, a preamble naming the plan it opens, news leads (a reporter
line, 发布消息:《X》, 《X》近日印发), a page answering a question on one document, flattened pages
signed at their top or run into a time label, letterheads and signatures run into the text, web
pages (stamps, list items, buttons, the site's government above its breadcrumb), speeches, regions
named short or by 结合甲区实际, and citations: the measure a cited notice issues, a quotation
opened twice, a notice after a label pointing to the original, plain plans and documents with
their year, a counted list of projects. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.citations import find_citations
from policykg.loaders.metadata import extract_metadata
from policykg.loaders.records import CleanText
from policykg.loaders.structure import build_tree, reports_on_a_measure

from .texts import meta


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
    text = ("一、赣州科技型企业扶持政策:\n(一)入库的赣州科技型企业,优先推荐申报;\n"
            "(二)获得支持的企业须向赣州科技局报送年度报告。\n")
    assert (meta(text)["region"], meta(text)["level"]) == ("赣州市", "city")


def test_a_text_speaking_for_a_province_names_it_by_its_short_name_once():
    text = "本年度甘肃科技工作要着力提升全省创新能力。\n一、支持陇南特色产业\n在陇南建设示范基地,助力陇南振兴。\n"
    assert meta(text)["region"] == "甘肃省"


def test_a_short_name_named_once_places_nothing():
    assert meta("一、支持企业创新\n鼓励企业到赣州设立研发机构。\n")["region"] is None


def test_a_tie_between_short_names_places_nothing():
    assert meta("一、区域合作\n支持赣州与九江共建园区,赣州、九江两地共享平台。\n")["region"] is None


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
    text = ("两部门关于组织开展2026年新材料应用奖励工作的通知\n\n• 某某部网站\n• 2026-03-12\n• 申报通知\n"
            "某某部办公厅财政部办公厅关于组织开展2026年新材料应用奖励工作的通知\n某厅联〔2026〕4号\n\n"
            "各省、自治区、直辖市主管部门:\n现组织开展有关工作。\n")
    m = meta(text)
    assert m["title"] == "某某部办公厅财政部办公厅关于组织开展2026年新材料应用奖励工作的通知"
    assert m["issuer"] == "某某部办公厅 财政部办公厅"  # a ministry's office is one organ
    assert m["date"] == "2026-03-12"  # the page's list of facts dates it


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
    text = "来源:福田区科技创新局发布时间:2020-04-02\n依照区里的扶持规定,对众创空间给予补贴:\n一、空间内企业获得融资的,给予补贴。\n"
    m = meta(text)
    assert (m["issuer"], m["region"]) == ("福田区科技创新局", "福田区")


def test_the_government_whose_site_prints_the_text_places_it():
    text = ("义乌市人民政府\n>> 政务公开 >> 政策文件 >> 产业政策\n\n促进先进制造业发展若干意见\n\n"
            "发布日期:2023-06-01 09:30\n为推动制造业发展,提出如下意见。\n一、培育数字工厂\n"
            "金华市出台配套办法后从其规定,对金华市级数字工厂给予奖励。\n")
    assert meta(text)["region"] == "义乌市"


# ------------------------------------------------------------------ letterheads run into the text
RUN_IN_LETTERHEAD = ("宜政〔2021〕30号\n各县(市、区)人民政府,市政府各部门:\n"
                     "现将年度任务分解如下。各单位每月报送进展,对列入清宜昌市人民政府文件宜政〔2021〕31号单的事项跟踪督办。\n"
                     "1.稳定经济增长。\n")


def test_a_letterhead_run_into_the_text_names_the_issuer():
    assert meta(RUN_IN_LETTERHEAD)["issuer"] == "宜昌市人民政府"


def test_the_number_under_a_run_in_letterhead_is_no_citation():
    assert cited(RUN_IN_LETTERHEAD, own_doc_number="宜政〔2021〕30号") == []
    assert cited("按照宜政〔2019〕5号文件执行。") == [("宜政〔2019〕5号", "宜政〔2019〕5号")]


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
    text = ("某新闻网\n您当前位置: 新闻中心>>财经>>区域>>\n\n《江西省技术市场奖励办法》2020年3月1日起施行\n\n"
            "2020-02-10 09:12:45 某晚报\n\n2月8日,江西省人民政府发布消息:《江西省技术市场奖励办法》经省政府常务会议审议通过,"
            "自2020年3月1日起施行。\n\n《办法》明确,奖励每年评定一次。\n")
    m = meta(text)
    assert m["title"] == "江西省技术市场奖励办法"
    assert m["issuer"] == "江西省人民政府"


def test_a_signature_run_on_after_the_closing_sentence_outranks_the_page_publisher():
    text = ("关于印发武昌区人才发展规划的通知\n发布部门: 武汉市武昌区人民政府办公室 发布时间:2016年03月10日\n"
            "武昌政〔2016〕6号各街道:《武昌区人才发展规划》经区政府研究同意,现印发给你们,请认真组织实施。"
            "武昌区人民政府二〇一六年三月十日武昌区人才发展规划 为集聚人才,制定本规划。\n")
    assert meta(text)["issuer"] == "武昌区人民政府"


def test_a_dated_meeting_after_an_ordinary_sentence_signs_nothing():
    text = ("武昌区人才发展规划\n发布部门: 武汉市武昌区人民政府办公室\n一、发展基础\n人才总量稳步增长。"
            "武昌区人民政府2016年3月10日召开常务会议研究人才工作。\n")
    assert meta(text)["issuer"] == "武汉市武昌区人民政府办公室"


def test_a_quotation_opened_twice_holds_one_title_and_its_number():
    text = "为落实《《寅省人民政府办公厅关于支持孵化器发展的实施意见》(寅政办发〔2016〕5号)》,推动创业创新。"
    assert cited(text) == [("寅省人民政府办公厅关于支持孵化器发展的实施意见", "寅政办发〔2016〕5号")]


def test_the_place_a_text_is_fitted_to_places_it():
    text = ("(2016年5月3日)\n为推进杭州市人才高地建设,结合西湖区实际,制订本实施方案。\n一、总体思路\n"
            "依托杭州市人才政策,在杭州市率先形成人才集聚效应。\n")
    assert meta(text)["region"] == "西湖区"
    assert meta("为加快发展,结合实际,制订本方案。\n一、指导思想\n")["region"] is None


def test_a_heading_naming_its_place_before_a_colon_keeps_the_place():
    text = "西藏:2013年科技工作要点\n日期: 2013年02月20日 10:05\n2013年的总体安排是:突出重点、服务发展。\n"
    assert meta(text)["title"] == "西藏:2013年科技工作要点"
    text = "政策名称:酉市科技创新奖励办法\n第一条 为奖励创新,制定本办法。\n"
    assert meta(text)["title"] == "酉市科技创新奖励办法"


def test_a_short_heading_right_above_the_first_part_titles_the_page():
    text = "专利资助\n一、资助对象\n本市注册的企业和个人。\n二、资助标准\n每件发明专利资助5000元。\n"
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    assert extract_metadata(clean, build_tree(clean), "t.txt")["title"] == "专利资助"
    text = "保障措施\n(二十三)强化组织领导。\n加强对科技工作的领导。\n"
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    assert extract_metadata(clean, build_tree(clean), "t.txt")["title"] is None


def test_a_speech_is_titled_by_its_heading_lines_above_the_occasion():
    text = ("添加链接\n\n坚持创新引领 勇当发展先锋\n\n发挥科技创新的支撑作用\n\n——在全省科技工作会议上的报告\n\n"
            "(2021年2月24日)\n\n省科技厅厅长  某某\n\n同志们:\n\n这次会议的主要任务是部署全年科技工作。\n")
    assert meta(text)["title"] == "坚持创新引领 勇当发展先锋 发挥科技创新的支撑作用"


def test_a_lead_saying_a_measure_was_issued_lately_titles_a_news_item():
    text = ("快讯 6月2日,泉州市政府网站显示,《关于加快建设某创新港的若干措施》(以下简称《措施》)近日印发。"
            "《措施》显示,将对新型研发机构给予资助。\n据了解,《措施》包括12条政策措施。\n")
    assert reports_on_a_measure(text, [])
    assert meta(text)["title"] == "关于加快建设某创新港的若干措施"
    policy = "为贯彻落实有关部署,制定本办法。\n第一条 对新型研发机构给予资助。\n"
    assert not reports_on_a_measure(policy, [])


def test_an_organ_opening_a_title_without_a_mark_after_it_issues_it():
    text = "烟台市科学技术局众创空间运营补贴实施细则\n第一条 为扶持众创空间,制定本细则。\n"
    assert meta(text)["issuer"] == "烟台市科学技术局"
    text = "烟台市众创空间运营补贴实施细则\n第一条 为扶持众创空间,制定本细则。\n"
    assert meta(text)["issuer"] is None
    text = "江苏省科技创新中心建设方案\n一、总体要求\n"
    assert meta(text)["issuer"] is None


def test_a_plan_named_plainly_after_a_list_mark_is_cited():
    text = "依据甲省国民经济和社会发展“十三五”规划、宁波市科技“十三五”发展规划,编制本区规划。"
    assert ("宁波市科技十三五发展规划", None) in cited(text)


def test_a_page_button_is_no_second_half_of_a_title():
    text = ("点击此处\n关闭菜单\n来源:福田区科技创新局发布时间:2020-04-02\n"
            "依照《福田区产业扶持办法》第九条,对众创空间给予补贴:\n一、空间内企业获得融资的,给予补贴。\n")
    assert meta(text)["title"] is None
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    assert extract_metadata(clean, build_tree(clean), "t.txt")["title"] is None
