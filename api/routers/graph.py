"""The neighbourhood of a node, in the shape the web page draws."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..deps import InForceOn, Service
from ..schemas.graph import (
    GraphPath,
    GraphSearchQuery,
    GraphSearchResult,
    Neighbourhood,
    NeighbourhoodQuery,
    Vocabularies,
)

router = APIRouter(prefix="/graph", tags=["graph"])


@router.get("/search", summary="Nodes whose name matches q, to start browsing", response_model=GraphSearchResult)
def graph_search(service: Service, query: Annotated[GraphSearchQuery, Query()]) -> dict[str, Any]:
    return service.graph_search(query.q, query.limit)


@router.get("/path", summary="The shortest path between two nodes (ignoring direction), at most max_hops long",
            response_model=GraphPath)
def shortest_path(service: Service, from_: str = Query(..., alias="from", min_length=1),
                  to: str = Query(..., min_length=1), max_hops: int = Query(4, ge=1, le=6),
                  in_force_on: str | None = InForceOn) -> dict[str, Any]:
    return service.path(from_, to, max_hops, in_force_on)


@router.get("/vocabularies", summary="Chinese names of the vocabulary codes: functions, beneficiaries, instrument types",
            response_model=Vocabularies)
def vocabularies() -> dict[str, Any]:
    from policykg.graph.vocab import code_names

    return code_names()


@router.get("/{node_id:path}", summary="Nodes and edges within depth hops of a node, at most limit nodes",
            response_model=Neighbourhood)
def neighbourhood(service: Service, node_id: str, query: Annotated[NeighbourhoodQuery, Query()]) -> dict[str, Any]:
    return service.graph(node_id, query.depth, query.limit, query.in_force_on)
