"""The researchers' views: instrument mix per region, the co-responsibility network of
departments, and the diffusion of a provision."""

from __future__ import annotations

from pydantic import BaseModel, Field


class TypeMix(BaseModel):
    """One instrument type in a region."""

    type: str | None
    name_zh: str | None
    category: str | None = Field(description="supply | environment | demand (Rothwell–Zegveld), or none")
    instruments: int
    policies: int = Field(description="policies of the region holding an instrument of the type")


class RegionMix(BaseModel):
    """A region's instruments by category and type."""

    region: str
    policies: int
    instruments: int
    by_category: dict[str, int] = Field(description="instruments per category")
    shares: dict[str, float] = Field(description="each category's share of the region's instruments")
    by_type: list[TypeMix] = Field(description="most instruments first")


class InstrumentMix(BaseModel):
    """Per region: supply / environment / demand shares and counts by instrument type."""

    regions: list[RegionMix]
    in_force_on: str | None
    categories: list[str]


class NetworkDepartment(BaseModel):
    """A department of the co-responsibility network with its measures."""

    id: str
    name: str | None
    function: str | None
    degree: int = Field(description="departments it shares a provision with")
    strength: int = Field(description="provisions it shares, counted per partner")
    betweenness: float
    community: int | None


class SharedLink(BaseModel):
    """Two departments responsible together for ``shared`` provisions."""

    source: str
    target: str
    shared: int


class BetweennessNote(BaseModel):
    """Whether betweenness was estimated from a sample of source departments."""

    estimated: bool
    sources: int
    departments: int


class CoResponsibility(BaseModel):
    """Departments linked by the provisions they share: degree, betweenness, communities."""

    nodes: list[NetworkDepartment]
    edges: list[SharedLink]
    in_force_on: str | None
    regions: list[str] | None
    communities: int
    truncated: bool = Field(description="the strongest ``limit`` links were kept")
    betweenness: BetweennessNote


class DiffusionItem(BaseModel):
    """A provision on the timeline, with the step of similarity that reached it."""

    clause_id: str
    label: str | None
    text: str = Field(description="the start of its text")
    step: int = Field(description="0 for the provision asked for, then 1 or 2 steps of similarity")
    score: float | None = Field(description="its similarity to the provision that reached it")
    policy_id: str | None
    policy_title: str | None
    region: str | None
    date: str | None


class CitationPair(BaseModel):
    """A policy (``start``) that cites another (``end``) among the timeline's policies."""

    start: str
    end: str


class Diffusion(BaseModel):
    """A provision and its similar provisions in other policies, by date."""

    origin: str
    items: list[DiffusionItem]
    first: str | None = Field(description="the earliest dated provision")
    citations: list[CitationPair]
    policies: int
    depth: int
