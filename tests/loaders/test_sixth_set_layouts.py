"""Layouts first seen on the sixth held-out set: a table of contents whose sections are
numbered anew under each chapter, a last provision whose text names enterprises within their
recognition's 有效期, a news item whose lead reports that a measure was issued, and a page's
banner above the notice that names a subsidy band. Every text here is made up for its test."""

from __future__ import annotations

from policykg.loaders.structure import reports_on_a_measure

from .texts import meta, read


def labels(doc) -> list[str | None]:
    return [c.label for c in doc.clauses]


def clause_text(doc, i: int) -> str:
    return doc.clean.normalized[doc.clauses[i].start:doc.clauses[i].end]


# ---------------------------------------------------------------- contents numbered per chapter


CHAPTERED_CONTENTS = (
    "甲市科技创新发展规划纲要\n"
    "目  录\n"
    "第一章 发展基础\n一、发展现状\n二、面临形势\n"
    "第二章 发展目标\n一、指导思想\n二、主要目标\n三、基本原则\n"
    "第三章 保障措施\n一、加强组织\n二、加大投入\n"
    "第一章 发展基础\n"
    "一、发展现状\n近年来,我市科技创新能力稳步提升,创新平台不断增加,成果转化持续加快。\n"
)


def test_contents_with_sections_numbered_anew_under_each_chapter_are_no_clauses(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, CHAPTERED_CONTENTS)
    assert labels(doc) == ["一、"]  # the body's one section, none of the nine entries
    assert "科技创新能力稳步提升" in clause_text(doc, 0)


def test_contents_still_end_at_the_first_chapter_seen_twice(pipeline, tmp_path):
    text = ("乙县科技工作要点\n目录\n第一章 总则\n第二章 任务\n"
            "第一章 总则\n第一条 为做好科技工作,制定本要点。\n第二条 本要点适用于全县。\n")
    doc = read(pipeline, tmp_path, text)
    assert labels(doc) == ["第一条", "第二条"]


# ---------------------------------------------------------------- 有效期内 enterprises, no closing


def test_a_last_provision_naming_enterprises_within_their_validity_is_kept(pipeline, tmp_path):
    text = ("丙市科技工作方案\n一、工作思路\n以创新驱动为引领,推动科技创新和产业创新深度融合。\n"
            "二、工作目标\n到2026年,有效期内高新技术企业达到500家,科技型中小企业入库800家。\n")
    doc = read(pipeline, tmp_path, text)
    assert labels(doc) == ["一、", "二、"]
    assert "有效期内高新技术企业" in clause_text(doc, 1)


def test_a_validity_sentence_after_the_last_provision_still_closes_it(pipeline, tmp_path):
    text = ("丁市科技奖励办法\n一、奖励对象\n对新认定的高新技术企业给予奖励。\n"
            "二、奖励标准\n每家企业奖励10万元。\n本办法有效期3年。\n")
    doc = read(pipeline, tmp_path, text)
    assert labels(doc) == ["一、", "二、"]
    assert "有效期3年" not in clause_text(doc, 1)


# ---------------------------------------------------------------- a news lead reporting a measure


NEWS_LEAD = (
    "首页 新闻动态 政策法规\n"
    "戊省出台细则扶持科技企业孵化器\n"
    "日期:2019/3/5  浏览:1200\n"
    "日前,为推动创新创业,根据省政府有关意见精神,省科技厅、省财政厅联合印发了"
    "《戊省扶持科技企业孵化器发展实施细则》(以下简称《细则》)。\n"
    "根据《细则》,孵化绩效后补助资金从20万元到100万元分为5档,用于补充孵化器建设及运营。\n"
)


def test_a_news_lead_reporting_an_issued_measure_marks_a_news_item():
    assert reports_on_a_measure("日前,甲省科技厅联合印发了《甲省孵化器实施细则》(以下简称《细则》)。", [])
    assert reports_on_a_measure("近日,乙市人民政府出台了《乙市科技创新若干政策》。", [])


def test_a_preamble_that_goes_on_after_the_measure_it_names_is_no_news_lead():
    # a policy's own preamble: 近日…印发了《X》, then why and what it decides
    assert not reports_on_a_measure("近日,国务院印发了《甲纲要》,为贯彻落实纲要精神,结合我市实际,制定本措施。", [])
    assert not reports_on_a_measure("近日,甲市科技局印发《甲市孵化器管理办法》的通知。", [])


def test_a_news_item_reporting_a_measure_has_no_clause_and_takes_its_title(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, NEWS_LEAD)
    assert doc.clauses == []  # the award bands it retells are the measure's, not provisions
    assert doc.title == "戊省扶持科技企业孵化器发展实施细则"


