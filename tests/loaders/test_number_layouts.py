"""Numbers and incentives as real policies write them: 万分之 and 成 rates, qualifiers,
ranges, money forms, words spaced out or wrapped over lines, headings. Made-up sentences."""

from __future__ import annotations

import pytest

from policykg.loaders.instruments import InstrumentExtractor, join_wrapped_lines
from policykg.loaders.quantities import find_quantities, parse_rate

NUMBER_FIELDS = ("rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan")


@pytest.fixture(scope="module")
def ex() -> InstrumentExtractor:
    return InstrumentExtractor()


def numbers(ex, text):
    """(type, {field: value}) of each quantified instrument."""
    out = []
    for i in ex.find(text):
        fields = {k: getattr(i, k) for k in NUMBER_FIELDS if getattr(i, k) is not None}
        if fields:
            out.append((i.type, fields))
    return out


@pytest.mark.parametrize(("written", "value"), [
    ("万分之一", 0.0001), ("万分之五", 0.0005), ("千分之五", 0.005), ("百分之十五", 0.15), ("三成", 0.3),
    ("两成", 0.2), ("0.6‰", 0.0006), ("12.5%", 0.125),
])
def test_rate_forms(written, value):
    assert parse_rate(written) == pytest.approx(value)
    (q,) = find_quantities(f"按交易额的{written}给予")
    assert (q.kind, q.value) == ("rate", pytest.approx(value))


@pytest.mark.parametrize("text", ["形成一成不变的机制", "吸引三成果转化项目", "组成专家组", "第三成员单位"])
def test_cheng_of_ordinary_words_is_no_rate(text):
    assert [q for q in find_quantities(text) if q.kind == "rate"] == []


@pytest.mark.parametrize(("text", "lo", "hi"), [
    ("按10%—30%给予", 0.1, 0.3), ("按10%至30%给予", 0.1, 0.3), ("按10-30%给予", 0.1, 0.3),
    ("按两成至三成给予", 0.2, 0.3), ("按千分之一至千分之三给予", 0.001, 0.003),
])
def test_rate_ranges(text, lo, hi):
    (q,) = find_quantities(text)
    assert (q.kind, q.min, q.max) == ("rate_range", pytest.approx(lo), pytest.approx(hi))


@pytest.mark.parametrize(("text", "value"), [
    ("给予50万元", 5e5), ("给予5000万元", 5e7), ("给予1亿元", 1e8), ("给予一百万元", 1e6), ("给予1.5亿元", 1.5e8),
    ("给予 20 万元", 2e5), ("按500元/人给予", 500),
])
def test_money_forms(text, value):
    (q,) = [q for q in find_quantities(text) if q.kind == "money"]
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(("text", "qualifier"), [
    ("不低于50万元", "min"), ("不超过50万元", "max"), ("最高50万元", "max"), ("最低50万元", "min"),
    ("原则上不超过50万元", "max"), ("最高不超 过 50 万元", "max"), ("最高不超\n过50万元", "max"),
])
def test_qualifiers_even_when_spaced_or_wrapped(text, qualifier):
    (q,) = find_quantities(text)
    assert q.qualifier == qualifier


def test_wan_fen_zhi_rate_with_cap(ex):
    assert numbers(ex, "对登记机构,在原标准的基础上给予增长量万分之二的叠加奖励,最高不超过10万元。") == [
        ("reward", {"rate": pytest.approx(0.0002), "cap_yuan": 100_000})]


def test_cheng_rate(ex):
    assert numbers(ex, "对购买成果的企业,按技术合同成交额的三成给予补助。") == [("subsidy", {"rate": pytest.approx(0.3)})]


def test_sentence_wrapped_over_lines_and_spaced_numbers(ex):
    text = ("对购买成果的企业,年实际成交的技术交易额在 20 万(含)以上的,给予技术交易额\n\n"
            "   10%奖励,每家企业奖励最高不超 过 20\n   万元。")
    found = ex.find(text, offset=1000)
    assert [(i.type, i.rate, i.cap_yuan, i.threshold_yuan) for i in found] == [("reward", 0.1, 200_000, 200_000)]
    ins = found[0]
    assert text[ins.start - 1000:ins.end - 1000] == ins.text  # offsets point into the text as written
    assert ins.text.startswith("对购买成果的企业") and ins.text.endswith("万元。")


def test_lines_that_end_a_sentence_or_open_an_item_stay_apart():
    joined, where = join_wrapped_lines("一、奖励标准\n对企业给予奖励,\n按交易额的5%。\n1.第二项")
    assert joined == "一、奖励标准\n对企业给予奖励,按交易额的5%。\n1.第二项"
    assert joined[where.index(len("一、奖励标准\n对企业给予奖励,\n"))] == "按"
    assert join_wrapped_lines("无空白的文字") == ("无空白的文字", None)
    assert join_wrapped_lines("R D 投入")[0] == "R D投入"  # ASCII words keep their space


