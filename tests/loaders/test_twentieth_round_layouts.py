"""Layouts found among the misses of the twentieth round of real documents: digests of measures
run together on one line whose part labels (二、) follow their brackets of responsible units, a
digest's part heading glued to the article after it, the unlabelled fragment such a digest opens
with."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.citations import find_citations
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import Document
from policykg.loaders.unit_forms import UnitForms

from .texts import inline_units, meta, read

_EXTRACTOR = InstrumentExtractor()


def clause_units(doc: Document) -> dict[str | None, list[tuple[str, bool]]]:
    return {c.label: [(u.name, u.lead) for p in c.provisions for u in p.units] for c in doc.clauses}


def clause_figures(doc: Document) -> dict[str | None, list[tuple[float | None, float | None]]]:
    return {c.label: [(i.amount_yuan, i.cap_yuan) for p in c.provisions for i in p.instruments
                      if i.amount_yuan is not None or i.cap_yuan is not None]
            for c in doc.clauses}


# ---------------------------------------------------------------- a digest run together on one line


def test_part_labels_after_brackets_of_responsible_units_open_the_measures_of_a_digest(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("对新建的甲类项目,积极争取上级资金支持,(责任单位:甲市发改委、甲市工信局)二、支持企业上云用数,"
            "(责任单位:甲市工信局)四、支持企业技术改造,单个项目最高补助不超过80万元,"
            "(责任单位:甲市科技局、甲市财政局)七、支持人才引进。")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["二、", "四、", "七、"]
    units = clause_units(doc)
    assert units["二、"] == [("甲市工信局", True)]
    assert units["四、"] == [("甲市科技局", True), ("甲市财政局", False)]
    assert units["七、"] == []
    assert clause_figures(doc)["四、"] == [(None, 800000.0)]


def test_a_part_label_after_a_bracket_glued_to_its_first_measure_stays_a_part(
        pipeline: Pipeline, tmp_path: Path) -> None:
    # 三、 heads (五): the part is kept over the measure glued to it, not cut as a measure
    text = ("各有关单位:《甲市支持乙产业发展若干措施》经市政府同意,,给予配套支持,,(责任单位:甲市科技局)"
            "(二)支持新品研发,每个产品补助5万元,(责任单位:甲市工信局)三、支持机构发展(五)支持机构建设,"
            "每个机构每年最高补助10万元,(责任单位:甲市财政局)")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses if c.label] == ["(二)", "(五)"]


def test_a_digest_keeps_the_part_heading_glued_to_its_article_and_the_item_before_it(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("给予一次性奖励5万元,每家企业最高奖励120万元:1.上年度产值3000万元以下,给予一次性奖励6万元,"
            "给予一次性奖励30万元,三、支持企业做大做强第九条支持企业扩大投资对新增投资800万元以上的企业,"
            "给予一次性奖励40万元。")
    doc = read(pipeline, tmp_path, text)
    # the unlabelled fragment before 1. is the tail of a measure whose label the digest dropped
    assert [c.label for c in doc.clauses] == ["1.", "第九条"]
    figures = clause_figures(doc)
    assert figures["1."] == [(60000.0, None), (300000.0, None)]
    assert figures["第九条"] == [(400000.0, None)]


def test_an_article_glued_to_running_text_is_still_no_article(pipeline: Pipeline, tmp_path: Path) -> None:
    # 第九条 after a long sentence with no part heading before it stays a reference in the text
    text = ("一、支持企业发展。对符合本办法第九条规定的企业,给予一次性奖励40万元。\n"
            "二、支持人才引进。对新引进的人才给予奖励5万元。")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、", "二、"]


# ---------------------------------------------------------------- a task table flattened into running text


def test_a_flattened_table_of_articles_gives_its_articles_and_each_distinct_unit_a_group(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("按国家级60万元、省级20万元给予奖励,给予最高80万元奖励,附件:任务分解表序号条款对应的工作内容责任单位"
            "责任类型第一条推动创新平台建设1新认定平台奖励县科技局办理2平台绩效奖励县科技局办理"
            "第二条支持企业研发1研发投入奖励县科技局办理2标准制定奖励县市场监管局办理3首台套奖励县工信局办理"
            "第三条支持人才引进1人才奖励县人社局办理")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["第一条", "第二条", "第三条"]
    units = clause_units(doc)
    assert units["第一条"] == [("县科技局", True)]
    assert units["第二条"] == [("县科技局", True), ("县市场监管局", True), ("县工信局", True)]
    assert units["第三条"] == [("县人社局", True)]


def test_articles_glued_to_text_without_a_flattened_table_header_stay_text(
        pipeline: Pipeline, tmp_path: Path) -> None:
    # no 序号…责任单位 header: 第二条 glued to the words before it is a reference, no article
    text = "第一条为支持甲县企业发展,依据乙办法第二条制定本办法。\n第二条本办法适用于甲县企业。"
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["第一条", "第二条"]


# ---------------------------------------------------------------- brackets naming who carries a provision out


def test_a_bracket_naming_the_body_that_carries_a_provision_out_gives_its_unit() -> None:
    assert inline_units("支持甲区企业上市。[本条政策由甲区金融办负责组织实施]") == [("甲区金融办", True)]
    assert inline_units("支持甲区企业上市。(本条政策由甲区金融办负责组织实施)") == [("甲区金融办", True)]


def test_a_lead_working_with_other_bodies_in_a_bracket_leads_them() -> None:
    assert inline_units("给予一次性奖励20万元。(本条政策由甲区发展局会同乙服务局、丙管理局组织实施)") == [
        ("甲区发展局", True), ("乙服务局", False), ("丙管理局", False)]


def test_a_bracket_a_pdf_copy_wrapped_over_lines_still_names_its_units() -> None:
    # the verb, the list after 、 and a name broken over the line break, inside spaced [ ]
    assert inline_units("支持甲区企业上市。[ 本条政策由甲区金融办负责\n组织实施 ]") == [("甲区金融办", True)]
    assert inline_units("给予奖励。[ 本条政策由甲区发展局会同乙服务局、\n丙管理局组织实施 ]") == [
        ("甲区发展局", True), ("乙服务局", False), ("丙管理局", False)]
    assert inline_units("给予奖励。[ 本条政策由工业和\n科技局负责组织实施 ]") == [("工业和科技局", True)]


def test_a_line_break_outside_a_bracket_still_ends_a_list() -> None:
    # the body named on the line before is no part of the list on the next line
    assert inline_units("甲区发展局\n乙服务局按职责分工负责。") == [("乙服务局", True)]


# ---------------------------------------------------------------- a text named above its own provisions


def test_provisions_of_a_text_named_on_its_own_line_open_beside_the_list_above(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("1、引进的甲类人才,优先享受人才公寓;\n"
            "2、引进的乙类人才,每人每年发放1万元住房补贴;\n"
            "3、对企业引进甲类人才,按每人3万元标准给予奖励。\n"
            "依据:\n"
            "《甲市人才引进暂行办法》(一)基本条件1.具有本国国籍;2.遵纪守法;3.身体健康。")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["1、", "2、", "3、", "1.", "2.", "3."]


# ---------------------------------------------------------------- basis lines of a digest of places


_PLACES_DIGEST = ("甲市\n奖励政策:\n首次认定为高新技术企业的,补助8万元/家。\n政策依据:\n"
                  "甲市科技创新专项资金管理办法(有效期自2022年1月1日起3年内有效)\n"
                  "乙区\n奖励政策:\n对新认定的高新技术企业,由区财政补助4万元。\n政策依据:\n"
                  "乙区促进市场主体发展实施方案(征求意见稿)\n"
                  "丙县\n奖励政策:\n对首次认定的高新技术企业,一次性奖励6万元。\n政策依据:\n"
                  "丙县高新技术企业奖励标准再次提升\n"
                  "丁县\n奖励政策:\n对首次认定的高新技术企业,一次性奖励7万元。\n政策依据:\n"
                  "丁县促进工业企业发展奖励十条(有")


def test_the_texts_named_after_basis_labels_are_citations_without_their_validity_notes() -> None:
    titles = [c.title for c in find_citations(_PLACES_DIGEST, 0)]
    # a news headline given as basis names no document; a draft keeps its marker
    assert titles == ["甲市科技创新专项资金管理办法", "乙区促进市场主体发展实施方案(征求意见稿)",
                      "丁县促进工业企业发展奖励十条"]


def test_a_text_named_after_a_basis_label_is_not_the_pages_title(tmp_path: Path) -> None:
    # the made-up places are in no gazetteer: read anyway, as a page placed by its region would be
    doc = read(Pipeline(force=True), tmp_path, _PLACES_DIGEST)
    # place headings are no labels: the digest has no provision of its own, and so no incentive
    assert doc.title is None
    assert doc.clauses == []


# ---------------------------------------------------------------- a site's tagline above a page


def test_a_sites_tagline_naming_its_news_columns_is_no_title(tmp_path: Path) -> None:
    text = ("了解最新公司动态及行业资讯\n"
            "遵循公开、公平的原则,对培育的甲类企业实行动态管理,有效期为3年。\n"
            "甲市工信局会同甲市财政局对列入培育名单的企业择优给予最高不超过30万元一次性奖励。\n")
    doc = read(Pipeline(force=True), tmp_path, text)
    assert doc.title is None
    assert doc.clauses == []
    assert meta(text)["title"] is None


# ---------------------------------------------------------------- steps numbered without a mark


def test_a_list_below_a_step_numbered_without_a_mark_stays_in_its_provision(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("一、申报流程\n(一)填写申报表,并按要求签字盖章。\n(二)网上填报。\n"
            "1登录系统。登录甲市科技局网站,进行网上申报。\n2在线填写项目信息。\n3上传附件。\n"
            "(1)甲类补贴:《甲类补贴申报表》。\n(2)乙类补贴:《乙类补贴申报表》。\n"
            "二、其他事项\n(一)联系电话:12345678。")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["(一)", "(二)", "(一)"]


def test_a_list_below_a_paragraph_opening_with_a_quantity_keeps_its_provisions(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("一、支持标准\n(一)研发投入奖励。\n10万元以下的项目,按下列标准给予奖励:\n"
            "(1)投入5万元以上的,奖励1万元;\n(2)投入8万元以上的,奖励2万元。\n(二)人才奖励。")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["(1)", "(2)", "(二)"]


# ---------------------------------------------------------------- a teaser a page shouts


def test_a_figure_a_page_shouts_in_its_teaser_is_no_provision(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("最高奖励300万!甲市出台措施促进首台(套)装备应用\n"
            "甲市人民政府办公厅于近日印发了促进首台(套)装备应用的措施。\n"
            "(一)出台认定办法。开展产品认定。\n"
            "(二)给予销售奖励。对获得认定的研制单位,按销售额的20%给予最高300万元补助。")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["(一)", "(二)"]
    assert clause_figures(doc)["(二)"] == [(None, 3000000.0)]


# ---------------------------------------------------------------- a one-off payment


def test_sums_paid_out_once_per_grade_are_amounts() -> None:
    text = "区分不同类型一次性发放安家补助。博士研究生一次性发放12万元;硕士研究生一次性发放6万元。"
    found = [(i.amount_yuan, i.cap_yuan) for i in _EXTRACTOR.find(text) if i.amount_yuan or i.cap_yuan]
    assert found == [(120000.0, None), (60000.0, None)]
    # a bank's loan is no payment of the policy
    assert [i for i in _EXTRACTOR.find("银行向企业发放贷款200万元。") if i.amount_yuan or i.cap_yuan] == []


# ---------------------------------------------------------------- a limit per recipient in its own sentence


def test_a_limit_per_recipient_without_a_year_stays_in_its_sentence() -> None:
    text = ("对新认定的甲类中心,分别给予40万元、10万元一次性奖补;对完成攻关任务的企业,给予15万元一次性奖补;"
            "对新认定的乙类项目,给予上级补助资金1:1配套奖励,每个企业最高不超过12万元。")
    found = [(i.amount_yuan, i.cap_yuan, i.rate) for i in _EXTRACTOR.find(text)
             if i.amount_yuan or i.cap_yuan or i.rate]
    assert found == [(400000.0, None, None), (100000.0, None, None), (150000.0, None, None),
                     (None, 120000.0, 1.0)]


def test_a_limit_per_recipient_still_closes_the_rates_of_steps_in_sentences_before() -> None:
    text = "超过1000万元的部分,按2%给予奖励;第2年超过部分按1%给予奖励,每家企业的奖励额度最高不超过300万元。"
    found = [(i.amount_yuan, i.cap_yuan, i.rate) for i in _EXTRACTOR.find(text)
             if i.amount_yuan or i.cap_yuan or i.rate]
    assert found == [(None, 3000000.0, 0.02), (None, 3000000.0, 0.01)]


def test_a_merged_bureau_of_industry_and_science_takes_the_function_of_its_first_word() -> None:
    assert UnitForms.load().catalogue_function("甲区工业和科技局") == "industry_it"


def test_a_second_cap_stated_with_the_grants_word_and_its_sum_is_a_grant_of_its_own() -> None:
    text = "鼓励企业技术改造,单个项目最高补助额不超过600万元,单个项目最高补助额不超过150万元。"
    found = [(i.amount_yuan, i.cap_yuan) for i in _EXTRACTOR.find(text) if i.amount_yuan or i.cap_yuan]
    assert found == [(None, 6000000.0), (None, 1500000.0)]


def test_a_ceiling_stated_with_the_word_for_support_is_a_cap() -> None:
    text = "给予设备投资15%以内的扶持,单个项目最高扶持 120 万元。"
    found = [(i.amount_yuan, i.cap_yuan, i.rate) for i in _EXTRACTOR.find(text)
             if i.amount_yuan or i.cap_yuan or i.rate]
    assert found == [(None, 1200000.0, 0.15)]


def test_an_allowance_per_person_and_month_is_a_standard_not_an_incentive() -> None:
    text = "引进的甲类人才,五年内每人每年发放1万元住房补贴,每人每月发放1500元人才津贴。"
    found = [(i.amount_yuan, i.cap_yuan) for i in _EXTRACTOR.find(text) if i.amount_yuan or i.cap_yuan]
    assert found == [(10000.0, None)]
