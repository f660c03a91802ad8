"""Responsible units as digests and PDF copies write them: a bare bracket closing an item that
names departments by a level and a domain word alone (市科技, 省工信), a level alone sharing the
next name's words (国家、省工信: one body as printed), and a 责任单位 label wrapped over two lines
inside its bracket ((责任单⏎位:…)). Made-up lists."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.departments import default_departments
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.responsibility import parse_units

from .texts import clause_units, read


def _units(text: str) -> list[tuple[str, str]]:
    return [(u.name, u.function) for u in parse_units(text, 0, 0, None)]


# ------------------------------------------------------------ short names


def test_a_level_and_a_domain_word_alone_is_a_short_name() -> None:
    forms = default_departments().forms
    assert forms.is_short_name("县科技") and forms.is_short_name("区财政")
    assert not forms.is_short_name("科技") and not forms.is_short_name("县科技局")


def test_a_short_name_takes_its_domain_words_function() -> None:
    assert _units("县科技") == [("县科技", "science_tech")]


def test_a_level_alone_before_a_name_shares_its_words_as_printed() -> None:
    assert _units("国家、省经信") == [("国家、省经信", "industry_it")]
    assert _units("省、县财政局") == [("省、县财政局", "finance")]


def test_names_with_levels_of_their_own_stay_apart() -> None:
    assert _units("省发改委、县科技局") == [("省发改委", "development_reform"), ("县科技局", "science_tech")]


def test_bare_brackets_of_short_names_close_their_items(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("一、企业培育\n1.新认定的甲类企业将获得一次性奖励20万元。(县科技)\n"
            "2.新认定的乙类企业将获得一次性奖励30万元。(国家、省经信)\n"
            "3.新认定的丙类企业将获得一次性奖励5万元。(县科技局、县财政)\n")
    doc = read(pipeline, tmp_path, text)
    assert clause_units(doc) == [("1.", [("县科技", True)]), ("2.", [("国家、省经信", True)]),
                                 ("3.", [("县科技局", True), ("县财政", False)])]


def test_a_bracket_of_other_words_names_no_unit(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("一、企业培育\n1.新认定的甲类企业将获得一次性奖励20万元。(县级)\n"
            "2.新认定的乙类企业将获得一次性奖励30万元。(与省级叠加)\n")
    doc = read(pipeline, tmp_path, text)
    assert clause_units(doc) == [("1.", []), ("2.", [])]


# ------------------------------------------------------------ a label wrapped over two lines


def test_a_label_wrapped_inside_its_bracket_still_opens_the_list(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("一、壮大企业\n1.支持企业做大。对首次入选名单的企业,给予100万元的奖励。(责任单\n"
            "位:县工业和信息化局、县统计局)\n2.支持企业做精。对新认定的企业,一次性奖励10万元。(牵头单\n"
            "位:县工业和信息化局)\n")
    doc = read(pipeline, tmp_path, text)
    assert clause_units(doc) == [("1.", [("县工业和信息化局", True), ("县统计局", False)]),
                                 ("2.", [("县工业和信息化局", True)])]
