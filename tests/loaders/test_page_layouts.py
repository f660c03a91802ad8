"""Pages about a policy rather than the policy itself (a question and its answer, a post of
bullets, a notice that lost its heading), rent and floor-area subsidies, repeated caps and the
title, date and region rules of reposted pages. Every text here is made up for its test."""

from __future__ import annotations

import pytest

from policykg.loaders.errors import ReadError

from .texts import meta, read

# ---------------------------------------------------------------- pages kept for their metadata


def test_a_question_page_is_kept_with_its_place_and_citation_but_no_provision(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "四川省成都市的科技型企业能领到什么奖励?\n\n网友提问\n\n"
               "对首次认定的科技型企业给予一次性3万元奖励,政策依据:《甲区科技企业培育办法》\n"
               "以上回答仅供参考\n")
    assert doc.title is None and doc.region == "成都市"
    assert [c.title for c in doc.citations] == ["甲区科技企业培育办法"]
    assert doc.clauses == []  # an answer reporting an award grants nothing itself


def test_a_dated_post_of_bullets_is_kept_without_clauses(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "■去年全市投入科技资金2亿元。 ■对新认定的企业分别给予20万元、10万元奖励。 |\n"
               "GMT+8, 2023-05-17 10:11\n")
    assert doc.date == "2023-05-17" and doc.clauses == []


def test_a_text_with_no_date_place_or_issuer_is_still_refused(pipeline, tmp_path):
    with pytest.raises(ReadError, match="not a policy"):
        read(pipeline, tmp_path, "我们今天讨论了很多事情,《读书笔记》也写完了。\n明天继续。\n")


# ---------------------------------------------------------------- caps for several recipients


def caps(text: str) -> list[float | None]:
    from policykg.loaders.instruments import InstrumentExtractor
    return [i.cap_yuan for i in InstrumentExtractor().find(text) if i.cap_yuan is not None]


def test_the_same_cap_for_another_recipient_is_an_instrument_of_its_own():
    assert caps("对来访交流的专家给予交流补助,个人每次最高3万元,团队每次最高3万元。") == [30000, 30000]


def test_sentences_of_caps_detail_a_grant_stated_without_a_figure():
    text = "为来本区交流的青年学者发放交流补助。原则上省内学者个人最高1万元,团队最高6万元;省外学者个人最高2万元,团队最高8万元。"
    assert caps(text) == [10000, 60000, 20000, 80000]


def test_a_scoped_second_cap_stays_a_limit_of_the_same_instrument():
    from policykg.loaders.instruments import InstrumentExtractor
    (ins,) = [i for i in InstrumentExtractor().find("对企业给予研发补助。单个项目最高40万元,每家企业每年最高150万元。")
              if i.cap_yuan]
    assert ins.cap_yuan == 400000 and [c["yuan"] for c in ins.caps] == [400000, 1500000]


# ---------------------------------------------------------------- rent and floor-area subsidies


def figures(text: str) -> list[tuple[float | None, float | None, float | None]]:
    from policykg.loaders.instruments import InstrumentExtractor
    return [(i.rate, i.cap_yuan, i.amount_yuan) for i in InstrumentExtractor().find(text)
            if i.rate is not None or i.cap_yuan is not None or i.amount_yuan is not None]


def test_a_price_per_square_metre_is_no_cap_of_the_rent_rates():
    text = "对入驻的孵化机构,给予场地第一年租金80%补贴,第二年租金40%补贴,补贴单价不超过60元/平方米/月,补贴面积不超过800平方米。"
    assert figures(text) == [(0.8, None, None), (0.4, None, None)]


def test_a_letter_o_typed_for_a_zero_is_read_as_the_zero():
    from policykg.loaders.cleaning import normalize
    assert normalize("分别给予3O万元、1OO%补贴,Office不变") == "分别给予30万元、100%补贴,Office不变"


def test_a_multiple_of_a_standard_stated_elsewhere_is_no_rate():
    assert figures("对重点产业企业租用的面积,按上述标准的3倍予以补贴。") == []


def test_a_cap_after_a_clause_naming_another_case_is_that_cases_instrument():
    text = "根据设备投入情况,给予不超过40万元的建设补贴,被认定为示范基地的,建设补贴最高不超过80万元;"
    assert figures(text) == [(None, 400000, None), (None, 800000, None)]


def test_a_rate_alone_after_a_clause_naming_the_ratio_is_the_grants_rate():
    text = "对重大项目的资助比例可适当提高,最高不超过25%,资助资金最高不超过3000万元。"
    assert figures(text) == [(0.25, 30000000, None)]


def test_a_news_lead_opened_by_日前_retells_and_grants_nothing():
    assert figures("日前,乙省财政厅下达了专项资金,我县9个项目获经费补助,共计资金支持260万元。") == []


