"""Metadata of policies as real pages and gazettes print them: laws with their adoption
notes, decrees, 意见 whose issuers stand in the title, headlines and menus of web pages,
drafts and consultation notices. The documents are made up."""

from __future__ import annotations

from .texts import meta


def test_law_dated_and_issued_by_its_adoption_note():
    m = meta("甲省促进技术转移条例\n"
             "(2001年3月9日甲省第九届人民代表大会常务委员会第二十次会议通过 2021年7月30日甲省第十三届"
             "人民代表大会常务委员会第二十五次会议修订)\n"
             "第一条 为了促进技术转移,制定本条例。\n第二条 本省行政区域内的技术转移,适用本条例。\n")
    assert m["title"] == "甲省促进技术转移条例"
    assert m["date"] == "2021-07-30"  # the last step (修订) dates the text in force
    assert m["issuer"] == "甲省人民代表大会常务委员会"  # the term (第十三届) dropped


def test_adoption_note_with_its_entry_into_force():
    m = meta("乙省技术市场管理规定\n(1999年6月2日乙省第九届人民代表大会常务委员会第九次会议通过 1999年8月1日起施行)\n"
             "第一条 为了管理技术市场,制定本规定。\n")
    assert (m["date"], m["issuer"]) == ("1999-06-02", "乙省人民代表大会常务委员会")


def test_party_congress_note_dates_but_does_not_sign():
    m = meta("丙市关于建设创新型城市的实施意见\n(二〇一七年三月五日中国共产党丙市第九届委员会第四次全体会议通过)\n"
             "为建设创新型城市,提出如下意见。\n一、总体要求\n")
    assert m["date"] == "2017-03-05"


def test_decree_heading_signs_and_mixed_zero_dates():
    m = meta("丁市人民政府令\n(第12号)\n《丁市技术成果奖励暂行办法》已经丁市人民政府第8次常务会议审议通过,现予发布。\n"
             "市长:某某\n二000年六月九日\n丁市技术成果奖励暂行办法\n第一条 为奖励技术成果,制定本办法。\n")
    assert m["issuer"] == "丁市人民政府"
    assert m["date"] == "2000-06-09"  # 二000: an Arabic 0 among Chinese digits
    assert m["title"] == "丁市技术成果奖励暂行办法"


def test_opinion_issued_by_the_bodies_its_title_names():
    m = meta("中共戊市委戊市人民政府关于加快科技创新的意见\n为加快科技创新,提出如下意见。\n一、总体要求\n")
    assert m["title"] == "中共戊市委戊市人民政府关于加快科技创新的意见"
    assert m["issuer"] == "中共戊市委 戊市人民政府"
    one = meta("己市人民政府关于推动成果转化的意见\n己政发〔2019〕8号\n各县(区)人民政府:\n一、总体思路\n")
    assert one["issuer"] == "己市人民政府"


def test_title_with_no_issuer_before_about_names_none():
    m = meta("关于加快科技创新的意见\n为加快科技创新,提出如下意见。\n一、总体要求\n")
    assert m["issuer"] is None
    place = meta("甲市关于打造科创新城的实施方案\n为建设科创新城,制定本方案。\n一、总体要求\n")
    assert place["issuer"] is None  # a place is no issuer


def test_zone_management_committee_named_in_the_title():
    m = meta("甲市高新区管委会关于支持企业创新的意见\n为支持企业创新,提出如下意见。\n一、总体要求\n")
    assert m["issuer"] == "甲市高新区管委会"


def test_latin_chrome_line_is_not_joined_to_the_title():
    m = meta("Logo\n\n庚省实施技术转移办法\n\n(2005年5月1日庚省第十届人民代表大会常务委员会第十五次会议通过)"
             "第一条 为了实施技术转移,制定本办法。\n")
    assert m["title"] == "庚省实施技术转移办法"


def test_headline_quoting_the_title_with_edition_and_full_text_marks():
    m = meta("《辛省促进成果转化条例》2018年修订版(全文)\n辛省人民代表大会常务委员会公告第9号\n"
             "第一章 总则\n第一条 为了促进成果转化,制定本条例。\n")
    assert m["title"] == "辛省促进成果转化条例"


