"""Neo4j's data version and the figures its store keeps under it: every write path raises the
version, reads reuse the kept figures while it is unchanged, and the answers stay those of
the embedded store after a write changes them (from this store or from another one)."""

from __future__ import annotations

import pytest

from policykg.graph import cypher as Q
from policykg.graph.figure_cache import FigureCache
from policykg.graph.linking import link_all
from policykg.graph.neo4j_store import Neo4jStore
from policykg.graph.store import InstrumentQuery

from .test_bulk_write import changed_jingzhou
from .test_department_reads import ST
from .test_search import ranking_policy
from .test_stores import load

pytestmark = pytest.mark.neo4j

WORDS = ["技术经纪人", "科技成果", "成果转化 奖励", "企业", "中试平台"]


def version(store: Neo4jStore) -> int:
    found = store.data_version()
    assert found is not None
    return found[1]


def searches(store) -> list[list[dict]]:
    return [store.search_clauses(word, limit=10) for word in WORDS]


# --- every write path raises the version ---------------------------------------------------------


def test_schema_setup_creates_the_version(neo4j_store):
    assert neo4j_store.data_version() is not None  # the fixture set up the schema
    before = neo4j_store.data_version()
    neo4j_store.ensure_schema()
    assert neo4j_store.data_version() == before  # created once, not raised


def test_writing_a_policy_raises_the_version_unless_unchanged(neo4j_store, seed_graphs, seed_documents):
    v = version(neo4j_store)
    assert neo4j_store.write_policy(seed_graphs[0]) == "created"
    assert version(neo4j_store) == v + 1
    assert neo4j_store.write_policy(seed_graphs[0]) == "unchanged"
    assert version(neo4j_store) == v + 1
    assert neo4j_store.write_policy(changed_jingzhou(seed_documents)) == "replaced"
    assert version(neo4j_store) == v + 2


def test_writing_policies_raises_the_version_unless_all_unchanged(neo4j_store, seed_graphs, seed_documents):
    v = version(neo4j_store)
    neo4j_store.write_policies(seed_graphs[:2])
    assert version(neo4j_store) > v
    v = version(neo4j_store)
    assert neo4j_store.write_policies(seed_graphs[:2]) == ["unchanged"] * 2
    assert version(neo4j_store) == v
    assert neo4j_store.write_policies([changed_jingzhou(seed_documents)]) == ["replaced"]
    assert version(neo4j_store) > v


def test_deleting_a_policy_raises_the_version(neo4j_store, seed_graphs):
    neo4j_store.write_policy(seed_graphs[0])
    v = version(neo4j_store)
    assert neo4j_store.delete_policy(seed_graphs[0].source_key)
    assert version(neo4j_store) == v + 1
    assert not neo4j_store.delete_policy(seed_graphs[0].source_key)
    assert version(neo4j_store) == v + 1


def test_linking_raises_the_version(neo4j_store, seed_graphs):
    neo4j_store.write_policies(seed_graphs)
    v = version(neo4j_store)
    cites, similar = link_all(neo4j_store)
    assert cites or similar
    assert version(neo4j_store) > v
    v = version(neo4j_store)
    link_all(neo4j_store)  # nothing differs: nothing written
    assert version(neo4j_store) == v
    neo4j_store.set_derived_links(cites=[])
    assert version(neo4j_store) > v


def test_clearing_raises_the_version_and_keeps_its_node(neo4j_store, seed_graphs):
    neo4j_store.write_policy(seed_graphs[0])
    before = neo4j_store.data_version()
    neo4j_store.clear()
    after = neo4j_store.data_version()
    assert after is not None and before is not None
    assert after[0] == before[0] and after[1] > before[1]
    left = {label for r in neo4j_store._read("MATCH (n) RETURN labels(n) AS labels") for label in r["labels"]}
    assert left <= set(Q.MARKER_LABELS)


def test_the_steps_after_a_bulk_import_raise_the_version(neo4j_store, neo4j_driver, neo4j_target, seed_graphs,
                                                         tmp_path):
    from policykg.graph.bulk_import import ImportCsvWriter, apply_leftovers, count_nodes

    v = version(neo4j_store)
    assert count_nodes(neo4j_driver, neo4j_target.database) == 1  # the test marker; not the version node
    writer = ImportCsvWriter(tmp_path / "csv")
    writer.add_policy(seed_graphs[0])
    apply_leftovers(neo4j_driver, neo4j_target.database, writer.finish())
    assert version(neo4j_store) > v


# --- kept figures ----------------------------------------------------------------------------


def test_search_figures_are_read_once_per_version(neo4j_store, seed_graphs, hand_document):
    neo4j_store.write_policies(seed_graphs)
    first = searches(neo4j_store)
    misses = dict(neo4j_store.figures.misses)
    assert misses["corpus"] >= 1 and misses["df"] >= len(WORDS)
    assert searches(neo4j_store) == first
    assert dict(neo4j_store.figures.misses) == misses  # nothing counted again
    assert neo4j_store.figures.hits["corpus"] >= len(WORDS)
    neo4j_store.write_policy(ranking_policy(hand_document))
    second = searches(neo4j_store)
    assert neo4j_store.figures.misses["corpus"] > misses["corpus"]
    assert second != first