# ---------------------------------------------------------------- a notice run into one paragraph


def test_items_run_into_one_paragraph_after_commas_are_clauses(pipeline, tmp_path):
    doc = read(pipeline, tmp_path,
               "各有关单位:根据《甲省关于开展创新券兑付的通知》(甲科函〔2023〕8号)的要求,现将有关事项通知如下,"
               "一、兑付对象对2023年使用创新券的企业予以兑付,二、兑付方式由企业在线提交申请,"
               "三、工作要求(一)请各区科技部门认真审核企业材料,附件:兑付申请表江门市科学技术局2023年9月8日(联系人:张三。\n")
    assert [c.label for c in doc.clauses] == ["一、", "二、", "(一)"]
    assert doc.date == "2023-09-08" and doc.issuer == "江门市科学技术局"
    assert [c.doc_number for c in doc.citations] == ["甲科函〔2023〕8号"]


def test_a_numeral_list_after_a_comma_is_no_item_list():
    from .test_structure_run_on import labelled
    got = labelled("对获奖项目分别给予奖励,一、二、三等奖分别为10万元,5万元,二、三类项目减半。\n")
    assert not any(label for label, _ in got)


def test_a_number_whose_code_is_only_a_word_is_no_citation():
    from policykg.loaders.citations import doc_numbers_in
    assert [n for n, _a, _b in doc_numbers_in("名单见通知〔2021〕77号,按照丙财发〔2021〕5号执行")] == ["丙财发〔2021〕5号"]


# ---------------------------------------------------------------- titles, dates and issuers of pages


def test_a_news_headline_shortening_the_title_gives_way_to_the_title_its_lead_names(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "江西发布加快技术转移体系建设实施方案(全文)\n\n"
               "本网讯:5月8日,江西省人民政府办公厅发布《江西省加快技术转移体系建设实施方案(2025-2027年)》。\n\n"
               "方案提出了五方面措施。\n\n一、总体要求\n(一)基本原则。坚持市场导向,加快成果转化。\n")
    assert doc.title == "江西省加快技术转移体系建设实施方案(2025-2027年)"
    assert doc.issuer == "江西省人民政府办公厅"
    assert doc.citations == []  # its own title in 《》 is no citation


def test_a_headline_saying_who_issued_the_policy_gives_title_issuer_and_sourced_date(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "搜索:\n财政部印发《中小企业技术改造资金管理暂行办法》\n2013-04-16  来源:某某资讯网\n"
               "为规范资金管理,财政部制定了本办法。\n第一章 总 则\n第一条 为规范资金管理,制定本办法。\n"
               "第二条 本办法适用于技术改造资金。\n")
    assert doc.title == "中小企业技术改造资金管理暂行办法"
    assert doc.issuer == "财政部" and doc.date == "2013-04-16"


def test_a_reply_whose_number_shares_its_line_and_a_bare_time_stamp(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "当前位置: 首页 > 建议提案\n甲科提字〔2020〕12号 关于市人大第五次会议第88号建议的答复\n"
               "时间:2020-06-30来源:甲市科技局作者:点击:\n\n张某代表:\n\n您提出的建议收悉,现答复如下:\n\n"
               "我局高度重视成果转化工作,已经出台多项措施。\n")
    assert doc.title == "关于市人大第五次会议第88号建议的答复"
    assert doc.doc_number == "甲科提字〔2020〕12号" and doc.date == "2020-06-30"


def test_a_title_the_issuing_sentence_names_before_现印发你们(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "各有关单位:\n为规范专项资金管理,甲省财政厅、科学技术厅共同制定了《甲省科技专项资金管理办法》,"
               "现印发你们,请遵照执行。\n甲省财政厅 甲省科学技术厅\n2022年4月1日\n")
    assert doc.title == "甲省科技专项资金管理办法" and doc.citations == []
    doc = read(pipeline, tmp_path, "各有关单位:\n我局制定了《乙市中小企业服务券操作规程》,现予印发实施,请遵照执行。\n"
               "乙市工业和信息化局\n2022年5月6日\n")
    assert doc.title == "乙市中小企业服务券操作规程"


def test_site_link_lines_and_a_service_menu_are_no_title():
    m = meta("【全国企业年度报告填报入口】>>>\n【全国税务服务大厅查询入口】\n全部服务分类\n"
             "2021年某市高新技术企业认定申报时间是什么时候,申报条件有什么要求?\n")
    assert m["title"] is None


# ---------------------------------------------------------------- plans named without 《》


def cited(text: str, **own) -> list[str]:
    from policykg.loaders.citations import find_citations
    return [c.title for c in find_citations(text, **own)]


