"""Response models of the instrument lists (and the instrument rows other answers embed)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .common import DepartmentRef, InstrumentRow

__all__ = ["DepartmentRef", "InstrumentPage", "InstrumentRow"]


class InstrumentPage(BaseModel):
    """A page of instruments and how many match."""

    items: list[InstrumentRow]
    total: int
    limit: int
    offset: int
    in_force_on: str | None = Field(None, description="the date asked for, when one was")
