"""Layouts first seen on the fifth held-out set: news pages marked only by their credit lines
(供稿:, 消息来源:, 据悉), their dates and places, run-in headings of an excerpt that opens
inside a section, and the share of an award set aside for its contributors. Every text here
is made up for its test."""

from __future__ import annotations

from policykg.loaders.structure import reports_on_a_measure

from .texts import meta, read

# ---------------------------------------------------------------- news pages by their credit lines


CREDITED_NEWS = (
    "会员登录 注册     |    \n\n"
    "当前位置:首页 > 资讯 > 江西多举措推动技术转移\n\n\n"
    "江西多举措推动技术转移\n\n"
    "供稿: | 2022-05-06\n\n\n"
    "      近年来,我省在技术转移上出台了一系列举措,在平台、人才和资金三个方面取得进展。\n\n"
    "      ——完善政策。全省出台相关文件12个,把转化收益奖励比例由40%提高到60%。\n\n"
    "      ——加大投入。2018年设立转移专项,已立项300个,财政投入约3.2亿元。\n"
)


def test_a_credited_news_page_has_no_clause_and_no_instrument(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, CREDITED_NEWS)
    assert doc.clauses == []  # the figures it retells are granted elsewhere


def test_a_credited_news_page_is_dated_by_its_credit_line_and_placed_by_its_headline(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, CREDITED_NEWS)
    assert doc.title is None  # a news headline, or the login menu above it, titles no policy
    assert doc.date == "2022-05-06"
    assert doc.region == "江西省"


def test_a_news_column_name_is_no_title():
    m = meta("科技在线·要闻速览\n\n报道最新的科技动态\n\n[乙]乙地成立技术转移联盟\n\n"
             "发布日期:2019-03-01 消息来源:某某网\n\n"
             "近日,乙地多家机构共同发起成立技术转移联盟。据悉,该联盟将搭建对接平台。\n")
    assert m["title"] is None and m["date"] == "2019-03-01"


def test_credit_lines_and_reporting_words_mark_a_news_item():
    assert reports_on_a_measure("供稿: | 2022-05-06", [])
    assert reports_on_a_measure("发布日期:2019-03-01 消息来源:某某网", [])
    assert reports_on_a_measure("据悉,该联盟将搭建平台。", [])
    assert not reports_on_a_measure("来源:甲市科技局\n第一条 为促进科技成果转化,制定本办法。", [])


def test_a_policy_with_an_unnumbered_paragraph_keeps_its_title_and_clause(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "甲市技术交易奖励办法\n\n发布日期:2021-04-02\n\n"
               "对技术交易额不超过50万元的部分,按2%给予奖励;每家单位每年最高奖励8万元。\n")
    assert doc.title == "甲市技术交易奖励办法" and len(doc.clauses) == 1


# ---------------------------------------------------------------- an excerpt opening inside a section


SECTION_TAIL = (
    "支持企业申报研发项目\n"
    "对承担省级研发项目的企业,按当年到位经费的 10% 给予最高100万元配套补助。\n"
    "承担研发项目的单位,应将奖励资金的 40% 、 30% 奖励研发人员。\n"
    "推动检测设备开放共享\n"
    "对使用共享检测设备的企业,按实际支付费用 20% 的比例,每年给予最高10万元的补助。\n"
    "四、支持孵化载体建设\n"
    "支持众创空间建设\n"
    "对新认定的省级众创空间,给予一次性20万元奖励。\n"
)


def test_run_in_headings_of_a_cut_off_section_are_no_title():
    assert meta(SECTION_TAIL)["title"] is None


def test_incentives_in_the_tail_of_a_cut_off_section_are_not_clauses(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, SECTION_TAIL)
    assert [c.label for c in doc.clauses] == ["四、"]  # the section whose label the excerpt holds


def test_a_plain_heading_over_paragraphs_without_headings_is_still_a_page_title(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "甲区支持众创空间发展\n\n对新认定的众创空间,给予一次性20万元奖励。\n"
               "对新认定的孵化器,给予一次性30万元奖励。\n")
    assert doc.title == "甲区支持众创空间发展" and len(doc.clauses) == 2


# ---------------------------------------------------------------- shares of an award


def rates(text: str) -> list[float | None]:
    from policykg.loaders.instruments import InstrumentExtractor
    return [i.rate for i in InstrumentExtractor().find(text) if i.rate is not None]


