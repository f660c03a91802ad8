"""Small form variants of punctuation (﹒﹑﹔﹕, U+FE50–FE57), which some converted copies print
for . 、 ; : : an item numbered 2﹒ is an item as 2. is, and its responsible units its own (a task
list seen among the misses of the fifty-fourth set of real documents)."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.cleaning import normalize
from policykg.loaders.pipeline import Pipeline

from .texts import clause_units, read

_TASKS = ("甲省2030年重点任务分工方案\n"
          "一、主要指标\n"
          "1﹒地区生产总值增长6%左右。(牵头单位:省发展改革委;责任单位:省统计局)\n"
          "2﹒研发投入增长10%以上。(牵头单位:省科技厅;责任单位:省财政厅﹑省统计局)\n"
          "3﹒进出口总额增长5%。(牵头单位:省商务厅;责任单位:甲海关)\n")


def test_small_form_stops_and_commas_fold_to_their_usual_forms():
    assert normalize("2﹒研发投入﹐省财政厅﹑省统计局﹔完成﹕是﹖好﹗") == "2.研发投入,省财政厅、省统计局;完成:是?好!"


def test_items_numbered_with_a_small_full_stop_each_keep_their_units(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, _TASKS)
    assert clause_units(doc) == [
        ("1.", [("省发展改革委", True), ("省统计局", False)]),
        ("2.", [("省科技厅", True), ("省财政厅", False), ("省统计局", False)]),
        ("3.", [("省商务厅", True), ("甲海关", False)]),
    ]
