"""Document metadata from the normalised text: title, 文号, dates, issuer, region, interpreter."""

from __future__ import annotations

import dataclasses

import pytest

from policykg.loaders.metadata import notice_title
from policykg.loaders.records import CleanText, Document, Node

from .seeds import seed_text
from .texts import meta


def clean(text: str) -> CleanText:
    return CleanText(text, text, text, list(range(len(text) + 1)))


def root(text: str) -> Node:
    return Node("document", None, None, 0, len(text))


def test_keys_are_exactly_the_document_metadata_fields():
    others = {"source", "clean", "tree", "part", "citations", "targets", "warnings"}
    fields = {f.name for f in dataclasses.fields(Document)} - others
    assert set(meta("甲市促进科技成果转化办法\n一、总则")) == fields


SEEDS = {
    "000": dict(title="荆州市促进科技成果转化和科创供应链平台建设若干政策措施", doc_number=None, date="2025-06-05",
                issuer=None, region="荆州市", province="湖北省", level="city",
                effective_from="2025-06-06", effective_until="2026-12-31", interpreter="荆州市科学技术局"),
    "001": dict(title="武汉市促进科技成果转化的若干政策措施", doc_number=None, date="2024-01-28",
                issuer="武汉市人民政府", region="武汉市", province="湖北省", level="city",
                effective_from=None, effective_until=None, interpreter=None),
    "002": dict(title="湖北·汉襄宜国家科技成果转移转化示范区建设方案", doc_number="鄂政办函〔2021〕38号",
                date="2021-10-19", issuer="湖北省人民政府办公厅", region="湖北省", province="湖北省",
                level="province", effective_from=None, effective_until=None, interpreter=None),
    "003": dict(title="周口市支持科技成果转化促进产学研用深度融合若干措施", doc_number="周政办〔2023〕63号",
                date="2023-11-24", issuer="周口市人民政府办公室", region="周口市", province="河南省",
                level="city", effective_from=None, effective_until=None, interpreter=None),
    "004": dict(title="岳阳市促进科技成果转移转化实施方案", doc_number=None, date=None, issuer=None,
                region="岳阳市", province="湖南省", level="city", effective_from=None, effective_until=None,
                interpreter=None),
}


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_metadata(prefix):
    assert meta(seed_text(prefix)) == SEEDS[prefix]


def test_seed_notice_titles():
    assert notice_title(seed_text("002")) == "湖北省人民政府办公厅关于印发〈湖北·汉襄宜国家科技成果转移转化示范区建设方案〉的通知"
    assert notice_title(seed_text("003")) == "周口市人民政府办公室关于印发周口市支持科技成果转化促进产学研用深度融合若干措施的通知"
    assert notice_title(seed_text("000")) is None
    assert notice_title(seed_text("004")) is None


NOTICE = """甲市人民政府办公室关于印发甲市科技成果 转化奖励办法的通知
甲政办发〔2022〕7号
各县(市、区)人民政府,市政府各部门:
《甲市科技成果转化奖励办法》已经市政府同意,现印发给你们,请认真贯彻执行。
甲市人民政府办公室
二〇二二年三月五日
甲市科技成果转化奖励办法
第一条 为促进科技成果转化,根据《乙省科技成果转化条例》(乙政发〔2019〕3号),制定本办法。
第二十条 本办法由甲市科学技术局负责解释。
第二十一条 本办法自印发之日起施行,有效期3年。
"""


def test_notice_wrapping_a_policy():
    m = meta(NOTICE)
    assert m["title"] == "甲市科技成果转化奖励办法"
    assert m["doc_number"] == "甲政办发〔2022〕7号"  # not the 乙政发 number cited in the body
    assert m["issuer"] == "甲市人民政府办公室"
    assert m["date"] == "2022-03-05"  # Chinese numerals
    assert m["effective_from"] == "2022-03-05"  # 自印发之日起
    assert m["effective_until"] == "2025-03-04"  # 3 years
    assert m["interpreter"] == "甲市科学技术局"
    assert notice_title(NOTICE) == "甲市人民政府办公室关于印发甲市科技成果转化奖励办法的通知"


def test_title_in_angle_brackets_of_the_notice_without_issue_sentence():
    text = "丙省人民政府关于印发《丙省促进科技成果转化实施方案》的通知\n丙政发〔2020〕1号\n各市、州人民政府:\n现予印发。\n一、总体要求"
    m = meta(text)
    assert m["title"] == "丙省促进科技成果转化实施方案"
    assert m["issuer"] == "丙省人民政府"
    assert m["doc_number"] == "丙政发〔2020〕1号"
    assert m["region"] is None  # 丙省 is not a real province


def test_signature_date_preferred_over_web_stamp():
    text = "来源: 甲市人民政府网站 时间: 2023-12-12 17:04:32\n甲市促进成果转化若干措施\n\n2023年11月24日\n一、总则"
    assert meta(text)["date"] == "2023-11-24"
    assert meta("来源: 网站 时间: 2023-12-12 17:04:32\n甲市促进成果转化若干措施\n一、总则")["date"] == "2023-12-12"
    assert meta("甲市促进成果转化若干措施\n一、总则")["date"] is None


