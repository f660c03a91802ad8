"""A news item whose headline names a measure in short (甲省发布十三五科技规划) and whose story
quotes it in full (《甲省“十三五”科技创新规划》) is titled by the full name. Made-up sentences;
real place names only where the gazetteer must know them."""

from __future__ import annotations

from .texts import meta

STORY = ("湖南发布十三五科技规划\n"
         "长沙12月29日电(丙某)12月29日,湖南省十三五科技创新规划发布会在长沙举行。\n"
         "《湖南省 十三五 科技创新规划》从发展目标、发展布局、发展任务进行谋划。\n")


def test_the_full_name_of_the_measure_a_headline_abridges_titles_the_item() -> None:
    assert meta(STORY)["title"] == "湖南省十三五科技创新规划"


def test_a_quoted_measure_of_another_kind_titles_nothing() -> None:
    text = STORY.replace("《湖南省 十三五 科技创新规划》", "《湖南省 十三五 科技创新实施方案》")
    assert meta(text)["title"] != "湖南省十三五科技创新实施方案"


def test_a_quoted_measure_of_another_place_titles_nothing() -> None:
    text = STORY.replace("《湖南省 十三五 科技创新规划》", "《江西省 十三五 科技创新规划》")
    assert meta(text)["title"] != "江西省十三五科技创新规划"
