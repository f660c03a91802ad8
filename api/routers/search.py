"""Full-text search over clause text, with highlighted snippets."""

from fastapi import APIRouter, Query

from ..deps import Service

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", summary="Clauses matching every term of q (Chinese full text), with snippets")
def search(service: Service, q: str = Query(..., min_length=1, max_length=200), limit: int = Query(20, ge=1, le=200)) -> dict:
    return service.search(q, limit)