def test_part_below_a_threshold_is_a_condition(ex):
    text = "对登记方,交易金额年累计在 2000 万元及以下部分按交易额的 0.4%给予奖励,超过 2000 万元部分按 0.2%给予奖励。"
    assert numbers(ex, text) == [("reward", {"rate": pytest.approx(0.004)}), ("reward", {"rate": pytest.approx(0.002)})]


def test_number_after_the_trigger_word_is_the_amount(ex):
    text = "登记额达到2亿元的,给予工作经费补助2万元;每超过0.5亿元再补助经费1万元,单个机构每年最高奖励8万元。"
    found = numbers(ex, text)
    # the yearly cap on all one body gets closes the base award and the step alike
    assert found[0] == ("subsidy", {"amount_yuan": 20_000, "cap_yuan": 80_000})
    assert found[1][1]["amount_yuan"] == 10_000 and found[1][1]["cap_yuan"] == 80_000


@pytest.mark.parametrize("heading", ["奖励对象及范围", "(三)奖励对象及范围", "二、补助标准"])
def test_a_heading_grants_nothing(ex, heading):
    assert ex.find(heading) == []
    assert ex.find(heading + "\n经认定的技术转移机构按规定申报。") == []


def test_a_provision_granting_without_numbers_is_kept(ex):
    assert [i.type for i in ex.find("对科技型中小企业,给予创新券支持")] == ["voucher"]


def test_several_amounts_given_respectively(ex):
    found = numbers(ex, "对新认定的国家级、省级研究院,分别给\n予100万元、50万元的奖励。")
    assert [f for _t, f in found] == [{"amount_yuan": 1_000_000}, {"amount_yuan": 500_000}]


def test_a_cap_word_before_a_list_covers_every_item():
    a, b = find_quantities("分别给予最高10万元、5万元奖励")
    assert (a.qualifier, b.qualifier) == ("max", "max")
    a, b = find_quantities("给予最高10万元,另给予5万元")
    assert (a.qualifier, b.qualifier) == ("max", "exact")  # a comma ends the list


def test_listed_caps_given_respectively_are_separate_instruments(ex):
    found = numbers(ex, "对获得国家级、省级示范机构称号的,分别给予最高10万元、5万元奖励。")
    assert [f for _t, f in found] == [{"cap_yuan": 100_000}, {"cap_yuan": 50_000}]


def test_second_cap_after_a_rate_stays_with_it(ex):
    found = ex.find("按实际交易额的5%给予奖励,单项最高不超过200万元、每家单位每年累计不超过500万元。")
    assert [(i.rate, [c["yuan"] for c in i.caps]) for i in found] == [(0.05, [2_000_000, 5_000_000])]


def test_elliptical_clause_repeats_the_grant(ex):
    found = numbers(ex, "对新获批的国家级孵化器给予一次性100万元奖励,省级50万元。")
    assert [f for _t, f in found] == [{"amount_yuan": 1_000_000}, {"amount_yuan": 500_000}]
    assert len(numbers(ex, "对新获批的国家级孵化器给予一次性100万元奖励,投资额达到50万元。")) == 1


def test_elliptical_amount_after_a_grant_without_number(ex):
    assert numbers(ex, "对评估优秀的平台给予运行经费支持,每年20万元。") == [("subsidy", {"amount_yuan": 200_000})]


def test_highest_obtainable_is_a_cap(ex):
    assert numbers(ex, "入选项目最高可获得300万元资助。") == [("subsidy", {"cap_yuan": 3_000_000})]
    (q,) = find_quantities("每家最高可享受50万元")
    assert q.qualifier == "max"


def test_a_budget_total_is_no_elliptical_amount(ex):
    assert numbers(ex, "对认定的平台给予奖励,总计100万元。") == []


def test_rate_in_a_basis_clause_before_the_grant(ex):
    text = "加强对综合体的支持,按照创建期内实际投入的30%,给予最高2000万元的资金支持。"
    assert numbers(ex, text) == [("subsidy", {"rate": pytest.approx(0.3), "cap_yuan": 20_000_000})]
    assert numbers(ex, "企业研发投入占比达到5%,给予奖励。") == []  # a condition, not a basis


def test_a_sentence_detailing_the_grant_before_it(ex):
    found = ex.find("对新认定的技术创新中心给予一次性奖励。其中,国家级100万元,省级50万元。")
    assert [(i.type, i.amount_yuan) for i in found] == [("reward", 1_000_000), ("reward", 500_000)]
    assert numbers(ex, "对企业给予支持。其中,年营业收入5000万元以上的企业。") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("对承担省级重点项目的企业,按省拨经费的20%给予配套,最高100万元。", [("subsidy", {"rate": 0.2, "cap_yuan": 1000000})]),
    ("对获得国家奖励的团队,按所获奖金1:1予以配套。", [("subsidy", {"rate": 1.0})]),
    ("对新建的省级平台,按上级资金的50%进行配套。", [("subsidy", {"rate": 0.5})]),
])
def test_matching_funds_written_with_配套_alone(ex, text, expected):
    assert numbers(ex, text) == expected


def test_配套_of_policies_and_facilities_is_no_incentive(ex):
    assert ex.find("加强配套政策衔接,完善园区配套设施,提高配套服务水平。") == []