def test_the_share_of_an_award_for_its_main_contributors_is_no_instrument():
    assert rates("在成果转化中作出主要贡献的人员,获得奖励的份额不低于奖励总额的60%。") == []


def test_shares_of_an_award_listed_for_a_team_are_no_instruments():
    assert rates("承担项目的单位,应将区级奖励资金的 40% 、 30% 、 20% 奖励研发团队成员。") == []


def test_a_share_of_income_set_aside_for_rewards_is_still_a_rate():
    assert rates("应当从转让所得的净收入中提取不低于60%的比例用于奖励。") == [0.6]


def test_a_matching_award_at_a_rate_of_another_award_is_still_a_rate():
    assert rates("对获得省级奖励的,按上级奖励金额的50%给予配套奖励。") == [0.5]


# ---------------------------------------------------------------- a page's list of the documents it collected


COLLECTED = (
    "政策汇编\n\n"
    "多地出台了孵化器建设的政策,我们整理了甲市、乙省和丙市的文件,供大家参考。\n\n"
    "1、甲市孵化器建设工作指引\n\n"
    "2、乙省孵化器认定管理办\n\n"
    "3、丙市孵化器资助管理办法\n\n\n"
    "丙市孵化器资助管理办法\n\n"
    "第一章 总则\n\n"
    "第一条 为规范孵化器的资助管理,制定本办法。\n\n"
    "第二条 本办法所称孵化器是指为初创企业提供服务的载体。\n"
)


def test_a_list_of_collected_documents_is_no_clause(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, COLLECTED)
    assert [c.label for c in doc.clauses] == ["第一条", "第二条"]
    assert doc.title == "丙市孵化器资助管理办法"  # the title below the list, not an entry of it


def test_numbered_headings_with_their_text_are_still_clauses(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "甲市孵化器扶持办法\n\n1、资金支持措施\n对新认定的孵化器给予10万元奖励。\n"
               "2、人才支持措施\n对入驻的博士给予每月2000元补贴。\n")
    assert [c.label for c in doc.clauses] == ["1、", "2、"]


def test_a_run_of_short_headings_naming_no_document_is_still_numbered(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "甲市科技创新若干措施\n\n一、总体要求\n二、重点任务\n三、保障措施\n"
               "各部门要加强协同,抓好落实。\n")
    assert [c.label for c in doc.clauses] == ["一、", "二、", "三、"]  # one 保障措施 names no list


# ---------------------------------------------------------------- a journal's abstract


def test_an_abstract_running_the_number_into_its_first_line_gives_the_number_and_no_clause(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "摘要\n\n<正>甲政办规〔2023〕7号为完善技术转移体系,推动成果转化,"
               "根据《乙条例》,结合本市实际,提出以下实施意见。\n")
    assert doc.doc_number == "甲政办规〔2023〕7号"
    assert doc.title is None and doc.clauses == []
    assert "甲政办规〔2023〕7号" not in [c.doc_number for c in doc.citations]


# ---------------------------------------------------------------- pages about one measure


def test_a_news_item_takes_the_measure_it_goes_on_to_call_by_its_kind(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "前日,记者从甲省科技厅了解到,我省出台《甲省孵化器提质行动方案》,提出三年目标。\n"
               "《方案》提出,到2027年培育孵化器200家,对新认定的给予50万元奖励。\n")
    assert doc.title == "甲省孵化器提质行动方案"
    assert doc.clauses == []  # the item retells the measure's figures


def test_a_news_item_naming_a_measure_it_never_calls_by_its_kind_has_no_title():
    m = meta("本报讯 甲市日前出台《甲市人才新政实施办法》,据悉反响热烈。\n各区也在推进落实工作。\n")
    assert m["title"] is None


def test_a_notice_issuing_two_measures_before_a_comma_takes_the_first():
    m = meta("各有关单位:\n为推进成果转化,制定《甲市概念验证中心建设实施方案》及《甲市概念验证中心管理指引(试行)》,"
             "现印发给你们,请认真组织实施。\n甲市科学技术局\n2025年3月2日\n甲市概念验证中心建设实施方案\n一、总体要求\n")
    assert m["title"] == "甲市概念验证中心建设实施方案"


