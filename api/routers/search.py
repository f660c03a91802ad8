"""Full-text search over clause text, with highlighted snippets, and name suggestions."""

from fastapi import APIRouter, Query

from ..deps import InForceOn, Service
from ..schemas.search import SearchResponse, SuggestResponse

router = APIRouter(tags=["search"])


@router.get("/search", summary="Clauses holding every word of q (jieba-cut, BM25-ranked), with snippets",
            response_model=SearchResponse)
def search(service: Service, q: str = Query(..., min_length=1, max_length=200),
           limit: int = Query(20, ge=1, le=200),
           region: str | None = Query(None, max_length=100, description="the policy's region or province"),
           year: int | None = Query(None, ge=1900, le=2100, description="the year of the policy's date"),
           instrument: str | None = Query(None, max_length=100, description="an instrument type code of the clause"),
           beneficiary: str | None = Query(None, max_length=100, description="a beneficiary type code of the clause"),
           in_force_on: str | None = InForceOn,
           ) -> dict:
    return service.search(q, limit, region=region, year=year, instrument=instrument, beneficiary=beneficiary,
                          in_force_on=in_force_on)


@router.get("/suggest", summary="Policies, departments, places and beneficiary types whose name contains q",
            response_model=SuggestResponse)
def suggest(service: Service, q: str = Query(..., min_length=1, max_length=100),
            limit: int = Query(10, ge=1, le=50)) -> dict:
    return service.suggest(q, limit)
