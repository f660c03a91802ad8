"""The read-only Cypher console, guarded in layers.

1. Text checks: one statement only; no LOAD CSV; no CALL { … } IN TRANSACTIONS; procedures
   only from an allowlist (db.labels, db.index.fulltext.*, …). Comments and string literals
   are blanked before the checks, so neither can hide a clause nor trigger a false refusal.
2. EXPLAIN: the planner must classify the statement as read-only (query type ``r``).
3. Execution in a READ transaction with a time limit; at most ``row_cap`` rows come back.

Every refusal says which rule refused and, for limits, which setting changes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, Neo4jError

ALLOWED_PROCEDURES = (
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
    "db.schema.visualization",
    "db.schema.nodetypeproperties",
    "db.schema.reltypeproperties",
    "db.index.fulltext.querynodes",
    "db.index.fulltext.queryrelationships",
)

_COMMENT_OR_STRING = re.compile(
    r"""//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:``|[^`])*`""", re.S
)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)
_IN_TRANSACTIONS = re.compile(r"\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.I)
_CALL_PROC = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.I)
_CALL_SUBQUERY = re.compile(r"\bCALL\s*(?:\([^)]*\)\s*)?\{", re.I)
_WRITE_WORDS = re.compile(
    r"(?<![.$\w])(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|FOREACH|GRANT|DENY|REVOKE|ALTER|RENAME)\b",
    re.I,
)


class CypherRefused(Exception):
    """The console refused a query; ``reason`` says why and what to do."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CypherTimeout(Exception):
    """A query ran longer than the time limit."""


@dataclass
class CypherResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    notice: str | None = None


def blank_comments_and_strings(query: str) -> str:
    """The query with comments removed and string/identifier literals emptied, for the text checks."""

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok.startswith("//") or tok.startswith("/*"):
            return " "
        return tok[0] + tok[-1]

    return _COMMENT_OR_STRING.sub(repl, query)


def check_text(query: str) -> None:
    """Layer 1: refuse what a read-only console never runs, before the database sees it."""
    if not query or not query.strip():
        raise CypherRefused("The query is empty. Send {\"query\": \"MATCH (n) RETURN n LIMIT 5\"}.")
    code = blank_comments_and_strings(query)
    if ";" in code.strip().rstrip(";"):
        raise CypherRefused("Only one statement per request: remove the extra ';'-separated statements.")
    if _LOAD_CSV.search(code):
        raise CypherRefused("LOAD CSV is not allowed in the read-only console.")
    if _IN_TRANSACTIONS.search(code):
        raise CypherRefused("CALL { … } IN TRANSACTIONS is not allowed in the read-only console.")
    if _CALL_SUBQUERY.search(code) and _WRITE_WORDS.search(code):
        raise CypherRefused("Subqueries that write are not allowed in the read-only console.")
    for proc in _CALL_PROC.findall(code):
        if proc.lower() not in ALLOWED_PROCEDURES:
            raise CypherRefused(
                f"Procedure {proc} is not allowed. Allowed: {', '.join(ALLOWED_PROCEDURES)}."
            )
    if _WRITE_WORDS.search(code):
        word = _WRITE_WORDS.search(code).group(1).upper()
        raise CypherRefused(f"{word} writes or administers the database; the console is read-only.")


class CypherConsole:
    """Runs researchers' read-only queries against Neo4j."""

    def __init__(self, driver: neo4j.Driver, database: str, timeout_s: float, row_cap: int) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.row_cap = row_cap

    def explain(self, query: str, params: dict[str, Any]) -> str:
        """Layer 2: the planner's query type (r, rw, w, s)."""
        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            try:
                summary = session.run(neo4j.Query("EXPLAIN " + query, timeout=self.timeout_s), params).consume()
            except ClientError as err:
                raise CypherRefused(f"Neo4j cannot plan this query: {err.message}") from err
        return summary.query_type or ""

    def run(self, query: str, params: dict[str, Any] | None = None) -> CypherResult:
        """Check, explain, then execute in a read transaction with the time limit and row cap."""
        params = params or {}
        check_text(query)
        query_type = self.explain(query, params)
        if query_type != "r":
            raise CypherRefused(f"The planner classifies this query as {query_type!r}, not read-only ('r').")

        cap = self.row_cap

        def work(tx: neo4j.ManagedTransaction) -> CypherResult:
            result = tx.run(query, params)
            columns = list(result.keys())
            rows = []
            for record in result:
                if len(rows) == cap:
                    return CypherResult(columns, rows, True,
                                        f"Only the first {cap} rows are shown: the row cap is the setting "
                                        "POLICYKG_CYPHER_ROW_CAP (add LIMIT to the query, or raise the setting).")
                rows.append([to_json(v) for v in record.values()])
            return CypherResult(columns, rows, False)

        tx_fn = neo4j.unit_of_work(timeout=self.timeout_s)(work)
        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            try:
                return session.execute_read(tx_fn)
            except Neo4jError as err:
                code = err.code or ""
                if "TransactionTimedOut" in code or "Terminated" in code or "TransactionTimedOutClientConfiguration" in code:
                    raise CypherTimeout(
                        f"The query ran longer than the time limit of {self.timeout_s:g} s: the setting "
                        "POLICYKG_CYPHER_TIMEOUT_S. Narrow the query (LIMIT, labels, indexed properties) or raise it."
                    ) from err
                if code.startswith("Neo.ClientError.Statement") or "Forbidden" in code or "AccessMode" in code:
                    raise CypherRefused(f"Neo4j refused the query: {err.message}") from err
                raise


def to_json(value: Any) -> Any:
    """A driver value as JSON: nodes and relationships as dicts, the rest as is."""
    if isinstance(value, neo4j.graph.Node):
        props = dict(value)
        return {"id": props.get("id", value.element_id), "labels": sorted(value.labels), "properties": props}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "type": value.type,
            "start": dict(value.start_node).get("id") if value.start_node else None,
            "end": dict(value.end_node).get("id") if value.end_node else None,
            "properties": dict(value),
        }
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [to_json(n) for n in value.nodes], "relationships": [to_json(r) for r in value.relationships]}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
