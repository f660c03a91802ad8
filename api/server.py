"""Serving the app with uvicorn, the one error shape included.

A request uvicorn cannot parse as HTTP (a malformed request line, a bad or oversized header)
never reaches the app: uvicorn answers it itself, in plain text. ``JsonErrorHttpToolsProtocol``
(httptools' C parser, the fast one) and ``JsonErrorH11Protocol`` (pure Python, where httptools
is not installed) answer those in the API's error shape too; ``serve`` runs uvicorn with the
first available, on uvloop's event loop when it is installed.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools not installed: the h11 protocol serves
    HttpToolsProtocol = None  # type: ignore[assignment,misc]

BAD_REQUEST_DETAIL = (
    "The request is not valid HTTP ({reason}); the server could not read it. Check the request line "
    "and headers (see /docs for every endpoint)."
)


def bad_request_body(reason: str) -> bytes:
    """The error-shape JSON for a request that could not be parsed."""
    detail = BAD_REQUEST_DETAIL.format(reason=reason.rstrip(".") or "unreadable")
    return json.dumps({"error": "bad_request", "detail": detail, "status": 400}).encode("utf-8")


class JsonErrorH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering unparseable requests in the API's error shape."""

    def send_400_response(self, msg: str) -> None:
        body = bad_request_body(msg)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"connection", b"close"),
        ]
        for data in (
            self.conn.send(h11.Response(status_code=400, headers=headers, reason=b"Bad Request")),
            self.conn.send(h11.Data(data=body)),
            self.conn.send(h11.EndOfMessage()),
        ):
            self.transport.write(data)
        self.transport.close()


def _status_400_bytes(msg: str, default_headers: list[tuple[bytes, bytes]]) -> bytes:
    """A whole 400 response in the error shape, as bytes on the wire."""
    body = bad_request_body(msg)
    head = [b"HTTP/1.1 400 Bad Request\r\n"]
    for name, value in default_headers:
        head += [name, b": ", value, b"\r\n"]
    head += [b"content-type: application/json\r\n", b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
             b"connection: close\r\n\r\n"]
    return b"".join(head) + body


if HttpToolsProtocol is not None:
    class JsonErrorHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol, answering unparseable requests in the API's error shape."""

        def send_400_response(self, msg: str) -> None:
            self.transport.write(_status_400_bytes(msg, self.server_state.default_headers))
            self.transport.close()


def http_protocol() -> type:
    """The HTTP protocol ``serve`` uses: httptools' parser when installed, else h11's; both answer
    unparseable requests in the error shape."""
    return JsonErrorH11Protocol if HttpToolsProtocol is None else JsonErrorHttpToolsProtocol


def event_loop() -> str:
    """uvloop when installed (a faster event loop), else asyncio's."""
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return "asyncio"
    return "uvloop"


def uvicorn_config(app, host: str, port: int, log_level: str = "info"):
    """uvicorn's settings for ``app``: the error-shape protocol above, on the fastest loop installed."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level=log_level, http=http_protocol(), loop=event_loop())


def serve(app, host: str, port: int) -> None:
    """Serve ``app`` until interrupted."""
    import uvicorn

    uvicorn.Server(uvicorn_config(app, host, port)).run()


def serve_workers(host: str, port: int, workers: int) -> None:
    """Serve the app of ``create_app()`` (settings from the environment) in ``workers`` processes
    sharing the port, until interrupted."""
    import uvicorn

    uvicorn.run("policykg.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                http=http_protocol(), loop=event_loop(), log_level="info")
