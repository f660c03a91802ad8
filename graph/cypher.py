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
    # one lock node per name, also when two loads MERGE it at the same moment
    "CREATE CONSTRAINT policykg_lock_id IF NOT EXISTS FOR (n:PolicykgLock) REQUIRE n.id IS UNIQUE",
)
INDEXES: tuple[str, ...] = (
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
RETIRED_INDEXES: tuple[str, ...] = (
    "DROP INDEX clause_text IF EXISTS",
    *(f"DROP INDEX {label.lower()}_policy_id IF EXISTS" for label in S.OWNED_LABELS),
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
AWAIT_FULLTEXT = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"

# --- writing policies ----------------------------------------------------------------------

# Neo4j re-plans a cached statement once the graph's statistics have drifted far enough, and a
# load makes them drift all the time (a tenth of the server's time went to planning). Every
# plan of the write statements is a CREATE, a MERGE or an index seek on a uniqueness
# constraint, whatever the statistics, so they keep the plan they have (``replan=skip``).
BULK_PREFIX = "CYPHER replan=skip "

POLICY_BY_SOURCE = (
    "MATCH (p:Policy {source_key: $source_key}) RETURN p.id AS id, p.content_hash AS content_hash"
)
POLICIES_BY_SOURCES = (
    "UNWIND $source_keys AS key MATCH (p:Policy {source_key: key}) "
    "RETURN key AS source_key, p.id AS id, p.content_hash AS content_hash"
)
# A policy and every node of its tree (schema.OWNERSHIP_TYPES), relationships included.
_OWNED_BY = (
    f"OPTIONAL MATCH (p)-[:{'|'.join(S.OWNERSHIP_TYPES)}]->+(n) WHERE n.policy_id = p.id "
    "WITH p, collect(DISTINCT n) AS owned "
    "FOREACH (n IN owned | DETACH DELETE n) DETACH DELETE p"
)
DELETE_OWNED = f"MATCH (p:Policy {{id: $policy_id}}) {_OWNED_BY}"
DELETE_OWNED_MANY = BULK_PREFIX + f"UNWIND $policy_ids AS pid MATCH (p:Policy {{id: pid}}) CALL (p) {{ {_OWNED_BY} }}"

# Shared nodes are merged (several policies imply the same department); accumulating lists
# keep their items and gain the new ones.
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
# Relationships between nodes already stored, matched by id (derived links, and relationships
# carrying properties outside the schema); one between two shared nodes is merged.
CREATE_RELS: dict[tuple[str, str, str], str] = {
    (rel.name, start, end): (
        f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
        f"{'MERGE' if S.is_shared_pair(start, end) else 'CREATE'} (a)-[r:{rel.name}]->(b) SET r = row.props"
    )
    for rel in S.REL_TYPES.values()
    for start, end in rel.ends
}
BULK_CREATE_RELS = {key: BULK_PREFIX + statement for key, statement in CREATE_RELS.items()}
# one relationship per statement, for the one-row-per-transaction baseline of the benchmark
CREATE_REL_SINGLE: dict[tuple[str, str, str], str] = {
    key: q.replace("UNWIND $rows AS row ", "WITH $row AS row ") for key, q in CREATE_RELS.items()
}

# Rows of WRITE_ROWS are lists in a fixed property order (schema order; a null item sets
# nothing): the property keys are resolved once, when the statement is planned, instead of per
# row and property as ``SET n = row`` does, and no key string travels with every row.
NODE_COLUMNS: dict[str, tuple[str, ...]] = {
    label: ("id", *(p.name for p in S.NODE_LABELS[label].properties)) for label in S.OWNED_LABELS
}
NODE_COLUMNS[S.CLAUSE] += (S.CLAUSE_SEARCH_VARIANT,)
REL_COLUMNS: dict[str, tuple[str, ...]] = {t: tuple(p.name for p in rel.properties) for t, rel in S.REL_TYPES.items()}


def group_key(rel_type: str, start: str, end: str) -> str:
    """Parameter key of one relationship group in ``WRITE_ROWS``: ``HAS_CLAUSE__Policy__Clause``."""
    return "__".join((rel_type, start, end))


def _nodes_var(label: str) -> str:
    return f"nodes_{label}"


def _columns(names: list[str], first: int) -> str:
    return ", ".join(f"`{name}`: row[{i}]" for i, name in enumerate(names, start=first))


def _write_nodes_unit(label: str) -> str:
    rows = f"$nodes.{label}"
    if label in S.OWNED_LABELS:  # created: their policy's old nodes were deleted first
        body = f"UNWIND {rows} AS row CREATE (n:{label} {{{_columns(list(NODE_COLUMNS[label]), 0)}}})"
    else:
        body = MERGE_NODES[label].replace("$rows", rows)
    return f"CALL () {{ {body} RETURN collect(n) AS {_nodes_var(label)} }}"


def _write_rels_unit(rel_type: str, start: str, end: str) -> str:
    cols = list(REL_COLUMNS[rel_type])
    imports = ", ".join(dict.fromkeys((_nodes_var(start), _nodes_var(end))))
    head = (f"CALL ({imports}) {{ UNWIND $rels.{group_key(rel_type, start, end)} AS row "
            f"WITH {_nodes_var(start)}[row[0]] AS a, {_nodes_var(end)}[row[1]] AS b, row ")
    if not S.is_shared_pair(start, end):
        props = f" {{{_columns(cols, 2)}}}" if cols else ""
        return head + f"CREATE (a)-[:{rel_type}{props}]->(b) }}"
    # stored once: the first writer's properties stay, as in the embedded store
    sets = ", ".join(f"r.`{name}` = row[{i}]" for i, name in enumerate(cols, start=2))
    return head + f"MERGE (a)-[r:{rel_type}]->(b)" + (f" ON CREATE SET {sets}" if sets else "") + " }"


# Policies in one statement, one planned text whatever they hold. ``$nodes`` maps each label
# to the rows of its nodes (owned: lists in NODE_COLUMNS order; shared: maps), and each label's
# nodes are collected in row order; ``$rels`` maps each group_key to
# ``[start position, end position, *REL_COLUMNS]`` rows, which take their end nodes from those
# lists, so a relationship costs no index seek (two per relationship were a third of a load's
# server time). A label or group missing from the maps writes nothing.
WRITE_ROWS = BULK_PREFIX + " ".join(
    [_write_nodes_unit(label) for label in S.NODE_LABELS]
    + [_write_rels_unit(*key) for key in CREATE_RELS]
) + " FINISH"
# properties outside the schema, added to nodes WRITE_ROWS created
SET_EXTRA_PROPS: dict[str, str] = {
    label: BULK_PREFIX + f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n += row.props"
    for label in S.OWNED_LABELS
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

# A rebuild runs in a transaction that first takes the write lock of one lock node (outside
# the schema: no label of it is counted, exported or read) and keeps it to its end, so
# rebuilds of concurrent loads run one after the other. It reads the links there are, deletes
# the ones no longer found (and every copy of a doubled one) and MERGEs the rest, so a
# rebuild writes only what changed and a rerun converges.
LOCK_LABEL = "PolicykgLock"
LOCK_DERIVED_LINKS = f"MERGE (l:{LOCK_LABEL} {{id: 'derived-links'}}) SET l.taken_at = timestamp()"
DERIVED_CITES = (
    "MATCH (a)-[r:CITES]->(b:Policy) "
    "RETURN labels(a) AS start_labels, a.id AS start, ['Policy'] AS end_labels, b.id AS end, properties(r) AS props"
)
DERIVED_SIMILAR = (
    "MATCH (a)-[r:SIMILAR_TO]->(b) "
    "RETURN labels(a) AS start_labels, a.id AS start, labels(b) AS end_labels, b.id AS end, properties(r) AS props"
)
_DERIVED_KEYS = [("CITES", start, S.POLICY) for start, end in S.REL_TYPES["CITES"].ends if end == S.POLICY]
_DERIVED_KEYS += [("SIMILAR_TO", start, end) for start, end in S.REL_TYPES["SIMILAR_TO"].ends]
DELETE_DERIVED: dict[tuple[str, str, str], str] = {
    (t, a, b): f"UNWIND $rows AS row MATCH (a:{a} {{id: row.start}})-[r:{t}]->(b:{b} {{id: row.end}}) DELETE r"
    for t, a, b in _DERIVED_KEYS
}
MERGE_DERIVED: dict[tuple[str, str, str], str] = {
    (t, a, b): f"UNWIND $rows AS row MATCH (a:{a} {{id: row.start}}) MATCH (b:{b} {{id: row.end}}) "
    f"MERGE (a)-[r:{t}]->(b) SET r = row.props"
    for t, a, b in _DERIVED_KEYS
}

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

# --- bookkeeping nodes: the test run's ownership marker --------------------------------------

# Labels of bookkeeping nodes, not policy data (an allowlist, like schema.NODE_LABELS): the
# marker of the database a test run may clear, and the lock node of derived-link rebuilds.
# Every read above matches schema labels only, so none of them sees these; clearing keeps them.
TEST_MARKER_LABEL = "PolicykgTestMarker"
MARKER_LABELS: tuple[str, ...] = (TEST_MARKER_LABEL, LOCK_LABEL)
CLEAR_DATA = (
    f"MATCH (n) WHERE NOT n:{'|'.join(MARKER_LABELS)} "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
)
# what the database holds besides bookkeeping nodes: a count and the first few labels
DATA_SUMMARY = (
    f"CALL () {{ MATCH (n) WHERE NOT n:{'|'.join(MARKER_LABELS)} RETURN count(n) AS nodes }} "
    f"CALL () {{ MATCH (n) WHERE NOT n:{'|'.join(MARKER_LABELS)} WITH n LIMIT 1000 "
    "UNWIND labels(n) AS label RETURN collect(DISTINCT label)[..5] AS labels } "
    "RETURN nodes, labels"
)
TEST_MARKER_COUNT = f"MATCH (m:{TEST_MARKER_LABEL} {{owner: $owner}}) RETURN count(m) AS markers"
CREATE_TEST_MARKER = f"MERGE (m:{TEST_MARKER_LABEL} {{owner: $owner}}) ON CREATE SET m.created = datetime()"
DELETE_TEST_MARKER = f"MATCH (m:{TEST_MARKER_LABEL} {{owner: $owner}}) DELETE m"
# a database of its own for the test suite, on servers that host several (Enterprise, some Aura tiers)
TEST_DATABASE = "policykgtests"
CREATE_TEST_DATABASE = f"CREATE DATABASE {TEST_DATABASE} IF NOT EXISTS WAIT 60 SECONDS"

# --- research views (graph/research.py) ------------------------------------------------------
# A policy is in force on $on when its start (effective_from, else the date of issue) or its end
# is known, it has started and it has not ended; $on null keeps every policy.
_IN_FORCE_ON = (
    "($on IS NULL OR ((coalesce(p.effective_from, p.date) IS NOT NULL OR p.effective_until IS NOT NULL) "
    "AND coalesce(coalesce(p.effective_from, p.date) <= $on, true) "
    "AND coalesce($on <= p.effective_until, true)))"
)
# the policies of the chosen regions, found from the Region nodes by their unique id; the
# *_ALL_REGIONS forms take every region (a disjunction would keep the planner off the index)
_POLICIES_IN_REGIONS = (
    "MATCH (r:Region) WHERE r.id IN $region_ids "
    f"MATCH (p:Policy)-[:IN_REGION]->(r) WHERE {_IN_FORCE_ON} "
)
_POLICIES_IN_ALL_REGIONS = f"MATCH (p:Policy)-[:IN_REGION]->(r:Region) WHERE {_IN_FORCE_ON} "
_MIX = (
    "MATCH (p)-[:HAS_SECTION|HAS_CLAUSE*1..]->(:Clause)-[:PROVIDES]->(i:Instrument) "
    "RETURN r.name AS region, i.type AS type, i.category AS category, "
    "count(DISTINCT i) AS instruments, count(DISTINCT p) AS policies ORDER BY region, type"
)
_PER_REGION = "RETURN r.name AS region, count(DISTINCT p) AS policies ORDER BY region"
_SHARED = (
    "MATCH (p)-[:HAS_SECTION|HAS_CLAUSE*1..]->(c:Clause) "
    "MATCH (a:Department)-[:RESPONSIBLE_FOR]->(c)<-[:RESPONSIBLE_FOR]-(b:Department) WHERE a.id < b.id "
    "RETURN a.id AS a, b.id AS b, count(DISTINCT c) AS shared ORDER BY shared DESC, a, b LIMIT $limit"
)
INSTRUMENT_MIX = _POLICIES_IN_REGIONS + _MIX
INSTRUMENT_MIX_ALL_REGIONS = _POLICIES_IN_ALL_REGIONS + _MIX
POLICIES_PER_REGION = _POLICIES_IN_REGIONS + _PER_REGION
POLICIES_PER_REGION_ALL_REGIONS = _POLICIES_IN_ALL_REGIONS + _PER_REGION
SHARED_RESPONSIBILITY = _POLICIES_IN_REGIONS + _SHARED
SHARED_RESPONSIBILITY_ALL_REGIONS = _POLICIES_IN_ALL_REGIONS + _SHARED
SIMILAR_CLAUSES = (
    "MATCH (c:Clause {id: $id})-[s:SIMILAR_TO]-(o:Clause) "
    "RETURN o.id AS id, s.score AS score ORDER BY id"
)
CITES_AMONG = (
    "UNWIND $policy_ids AS x MATCH (p:Policy {id: x}) "
    "MATCH (p)-[:HAS_SECTION|HAS_CLAUSE*0..]->(n)-[:CITES]->(q:Policy) WHERE q.id IN $policy_ids AND q.id <> p.id "
    "RETURN DISTINCT p.id AS start, q.id AS end ORDER BY start, end"
)
