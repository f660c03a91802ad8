"""Compare: which bureau owns which incentive across cities."""

from typing import Literal

from fastapi import APIRouter, Query

from ..deps import Service

router = APIRouter(prefix="/compare", tags=["compare"])


@router.get("", summary="Cross-region matrix: functions (or instrument types) × regions")
def compare(service: Service, rows: Literal["function", "instrument_type"] = "function",
    regions: str | None = Query(None, description="comma-separated regions; default all"),
) -> dict:
    wanted = [r.strip() for r in regions.split(",") if r.strip()] if regions else None
    return service.compare(rows, wanted)
