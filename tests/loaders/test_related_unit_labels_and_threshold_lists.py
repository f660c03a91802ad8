"""Two forms seen among the misses of the fifty-sixth and fifty-seventh sets of real documents:
a bracket that names its supporting bodies 相关责任单位 after the 牵头责任单位 (the supporting
bodies lead nothing and none is dropped), and a list of thresholds before 的 whose tiers are
granted 分别 (every figure of the list is a threshold, none a sum granted)."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .texts import clause_units, read

_PLAN = ("乙市数字经济工作要点\n"
         "一、重点工作\n"
         "1.建设城市数据底座。(牵头责任单位:市数据管理局;相关责任单位:市工信局等市直有关单位,乙城建设集团、"
         "数字乙市集团)\n"
         "2.培育数据要素市场。(牵头责任单位:市发改委;相关责任部门:市财政局、市市场监管局)\n")


def test_the_bodies_after_a_related_responsibility_label_support_the_lead(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, _PLAN)
    assert clause_units(doc) == [
        ("1.", [("市数据管理局", True), ("市工信局", False), ("乙城建设集团", False), ("数字乙市集团", False)]),
        ("2.", [("市发改委", True), ("市财政局", False), ("市市场监管局", False)]),
    ]


def _figures(text: str) -> list[tuple[float | None, float | None]]:
    return [(i.amount_yuan, i.threshold_yuan) for i in InstrumentExtractor().find(text)]


def test_each_figure_of_a_list_of_thresholds_is_a_threshold():
    found = _figures("对年营业收入首次达到800万元、2000万元、5000万元的科技型企业分别给予15万元、25万元、60万元奖励。")
    assert sorted(amount for amount, _ in found) == [150000.0, 250000.0, 600000.0]
    assert {threshold for _, threshold in found} <= {8e6, 2e7, 5e7, None}
    found = _figures("对年度技术合同成交额达到1亿元、3亿元、5亿元的技术转移机构分别奖励20万元、40万元、80万元。")
    assert sorted(amount for amount, _ in found) == [200000.0, 400000.0, 800000.0]


def test_a_figure_after_a_list_that_is_granted_stays_a_grant():
    # the list closes with a grant, not with 的: its second figure is granted
    found = _figures("对认定的市级孵化器给予20万元、省级孵化器给予30万元的一次性补助。")
    assert sorted(amount for amount, _ in found) == [200000.0, 300000.0]
    # 不超过 before a list is a cap on each figure, no threshold
    found = [i.cap_yuan for i in InstrumentExtractor().find("按评定等次分别给予不超过90万元、50万元和20万元的运行补助。")]
    assert found == [900000.0, 500000.0, 200000.0]
