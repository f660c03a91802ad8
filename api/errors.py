"""One error shape for every failure: ``{"error", "detail", "status"}``.

``detail`` always says what to do next.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from policykg.errors import PolicykgError, describe_unexpected

from .schemas.common import ErrorBody

log = logging.getLogger("policykg.api")


_CODES = {
    400: "Bad request: a Host header not in POLICYKG_TRUSTED_HOSTS (`untrusted_host`), or for the console "
         "a query that is not read-only (`cypher_refused`)",
    401: "The console needs the API key (POLICYKG_API_KEY is set): send it as X-API-Key or Authorization: Bearer",
    404: "Unknown id or endpoint",
    408: "The query ran longer than POLICYKG_CYPHER_TIMEOUT_S",
    413: "Request body larger than POLICYKG_MAX_BODY_BYTES",
    422: "Invalid parameter",
    429: "Too many console queries: wait and retry",
    500: "Unexpected error",
    501: "The console needs the Neo4j store",
    503: "Neo4j unreachable",
}


def responses(*codes: int) -> dict[int | str, dict]:
    """OpenAPI ``responses`` for the given error codes, each with the one error body."""
    return {code: {"model": ErrorBody, "description": _CODES[code]} for code in codes}


ERROR_RESPONSES = responses(400, 404, 422, 500, 503)
"""The errors every read endpoint can answer."""

CONSOLE_RESPONSES = responses(400, 401, 408, 413, 422, 429, 500, 501, 503)
"""The errors the Cypher console can answer."""


class ApiError(PolicykgError):
    """An error of the API layer itself (a refused header, an unknown parameter, a missing key),
    with its status and code given where it is raised rather than by its class."""

    def __init__(self, status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self._headers = headers or {}

    def headers(self) -> dict[str, str]:
        return dict(self._headers)


def not_found(kind: str, ident: str, hint: str) -> ApiError:
    """A 404 for an unknown id, with where to find valid ids."""
    return ApiError(404, "not_found", f"No {kind} with id {ident!r}. {hint}")


def error_body(status: int, error: str, detail: str) -> dict:
    """The one error shape, as a dict."""
    return {"error": error, "detail": detail, "status": status}


def _json(status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, error, detail), status_code=status, headers=headers)


_HTTP_NAMES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               413: "body_too_large"}


_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> str:
    """Every method some route of the app answers on the request's path, for a 405's ``Allow``."""
    from starlette.routing import Match

    allowed = []
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return ", ".join(allowed)


def install_error_handlers(app: FastAPI) -> None:
    """Route every failure through the one error shape."""

    @app.exception_handler(PolicykgError)
    async def _policykg_error(_: Request, exc: PolicykgError) -> JSONResponse:
        # the one place a policykg error becomes an answer: its class carries status and code
        return _json(exc.status, exc.error, exc.detail, exc.headers() or None)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where or 'request'}: {e.get('msg')}")
        return _json(422, "invalid_parameter", "; ".join(parts) + ". See /docs for the allowed values.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        headers = dict(exc.headers or {})
        if exc.status_code == 404 and detail == "Not Found":
            detail = "No such endpoint. The API is under /api/v1; see /docs for every endpoint."
        elif exc.status_code == 405:
            # Starlette names the methods of the first route on the path only; a path served by
            # several routes (GET and POST /cypher) allows them all. The static folders raise a
            # bare 405: they answer GET and HEAD.
            headers["Allow"] = allowed_methods(request) or headers.get("Allow") or "GET, HEAD"
            detail = (f"{request.method} is not allowed here; use {headers['Allow']}. "
                      "See /docs for every endpoint and its method.")
        return _json(exc.status_code, _HTTP_NAMES.get(exc.status_code, "http_error"), detail, headers or None)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError

        if isinstance(exc, (ServiceUnavailable, SessionExpired, ConnectionError, OSError)):
            return _json(
                503,
                "store_unavailable",
                "Neo4j is unreachable. Start it with `policykg neo4j start` (or check NEO4J_URI); "
                "the service reconnects by itself when it is back.",
            )
        if isinstance(exc, TransientError):  # e.g. the server's transaction memory is taken by other reads
            log.warning("Neo4j could not answer for now: %s", exc.message)
            return _json(
                503,
                "store_busy",
                f"Neo4j could not answer for now ({exc.code}): retry in a moment. If it keeps happening "
                "under load, give its transactions more memory (db.memory.transaction.total.max; "
                "POLICYKG_NEO4J_TX_MEMORY_TOTAL for `policykg neo4j start`).",
                {"Retry-After": "1"},
            )
        log.exception("unexpected error")
        return _json(500, "internal", describe_unexpected(exc))
