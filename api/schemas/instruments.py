"""Response models of the instrument lists (and the instrument rows other answers embed)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel


class DepartmentRef(BaseModel):
    """A department as an instrument or clause names it: its role for that provision."""

    id: str
    canonical: str | None
    name: str | None
    function: str | None
    kind: str | None
    lead: bool
    role: Literal["lead", "co", "mentioned"]
    group: int | None


class InstrumentRow(BaseModel):
    """One instrument with its numbers, clause, policy, region and departments."""

    id: str
    type: str | None
    type_zh: str | None
    category: str | None
    beneficiary: str | None
    beneficiary_zh: str | None
    rate: float | None
    rate_min: float | None
    rate_max: float | None
    cap_yuan: float | None
    amount_yuan: float | None
    threshold_yuan: float | None
    scope: str | None
    basis: str | None
    duration_years: float | None
    caps: list[dict[str, Any]]
    text: str | None
    provision: int | None
    clause_id: str | None
    clause_label: str | None
    policy_id: str | None
    policy_title: str | None
    region: str | None
    province: str | None
    departments: list[DepartmentRef]


class InstrumentPage(BaseModel):
    """A page of instruments and how many match."""

    items: list[InstrumentRow]
    total: int
    limit: int
    offset: int
