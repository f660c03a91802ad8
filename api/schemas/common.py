"""Pieces several resources share: the one error body, paging, facet counts, department
references, instrument rows, highlight spans and citations."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    """The one shape of every error answer."""

    error: str = Field(description="machine-readable code, e.g. not_found, invalid_parameter, store_unavailable")
    detail: str = Field(description="what went wrong and what to do next")
    status: int = Field(description="the HTTP status, repeated")


class Page(BaseModel):
    """The paging of a list answer: ``items`` hold at most ``limit`` from ``offset`` of ``total``."""

    total: int = Field(description="how many match the filters, over every page")
    limit: int
    offset: int


class FacetCount(BaseModel):
    """One value of a facet and how many of the filtered items have it."""

    value: str
    count: int


class PolicyRef(BaseModel):
    """A policy named by id and title."""

    id: str
    title: str | None


class Citation(BaseModel):
    """A document cited by a policy or clause; ``target`` is the loaded policy it names, if any."""

    title: str | None
    doc_number: str | None
    kind: str | None = Field(description="policy | programme")
    via: str | None = Field(description="doc_number | title | running_text: how the citation was resolved")
    text: str | None = Field(description="the reference as written")
    target: PolicyRef | None


class Span(BaseModel):
    """A highlight in a clause's text: offsets into the cleaned text."""

    start: int
    end: int
    type: Literal["department", "amount", "beneficiary", "citation"]
    value: str | None = Field(description="the department or instrument id, beneficiary code or cited policy id")


class DepartmentRef(BaseModel):
    """A department as an instrument or clause names it."""

    id: str
    canonical: str | None = Field(description="canonical (region-qualified) name")
    name: str | None = Field(description="the name as written where it is named")
    function: str | None = Field(description="function code, e.g. science_tech")
    kind: str | None
    lead: bool = Field(description="first unit of its group (牵头单位)")
    role: Literal["lead", "co", "mentioned"]
    group: int | None = Field(description="index of the 责任单位 bracket in the clause")


class Cap(BaseModel):
    """One cap of an instrument: an amount in yuan or a rate, and what it applies to."""

    model_config = ConfigDict(extra="allow")

    yuan: float | None = None
    rate: float | None = None
    scope: str | None = None


class InstrumentRow(BaseModel):
    """An incentive instrument joined with its clause, policy, region and departments."""

    id: str
    type: str | None = Field(description="instrument type code, e.g. reward")
    category: str | None = Field(description="supply | environment | demand")
    beneficiary: str | None = Field(description="beneficiary type code")
    rate: float | None = Field(description="fraction, 8% → 0.08")
    rate_min: float | None
    rate_max: float | None
    cap_yuan: float | None = Field(description="primary cap in yuan")
    amount_yuan: float | None = Field(description="fixed amount in yuan")
    threshold_yuan: float | None
    scope: str | None = Field(description="per_entity_per_year | per_project | ...")
    basis: str | None = Field(description="e.g. 技术交易额")
    duration_years: float | None
    text: str | None = Field(description="the words it was read from")
    provision: int | None = Field(description="index of the provision inside the clause")
    caps: list[Cap]
    type_zh: str | None
    beneficiary_zh: str | None
    clause_id: str | None
    clause_label: str | None
    policy_id: str | None
    policy_title: str | None
    region: str | None
    province: str | None
    departments: list[DepartmentRef] = Field(description="lead and co-responsible first; else funding departments mentioned")
