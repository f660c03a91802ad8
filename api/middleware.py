"""Guards in front of every route: the Host header must be a trusted one, bodies have a size cap.

Both answer in the API's one error shape. They are plain ASGI middleware, so they run before
routing and before any body is read.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_body


def host_name(host_header: str) -> str:
    """The name part of a Host header: ``[::1]:8000`` → ``[::1]``, ``Localhost:80`` → ``localhost``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.split(":", 1)[0]


def host_allowed(name: str, trusted: list[str]) -> bool:
    """Whether ``name`` matches one of ``trusted``: exact, ``*`` for any, ``*.example.org`` for subdomains."""
    for pattern in trusted:
        pattern = pattern.strip().lower()
        if pattern == "*" or pattern == name:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


class TrustedHostMiddleware:
    """Refuse (400) a request whose Host header is not trusted.

    A page on another site whose name is made to resolve to 127.0.0.1 (DNS rebinding) reaches a
    local server with its own name in the Host header; refusing unknown names keeps it out.
    """

    def __init__(self, app: ASGIApp, trusted_hosts: list[str]) -> None:
        self.app = app
        self.trusted = list(trusted_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
        name = host_name(header)
        if name and host_allowed(name, self.trusted):
            await self.app(scope, receive, send)
            return
        detail = (
            f"The Host header {header!r} is not one this server answers to "
            f"({', '.join(self.trusted) or 'none'}). Reach it by one of those names, or add the name "
            'you use to POLICYKG_TRUSTED_HOSTS (a JSON list, e.g. \'["policykg.example.org"]\'), '
            "for example when serving with --host 0.0.0.0."
        )
        await JSONResponse(error_body(400, "untrusted_host", detail), status_code=400)(scope, receive, send)


class BodyLimitMiddleware:
    """Refuse (413) a request body larger than ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _detail(self) -> str:
        return (f"The request body is larger than {self.max_bytes} bytes. Send a shorter query "
                "(or raise POLICYKG_MAX_BODY_BYTES).")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await JSONResponse(error_body(413, "body_too_large", self._detail()), status_code=413)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # raised inside the app: its exception handlers answer in the one shape
                    raise HTTPException(413, self._detail())
            return message

        await self.app(scope, counted, send)