def test_signature_with_pronunciation_glosses_and_letter_spacing():
    m = meta("壬省技术转移条例\n壬省人民代表大会(huì )常务委员会(huì )\n2016年3月1日\n第一条 为了促进技术转移,制定本条例。\n")
    assert m["issuer"] == "壬省人民代表大会常务委员会"
    spaced = meta("科技部关于印发《县域创新专项规划》的通知\n各省科技厅:\n现将规划印发给你们。\n科 技 部\n2022年6月1日\n")
    assert spaced["issuer"] == "科技部"


def test_draft_remark_is_no_part_of_the_title():
    m = meta("癸市推进数字经济实施意见\n(征求意见稿V1.3)\n(2016年9月1日)\n为推进数字经济,特制订以下实施意见。\n一、工作目标\n")
    assert m["title"] == "癸市推进数字经济实施意见"
    trial = meta("癸市成果转化奖励办法\n(试行)\n第一条 为奖励成果转化,制定本办法。\n")
    assert trial["title"] == "癸市成果转化奖励办法(试行)"


def test_consultation_notice_describes_the_draft_it_consults_on():
    m = meta("关于对《甲市加快成果转化的若干措施(征求意见稿)》公开征求意见的通知\n"
             "为加快成果转化,我局起草了措施,现公开征求意见。\n甲市科学技术局\n2022年3月1日\n")
    assert m["title"] == "甲市加快成果转化的若干措施"


def test_breadcrumb_items_and_page_tabs_are_not_titles():
    m = meta("首页 >> 政策文件 >> 乙市 >> 乙市关于建设科创新城的实施方案\n政策文件\n详细内容\n\n"
             "乙市关于建设科创新城的实施方案\n\n为建设科创新城,制定本方案。\n一、总体要求\n")
    assert m["title"] == "乙市关于建设科创新城的实施方案"


def test_slogan_row_and_tagged_bullet_before_the_title():
    m = meta("丙区服务中心\n创新高地 产业新城 幸福家园\n  • 【区级】丙区产业集群专项资金管理办法\n\n"
             "第一条 为规范专项资金管理,制定本办法。\n")
    assert m["title"] == "丙区产业集群专项资金管理办法"


def test_notice_issuing_several_measures_listed_without_separators():
    m = meta("各县(区)人民政府:\n《丁市制造业发展实施方案》《丁市制造业财政支持措施》《丁市主导产业支持措施》"
             "已经市政府常务会议研究通过,现印发给你们,请认真贯彻落实。\n2020年11月2日\n丁市制造业发展实施方案\n一、总体要求\n")
    assert m["title"] == "丁市制造业发展实施方案"


def test_short_page_heading_gives_way_to_the_title_as_issued():
    m = meta("落实创新纲要实施意见\n中共戊市委戊市人民政府关于落实创新纲要的实施意见\n为落实创新纲要,提出如下意见。\n一、总体要求\n")
    assert m["title"] == "中共戊市委戊市人民政府关于落实创新纲要的实施意见"
    assert m["issuer"] == "中共戊市委 戊市人民政府"


def test_page_header_with_latin_words_is_no_title():
    m = meta("Page 12 - 某地政策汇编20240101\nP. 12\n\n对技术交易额在20万元以上的,给予奖励。\n")
    assert m["title"] is None


def test_title_printed_under_the_signature_of_a_cut_notice():
    m = meta("朗读\n各镇(街道)、园区:\n现将修订后的细则印发给你们,请遵照执行。\n己区科学技术局\n己区财政局\n"
             "2022年3月5日\n己区技术经纪人奖励实施细则\n第一条 为促进技术经纪,制定本细则。\n")
    assert m["title"] == "己区技术经纪人奖励实施细则"
    assert m["issuer"] == "己区科学技术局 己区财政局"


def test_bulleted_bracket_labels_below_a_page_s_own_notes():
    m = meta("庚市科学技术局关于分解年度重点任务的通知\n- 1、下载前请自行核对文档内容。\n- 2、预览如有问题请反馈。\n"
             "文章属性\n•【制定机关】庚市科学技术局\n•【公布日期】2019.04.12\n•【字号】庚市科发〔2019〕7号\n正文\n"
             "局属各单位:\n现将年度重点任务分解如下。\n")
    assert m["doc_number"] == "庚市科发〔2019〕7号"
    assert m["date"] == "2019-04-12"
    assert m["issuer"] == "庚市科学技术局"


