"""Instruments: filter by type, category, beneficiary, region, function, rate and cap ranges."""

from typing import Literal

from fastapi import APIRouter, Query

from ..answer_response import AnswerResponse
from ..deps import InForceOn, Service
from ..schemas.instruments import InstrumentPage

router = APIRouter(prefix="/instruments", tags=["instruments"])


@router.get("", summary="Incentive instruments with their numbers, filtered and sorted", response_model=InstrumentPage,
             response_class=AnswerResponse)
def list_instruments(service: Service, type: str | None = Query(None, description="instrument type code, e.g. reward"),
    category: Literal["supply", "environment", "demand"] | None = None,
    beneficiary: str | None = Query(None, description="beneficiary type code, e.g. enterprise"),
    region: str | None = None,
    function: str | None = Query(None, description="function of the department leading the provision"),
    department: str | None = Query(None, description="id of the department leading the provision, e.g. dept:荆州市科学技术局"),
    include_co: bool = Query(False, description="function / department: also the units co-responsible for it"),
    role: Literal["lead", "co", "any"] | None = Query(
        None, description="function / department: lead units only (default), co-responsible only, or any"),
    min_rate: float | None = Query(None, ge=0, le=100),
    max_rate: float | None = Query(None, ge=0, le=100),
    min_cap: float | None = Query(None, ge=0, description="yuan"),
    max_cap: float | None = Query(None, ge=0, description="yuan"),
    sort: Literal["cap", "rate"] | None = None,
    order: Literal["asc", "desc"] = "desc",
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    in_force_on: str | None = InForceOn,
) -> AnswerResponse:
    return AnswerResponse(service.list_instruments(type, category, beneficiary, region, function, min_rate, max_rate,
                                                   min_cap, max_cap, sort, order, limit, offset, department,
                                                   include_co, role, in_force_on))
