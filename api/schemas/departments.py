"""Response models of the department list and of one department."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from .instruments import InstrumentRow


class DepartmentItem(BaseModel):
    """A department with its region and how many clauses it leads and co-owns."""

    id: str
    canonical: str | None
    names: list[str]
    function: str | None
    function_zh: str | None
    kind: str | None
    region: str | None
    lead_count: int | None
    co_count: int | None


def _date() -> Any:
    return Field(None, description="the date asked for, when one was")


class DepartmentList(BaseModel):
    items: list[DepartmentItem]
    total: int
    limit: int
    offset: int
    in_force_on: str | None = _date()


class Partner(DepartmentItem):
    """A department responsible for some of the same provisions."""

    shared_provisions: int


class DepartmentClause(BaseModel):
    id: str
    label: str | None
    heading: str | None
    policy_id: str | None
    policy_title: str | None
    lead: bool


class DepartmentDetail(BaseModel):
    """One department: what it leads and co-owns by type, its clauses, counterparts and partners."""

    department: dict[str, Any]
    leads: dict[str, list[InstrumentRow]]
    co_owns: dict[str, list[InstrumentRow]]
    lead_counts: dict[str, int]
    co_counts: dict[str, int]
    clauses: list[DepartmentClause]
    clause_total: int = Field(description="the clauses it is responsible for (lead and co), over every page")
    lead_clause_count: int = Field(description="of which it leads")
    co_clause_count: int = Field(description="of which it is co-responsible for")
    policy_count: int = Field(description="the policies those clauses belong to")
    region_count: int = Field(description="the regions of those policies")
    counterparts: list[DepartmentItem]
    partners: list[Partner]
    in_force_on: str | None = _date()


class DepartmentClausePage(BaseModel):
    """A page of a department's clauses, in the order of its answer's ``clauses``."""

    items: list[DepartmentClause]
    total: int
    limit: int
    offset: int
    in_force_on: str | None = _date()
