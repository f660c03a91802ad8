"""Quantified targets: metric, value in base units, year, comparator; incentives are not targets."""

from __future__ import annotations

import pytest

from policykg.loaders.targets import find_targets

from .seeds import seed_text


def summary(text: str) -> list[tuple]:
    return [(t.metric, t.value, t.unit, t.year, t.comparator) for t in find_targets(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2026年,全市技术合同成交额达到400亿元。", ("技术合同成交额", 4e10, "元", 2026, "at_least")),
        ("每年挖掘企业有效技术需求50项以上。", ("企业有效技术需求", 50, "项", None, "at_least")),
        ("全市每年组织对接活动不少于20场。", ("对接活动", 20, "场", None, "at_least")),
        ("到2025年,省级以上技术转移机构达到300家。", ("省级以上技术转移机构", 300, "家", 2025, "at_least")),
        ("武汉市全社会研发经费支出占GDP比重达到3.5%。", ("研发经费支出占GDP比重", 0.035, "ratio", None, "at_least")),
        ("力争高新技术企业数量年增长10%以上。", ("高新技术企业数量年增长", 0.1, "ratio", None, "at_least")),
        ("推进科研活动全覆盖,2023年全市覆盖率达到70%。", ("覆盖率", 0.7, "ratio", 2023, "at_least")),
        ("“十四五”末,全省技术合同交易额突破1.5万亿元。", ("技术合同交易额", 1.5e12, "元", 2025, "at_least")),
        ("到2020年,培育20个市级示范性技术转移机构。", ("市级示范性技术转移机构", 20, "个", 2020, "exactly")),
        ("到2025年,培养技术经纪人2000人。", ("技术经纪人", 2000, "人", 2025, "exactly")),
        ("年度财政科技支出增幅不超过5%。", ("年度财政科技支出增幅", 0.05, "ratio", None, "at_most")),
    ],
)
def test_target_sentences(sentence, expected):
    (got,) = summary(sentence)
    assert got[0] == expected[0]
    assert got[1] == pytest.approx(expected[1])
    assert got[2:] == expected[2:]


@pytest.mark.parametrize(
    "sentence",
    [
        "对购买科技成果的企业,按技术交易额的8%给予每家企业每年最高100万元奖励。",
        "以上奖励单个项目合同金额不低于(含)10万元。",
        "对年技术合同成交额达到1000万元以上的企业,给予一次性补助。",
        "授予成果完成人权属比例不低于70%的职务科技成果所有权。",
        "赋予科研人员不低于10年的长期使用权。",
        "本措施自2025年6月6日起施行,有效期至2026年12月31日。",
        "根据《关于印发行动方案(2024—2026年)的通知》(鄂政办发〔2024〕25号)执行。",
        "市财政每年安排1000万元专项资金。",
        "构建“1+9+N”(1个企业创新服务中心+9个县市区企业创新服务节点)服务体系。",
        "全年技术开发合同交易额累计50万元以上的,市财政按照不超过2%的比例给予补助,最高不超过20万元。",
    ],
)
def test_not_targets(sentence):
    assert summary(sentence) == []


def test_offsets_and_text():
    text = "一、目标\n到2026年,全市技术合同成交额达到400亿元。"
    (t,) = find_targets(text, offset=50)
    assert t.text == "技术合同成交额达到400亿元"
    assert text[t.start - 50:t.end - 50] == t.text


def test_target_kept_before_an_incentive_in_the_same_sentence():
    got = summary("每年推进科技重大专项不少于10项,择优给予单个项目最高3000万元支持。")
    assert got == [("科技重大专项", 10, "项", None, "at_least")]


def test_year_passes_to_paragraphs_introduced_by_a_colon():
    text = "(三)建设目标。\n到2025年,全省技术合同交易额突破3000亿元。其中:\n襄阳市高新技术企业达到500家。\n二、任务\n宜昌市技术合同交易额达到10亿元。"
    got = summary(text)
    assert [(m, y) for m, _v, _u, y, _c in got] == [("技术合同交易额", 2025), ("高新技术企业", 2025),
                                                   ("技术合同交易额", None)]


def test_seed_000_targets():
    got = {(m, v, u, y, c) for m, v, u, y, c in summary(seed_text("000"))}
    assert ("企业有效技术需求", 50, "项", None, "at_least") in got
    assert ("技术合同成交额", 4e10, "元", 2026, "at_least") in got
    assert ("科技成果转化对接活动", 20, "场", None, "at_least") in got
    assert ("省级以上技术转移机构", 4, "家", 2026, "exactly") in got
    # incentive caps and thresholds of clause (七) are not targets
    assert not any(v in (1e6, 1.5e6, 1e5) for _m, v, _u, _y, _c in got)


def test_seed_002_targets():
    got = summary(seed_text("002"))
    assert ("技术合同交易额", 3e11, "元", 2025, "at_least") in got
    assert ("省级以上技术转移示范机构", 300, "家", 2025, "at_least") in got
    ratios = [(m, v, y) for m, v, u, y, _c in got if u == "ratio"]
    assert ("研发经费支出占GDP比重", pytest.approx(0.035), 2025) in ratios
    # the 10% subsidy and 100万元 cap of item 14 are incentives
    assert not any(v == 1e6 for _m, v, _u, _y, _c in got)


def test_seed_001_and_004_targets():
    got001 = summary(seed_text("001"))
    assert ("科技型企业贷款余额年增长", 0.1, "ratio", None, "at_least") in got001
    assert not any(u == "元" for _m, _v, u, _y, _c in got001)  # all money in 001 is incentives
    got004 = summary(seed_text("004"))
    assert ("省级示范性转移机构", 2, "个", 2020, "at_least") in got004
    assert not any(u == "元" and v in (2e5, 1e5, 5e6) for _m, v, u, _y, _c in got004)