def test_effective_dates_and_validity():
    text = "郑州市科技成果转化办法\n一、总则\n本办法自2024年1月1日起施行,有效期至2026年12月31日。"
    m = meta(text)
    assert (m["effective_from"], m["effective_until"]) == ("2024-01-01", "2026-12-31")
    m = meta("郑州市科技成果转化办法\n一、总则\n本办法自2024年3月1日起实施,有效期两年。")
    assert (m["effective_from"], m["effective_until"]) == ("2024-03-01", "2026-02-28")
    assert m["region"] == "郑州市" and m["province"] == "河南省"


def test_interpreter_forms():
    assert meta("甲办法\n一、总则\n本办法由市科技局负责解释。")["interpreter"] == "市科技局"
    assert meta("甲办法\n一、总则\n本措施由市发展改革委解释。")["interpreter"] == "市发展改革委"
    assert meta("甲办法\n一、总则\n具体解释工作由市财政局负责。")["interpreter"] == "市财政局"


def test_labelled_doc_number_and_whitespace_in_title():
    text = "发文字号: 湘政办发[2017]18号\n湖南省 促进科技成果 转移转化实施方案\n一、主要目标"
    m = meta(text)
    assert m["doc_number"] == "湘政办发〔2017〕18号"
    assert m["title"] == "湖南省促进科技成果转移转化实施方案"
    assert (m["region"], m["level"]) == ("湖南省", "province")


def test_numbers_cited_in_the_preamble_are_not_the_own_number():
    text = "岳阳市促进科技成果转移转化实施方案\n根据《国务院办公厅关于印发促进科技成果转移转化行动方案的通知》(国办发〔2016〕28号)精神,制定本方案。"
    m = meta(text)
    assert m["doc_number"] is None
    assert m["title"] == "岳阳市促进科技成果转移转化实施方案"


def test_tree_bounds_the_header():
    text = "甲市科技成果转化若干措施\n1.推进改革,落实国发〔2020〕1号文件要求"
    # from the text alone the numbered line without a full stop still looks like header
    assert meta(text)["doc_number"] == "国发〔2020〕1号"
    item = Node("item", "1.", None, text.index("1."), len(text))
    tree = Node("document", None, None, 0, len(text), children=[item])
    assert meta(text, tree)["doc_number"] is None
    assert meta(text, tree)["title"] == "甲市科技成果转化若干措施"


def test_region_from_issuer_when_title_has_none():
    text = "关于促进科技成果转化的若干措施\n\n宜昌市人民政府\n2022年5月6日\n一、总则"
    m = meta(text)
    assert m["title"] == "关于促进科技成果转化的若干措施"
    assert m["issuer"] == "宜昌市人民政府"
    assert (m["region"], m["province"], m["level"]) == ("宜昌市", "湖北省", "city")


def test_nothing_found():
    m = meta("这是一段没有标题的文字。")
    assert all(v is None for v in m.values())


def test_issuer_and_date_on_one_line():
    text = "甲市促进成果转化若干措施\n各区人民政府:\n现将《甲市促进成果转化若干措施》印发给你们。\n武汉市人民政府办公厅 2024年1月28日印发\n甲市促进成果转化若干措施\n一、总则"
    m = meta(text)
    assert (m["issuer"], m["date"]) == ("武汉市人民政府办公厅", "2024-01-28")
    assert m["title"] == "甲市促进成果转化若干措施"


def test_issue_sentence_far_in_the_body_is_not_the_title():
    body = "甲市科技成果转化办法\n" + "(一)为促进科技成果转化,制定本办法各项规定。\n" * 80
    text = body + "(九十)《乙省条例》已经省人大常委会审议通过的,从其规定。"
    assert meta(text)["title"] == "甲市科技成果转化办法"


def test_the_date_pattern_finds_what_its_forms_find():
    """The lookahead before the date forms only skips characters no form can open with."""
    import re

    from policykg.loaders import metadata

    lead = metadata.DATE[:metadata.DATE.index("(?:")]
    assert lead.startswith("(?=")
    forms = re.compile(metadata.DATE[len(lead):])
    text = ("甲市2023年5月6日印发,二〇二三年五月六日起施行;2023-05-06、2023/5/6、2023.5.6、12023-05-06、"
            "二000年一月一日、○一二三年十二月三十一日、O二三年、1999.12.31.、20240101、自 2024 年 1 月 1 日起")
    for start in range(len(text)):
        found = [m.groupdict() | {"span": m.span()} for m in metadata._DATE_RE.finditer(text, start)]
        assert found == [m.groupdict() | {"span": m.span()} for m in forms.finditer(text, start)]
    assert len(list(metadata._DATE_RE.finditer(text))) >= 8
