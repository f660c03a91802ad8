"""One error shape for every failure: ``{"error", "detail", "status"}``.

``detail`` always says what to do next.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("policykg.api")


class ErrorBody(BaseModel):
    """The one shape of every error answer."""

    error: str
    detail: str
    status: int


ERROR_RESPONSES = {
    code: {"model": ErrorBody, "description": text}
    for code, text in ((404, "Unknown id or endpoint"), (422, "Invalid parameter"), (503, "Neo4j unreachable"))
}


class ApiError(Exception):
    """An error the API reports to its caller."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail


def not_found(kind: str, ident: str, hint: str) -> ApiError:
    """A 404 for an unknown id, with where to find valid ids."""
    return ApiError(404, "not_found", f"No {kind} with id {ident!r}. {hint}")


def error_body(status: int, error: str, detail: str) -> dict:
    return {"error": error, "detail": detail, "status": status}


def _json(status: int, error: str, detail: str) -> JSONResponse:
    return JSONResponse(error_body(status, error, detail), status_code=status)


_HTTP_NAMES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}


def install_error_handlers(app: FastAPI) -> None:
    """Route every failure through the one error shape."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _json(exc.status, exc.error, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where or 'request'}: {e.get('msg')}")
        return _json(422, "invalid_parameter", "; ".join(parts) + ". See /docs for the allowed values.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = "No such endpoint. The API is under /api/v1; see /docs for every endpoint."
        return _json(exc.status_code, _HTTP_NAMES.get(exc.status_code, "http_error"), detail)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired

        if isinstance(exc, (ServiceUnavailable, SessionExpired, ConnectionError, OSError)):
            return _json(
                503,
                "store_unavailable",
                "Neo4j is unreachable. Start it with `policykg neo4j start` (or check NEO4J_URI); "
                "the service reconnects by itself when it is back.",
            )
        log.exception("unexpected error")
        return _json(500, "internal", f"Unexpected error ({type(exc).__name__}). Please report it with the request.")


@contextmanager
def translate() -> Iterator[None]:
    """Turn the query service's exceptions into API errors."""
    from policykg.graph.query_service import NotFound

    try:
        yield
    except NotFound as exc:
        raise ApiError(404, "not_found", str(exc)) from exc
