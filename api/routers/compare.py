"""Compare: which bureau owns which incentive across cities."""

from typing import Literal

from fastapi import APIRouter, Query

from ...graph.query_service import COMPARE_CELL_LIMIT, COMPARE_ROW_LIMIT
from ..answer_response import AnswerResponse
from ..deps import InForceOn, Service
from ..schemas.compare import CompareCell, CompareMatrix

router = APIRouter(prefix="/compare", tags=["compare"])

RowKind = Literal["function", "instrument_type"]
_INCLUDE_CO = Query(False, description="also count the units co-responsible for a provision, not only its lead unit")


@router.get("", summary="Cross-region matrix: functions (or instrument types) × regions",
            response_model=CompareMatrix, response_class=AnswerResponse)
def compare(service: Service, rows: RowKind = "function",
    regions: str | None = Query(None, description="comma-separated regions; default the 8 with most policies"),
    cell_limit: int = Query(COMPARE_CELL_LIMIT, ge=1, le=1000,
                            description="instruments listed per cell, those with a rate, cap or amount first; `totals` counts them all"),
    include_co: bool = _INCLUDE_CO,
    row_limit: int = Query(COMPARE_ROW_LIMIT, ge=1, le=1000, description="rows per page; `row_total` counts them all"),
    row_offset: int = Query(0, ge=0),
    codes: str | None = Query(None, description="comma-separated row codes to keep (e.g. science_tech,finance); default every row"),
    row_order: Literal["code", "count"] = Query(
        "count", description="the rows holding most instruments across the columns first (then by code), or by code"),
    in_force_on: str | None = InForceOn,
) -> AnswerResponse:
    wanted = [r.strip() for r in regions.split(",") if r.strip()] if regions else None
    keep = [c.strip() for c in codes.split(",") if c.strip()] if codes else None
    return AnswerResponse(service.compare(rows, wanted, cell_limit, include_co, row_limit, row_offset, keep, row_order,
                                          in_force_on))


@router.get("/cell", summary="Every instrument of one cell of the matrix, a page at a time",
            response_model=CompareCell, response_class=AnswerResponse)
def compare_cell(service: Service, code: str = Query(..., description="the row: a function or instrument type code"),
    region: str = Query(..., description="the column"), rows: RowKind = "function", include_co: bool = _INCLUDE_CO,
    limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0), in_force_on: str | None = InForceOn,
) -> AnswerResponse:
    return AnswerResponse(service.compare_cell(rows, code, region, include_co, limit, offset, in_force_on))
