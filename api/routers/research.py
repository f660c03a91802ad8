"""Researchers' views: instrument mix, co-responsibility network, diffusion of a provision."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from ...graph.research import DEFAULT_PAIRS, MAX_PAIRS, ResearchInputError, ResearchService
from ..deps import InForceOn
from ..errors import ApiError
from ..schemas.research import CoResponsibility, Diffusion, InstrumentMix

router = APIRouter(prefix="/research", tags=["research"])


def get_research(request: Request) -> ResearchService:
    """The research service of this app."""
    return request.app.state.research


Research = Annotated[ResearchService, Depends(get_research)]
RegionsParam = Query(None, max_length=2000, description="comma-separated region names; default every region")
InForceParam = InForceOn  # one parameter, one check (graph/validity.py) for every dated view


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except ResearchInputError as exc:
        raise ApiError(422, "invalid_parameter", str(exc)) from exc


def _split(regions: str | None) -> list[str] | None:
    return [r for r in regions.split(",") if r.strip()] if regions else None


@router.get("/instrument-mix", summary="Per region: supply / environment / demand shares and counts by instrument type",
            response_model=InstrumentMix)
def instrument_mix(research: Research, regions: str | None = RegionsParam,
                   in_force_on: str | None = InForceParam) -> dict[str, Any]:
    with _refusals():
        return research.instrument_mix(_split(regions), in_force_on)


@router.get("/co-responsibility", summary="Departments linked by the provisions they share: degree, betweenness, communities",
            response_model=CoResponsibility)
def co_responsibility(research: Research, regions: str | None = RegionsParam,
                      in_force_on: str | None = InForceParam,
                      limit: int = Query(DEFAULT_PAIRS, ge=1, le=MAX_PAIRS, description="strongest links kept")) -> dict[str, Any]:
    with _refusals():
        return research.co_responsibility(_split(regions), in_force_on, limit)


@router.get("/diffusion/{clause_id:path}", summary="A provision and its similar provisions in other policies, by date",
            response_model=Diffusion)
def diffusion(research: Research, clause_id: str,
              depth: int = Query(2, ge=1, le=2, description="steps of similarity followed")) -> dict[str, Any]:
    with _refusals():
        answer = research.diffusion(clause_id, depth)
    if answer is None:
        raise ApiError(404, "not_found", f"No clause {clause_id!r}. Find clause ids with GET /api/v1/search?q=… "
                       "or in a policy's structure (GET /api/v1/policies/{id}).")
    return answer
