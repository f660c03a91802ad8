"""Neo4j going away, for real: a throwaway local Neo4j (own home, free port) is killed under a
running load and stopped under a serving API.

The load gives up after a bounded wait with a message that says what to do, and a rerun
completes it (the graph of one clean load); the API answers 503 within 2 s on every endpoint
while Neo4j is stopped and 200 again once it is back.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

import neo4j
import pytest
from api_checks import assert_every_endpoint_503_fast
from fastapi.testclient import TestClient
from load_runs import finish, load_env, snapshot, start_load

from policykg.corpus import bundled_paths
from policykg.graph.neo4j_local import LocalNeo4j
from policykg.graph.neo4j_store import Neo4jStore
from policykg.settings import Settings

pytestmark = pytest.mark.neo4j

REPO = Path(__file__).resolve().parents[1]
LIB = Path(os.environ.get("POLICYKG_NEO4J_LIB") or REPO / "var" / "test-neo4j" / "lib")
PASSWORD = "throwaway-4711"
RETRY_S = 3  # the load's POLICYKG_NEO4J_RETRY_S
GIVE_UP_WITHIN_S = 45  # retrying, connecting (5 s) and whatever extraction was left, on a busy machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = LocalNeo4j(tmp_path_factory.mktemp("neo4j-home"), bolt_port=_free_port(), password=PASSWORD, lib_dir=LIB,
                     exit_with=os.getpid())  # a killed run does not leave it running
    srv.start(timeout=300)
    yield srv
    srv.stop()


@pytest.fixture
def store(server):
    with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", PASSWORD)) as driver:
        yield Neo4jStore(driver)


def env_for(server, tmp_path: Path) -> dict[str, str]:
    return load_env("neo4j", tmp_path / "data", NEO4J_URI=server.uri, NEO4J_PASSWORD=PASSWORD,
                    POLICYKG_NEO4J_RETRY_S=str(RETRY_S))


def connections(server) -> int:
    with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", PASSWORD)) as driver:
        records, _, _ = driver.execute_query("CALL dbms.listConnections() YIELD connectionId RETURN count(*) AS n")
        return records[0]["n"] - 1  # not this one


def kill_server(server) -> None:
    pid = int(server.pid_path.read_text())
    os.kill(pid, signal.SIGKILL)
    server._wait_gone(pid, 30)
    server.pid_path.unlink(missing_ok=True)


def assert_gave_up(code: int, err: str) -> None:
    assert code == 3, err
    assert "policykg neo4j start" in err and "NEO4J_URI" in err and "run the command again" in err, err
    assert "Traceback" not in err


def test_a_load_gives_up_when_neo4j_dies_and_a_rerun_completes_it(server, store, tmp_path):
    corpus = bundled_paths()
    env = env_for(server, tmp_path)
    store.clear()
    code, _, err = finish(start_load(corpus, env, tmp_path))
    assert code == 0, err
    reference = snapshot(store)
    store.clear()

    proc = start_load(corpus, env, tmp_path)
    deadline = time.monotonic() + 120
    while connections(server) == 0:  # the load has connected (and set up the schema): it is under way
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.1)
    kill_server(server)
    died = time.monotonic()
    code, _, err = finish(proc, timeout=GIVE_UP_WITHIN_S + 30)
    assert time.monotonic() - died < GIVE_UP_WITHIN_S
    assert_gave_up(code, err)

    server.start(timeout=300)
    code, out, err = finish(start_load(corpus, env, tmp_path))
    assert code == 0, err
    assert snapshot(store) == reference


def test_a_load_against_a_stopped_neo4j_gives_up_at_once(server, tmp_path):
    server.stop()
    try:
        started = time.monotonic()
        code, _, err = finish(start_load(bundled_paths()[:1], env_for(server, tmp_path), tmp_path))
        assert time.monotonic() - started < GIVE_UP_WITHIN_S
        assert_gave_up(code, err)
    finally:
        server.start(timeout=300)


def test_the_api_answers_503_within_2_s_while_neo4j_is_stopped_and_recovers(server, store, tmp_path):
    from policykg.api.app import create_app

    if not store.all_policies():
        code, _, err = finish(start_load(bundled_paths(), env_for(server, tmp_path), tmp_path))
        assert code == 0, err
    settings = Settings(store="neo4j", neo4j_uri=server.uri, neo4j_password=PASSWORD)
    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        for url in ("/api/v1/health", "/api/v1/policies", "/api/v1/instruments"):
            assert client.get(url).status_code == 200
        server.stop()
        try:
            assert_every_endpoint_503_fast(client, app)
        finally:
            server.start(timeout=300)
        time.sleep(1.1)  # the last liveness answer expires
        assert client.get("/api/v1/policies").json()["total"] == len(bundled_paths())
