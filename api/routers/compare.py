"""Compare: which bureau owns which incentive across cities."""

from typing import Literal

from fastapi import APIRouter, Query

from ...graph.query_service import COMPARE_CELL_LIMIT
from ..deps import Service

router = APIRouter(prefix="/compare", tags=["compare"])


@router.get("", summary="Cross-region matrix: functions (or instrument types) × regions")
def compare(service: Service, rows: Literal["function", "instrument_type"] = "function",
    regions: str | None = Query(None, description="comma-separated regions; default all"),
    cell_limit: int = Query(COMPARE_CELL_LIMIT, ge=1, le=1000,
                            description="instruments listed per cell, those with a rate, cap or amount first; `totals` counts them all"),
) -> dict:
    wanted = [r.strip() for r in regions.split(",") if r.strip()] if regions else None
    return service.compare(rows, wanted, cell_limit)
