"""Helpers of the API tests: the app served by uvicorn, and the checks of a store going away."""

from __future__ import annotations

import threading
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


class Served:
    """The app served by uvicorn on a free port in a background thread."""

    def __init__(self, app, http: type | None = None) -> None:
        import socket

        import uvicorn

        from policykg.api.server import uvicorn_config

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        config = uvicorn_config(app, "127.0.0.1", self.port, log_level="warning")
        if http is not None:  # another HTTP protocol than serve's
            config.http = http
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "the app did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *_) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
