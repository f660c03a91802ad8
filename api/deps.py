"""Dependencies the routers receive: the query service and the settings, from app state."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from policykg.graph.query_service import QueryService
from policykg.settings import Settings


def get_service(request: Request) -> QueryService:
    """The query service of this app."""
    return request.app.state.service


def get_settings(request: Request) -> Settings:
    """The settings this app was created with."""
    return request.app.state.settings


Service = Annotated[QueryService, Depends(get_service)]
"""The query service, as a route parameter type: ``def route(service: Service)``."""
