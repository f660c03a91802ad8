"""GET /health: store in use, counts, version; and the store check every endpoint runs first."""

from typing import Any

from fastapi import APIRouter, Request

from ..deps import Service
from ..errors import ApiError
from ..schemas.health import Health

router = APIRouter(tags=["health"])

UNAVAILABLE_DETAIL = ("Neo4j is unreachable. Start it with `policykg neo4j start` (or check NEO4J_URI); "
                      "the service reconnects by itself when it is back.")


def store_available(request: Request) -> None:
    """Answer 503 at once when the store does not answer (a liveness check reused for a second),
    rather than let a request wait for Neo4j or answer from rows cached before it went away."""
    opened = getattr(request.app.state, "opened", None)
    if opened is not None and not opened.available():
        raise ApiError(503, "store_unavailable", UNAVAILABLE_DETAIL)


@router.get("/health", summary="Store in use, node and relationship counts, version", response_model=Health)
def health(service: Service) -> dict[str, Any]:
    return service.health()
