"""Numbers in every written form, with their qualifiers."""

from __future__ import annotations

import pytest

from policykg.loaders.quantities import (
    find_quantities,
    parse_chinese_number,
    parse_money,
    parse_number,
    parse_rate,
)


@pytest.mark.parametrize(("text", "value"), [
    ("一百", 100), ("二十一", 21), ("两", 2), ("十五", 15), ("一千五百", 1500),
    ("三千万", 30_000_000), ("一亿二千万", 120_000_000), ("三点五", 3.5), ("零", 0),
])
def test_chinese_numerals(text, value):
    assert parse_chinese_number(text) == pytest.approx(value)


@pytest.mark.parametrize(("text", "yuan"), [
    ("100万元", 1_000_000), ("1亿元", 100_000_000), ("1.5亿元", 150_000_000), ("3000万", 30_000_000),
    ("五十万元", 500_000), ("1,000万元", 10_000_000), ("10000元", 10_000), ("两千万元", 20_000_000),
])
def test_parse_money(text, yuan):
    assert parse_money(text) == pytest.approx(yuan)


@pytest.mark.parametrize(("text", "rate"), [
    ("8%", 0.08), ("8％", 0.08), ("百分之八", 0.08), ("百分之二十五", 0.25), ("0.5%", 0.005),
    ("千分之五", 0.005), ("0.5倍", 0.5), ("两倍", 2.0),
])
def test_parse_rate(text, rate):
    assert parse_rate(text) == pytest.approx(rate)


def test_parse_errors_say_what_is_expected():
    with pytest.raises(ValueError, match="100万元"):
        parse_money("若干")
    with pytest.raises(ValueError, match="百分之八"):
        parse_rate("若干成")
    with pytest.raises(ValueError):
        parse_number("abc")


def _one(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text", ["70%—99%", "70%-99%", "70%~99%", "70%至99%", "70-99%", "百分之七十至百分之九十九"])
def test_rate_ranges(text):
    q = _one(f"可获得{text}的现金奖励")
    assert q.kind == "rate_range"
    assert (q.min, q.max) == (pytest.approx(0.7), pytest.approx(0.99))


def test_money_range_shares_the_multiplier():
    q = _one("给予10-50万元补助")
    assert q.kind == "money_range" and (q.min, q.max) == (100_000, 500_000)


def test_kinds_and_positions():
    text = "每年引育10个团队,对新增贷款20户且5年内按0.5倍给予最高100万元补助"
    found = find_quantities(text)
    assert [q.kind for q in found] == ["count", "count", "years", "multiple", "money"]
    for q in found:
        assert text[q.start:q.end] == q.text
    assert found[0].unit == "个" and found[1].unit == "户"
    assert found[3].value == 0.5 and found[4].value == 1_000_000


@pytest.mark.parametrize(("text", "qualifier"), [
    ("给予最高100万元奖励", "max"),
    ("补贴费用不得超过3万元", "max"),
    ("最高不超过20万元", "max"),
    ("每投资1家企业最高奖励100万元", "max"),
    ("上限为50万元", "max"),
    ("合同金额不低于(含)10万元", "min"),
    ("奖励不少于30%", "min"),
    ("规模1亿元以上", "at_least"),
    ("贷款达到2亿元及以上", "at_least"),
    ("投资200万元以上(不含土地购置款)的企业", "at_least"),
    ("50万元以内", "at_most"),
    ("按不超过合同额的30%给予支持", "max"),
    ("支付100万元", "exact"),
])
def test_qualifiers(text, qualifier):
    money_or_rate = [q for q in find_quantities(text) if q.kind in ("money", "rate")]
    assert money_or_rate[-1].qualifier == qualifier


def test_calendar_years_and_bare_numbers_are_not_quantities():
    assert find_quantities("2025年6月5日发布,鄂政办发〔2024〕25号,构建1+9+N体系") == []


def test_words_that_look_like_numerals_are_not_numbers():
    assert find_quantities("每万人口高价值专利,千企进千校,百人计划,一次性给予") == []


def test_durations():
    ten, five = find_quantities("不低于10年的长期使用权,5年内")
    assert (ten.kind, ten.value, ten.qualifier) == ("years", 10, "min")
    assert (five.kind, five.value, five.qualifier) == ("years", 5, "at_most")


def test_count_with_remark_before_threshold_word():
    q = _one("贷款户数达到20户(包含首贷户数)及以上")
    assert (q.kind, q.value, q.qualifier) == ("count", 20, "at_least")


@pytest.mark.parametrize(("text", "rate"), [
    ("一等奖按所得奖金1:1的比例配套", 1.0),
    ("参与单位按所得奖金1:0.5的比例配套奖励", 0.5),
    ("按国家资助经费1∶0.3给予配套支持", 0.3),
    ("按照2:1比例匹配", 0.5),
])
def test_matching_ratios_read_as_rates(text, rate):
    found = [q for q in find_quantities(text) if q.kind == "rate"]
    assert [q.value for q in found] == [pytest.approx(rate)]


def test_a_list_of_matching_ratios_reads_each_one():
    found = [q for q in find_quantities("一等奖、二等奖分别按省奖金额的3:1、2:1进行配套") if q.kind == "rate"]
    assert [q.value for q in found] == [pytest.approx(1 / 3), pytest.approx(0.5)]
    # a list that is no matching (scores in a table) stays no rate
    assert [q for q in find_quantities("两场比分为3:1、2:1") if q.kind == "rate"] == []


@pytest.mark.parametrize("text", ["会议于上午9:30开始", "以3:1的比分获胜", "按1:1:1分担"])
def test_times_scores_and_three_part_ratios_are_no_rates(text):
    assert [q for q in find_quantities(text) if q.kind == "rate"] == []


def test_skipping_a_failed_digit_run_changes_no_match():
    """Patterns are not tried again inside a run of digits where they failed at an earlier
    digit: on made-up strings of numbers, units and signs every pattern matches the same."""
    import random

    from policykg.loaders import quantities as q

    pieces = ["1", "2", "0", "5", "9", "12", "2024", "1,000", "3.5", ".", ",", "%", "‰", "万", "亿", "千万",
              "元", "成", "三", "十", "百分之", "至", "-", "—", "~", ":", "比", "比例", "配套", "倍", "年", "个",
              "家", "人", "次", "美元", " ", "最高", "不超过", "以上", "的", "按", "第", "号", "〔", "〕", "a"]
    rng = random.Random(7)
    tried = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        starts = {cls: [m.start() for m in cls.finditer(text)] for cls in q._START_CLASSES}
        run_end = q._digit_run_ends(starts[q._START_AR])
        for kind, pattern in q._PATTERNS:
            every = q._matches(pattern, starts[q._STARTS[kind]], text)
            skipping = q._matches(pattern, starts[q._STARTS[kind]], text, run_end)
            assert [m.span() for m in skipping] == [m.span() for m in every], (kind, text)
            tried += len(every)
    assert tried > 1000  # the strings hold numbers of every kind
