"""Bulk first load (``load --bulk``): import CSVs, the import tool, and the same graph as a normal load.

The end-to-end tests run a Neo4j of their own (a temporary home, a free port), since the import
replaces its database files; they compare every node and relationship of a bulk load with a
transactional load of the same files into the test run's Neo4j.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
from pathlib import Path

import pytest

from policykg.corpus import bundled_paths
from policykg.graph.bulk_import import (
    ARRAY_DELIMITER,
    ImportCsvWriter,
    parse_import_output,
    split_row,
    value_kind,
)
from policykg.graph.export import snapshot
from policykg.graph.neo4j_local import LocalNeo4j
from policykg.graph.neo4j_store import Neo4jStore
from policykg.settings import Settings

PASSWORD = "policykg-bulk-tests"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- CSV rows ------------------------------------------------------------------------------


def test_value_kinds_follow_the_python_value():
    assert value_kind(True) == "boolean"
    assert value_kind(3) == "long"
    assert value_kind(3.0) == "double"
    assert value_kind("") == "string"
    assert value_kind(["a", "b"]) == "string[]"
    assert value_kind([]) is None  # a CSV cell cannot tell an empty list from none
    assert value_kind(["a", 1]) is None
    assert value_kind([f"a{ARRAY_DELIMITER}b"]) is None
    assert value_kind({"a": 1}) is None


def test_split_row_keeps_schema_columns_types_of_values_and_leftovers():
    kinds = {"value": "double", "year": "long", "keywords": "string[]"}
    header, values, leftovers = split_row({"value": 400, "keywords": [], "extra": "x"}, kinds)
    # a whole number in a float property stays an integer, as the driver stores it
    assert header == (("value", "long"), ("year", "long"), ("keywords", "string[]"), ("extra", "string"))
    assert values == [400, None, None, "x"]
    assert leftovers == {"keywords": []}


def test_import_output_is_read():
    out = ("...\nIMPORT DONE in 1m 2s 500ms. \nImported:\n  600 nodes\n  1572 relationships\n"
           "  7000 properties\nPeak memory usage: 1.004GiB\n")
    result = parse_import_output(out)
    assert (result.nodes, result.relationships, result.properties) == (600, 1572, 7000)
    assert result.seconds == pytest.approx(62.5)
    assert result.relationships_per_s == pytest.approx(1572 / 62.5)


def test_writer_headers_shared_nodes_once_and_quoting(tmp_path, seed_graphs):
    writer = ImportCsvWriter(tmp_path / "csv")
    graphs = list(seed_graphs)
    for pg in graphs:
        writer.add_policy(pg)
    files = writer.finish()
    ids: list[str] = []
    for label, path in files.nodes:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][0] == "id:ID"
        ids += [r[0] for r in rows[1:]]
        if label == "Clause":
            assert "keywords:string[]" in rows[0] and "order:long" in rows[0]
    assert len(ids) == len(set(ids)) == files.node_count  # a shared node is written once
    expected = {nid for pg in graphs for nid, _, _ in pg.nodes}
    assert set(ids) == expected
    for _, path in files.relationships:
        assert path.read_text("utf-8").startswith(":START_ID,:END_ID")


def test_writer_refuses_a_second_policy_with_the_same_source_key(tmp_path, seed_graphs):
    writer = ImportCsvWriter(tmp_path / "csv")
    pg = seed_graphs[0]
    writer.add_policy(pg)
    before = writer.node_count
    with pytest.raises(ValueError, match="same source key"):
        writer.add_policy(pg)
    assert writer.node_count == before


# --- refusals --------------------------------------------------------------------------------


def test_bulk_refuses_a_server_policykg_did_not_start(tmp_path):
    from policykg.bulk_loading import BulkLoadError, local_server

    settings = Settings(data_dir=tmp_path, store="neo4j", neo4j_uri="bolt://db.example.org:7687")
    with pytest.raises(BulkLoadError, match="cannot reach"):
        local_server(settings)


def test_cli_bulk_needs_the_neo4j_store(tmp_path, capsys):
    from policykg.cli import main

    assert main(["load", "--store", "embedded", "--bulk", str(bundled_paths()[0])]) == 2
    assert "--bulk is for --store neo4j" in capsys.readouterr().err


# --- end to end: the same graph as a normal load ------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    """The bundled seeds and 30 generated policies (a fifth in traditional characters)."""
    from policykg.generator import generate_corpus

    out = tmp_path_factory.mktemp("bulk-corpus")
    generate_corpus(30, 5, out)
    return [*bundled_paths(), *sorted(out.glob("policy_*"))]


@pytest.fixture(scope="module")
def bulk_home(tmp_path_factory, corpus):
    """A Neo4j of this module's own, filled by a bulk load of ``corpus``; (settings, server)."""
    if shutil.which("java") is None:
        pytest.fail("Java 17 is needed for Neo4j")
    from policykg.bulk_loading import bulk_load_paths

    data = tmp_path_factory.mktemp("bulk-data")
    port = _free_port()
    settings = Settings(data_dir=data, store="neo4j", neo4j_uri=f"bolt://localhost:{port}",
                        neo4j_password=PASSWORD, neo4j_database="neo4j")
    # exit_with: a run killed before the fixture stops the server does not leave it running
    server = LocalNeo4j(settings.neo4j_home, bolt_port=port, password=PASSWORD, exit_with=os.getpid())
    try:
        report = bulk_load_paths(settings, corpus, workers=1, server=server)
        yield settings, server, report
    finally:
        server.stop()