def test_department_figures_are_read_once_per_version(neo4j_store, seed_graphs, seed_documents):
    load(neo4j_store, seed_graphs)
    summary = neo4j_store.department_summary(ST)
    page = neo4j_store.department_page(function="science_tech", limit=5)
    partners = neo4j_store.department_partners(ST)
    misses = dict(neo4j_store.figures.misses)
    assert misses["department"] == misses["department_grid"] == misses["partners"] == 1
    assert misses["lead_co"] == len(page[0]) > 0 and summary["instruments"] and partners
    assert neo4j_store.department_summary(ST) == summary
    assert neo4j_store.department_page(function="science_tech", limit=5) == page
    assert neo4j_store.department_partners(ST) == partners
    assert dict(neo4j_store.figures.misses) == misses
    neo4j_store.department_summary(ST, in_force_on="2025-07-01")  # another date: its own figures
    assert neo4j_store.figures.misses["department"] == 2
    neo4j_store.write_policy(changed_jingzhou(seed_documents))
    after = neo4j_store.department_summary(ST)
    assert after["lead"] < summary["lead"] and after["instruments"] != summary["instruments"]
    assert neo4j_store.figures.misses["department"] == 3
    assert neo4j_store.department_partners(ST) != partners and neo4j_store.figures.misses["partners"] == 2


def test_compare_columns_are_read_once_per_version(neo4j_store, embedded_store, seed_graphs, seed_documents):
    stores = (neo4j_store, embedded_store)
    for store in stores:
        load(store, seed_graphs)
    regions = [name for name, _, _ in neo4j_store.region_list()]
    assert len(regions) >= 3

    def grid(store, columns) -> dict:
        return store.instrument_grid(InstrumentQuery(regions=tuple(columns), role="any"), "function", 2)

    whole = grid(neo4j_store, regions)
    assert whole == grid(embedded_store, regions) and {region for region, _ in whole} == set(regions)
    assert neo4j_store.figures.misses["grid_column"] == len(regions)
    for pair in zip(regions, regions[1:], strict=False):  # other columns beside it: the same column
        wanted = {cell: value for cell, value in whole.items() if cell[0] in pair}
        assert grid(neo4j_store, pair) == wanted == grid(embedded_store, pair)
    assert neo4j_store.figures.misses["grid_column"] == len(regions)  # every column was kept
    changed = changed_jingzhou(seed_documents)
    for store in stores:
        store.write_policy(changed)
    after = grid(neo4j_store, regions)
    assert after == grid(embedded_store, regions) != whole  # the write is seen, not the kept columns
    assert neo4j_store.figures.misses["grid_column"] == 2 * len(regions)


def test_a_write_through_another_store_object_is_seen(neo4j_store, neo4j_driver, neo4j_target, seed_graphs,
                                                     seed_documents):
    load(neo4j_store, seed_graphs)
    other = Neo4jStore(neo4j_driver, database=neo4j_target.database)  # another process's store
    before = neo4j_store.department_summary(ST)
    other.write_policy(changed_jingzhou(seed_documents))
    assert neo4j_store.department_summary(ST) == other.department_summary(ST) != before


# --- the same answers as the embedded store, before and after a write --------------------------------------


def test_search_answers_match_the_embedded_store_before_and_after_a_write(embedded_store, neo4j_store,
                                                                         seed_graphs, hand_document):
    for store in (embedded_store, neo4j_store):
        store.write_policies(seed_graphs)
        store.save()
    before = searches(neo4j_store)
    assert before == searches(embedded_store)
    assert searches(neo4j_store) == before  # from the kept figures
    more = ranking_policy(hand_document, path="more.txt")  # changes the corpus size, lengths and df
    for store in (embedded_store, neo4j_store):
        store.write_policy(more)
        store.save()
    after = searches(neo4j_store)
    assert after == searches(embedded_store)
    assert after != before
    # an unchanged hit of the seed corpus is scored anew
    old = {h["id"]: h["score"] for h in before[1]}
    assert any(old.get(h["id"]) not in (None, h["score"]) for h in after[1])


def test_department_answers_match_the_embedded_store_before_and_after_a_replace(embedded_store, neo4j_store,
                                                                               seed_graphs, seed_documents):
    def answers(store):
        summary = store.department_summary(ST)
        dated = store.department_summary(ST, in_force_on="2025-07-01")
        pages = [store.department_page(function=f, limit=24) for f in ("science_tech", "finance")]
        return summary, dated, pages

    for store in (embedded_store, neo4j_store):
        load(store, seed_graphs)
    before = answers(neo4j_store)
    assert before == answers(embedded_store)
    assert answers(neo4j_store) == before  # from the kept figures
    changed = changed_jingzhou(seed_documents)
    for store in (embedded_store, neo4j_store):
        assert store.write_policy(changed) == "replaced"
        link_all(store)
        store.save()
    after = answers(neo4j_store)
    assert after == answers(embedded_store)
    assert after[0]["lead"] < before[0]["lead"]
    assert after[2] != before[2]


def test_figures_of_an_older_version_are_not_kept():
    cache = FigureCache(max_entries=2)
    cache.put(("e", 2), ("corpus",), (10, 100))
    cache.put(("e", 1), ("corpus",), (9, 90))  # a read that raced the write of version 2
    assert cache.get(("e", 2), ("corpus",)) == (10, 100)
    assert cache.get(("e", 1), ("corpus",)) is None
    cache.put(("f", 1), ("corpus",), (1, 1))  # another epoch: a new database
    assert cache.get(("e", 2), ("corpus",)) is None and cache.get(("f", 1), ("corpus",)) == (1, 1)
    for term in "abc":
        cache.put(("f", 1), ("df", term), 1)
    assert cache.get(("f", 1), ("corpus",)) is None  # bounded: the oldest went
    assert cache.get(None, ("df", "c")) is None
