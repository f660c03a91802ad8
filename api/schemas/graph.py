"""The neighbourhood of a node as the web page draws it, and the node search that starts it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class GraphSearchQuery(BaseModel):
    """The query parameters of GET /graph/search."""

    q: str = Field(min_length=1, max_length=100, description="part of a name, title, 文号 or code")
    limit: int = Field(20, ge=1, le=200)


class NeighbourhoodQuery(BaseModel):
    """The query parameters of GET /graph/{node_id}."""

    depth: int = Field(1, ge=1, le=3, description="hops from the node")
    limit: int = Field(100, ge=1, le=2000, description="nodes at most")
    in_force_on: str | None = Field(None, min_length=10, max_length=40, json_schema_extra={"format": "date"},
                                    description="leave out policies not in force on this date (YYYY-MM-DD) "
                                    "and the nodes they own (docs/api.md, Validity)")


class GraphSearchItem(BaseModel):
    """A node to start browsing from."""

    id: str
    type: str = Field(description="node label, e.g. Department")
    label: str


class GraphSearchResult(BaseModel):
    """Nodes whose name matches, then clauses whose text does."""

    items: list[GraphSearchItem]


class GraphNode(BaseModel):
    """A node as vis-network draws it; ``title`` is plain text, never HTML."""

    id: str
    type: str = Field(description="node label")
    type_zh: str
    label: str = Field(description="short name (at most 16 characters)")
    title: str = Field(description="full name")
    group: str
    color: str
    shape: str
    properties: dict[str, Any] = Field(description="the node's stored properties (docs/schema.md)")


class GraphEdge(BaseModel):
    """A relationship as vis-network draws it."""

    model_config = ConfigDict(populate_by_name=True)

    id: str
    from_: str = Field(alias="from")
    to: str
    type: str = Field(description="relationship type")
    label: str
    properties: dict[str, Any]
    dashes: bool


class Neighbourhood(BaseModel):
    """Nodes and edges within ``depth`` hops of ``center``, at most ``limit`` nodes."""

    center: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = Field(description="more nodes are within reach than were returned")
    total_neighbours: int = Field(description="nodes within reach (counted up to 5000)")
    in_force_on: str | None = Field(None, description="the date asked for, when one was")


class GraphPath(BaseModel):
    """The shortest path between two nodes, drawn as the neighbourhood is."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from", description="the node the path starts from")
    to: str
    max_hops: int
    found: bool = Field(description="a path of at most max_hops relationships exists")
    hops: int | None = Field(description="relationships along the path; null when none was found")
    nodes: list[GraphNode] = Field(description="the path's nodes in order")
    edges: list[GraphEdge] = Field(description="the relationships between neighbours on the path")
    in_force_on: str | None = Field(description="the date asked for, when one was")


class Vocabularies(BaseModel):
    """Chinese names of the codes the graph uses, by code."""

    functions: dict[str, str] = Field(description="department functions (science_tech → 科技)")
    beneficiaries: dict[str, str] = Field(description="beneficiary types")
    instrument_types: dict[str, str] = Field(description="incentive instrument types")