def test_an_interpretation_page_takes_the_measure_and_the_number_it_gives():
    m = meta("- 成文日期: 2025-02-01 发布日期: 2025-02-03\n- 发布机构: 甲市科学技术局\n"
             "- 标题: 【政策解读】《甲市技术经理人培育意见(2025-2027年)》\n一、政策背景\n"
             "为推动成果转化,我局制定了《甲市技术经理人培育意见(2025-2027年)》(甲科发〔2025〕9号),"
             "并参照《乙省行动计划》(乙科字〔2024〕3号)。\n")
    assert m["title"] == "甲市技术经理人培育意见(2025-2027年)"
    assert m["doc_number"] == "甲科发〔2025〕9号"


def test_a_digest_of_one_measure_takes_its_title_number_and_issuer():
    m = meta("成果转化收益分配政策\n\n2021/06/09\n来源: 某某网\n\n"
             "1、以技术转让方式转化职务成果的,应当从净收入中提取不低于60%的比例用于奖励。\n\n"
             "2、以作价投资方式转化的,应当从所得股份中提取不低于60%的比例用于奖励。\n\n"
             "——摘自江西省人民政府《关于印发江西省成果转化若干规定的通知》(赣府发〔2019〕7号)\n")
    assert m["title"] == "江西省成果转化若干规定"
    assert m["doc_number"] == "赣府发〔2019〕7号"
    assert m["issuer"] == "江西省人民政府" and m["region"] == "江西省"


def test_a_digest_of_several_measures_takes_none_of_them():
    m = meta("【人才引进】\n对引进的人才可采取直接考核的方式招聘。\n"
             "--摘自甲省人力资源厅《关于改进公开招聘工作的意见》(甲人社发〔2017〕5号)\n"
             "【岗位设置】\n事业单位引进高层次人才,可设置特设岗位。\n"
             "--摘自甲省人力资源厅《关于特设岗位管理的通知》(甲人社发〔2017〕6号)\n")
    assert m["title"] is None and m["doc_number"] is None


# ---------------------------------------------------------------- title and 文号 forms


def test_a_measure_issued_with_yejing_is_the_title():
    m = meta("各区人民政府:\n《甲市中试平台建设 提升创新能力的实施方案》业经市人民政府同意,现印发给你们。\n"
             "甲市发展和改革委员会\n2025年2月10日\n甲市中试平台建设\n提升创新能力的实施方案\n")
    assert m["title"] == "甲市中试平台建设提升创新能力的实施方案"


def test_a_flattened_draft_heading_run_into_its_first_sentence_is_the_title():
    m = meta("甲省关于加快建设中试平台的实施意见(征求意见稿) 为贯彻落实党中央部署,加快建设中试平台,结合我省实际,提出如下意见。")
    assert m["title"] == "甲省关于加快建设中试平台的实施意见"


def test_a_number_with_a_series_mark_after_its_year():
    from policykg.loaders.citations import doc_numbers_in
    assert [n for n, _s, _e in doc_numbers_in("【发布文号】甲府[1993]综27号")] == ["甲府〔1993〕综27号"]


def test_the_day_of_a_date_before_a_number_is_no_part_of_its_code():
    from policykg.loaders.citations import doc_numbers_in
    assert [n for n, _s, _e in doc_numbers_in("(1993年5月6日甲府〔1993〕综27号)")] == ["甲府〔1993〕综27号"]
    assert [n for n, _s, _e in doc_numbers_in("2021年3月乙政发〔2021〕5号")] == ["乙政发〔2021〕5号"]


# ---------------------------------------------------------------- a heading over a bare label


def test_a_heading_with_a_lead_in_over_a_bare_label_is_the_clause(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "甲市技术经理人培育意见解读\n\n一、政策背景\n为推动成果转化,制定本意见。\n"
               "二、决策过程\n(一)起草依据\n本意见依据《乙条例》起草。\n(二)程序说明\n为确保科学决策,我局履行了以下程序:\n1.\n")
    assert [c.label for c in doc.clauses] == ["一、", "(一)", "(二)"]


def test_a_heading_without_a_lead_in_over_a_bare_label_is_no_clause(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, "甲市成果转化办法\n\n第一章 总则\n第一条 为促进成果转化,制定本办法。\n"
               "第二条 本办法适用于本市。\n第二章 保障措施\n第三条\n")
    assert [c.label for c in doc.clauses] == ["第一条", "第二条"]
