"""A cap its own verb grants beside another cap in one clause (甲类给予不超过20万元奖励、乙类给予不超过10万元
奖励) and a cap for each level after a rate (按…的50%给予配套支持。其中,国家级最高3000万元,省、市级最高500万元)
are instruments of their own; a site's clock greeting the reader (今天是…星期二) is no date of the text that
hides the page's own; a headline printed above and below a page's date bar is whole; the title of a notice
whose heading an excerpt cut (…实施细则(试行)》的通知) is the one the text quotes; a paragraph granting sums
after the last numbered item goes on with it. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .instrument_figures import numbers
from .texts import read


def test_a_second_cap_its_own_verb_grants_is_an_instrument() -> None:
    ex = InstrumentExtractor()
    text = "对新认定的甲类科技企业给予不超过20万元奖励、乙类科技企业给予不超过8万元奖励。"
    assert numbers(ex, text) == [{"cap_yuan": 200000.0}, {"cap_yuan": 80000.0}]


def test_caps_listed_without_a_verb_between_stay_as_they_were() -> None:
    ex = InstrumentExtractor()
    assert numbers(ex, "分别给予最高15万元、7万元奖励。") == [{"cap_yuan": 150000.0}, {"cap_yuan": 70000.0}]
    assert numbers(ex, "给予最高50万元奖励,单个企业累计不超过200万元。")[0] == {"cap_yuan": 500000.0}


def test_a_cap_for_each_level_after_a_rate_carries_the_rate() -> None:
    ex = InstrumentExtractor()
    text = "按不超过上级部门资助金额的40%给予配套支持。其中,国家级最高2000万元,省、市级最高300万元。"
    assert numbers(ex, text) == [{"rate": 0.4, "cap_yuan": 20000000.0}, {"rate": 0.4, "cap_yuan": 3000000.0}]
    text = "按研发投入的10%给予补助,国家级平台最高100万元,省级平台最高50万元。"
    assert numbers(ex, text) == [{"rate": 0.1, "cap_yuan": 1000000.0}, {"rate": 0.1, "cap_yuan": 500000.0}]


def test_one_cap_after_a_rate_stays_its_cap() -> None:
    ex = InstrumentExtractor()
    text = "按不超过上级部门资助金额的40%给予配套支持。其中,国家级最高2000万元。"
    assert numbers(ex, text)[0]["rate"] == 0.4


PAGE = ("{greeting}栏目导航\n\n甲省支持科技创新政策清单\n\n文字:[大][中][小] 手机页面二维码 2031/3/25     浏览次数:    \n\n"
        "甲省支持科技创新政策清单\n\n1.省财政对挂牌企业给予一次性奖补10万元。\n")


def test_a_clock_greeting_leaves_the_pages_own_date(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, PAGE.format(greeting="今天是2032年6月11日 星期二,欢迎光临本站\n\n"))
    assert doc.date == "2031-03-25"


def test_a_headline_printed_twice_is_no_second_half_of_the_line_above(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, PAGE.format(greeting=""))
    assert doc.title == "甲省支持科技创新政策清单"


def test_a_cut_notice_heading_takes_the_title_the_text_quotes(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("乙类平台绩效评价奖补办法(试行)》的通知\n各区科技主管部门,各有关单位:\n"
            "为引导研发机构加快成果转化,市科技局制定了《甲市科学技术局关于乙类平台绩效评价奖补办法(试行)》。"
            "现印发给你们,请遵照执行。\n甲市科学技术局\n2031年8月25日\n"
            "甲市科学技术局关于乙类平台绩效评价奖补办法(试行)\n第一条 为引导研发机构加快成果转化,制定本办法。\n")
    assert read(pipeline, tmp_path, text).title == "甲市科学技术局关于乙类平台绩效评价奖补办法(试行)"


def test_a_heading_quoting_no_title_keeps_its_line(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "乙类平台绩效评价奖补办法(试行)》的通知\n各有关单位:\n请遵照执行。\n甲市科学技术局\n2031年8月25日\n"
    assert read(pipeline, tmp_path, text).title == "乙类平台绩效评价奖补办法(试行)》的通知"  # nothing to complete it from


def test_a_paragraph_granting_sums_after_the_last_item_is_that_items(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市科技创新专项资金管理办法\n一、资金安排\n市本级财政设立专项资金。\n二、支持提升创新能力\n"
            "1.支持研发平台建设。对新认定的国家级平台,市财政给予100万元奖励。\n"
            "新认定的国家级、省级产业基地,市财政分别给予80万元、40万元奖励。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["一、", "1."]
    amounts = [i.amount_yuan for p in doc.clauses[1].provisions for i in p.instruments if i.amount_yuan]
    assert amounts == [1000000.0, 800000.0, 400000.0]


def test_a_closing_paragraph_after_the_last_item_still_closes(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市科技创新专项资金管理办法\n一、资金安排\n市本级财政设立专项资金。\n二、支持提升创新能力\n"
            "1.支持研发平台建设。对新认定的国家级平台,市财政给予100万元奖励。\n"
            "本办法自2031年1月1日起施行,此前已给予的50万元奖励不再追溯。\n")
    doc = read(pipeline, tmp_path, text)
    item = next(c for c in doc.clauses if c.label == "1.")
    assert doc.clean.normalized[item.start:item.end].rstrip().endswith("给予100万元奖励。")
