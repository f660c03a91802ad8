"""The neighbourhood of a node, in the shape the web page draws."""

from fastapi import APIRouter, Query

from ..deps import Service
from ..errors import translate

router = APIRouter(prefix="/graph", tags=["graph"])


@router.get("/search", summary="Nodes whose name matches q, to start browsing")
def graph_search(service: Service, q: str = Query(..., min_length=1, max_length=100), limit: int = Query(20, ge=1, le=200)) -> dict:
    return service.graph_search(q, limit)


@router.get("/path", summary="The shortest path between two nodes (ignoring direction), at most max_hops long")
def shortest_path(service: Service, from_: str = Query(..., alias="from", min_length=1), to: str = Query(..., min_length=1),
                  max_hops: int = Query(4, ge=1, le=6)) -> dict:
    with translate():
        return service.path(from_, to, max_hops)


@router.get("/vocabularies", summary="Chinese names of the vocabulary codes: functions, beneficiaries, instrument types")
def vocabularies() -> dict:
    from policykg.graph.vocab import code_names

    return code_names()


@router.get("/{node_id:path}", summary="Nodes and edges within depth hops of a node, at most limit nodes")
def neighbourhood(service: Service, node_id: str, depth: int = Query(1, ge=1, le=3), limit: int = Query(100, ge=1, le=2000)) -> dict:
    with translate():
        return service.graph(node_id, depth, limit)
