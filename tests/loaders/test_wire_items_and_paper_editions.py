"""News pages around a policy: a wire item (甲社4月2日电,甲省2日印发《X》) reports X, issued where
its lead says; a paper's edition line (2031年5月6日 《甲日报》第02版) dates the page; a newspaper
named in 《》 is where a report ran, no document it cites. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.citations import find_citations
from policykg.loaders.pipeline import Pipeline

from .texts import meta, read

WIRE = ("甲讯社4月2日电,甘肃省2日印发《关于加快建设开放创新生态的意见》。其中提出,支持企业牵头组建"
        "创新联合体,单个企业年度最高补助300万元。\n")


def test_a_wire_item_reports_the_measure_its_lead_says_was_issued() -> None:
    data = meta(WIRE)
    assert data["title"] == "关于加快建设开放创新生态的意见"
    assert data["region"] == "甘肃省"


def test_a_wire_item_is_read_for_its_metadata_with_no_provisions(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, WIRE)
    assert doc.title == "关于加快建设开放创新生态的意见"
    assert doc.clauses == []


def test_a_papers_edition_line_dates_the_page() -> None:
    text = ("2031年5月6日 《甲城日报》第02版\n本报讯 (记者 乙丙)5月4日,记者从市科技局获悉,"
            "12家载体被认定为市级孵化载体。\n")
    assert meta(text)["date"] == "2031-05-06"


def test_a_newspaper_in_title_marks_is_no_citation() -> None:
    text = "本文原载《甲城日报》,根据《甲城科技企业孵化载体管理办法》,给予奖励。"
    assert [c.title for c in find_citations(text)] == ["甲城科技企业孵化载体管理办法"]
