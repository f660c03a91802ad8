"""POST a read-only Cypher query to the Neo4j store (researchers' console)."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from ..errors import ApiError
from ..schemas.cypher import CypherAnswer, CypherDescription, CypherRequest

router = APIRouter(prefix="/cypher", tags=["cypher"])


NEEDS_NEO4J = (
    "Cypher needs the Neo4j store; this service runs on the embedded store. Start a local Neo4j with "
    "`policykg neo4j start`, load the policies with `policykg load --store neo4j`, then serve with "
    "`policykg serve --store neo4j` (or set NEO4J_URI to your own Neo4j)."
)


def _console(request: Request):
    console = getattr(request.app.state, "cypher_console", None)
    if console is None:
        raise ApiError(501, "cypher_needs_neo4j", NEEDS_NEO4J)
    return console


@router.get("", summary="Whether the console is available, its limits and the Neo4j server's safety warnings",
            response_model=CypherDescription, response_model_exclude_unset=True)
def describe_cypher(request: Request) -> dict[str, Any]:
    console = getattr(request.app.state, "cypher_console", None)
    if console is None:
        return {"available": False, "detail": NEEDS_NEO4J}
    return {"available": True, **console.describe()}


@router.post("", summary="Run a read-only Cypher query (Neo4j store only)", response_model=CypherAnswer)
async def run_cypher(body: CypherRequest, request: Request) -> dict[str, Any]:
    console = _console(request)
    # the console bounds its own time (limit + 0.5 s) and concurrency; the threadpool only hosts the wait.
    # Its refusals (400), timeouts (408) and busy answers (429 with Retry-After) are PolicykgErrors.
    result = await run_in_threadpool(console.run, body.query, body.params)
    return {"columns": result.columns, "rows": result.rows, "row_count": len(result.rows),
            "truncated": result.truncated, "notice": result.notice}
