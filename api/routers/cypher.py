"""POST a read-only Cypher query to the Neo4j store (researchers' console)."""

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from ..errors import ApiError

router = APIRouter(prefix="/cypher", tags=["cypher"])


class CypherRequest(BaseModel):
    query: str = Field(..., max_length=20000, examples=["MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(c:Clause) "
                                                        "RETURN d.name, count(c) ORDER BY count(c) DESC LIMIT 10"])
    params: dict[str, Any] = Field(default_factory=dict)


@router.post("", summary="Run a read-only Cypher query (Neo4j store only)")
def run_cypher(body: CypherRequest, request: Request) -> dict:
    from policykg.graph.cypher_console import CypherRefused, CypherTimeout

    console = getattr(request.app.state, "cypher_console", None)
    if console is None:
        raise ApiError(
            501, "cypher_needs_neo4j",
            "Cypher needs the Neo4j store; this service runs on the embedded store. Start a local Neo4j with "
            "`policykg neo4j start`, load the policies with `policykg load --store neo4j`, then serve with "
            "`policykg serve --store neo4j` (or set NEO4J_URI to your own Neo4j).",
        )
    try:
        result = console.run(body.query, body.params)
    except CypherRefused as exc:
        raise ApiError(400, "cypher_refused", exc.reason) from exc
    except CypherTimeout as exc:
        raise ApiError(408, "cypher_timeout", str(exc)) from exc
    return {"columns": result.columns, "rows": result.rows, "row_count": len(result.rows),
            "truncated": result.truncated, "notice": result.notice}
