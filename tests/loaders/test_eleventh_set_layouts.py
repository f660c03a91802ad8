"""Layouts the eleventh held-out set showed: a digest of a policy's measures run together on one
line, each measure closing with its bracket of responsible units and the excerpt skipping the
numbers of the measures it leaves out ((责任单位:…)14.…(责任单位:…)19.…). Made-up sentences."""

from __future__ import annotations

import pytest

from policykg.loaders.errors import ReadError

from .test_structure_layouts import clause_labels
from .texts import read

DIGEST = ("对新入选的省级龙头企业给予一次性奖励8万元,(责任单位:县工信局、县财政局)7.支持企业建设研发中心,"
          "单家企业奖励最高不超过30万元,(责任单位:县科技局、县财政局)12.对新认定的专精特新企业奖励20万元,"
          "(牵头单位:县工信局)25.鼓励企业参加展会,按展位费的50%给予补助。")


def test_measures_closed_by_their_unit_brackets_are_clauses_whatever_numbers_they_skip():
    assert clause_labels(DIGEST) == ["7.", "12.", "25."]


def test_a_digest_of_measures_is_read_as_a_policy_with_its_units(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, DIGEST)
    by_label = {c.label: c for c in doc.clauses}
    assert list(by_label) == ["7.", "12.", "25."]
    assert [u.name for p in by_label["7."].provisions for u in p.units] == ["县科技局", "县财政局"]
    assert [i.cap_yuan for p in by_label["7."].provisions for i in p.instruments] == [300_000]
    assert [i.rate for p in by_label["25."].provisions for i in p.instruments] == [0.5]


def test_numbers_after_other_brackets_stay_text():
    # brackets that are no list of responsible units close no item: the numbers are text
    text = ("对新入选的企业给予奖励(以实际到账为准)5.对获评示范的企业给予补助(以核定金额为准)9.其他事项另行通知。")
    assert clause_labels(text) == []


def test_an_untitled_answer_citing_a_policy_by_its_number_is_kept_for_its_citation(pipeline, tmp_path):
    text = ("哪些技术交易可以申请补助?\n"
            "政策依据:《某自治区技术交易补助管理办法》(某科规发〔2030〕8号)\n"
            "受让方以技术许可、技术转让方式吸纳科技成果的,按规定申请补助。\n")
    doc = read(pipeline, tmp_path, text)
    assert [(c.title, c.doc_number) for c in doc.citations] == [("某自治区技术交易补助管理办法", "某科规发〔2030〕8号")]
    assert doc.clauses == []  # a page about a measure: its lines are no provisions


def test_an_untitled_text_naming_no_place_date_or_numbered_policy_is_still_refused(pipeline, tmp_path):
    with pytest.raises(ReadError, match="not a policy"):
        read(pipeline, tmp_path, "从加大研发投入、落实税收优惠和支持创新平台等方面加大对企业的支持力度。\n")
