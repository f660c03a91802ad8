"""A cap a section states once in its lead-in above numbered items granting rates (每家企业每年获得的
贴息不超过80万元。⏎1、…60%…;⏎2、…30%…) caps each item's rate; a figure of the applicant's own
joined to a second condition by 且 (净资产不超过2000万元(含)且营业收入不超过5000万元的企业) is a
condition, no cap; the part of a grant its recipient must spend on a use (其中用于一线人员的绩效奖励应不少于
60%) is no incentive. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .instrument_figures import figures
from .texts import read

LEAD_IN_CAP = (
    "甲市科技信贷贴息办法\n一、贴息标准\n(一)贷款贴息\n"
    "对企业获得的科技信贷产品给予贴息支持。每家企业每年获得的贴息不超过80万元,贴息期限不超过2年。\n"
    "1、对上年度营业收入不超过5000万元的企业,按贷款利息的60%给予贴息;\n"
    "2、对上年度营业收入在5000万元以上的企业,按贷款利息的30%给予贴息。\n"
    "(二)保险补贴\n对企业购买科技保险的,每家企业每年补贴不超过20万元。\n"
    "1、首次投保的,补贴保费的50%;\n2、续保的,补贴保费的30%,最高10万元。\n")


def clause_figures(doc) -> list[tuple[str | None, list[tuple[float | None, float | None, float | None]]]]:
    return [(c.label, [(i.rate, i.cap_yuan, i.amount_yuan) for p in c.provisions for i in p.instruments
                       if i.rate is not None or i.cap_yuan is not None or i.amount_yuan is not None])
            for c in doc.clauses]


def test_a_lead_in_cap_caps_each_rate_of_the_items_below(pipeline: Pipeline, tmp_path: Path) -> None:
    found = clause_figures(read(pipeline, tmp_path, LEAD_IN_CAP))
    assert found[:2] == [("1、", [(0.6, 800000.0, None)]), ("2、", [(0.3, 800000.0, None)])]
    assert (None, [(None, 800000.0, None)]) not in found  # the lead-in grants nothing of its own now


def test_a_lead_in_cap_stays_its_own_when_an_item_has_a_cap(pipeline: Pipeline, tmp_path: Path) -> None:
    found = clause_figures(read(pipeline, tmp_path, LEAD_IN_CAP))
    assert found[-3:] == [(None, [(None, 200000.0, None)]), ("1、", [(0.5, None, None)]),
                          ("2、", [(0.3, 100000.0, None)])]


def test_a_condition_joined_to_another_by_qie_is_no_cap(ex: InstrumentExtractor) -> None:
    assert figures(ex, "对上年度净资产不超过2000万元(含)且营业收入不超过5000万元的企业,"
                                "按贷款利息的30%给予贴息;") == [(0.3, None, None)]
    assert figures(ex, "对年销售收入不超过3亿元并且研发投入不低于300万元的企业,"
                                "按实际利息的20%给予贴息,最高50万元。") == [(0.2, 500000.0, None)]


def test_the_part_of_a_grant_spent_on_a_use_is_no_incentive(ex: InstrumentExtractor) -> None:
    assert figures(ex, "获得的市级奖补资金主要用于技术转移人员的激励和机构能力建设,"
                                "其中用于一线人员的绩效奖励应不少于60%。") == []
    # a share of transfer income going to its makers is still one
    assert figures(ex, "高校科技成果转化净收入的70%以上用于奖励完成人。") == [(0.7, None, None)]
