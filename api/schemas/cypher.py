"""The researchers' Cypher console: the request, its answer and its description."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class CypherRequest(BaseModel):
    """A read-only query and its parameters."""

    # the console's own length check (POLICYKG_CYPHER_MAX_QUERY_CHARS) answers first; this only bounds the body
    query: str = Field(..., max_length=1_000_000, examples=[
        "MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(c:Clause) RETURN d.name, count(c) ORDER BY count(c) DESC LIMIT 10"])
    params: dict[str, Any] = Field(default_factory=dict)


class CypherAnswer(BaseModel):
    """The rows a query returned, at most the row cap."""

    columns: list[str]
    rows: list[list[Any]]
    row_count: int
    truncated: bool = Field(description="the query had more rows than the cap, or more bytes than allowed")
    notice: str | None = Field(description="why the answer was cut, and how to narrow the query")


class ConsoleLimits(BaseModel):
    """The console's limits; each is a setting (POLICYKG_CYPHER_<NAME>)."""

    timeout_s: float
    row_cap: int
    max_bytes: int
    max_query_chars: int
    max_nesting: int
    max_params_bytes: int
    max_params_depth: int
    max_concurrent: int


class CypherDescription(BaseModel):
    """Whether the console is available; with Neo4j, its limits and the server's safety warnings."""

    available: bool
    detail: str | None = Field(None, description="without Neo4j: how to start it")
    limits: ConsoleLimits | None = None
    allowed_procedures: list[str] | None = None
    server_checked: bool | None = None
    server_warnings: list[str] | None = None
