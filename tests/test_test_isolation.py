"""The test suite never touches a user's data: its embedded files and its Neo4j are its own,
and it clears no Neo4j database it has not marked as its own."""

from __future__ import annotations

import pytest
from conftest import (
    TEST_OWNER,
    USER_GRAPH_FILE,
    USER_NEO4J_HOME,
    USER_NEO4J_PORT,
    check_test_home,
    claim_or_fail,
)

from policykg.cli import main
from policykg.corpus import bundled_paths
from policykg.graph import cypher as Q
from policykg.graph.embedded_store import EmbeddedStore
from policykg.settings import Settings
from policykg.stores import open_store


def _state(path):
    """What a test could have changed about ``path``: absent, or its size and modification time."""
    return (path.stat().st_size, path.stat().st_mtime_ns) if path.exists() else None


def test_embedded_store_fixture_writes_under_the_tests_own_folder(embedded_store, tmp_path):
    assert embedded_store.path.parent == tmp_path
    assert embedded_store.path.resolve() != USER_GRAPH_FILE.resolve()


def test_default_settings_point_into_the_sessions_folder(isolated_settings):
    settings = Settings()
    assert settings.graph_path.resolve().is_relative_to(isolated_settings.resolve())
    assert settings.neo4j_home.resolve().is_relative_to(isolated_settings.resolve())
    assert not settings.neo4j_home.resolve().is_relative_to(USER_NEO4J_HOME.resolve())
    assert settings.store == "embedded"
    # a Neo4j reached through the default settings is nobody's: nothing listens there
    assert settings.neo4j_uri == "bolt://127.0.0.1:9"


def test_a_command_run_with_the_default_settings_leaves_var_alone(isolated_settings):
    before = _state(USER_GRAPH_FILE)
    graph = Settings().graph_path
    try:
        assert main(["load", "--quiet", str(bundled_paths()[1])]) == 0
        assert len(EmbeddedStore.open(graph).all_policies()) == 1
        assert _state(USER_GRAPH_FILE) == before
    finally:
        graph.unlink(missing_ok=True)


def test_the_users_neo4j_home_is_refused_as_the_test_home(tmp_path):
    with pytest.raises(ValueError, match="policykg neo4j start"):
        check_test_home(USER_NEO4J_HOME)
    assert check_test_home(tmp_path / "neo4j") == (tmp_path / "neo4j").resolve()


@pytest.mark.neo4j
def test_the_neo4j_under_test_is_the_test_runs_own(neo4j_target, neo4j_store):
    if neo4j_target.home is not None:  # started by the test run (NEO4J_URI unset)
        assert not neo4j_target.home.is_relative_to(USER_NEO4J_HOME.resolve())
        assert neo4j_target.port != USER_NEO4J_PORT
        assert neo4j_target.uri == f"bolt://localhost:{neo4j_target.port}"
    assert neo4j_store.owned_by(TEST_OWNER)


@pytest.mark.neo4j
def test_a_database_with_unmarked_data_is_refused_and_left_intact(neo4j_store, seed_graphs):
    neo4j_store.write_policy(seed_graphs[0])
    neo4j_store._write(Q.DELETE_TEST_MARKER, owner=TEST_OWNER)  # as if someone else's database
    before = neo4j_store.counts()
    try:
        with pytest.raises(pytest.fail.Exception, match="marker of .policykg-tests., so it is never cleared"):
            claim_or_fail(neo4j_store)
        assert neo4j_store.counts() == before and before["nodes"]["Policy"] == 1
        assert not neo4j_store.owned_by(TEST_OWNER)  # refused: not marked either
    finally:
        neo4j_store.clear()
        neo4j_store.claim(TEST_OWNER)  # empty again: the suite's once more
    assert neo4j_store.owned_by(TEST_OWNER)


@pytest.mark.neo4j
def test_an_empty_database_is_claimed(neo4j_store):
    neo4j_store._write(Q.DELETE_TEST_MARKER, owner=TEST_OWNER)
    assert not neo4j_store.owned_by(TEST_OWNER)
    claim_or_fail(neo4j_store)
    assert neo4j_store.owned_by(TEST_OWNER)
    claim_or_fail(neo4j_store)  # again: still one marker
    assert neo4j_store._read(Q.TEST_MARKER_COUNT, owner=TEST_OWNER)[0]["markers"] == 1


@pytest.mark.neo4j
def test_the_marker_is_in_no_answer_and_survives_clear(neo4j_store, seed_graphs, tmp_path):
    from policykg.graph.export import export, snapshot
    from policykg.graph.linking import link_all

    for pg in seed_graphs:
        neo4j_store.write_policy(pg)
    link_all(neo4j_store)
    nodes, _ = snapshot(neo4j_store)
    everything = neo4j_store._read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    notes = neo4j_store._read(f"MATCH (n:{Q.CHANGE_LABEL}) RETURN count(n) AS n")[0]["n"]
    assert notes >= len(seed_graphs)  # every write noted what it touched (graph/stored_figures.py)
    counted = sum(neo4j_store.counts()["nodes"].values())
    # all but the marker, the link-rebuild lock, the data version and the change notes
    assert counted == len(nodes) == everything - 3 - notes
    for label in (*Q.MARKER_LABELS, Q.CHANGE_LABEL):
        assert label not in {n["label"] for n in nodes} and label not in neo4j_store.counts()["nodes"]
    export(neo4j_store, "json", tmp_path / "g.json")
    assert Q.TEST_MARKER_LABEL not in (tmp_path / "g.json").read_text("utf-8")
    assert not any(p["label"] != "Policy" for p in neo4j_store.all_policies())
    neo4j_store.clear()
    assert neo4j_store.owned_by(TEST_OWNER)
    left = sorted(r["labels"] for r in neo4j_store._read("MATCH (n) RETURN labels(n) AS labels"))
    assert left == sorted([[Q.LOCK_LABEL], [Q.TEST_MARKER_LABEL], [Q.VERSION_LABEL]])


def test_open_store_from_default_settings_is_the_sessions_file(isolated_settings):
    opened = open_store(Settings())
    try:
        assert opened.name == "embedded"
        assert opened.store.path.resolve().is_relative_to(isolated_settings.resolve())
    finally:
        opened.close()
