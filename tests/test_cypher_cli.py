"""``policykg cypher``: read-only Cypher on the real Neo4j, through the API console's guard."""

from __future__ import annotations

import csv
import io
import json

import pytest

from policykg.cli import main
from policykg.corpus import bundled_paths
from policykg.loading import load_paths

pytestmark = pytest.mark.neo4j

QUERY = "MATCH (p:Policy) RETURN p.region AS region, p.clause_count AS clauses ORDER BY region"


@pytest.fixture
def loaded(neo4j_env, neo4j_store) -> list[dict]:
    load_paths(neo4j_store, bundled_paths())
    return sorted((p["properties"] for p in neo4j_store.all_policies()), key=lambda p: p["region"])


def test_formats(loaded, capsys):
    assert main(["cypher", QUERY, "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["columns"] == ["region", "clauses"] and body["truncated"] is False
    assert body["rows"] == [[p["region"], p["clause_count"]] for p in loaded]

    assert main(["cypher", QUERY, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["region", "clauses"]] + [[p["region"], str(p["clause_count"])] for p in loaded]

    assert main(["cypher", QUERY]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0].split(" | ")[0].strip() == "region" and set(lines[1]) <= {"-", "+"}
    assert [line.split(" | ")[0].strip() for line in lines[2:]] == [p["region"] for p in loaded]
    assert f"{len(loaded)} rows" in out.err


def test_params(loaded, capsys):
    assert main(["cypher", "MATCH (p:Policy {region: $r}) RETURN p.title AS t", "--params", '{"r": "荆州市"}',
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == [[next(p["title"] for p in loaded if p["region"] == "荆州市")]]
    assert main(["cypher", "RETURN 1", "--params", "{oops"]) == 2
    assert "not valid JSON" in capsys.readouterr().err


@pytest.mark.parametrize("query", [
    "MATCH (n) DETACH DELETE n",
    "CREATE (:Policy {id: 'x'})",
    "CALL dbms.security.listUsers()",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
])
def test_the_guard_refuses_writes_and_procedures(loaded, capsys, neo4j_store, query):
    assert main(["cypher", query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policykg cypher: cypher_") and capsys.readouterr().out == ""
    assert len(neo4j_store.all_policies()) == len(loaded)