# ---------------------------------------------------------------- a page's banner above the notice


BANNER = (
    "己省 己市人民政府办公室\n"
    "申报日期:2025-03-01 ~ 2027-02-28 查看原文\n"
    "5万~20万补贴详情\n"
    "各县(市)、区人民政府,市政府各直属单位:\n"
    "《己市支持科技创新若干措施》已经市政府常务会议讨论通过,现印发给你们,请认真贯彻执行。\n"
    "己市人民政府办公室\n2025年3月1日\n"
    "己市支持科技创新若干措施\n"
    "一、支持企业创新\n"
    "(一)支持研发投入。对研发投入增长的企业,按增量部分给予补助,最高20万元。\n"
)


def test_a_banner_above_the_notice_is_no_provision(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, BANNER)
    assert labels(doc) == ["(一)"]
    assert [i.cap_yuan for c in doc.clauses for p in c.provisions for i in p.instruments] == [200000]


def test_a_sentence_of_the_header_granting_an_amount_is_still_a_provision(pipeline, tmp_path):
    text = ("庚县人民政府关于支持企业创新的通知\n"
            "各乡镇人民政府:\n对新认定的高新技术企业,一次性给予奖励10万元。\n"
            "庚县人民政府\n2024年5月6日\n")
    doc = read(pipeline, tmp_path, text)
    assert [i.amount_yuan for c in doc.clauses for p in c.provisions for i in p.instruments] == [100000]


# ---------------------------------------------------------------- titles, dates and places of pages


