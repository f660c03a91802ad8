"""Serving the app with uvicorn, the one error shape included.

A request uvicorn cannot parse as HTTP (a malformed request line, a bad or oversized header)
never reaches the app: uvicorn answers it itself, in plain text. ``JsonErrorH11Protocol``
answers those in the API's error shape too. ``serve`` runs uvicorn with it.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

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


def uvicorn_config(app, host: str, port: int, log_level: str = "info"):
    """uvicorn's settings for ``app``: the h11 protocol above, whatever else is installed."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level=log_level, http=JsonErrorH11Protocol)


def serve(app, host: str, port: int) -> None:
    """Serve ``app`` until interrupted."""
    import uvicorn

    uvicorn.Server(uvicorn_config(app, host, port)).run()


def serve_workers(host: str, port: int, workers: int) -> None:
    """Serve the app of ``create_app()`` (settings from the environment) in ``workers`` processes
    sharing the port, until interrupted."""
    import uvicorn

    uvicorn.run("policykg.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                http=JsonErrorH11Protocol, log_level="info")
