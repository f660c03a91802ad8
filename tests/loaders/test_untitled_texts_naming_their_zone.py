"""An untitled text whose opening names one development zone again and again (…促进甲市高新区实现
高质量发展…推动甲市高新区产业升级) speaks for that zone: it is the region, not the city. Made-up
openings."""

from __future__ import annotations

from .texts import meta


def test_an_untitled_opening_naming_one_zone_twice_is_placed_in_that_zone() -> None:
    text = ("为进一步优化产业服务,促进兰州高新区实现高质量发展,现提出如下政策意见。\n一、总体目标\n"
            "坚持创新驱动,推动兰州高新区产业升级,提升企业创新能力。\n")
    assert meta(text)["region"] == "兰州高新区"


def test_an_opening_naming_two_zones_stays_in_the_city() -> None:
    text = ("为进一步优化产业服务,促进兰州高新区和兰州经济技术开发区协同发展,现提出如下政策意见。\n"
            "一、总体目标\n坚持创新驱动,推动兰州高新区、兰州经济技术开发区产业升级,兰州市各部门协同推进。\n")
    assert meta(text)["region"] != "兰州高新区"


def test_a_zone_named_once_places_nothing_of_its_own() -> None:
    text = ("为进一步优化产业服务,支持兰州高新区建设,现提出如下政策意见。\n一、总体目标\n"
            "坚持创新驱动,兰州市各部门协同推进,兰州市企业创新能力显著提升。\n")
    assert meta(text)["region"] == "兰州市"
