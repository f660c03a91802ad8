"""Layouts found among the misses of the eighteenth round of real documents: tiers of amounts and
caps each granted by their own clause, a cap a clause states with the grant's own word, a digest
of measures whose items follow their brackets of responsible units, a digest of articles that
starts past 第一条, a lead mark before a unit's name, a bracket the text's end cuts over wrapped
lines, gambling-site names a hacked page put into the text, pinyin annotations without tone
marks."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.cleaning import clean_text
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.metadata import _printed_dash
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import Document, Instrument, SourceText

from .texts import inline_units, meta, read

_EXTRACTOR = InstrumentExtractor()


def figures(text: str) -> list[tuple[float | None, float | None, float | None]]:
    """(amount, cap, rate) of each quantified instrument of a provision, in order."""
    return [(i.amount_yuan, i.cap_yuan, i.rate) for i in _EXTRACTOR.find(text) if _quantified(i)]


def _quantified(i: Instrument) -> bool:
    return i.amount_yuan is not None or i.cap_yuan is not None or i.rate is not None


def cleaned(text: str) -> str:
    return clean_text(SourceText(path="t.txt", format="txt", encoding="utf-8", text=text, sha256="",
                                 size_bytes=0)).text


def clause_units(doc: Document) -> dict[str | None, list[tuple[str, bool]]]:
    return {c.label: [(u.name, u.lead) for p in c.provisions for u in p.units] for c in doc.clauses}


def clause_figures(doc: Document) -> dict[str | None, list[tuple[float | None, float | None]]]:
    return {c.label: [(i.amount_yuan, i.cap_yuan) for p in c.provisions for i in p.instruments if _quantified(i)]
            for c in doc.clauses}


# ---------------------------------------------------------------- tiers granted clause by clause


def test_tiers_of_amounts_and_of_caps_each_granted_by_their_clause_are_instruments_each() -> None:
    text = ("对进入一、二、三期试验阶段的项目,每个项目分别给予一次性补助20万元、30万元和50万元,"
            "每个项目分别给予最高补助80万元、100万元和200万元。")
    assert figures(text) == [(200000.0, None, None), (300000.0, None, None), (500000.0, None, None),
                             (None, 800000.0, None), (None, 1000000.0, None), (None, 2000000.0, None)]


def test_a_cap_its_own_clause_grants_after_a_granted_rate_is_a_grant_of_its_own() -> None:
    text = "择优按投入该项目研发费用的20%予以补助,择优给予每个项目最高补助5万元,择优给予每个产品最高补助10万元。"
    assert figures(text) == [(None, None, 0.2), (None, 50000.0, None), (None, 100000.0, None)]


def test_a_cap_after_a_rate_its_clause_does_not_grant_still_limits_the_rate() -> None:
    # the rate's clause names only the basis: the grant and its cap follow
    assert figures("按照实际投入的30%,给予最高200万元的资金支持。") == [(None, 2000000.0, 0.3)]
    # 最高给予: the cap comes before the verb, a limit of the grant before it
    assert figures("按投资额的10%给予补助,最高给予50万元。") == [(None, 500000.0, 0.1)]
    # a yearly limit of all one body gets closes the rates before it
    assert figures("按0.5%给予奖励,超过部分按0.3%给予奖励,每家单位每年给予最高10万元。") == [
        (None, 100000.0, 0.005), (None, 100000.0, 0.003)]


def test_a_cap_granted_after_a_fixed_amount_is_an_instrument_of_its_own() -> None:
    text = "每件补助3万元,同一企业当年给予维权补助资金不超过8万元。"
    assert figures(text) == [(30000.0, None, None), (None, 80000.0, None)]
    # a cap whose clause grants nothing itself still limits the amount before it
    assert figures("给予2万元奖励,最高不超过3万元。") == [(20000.0, 30000.0, None)]


def test_a_cap_stated_with_the_grants_word_is_a_grant_of_its_own() -> None:
    text = "支持设备研发,单个企业每年最高补助15万元,单个企业一年最高补助25万元。"
    assert figures(text) == [(None, 150000.0, None), (None, 250000.0, None)]
    # a total (累计, 总额) stays a limit of the grant before it
    assert figures("给予最高10万元补助,每家企业累计最高补助30万元。") == [(None, 100000.0, None)]


# ---------------------------------------------------------------- a digest of measures


def test_items_of_a_digest_follow_their_brackets_of_responsible_units(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("各有关单位:《甲市支持乙产业发展若干措施》经市政府同意,,给予配套支持,,(责任单位:甲市科技局)"
            "(二)支持新品研发,丙园区,、丁镇等镇街)(三)支持器械研发,单个企业每年最高补助10万元,,(责任单位:甲市市场监管局)"
            "(七)支持平台发展,(责任单位:甲市科技局,、甲市财政局)三、支持机构发展(九)支持机构建设,,"
            "每个机构每年最高补助10万元,,(责任单位:甲市卫生健康局、甲市财政局)")
    doc = read(pipeline, tmp_path, text)
    units = clause_units(doc)
    assert [c.label for c in doc.clauses if c.label] == ["(二)", "(三)", "(七)", "(九)"]
    assert units["(三)"] == [("甲市市场监管局", True)]
    assert units["(七)"] == [("甲市科技局", True), ("甲市财政局", False)]
    assert units["(九)"] == [("甲市卫生健康局", True), ("甲市财政局", False)]
    assert units["(二)"] == []


def test_a_label_after_a_bracket_in_running_text_of_several_lines_is_no_item(pipeline: Pipeline,
                                                                          tmp_path: Path) -> None:
    text = ("甲市促进乙产业发展办法\n一、总体要求\n坚持创新驱动(试行阶段)(一)至(三)项另行规定。\n"
            "二、主要措施\n支持企业研发,给予补助。")
    doc = read(pipeline, tmp_path, text)
    assert "(三)" not in [c.label for c in doc.clauses]


# ---------------------------------------------------------------- a digest of articles


def test_a_digest_of_articles_may_start_past_the_first(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("各有关单位:《甲区奖励办法》已经区人民政府同意,第三条奖励范围包括专利授权资助、商标获批扶持等,每件一次性补助不超过1万元,"
            "第十条当年列入示范企业的,一次性给予5万元奖励,每件补助2万元。")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["第三条", "第十条"]
    assert clause_figures(doc)["第十条"] == [(50000.0, None), (20000.0, None)]


def test_an_article_named_once_in_a_digest_is_no_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "各有关单位:《甲区奖励办法》已经区人民政府同意,第三条所列事项由区科技局受理,每件一次性补助不超过1万元。"
    doc = read(pipeline, tmp_path, text)
    assert "第三条" not in [c.label for c in doc.clauses]


# ---------------------------------------------------------------- unit lists


def test_a_lead_mark_before_a_units_name_makes_it_lead_and_is_dropped() -> None:
    text = "1.推进智能制造。支持企业建设示范工厂。(责任单位:☆甲局、乙局。标☆的为牵头单位,下同。)"
    assert inline_units(text) == [("甲局", True), ("乙局", False)]


def test_a_bracket_the_texts_end_cuts_runs_over_its_wrapped_lines() -> None:
    text = ("1.建设产业园区。支持甲区创建产业园区。(责任单位:甲市发改委、甲市城管执\n"
            "法委、甲市城建局,各区人民政府〈含开发区、风\n景区管委会,下同〉")
    assert inline_units(text) == [("甲市发改委", True), ("甲市城管执法委", False), ("甲市城建局", False),
                                  ("各区人民政府", False)]


def test_a_line_break_after_a_whole_name_in_a_bracket_still_parts_two_names() -> None:
    text = "1.建设产业园区。(责任单位:甲市科技局、甲市财政局\n甲市教育局)"
    assert inline_units(text) == [("甲市科技局", True), ("甲市财政局", False), ("甲市教育局", False)]


def test_a_cut_bracket_followed_by_a_sentence_still_ends_at_its_line() -> None:
    text = "1.建设产业园区。(责任单位:甲市发改委、甲市城建局\n2.支持企业研发。给予补助。"
    assert inline_units(text) == [("甲市发改委", True), ("甲市城建局", False)]


def test_a_unit_list_of_one_name_a_line_keeps_its_names_apart() -> None:
    text = "1.建设产业园区。\n责任单位:\n甲市发改委\n甲市城建局"
    assert [name for name, _ in inline_units(text)] == ["甲市发改委", "甲市城建局"]


# ---------------------------------------------------------------- inserted site names


def test_gambling_site_names_a_hacked_page_inserted_are_removed() -> None:
    text = "中共甲市委 甲市人民政府澳门银河赌场_银河游戏-投注app官网贯彻落实乙纲要的实施意见\n正文。"
    assert cleaned(text).startswith("中共甲市委 甲市人民政府贯彻落实乙纲要的实施意见")
    assert cleaned("附件:《888葡京集团官网入口甲办法(修订稿)》") == "附件:《甲办法(修订稿)》"


def test_a_place_and_its_official_site_are_kept() -> None:
    text = "详见澳门特别行政区政府官网及甲市人民政府官网。"
    assert cleaned(text) == text


# ---------------------------------------------------------------- pinyin without tone marks


def test_pinyin_annotations_without_tone_marks_are_removed_where_the_text_carries_several() -> None:
    text = "為貫徹落實黨(dang) 中央關(guan) 於(yu) 構建甲製度的決(jue) 策部署。"
    assert cleaned(text) == "為貫徹落實黨中央關於構建甲製度的決策部署。"


def test_a_lone_letter_in_brackets_after_a_character_is_kept() -> None:
    text = "符合条件(a)的企业,按标准(b)执行。"
    assert cleaned(text) == text


# ---------------------------------------------------------------- a news item retelling a paper


def test_a_page_retelling_what_a_paper_reported_grants_nothing(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲区出台10条举措支持乙产业发展\n\n甲日报热门资讯2019-05-24 11:08:38 阅读\n\n"
            "据甲日报5月24日报道,近日,甲区管委会印发《甲区进一步支持乙产业发展若干政策》的通知,出台10条举措。\n\n"
            "对获得国家重大专项的,甲区将给予配套经费支持,最高资助200万元。对完成临床前研究的品种,每项给予10万元资助。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c for c in doc.clauses if any(p.instruments for p in c.provisions)] == []


def test_a_policy_paragraph_naming_a_report_still_grants(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲区支持乙产业发展若干措施\n\n对获得国家重大专项的企业,据其项目进展报道情况,给予最高200万元资助。\n"
            "对完成临床前研究的品种,每项给予10万元资助。\n")
    doc = read(pipeline, tmp_path, text)
    assert [(i.amount_yuan, i.cap_yuan) for c in doc.clauses for p in c.provisions for i in p.instruments
            if i.cap_yuan or i.amount_yuan] == [(None, 2000000.0), (100000.0, None)]


# ---------------------------------------------------------------- a letter asking for comments on a draft


_LETTER = ("关于对《甲市加快乙产业发展行动计划(2019—2021年)》征求意见的函\n发布日期:2019-05-31  信息来源:甲市科学技术局\n\n"
           "各有关单位:\n\n为落实《国务院关于印发乙产业发展规划的通知》(国发〔2017〕35号)等文件精神,我局起草了"
           "《甲市加快乙产业发展行动计划(2019-2021年)(征求意见稿)》(简称“征求意见稿”),现特将《征求意见稿》发给你们,"
           "请研究并提出宝贵意见。\n\n特此函致。\n\n甲市科学技术局\n2019年5月31日\n")


def test_a_letter_asking_for_comments_takes_the_drafts_title(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _LETTER)
    assert doc.title == "甲市加快乙产业发展行动计划(2019—2021年)"


def test_the_draft_a_letter_sends_and_its_short_name_are_no_citations(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _LETTER)
    assert {c.title for c in doc.citations} == {"国务院关于印发乙产业发展规划的通知"}


def test_a_short_name_in_quotes_is_read_as_the_document_it_shortens(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市乙产业发展办法\n第一条 为落实《丙省促进乙产业发展条例》(简称“条例”),制定本办法。\n"
            "第二条 《条例》所称乙产业,按本办法执行。\n")
    doc = read(pipeline, tmp_path, text)
    assert {c.title for c in doc.citations} == {"丙省促进乙产业发展条例"}


def test_titles_apart_in_more_than_their_dashes_stay_apart(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市乙产业发展行动计划(2022—2025年)\n一、依据《甲市乙产业发展行动计划(2019-2021年)》的实施情况,制定本计划。\n"
            "二、对照《甲市乙产业发展行动计划(2016-2018年)》,加快推进。\n")
    doc = read(pipeline, tmp_path, text)
    assert {c.title for c in doc.citations} == {"甲市乙产业发展行动计划(2019-2021年)", "甲市乙产业发展行动计划(2016-2018年)"}


# ---------------------------------------------------------------- a certificate named in 《》


def test_a_certificate_named_in_brackets_is_no_citation(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲县专利资助办法\n第一条 对通过《企业知识产权管理规范》认证并取得《知识产权管理体系认证证书》的企业,给予一次性奖励2万元。\n"
            "第二条 本办法自发布之日起施行。\n")
    doc = read(pipeline, tmp_path, text)
    assert {c.title for c in doc.citations} == {"企业知识产权管理规范"}


# ---------------------------------------------------------------- the dash between a title's years


def test_a_labelled_title_takes_the_dash_its_printed_heading_has(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("标题: | 甲市乙区人民政府关于印发《乙区数字经济行动计划(2024-2027年)》的通知 | ||||\n"
            "甲市乙区人民政府\n关于印发《乙区数字经济行动计划(2024—2027年)》的通知\n乙府发〔2024〕9号\n"
            "各镇人民政府,区政府有关部门:\n现将《乙区数字经济行动计划(2024—2027年)》印发给你们,请认真贯彻落实。\n"
            "甲市乙区人民政府办公室\n2024年9月23日\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "乙区数字经济行动计划(2024—2027年)"


def test_a_title_whose_years_only_a_hyphen_joins_keeps_it(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市数字经济行动计划(2024-2027年)\n一、总体要求\n加快数字经济发展,到2027年产业规模达到100亿元。\n"
            "二、主要任务\n支持企业上云,给予补助。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲市数字经济行动计划(2024-2027年)"


def test_a_dash_a_converter_lost_between_a_titles_years_is_one() -> None:
    text = ("甲市人民政府关于印发甲市科学素质行动实施方案(2021?2025年)的通知\n甲政发〔2022〕6号\n各区人民政府:\n"
            "现将《甲市科学素质行动实施方案(2021?2025年)》印发给你们。\n甲市人民政府\n2022年3月28日\n")
    assert meta(text)["title"] == "甲市科学素质行动实施方案(2021—2025年)"
    # a question mark elsewhere in a title is kept
    assert _printed_dash("甲市2021年科技奖励办法?", "") == "甲市2021年科技奖励办法?"


# ---------------------------------------------------------------- a site's menu bar, a rule to be drafted


def test_a_sites_menu_bar_is_no_title(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("首   页 甲县概况 新闻中心 政府信息公开 公共服务 互动交流\n\n甲县科技创新政策汇编\n\n"
            "为推进全县科技创新,特梳理汇总了以下政策。\n一、支持科技人才发展\n1.吸引人才创业。给予补助。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲县科技创新政策汇编"
    # a heading naming the first page among other words stays
    assert "首页" in cleaned("首页设计大赛获奖名单公布\n正文。")


def test_a_rule_still_to_be_drafted_is_no_citation(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲县人才政策\n1.吸引急需人才。探索出台《甲县急需紧缺人才引进办法》,研究制定《甲县人才住房办法》。\n"
            "2.落实《乙市人才引进办法》,近日,我县出台《甲县科技奖励办法》。\n")
    doc = read(pipeline, tmp_path, text)
    assert {c.title for c in doc.citations} == {"乙市人才引进办法", "甲县科技奖励办法"}


# ---------------------------------------------------------------- a news lead opening on the day a measure came out


_DATED_LEAD = ("6月8日,,《甲市加快推进乙产业发展若干政策》(以下简称《若干政策》)发布,,以进一步加快推进乙产业发展。\n"
               "在企业研发方面,对企业开展流片的,按照流片费用70%给予补助,年度补助总额最高300万元。\n"
               "具体政策如下:\n一、支持企业研发创新\n(一)支持企业流片\n对企业开展流片的,按照流片费用70%给予补助,"
               "年度补助总额最高300万元。\n")


def test_a_lead_opening_on_the_day_a_measure_came_out_is_news(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _DATED_LEAD)
    assert doc.title == "甲市加快推进乙产业发展若干政策"
    assert [c.label for c in doc.clauses] == ["(一)"]


def test_a_policy_opening_on_a_date_and_a_title_it_carries_out_keeps_its_lead_in(pipeline: Pipeline,
                                                                                tmp_path: Path) -> None:
    text = ("甲市科技奖励办法\n6月8日,根据《乙省科学技术奖励办法》,结合本市实际,对获奖项目给予最高100万元奖励。\n"
            "一、奖励范围\n(一)科技进步奖。给予一次性奖励20万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲市科技奖励办法"
    assert any(i.cap_yuan == 1000000.0 for c in doc.clauses for p in c.provisions for i in p.instruments)


# ---------------------------------------------------------------- a recipient's cap in a bracket


def test_a_recipients_cap_in_a_bracket_after_a_cap_is_an_instrument_of_its_own() -> None:
    text = "对企业开展试制的,按照试制费用60%给予补助,年度补助总额最高400万元(高校院所最高120万元)。"
    assert figures(text) == [(None, 4000000.0, 0.6), (None, 1200000.0, None)]
    # a bracket naming no recipient details the cap itself
    assert figures("给予最高300万元(含配套资金最高100万元)补助。") == [(None, 3000000.0, None)]


# ---------------------------------------------------------------- the lost first item of a digest


def test_a_digests_fragment_before_its_item_two_is_no_provision(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("各有关单位:《甲市支持乙产业发展若干措施》经市政府同意,,给予最高500万元配套补助,,(责任单位:甲市科技局)"
            "(二)支持新品研发,给予最高100万元补助,,(责任单位:甲市财政局)(三)支持器械研发,单个企业每年最高补助10万元,,"
            "(责任单位:甲市市场监管局)")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["(二)", "(三)"]


def test_a_lead_in_with_a_figure_before_item_one_stays_a_provision(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市支持乙产业发展若干措施\n对新落户的龙头企业,给予最高500万元落户奖励。\n"
            "(一)支持新品研发,给予最高100万元补助。\n(二)支持器械研发,单个企业每年最高补助10万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == [None, "(一)", "(二)"]


def test_a_digests_fragment_before_item_two_holding_its_first_article_stays(pipeline: Pipeline,
                                                                          tmp_path: Path) -> None:
    text = ("甲市人民政府2022年9月19日甲市专项扶持办法第一条为鼓励企业申报认定,一次性给予20万元的扶持奖励,"
            "(二)对当年通过复审的企业一次性给予10万元的扶持奖励,(三)对企业通过认定的产品给予扶持奖励5000元/项,")
    doc = read(pipeline, tmp_path, text)
    assert any(i.amount_yuan == 200000.0 for c in doc.clauses for p in c.provisions for i in p.instruments)


# ---------------------------------------------------------------- contents without 目录


def test_a_list_of_chapters_before_the_body_restarts_is_a_contents_list(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市乙产业促进条例(草案)\n\n第一章  总则\n\n第二章  技术开发\n\n第三章  应用场景\n\n第四章  附则\n\n"
            "第一章 总则\n\n第一条 为了促进甲市乙产业发展,制定本条例。\n\n第二条 本条例所称乙产业,是指运用乙技术的产业。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["第一条", "第二条"]


def test_chapters_each_holding_articles_are_no_contents_list(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市乙产业促进条例\n第一章 总则\n第一条 为了促进甲市乙产业发展,制定本条例。\n第二章 技术开发\n"
            "第二条 支持企业开展技术开发。\n第三章 附则\n第三条 本条例自发布之日起施行。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["第一条", "第二条", "第三条"]


# ---------------------------------------------------------------- a 文号 and date whose marks a page lost


def test_a_number_and_date_whose_brackets_and_marks_a_page_lost_are_read() -> None:
    text = ("中共甲市委 甲市人民政府关于贯彻落实乙纲要的实施意见\n\n甲委发〔202230\n\n2022821日)\n\n"
            "为贯彻落实《乙纲要》,结合甲市实际,制定如下工作意见。\n一、总体要求\n坚持创新驱动。\n")
    found = meta(text)
    assert found["doc_number"] == "甲委发〔2022〕30号"
    assert found["date"] == "2022-08-21"


def test_a_line_of_digits_after_a_bracket_in_the_body_is_no_number() -> None:
    text = ("甲市关于贯彻落实乙纲要的实施意见\n为贯彻落实《乙纲要》,制定如下工作意见。\n一、总体要求\n坚持创新驱动。\n"
            "二、主要任务\n统计口径〔202230\n2022821日)\n")
    found = meta(text)
    assert found["doc_number"] is None
    assert found["date"] is None
