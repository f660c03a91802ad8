"""Dependencies the routers receive: the query service and the settings, from app state;
and the API-key check the Cypher console sits behind."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from policykg.graph.query_service import QueryService
from policykg.settings import Settings

from .errors import ApiError


async def get_service(request: Request) -> QueryService:
    """The query service of this app (async: a dependency that never waits runs on the event loop,
    not in a worker thread)."""
    return request.app.state.service


def get_settings(request: Request) -> Settings:
    """The settings this app was created with."""
    return request.app.state.settings


Service = Annotated[QueryService, Depends(get_service)]
"""The query service, as a route parameter type: ``def route(service: Service)``."""

InForceOn = Query(None, min_length=10, max_length=40, json_schema_extra={"format": "date"},
                  description="only policies in force on this date (YYYY-MM-DD): started on or before it and not "
                  "ended before it; policies with no known dates are left out (docs/api.md, Validity)")
"""The ``in_force_on`` query parameter every dated view takes; the query service checks the date."""


api_key_header = APIKeyHeader(
    name="X-API-Key", scheme_name="ApiKey", auto_error=False,
    description="The key set in POLICYKG_API_KEY (needed by the Cypher console when it is set).",
)
bearer_token = HTTPBearer(
    scheme_name="Bearer", auto_error=False,
    description="The same key as `Authorization: Bearer <key>`.",
)


def require_api_key(
    request: Request,
    header_key: Annotated[str | None, Security(api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_token)],
) -> None:
    """Let the request through only with the configured API key (when one is configured).

    The key comes as ``X-API-Key`` or ``Authorization: Bearer``; it is compared in constant
    time, so the answer's timing tells nothing about how much of a guess was right.
    """
    expected = get_settings(request).api_key
    if not expected:
        return
    given = header_key or (bearer.credentials if bearer else None)
    if given is not None and secrets.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        return
    raise ApiError(
        401, "unauthorized",
        ("The API key is wrong. " if given is not None else "This endpoint needs the API key. ")
        + "Send the key set in POLICYKG_API_KEY on the server as the X-API-Key header "
        "(or as Authorization: Bearer <key>); ask whoever runs the server for it.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def _query_names(dependant) -> set[str]:
    """The query parameter names a route (with its dependencies) declares; a parameter model
    (``Annotated[Filters, Query()]``) contributes the names of its fields."""
    names: set[str] = set()
    for field in dependant.query_params:
        model = field.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            names |= {info.alias or name for name, info in model.model_fields.items()}
        else:
            names.add(field.alias)
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


_QUERY_NAMES: dict[Any, frozenset[str]] = {}


def _route_query_names(route: Any) -> frozenset[str]:
    """``_query_names`` of a route, worked out once per endpoint function (its parameters are
    its signature's and its routers'; routes themselves are not hashable)."""
    names = _QUERY_NAMES.get(route.endpoint)
    if names is None:
        names = _QUERY_NAMES[route.endpoint] = frozenset(_query_names(route.dependant))
    return names


async def reject_unknown_query(request: Request) -> None:
    """Refuse (422) query parameters the endpoint does not take, so a misspelt filter
    (``?regoin=``) is reported instead of silently answering unfiltered."""
    if not request.query_params:
        return
    route = request.scope.get("route")
    allowed = _route_query_names(route) if route is not None else set()
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise ApiError(
            422, "invalid_parameter",
            f"Unknown query parameter {', '.join(repr(u) for u in unknown)}; this endpoint takes "
            f"{', '.join(sorted(allowed)) or 'none'}. See /docs for the allowed values.",
        )
