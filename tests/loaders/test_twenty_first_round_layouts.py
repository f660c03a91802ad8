"""Layouts found among the misses of the twenty-first round of real documents: a news item whose
lead retells what a measure issued lately says (日前,…出台的《…》提出), standards per area of land
(元/亩) that are no incentive's figure, a consultancy article under a question headline, phrases
enumerated (1)…;(2)… inside an item of a list run into one line, topic headings over a page's list
of the documents it collected with their numbers, a (…等按职责分工负责) bracket parted by several commas, the size of a loan a bank lends."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import Instrument

from .texts import inline_units, read

_EXTRACTOR = InstrumentExtractor()


def _quantified(i: Instrument) -> bool:
    return i.amount_yuan is not None or i.cap_yuan is not None or i.rate is not None


def figures(text: str) -> list[tuple[float | None, float | None, float | None]]:
    """(amount, cap, rate) of each quantified instrument of a provision, in order."""
    return [(i.amount_yuan, i.cap_yuan, i.rate) for i in _EXTRACTOR.find(text) if _quantified(i)]


# ---------------------------------------------------------------- a news lead retelling a measure


_RETOLD = ("地方新闻\n甲省加强乙人才队伍建设\n时间:2019-04-12 10:20:30\n"
           "日前,甲省人社厅、财政厅联合出台的《加强乙人才队伍建设的若干意见》提出,到2025年全省乙工作站将达到80个。\n"
           "意见要求,对在甲省乙工作站工作的人员,由省财政每人每年给予4万元生活补助;"
           "对引进的海外人员,每人每年再给予3万元补助。\n"
           "同时,意见还鼓励人员开展研究,对获得国家基金资助的,由省财政给予所获资助金额50%的配套资助。\n")


def test_a_lead_retelling_what_a_measure_issued_lately_says_makes_a_news_item(pipeline: Pipeline,
                                                                              tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _RETOLD)
    assert doc.clauses == []
    assert doc.title == "加强乙人才队伍建设的若干意见"


def test_a_notice_opening_on_a_measure_issued_lately_keeps_its_own_provisions(pipeline: Pipeline,
                                                                              tmp_path: Path) -> None:
    text = ("甲市支持乙产业发展的若干措施\n"
            "近日,省政府印发了《甲省乙产业发展规划》,为抓好落实,制定以下措施。\n"
            "一、对新认定的乙企业给予20万元奖励。\n二、对乙企业的研发投入给予10%的补助。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、", "二、"]


# ---------------------------------------------------------------- a question headline


_ASKED = ("乙中心认定有什么好处?企业申请乙中心认定的意义及作用\n"
          "乙设计是产业链的上游,可以开启企业发展的马达。\n"
          "支持标准:对认定的甲市乙中心,给予200万元资助;对认定的省级乙中心,在此基础上增加50万元。\n"
          "附:关于印发省级乙中心认定管理办法的通知\n"
          "第一条 为加快乙设计发展,制定本办法。\n第二条 本办法所称乙中心,是指企业设立的设计机构。\n")


def test_the_figures_of_an_article_under_a_question_headline_are_no_provisions(pipeline: Pipeline,
                                                                               tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _ASKED)
    assert [c.label for c in doc.clauses] == ["第一条", "第二条"]


def test_a_plain_headline_keeps_its_granting_paragraph(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _ASKED.replace("有什么好处?", "的支持标准及"))
    assert [c.label for c in doc.clauses] == [None, "第一条", "第二条"]


# ---------------------------------------------------------------- standards per area of land


def test_a_standard_per_mu_of_land_is_no_incentive_figure() -> None:
    assert figures("对新造林,按照2500元/亩的标准给予补助,其中市级按800元/亩给予补助,县级按600元/公顷给予补助。") == []


def test_a_grant_beside_a_standard_per_mu_keeps_its_figure() -> None:
    assert figures("对新建示范基地按500元/亩给予补助,并一次性给予30万元奖励。") == [(300000.0, None, None)]


# ---------------------------------------------------------------- phrases enumerated inside a run-in item


_RUN_IN = ("关于开展2023年度甲市乙机构登记工作的通知\n各有关单位:\n现将有关事项通知如下:\n一、登记条件\n"
           "申请登记的乙机构应具备的条件:1.在甲市行政区域内从事乙服务。2.有固定的经营场所。"
           "3.主要业务范围:(1)对技术信息的搜集、分析;(2)技术转让与代理;(3)技术集成与二次开发。\n"
           "二、登记程序\n申请单位登录系统填报信息。\n")


def test_phrases_enumerated_inside_a_run_in_item_stay_in_it(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _RUN_IN)
    assert [c.label for c in doc.clauses] == ["1.", "2.", "3.", "二、"]


def test_sentences_listed_inside_a_run_in_item_are_its_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    text = _RUN_IN.replace("(1)对技术信息的搜集、分析;(2)技术转让与代理;", "(1)对技术信息进行搜集和分析。(2)开展技术转让与代理。")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["1.", "2.", "(1)", "(2)", "(3)", "二、"]


# ---------------------------------------------------------------- headings over lists of documents


_COLLECTED = ("政策汇编\n发布时间:2018-03-02 10:20\n一、省级优惠政策\n《甲省人民政府关于促进乙区开放发展若干政策的通知》(甲政发〔2015〕7号)\n"
              "二、市级优惠政策\n(一)产业政策\n1.甲市人民政府关于加快丙产业发展的若干意见(甲府规〔 2016〕 12 号)\n"
              "2.甲市人民政府关于鼓励建设标准厂房的指导意见(甲府发[2015]21号)\n(二)人才政策\n"
              "1.甲市引进紧缺人才奖励暂行办法(甲办发[2015]104号)\n2.甲市创业人才项目资助暂行规定(甲组通[2016]3号)\n")


def test_headings_over_a_list_of_collected_documents_are_no_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _COLLECTED + "三、区级优惠政策\n对新落户企业给予10万元奖励。\n")
    assert [c.label for c in doc.clauses] == ["三、"]
    assert "甲办发〔2015〕104号" in [c.doc_number for c in doc.citations]


def test_a_heading_over_provisions_naming_documents_stays_a_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市支持丙产业发展的若干措施\n一、加大资金支持\n"
            "按照《甲市丙产业发展专项资金管理办法》(甲府规〔2016〕12号)给予企业最高50万元补助。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、"]


# ---------------------------------------------------------------- a bracket parted by several commas


def test_a_bracket_parted_by_several_commas_gives_all_its_units() -> None:
    text = ("推动甲企业梯次培育。(自治区乙厅,自治区丙办,自治区丁厅、财政厅、戊厅,甲省税务局,"
            "各市人民政府等按职责分工负责)")
    assert inline_units(text) == [("自治区乙厅", True), ("自治区丙办", False), ("自治区丁厅", False),
                                  ("财政厅", False), ("戊厅", False), ("甲省税务局", False), ("各市人民政府", False)]


def test_a_sentence_before_a_comma_in_a_bracket_is_no_unit() -> None:
    text = "推动甲企业梯次培育。(完善培育体系,加强服务,市科技局、市财政局按职责分工负责)"
    assert inline_units(text) == [("市科技局", True), ("市财政局", False)]


# ---------------------------------------------------------------- the size of a loan


def test_the_size_of_a_loan_in_a_supporting_provision_is_no_incentive() -> None:
    assert figures("支持甲市中小微企业以专利质押融资;单户贷款额度最高800万元,期限不超过1年。") == []


def test_an_interest_subsidy_on_a_loan_keeps_its_rate_and_cap() -> None:
    assert figures("按贷款金额的2%给予贴息,单户最高不超过30万元。") == [(None, 300000.0, 0.02)]
