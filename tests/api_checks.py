"""Checks of the API shared by the tests of a store going away."""

from __future__ import annotations

import time

ANSWER_WITHIN_S = 2.0


def endpoints(app) -> list[tuple[str, str]]:
    """(method, url) of every API endpoint, path parameters filled in, required queries given."""
    out = []
    for path, item in app.openapi()["paths"].items():
        for method, spec in item.items():
            url = path
            query = []
            for param in spec.get("parameters", []):
                if param["in"] == "path":
                    url = url.replace("{" + param["name"] + "}", "x")
                elif param.get("required"):
                    query.append(f"{param['name']}=科技")
            out.append((method.upper(), url + ("?" + "&".join(query) if query else "")))
    return out


def assert_every_endpoint_503_fast(client, app) -> None:
    for method, url in endpoints(app):
        started = time.monotonic()
        r = client.request(method, url, json={"query": "RETURN 1"} if method == "POST" else None)
        took = time.monotonic() - started
        assert r.status_code == 503, (url, r.status_code, r.text)
        assert r.json()["error"] == "store_unavailable" and "policykg neo4j start" in r.json()["detail"]
        assert took < ANSWER_WITHIN_S, (url, took)
