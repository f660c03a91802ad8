"""Regions: every region the policies apply to, with its province, for pickers."""

from fastapi import APIRouter

from ..deps import Service
from ..schemas.regions import RegionList

router = APIRouter(prefix="/regions", tags=["regions"])


@router.get("", summary="Every region with its province and policy count, grouped by province",
            response_model=RegionList)
def list_regions(service: Service) -> dict:
    return service.list_regions()
