"""API test fixtures: the real app over each store, loaded once per module with the seed corpus.

``client`` is parametrised over both stores; ``clients`` gives both at once, for tests that
assert the two stores give the same answer.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from policykg.settings import Settings
from policykg.stores import OpenStore


def _load(store, seed_graphs) -> None:
    from policykg.graph.linking import link_all

    store.ensure_schema()
    for pg in seed_graphs:
        store.write_policy(pg)
    link_all(store)
    store.save()


@pytest.fixture(scope="session")
def embedded_app_store(tmp_path_factory, seed_graphs):
    from policykg.graph.embedded_store import EmbeddedStore

    store = EmbeddedStore.open(tmp_path_factory.mktemp("api") / "policykg.graph")
    _load(store, seed_graphs)
    yield OpenStore("embedded", store)
    store.close()


@pytest.fixture(scope="module")
def neo4j_app_store(neo4j_driver, neo4j_target, seed_graphs):
    from policykg.graph.neo4j_store import Neo4jStore

    # the database is shared with other test modules that clear it: load it afresh per module
    store = Neo4jStore(neo4j_driver, database=neo4j_target.database)
    store.clear()
    _load(store, seed_graphs)
    # the driver belongs to the session fixture: the app must not close it
    yield OpenStore("neo4j", store, neo4j_driver)


def _client(opened, **settings) -> TestClient:
    from policykg.api.app import create_app

    return TestClient(create_app(Settings(**settings), opened=opened), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def embedded_client(embedded_app_store) -> TestClient:
    return _client(embedded_app_store)


@pytest.fixture(scope="module")
def neo4j_client(neo4j_app_store) -> TestClient:
    return _client(neo4j_app_store, cypher_timeout_s=2.0, cypher_row_cap=50)


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def client(request) -> TestClient:
    """The app over each store in turn."""
    return request.getfixturevalue(f"{request.param}_client")


@pytest.fixture
def clients(embedded_client, neo4j_client) -> dict[str, TestClient]:
    """Both apps, to compare their answers."""
    return {"embedded": embedded_client, "neo4j": neo4j_client}


def get_both(clients: dict[str, TestClient], url: str, **params) -> dict:
    """GET on both stores, assert 200 and identical JSON, return it."""
    answers = {}
    for name, c in clients.items():
        r = c.get(url, params=params)
        assert r.status_code == 200, (name, url, r.text)
        answers[name] = r.json()
    if "counts" not in answers["embedded"]:
        assert answers["embedded"] == answers["neo4j"], url
    return answers["embedded"]
