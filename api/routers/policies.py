"""Policies: list with facets, one policy with its structure, citations and validity."""

from fastapi import APIRouter, Query

from ..deps import Service
from ..errors import translate

router = APIRouter(prefix="/policies", tags=["policies"])


@router.get("", summary="Policies, filtered by region, level, year, issuer, with facet counts")
def list_policies(service: Service, region: str | None = Query(None, description="region or province, e.g. 荆州市"),
    level: str | None = Query(None, pattern="^(province|city|county)$"),
    year: int | None = Query(None, ge=1949, le=2100),
    issuer: str | None = None,
    q: str | None = Query(None, description="words of the title or a 文号"),
    limit: int = Query(20, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> dict:
    return service.list_policies(region, level, year, issuer, q, limit, offset)


@router.get("/{policy_id:path}/document", summary="The policy as a document: every node with text and highlights")
def policy_document(service: Service, policy_id: str) -> dict:
    with translate():
        return service.policy_document(policy_id)


@router.get("/{policy_id:path}", summary="One policy: metadata, structure, citations in and out, validity")
def get_policy(service: Service, policy_id: str) -> dict:
    with translate():
        return service.get_policy(policy_id)
