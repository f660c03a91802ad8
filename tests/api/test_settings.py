"""Settings reach the app: CORS only for the configured origins."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from policykg.settings import Settings


def test_cors_allows_only_configured_origins(embedded_app_store, monkeypatch):
    from policykg.api.app import create_app

    monkeypatch.setenv("POLICYKG_CORS_ORIGINS", '["https://research.example.org"]')
    client = TestClient(create_app(Settings(), opened=embedded_app_store))
    allowed = client.get("/api/v1/health", headers={"Origin": "https://research.example.org"})
    assert allowed.headers.get("access-control-allow-origin") == "https://research.example.org"
    other = client.get("/api/v1/health", headers={"Origin": "https://elsewhere.example.com"})
    assert "access-control-allow-origin" not in other.headers


def test_no_cors_headers_by_default(embedded_client):
    r = embedded_client.get("/api/v1/health", headers={"Origin": "https://research.example.org"})
    assert "access-control-allow-origin" not in r.headers


def test_settings_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NEO4J_URI", "neo4j://cluster.example:7687")
    monkeypatch.setenv("POLICYKG_CYPHER_ROW_CAP", "25")
    s = Settings()
    assert s.graph_path == tmp_path / "policykg.graph" and s.neo4j_home == tmp_path / "neo4j"
    assert s.neo4j_uri == "neo4j://cluster.example:7687" and s.cypher_row_cap == 25


def test_a_server_on_its_own_embedded_store_starts_ready(tmp_path, seed_graphs):
    """Serving its own embedded graph, the app freezes the loaded graph out of the garbage
    collector's full collections before the first request."""
    import gc

    from policykg.api.app import create_app
    from policykg.graph.embedded_store import EmbeddedStore

    store = EmbeddedStore.open(tmp_path / "policykg.graph")
    store.write_policies(seed_graphs)
    store.save()
    gc.unfreeze()
    app = create_app(Settings(data_dir=tmp_path, store="embedded"))
    try:
        with TestClient(app) as client:
            assert gc.get_freeze_count() > 1000
            policies = client.get("/api/v1/policies").json()
            assert policies["total"] == len(seed_graphs)
    finally:
        gc.unfreeze()


def test_a_started_server_loads_the_search_dictionary_before_the_first_search(tmp_path, seed_graphs, monkeypatch):
    """The search analyzer (a jieba dictionary, 1–2 s of CPU) is loaded in the background once
    the server is up, not by whoever searches first."""
    import time

    from policykg.api.app import create_app
    from policykg.graph import search_text
    from policykg.graph.embedded_store import EmbeddedStore

    store = EmbeddedStore.open(tmp_path / "policykg.graph")
    store.write_policies(seed_graphs)
    store.save()
    monkeypatch.setattr(search_text, "_analyzer", None)  # as in a fresh process
    built = []
    monkeypatch.setattr(search_text, "SearchAnalyzer", lambda: built.append(time.monotonic()) or object())
    try:
        with TestClient(create_app(Settings(data_dir=tmp_path, store="embedded"))) as client:
            assert client.get("/api/v1/health").status_code == 200
            deadline = time.monotonic() + 30
            while not built and time.monotonic() < deadline:
                time.sleep(0.01)
            assert len(built) == 1 and search_text._analyzer is not None
    finally:
        import gc

        gc.unfreeze()


def test_serving_beyond_localhost_names_the_trusted_hosts_setting(monkeypatch, capsys, tmp_path):
    from policykg.api import server
    from policykg.cli import main

    served = []
    monkeypatch.setattr(server, "serve", lambda app, host, port: served.append((host, port)))
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path))
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert served == [("0.0.0.0", 8123)] and "POLICYKG_TRUSTED_HOSTS" in capsys.readouterr().err
    assert main(["serve"]) == 0
    assert "POLICYKG_TRUSTED_HOSTS" not in capsys.readouterr().err


def test_the_embedded_store_serves_with_one_worker_whatever_the_setting(monkeypatch, capsys, tmp_path):
    from policykg.api import server
    from policykg.cli import main

    served = []
    monkeypatch.setattr(server, "serve", lambda app, host, port: served.append((host, port)))
    monkeypatch.setattr(server, "serve_workers", lambda *a: served.append(("workers", *a)))
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("POLICYKG_WORKERS", "2")
    assert main(["serve", "--store", "embedded", "--port", "8124"]) == 0
    assert served == [("127.0.0.1", 8124)] and "POLICYKG_WORKERS is for the Neo4j store" in capsys.readouterr().err


def _children(pid: int) -> list[int]:
    from pathlib import Path

    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]


@pytest.mark.neo4j
def test_neo4j_serves_from_as_many_worker_processes_as_set(neo4j_env, neo4j_store, tmp_path):
    """POLICYKG_WORKERS=2 on Neo4j: two API processes share the port, each answering from the
    same database; stopping the server stops them."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    port = _free_port()
    env = {**os.environ, "POLICYKG_WORKERS": "2", "POLICYKG_STORE": "neo4j", "POLICYKG_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, body = time.monotonic() + 120, None
        while body is None and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5).json()
            except httpx.HTTPError:
                time.sleep(0.5)
        assert body and body["store"] == "neo4j", body
        workers = [c for c in _children(proc.pid) if b"spawn_main" in open(f"/proc/{c}/cmdline", "rb").read()]
        assert len(workers) == 2, workers
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    assert not any(os.path.exists(f"/proc/{w}") and b"zombie" not in open(f"/proc/{w}/status", "rb").read().lower()
                   for w in workers)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
