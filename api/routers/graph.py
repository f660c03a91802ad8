"""The neighbourhood of a node, in the shape the web page draws."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..deps import Service
from ..schemas.graph import GraphSearchQuery, GraphSearchResult, Neighbourhood, NeighbourhoodQuery

router = APIRouter(prefix="/graph", tags=["graph"])


@router.get("/search", summary="Nodes whose name matches q, to start browsing", response_model=GraphSearchResult)
def graph_search(service: Service, query: Annotated[GraphSearchQuery, Query()]) -> dict[str, Any]:
    return service.graph_search(query.q, query.limit)


@router.get("/{node_id:path}", summary="Nodes and edges within depth hops of a node, at most limit nodes",
            response_model=Neighbourhood)
def neighbourhood(service: Service, node_id: str, query: Annotated[NeighbourhoodQuery, Query()]) -> dict[str, Any]:
    return service.graph(node_id, query.depth, query.limit)
