"""A digest of a policy's outline run into one line: the parts' headings kept (二、…三、…), each
glued to the measure after it (…主体3.落实…), and measures left out (3., 6., 7.). Made-up text."""

from __future__ import annotations

from .test_structure_layouts import clause_labels, read

OUTLINE = ("按其新增投资额2%给予最高100万元奖励,二、壮大创新主体队伍3.实施科技企业梯次培育计划,"
           "三、建设先进制造业集群6.支持企业建设工业互联网平台,给予最高200万元补助,"
           "8.对首批次新材料应用给予最高100万元奖励,给予最高50万元贴息支持。")


def test_the_measures_of_an_outline_digest_are_clauses_whatever_numbers_they_skip():
    assert clause_labels(OUTLINE) == ["3.", "6.", "8."]


def test_an_outline_digest_is_read_as_a_policy_with_its_grants(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, OUTLINE)
    caps = {c.label: [i.cap_yuan for p in c.provisions for i in p.instruments if i.cap_yuan] for c in doc.clauses}
    assert caps == {"3.": [], "6.": [2_000_000], "8.": [1_000_000, 500_000]}


def test_parts_that_do_not_number_on_by_one_make_no_outline():
    text = ("加快发展,二、壮大创新主体队伍3.实施梯次培育计划,四、建设产业集群6.支持平台建设,给予补助。")
    assert clause_labels(text) == []


def test_a_part_whose_heading_is_a_sentence_makes_no_outline():
    text = ("加快发展,二、壮大创新主体,提高质量3.实施梯次培育计划,三、建设产业集群6.支持平台建设,给予补助。")
    assert clause_labels(text) == []


def test_measures_numbered_backwards_make_no_outline():
    text = ("加快发展,二、壮大创新主体队伍5.实施梯次培育计划,三、建设产业集群4.支持平台建设,给予补助。")
    assert clause_labels(text) == []