def test_signature_run_into_the_text_of_a_flattened_page():
    m = meta("成文日期: | 2022-11-30 |\n辛市发展和改革局 辛市科学技术局 关于印发《辛市科技发展规划》的通知 |\n"
             "各镇人民政府: 现将《辛市科技发展规划》印发给你们,请认真组织实施。\n"
             "辛市发展和改革局 辛市科学技术局 2022年7月8日 辛市科技发展规划\n为加强科技发展,制定本规划。\n")
    assert m["date"] == "2022-07-08"  # the signature before the page's 成文日期
    assert m["issuer"] == "辛市发展和改革局 辛市科学技术局"
    one_line = meta("关于印发《壬市平台管理办法》的通知 各有关单位: 现将《壬市平台管理办法》印发给你们,请认真执行。"
                    " 壬市科学技术局 2020年12月1日 壬市平台管理办法 第一条 为规范平台管理,制定本办法。\n")
    assert (one_line["date"], one_line["issuer"]) == ("2020-12-01", "壬市科学技术局")


def test_document_a_news_page_quotes_and_then_prints():
    m = meta("登录 服务热线:010-12345678\n市场资讯\n癸市:技术经纪人可享奖励\n发布日期:2025-05-16\n\n"
             "本网讯:4月1日,《癸市成果转化突破年行动方案》正式印发,方案出台了20条措施。\n\n"
             "癸市成果转化突破年行动方案\n\n为推动成果转化,制定本方案。\n\n一、工作目标\n")
    assert m["title"] == "癸市成果转化突破年行动方案"


def test_congress_announcement_heading_signs_the_law():
    m = meta("甲省促进技术市场条例\n甲省第十二届人民代表大会常务委员会公告第45号\n"
             "《甲省促进技术市场条例》已由常务委员会会议通过,现予公布。\n第一章 总则\n第一条 为了促进技术市场,制定本条例。\n")
    assert m["issuer"] == "甲省人民代表大会常务委员会"


def test_joint_and_central_issuers_named_in_the_title():
    joint = meta("乙市科学技术局、乙市财政局关于加强研发投入的意见\n为加强研发投入,提出如下意见。\n一、总体要求\n")
    assert joint["issuer"] == "乙市科学技术局 乙市财政局"
    central = meta("中共中央 国务院关于深化科技体制改革的意见\n为深化改革,提出如下意见。\n一、总体要求\n")
    assert central["issuer"] == "中共中央 国务院"


def test_consultation_notice_naming_the_draft_after_the_verb():
    m = meta("关于公开征求《丙市科技创新券管理办法(征求意见稿)》意见的公告\n为完善创新券管理,现公开征求意见。\n"
             "丙市科学技术局\n2023年5月4日\n")
    assert m["title"] == "丙市科技创新券管理办法"


def test_page_remark_after_a_title_is_dropped():
    m = meta("丁省技术转移条例(全文)\n第一章 总则\n第一条 为了促进技术转移,制定本条例。\n")
    assert m["title"] == "丁省技术转移条例"
    remark_line = meta("丁省技术转移条例\n(全文)\n第一条 为了促进技术转移,制定本条例。\n")
    assert remark_line["title"] == "丁省技术转移条例"


def test_a_reading_of_a_quoted_document_is_not_that_document():
    m = meta("《戊市成果转化办法》政策解读\n为便于理解,现将办法解读如下。\n一、出台背景\n")
    assert m["title"] == "《戊市成果转化办法》政策解读"  # the page's own heading


def test_number_run_into_the_first_line_of_a_flattened_page():
    m = meta("《己市实验室管理办法》等平台管理办法 |\n点击数: 时间:2020-12-18 |\n"
             "YYCR-2020-00001 己科字〔2020〕9号 关于印发《己市实验室管理办法》的通知 各有关单位: 现将办法印发给你们。"
             " 己市科学技术局 2020年12月11日 己市实验室管理办法 第一条 为规范管理,制定本办法。\n")
    assert m["doc_number"] == "己科字〔2020〕9号"
    assert (m["date"], m["issuer"]) == ("2020-12-11", "己市科学技术局")
    cited = meta("庚市办法\n为落实《辛市条例》(辛发〔2019〕3号),制定本办法。\n第一条 本办法适用于全市。\n")
    assert cited["doc_number"] is None  # a number cited in the first sentence is another document's


