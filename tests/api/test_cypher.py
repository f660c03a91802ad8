"""The read-only Cypher console: answers on Neo4j, refusals for every write or escape attempt."""

from __future__ import annotations

import pytest

from policykg.graph.cypher_console import CypherRefused, check_text

ATTEMPTS = [
    "CREATE (n:Policy {id: 'x'})",
    "MERGE (n:Policy {id: 'x'}) RETURN n",
    "MATCH (p:Policy) SET p.title = 'hacked'",
    "MATCH (p:Policy) SET p:Hacked",
    "MATCH (p:Policy) DELETE p",
    "MATCH (p:Policy) DETACH DELETE p",
    "MATCH (p:Policy) REMOVE p.title",
    "MATCH (p:Policy) REMOVE p:Policy",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load csv with headers from 'http://127.0.0.1/x.csv' as r return r",
    "CALL dbms.components()",
    "CALL dbms.security.createUser('x', 'y', false)",
    "CALL apoc.cypher.runWrite('CREATE (n)', {})",
    "CALL db.createLabel('Hacked')",
    "MATCH (p:Policy) CALL { WITH p DETACH DELETE p } IN TRANSACTIONS OF 10 ROWS",
    "MATCH (p:Policy) CALL (p) { SET p.x = 1 } RETURN p",
    "MATCH (p:Policy) FOREACH (x IN [1] | SET p.x = x)",
    "MATCH (n) RETURN n LIMIT 1; MATCH (n) DETACH DELETE n",
    "MATCH (n) RETURN n /* harmless */ ; CREATE (m)",
    "MATCH (n) RETURN n // comment\nCREATE (m)",
    "/* comment */ CREATE (m)",
    "MATCH (p:Policy) WITH p CREATE (q:Policy {id: p.id + 'x'})",
    "DROP INDEX clause_search",
    "CREATE INDEX evil FOR (n:Policy) ON (n.title)",
    "ALTER USER neo4j SET PASSWORD 'x'",
    "SHOW USERS YIELD user CREATE (n {u: user})",
    "",
]


@pytest.mark.parametrize("query", ATTEMPTS)
def test_text_layer_refuses_writes_and_escapes(query):
    with pytest.raises(CypherRefused):
        check_text(query)


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(c:Clause) RETURN d.name, r.start, c.end LIMIT 5",
        "MATCH (c:Clause) WHERE c.text CONTAINS 'CREATE (n)' RETURN c.id",
        "MATCH (c:Clause) WHERE c.text CONTAINS '; DELETE' RETURN count(c)",
        "CALL db.labels() YIELD label RETURN label",
        "CALL db.index.fulltext.queryNodes('clause_tokens', '技术经纪人') YIELD node RETURN node.id",
    ],
)
def test_text_layer_lets_reads_through(query):
    check_text(query)


def test_embedded_store_says_cypher_needs_neo4j(embedded_client):
    r = embedded_client.post("/api/v1/cypher", json={"query": "MATCH (n) RETURN count(n)"})
    assert r.status_code == 501
    body = r.json()
    assert body["error"] == "cypher_needs_neo4j" and "policykg neo4j start" in body["detail"]


@pytest.mark.neo4j
def test_read_query_answers_with_params(neo4j_client):
    r = neo4j_client.post("/api/v1/cypher", json={
        "query": "MATCH (d:Department {name: $name})-[r:RESPONSIBLE_FOR]->(c:Clause) "
                 "WHERE r.lead RETURN c.label AS label ORDER BY label",
        "params": {"name": "荆州市科学技术局"},
    })
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["label"] and ["(七)"] in body["rows"] and body["truncated"] is False


@pytest.mark.neo4j
def test_every_attempt_refused_and_database_unchanged(neo4j_client):
    before = neo4j_client.get("/api/v1/health").json()["counts"]
    for query in ATTEMPTS:
        r = neo4j_client.post("/api/v1/cypher", json={"query": query})
        assert r.status_code == 400, (query, r.text)
        assert r.json()["error"] == "cypher_refused"
    # parameter injection: the value is data, never Cypher
    evil = "x'}) DETACH DELETE n //"
    r = neo4j_client.post("/api/v1/cypher", json={
        "query": "MATCH (n:Policy {id: $id}) RETURN n.id", "params": {"id": evil}})
    assert r.status_code == 200 and r.json()["rows"] == []
    assert neo4j_client.get("/api/v1/health").json()["counts"] == before


@pytest.mark.neo4j
def test_planner_layer_refuses_what_the_text_layer_cannot_see(neo4j_app_store):
    from policykg.graph.cypher_console import ConsoleLimits, CypherConsole, check_plan

    console = CypherConsole(neo4j_app_store.driver, "neo4j", ConsoleLimits(timeout_s=5, row_cap=10))
    assert console.explain("MATCH (n) RETURN n LIMIT 1", {})[0] == "r"
    query_type, plan = console.explain("CREATE (n)", {})
    assert query_type in ("w", "rw")
    with pytest.raises(CypherRefused, match="not read-only"):
        check_plan(query_type, plan)


@pytest.mark.neo4j
def test_row_cap_named_in_the_notice(neo4j_client):
    r = neo4j_client.post("/api/v1/cypher", json={"query": "UNWIND range(1, 500) AS x RETURN x"})
    body = r.json()
    assert r.status_code == 200 and body["truncated"] is True and body["row_count"] == 50
    assert "POLICYKG_CYPHER_ROW_CAP" in body["notice"]


@pytest.mark.neo4j
def test_expensive_query_stopped_by_time_limit(neo4j_client):
    r = neo4j_client.post("/api/v1/cypher", json={
        # 10^10 rows: minutes of work however fast the machine, so the time limit always stops it
        "query": "UNWIND range(1, 100000000) AS x UNWIND range(1, 100) AS y WITH x, y WHERE (x + y) % 7 = 0 "
                 "RETURN count(*)"})
    assert r.status_code == 408, r.text
    body = r.json()
    assert body["error"] == "cypher_timeout" and "POLICYKG_CYPHER_TIMEOUT_S" in body["detail"]


@pytest.mark.neo4j
def test_console_describes_its_limits_and_the_servers_safety(neo4j_client, neo4j_app_store):
    import time

    from policykg.graph.cypher_console import SAFETY_SETTINGS, safety_warnings

    for _ in range(100):  # the API checks the server's settings in the background at start
        body = neo4j_client.get("/api/v1/cypher").json()
        if body["server_checked"]:
            break
        time.sleep(0.1)
    assert body["server_checked"] is True and body["available"] is True
    assert body["limits"]["timeout_s"] == 2.0 and body["limits"]["row_cap"] == 50
    assert "db.labels" in body["allowed_procedures"]
    records, _, _ = neo4j_app_store.driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value", names=list(SAFETY_SETTINGS))
    assert body["server_warnings"] == safety_warnings({r["name"]: r["value"] for r in records})


def test_console_description_says_it_needs_neo4j(embedded_client):
    r = embedded_client.get("/api/v1/cypher")
    assert r.status_code == 200 and r.json()["available"] is False
    assert "policykg neo4j start" in r.json()["detail"]
