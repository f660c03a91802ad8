"""Response model of the region list."""

from __future__ import annotations

from pydantic import BaseModel


class RegionItem(BaseModel):
    """A region some policy applies to, its province and how many policies apply there."""

    name: str
    province: str | None
    policies: int


class RegionList(BaseModel):
    """Every region, grouped by province (the province first, then its regions by name)."""

    items: list[RegionItem]
    total: int
