"""The stored figures kept incrementally after a load (graph/stored_figures.py): the figures a
change may alter are computed again, the others carried to the new version, and the result is
what computing every figure gives; a write that notes nothing makes the keep compute them all."""

from __future__ import annotations

import re

import pytest

from policykg.graph import cypher as Q
from policykg.graph.linking import link_all
from policykg.graph.stored_figures import Scope, Touched

from .test_bulk_write import changed_jingzhou
from .test_stores import load

pytestmark = pytest.mark.neo4j


def stored(store) -> dict[str, str]:
    """Every stored figure, key → value, after checking they all sit under the data version."""
    version = store.data_version()
    rows = store._read(f"MATCH (f:{Q.FIGURE_LABEL}) RETURN f.key AS key, f.value AS value, "
                       "f.epoch AS epoch, f.version AS version")
    assert {(r["epoch"], r["version"]) for r in rows} == {version}
    return {r["key"]: r["value"] for r in rows}


def full(store) -> tuple[int, dict[str, str]]:
    """What computing every figure stores (the figures are then complete again)."""
    written = store.keep_figures(incremental=False)
    return written, stored(store)


def test_adding_a_policy_recomputes_only_what_it_touched(neo4j_store, seed_graphs):
    load(neo4j_store, seed_graphs[:-1])
    everything = neo4j_store.keep_figures()
    load(neo4j_store, seed_graphs[-1:])
    messages: list[str] = []
    kept = neo4j_store.keep_figures(messages.append)
    incremental = stored(neo4j_store)
    (computed, carried), = [tuple(map(int, m.groups())) for m in
                            (re.search(r"stored (\d+) figures .*incremental: (\d+) carried", t) for t in messages) if m]
    assert kept == computed + carried == len(incremental) and 0 < computed < everything and carried > 0
    written, expected = full(neo4j_store)
    assert incremental == expected and written == len(expected)


def test_replacing_and_removing_policies_keep_the_figures_right(neo4j_store, seed_graphs, seed_documents):
    load(neo4j_store, seed_graphs)
    neo4j_store.keep_figures()
    assert neo4j_store.write_policy(changed_jingzhou(seed_documents)) == "replaced"
    neo4j_store.keep_figures()
    assert stored(neo4j_store) == full(neo4j_store)[1]
    assert neo4j_store.delete_policy(seed_graphs[1].source_key)
    neo4j_store.keep_figures()
    after_removal = stored(neo4j_store)
    assert after_removal == full(neo4j_store)[1]


def test_a_write_that_notes_nothing_makes_the_keep_compute_everything(neo4j_store, seed_graphs):
    load(neo4j_store, seed_graphs)
    everything = neo4j_store.keep_figures()
    neo4j_store._write(Q.BUMP_DATA_VERSION)  # a change the figures cannot see the extent of
    messages: list[str] = []
    assert neo4j_store.keep_figures(messages.append) == everything
    assert any(f"stored {everything} figures" in m and "(all)" in m for m in messages)


def test_writes_note_the_departments_and_regions_they_touch(neo4j_store, seed_graphs):
    load(neo4j_store, seed_graphs[:1])
    neo4j_store.keep_figures()
    base = neo4j_store.figures_complete_version()
    assert base == neo4j_store.data_version()
    assert neo4j_store.write_policy(seed_graphs[1]) == "created"
    touched = neo4j_store.changes_between(base, neo4j_store.data_version())
    assert touched is not None
    policy = next(n for n in seed_graphs[1].nodes if n[1] == "Policy")
    assert policy[2]["region"] in touched.regions
    departments = {n[0] for n in seed_graphs[1].nodes if n[1] == "Department"}
    assert departments and departments <= touched.departments
    # the notes up to the kept version are deleted with the figures of older versions, but for
    # those the derived links have not been brought up to (the next relink reads them)
    version = neo4j_store.data_version()[1]
    neo4j_store.keep_figures()
    assert [r["v"] for r in neo4j_store._read(f"MATCH (n:{Q.CHANGE_LABEL}) RETURN n.version AS v")] == [version]
    link_all(neo4j_store)
    neo4j_store.keep_figures()
    assert not neo4j_store._read(f"MATCH (n:{Q.CHANGE_LABEL}) WHERE n.version <= $v RETURN n",
                                 v=neo4j_store.data_version()[1])


