"""A repost's credit a page adds to the heading it prints (关于…的办法【甲公司转发】, (转载)) is no part of
the policy's title, wherever the title was found; a title naming a reposting in its own words (关于转发
《…》的通知) keeps them. Made-up sentences."""

from __future__ import annotations

import pytest

from .texts import meta

BODY = "\n第一条 为促进乙区技术转移,制定本办法。\n第二条 对区内企业购买技术成果的,按合同额的5%给予补贴。\n"


@pytest.mark.parametrize("heading", ["乙区促进技术转移的若干办法【丙咨询公司转发】", "乙区促进技术转移的若干办法(转载)",
                                     "【转载】乙区促进技术转移的若干办法"])
def test_a_repost_credit_is_dropped_from_the_title(heading: str) -> None:
    assert meta(heading + BODY)["title"] == "乙区促进技术转移的若干办法"


def test_a_title_about_a_reposting_keeps_its_words() -> None:
    text = "乙区科技局关于转发《丁市技术转移办法》的通知\n各单位:\n现将《丁市技术转移办法》转发给你们,请遵照执行。\n"
    assert meta(text)["title"] == "乙区科技局关于转发《丁市技术转移办法》的通知"
