"""Every Cypher statement policykg runs (Cypher 5, Neo4j 5.26 or later), as named constants with ``$parameters``.

Labels and relationship types cannot be query parameters, so statements that differ
only by label are generated here, once, from the allowlist in ``schema.py`` and
selected by label (``CREATE_NODES["Clause"]``).  Nothing from a user ever becomes
part of a statement: user values travel as parameters, and property names used in
filters and ordering are checked against the schema before they are passed as
``$order`` / ``$filters`` and read with ``n[$key]``.
"""

from __future__ import annotations

from . import schema as S


def _lookup(var: str, key: str) -> str:
    """A subquery binding ``var`` to the node whose id is ``key``, whatever its label (index seeks)."""
    branches = " UNION ".join(f"MATCH ({var}:{label} {{id: {key}}}) RETURN {var}" for label in S.NODE_LABELS)
    return f"CALL ({key}) {{ {branches} }}"


_NODE_OUT = "n.id AS id, labels(n) AS labels, properties(n) AS props"

# --- schema ------------------------------------------------------------------------------

CONSTRAINTS: tuple[str, ...] = (
    *(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
      for label in S.NODE_LABELS),
    "CREATE CONSTRAINT policy_source_key IF NOT EXISTS FOR (n:Policy) REQUIRE n.source_key IS UNIQUE",
)
INDEXES: tuple[str, ...] = (
    *(f"CREATE INDEX {label.lower()}_policy_id IF NOT EXISTS FOR (n:{label}) ON (n.policy_id)"
      for label in S.OWNED_LABELS),
    *(f"CREATE INDEX {label.lower()}_code IF NOT EXISTS FOR (n:{label}) ON (n.code)"
      for label in (S.FUNCTION, S.BENEFICIARY_TYPE, S.INSTRUMENT_TYPE)),
    "CREATE INDEX department_function IF NOT EXISTS FOR (n:Department) ON (n.function)",
    "CREATE INDEX instrument_type IF NOT EXISTS FOR (n:Instrument) ON (n.type)",
    "CREATE INDEX policy_doc_number IF NOT EXISTS FOR (n:Policy) ON (n.doc_number)",
    # Eventually consistent: Lucene analyses the clause texts in a background thread after each
    # commit instead of inside it, so loading the next batch overlaps with it; Neo4jStore waits for
    # it (AWAIT_FULLTEXT) before every search, after write_policy and in save(), so its own reads
    # always see its writes. Each distinct text is analysed once: text_simplified always, the text
    # as written only where it differs (schema.CLAUSE_SEARCH_VARIANT); indexing text and
    # text_simplified, equal for most clauses, cost half of a bulk load's server CPU.
    f"CREATE FULLTEXT INDEX clause_search IF NOT EXISTS FOR (c:Clause) "
    f"ON EACH [c.text_simplified, c.{S.CLAUSE_SEARCH_VARIANT}] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: true}}",
)
# indexes of earlier versions of the schema, dropped when the schema is set up
RETIRED_INDEXES: tuple[str, ...] = ("DROP INDEX clause_text IF EXISTS",)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
AWAIT_FULLTEXT = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"

# --- writing a policy --------------------------------------------------------------------

# Neo4j re-plans a cached statement once the graph's statistics have drifted far enough, and a
# load makes them drift all the time (a tenth of the server's time went to planning). Every
# plan of the write statements is an index seek on a uniqueness constraint or a CREATE, whatever
# the statistics, so they keep the plan they have (``replan=skip``).
BULK_PREFIX = "CYPHER replan=skip "

POLICY_BY_SOURCE = (
    "MATCH (p:Policy {source_key: $source_key}) RETURN p.id AS id, p.content_hash AS content_hash"
)
DELETE_OWNED: dict[str, str] = {
    label: f"MATCH (n:{label} {{policy_id: $policy_id}}) DETACH DELETE n" for label in S.OWNED_LABELS
}
# owned nodes are created (their policy's old nodes were deleted first); shared ones merged
CREATE_NODES: dict[str, str] = {
    label: f"UNWIND $rows AS row CREATE (n:{label}) SET n = row" for label in S.OWNED_LABELS
}
MERGE_NODES: dict[str, str] = {
    label: f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row" for label in S.SHARED_LABELS
}
for _label, _props in S.ACCUMULATING_PROPS.items():
    _sets = ", ".join(
        f"n.{p} = CASE WHEN size(old_{p} + [x IN coalesce(row.{p}, []) WHERE NOT x IN old_{p}]) = 0 THEN null "
        f"ELSE old_{p} + [x IN coalesce(row.{p}, []) WHERE NOT x IN old_{p}] END"
        for p in _props
    )
    _olds = ", ".join(f"coalesce(n.{p}, []) AS old_{p}" for p in _props)
    MERGE_NODES[_label] = (
        f"UNWIND $rows AS row MERGE (n:{_label} {{id: row.id}}) "
        f"WITH n, row, {_olds} SET n += row SET {_sets}"
    )
