"""Layouts found among the misses of the fifteenth round of real documents: a unit line
(牵头单位:…) after the last clause, short entries under a named list, a list under a named
section, a database page's fields run into its text."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.header_fields import read_header_fields
from policykg.loaders.pipeline import Pipeline

from .texts import meta, read

_LAST_UNIT_LINE = """甲市科技创新若干措施

为加快建设创新型城市,制定以下措施。

一、实施创新培育工程

1.实施高价值专利培育计划。对新增发明专利的企业,一次性奖励2万元。

牵头单位:市科技局(以下除
"""


def test_unit_line_after_the_last_clause_names_its_lead(pipeline: Pipeline, tmp_path: Path) -> None:
    """A 牵头单位 line after the last clause, even cut off mid-bracket, is that clause's
    units, not a closing paragraph."""
    doc = read(pipeline, tmp_path, _LAST_UNIT_LINE)
    assert [c.label for c in doc.clauses] == ["1."]
    assert [(u.name, u.lead) for p in doc.clauses[0].provisions for u in p.units] == [("市科技局", True)]


def test_a_closing_sentence_after_the_last_clause_still_closes(pipeline: Pipeline, tmp_path: Path) -> None:
    """A sentence about the responsible units, with no label of its own, is no unit line."""
    text = _LAST_UNIT_LINE.replace("牵头单位:市科技局(以下除", "责任单位要加强统筹,抓好落实。")
    doc = read(pipeline, tmp_path, text)
    assert [u for p in doc.clauses[0].provisions for u in p.units] == []
    assert "责任单位要" not in doc.clean.simplified[doc.clauses[0].start:doc.clauses[0].end]


_NAMED_SHORT_LISTS = """甲市企业研发中心申报指南

1、申报条件:
1)企业上年销售收入超过3000万元;
2)企业已经是高新技术企业;
2、支持内容:
1)给予补助不超过10万元;
2)验收合格后优先推荐申报省级研发机构
"""


def test_short_entries_under_a_named_list_are_one_clause(pipeline: Pipeline, tmp_path: Path) -> None:
    """A numbered line naming its list (1、申报条件:) with short entries below it is one
    clause; the entries are its conditions, not clauses of their own."""
    doc = read(pipeline, tmp_path, _NAMED_SHORT_LISTS)
    assert [c.label for c in doc.clauses] == ["1、", "2、"]


def test_long_provisions_under_a_named_heading_stay_clauses(pipeline: Pipeline, tmp_path: Path) -> None:
    """Provisions of their own under a heading with a colon (一、奖励政策:) stay clauses."""
    text = ("乙县科技奖励办法\n\n一、奖励政策:\n"
            "(一)对新认定的高新技术企业,给予一次性奖励10万元,并在项目申报、用地保障等方面给予优先支持。\n"
            "(二)对新认定的省级工程技术研究中心,给予一次性奖励20万元,所需资金由县财政统筹安排解决。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["(一)", "(二)"]


_SECTION_AFTER_NESTED_LIST = """甲市科技保险补贴申报指南

申报单位须满足以下基本条件:
(一)在甲市登记注册,具有独立法人资格;
(二)应符合以下条件之一:
1.高新技术企业;
2.科技型中小企业。
补贴标准:补贴采取后补助方式,各险种补贴比例如下:
(一)研发责任保险:补贴比例不超过40%;
(二)关键设备保险:补贴比例不超过30%。
"""


def test_a_list_under_a_named_section_opens_beside_the_open_list(pipeline: Pipeline, tmp_path: Path) -> None:
    """A list numbered from (一) again below a paragraph opening with a section's name and a
    colon (补贴标准:…) opens beside the first (一)…(二), not inside its last item's 1.…2."""
    doc = read(pipeline, tmp_path, _SECTION_AFTER_NESTED_LIST)
    assert [c.label for c in doc.clauses] == ["(一)", "1.", "2.", "(一)", "(二)"]
    assert [n.label for n in doc.tree.children if n.label] == ["(一)", "(二)", "(一)", "(二)"]


def test_fields_a_database_page_runs_into_the_text_are_read() -> None:
    """Bracketed fields run into the first line of the text (…文章属性•【公布日期】…•【字号】…
    正文…。) are the page's metadata; a bullet ends each value."""
    text = ("乙县科技创新促进条例\n\n乙县科技创新促进条例文章属性•【制定机关】乙县人大常委会•【公布日期】2020.03.15"
            "•【字号】乙县人大常委会公告第7号•【效力等级】地方性法规•【主题分类】科学技术正文"
            "乙县人大常委会公告第7号《乙县科技创新促进条例》已经通过,现予公布。\n第一条 为了促进科技创新,制定本条例。\n")
    fields = read_header_fields(text).values
    assert fields["date"] == [("公布日期", "2020.03.15")]
    assert fields["doc_number"] == [("字号", "乙县人大常委会公告第7号")]


def test_a_label_inside_the_first_sentence_of_a_text_is_no_field() -> None:
    """A single label in the text's first sentence (时间:…) stays the text's own words."""
    text = "乙县科技活动周方案\n活动安排【时间】2020年5月1日至7日,地点在县科技馆。\n"
    assert "date" not in read_header_fields(text).values


def test_a_ministrys_department_signing_a_notice_issues_it() -> None:
    """A department of a ministry (甲部科技司) signing above the date issues the notice."""
    text = "甲科函〔2020〕7号\n有关单位:\n现将典型经验印发,供学习参考。\n甲部科技司\n2020年4月16日\n"
    assert meta(text)["issuer"] == "甲部科技司"


def test_a_company_signing_a_notice_is_no_ministry_department() -> None:
    """A company's name also ends with 司; it is no ministry's department."""
    text = "有关单位:\n现将典型经验印发,供学习参考。\n甲部件科技有限公司\n2020年4月16日\n"
    assert meta(text)["issuer"] != "甲部件科技有限公司"


def test_a_measure_the_texts_own_county_issued_places_the_text() -> None:
    """A report that its own county issued a measure (近日,我县出台《乙县…办法》) is placed
    where that measure is."""
    text = ("为激发创新活力,近日,我县出台《宁陕县科技项目扶持暂行办法》。\n"
            "该办法对乙类活动给予扶持。\n")
    assert meta(text)["region"] == "宁陕县"


def test_a_measure_merely_named_places_nothing() -> None:
    """A measure named without being applied or issued by the text's own place places nothing."""
    text = "为激发创新活力,有关单位可参阅《宁陕县科技项目扶持暂行办法》。\n该办法对乙类活动给予扶持。\n"
    assert meta(text)["region"] is None