def test_news_lead_dates_the_document_in_the_page_s_year():
    page = ("市场资讯\n发布日期:2024-02-20\n\n本网讯:{lead}《壬市技术转移行动方案》正式印发,方案出台了10条措施。\n\n"
            "壬市技术转移行动方案\n\n为推动技术转移,制定本方案。\n\n一、工作目标\n")
    assert meta(page.format(lead="2月3日,"))["date"] == "2024-02-03"
    assert meta(page.format(lead="12月28日,"))["date"] == "2023-12-28"  # a month still to come: last year
    assert meta(page.format(lead="近日,"))["date"] == "2024-02-20"  # no day in the lead: the page's date


def test_site_furniture_above_a_title_is_not_joined_to_it():
    # a feed link, a spam banner of words joined by _, a column label before a 关于 title
    for top in ("RSS订阅", "好看视频_免费在线观看_热门资讯", "政策信息"):
        m = meta(f"{top}\n甲县关于加快科技成果转化的实施意见\n为加快科技成果转化,提出如下意见。\n一、总体要求\n")
        assert m["title"] == "甲县关于加快科技成果转化的实施意见", top
    m = meta("政策信息\n关于申报2024年度科技计划项目的通知\n各有关单位:\n现将有关事项通知如下。\n")
    assert m["title"] == "关于申报2024年度科技计划项目的通知"
    # an issuer on its own line still opens the title it heads
    m = meta("乙市科学技术局\n关于分解落实2019年重点工作任务的通知\n局属各单位:\n现将任务分解如下。\n")
    assert m["title"] == "乙市科学技术局关于分解落实2019年重点工作任务的通知"


def test_a_breadcrumb_gives_its_last_item_without_the_part_mark():
    m = meta("首页 > 报告 > 发展规划 > 丙省科技创新“十四五”规划(下)\n"
             "  (3)现代农业。围绕丙省特色产业需求,开展技术攻关。\n")
    assert m["title"] == "丙省科技创新“十四五”规划"


def test_a_headline_before_a_colon_leaves_the_title_after_it():
    m = meta("丁区企业奖励政策:丁区关于加快培育科技型企业的试行意见\n为培育科技型企业,提出如下意见。\n第一章 总体要求\n")
    assert m["title"] == "丁区关于加快培育科技型企业的试行意见"


def test_a_news_page_printing_a_notice_gives_the_notice_title():
    m = meta("最新消息!戊市科技成果转化平台名单公布\n来源:某新闻 发布时间:2023-01-05 10:00:00\n"
             "近日,戊市科技局发布《关于公布2022年戊市科技成果转化平台名单的通知》,全文如下:\n"
             "各区科技局:\n现将名单予以公布。\n戊市科学技术局\n2023年1月4日\n")
    assert m["title"] == "关于公布2022年戊市科技成果转化平台名单的通知"
    assert m["date"] == "2023-01-04"  # the signature, not the page's timestamp


def test_a_page_timestamp_dates_a_text_without_any_other_date():
    m = meta("2024-03-07 16:22:49\n己省科技创新行动方案\n为推进科技创新,制定本方案。\n一、总体要求\n坚持创新驱动。\n")
    assert m["date"] == "2024-03-07"
    m = meta("庚县科学技术局2022年工作规划\n来源:县科技局   2022-03-18 10:54\n一、指导思想\n坚持创新驱动。\n")
    assert m["date"] == "2022-03-18"
    # a date without a clock time in the text is no timestamp
    m = meta("辛县科技工作要点\n1.于2022-03-18前完成申报。\n")
    assert m["date"] is None


def test_a_shared_file_name_gives_the_title_without_its_suffix():
    m = meta("甲学院科技成果转化管理暂行办法.docx\n由会员分享,可在线阅读。\n第一条 为促进科技成果转化,制定本办法。\n")
    assert m["title"] == "甲学院科技成果转化管理暂行办法"
