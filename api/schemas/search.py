"""Response models of clause search and name suggestions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class SearchClause(BaseModel):
    """The clause a hit found, with its policy's title, region and date."""

    id: str
    label: str | None = None
    heading: str | None = None
    policy_id: str | None = None
    policy_title: str | None = None
    region: str | None = None
    province: str | None = None
    date: str | None = None


class SearchHit(BaseModel):
    """One matching clause: its BM25 score, a snippet and the matched words' offsets in the snippet."""

    clause: SearchClause
    score: float
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end) character offsets into snippet")


class SearchResponse(BaseModel):
    """Clauses holding every word of the query, best first."""

    query: str
    filters: dict[str, str | int] = Field(description="the filters applied (region, year, instrument, beneficiary, in_force_on)")
    items: list[SearchHit]


class Suggestion(BaseModel):
    """A policy (by title), department, place or beneficiary type whose name contains the query."""

    kind: Literal["policy", "department", "place", "beneficiary"]
    id: str
    name: str
    prefix: bool = Field(description="whether the name starts with the query")


class SuggestResponse(BaseModel):
    """Suggestions for an as-you-type box: names starting with the query first, then shorter names."""

    query: str
    items: list[Suggestion]
