"""Settings reach the app: CORS only for the configured origins."""

from __future__ import annotations

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
