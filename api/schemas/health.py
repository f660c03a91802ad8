"""GET /health: the store in use, its counts and the version."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Counts(BaseModel):
    """Nodes per label and relationships per type (every label and type, zero included)."""

    nodes: dict[str, int]
    relationships: dict[str, int]


class Health(BaseModel):
    """The service answers; which store it reads and how much it holds."""

    status: Literal["ok"]
    store: str = Field(description="embedded | neo4j")
    version: str
    counts: Counts
