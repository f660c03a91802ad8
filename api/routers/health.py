"""GET /health: store in use, counts, version; and the store check every endpoint runs first."""

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from ..deps import Service
from ..errors import ApiError
from ..schemas.health import Health

router = APIRouter(tags=["health"])

UNAVAILABLE_DETAIL = ("Neo4j is unreachable. Start it with `policykg neo4j start` (or check NEO4J_URI); "
                      "the service reconnects by itself when it is back.")


async def store_available(request: Request) -> None:
    """Answer 503 at once when the store does not answer (a liveness check reused for a second),
    rather than let a request wait for Neo4j or answer from rows cached before it went away.
    Async: the reused answer costs no worker thread; only a new check (it may wait) runs in one."""
    opened = getattr(request.app.state, "opened", None)
    if opened is None:
        return
    ok = opened.known_available()
    if ok is None:
        ok = await run_in_threadpool(opened.available)
    if not ok:
        raise ApiError(503, "store_unavailable", UNAVAILABLE_DETAIL)


@router.get("/health", summary="Store in use, node and relationship counts, version", response_model=Health)
def health(service: Service) -> dict[str, Any]:
    return service.health()
