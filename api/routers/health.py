"""GET /health: store in use, counts, version."""

from fastapi import APIRouter

from ..deps import Service

router = APIRouter(tags=["health"])


@router.get("/health", summary="Store in use, node and relationship counts, version")
def health(service: Service) -> dict:
    return service.health()
