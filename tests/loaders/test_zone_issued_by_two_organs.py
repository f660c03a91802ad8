"""A zone's party working committee and its administrative committee issuing a notice together
(a layout seen among the misses of the fifty-sixth set of real documents): the zone both name
is the notice's region, as it is when one of them issues alone."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

_NOTICE = ("天府发〔2023〕7号\n"
           "中共四川天府新区工作委员会\n"
           "四川天府新区管理委员会\n"
           "关于印发《天府新区促进科技成果就地转化若干措施》的通知\n"
           "各街道,新区各部门:\n"
           "现将《天府新区促进科技成果就地转化若干措施》印发给你们,请认真贯彻执行。\n"
           "中共四川天府新区工作委员会\n"
           "四川天府新区管理委员会\n"
           "2023年5月8日\n")


def test_a_zone_named_by_both_issuing_organs_is_the_region(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, _NOTICE)
    assert doc.region == "四川天府新区"
    assert doc.province == "四川省"


def test_organs_of_a_city_and_of_its_zone_give_no_zone(pipeline: Pipeline, tmp_path: Path):
    text = _NOTICE.replace("中共四川天府新区工作委员会", "成都市人民政府")
    doc = read(pipeline, tmp_path, text)
    assert doc.region != "四川天府新区"