# a relationship between two shared nodes is merged: several policies imply the same one
CREATE_RELS: dict[tuple[str, str, str], str] = {
    (rel.name, start, end): (
        f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
        f"{'MERGE' if S.is_shared_pair(start, end) else 'CREATE'} (a)-[r:{rel.name}]->(b) SET r = row.props"
    )
    for rel in S.REL_TYPES.values()
    for start, end in rel.ends
}


def group_key(label_or_type: str, *labels: str) -> str:
    """Parameter key of one row group in ``WRITE_POLICY``: ``Clause`` or ``HAS_CLAUSE__Policy__Clause``."""
    return "__".join((label_or_type, *labels))


def _unit(statement: str) -> str:
    return f"CALL () {{ {statement} }}"


# A whole policy in one statement (one round trip): one unit subquery per label and per
# relationship type / end labels, each unwinding its rows from $nodes / $rels; the policy's
# nodes are all written before any relationship.
WRITE_POLICY = BULK_PREFIX + " ".join(
    [_unit((CREATE_NODES.get(label) or MERGE_NODES[label]).replace("$rows", f"$nodes.{group_key(label)}"))
     for label in S.NODE_LABELS]
    + [_unit(q.replace("$rows", f"$rels.{group_key(*key)}")) for key, q in CREATE_RELS.items()]
) + " FINISH"

# --- writing many policies in one transaction (``Neo4jStore.write_policies``) -------------
# Stable statement texts with a ``$rows`` / ``$source_keys`` / ``$policy_ids`` list, so each is
# planned once and its plan reused for every batch; CREATE_NODES, MERGE_NODES and CREATE_RELS
# above are the row statements.

POLICIES_BY_SOURCES = (
    "UNWIND $source_keys AS key MATCH (p:Policy {source_key: key}) "
    "RETURN key AS source_key, p.id AS id, p.content_hash AS content_hash"
)
DELETE_OWNED_MANY: dict[str, str] = {
    label: f"UNWIND $policy_ids AS pid MATCH (n:{label} {{policy_id: pid}}) DETACH DELETE n"
    for label in S.OWNED_LABELS
}


def _columns(names: list[str], first: int) -> str:
    return ", ".join(f"`{name}`: row[{i}]" for i, name in enumerate(names, start=first))


# Rows as lists in a fixed property order (schema order; a null item sets nothing): the
# property keys are resolved once, when the statement is planned, instead of per row and
# property as ``SET n = row`` does, and no key string travels with every row.  For rows
# whose properties all belong to the schema; other rows use CREATE_NODES / CREATE_RELS.
NODE_COLUMNS: dict[str, tuple[str, ...]] = {
    label: ("id", *(p.name for p in S.NODE_LABELS[label].properties)) for label in S.OWNED_LABELS
}
NODE_COLUMNS[S.CLAUSE] += (S.CLAUSE_SEARCH_VARIANT,)
CREATE_NODE_ROWS: dict[str, str] = {
    label: f"UNWIND $rows AS row CREATE (n:{label} {{{_columns(list(cols), 0)}}})"
    for label, cols in NODE_COLUMNS.items()
}
REL_COLUMNS: dict[str, tuple[str, ...]] = {t: tuple(p.name for p in rel.properties) for t, rel in S.REL_TYPES.items()}


def _create_rel_row(rel_type: str, start: str, end: str) -> str:
    cols = list(REL_COLUMNS[rel_type])
    match = f"UNWIND $rows AS row MATCH (a:{start} {{id: row[0]}}) MATCH (b:{end} {{id: row[1]}}) "
    if not S.is_shared_pair(start, end):
        props = f" {{{_columns(cols, 2)}}}" if cols else ""
        return match + f"CREATE (a)-[:{rel_type}{props}]->(b)"
    # stored once: the first writer's properties stay, as in the embedded store
    sets = ", ".join(f"r.`{name}` = row[{i}]" for i, name in enumerate(cols, start=2))
    return match + f"MERGE (a)-[r:{rel_type}]->(b)" + (f" ON CREATE SET {sets}" if sets else "")


CREATE_REL_ROWS: dict[tuple[str, str, str], str] = {key: _create_rel_row(*key) for key in CREATE_RELS}



def _bulk(statements: dict) -> dict:
    return {key: BULK_PREFIX + statement for key, statement in statements.items()}


BULK_CREATE_NODES = _bulk(CREATE_NODES)
BULK_MERGE_NODES = _bulk(MERGE_NODES)
BULK_CREATE_RELS = _bulk(CREATE_RELS)
CREATE_NODE_ROWS = _bulk(CREATE_NODE_ROWS)
CREATE_REL_ROWS = _bulk(CREATE_REL_ROWS)
DELETE_OWNED_MANY = _bulk(DELETE_OWNED_MANY)

