"""Neo4j going away: a clear 503, and the service recovers by itself when it is back.

The app's driver talks to Neo4j through a small TCP relay on loopback that the test can
cut and restore, so the real server stays up for the other tests.
"""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlparse

import neo4j
import pytest
from fastapi.testclient import TestClient

from policykg.settings import Settings
from policykg.stores import LIVENESS_CACHE_S, OpenStore

pytestmark = pytest.mark.neo4j


class Relay:
    """Forwards loopback TCP connections to a target; ``cut()`` drops them all, ``restore()`` listens again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.listener: socket.socket | None = None
        self.conns: list[socket.socket] = []

    def restore(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen()
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        if self.listener:
            try:
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() of the relay thread
            except OSError:
                pass
            self.listener.close()
        for c in self.conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
                c.close()
            except OSError:
                pass
        self.conns.clear()


def test_503_while_neo4j_is_away_then_recovers(neo4j_app_store, neo4j_target):
    parsed = urlparse(neo4j_target.uri)
    relay = Relay((parsed.hostname or "localhost", parsed.port or 7687))
    relay.restore()
    driver = neo4j.GraphDatabase.driver(
        f"bolt://127.0.0.1:{relay.port}",
        auth=(neo4j_target.user, neo4j_target.password),
        connection_acquisition_timeout=3, connection_timeout=3, max_transaction_retry_time=1,
    )
    from policykg.api.app import create_app
    from policykg.graph.neo4j_store import Neo4jStore

    opened = OpenStore("neo4j", Neo4jStore(driver, database=neo4j_target.database), driver)
    client = TestClient(create_app(Settings(), opened=opened), raise_server_exceptions=False)
    try:
        assert client.get("/api/v1/health").status_code == 200

        relay.cut()
        r = client.get("/api/v1/policies")
        assert r.status_code == 503
        body = r.json()
        assert body["error"] == "store_unavailable" and "policykg neo4j start" in body["detail"]

        relay.restore()
        # a failed liveness check is trusted for LIVENESS_CACHE_S: recovered within a few of those
        deadline = time.monotonic() + 5 * LIVENESS_CACHE_S
        r = client.get("/api/v1/policies")
        while r.status_code == 503 and time.monotonic() < deadline:
            time.sleep(0.2)
            r = client.get("/api/v1/policies")
        assert r.status_code == 200 and r.json()["total"] == 5
    finally:
        relay.cut()
        driver.close()


def test_503_within_2_s_on_every_endpoint_when_nothing_listens(tmp_path):
    """A Neo4j URI where nothing listens: every endpoint answers 503 at once, not after retrying."""
    from api_checks import assert_every_endpoint_503_fast

    from policykg.api.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    app = create_app(Settings(store="neo4j", neo4j_uri=f"bolt://127.0.0.1:{port}", data_dir=tmp_path))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert_every_endpoint_503_fast(client, app)
        time.sleep(1.1)  # a fresh liveness check fails as fast
        assert_every_endpoint_503_fast(client, app)
