"""A bare department name after a name with its level (县科技局、财政局) is written bare and is
that level's body: the name stays as written, the body it resolves to carries the level.
Made-up lists."""

from __future__ import annotations

from policykg.loaders.responsibility import parse_units


def _units(text: str) -> list[tuple[str, str, str]]:
    return [(u.name, u.canonical, u.function) for u in parse_units(text, 0, 0, None)]


def test_a_bare_name_after_a_levelled_one_keeps_its_name_and_resolves_to_that_level():
    assert _units("县科技局、财政局") == [("县科技局", "县科学技术局", "science_tech"),
                                      ("财政局", "县财政局", "finance")]


def test_the_level_carries_on_through_a_run_of_bare_names():
    assert [(n, c) for n, c, _ in _units("区发改委、教育局、人社局")][1:] == [
        ("教育局", "区教育局"), ("人社局", "区人力资源和社会保障局")]


def test_a_list_that_writes_the_prefix_again_leaves_the_bare_name_unlevelled():
    assert [(n, c) for n, c, _ in _units("市发改委、财政局、市统计局")][1] == ("财政局", "财政局")


def test_the_trade_promotion_council_is_an_association():
    assert [f for _, _, f in _units("县工信局、贸促会")] == ["industry_it", "association"]
