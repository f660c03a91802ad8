"""Serving: a request uvicorn cannot parse still gets the API's error shape, with either HTTP
protocol (httptools' parser, which ``serve`` uses when installed, and h11's)."""

from __future__ import annotations

import json
import socket

import pytest
from api_checks import Served
from fastapi import FastAPI

from policykg.api.server import JsonErrorH11Protocol, JsonErrorHttpToolsProtocol, http_protocol

PROTOCOLS = pytest.mark.parametrize("protocol", [JsonErrorHttpToolsProtocol, JsonErrorH11Protocol],
                                    ids=["httptools", "h11"])

SHAPE = {"error", "detail", "status"}


def _raw(url: str, request: bytes) -> tuple[bytes, dict[str, str], bytes]:
    """Send ``request`` as raw bytes; the status line, headers and body of the answer."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    headers = {k.decode().lower(): v.decode().strip() for k, _, v in (line.partition(b":") for line in lines)}
    return status, headers, body


@pytest.mark.parametrize("request_bytes", [
    b"GARBAGE\r\n\r\n",                                                    # no request line
    b"GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",  # a header without a colon
    b"POST /api/v1/cypher HTTP/1.1\r\nHost: localhost\r\nContent-Length: many\r\n\r\n",  # not a number
])
@PROTOCOLS
def test_an_unparseable_request_is_answered_in_the_error_shape(request_bytes, protocol):
    with Served(FastAPI(), http=protocol) as url:
        status, headers, body = _raw(url, request_bytes)
    assert status.startswith(b"HTTP/1.1 400")
    assert headers["content-type"] == "application/json" and int(headers["content-length"]) == len(body)
    answer = json.loads(body)
    assert set(answer) == SHAPE and answer["status"] == 400 and answer["error"] == "bad_request"
    assert "not valid HTTP" in answer["detail"]


@PROTOCOLS
def test_a_valid_request_reaches_the_app(protocol):
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict:
        return {"pong": True}

    with Served(app, http=protocol) as url:
        status, _, body = _raw(url, b"GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 200") and json.loads(body) == {"pong": True}


def test_serve_uses_the_c_parser_when_it_is_installed():
    assert http_protocol() is JsonErrorHttpToolsProtocol


def test_a_process_serving_the_embedded_store_imports_no_library_it_does_not_use(tmp_path):
    """Serving the embedded store (search included) needs neither the Neo4j driver, nor datasketch
    and the scipy it brings (similar clauses are computed by loads), nor jieba's keyword and
    part-of-speech tables (read by extraction): together about 125 MB a server does not hold."""
    import subprocess
    import sys

    script = (
        "import sys\nfrom pathlib import Path\nfrom fastapi.testclient import TestClient\n"
        "from policykg.api.app import create_app\nfrom policykg.graph.embedded_store import EmbeddedStore\n"
        "from policykg.settings import Settings\nfrom policykg.stores import OpenStore\n"
        f"store = EmbeddedStore.open(Path({str(tmp_path)!r}) / 'graph')\n"
        "app = create_app(Settings(), opened=OpenStore('embedded', store))\n"
        "with TestClient(app) as client:\n"
        "    assert client.get('/api/v1/search', params={'q': '科技成果转化'}).status_code == 200\n"
        "    assert client.get('/api/v1/policies').status_code == 200\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('neo4j', 'datasketch', 'scipy')\n"
        "             or m.startswith(('jieba.analyse', 'jieba.posseg'))))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180,
                         env={**__import__("os").environ, "POLICYKG_DATA_DIR": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr[-2000:]