@pytest.mark.neo4j
def test_bulk_load_gives_the_graph_of_a_normal_load(bulk_home, corpus, neo4j_store):
    import neo4j

    from policykg.loading import load_paths

    settings, server, report = bulk_home
    assert not report.failed and len(report.created) == len(corpus)
    assert report.imported is not None and report.imported.relationships > 0
    normal = load_paths(neo4j_store, corpus, workers=1)
    assert not normal.failed
    with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", PASSWORD)) as driver:
        bulk = Neo4jStore(driver, database="neo4j")
        assert bulk.counts() == neo4j_store.counts()
        bulk_nodes, bulk_rels = snapshot(bulk)
        normal_nodes, normal_rels = snapshot(neo4j_store)
        assert bulk_nodes == normal_nodes  # every node with every property and its type
        assert bulk_rels == normal_rels  # loaded and derived (CITES, SIMILAR_TO) alike
        assert (report.citations_resolved, report.similar_pairs) == (normal.citations_resolved, normal.similar_pairs)
        # the full-text index and the constraints are there, as after a normal load
        term = "科技成果"
        assert [c["id"] for c in bulk.search_clauses(term)] == [c["id"] for c in neo4j_store.search_clauses(term)]
        # the import replaced the database: the steps after it gave it a data version of its own
        version = bulk.data_version()
        assert version is not None and version[1] >= 1 and version != neo4j_store.data_version()


@pytest.mark.neo4j
def test_bulk_refuses_a_database_that_is_not_empty(bulk_home, corpus):
    from policykg.bulk_loading import BulkLoadError, bulk_load_paths

    settings, _, _ = bulk_home
    with pytest.raises(BulkLoadError, match="already holds .* node"):
        bulk_load_paths(settings, corpus[:1], workers=1)


@pytest.mark.neo4j
def test_incremental_load_after_bulk_is_transactional(bulk_home, corpus, tmp_path):
    import neo4j

    from policykg.generator import generate_corpus
    from policykg.loading import load_paths

    settings, server, _ = bulk_home
    generate_corpus(3, 99, tmp_path)
    more = [p.rename(p.with_name("extra_" + p.name)) for p in sorted(tmp_path.glob("policy_*"))]
    with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", PASSWORD)) as driver:
        store = Neo4jStore(driver, database="neo4j")
        before = store.counts()["nodes"]["Policy"]
        report = load_paths(store, more, workers=1)
        assert len(report.created) == 3 and not report.failed
        assert store.counts()["nodes"]["Policy"] == before + 3
        again = load_paths(store, corpus[:2], workers=1)  # already there from the bulk load
        assert len(again.unchanged) == 2


# --- what CSV cannot carry ----------------------------------------------------------------------


def _graph_with_empty_lists(clause_keywords: list[str], rel_tags: list[str] | None):
    from policykg.graph.model import PolicyGraph

    pid = "policy:leftovers.txt@000000000000"
    cid = f"{pid}/n/1"
    rel_props: dict = {"lead": True, "group": 0, "name": "市科技局"}
    if rel_tags is not None:
        rel_props["tags"] = rel_tags  # outside the schema, and an empty list
    nodes = [
        (pid, "Policy", {"id": pid, "policy_id": pid, "source_key": "leftovers.txt", "title": "测试", "clause_count": 1}),
        (cid, "Clause", {"id": cid, "policy_id": pid, "text": "一、支持", "keywords": clause_keywords, "order": 0, "path": "1"}),
        ("dept:荆州市科学技术局", "Department", {"id": "dept:荆州市科学技术局", "name": "荆州市科学技术局", "names": ["市科技局"]}),
    ]
    rels = [("HAS_CLAUSE", pid, cid, {}), ("RESPONSIBLE_FOR", "dept:荆州市科学技术局", cid, rel_props)]
    return PolicyGraph(pid, "leftovers.txt", "0" * 64, "h", nodes, rels)


def test_writer_keeps_empty_lists_aside(tmp_path):
    writer = ImportCsvWriter(tmp_path / "csv")
    writer.add_policy(_graph_with_empty_lists([], []))
    files = writer.finish()
    assert files.leftover_props == {"Clause": [{"id": "policy:leftovers.txt@000000000000/n/1",
                                                "props": {"keywords": []}}]}
    [(key, rows)] = files.leftover_rels.items()
    assert key == ("RESPONSIBLE_FOR", "Department", "Clause") and rows[0]["props"]["tags"] == []
    assert files.relationship_count == 2 and files.node_count == 3


@pytest.mark.neo4j
def test_leftovers_applied_give_what_a_normal_write_gives(neo4j_store, neo4j_driver, neo4j_target, tmp_path):
    from policykg.graph.bulk_import import apply_leftovers

    full = _graph_with_empty_lists([], [])
    neo4j_store.write_policy(full)
    expected = snapshot(neo4j_store)
    neo4j_store.clear()
    writer = ImportCsvWriter(tmp_path / "csv")
    writer.add_policy(full)
    files = writer.finish()
    # what the import holds: the graph without the leftovers (the relationship is one of them)
    partial = _graph_with_empty_lists(["x"], None)
    partial.nodes[1][2].pop("keywords")
    partial.rels.pop()
    neo4j_store.write_policy(partial)
    apply_leftovers(neo4j_driver, neo4j_target.database, files)
    assert snapshot(neo4j_store) == expected


def test_cli_bulk_refuses_neo4j_elsewhere(monkeypatch, capsys):
    from policykg.cli import main

    monkeypatch.setenv("NEO4J_URI", "bolt://db.example.org:7687")
    assert main(["load", "--store", "neo4j", "--bulk", str(bundled_paths()[0])]) == 2
    err = capsys.readouterr().err
    assert "policykg load --bulk:" in err and "without --bulk" in err
