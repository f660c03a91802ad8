"""A page's own stamp printed before its view counter (时间:… | 浏览量:…, 2031/05/16 浏览次数:) dates a
page that gives no other date, though the line is dropped as page chrome; an excerpt of a long
list keeps its items numbered past 99 (120.…, 121.…) as clauses. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.structure import parse_label

from .texts import read

NOTICE = ("甲市科技局关于开展2031年度乙类平台备案工作的通知\n\n{stamp}\n\n各区科技局:\n\n"
          "为推动乙类平台发展,现组织开展备案工作,有关事项通知如下:\n\n一、申报条件\n\n(一)申请备案的平台应具备专职服务人员。\n\n"
          "(二)平台运营满一年。\n")


def test_a_time_stamp_before_the_view_counter_dates_the_page(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, NOTICE.format(stamp="时间:2031-05-16 09:40 | 浏览量:312"))
    assert doc.date == "2031-05-16"


def test_a_bare_date_before_the_view_counter_after_other_chrome_dates_the_page(
        pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, NOTICE.format(stamp="文字:[大][中][小]  2031/05/16     浏览次数: "))
    assert doc.date == "2031-05-16"


def test_a_signed_date_still_comes_before_the_page_stamp(pipeline: Pipeline, tmp_path: Path) -> None:
    text = NOTICE.format(stamp="时间:2031-05-16 09:40 | 浏览量:312") + "\n甲市科学技术局\n2031年5月10日\n"
    assert read(pipeline, tmp_path, text).date == "2031-05-10"


def test_items_numbered_past_ninety_nine_are_labels_and_figures_are_not() -> None:
    assert parse_label("120.支持乙类平台建设。").number == 120  # type: ignore[union-attr]
    assert parse_label("121、对丙类企业给予奖励").number == 121  # type: ignore[union-attr]
    for text in ("100.5万元的奖励", "300、500万元两档", "2031.5月"):
        assert parse_label(text) is None, text


def test_an_excerpt_of_a_long_list_keeps_its_items_as_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("120.一是支持丁类企业加大研发投入。对研发投入增长的企业,按新增投入的10%给予补助。\n"
            "121.支持戊类中心承担研发任务,各区科技局对其予以支持。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["120.", "121."]
    assert [i.rate for p in doc.clauses[0].provisions for i in p.instruments if i.rate] == [0.1]
