"""A digest of a policy's outline run into one line: the parts' headings kept (二、…三、…), each
glued to the measure after it (…主体3.落实…), and measures left out (3., 6., 7.). Made-up text."""

from __future__ import annotations

from .test_structure_layouts import clause_labels
from .texts import read

OUTLINE = ("按其新增投资额2%给予最高100万元奖励,二、壮大创新主体队伍3.实施科技企业梯次培育计划,"
           "三、建设先进制造业集群6.支持企业建设工业互联网平台,给予最高200万元补助,"
           "8.对首批次新材料应用给予最高100万元奖励,给予最高50万元贴息支持。")


def test_the_measures_of_an_outline_digest_are_clauses_whatever_numbers_they_skip():
    assert clause_labels(OUTLINE) == ["3.", "6.", "8."]
    # below a line of its own too (a digest that is not the whole text)
    assert clause_labels("甲市制造业若干措施摘要\n" + OUTLINE) == ["3.", "6.", "8."]


def test_an_outline_digest_is_read_as_a_policy_with_its_grants(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, OUTLINE)
    caps = {c.label: [i.cap_yuan for p in c.provisions for i in p.instruments if i.cap_yuan] for c in doc.clauses}
    assert caps == {"3.": [], "6.": [2_000_000], "8.": [1_000_000, 500_000]}


def test_parts_that_do_not_number_on_by_one_make_no_outline():
    text = ("甲市若干措施摘要\n加快发展,二、壮大创新主体队伍3.实施梯次培育计划,四、建设产业集群6.支持平台建设,给予补助。")
    assert clause_labels(text) == [None]  # one unnumbered paragraph: no measure cut


def test_a_part_whose_heading_is_a_sentence_makes_no_outline():
    text = ("甲市若干措施摘要\n加快发展,二、壮大创新主体,提高质量3.实施梯次培育计划,三、建设产业集群6.支持平台建设,给予补助。")
    assert clause_labels(text) == [None]  # one unnumbered paragraph: no measure cut


def test_measures_numbered_backwards_make_no_outline():
    text = ("甲市若干措施摘要\n加快发展,二、壮大创新主体队伍5.实施梯次培育计划,三、建设产业集群4.支持平台建设,给予补助。")
    assert clause_labels(text) == [None]  # one unnumbered paragraph: no measure cut


BRACKETED = ("对新认定的企业给予一次性奖励8万元,(责任单位:县科技局、财政局)9.支持企业建设研发中心,"
             "给予最高30万元补助,(责任单位:县工信局、财政局)四、推动服务业提质增效15.对新升规的服务业企业"
             "给予一次性奖励6万元,(责任单位:县发改局、财政局)")


def test_a_part_kept_between_bracketed_measures_parts_its_heading_from_the_measure_glued_to_it():
    assert clause_labels(BRACKETED) == ["9.", "15."]


def test_the_measure_after_a_kept_part_has_its_own_grant_and_units(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, BRACKETED)
    by_label = {c.label: c for c in doc.clauses}
    assert [i.amount_yuan for p in by_label["15."].provisions for i in p.instruments] == [60_000]
    assert [i.cap_yuan for p in by_label["9."].provisions for i in p.instruments] == [300_000]
    assert [u.name for p in by_label["15."].provisions for u in p.units] == ["县发改局", "财政局"]


def test_a_part_label_after_a_bracket_with_a_sentence_for_heading_is_no_part():
    text = ("给予奖励,(责任单位:县科技局)9.支持企业研发,(责任单位:县工信局)12.支持企业上市,(责任单位:县金融办)"
            "四、推动发展,提升质量15.对企业给予补助。")
    assert clause_labels(text) == ["9.", "12."]


COMMA_DIGEST = ("甲市促进技术转移若干措施一、促进高校成果转化(一)落实成果处置权,高校可以自主决定转让成果,"
                "(六)高校取得的成果两年以上未实施转化的,按技术交易额的3%给予奖励,"
                "(十二)国有企业以成果作价投资的,给予最高20万元补助。")


def test_a_text_run_into_one_line_cuts_its_measures_after_commas_whatever_numbers_they_skip():
    assert clause_labels(COMMA_DIGEST) == ["(一)", "(六)", "(十二)"]


def test_each_measure_of_a_one_line_digest_holds_its_own_grant(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, COMMA_DIGEST)
    figures = {c.label: [(i.rate, i.cap_yuan) for p in c.provisions for i in p.instruments if i.rate or i.cap_yuan]
               for c in doc.clauses}
    assert figures == {"(一)": [], "(六)": [(0.03, None)], "(十二)": [(None, 200_000)]}


def test_labels_after_commas_in_a_text_of_several_lines_keep_their_numbers_in_order():
    text = "甲市若干措施\n(一)落实成果处置权,高校可以自主决定转让成果,(六)高校取得的成果未实施转化的,给予奖励。\n"
    assert clause_labels(text) == ["(一)"]