@pytest.mark.parametrize(("text", "name"), [
    ("第六条 自治区实施国家中医药发展战略纲要,推动中医药传承。", "国家中医药发展战略纲要"),
    ("(二)自治区中长期人才发展规划纲要确定的重点产业。", "自治区中长期人才发展规划纲要"),
    ("2016年,市科技局组织完成了某某市科技创新“十三五”规划的编制工作。", "某某市科技创新十三五规划"),
])
def test_a_plan_or_outline_named_without_title_marks_is_cited(text, name):
    assert cited(text) == [name]


def test_a_five_year_period_or_the_texts_own_plan_is_no_citation():
    assert cited("全市十三五期间科技投入稳步增长,十三五规划顺利完成。") == []
    title = "某某市科学技术“十四五”发展规划"
    assert cited(f"{title}\n为加强某某市科技创新,特制定某某市科学技术“十四五”发展规划。", own_title=title) == []


# ---------------------------------------------------------------- glosses, forwarded documents, cut-off units


def test_a_pinyin_gloss_with_a_space_inside_is_removed():
    from policykg.loaders.cleaning import clean_text
    from policykg.loaders.records import SourceText
    clean = clean_text(SourceText(path="p.txt", format="txt", encoding="utf-8", text="推進(jìn)科技創(chuàng )新",
                                     sha256="", size_bytes=0))
    assert clean.normalized == "推进科技创新"


def test_a_forwarded_document_printed_below_is_the_title_one_not_printed_is_not(pipeline, tmp_path):
    printed = read(pipeline, tmp_path, "甲市人民政府办公厅关于转发市科技局〈甲市科技企业培育任务分工〉的通知\n各区人民政府:\n"
                   "经市政府同意,现将市科技局拟定的《甲市科技企业培育任务分工》转发给你们,请认真贯彻落实。\n"
                   "甲市人民政府办公厅\n2019年3月2日\n甲市科技企业培育任务分工\n一、培育科技企业\n1.加大扶持力度\n"
                   "对入库企业给予支持。(牵头单位:市科技局)\n")
    assert printed.title == "甲市科技企业培育任务分工"
    forwarded = read(pipeline, tmp_path, "推荐重点项目事宜\n各县科技局:\n现将省科技厅《关于推荐重点研发项目的通知》转发给你们。\n"
                     "请按通知要求推荐项目。现将有关事项通知如下:\n一、推荐范围\n全省高新技术企业。\n")
    assert forwarded.title == "推荐重点项目事宜"


def test_a_unit_cut_off_by_the_end_of_the_excerpt_is_no_unit(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "甲市科技企业培育任务分工\n一、培育科技企业\n1.加大扶持力度\n对入库企业给予支持。(牵头单位:市科技局)\n"
               "2.建设孵化载体\n加快建设一批孵化器。(牵头单位:市科技局、市发\n")
    units = {c.label: [u.name for p in c.provisions for u in p.units] for c in doc.clauses}
    assert units == {"1.": ["市科技局"], "2.": ["市科技局"]}


def test_a_standing_committees_announcement_number_is_not_the_laws_number(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "《甲省促进技术转移条例》2019年修订版(全文)\n甲省第十三届人民代表大会常务委员会公告第21号\n"
               "《甲省促进技术转移条例》已由甲省第十三届人民代表大会常务委员会第九次会议于2019年3月1日通过,现予公布。\n"
               "第一条 为了促进技术转移,制定本条例。\n第二条 本条例适用于本省。\n")
    assert doc.doc_number is None


def test_a_split_page_date_and_a_source_organ_date_and_sign_a_page(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "2024\n05/17\n09:30\n来源:\n克拉玛依市科技局\n各有关单位:\n"
               "根据自治区科技厅《关于申报2025年重点研发项目的通知》要求,现将有关事项通知如下:\n"
               "一、申报方向\n聚焦本市主导产业开展技术攻关。\n"
               "附件:1.《自治区科技厅关于申报2025年重点研发项目的通知》\n")
    assert doc.date == "2024-05-17" and doc.issuer == "克拉玛依市科技局"
    assert [c.title for c in doc.citations] == ["关于申报2025年重点研发项目的通知"]


def test_a_university_as_source_is_no_issuer(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "成果转化的几点思考\n发布时间:2012-03-04 00:00   来源:武汉大学科技成果转化研究中心\n"
               "一、基本情况\n近年来成果转化稳步推进。\n")
    assert doc.issuer is None


def test_the_printed_title_line_with_a_space_wins_over_the_comma_of_the_issuing_sentence(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "关于实施人才强市行动 提升创新能力的若干意见\n"
               "《关于实施人才强市行动、提升创新能力的若干意见》已经市委和市人民政府同意,现印发给你们,请结合实际认真贯彻落实。\n"
               "关于实施人才强市行动 提升创新能力的若干意见\n一、总体要求\n(一)基本原则。坚持人才引领。\n")
    assert doc.title == "关于实施人才强市行动提升创新能力的若干意见"