# one relationship per statement, for the one-row-per-transaction baseline of the benchmark
CREATE_REL_SINGLE: dict[tuple[str, str, str], str] = {
    key: q.replace("UNWIND $rows AS row ", "WITH $row AS row ") for key, q in CREATE_RELS.items()
}

# --- removing shared nodes nothing uses (schema.ORPHAN_RULES) -----------------------------

_ANCHOR = " OR ".join(f"m:{label}" for label in S.ANCHOR_LABELS)
GC_ANCHORED: tuple[str, ...] = tuple(
    f"MATCH (n:{label}) WHERE NOT EXISTS {{ MATCH (n)--(m) WHERE {_ANCHOR} }} DETACH DELETE n"
    for label in (S.DEPARTMENT, S.BENEFICIARY_TYPE, S.INSTRUMENT_TYPE, S.CITED_DOCUMENT)
)
GC_FUNCTION = (
    "MATCH (f:Function) WHERE NOT EXISTS { MATCH (:Department)-[:HAS_FUNCTION]->(f) } DETACH DELETE f"
)
GC_REGION = (
    "MATCH (r:Region) WHERE NOT EXISTS { MATCH (r)<-[:IN_REGION|PART_OF]-() } "
    "DETACH DELETE r RETURN count(*) AS removed"
)

# --- derived links -------------------------------------------------------------------------

DELETE_DERIVED_CITES = "MATCH ()-[r:CITES]->(:Policy) DELETE r"
DELETE_SIMILAR = "MATCH ()-[r:SIMILAR_TO]->() DELETE r"

# --- reads -----------------------------------------------------------------------------------

COUNTS = " UNION ALL ".join(
    [f"MATCH (n:{label}) RETURN 'node' AS kind, '{label}' AS name, count(n) AS n" for label in S.NODE_LABELS]
    + [f"MATCH ()-[r:{t}]->() RETURN 'rel' AS kind, '{t}' AS name, count(r) AS n" for t in S.REL_TYPES]
)
GET_NODE = f"WITH $id AS x {_lookup('n', 'x')} RETURN {_NODE_OUT}"
NODES_BY_IDS = f"UNWIND $ids AS x {_lookup('n', 'x')} RETURN {_NODE_OUT}"
_FILTER = "WHERE all(k IN keys($filters) WHERE n[k] = $filters[k])"
FIND_NODES: dict[str, str] = {
    label: f"MATCH (n:{label}) {_FILTER} RETURN {_NODE_OUT} ORDER BY n.id SKIP $offset LIMIT $limit"
    for label in S.NODE_LABELS
}
FIND_NODES_ORDERED: dict[str, str] = {
    label: f"MATCH (n:{label}) {_FILTER} RETURN {_NODE_OUT} ORDER BY n[$order], n.id SKIP $offset LIMIT $limit"
    for label in S.NODE_LABELS
}
FIND_NODES_ORDERED_DESC: dict[str, str] = {
    label: f"MATCH (n:{label}) {_FILTER} RETURN {_NODE_OUT} ORDER BY n[$order] DESC, n.id SKIP $offset LIMIT $limit"
    for label in S.NODE_LABELS
}
_PATTERNS = {"out": "(a)-[r:{t}]->(n)", "in": "(a)<-[r:{t}]-(n)", "both": "(a)-[r:{t}]-(n)"}
RELATED: dict[tuple[str, str], str] = {
    (t, direction): f"WITH $id AS x {_lookup('a', 'x')} MATCH {pattern.format(t=t)} "
    f"RETURN properties(r) AS rel, {_NODE_OUT}"
    for t in S.REL_TYPES
    for direction, pattern in _PATTERNS.items()
}
NEIGHBOUR_IDS = f"UNWIND $ids AS x {_lookup('a', 'x')} MATCH (a)--(n) RETURN DISTINCT n.id AS id"
RELS_AMONG = (
    f"UNWIND $ids AS x {_lookup('a', 'x')} MATCH (a)-[r]->(b) WHERE b.id IN $ids "
    "RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props"
)
SEARCH_CLAUSES = (
    "CALL db.index.fulltext.queryNodes('clause_search', $query) YIELD node AS n, score "
    f"RETURN {_NODE_OUT}, score ORDER BY score DESC, n.id LIMIT $candidates"
)
ALL_POLICIES = f"MATCH (n:Policy) RETURN {_NODE_OUT} ORDER BY n.id"
RELATIONSHIPS: dict[str, str] = {
    t: f"MATCH (a)-[r:{t}]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props"
    for t in S.REL_TYPES
}
CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
