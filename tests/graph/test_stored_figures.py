"""Figures of the default answers stored in Neo4j after a load (graph/stored_figures.py): the
answers read from them are those computed from the data (and the embedded store's), a process
that never computed them reads them from the database, and after a write they are not used."""

from __future__ import annotations

import json

import pytest

from policykg.graph import cypher as Q
from policykg.graph.figure_cache import FigureCache, decode_figure, encode_figure
from policykg.graph.neo4j_store import Neo4jStore
from policykg.graph.query_service import (
    COMPARE_CELL_LIMIT,
    DEPARTMENT_CLAUSES,
    DEPARTMENT_PER_TYPE,
    DEPARTMENT_RELATED,
)
from policykg.graph.store import InstrumentQuery

from .test_bulk_write import changed_jingzhou
from .test_department_reads import ST
from .test_stores import load

pytestmark = pytest.mark.neo4j


def department_answers(store, ids: list[str]) -> list:
    return [(store.department_summary(did, None, DEPARTMENT_PER_TYPE, DEPARTMENT_CLAUSES),
             store.department_partners(did, DEPARTMENT_RELATED)) for did in ids]


def region_columns(store, regions: list[str]) -> list:
    return [store.instrument_grid(InstrumentQuery(regions=(region,), role=role), group, COMPARE_CELL_LIMIT)
            for region in regions for role in ("lead", "any") for group in ("function", "type")]


def fresh(neo4j_driver, neo4j_target) -> Neo4jStore:
    """Another process's store: nothing kept in it yet."""
    return Neo4jStore(neo4j_driver, database=neo4j_target.database)


def test_stored_figures_give_the_answers_the_data_gives(neo4j_store, embedded_store, neo4j_driver, neo4j_target,
                                                        seed_graphs):
    for store in (neo4j_store, embedded_store):
        load(store, seed_graphs)
    kept = neo4j_store.keep_figures()
    departments = neo4j_store.department_ids()
    regions = [name for name, _, _ in neo4j_store.region_list()]
    assert kept == neo4j_store.stored_figure_count()
    assert kept >= 4 * len(departments) + 4 * len(regions) and len(departments) > 5 and len(regions) >= 3
    reader = fresh(neo4j_driver, neo4j_target)
    assert department_answers(reader, departments) == department_answers(embedded_store, departments)
    assert region_columns(reader, regions) == region_columns(embedded_store, regions)
    assert reader.department_page(function="science_tech", limit=24) == \
        embedded_store.department_page(function="science_tech", limit=24)
    assert reader.counts() == embedded_store.counts()
    assert reader.region_list() == embedded_store.region_list()
    assert reader.policy_page(limit=3) == embedded_store.policy_page(limit=3)


def tamper(store: Neo4jStore, key: tuple, value) -> None:
    """Overwrite one stored figure's value (what only a read of the stored figure can show)."""
    store._write("MATCH (f:PolicykgFigure {key: $key}) SET f.value = $value",
                 key=store.figure_key(key), value=encode_figure(value))


def test_a_new_process_reads_the_stored_figures_not_the_data(neo4j_store, neo4j_driver, neo4j_target, seed_graphs):
    load(neo4j_store, seed_graphs)
    neo4j_store.keep_figures()
    tamper(neo4j_store, ("department", ST, None), (999, 1, 2, 3))
    reader = fresh(neo4j_driver, neo4j_target)
    summary = reader.department_summary(ST, None, DEPARTMENT_PER_TYPE, DEPARTMENT_CLAUSES)
    assert (summary["lead"], summary["co"], summary["policies"], summary["regions"]) == (999, 1, 2, 3)
    # another page size was not stored: computed from the data
    other = reader.department_summary(ST, None, DEPARTMENT_PER_TYPE + 1, DEPARTMENT_CLAUSES)
    assert other["instruments"] != {} and reader.figures.misses["department_grid"] == 2


def test_after_a_write_the_stored_figures_are_not_used(neo4j_store, embedded_store, neo4j_driver, neo4j_target,
                                                       seed_graphs, seed_documents):
    for store in (neo4j_store, embedded_store):
        load(store, seed_graphs)
    first = neo4j_store.keep_figures()
    tamper(neo4j_store, ("department", ST, None), (999, 1, 2, 3))
    changed = changed_jingzhou(seed_documents)
    for store in (neo4j_store, embedded_store):
        assert store.write_policy(changed) == "replaced"
    reader = fresh(neo4j_driver, neo4j_target)
    departments = neo4j_store.department_ids()
    assert department_answers(reader, departments) == department_answers(embedded_store, departments)
    assert reader.department_summary(ST)["lead"] != 999
    # storing them again replaces every figure of the older version
    again = neo4j_store.keep_figures()
    assert neo4j_store.stored_figure_count() == again and abs(again - first) < first
    version = neo4j_store.data_version()
    assert version is not None
    stale = neo4j_store._read(f"MATCH (f:{Q.FIGURE_LABEL}) WHERE f.epoch <> $e OR f.version <> $v RETURN count(f) AS n",
                              e=version[0], v=version[1])
    assert stale[0]["n"] == 0


def test_every_kind_stored_is_one_reads_look_up(neo4j_store, seed_graphs):
    from policykg.graph.stored_figures import STORED_KINDS

    load(neo4j_store, seed_graphs)
    neo4j_store.keep_figures()
    keys = [r["key"] for r in neo4j_store._read(f"MATCH (f:{Q.FIGURE_LABEL}) RETURN f.key AS key")]
    kinds = {json.loads(k)[0] for k in keys}
    assert kinds == STORED_KINDS


def test_clearing_deletes_the_stored_figures(neo4j_store, seed_graphs):
    load(neo4j_store, seed_graphs)
    assert neo4j_store.keep_figures() > 0
    neo4j_store.clear()
    assert neo4j_store.stored_figure_count() == 0


def test_the_embedded_store_keeps_no_figures(embedded_store, seed_graphs):
    load(embedded_store, seed_graphs)
    assert embedded_store.keep_figures() == 0


def test_a_stored_figure_is_asked_for_before_one_is_computed():
    cache = FigureCache()
    asked: list = []

    def stored(keys):
        asked.extend(keys)
        return {k: 7 for k in keys if k[1] == "a"}

    def never() -> int:
        raise AssertionError("computed although stored")

    assert cache.kept(("e", 1), ("n", "a"), never, stored) == 7
    assert cache.kept(("e", 1), ("n", "a"), never, stored) == 7 and asked == [("n", "a")]  # then held
    assert cache.kept(("e", 1), ("n", "b"), lambda: 3, stored) == 3
    found = cache.kept_each(("e", 1), "m", ["a", "b"], lambda missing: {m: 5 for m in missing}, stored)
    assert found == {"a": 7, "b": 5}
    cache.recording = []
    cache.put(("e", 1), ("n", "c"), 1)
    assert cache.recording == [(("e", 1), ("n", "c"), 1)]


def test_a_figure_reads_back_as_it_was_kept():
    value = ((("a", 1), ["x", ("y",)]), {"k": (1, None, 2.5), "names": ["甲", "乙"]}, [], ())
    assert decode_figure(encode_figure(value)) == value
    assert type(decode_figure(encode_figure(value))[1]["names"]) is list
    with pytest.raises(TypeError):
        encode_figure({1: "a"})
