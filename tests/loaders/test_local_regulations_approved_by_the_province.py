"""A city's regulation passed by its own congress and approved by the province's (…通过 …批准):
the date it was passed dates it, not the approval; the organ printed on the line under its title
(甲省甲市人大常委会) is its issuer as printed. Made-up regulations."""

from __future__ import annotations

from .texts import meta

REGULATION = ("兰州市科技成果转化促进条例\n甘肃省兰州市人大常委会\n兰州市科技成果转化促进条例\n"
              "(2031年4月20日兰州市第十八届人民代表大会常务委员会第五次会议通过\n"
              "2031年6月28日甘肃省第十五届人民代表大会常务委员会第三次会议批准)\n"
              "第一章 总则\n第一条 为了促进科技成果转化,制定本条例。\n第二条 本市行政区域内的科技成果转化活动,适用本条例。\n")


def test_a_regulation_approved_by_the_province_is_dated_by_its_passing() -> None:
    assert meta(REGULATION)["date"] == "2031-04-20"


def test_the_organ_under_a_regulations_title_is_its_issuer() -> None:
    assert meta(REGULATION)["issuer"] == "甘肃省兰州市人大常委会"


def test_a_law_amended_after_it_was_passed_is_dated_by_its_amendment() -> None:
    text = ("甘肃省促进科技成果转化条例\n(2029年3月1日甘肃省第十四届人民代表大会常务委员会第九次会议通过 "
            "2031年5月6日甘肃省第十五届人民代表大会常务委员会第二次会议修正)\n第一条 为了促进科技成果转化,制定本条例。\n")
    data = meta(text)
    assert data["date"] == "2031-05-06"
    assert data["issuer"] == "甘肃省人民代表大会常务委员会"