def test_a_comment_letter_titles_the_draft_it_prints_without_its_marker(pipeline, tmp_path):
    text = ("为规范技术经纪人管理,我局起草了《甲市技术经纪人管理办法(征求意见稿)》,现向社会公开征求意见。"
            "有关单位可在2024年5月20日前通过以下方式反馈:\n"
            "(一)通过网站填写反馈意见。\n(二)通过电子邮箱发送意见。\n特此通告。\n"
            "甲市科学技术局\n2024年5月6日\n"
            "甲市技术经纪人管理办法(征求意见稿)\n"
            "第一条 为规范技术经纪人管理,制定本办法。\n第二条 本办法适用于本市。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲市技术经纪人管理办法"
    assert doc.date == "2024-05-06"


def test_a_title_quoted_with_ascii_angle_brackets_inside_takes_book_title_marks(pipeline, tmp_path):
    text = ("各有关单位:\n现将《乙市贯彻落实<甲省科技创新行动方案>的实施方案》印发给你们,请遵照执行。\n"
            "乙市科学技术局\n2023年5月6日\n"
            "乙市贯彻落实《甲省科技创新行动方案》的实施方案\n"
            "一、工作思路\n以创新驱动为引领,推动科技创新。\n二、工作目标\n到2025年,高新技术企业达到300家。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "乙市贯彻落实《甲省科技创新行动方案》的实施方案"


def test_a_short_last_item_of_a_long_breadcrumb_is_a_category_not_the_title(pipeline, tmp_path):
    text = ("首页\n> 信息公开 > 市科学技术局 > 规划计划 > 工作计划\n"
            "发文机关: 市科技局\n成文日期: 2025-04-23\n\n"
            "2025年丙市科技工作要点\n"
            "一、总体思路\n以科技创新引领产业创新。\n二、工作目标\n技术合同成交额突破90亿元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "2025年丙市科技工作要点"


def test_a_renewing_notice_above_a_document_titles_the_text_by_the_document(pipeline, tmp_path):
    text = ("首页 > 分享 > 丁科发〔2024〕3号 关于延长丁市科技政策配套细则有效期的通知\n\n"
            "丁科发〔2024〕3号 关于延长丁市科技政策配套细则有效期的通知\n\n"
            "细则2\n\n丁市科技型企业研发费用\n\n后补助实施细则\n\n"
            "第一章 总则\n\n第一条 为支持企业研发,制定本细则。\n\n第二条 本细则适用于本市企业。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "丁市科技型企业研发费用后补助实施细则"
    assert doc.doc_number == "丁科发〔2024〕3号"


def test_a_page_publication_time_with_its_clock_dates_a_page_without_other_date(pipeline, tmp_path):
    text = ("关于印发《戊市科技创新工作方案》的通知\n"
            "发表时间:2023-04-26 12:36:45 发布: 浏览次数:\n\n"
            "为推动科技创新,制定本方案。\n一、总体目标\n新增研发平台10个。\n二、重点任务\n支持企业研发。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.date == "2023-04-26"


def test_a_title_opening_with_a_year_is_placed_by_the_place_after_it(pipeline, tmp_path):
    text = ("2023年荆州市科技创新工作方案\n一、总体目标\n新增研发平台10个。\n二、重点任务\n支持企业研发。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.region == "荆州市"


def test_a_news_item_naming_a_measure_with_its_number_takes_both(pipeline, tmp_path):
    text = ("近日,中共甲县委、甲县人民政府出台《关于加快科技创新的实施意见》(甲发〔2014〕8号文件)。\n"
            "《意见》提出,对新认定的高新技术企业一次性资助科研经费6-10万元,对授权发明专利每件资助3000元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "关于加快科技创新的实施意见"
    assert doc.doc_number == "甲发〔2014〕8号"
    assert doc.clauses == []  # a news item retells the measure's grants


def test_a_one_character_number_code_stands_for_the_place_the_text_names():
    text = ("关于加快科技创新的实施意见\n永发〔2014〕8号\n"
            "为推动永仁县科技创新,现提出如下意见。永仁县各乡镇要加大投入。\n一、总体目标\n永仁县科技经费逐年增长。\n")
    assert meta(text)["region"] == "永仁县"
    # a code whose place the text names itself, or names no other place for, keeps its reading
    assert meta("关于加快科技创新的实施意见\n永发〔2014〕8号\n一、总体目标\n科技经费逐年增长。\n")["region"] == "永州市"


def test_a_national_plan_named_without_book_title_marks_is_cited(pipeline, tmp_path):
    text = ("甲市科技创新行动计划\n为实施创新驱动发展战略,根据《甲省科技创新行动计划》,结合甲市实际,制定本计划。"
            "本计划依据国家“十三五”规划,相关指标适时调整。\n一、行动目标\n到2020年,创新能力显著提升。\n")
    doc = read(pipeline, tmp_path, text)
    titles = {c.title.replace("“", "").replace("”", "") for c in doc.citations if c.title}
    assert "国家十三五规划" in titles
    assert "甲省科技创新行动计划" in titles


def test_the_organ_on_a_documents_cover_issues_it_when_the_signature_names_none(pipeline, tmp_path):
    text = ("甲市“十四五”科技创新发展规划纲要\n甲科发〔2021〕4号\n各区县科技局:\n"
            "现将《甲市“十四五”科技创新发展规划纲要》印发给你们,请认真贯彻执行。\n"
            "某某网站\n2021年8月22日\n"
            "甲市“十四五”科技创新发展规划纲要\n甲市科技局\n2021年8月\n"
            "第一章 发展基础\n一、发展基础\n“十三五”期间,我市科技工作稳步推进。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.issuer == "甲市科技局"
    assert doc.date == "2021-08-22"


# ---------------------------------------------------------------- rate bands, tiers and amendments


def instruments_of(doc) -> list[list[tuple]]:
    return [[(i.rate, i.cap_yuan, i.amount_yuan) for p in c.provisions for i in p.instruments] for c in doc.clauses]


def test_rates_listed_before_one_cap_each_take_it(pipeline, tmp_path):
    text = ("甲市促进技术转移若干措施\n一、支持技术转移\n"
            "(一)对技术输出方和技术吸纳方,分别按合同成交额的5%、20%给予最高100万元补助。\n"
            "(二)对技术输出方按5%给予补助;对技术吸纳方按20%给予补助,最高100万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert instruments_of(doc) == [[(0.05, 1000000, None), (0.2, 1000000, None)],
                                   [(0.05, None, None), (0.2, 1000000, None)]]  # a cap in another clause


def test_one_rate_with_caps_joined_by_he_is_a_tier_for_each_cap(pipeline, tmp_path):
    text = ("乙市支持企业研发若干措施\n一、支持研发\n"
            "(一)对企业研发投入,按30%、最高100万元和200万元给予补助。\n"
            "(二)对新认定的企业分别给予最高15万元和7万元奖励。\n")
    doc = read(pipeline, tmp_path, text)
    assert instruments_of(doc) == [[(0.3, 1000000, None), (0.3, 2000000, None)],
                                   [(None, 150000, None), (None, 70000, None)]]


AMENDING = (
    "丙市人民政府关于修改丙府发〔2021〕5号文件部分内容的通知\n"
    "各县区人民政府:经研究,决定对《丙市科技创新若干措施》(丙府发〔2021〕5号)部分内容作如下修改:"
    "将第二部分“4.支持企业研发。对研发投入增长的企业给予最高50万元奖励。(责任单位:市科技局、市财政局)”的表述删除;"
    "将“7.支持人才引进。给予每人10万元补贴。(责任单位:市人社局)”的表述删除。\n"
    "丙市人民政府\n2025年2月17日\n"
)


def test_an_amending_notice_quotes_provisions_it_does_not_grant(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, AMENDING)
    assert doc.clauses == []  # no provision, no unit, no figure of its own
    assert doc.doc_number is None  # the number in its title is the amended document's
    assert {c.doc_number for c in doc.citations if c.doc_number} == {"丙府发〔2021〕5号"}
    assert doc.date == "2025-02-17"


def test_a_figure_outside_the_quotation_of_a_notice_is_still_granted(pipeline, tmp_path):
    text = ("丁县人民政府关于支持企业创新的通知\n"
            "各乡镇人民政府:对新认定的“专精特新”企业,一次性给予奖励10万元。\n"
            "丁县人民政府\n2024年5月6日\n")
    doc = read(pipeline, tmp_path, text)
    assert instruments_of(doc) == [[(None, None, 100000)]]


# ---------------------------------------------------------------- a run-on digest paragraph


def test_a_run_on_digest_opens_its_parts_after_a_colon_and_its_items_glued_to_headings(pipeline, tmp_path):
    text = ("甲市技术转移奖励办法\n为促进技术转移,现将有关事项通知如下:一、申报条件1.在本市注册的企业或高校;"
            "2.上年度登记技术合同;3.无不良信用记录。二、奖励标准按技术合同成交额的0.1%给予奖励,单个单位最高20万元。"
            "三、申报材料1.申报表;2.合同复印件。四、报送地址:市科技局成果科。\n")
    doc = read(pipeline, tmp_path, text)
    assert labels(doc) == ["1.", "2.", "3.", "二、", "1.", "2.", "四、"]  # 一、 and 三、 only head their items
    assert instruments_of(doc)[3] == [(0.001, 200000, None)]


def test_a_colon_before_a_numeral_inside_a_sentence_opens_no_list(pipeline, tmp_path):
    text = ("乙县科技奖励办法\n一、奖励对象\n对获奖项目给予奖励,获奖等级分为:一、二、三等奖。\n"
            "二、奖励标准\n一等奖奖励10万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert labels(doc) == ["一、", "二、"]


def test_shenzhens_newer_districts_are_places_of_their_own():
    m = meta("深圳市坪山区关于加快科技创新发展的若干措施\n第一章 总则\n第一条 为加快科技创新,制定本措施。\n")
    assert (m["region"], m["province"]) == ("坪山区", "广东省")
    assert meta("深圳市光明区科技创新专项资金管理办法\n第一条 为规范资金管理,制定本办法。\n")["region"] == "光明区"
    # 龙华区 of 海口 keeps its place when the city says so
    assert meta("海口市龙华区科技创新若干措施\n第一条 为加快科技创新,制定本措施。\n")["province"] == "海南省"


# ---------------------------------------------------------------- a property site's chrome


PROPERTY_SITE = (
    "甲房网\n下载APP\n服务热线:400-123-4567\n房贷计算器\n首付0万元起\n登录 注册\n"
    "荆州市人民政府办公室关于印发荆州市推动“双创”平台高质量发展的若干政策的通知”\n"
    "2022-06-15  浏览 1024\n"
    "各县市区人民政府:\n现将《荆州市推动“双创”平台高质量发展的若干政策》印发给你们,请认真贯彻执行。\n"
    "1.支持平台建设。对新认定的国家级孵化器给予100万元奖励。(责任单位:市科技局)\n"
)


def test_a_heading_with_a_stray_closing_quote_is_still_the_notice(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, PROPERTY_SITE)
    assert doc.title == "荆州市推动“双创”平台高质量发展的若干政策"  # not the site's chrome lines
    assert doc.issuer == "荆州市人民政府办公室"


def test_a_page_date_followed_by_its_views_dates_the_page(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, PROPERTY_SITE)
    assert doc.date == "2022-06-15"


def test_a_number_on_the_line_under_a_title_printed_over_two_lines_is_the_documents(pipeline, tmp_path):
    text = ("2025-02-18 10:20 來源:甲日報\n甲市出台意見推進新興產業發展\n"
            "中共荆州市委员会 荆州市人民政府\n關於深入實施創新驅動發展戰略高水平\n推進戰略性新興產業發展的實施意見\n"
            "荆發〔2025〕1號\n(2025年1月20日)\n為深入實施創新驅動發展戰略,現提出如下實施意見。\n"
            "一、總體要求\n以創新驅動為引領,推動產業發展。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "关于深入实施创新驱动发展战略高水平推进战略性新兴产业发展的实施意见"
    assert doc.doc_number == "荆发〔2025〕1号"
    assert doc.date == "2025-01-20"
