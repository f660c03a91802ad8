"""Unit labels written once under a section's heading for the numbered items below it, 归口部门
as a label, a name whose bracketed other name an excerpt cuts, and figures that are no rate or
cap of a grant: a multiple of an interest rate, a programme's own yearly total. Made-up texts."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.departments import DepartmentVocabulary
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.responsibility import extract_provisions

from .texts import read


def figures(ex: InstrumentExtractor, text: str) -> list[tuple[float | None, float | None, float | None]]:
    return [(i.rate, i.cap_yuan, i.amount_yuan) for i in ex.find(text)
            if i.rate is not None or i.cap_yuan is not None or i.amount_yuan is not None]


# ------------------------------------------------------- labels under a section's heading

_SECTION_LABELS = """丙省数字化转型2025年工作要点

一、重点任务

(一)算力设施建设行动

牵头单位:省通信管理局

配合单位:省发展改革委、省财政厅

1.新建一批算力中心,推动存量数据中心改造升级。

2.推进城市千兆光网全覆盖。

(二)数据要素培育行动

1.培育数据交易机构,完善交易规则。(责任单位:省数据局)

2.开展公共数据授权运营试点。
"""


def test_labels_under_a_section_heading_go_to_each_item_below(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _SECTION_LABELS)
    first, second = [c for c in doc.clauses if c.label in ("1.", "2.")][:2]
    for clause in (first, second):
        assert [(u.name, u.lead) for p in clause.provisions for u in p.units] == [
            ("省通信管理局", True), ("省发展改革委", False), ("省财政厅", False)]


def test_a_section_without_labels_lends_none_and_an_items_own_bracket_stays(
        pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _SECTION_LABELS)
    third, fourth = [c for c in doc.clauses if c.label in ("1.", "2.")][2:4]
    assert [u.name for p in third.provisions for u in p.units] == ["省数据局"]
    assert [u.name for p in fourth.provisions for u in p.units] == []


_LABEL_INSIDE_A_SENTENCE = """丁市科技工作要点

(一)强化企业创新主体地位,由市科技局牵头,市财政局配合,完善企业研发投入激励机制。

1.实施高新技术企业倍增计划。

2.开展科技型中小企业评价。
"""


def test_a_lead_in_sentence_that_goes_on_after_its_units_lends_them_to_no_item(
        pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _LABEL_INSIDE_A_SENTENCE)
    items = [c for c in doc.clauses if c.label in ("1.", "2.")]
    assert items and all(not p.units for c in items for p in c.provisions)


def test_the_department_in_charge_is_a_responsible_unit_label(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("戊区人才项目申报指南\n\n一、项目类别\n\n1.青年人才研修资助\n\n申报范围:区内企事业单位\n\n"
            "归口部门:区人力资源社会保障局\n\n2.技能大师工作室建设\n\n申报范围:区内企业\n")
    doc = read(pipeline, tmp_path, text)
    first = next(c for c in doc.clauses if c.label == "1.")
    assert [(u.name, u.lead) for p in first.provisions for u in p.units] == [("区人力资源社会保障局", True)]


# ---------------------------------------------------- a name whose other name an excerpt cuts


def test_a_whole_name_before_a_cut_bracketed_other_name_stays_a_unit() -> None:
    text = "1.推进企业上云。(牵头单位:市通信管理局、市经济信息委〔市中小企"
    units = [u for p in extract_provisions(text, 0, len(text), None) for u in p.units]
    assert [u.name for u in units] == ["市通信管理局", "市经济信息委"]
    assert units[1].aliases == []


def test_a_name_the_excerpt_cuts_is_still_dropped() -> None:
    text = "1.推进企业上云。(牵头单位:市通信管理局、市经济信"
    units = [u for p in extract_provisions(text, 0, len(text), None) for u in p.units]
    assert [u.name for u in units] == ["市通信管理局"]


def test_the_economy_and_information_commission_written_short_is_industry() -> None:
    vocab = DepartmentVocabulary.load()
    assert vocab.function_of("市经济信息委") == "industry_it"
    assert vocab.function_of("区经济信息局") == "industry_it"


# ------------------------------------------------------------ figures that are no grant's


def test_a_multiple_of_an_interest_rate_is_no_rate_of_the_sum(ex: InstrumentExtractor) -> None:
    text = "以技术改造项目投资额为依据,按一年期贷款市场报价利率(LPR)水平给予3倍资金支持,最高不超过800万元。"
    assert figures(ex, text) == [(None, 8_000_000, None)]
    text = "对企业技改贷款,按同期贷款利率的1.5倍给予贴息,每家企业最高50万元。"
    assert figures(ex, text) == [(None, 500_000, None)]


def test_a_multiple_of_a_sum_is_still_a_rate(ex: InstrumentExtractor) -> None:
    text = "对获得天使投资的初创企业,按实际到位投资额的0.5倍给予配套奖励,最高100万元。"
    assert figures(ex, text) == [(0.5, 1_000_000, None)]


def test_a_programmes_own_yearly_total_caps_no_grant(ex: InstrumentExtractor) -> None:
    text = "对首次通过知识产权贯标认证的企业,给予一次性资助每家2万元。本项目每年资助总额不超过200万元。"
    assert figures(ex, text) == [(None, None, 20_000)]
    text = "对新认定的专精特新企业给予奖励5万元,该专项年度奖补资金总额控制在500万元以内。"
    assert figures(ex, text) == [(None, None, 50_000)]


def test_a_recipients_total_still_caps_its_grants(ex: InstrumentExtractor) -> None:
    text = "对企业购买检测服务,按费用的30%给予补助,每家企业每年补助总额不超过20万元。"
    assert figures(ex, text) == [(0.3, 200_000, None)]
