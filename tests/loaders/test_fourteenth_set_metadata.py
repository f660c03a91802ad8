"""Metadata and citation layouts of flattened notices, news pages and pages of excerpts.
Made-up sentences; real place names only where the gazetteer must know them."""

from __future__ import annotations

from .texts import meta, read

FLATTENED_NOTICE = (
    "各县(市、区)科技局,各有关单位:根据工作需要,经研究,决定新增派张三等8人为年度科技特派员"
    "(名单见附件),请各单位做好工作衔接,附件:年度新增科技特派员名单荆州市科学技术局2021年3月9日"
    "附件:年度新增科技特派员名单.docx荆科〔2021〕7号荆州市科学技术局关于公布年度新增科技特派员名单的通知.pdf。")


def test_a_run_in_signature_before_the_links_of_its_attachments_signs_and_dates_the_notice():
    m = meta(FLATTENED_NOTICE)
    assert m["date"] == "2021-03-09"
    assert m["issuer"] == "荆州市科学技术局"


def test_the_notice_file_linked_by_its_number_titles_and_numbers_an_untitled_notice():
    m = meta(FLATTENED_NOTICE)
    assert m["title"] == "荆州市科学技术局关于公布年度新增科技特派员名单的通知"
    assert m["doc_number"] == "荆科〔2021〕7号"


def test_a_contact_remark_after_a_run_in_signature_still_ends_it():
    text = ("各有关单位:为做好奖励申报工作,制定本指南,请符合条件的单位积极申报,"
            "附件:年度奖励申报指南.docx沙市区市场监督管理局2021年5月6日(联系人:王五,联系电话:0716-1234567)附件:。")
    m = meta(text)
    assert m["date"] == "2021-05-06"
    assert m["issuer"] == "沙市区市场监督管理局"  # not the attachment's file name before it


NEWS_ON_A_COUNTY_MEASURE = (
    "根据《公安县科技进步奖励办法》,此次评审会邀请了相关行业的专家组成评审委员会,对12个课题评分,"
    "评出一等奖3项,二等奖4项。\n"
    "会上,有关负责同志要求进一步健全科技奖励办法,营造尊重知识、尊重人才的氛围,促进我县科技创新。\n")


def test_a_page_naming_its_place_only_in_the_measure_it_cites_is_placed_there():
    m = meta(NEWS_ON_A_COUNTY_MEASURE)
    assert m["region"] == "公安县" and m["level"] == "county"


def test_the_place_most_cited_titles_open_with_wins():
    text = ("经研究,现将年度项目配套资金下拨你们,请严格按照《财政部关于印发<甲专项资金管理办法>的通知》"
            "和《湖北省科技厅关于印发<湖北省乙基地管理办法>的通知》以及《湖北省丙计划实施细则》有关要求,专款专用。\n")
    assert meta(text)["region"] == "湖北省"


def test_a_page_placed_by_its_cited_measure_is_kept_not_refused(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, NEWS_ON_A_COUNTY_MEASURE)
    assert doc.region == "公安县"
    assert [c.title for c in doc.citations] == ["公安县科技进步奖励办法"]


def test_a_list_of_measures_each_followed_by_its_source_is_placed_where_the_sources_are():
    text = ("为全面优化人才创新创业环境,特梳理汇总了相关激励政策如下。\n"
            "一、人才培养政策。对入选的青年人才给予每人30万元资助。(《广西壮族自治区青年英才支持计划实施办法》)\n"
            "二、人才引进政策。对引进的团队给予100万元支持。参阅:《甲市人才办法》\n")
    assert meta(text)["region"] == "广西壮族自治区"


def test_an_issuer_labelled_by_its_bare_name_takes_the_place_the_text_writes_before_it():
    text = ("• 发布机构:科技局\n  • 生成日期:2019-04-02\n"
            "公安县科技局2019年重点工作任务清单\n来源:科技局   2019-04-02\n"
            "一、任务名称\n完成科技项目申报工作。\n")
    m = meta(text)
    assert m["region"] == "公安县"
    assert m["issuer"] == "公安县科技局"
    # a name the text never writes with its place is kept as labelled
    assert meta(text.replace("公安县科技局2019", "公安县2019"))["issuer"] == "科技局"


def test_the_name_of_the_column_a_page_is_filed_in_is_no_piece_of_its_title():
    text = ("新闻资讯\n\n政策动态\n荆州市科技创新券管理办法\n2020-06-01\n\n荆州市科技创新券管理办法\n\n"
            "第一章 总则\n\n第一条 为推动科技创新,制定本办法。\n")
    assert meta(text)["title"] == "荆州市科技创新券管理办法"


EXCERPT_WITH_DISCLOSURE = (
    "制定《甲市技术交易后补助办法》,2024年3月8日(此件公开发布)甲市技术交易后补助办法第一条为促进技术交易,"
    "制定本办法。第二条本办法自印发之日起施行,2020年印发的《甲市技术交易补助办法》(甲科规〔2020〕2号)同时废止,"
    "政策解读:《甲市技术交易后补助办法》政策解读。")


