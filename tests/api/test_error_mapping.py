"""Every policykg error answers in the one shape with its own status and code, from one handler;
an unexpected exception answers 500 in that shape without its text."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from policykg.api.errors import ApiError, install_error_handlers
from policykg.errors import PolicykgError
from policykg.evaluation_input import EvaluationInputError
from policykg.graph.cypher_console import ConsoleError, CypherBusy, CypherRefused, CypherTimeout
from policykg.graph.embedded_store import GraphFileError
from policykg.graph.file_lock import FileLockTimeout
from policykg.graph.neo4j_local import Neo4jLocalError
from policykg.graph.neo4j_store import DatabaseNotOwned
from policykg.graph.query_service import NotFound
from policykg.graph.store import StoreUnavailable
from policykg.loaders.departments import VocabularyError
from policykg.loaders.errors import ReadError
from policykg.loaders.unit_forms import CatalogueError
from policykg.loaders.unit_labels import LabelsError

# (the error raised, the status and code the API must answer)
CASES = [
    (NotFound("policy", "p-9", "List them at /api/v1/policies."), 404, "not_found"),
    (StoreUnavailable("Neo4j is down; start it with `policykg neo4j start`."), 503, "store_unavailable"),
    (FileLockTimeout("another load holds the graph file; wait for it."), 503, "store_unavailable"),
    (GraphFileError("x.graph: not a policykg graph file"), 503, "graph_file_unusable"),
    (DatabaseNotOwned("neo4j", 3, ["Person"], "tests"), 409, "database_not_owned"),
    (Neo4jLocalError("java not found; install Java 17"), 503, "neo4j_local_failed"),
    (ConsoleError("not read-only; use MATCH ... RETURN"), 400, "cypher_refused"),
    (ConsoleError("too long", status=413, error="cypher_too_long"), 413, "cypher_too_long"),
    (CypherRefused("CALL dbms is not allowed"), 400, "cypher_refused"),
    (CypherTimeout("ran past 2 s; add a LIMIT"), 408, "cypher_timeout"),
    (CypherBusy("all 4 slots taken; retry", retry_after=3), 429, "cypher_busy"),
    (ReadError("a.pdf", "not a PDF; convert it to text"), 422, "unreadable_file"),
    (CatalogueError("department_catalogue.json: broken"), 500, "data_file_invalid"),
    (LabelsError("unit_labels.json: broken"), 500, "data_file_invalid"),
    (VocabularyError("departments.json: broken"), 500, "data_file_invalid"),
    (EvaluationInputError("gold.json: no documents"), 422, "bad_file"),
    (ApiError(418, "teapot", "brew coffee elsewhere", headers={"X-Why": "tea"}), 418, "teapot"),
]


def _app(exc: BaseException) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    def boom() -> None:
        raise exc

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(("exc", "status", "code"), CASES, ids=[type(c[0]).__name__ + str(c[1]) for c in CASES])
def test_each_error_class_answers_its_status_in_the_one_shape(exc, status, code):
    assert isinstance(exc, PolicykgError)
    answer = _app(exc).get("/boom")
    assert answer.status_code == status
    assert answer.json() == {"error": code, "detail": str(exc), "status": status}


def test_busy_console_says_when_to_retry():
    answer = _app(CypherBusy("all slots taken", retry_after=7)).get("/boom")
    assert answer.headers["Retry-After"] == "7"


def test_api_error_keeps_its_headers():
    answer = _app(CASES[-1][0]).get("/boom")
    assert answer.headers["X-Why"] == "tea"


def test_existing_except_clauses_still_catch_them():
    with pytest.raises(LookupError):
        raise NotFound("clause", "c-1", "")
    for exc in (CatalogueError("x"), LabelsError("x"), VocabularyError("x"), EvaluationInputError("x")):
        with pytest.raises(ValueError):
            raise exc
    with pytest.raises(RuntimeError):
        raise Neo4jLocalError("x")
    with pytest.raises(ConsoleError):
        raise CypherBusy("x", retry_after=1)


def test_an_unexpected_exception_answers_500_without_its_text():
    secret = "bolt://admin:hunter2@db.internal/secret-path"
    answer = _app(RuntimeError(secret)).get("/boom")
    assert answer.status_code == 500
    body = answer.json()
    assert set(body) == {"error", "detail", "status"}
    assert body["status"] == 500 and body["error"] == "internal"
    assert "hunter2" not in answer.text and "secret-path" not in answer.text
    assert "RuntimeError" in body["detail"] and "report" in body["detail"]


def test_not_found_through_the_real_app(client):
    answer = client.get("/api/v1/policies/no-such-policy")
    assert answer.status_code == 404
    body = answer.json()
    assert body["error"] == "not_found" and body["status"] == 404 and "no-such-policy" in body["detail"]


def test_a_transient_store_error_answers_busy_with_when_to_retry_and_the_setting():
    """A read Neo4j refuses for now (its transactions' memory taken by other reads) is a 503 with
    Retry-After and the setting to raise, not a 500."""
    from neo4j.exceptions import TransientError

    exc = TransientError._hydrate_neo4j(code="Neo.TransientError.General.MemoryPoolOutOfMemoryError",
                                        message="The allocation of an extra 2.0 MiB would use more than the limit")
    answer = _app(exc).get("/boom")
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "1"
    body = answer.json()
    assert body["error"] == "store_busy" and body["status"] == 503
    assert "MemoryPoolOutOfMemoryError" in body["detail"] and "db.memory.transaction.total.max" in body["detail"]
