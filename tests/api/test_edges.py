"""The API's edges: trusted Host names, the console's API key, body size, 404/405, and an
OpenAPI document that lists every error an operation can answer."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from policykg.api.middleware import host_allowed, host_name
from policykg.settings import Settings

SHAPE = {"error", "detail", "status"}


def _client(opened, **settings) -> TestClient:
    from policykg.api.app import create_app

    return TestClient(create_app(Settings(**settings), opened=opened), raise_server_exceptions=False)


def _error(response, status: int, error: str) -> str:
    body = response.json()
    assert response.status_code == status and set(body) == SHAPE, response.text
    assert body["status"] == status and body["error"] == error, body
    return body["detail"]


@pytest.mark.parametrize("header, name", [
    ("localhost:8000", "localhost"), ("LocalHost", "localhost"), ("[::1]:8000", "[::1]"),
    ("127.0.0.1", "127.0.0.1"), ("policykg.example.org:443", "policykg.example.org"),
])
def test_host_name_drops_the_port(header, name):
    assert host_name(header) == name


def test_host_patterns():
    assert host_allowed("a.example.org", ["*.example.org"]) and not host_allowed("example.org.evil", ["*.example.org"])
    assert host_allowed("anything", ["*"]) and not host_allowed("localhost.evil.com", ["localhost"])


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000"])
def test_local_names_are_answered(embedded_client, host):
    assert embedded_client.get("/api/v1/health", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/health", "/", "/docs", "/static/app.js", "/nowhere"])
def test_a_rebinding_host_is_refused_everywhere_naming_the_setting(embedded_client, path):
    detail = _error(embedded_client.get(path, headers={"Host": "attacker.example:8000"}), 400, "untrusted_host")
    assert "POLICYKG_TRUSTED_HOSTS" in detail and "attacker.example" in detail


def test_trusted_hosts_come_from_the_environment(embedded_app_store, monkeypatch):
    monkeypatch.setenv("POLICYKG_TRUSTED_HOSTS", '["policykg.example.org", "*.lab.example.org"]')
    client = _client(embedded_app_store)
    assert client.get("/api/v1/health", headers={"Host": "policykg.example.org"}).status_code == 200
    assert client.get("/api/v1/health", headers={"Host": "gpu1.lab.example.org:8000"}).status_code == 200
    _error(client.get("/api/v1/health", headers={"Host": "localhost"}), 400, "untrusted_host")


def test_unknown_path_and_wrong_method_answer_in_the_shape(embedded_client):
    assert "/docs" in _error(embedded_client.get("/api/v1/nothing-here"), 404, "not_found")
    r = embedded_client.delete("/api/v1/policies")
    _error(r, 405, "method_not_allowed")
    assert "GET" in r.headers["allow"]
    r = embedded_client.delete("/api/v1/cypher")  # two routes on one path: both methods allowed
    _error(r, 405, "method_not_allowed")
    assert r.headers["allow"] == "GET, POST"
    r = embedded_client.post("/static/app.js")
    _error(r, 405, "method_not_allowed")
    assert r.headers["allow"] == "GET, HEAD"


def test_an_unknown_query_parameter_is_named_not_ignored(embedded_client):
    detail = _error(embedded_client.get("/api/v1/policies", params={"regoin": "荆州市"}), 422, "invalid_parameter")
    assert "'regoin'" in detail and "region" in detail
    _error(embedded_client.get("/api/v1/health", params={"x": "1"}), 422, "invalid_parameter")
    assert embedded_client.get("/api/v1/policies", params={"region": "荆州市", "limit": 5}).status_code == 200


def test_a_body_over_the_cap_answers_413(embedded_app_store):
    client = _client(embedded_app_store, max_body_bytes=1000)
    query = {"query": "MATCH (n) RETURN n LIMIT 1", "params": {"pad": "x" * 2000}}
    assert "POLICYKG_MAX_BODY_BYTES" in _error(client.post("/api/v1/cypher", json=query), 413, "body_too_large")

    def chunks():  # no Content-Length: counted as it streams
        for _ in range(5):
            yield b" " * 400

    r = client.post("/api/v1/cypher", content=chunks(), headers={"Content-Type": "application/json"})
    _error(r, 413, "body_too_large")


def test_without_a_key_configured_the_console_needs_none(embedded_app_store):
    client = _client(embedded_app_store)
    _error(client.post("/api/v1/cypher", json={"query": "RETURN 1"}), 501, "cypher_needs_neo4j")
    operation = client.get("/openapi.json").json()["paths"]["/api/v1/cypher"]["post"]
    assert "security" not in operation


def test_with_a_key_the_console_answers_401_without_it(embedded_app_store):
    client = _client(embedded_app_store, api_key="s3cret-key")
    for headers in ({}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0"}):
        r = client.post("/api/v1/cypher", json={"query": "RETURN 1"}, headers=headers)
        assert "X-API-Key" in _error(r, 401, "unauthorized")
        assert r.headers["www-authenticate"] == "Bearer"
    # an unauthenticated request learns nothing else, not even that its body is invalid
    _error(client.post("/api/v1/cypher", json={}), 401, "unauthorized")
    for headers in ({"X-API-Key": "s3cret-key"}, {"Authorization": "Bearer s3cret-key"}):
        r = client.post("/api/v1/cypher", json={"query": "RETURN 1"}, headers=headers)
        _error(r, 501, "cypher_needs_neo4j")  # past the key check
    assert client.get("/api/v1/health").status_code == 200  # the read endpoints stay open


def test_openapi_documents_the_key_and_every_error(embedded_app_store):
    doc = _client(embedded_app_store, api_key="k").get("/openapi.json").json()
    schemes = doc["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {**schemes["ApiKey"], "type": "apiKey", "in": "header", "name": "X-API-Key"}
    assert schemes["Bearer"]["scheme"] == "bearer"
    console = doc["paths"]["/api/v1/cypher"]["post"]
    assert console["security"] == [{"ApiKey": []}, {"Bearer": []}]
    assert {"200", "400", "401", "408", "413", "422", "429", "501", "503"} <= set(console["responses"])
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"400", "422", "503"} <= codes, (method, path, codes)
            for code in codes - {"200"}:
                ref = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorBody"), (path, code)


@pytest.mark.neo4j
def test_the_key_guards_the_console_on_neo4j(neo4j_app_store):
    client = _client(neo4j_app_store, api_key="s3cret-key")
    _error(client.post("/api/v1/cypher", json={"query": "MATCH (p:Policy) RETURN count(p) AS n"}), 401, "unauthorized")
    r = client.post("/api/v1/cypher", json={"query": "MATCH (p:Policy) RETURN count(p) AS n"},
                    headers={"Authorization": "Bearer s3cret-key"})
    assert r.status_code == 200 and r.json()["rows"][0][0] > 0, r.text