def test_a_date_carrying_a_disclosure_remark_signs_a_flattened_excerpt():
    assert meta(EXCERPT_WITH_DISCLOSURE)["date"] == "2024-03-08"


def test_a_labelled_link_after_a_repeal_names_no_repealed_document(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, EXCERPT_WITH_DISCLOSURE)
    assert doc.title == "甲市技术交易后补助办法"
    assert [(c.title, c.doc_number) for c in doc.citations] == [("甲市技术交易补助办法", "甲科规〔2020〕2号")]


NEWS_ON_A_DRAFT = (
    "对获得省科学技术奖的单位给予配套奖励。这份“大礼包”,你觉得咋样?5月6日,记者从荆州市科技局获悉,"
    "《荆州市技术转移奖励细则(征求意见稿)》公开征求意见。\n"
    "根据《细则(征求意见稿)》,荆州市将对三类技术转移情况给予奖励。\n")


def test_a_news_lead_on_a_draft_put_out_for_comment_titles_the_page_with_the_measure():
    assert meta(NEWS_ON_A_DRAFT)["title"] == "荆州市技术转移奖励细则"


def test_a_draft_called_by_its_type_word_is_the_measure_named_before(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, NEWS_ON_A_DRAFT)
    assert doc.title == "荆州市技术转移奖励细则"
    assert doc.citations == []


def test_a_news_headline_saying_two_organs_jointly_issued_a_measure_titles_the_page_with_it():
    text = ("科技兴业 服务先行\n\n科技兴业 服务先行\n\n新闻资讯\n\n"
            "湖北省科学技术厅、湖北省财政厅联合印发《湖北省科技成果中试熟化专项管理办法》\n\n"
            "《办法》规定:申报项目应具有自主知识产权,且已进入中试熟化阶段。\n")
    m = meta(text)
    assert m["title"] == "湖北省科技成果中试熟化专项管理办法"
    assert m["issuer"] == "湖北省科学技术厅 湖北省财政厅"


NEWS_ON_A_BANK_PROGRAMME = (
    "原标题:荆州市推进知识产权质押融资\n"
    "近年来,荆州市某银行分行围绕科技金融精准施策,推动知识产权加速转化为发展资本。\n"
    "为夯实业务发展基础,某银行分行牵头建立协作机制,联合市市场监督管理局印发《关于积极开展知识产权质押融资业务的通知》,"
    "明确业务方向。制作《荆州市知识产权质押贷款流程及案例汇编》,面向企业开展宣介。\n")


def test_an_organ_named_as_a_partner_of_the_subject_issues_nothing_the_page_is_titled_by():
    assert meta(NEWS_ON_A_BANK_PROGRAMME)["title"] is None


def test_a_compilation_of_cases_is_a_publication_not_a_citation(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, NEWS_ON_A_BANK_PROGRAMME)
    assert [c.title for c in doc.citations] == ["关于积极开展知识产权质押融资业务的通知"]


def test_a_region_is_named_as_the_text_writes_it():
    text = ("恩施自治州人民政府办公室关于印发恩施自治州科技创新券管理办法的通知\n"
            "各县市人民政府,州政府各部门:\n现将《恩施自治州科技创新券管理办法》印发给你们,请认真遵照执行。\n")
    m = meta(text)
    assert m["region"] == "恩施自治州" and m["level"] == "city" and m["province"] == "湖北省"
    # the full name, where the text writes it, wins
    assert meta(text + "恩施土家族苗族自治州人民政府办公室\n")["region"] == "恩施土家族苗族自治州"


def test_a_newspaper_page_is_dated_by_its_edition_header():
    text = ("第3版:要闻 上一版 下一版\n标题导航\n上一版 下一版 2016年5月6日 星期 放大 缩小 默认\n"
            "甲省财政支持专利发明\n本报讯 记者张三报道:今年甲省财政安排1000万元用于奖励专利发明。\n")
    assert meta(text)["date"] == "2016-05-06"


def test_a_news_item_is_placed_where_its_headline_opens_not_where_its_lead_speaks_of():
    text = ("荆州新增8家省级科技孵化器 入选数目居全省首位\n\n荆州日报\n\n"
            "本报讯 (记者张三)近日,湖北省科技厅公布了新核定的30家省级科技企业孵化器,荆州8家入选,数量居全省首位。\n"
            "据悉,湖北省将继续支持孵化器建设。\n")
    assert meta(text)["region"] == "荆州市"
    # a page that is no news item keeps the place it names most
    assert meta(text.replace("本报讯 (记者张三)", "").replace("荆州日报", "").replace("据悉,", ""))["region"] == "湖北省"


def test_a_basis_line_naming_a_measure_without_quotation_marks_cites_it(pipeline, tmp_path):
    text = ("一、企业研发费用补助\n对研发投入增长的企业给予最高50万元补助。\n依据:甲示范区促进企业自主创新扶持办法\n"
            "二、创新平台奖励\n对新认定的平台给予30万元奖励。\n依据:平台建设情况\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.title for c in doc.citations] == ["甲示范区促进企业自主创新扶持办法"]