def test_a_scope_keeps_only_figures_about_untouched_subjects():
    touched = Touched(departments={"dept:甲市科技局"}, regions={"甲市", "乙省"})
    scope = Scope(touched, {"甲市": "乙省", "丙市": "乙省", "丁市": "戊省", "乙省": "乙省"},
                  partners=frozenset({"dept:甲市财政局"}))
    assert scope.region("丙市") and not scope.region("丁市")  # a province's other cities count its figures
    assert scope.key('["department","dept:甲市科技局",null]')
    assert not scope.key('["department","dept:丁市科技局",null]')
    assert scope.key('["partners","dept:甲市财政局",null,20]')
    assert not scope.key('["department","dept:甲市财政局",null]')
    assert scope.key('["provision_totals","enterprise",["丙市","乙省"],true]')
    assert not scope.key('["provision_totals","enterprise",["丁市","戊省"],true]')
    assert scope.key('["provision_totals","enterprise",null,false]')
    with_codes = Scope(touched, {"丁市": "戊省"}, codes=frozenset({"enterprise", "university"}),
                       new_codes=frozenset({"university"}))
    assert with_codes.key('["provision_totals","university",["丁市","戊省"],true]')  # a type new to the corpus
    assert with_codes.key('["provision_totals","talent",["丁市","戊省"],true]')  # a type no longer in it
    assert not with_codes.key('["provision_totals","enterprise",["丁市","戊省"],true]')
    assert scope.key('["counts"]')
    national = Scope(Touched(national=True), {"丁市": "戊省"})
    assert national.region("丁市") and national.place("enterprise", ("丁市", "戊省"))
    everything = Scope(None, {})
    assert everything.key('["lead_co","dept:丁市科技局"]')


def test_figures_are_batched_by_the_size_of_their_values(neo4j_store, monkeypatch):
    sizes = [300, 300, 300, 900, 10, 10]
    from policykg.graph import neo4j_store as module

    monkeypatch.setattr(module, "FIGURE_BYTES", 650)
    batches = list(neo4j_store._figure_batches(list("abcdef"), sizes))
    assert [b for batch in batches for b in batch] == list("abcdef")  # in order, none lost
    by_letter = dict(zip("abcdef", sizes, strict=True))
    for batch in batches:  # a batch stays within the bound unless one value alone is larger
        assert len(batch) == 1 or sum(by_letter[b] for b in batch) <= 650
    assert ["d"] in batches


def test_carrying_large_figures_splits_the_transactions(neo4j_store, seed_graphs, monkeypatch):
    from policykg.graph import neo4j_store as module

    monkeypatch.setattr(module, "FIGURE_BYTES", 2_000)
    load(neo4j_store, seed_graphs[:-1])
    neo4j_store.keep_figures()
    load(neo4j_store, seed_graphs[-1:])
    seen: list[tuple[dict[object, int], list[list[object]]]] = []
    batches_of = neo4j_store._figure_batches

    def spy(items, sizes):
        batches = list(batches_of(items, sizes))
        seen.append((dict(zip(map(str, items), sizes, strict=True)), batches))
        return iter(batches)

    monkeypatch.setattr(neo4j_store, "_figure_batches", spy)
    neo4j_store.keep_figures()
    incremental = stored(neo4j_store)
    assert any(len(batches) > 1 for _, batches in seen)
    for size_of, batches in seen:
        assert sum(map(len, batches)) == len(size_of)
        for batch in batches:
            assert len(batch) == 1 or sum(size_of[str(item)] for item in batch) <= 2_000
    assert incremental == full(neo4j_store)[1]


def test_a_keep_failing_while_it_carries_figures_makes_the_next_compute_all(neo4j_store, seed_graphs, monkeypatch):
    load(neo4j_store, seed_graphs[:-1])
    everything = neo4j_store.keep_figures()
    load(neo4j_store, seed_graphs[-1:])
    carry = neo4j_store.carry_figures

    def carry_half_then_fail(texts, base, now):
        carry(texts[: len(texts) // 2], base, now)
        raise RuntimeError("the server went away")

    monkeypatch.setattr(neo4j_store, "carry_figures", carry_half_then_fail)
    with pytest.raises(RuntimeError):
        neo4j_store.keep_figures()
    assert neo4j_store.figures_complete_version() is None
    monkeypatch.undo()
    messages: list[str] = []
    kept = neo4j_store.keep_figures(messages.append)
    assert any("(all)" in m for m in messages) and kept > 0 and everything > 0
    assert stored(neo4j_store) == full(neo4j_store)[1]
