"""A text that speaks for its own place (我市, 全市, 我区) is placed at that level: a municipality
of province rank says 市 of itself (天津市…全市), an autonomous region 区 (宁夏…我区), so the
place the text names is its own, not one above it. Made-up sentences."""

from __future__ import annotations

from policykg.loaders.gazetteer import Gazetteer

from .texts import meta


def test_a_municipality_speaking_of_itself_as_a_city_is_named_most() -> None:
    text = ("记者从天津市科技局获悉,2031年天津市新认定孵化器12家。截至目前,全市孵化器聚集在孵企业"
            "3000家。\n")
    region = Gazetteer.load().most_named(text)
    assert region is not None and region.name == "天津市"


def test_a_prefecture_city_is_still_preferred_to_its_province_when_the_text_says_shi() -> None:
    text = "甘肃省兰州市新认定孵化器12家,兰州市科技局表示,全市孵化器聚集在孵企业3000家。\n"
    region = Gazetteer.load().most_named(text)
    assert region is not None and region.name == "兰州市"


def test_an_autonomous_region_speaking_of_itself_as_qu_keeps_its_name() -> None:
    text = ("12月6日,自治区政府新闻办举行发布会。到2030年,我区研发经费投入年均增长10%,建设创新型宁夏,"
            "宁夏的高新技术企业数达到1000家。\n")
    assert meta(text)["region"] == "宁夏回族自治区"


def test_a_district_speaking_of_itself_under_a_named_province_gives_no_name() -> None:
    text = "到2030年,我区研发经费投入年均增长10%,力争全省领先,四川的高新技术企业数继续增长,四川创新走在前列。\n"
    assert not meta(text)["region"]
