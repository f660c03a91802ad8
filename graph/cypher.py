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


# A clause's search document (schema.CLAUSE_SEARCH_PROPS, for the full-text index only) and the
# link keys (schema.INDEX_ONLY_PROPS) are nulled out of every answer: they are there for indexes,
# and no read returns them.
_CLAUSE_PROPS = "n {.*, " + ", ".join(f"{p}: null" for p in S.INDEX_ONLY_PROPS[S.CLAUSE]) + "}"
_NODE_PROPS = (
    f"CASE WHEN n:Clause THEN {_CLAUSE_PROPS} "
    + " ".join(f"WHEN n:{label} THEN n {{.*, " + ", ".join(f"{p}: null" for p in props) + "}"
               for label, props in S.INDEX_ONLY_PROPS.items() if label != S.CLAUSE)
    + " ELSE properties(n) END"
)
_NODE_OUT = f"n.id AS id, labels(n) AS labels, {_NODE_PROPS} AS props"
# the same as the entries of a map: a read of many rows collects them into one record, which the
# driver decodes as one message instead of one per row
_NODE_MAP = f"id: n.id, labels: labels(n), props: {_NODE_PROPS}"


def in_force(var: str, on: str) -> str:
    """Whether the policy ``var`` is in force on the date parameter ``on`` (graph/validity.py
    says the same in Python): its start (effective_from, else the date of issue) or its end is
    known, it has started and it has not ended; ``on`` null keeps every policy."""
    start = f"coalesce({var}.effective_from, {var}.date)"
    return (f"({on} IS NULL OR (({start} IS NOT NULL OR {var}.effective_until IS NOT NULL) "
            f"AND coalesce({start} <= {on}, true) AND coalesce({on} <= {var}.effective_until, true)))")


# the policy owning node n is in force on $in_force_on (shared nodes, owned by none, always are);
# a node whose policy is missing is not (validity.in_force_on of no properties)
_OWNER_IN_FORCE = (
    "($in_force_on IS NULL OR CASE WHEN n:Policy THEN " + in_force("n", "$in_force_on") + " "
    "WHEN n.policy_id IS NULL THEN true "
    "ELSE EXISTS { MATCH (p:Policy {id: n.policy_id}) WHERE " + in_force("p", "$in_force_on") + " } END)"
)

# --- schema ------------------------------------------------------------------------------

# Instrument properties with a range index of their own (``type`` keeps its older index name)
INSTRUMENT_INDEXED: tuple[str, ...] = ("category", "beneficiary", "region", "province", "national", "sort_key")

CONSTRAINTS: tuple[str, ...] = (
    *(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
      for label in S.NODE_LABELS),
    "CREATE CONSTRAINT policy_source_key IF NOT EXISTS FOR (n:Policy) REQUIRE n.source_key IS UNIQUE",
    # one lock node per name, also when two loads MERGE it at the same moment
    "CREATE CONSTRAINT policykg_lock_id IF NOT EXISTS FOR (n:PolicykgLock) REQUIRE n.id IS UNIQUE",
    # the data version node (DATA_VERSION), found by this constraint's index
    "CREATE CONSTRAINT policykg_data_version_id IF NOT EXISTS FOR (n:PolicykgDataVersion) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT policykg_figure_key IF NOT EXISTS FOR (n:PolicykgFigure) REQUIRE n.key IS UNIQUE",
)
INDEXES: tuple[str, ...] = (
    *(f"CREATE INDEX {label.lower()}_code IF NOT EXISTS FOR (n:{label}) ON (n.code)"
      for label in (S.FUNCTION, S.BENEFICIARY_TYPE, S.INSTRUMENT_TYPE)),
    "CREATE INDEX department_function IF NOT EXISTS FOR (n:Department) ON (n.function)",
    "CREATE INDEX instrument_type IF NOT EXISTS FOR (n:Instrument) ON (n.type)",
    "CREATE INDEX policy_doc_number IF NOT EXISTS FOR (n:Policy) ON (n.doc_number)",
    # the anchors of the per-resource reads (see INSTRUMENT_ANCHORS below)
    *(f"CREATE INDEX instrument_{prop} IF NOT EXISTS FOR (n:Instrument) ON (n.{prop})"
      for prop in INSTRUMENT_INDEXED),
    # a region's (or province's) instruments in cap order and in list order, read from the index in
    # that order, a page's worth (INSTRUMENT_REGION_TOP)
    *(f"CREATE INDEX instrument_{place}_{prop} IF NOT EXISTS FOR (n:Instrument) ON (n.{place}, n.{prop})"
      for place in ("region", "province") for prop in ("cap_yuan", "sort_key")),
    # a beneficiary type's instruments in list order, in a region, in national policies, or all
    # (PROVISION_TOP)
    "CREATE INDEX instrument_beneficiary_region_sort_key IF NOT EXISTS FOR (n:Instrument) "
    "ON (n.beneficiary, n.region, n.sort_key)",
    "CREATE INDEX instrument_beneficiary_national_sort_key IF NOT EXISTS FOR (n:Instrument) "
    "ON (n.beneficiary, n.national, n.sort_key)",
    "CREATE INDEX instrument_beneficiary_sort_key IF NOT EXISTS FOR (n:Instrument) ON (n.beneficiary, n.sort_key)",
    "CREATE INDEX policy_region IF NOT EXISTS FOR (n:Policy) ON (n.region)",
    "CREATE INDEX policy_province IF NOT EXISTS FOR (n:Policy) ON (n.province)",
    # the list of every policy, newest first, is read from it in that order (POLICY_PAGE_DATED)
    "CREATE INDEX policy_date IF NOT EXISTS FOR (n:Policy) ON (n.date)",
    # Eventually consistent: Lucene indexes the clause tokens in a background thread after each
    # commit instead of inside it, so loading the next batch overlaps with it; Neo4jStore waits for
    # it (AWAIT_FULLTEXT) before every search, after write_policy and in save(), so its own reads
    # always see its writes. The tokens are cut by policykg (graph/search_text.py) and joined by
    # spaces, so the whitespace analyzer takes them as they are, like the embedded FTS5 index.
    "CREATE FULLTEXT INDEX clause_tokens IF NOT EXISTS FOR (c:Clause) "
    "ON EACH [c.search_tokens, c.search_facets] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: true}}",
    # incremental linking: the texts that mention a title stem (CONTAINS, on trigrams) and the cited
    # documents a title names (CITING_BY_TEXT, CITING_BY_TITLE)
    *(f"CREATE TEXT INDEX {label.lower()}_link_norm IF NOT EXISTS FOR (n:{label}) ON (n.link_norm)"
      for label in S.LINK_NORM_LABELS),
    "CREATE INDEX cited_title_key IF NOT EXISTS FOR (n:CitedDocument) ON (n.title_key)",
    # names that suggestions match with STARTS WITH / CONTAINS
    *(f"CREATE TEXT INDEX suggest_{label.lower()} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
      for label, prop in S.SUGGEST_NAMES.items()),
)
# indexes of earlier versions of the schema, dropped when the schema is set up
RETIRED_INDEXES: tuple[str, ...] = (
    "DROP INDEX clause_text IF EXISTS",
    "DROP INDEX clause_search IF EXISTS",  # the cjk character-bigram index of clause texts
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
NODE_COLUMNS[S.CLAUSE] += S.CLAUSE_SEARCH_PROPS
for _label in S.LINK_NORM_LABELS:  # the words running-text citations match (schema.LINK_NORM_LABELS)
    NODE_COLUMNS[_label] += ("link_norm",)
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

# Rebuilds run one at a time under a lease on one lock node (outside the schema: no label of it
# is counted, exported or read), so rebuilds of concurrent loads run one after the other while
# every step of a rebuild is a short transaction of its own: no transaction grows with the
# corpus or lives as long as the computing. TOUCH takes the node's write lock (held to the end
# of its transaction) before TAKE reads the holder, so two takers cannot both see it free; a
# lease whose holder died expires after its ``$lease_ms`` unless RENEWed.
LOCK_LABEL = "PolicykgLock"
TOUCH_LINK_LOCK = f"MERGE (l:{LOCK_LABEL} {{id: 'derived-links'}}) SET l.touched_at = timestamp()"
TAKE_LINK_LOCK = (
    f"MATCH (l:{LOCK_LABEL} {{id: 'derived-links'}}) "
    "WHERE l.holder IS NULL OR l.holder = $holder OR l.expires_at < timestamp() "
    "SET l.holder = $holder, l.expires_at = timestamp() + $lease_ms, l.taken_at = timestamp() "
    "RETURN count(l) AS taken"
)
RENEW_LINK_LOCK = (
    f"MATCH (l:{LOCK_LABEL} {{id: 'derived-links'}}) WHERE l.holder = $holder "
    "SET l.expires_at = timestamp() + $lease_ms RETURN count(l) AS held"
)
RELEASE_LINK_LOCK = (
    f"MATCH (l:{LOCK_LABEL} {{id: 'derived-links'}}) WHERE l.holder = $holder REMOVE l.holder, l.expires_at"
)
_DERIVED_KEYS = [("CITES", start, S.POLICY) for start, end in S.REL_TYPES["CITES"].ends if end == S.POLICY]
_DERIVED_KEYS += [("SIMILAR_TO", start, end) for start, end in S.REL_TYPES["SIMILAR_TO"].ends]
DELETE_DERIVED: dict[tuple[str, str, str], str] = {
    (t, a, b): f"UNWIND $rows AS row MATCH (a:{a} {{id: row.start}})-[r:{t}]->(b:{b} {{id: row.end}}) DELETE r"
    for t, a, b in _DERIVED_KEYS
}
# The stored derived links, a page of start nodes at a time (in id order, from the id index):
# one row per start node, with end null when it has none; the next page starts after the last.
DERIVED_PAGE: dict[tuple[str, str, str], str] = {
    (t, a, b): f"MATCH (a:{a}) WHERE a.id > $after WITH a ORDER BY a.id LIMIT $limit "
    f"OPTIONAL MATCH (a)-[r:{t}]->(b:{b}) RETURN a.id AS start, b.id AS end, properties(r) AS props"
    for t, a, b in _DERIVED_KEYS
}
MERGE_DERIVED: dict[tuple[str, str, str], str] = {
    (t, a, b): f"UNWIND $rows AS row MATCH (a:{a} {{id: row.start}}) MATCH (b:{b} {{id: row.end}}) "
    f"MERGE (a)-[r:{t}]->(b) SET r = row.props"
    for t, a, b in _DERIVED_KEYS
}

# --- reads -----------------------------------------------------------------------------------

# each count aggregated alone (WITH count(…)) so the planner reads it from the count store; with the
# constant columns in the same RETURN it would group by them and scan every node or relationship
COUNTS = " UNION ALL ".join(
    [f"MATCH (n:{label}) WITH count(n) AS n RETURN 'node' AS kind, '{label}' AS name, n" for label in S.NODE_LABELS]
    + [f"MATCH ()-[r:{t}]->() WITH count(r) AS n RETURN 'rel' AS kind, '{t}' AS name, n" for t in S.REL_TYPES]
)
GET_NODE = f"WITH $id AS x {_lookup('n', 'x')} RETURN {_NODE_OUT}"
NODES_BY_IDS = f"UNWIND $ids AS x {_lookup('n', 'x')} RETURN {_NODE_OUT}"
# the same for a node of a known label: one index seek, not one per label
GET_NODE_OF: dict[str, str] = {label: f"MATCH (n:{label} {{id: $id}}) RETURN {_NODE_OUT}" for label in S.NODE_LABELS}
NODES_OF_BY_IDS: dict[str, str] = {
    label: f"UNWIND $ids AS x MATCH (n:{label} {{id: x}}) RETURN {_NODE_OUT}" for label in S.NODE_LABELS}
_FILTER = "WHERE all(k IN keys($filters) WHERE n[k] = $filters[k])"
FIND_NODES: dict[str, str] = {
    label: f"MATCH (n:{label}) {_FILTER} RETURN {_NODE_OUT} ORDER BY n.id SKIP $offset LIMIT $limit"
    for label in S.NODE_LABELS
}
# The nodes a policy owns (``find_nodes`` filtered by ``policy_id``): walked from the Policy
# down its tree, since ``policy_id`` has no index (see OWNERSHIP_TYPES in schema.py).
FIND_OWNED: dict[str, str] = {
    label: f"MATCH (:Policy {{id: $filters.policy_id}})-[:{'|'.join(S.OWNERSHIP_TYPES)}*1..]->(n:{label}) "
    f"WITH DISTINCT n {_FILTER} RETURN {_NODE_OUT} ORDER BY n.id SKIP $offset LIMIT $limit"
    for label in S.OWNED_LABELS
}
# A policy's outline: its sections and clauses down its tree, with the outline properties only
# (never the texts), in document order, as one record (one message for the driver to decode).
# the outline of the policy p (its sections and clauses, outline properties only) as one list
_OUTLINE_ROWS = (
    "MATCH (p)-[:HAS_SECTION|HAS_CLAUSE*1..]->(n) WHERE n:Section OR n:Clause "
    "WITH DISTINCT n ORDER BY n.order, n.id "
    "RETURN collect([n.id, labels(n), n {" + ", ".join(f".{p}" for p in S.OUTLINE_PROPS) + "}]) AS outline"
)
POLICY_OUTLINE = "MATCH (p:Policy {id: $id}) " + _OUTLINE_ROWS
# Every node of a label (``find_nodes`` without a limit), a page at a time in id order from the
# id index: the next page starts after the last id, so no read grows with the corpus.
FIND_NODES_AFTER: dict[str, str] = {
    label: f"MATCH (n:{label}) WHERE n.id > $after WITH n ORDER BY n.id {_FILTER} "
    f"RETURN {_NODE_OUT}, n.id AS cursor LIMIT $limit"
    for label in S.NODE_LABELS
}
# The words of every clause or section for linking (citations in running text, similar
# clauses): four fields a row, a page of ids at a time, never the whole nodes.
LINK_TEXT_LABELS = ("Clause", "Section")
LINK_TEXTS_AFTER: dict[str, str] = {
    label: f"MATCH (n:{label}) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit "
    "RETURN n.id AS id, n.policy_id AS policy_id, coalesce(n.text_simplified, n.text, '') AS text, n.label AS label"
    for label in LINK_TEXT_LABELS
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
# ``RELATED`` for many nodes in one read (a policy's clauses, say): one round trip, not one per node
RELATED_MANY: dict[tuple[str, str], str] = {
    (t, direction): f"UNWIND $ids AS x {_lookup('a', 'x')} MATCH {pattern.format(t=t)} "
    f"RETURN x AS source, properties(r) AS rel, {_NODE_OUT}"
    for t in S.REL_TYPES
    for direction, pattern in _PATTERNS.items()
}


def _related_kinds(kinds: tuple[tuple[str, str], ...]) -> str:
    for rel_type, direction in kinds:  # types and directions from the schema's allowlists only
        S.check_rel_type(rel_type)
        S.check_direction(direction)
    types = "|".join(sorted({rel_type for rel_type, _ in kinds}))
    return (f"UNWIND $ids AS x {_lookup('a', 'x')} MATCH (a)-[r:{types}]-(n) "
            f"RETURN collect({{source: x, type: type(r), outgoing: startNode(r) = a, rel: properties(r), {_NODE_MAP}}}) "
            "AS rows")


# Several kinds of ``RELATED`` for many nodes in one read (schema.RELATED_KIND_SETS): the
# relationships of every listed type in both directions, as one record of rows; the store keeps
# the asked directions.
RELATED_KINDS: dict[tuple[tuple[str, str], ...], str] = {kinds: _related_kinds(kinds) for kinds in S.RELATED_KIND_SETS}



# the policies the node a and the related nodes of its rows belong to (their policy_id), by their index
_ROW_POLICIES = (
    "UNWIND [a.policy_id] + [row IN rows | row.props.policy_id] AS pid WITH DISTINCT pid WHERE pid IS NOT NULL "
    f"MATCH (n:Policy {{id: pid}}) RETURN collect({{{_NODE_MAP}}}) AS policies"
)
_VIEW_EXTRAS = {"outline": f"CALL (a) {{ WITH a AS p {_OUTLINE_ROWS} }} ",
                "policies": f"CALL (a, rows) {{ {_ROW_POLICIES} }} "}


def _node_view(label: str, kinds: tuple[tuple[str, str], ...], extra: str) -> str:
    S.check_label(label)
    types = "|".join(sorted({S.check_rel_type(rel_type) for rel_type, _ in kinds}))
    return (f"MATCH (a:{label} {{id: $id}}) "
            f"CALL (a) {{ MATCH (a)-[r:{types}]-(n) "
            f"RETURN collect({{type: type(r), outgoing: startNode(r) = a, rel: properties(r), {_NODE_MAP}}}) AS rows }} "
            + _VIEW_EXTRAS[extra]
            + f"WITH a AS n, rows, {extra} RETURN {_NODE_OUT}, rows, {extra}")


# A node with its relationships of a kind set and its extra (a policy's outline, a clause's
# policies), in one read (``GraphStore.node_view``, schema.NODE_VIEWS): one index seek to start
NODE_VIEW: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {
    (label, kinds): _node_view(label, kinds, extra) for label, kinds, extra in S.NODE_VIEWS}

NEIGHBOUR_IDS = f"UNWIND $ids AS x {_lookup('a', 'x')} MATCH (a)--(n) RETURN DISTINCT n.id AS id"
# the neighbours that belong to no policy or to one in force on $in_force_on
NEIGHBOUR_IDS_IN_FORCE = (
    f"UNWIND $ids AS x {_lookup('a', 'x')} MATCH (a)--(n) WITH DISTINCT n WHERE {_OWNER_IN_FORCE} RETURN n.id AS id"
)
RELS_AMONG = (
    f"UNWIND $ids AS x {_lookup('a', 'x')} MATCH (a)-[r]->(b) WHERE b.id IN $ids "
    "RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props"
)
# The lexicographically smallest (by node ids) of the shortest undirected paths between two
# nodes, at most MAX_PATH_HOPS long; the embedded store picks the same one (see store.py).
MAX_PATH_HOPS = 6
SHORTEST_PATH = (
    f"WITH $from AS x {_lookup('a', 'x')} WITH a, $to AS y {_lookup('b', 'y')} "
    f"MATCH p = allShortestPaths((a)-[*..{MAX_PATH_HOPS}]-(b)) WHERE length(p) <= $max_hops "
    "RETURN [n IN nodes(p) | n.id] AS ids ORDER BY ids LIMIT 1"
)
# The same path through nodes in force on $in_force_on (_OWNER_IN_FORCE: a policy in force, a
# node of one, or a shared node owned by none); its two ends may be any nodes. The condition
# reads only the node and, for an owned node, its policy by the unique id index, so Neo4j prunes
# with it node by node while it searches breadth first: nothing is read for the policies the
# search never reaches.
SHORTEST_PATH_IN_FORCE = (
    f"WITH $from AS x {_lookup('a', 'x')} WITH a, $to AS y {_lookup('b', 'y')} "
    f"MATCH path = allShortestPaths((a)-[*..{MAX_PATH_HOPS}]-(b)) WHERE length(path) <= $max_hops "
    f"AND all(n IN nodes(path) WHERE n.id IN [$from, $to] OR {_OWNER_IN_FORCE}) "
    "RETURN [n IN nodes(path) | n.id] AS ids ORDER BY ids LIMIT 1"
)
# Clause search (graph/search_text.py): the index's best matches of a Lucene query on the clause
# tokens (with facet clauses of boost 0), the statistics of the common ranking, and the hits.
SEARCH_INDEX = "clause_tokens"
# How often each query term is among a candidate's index tokens, counted in the database: a
# candidate's row carries a number per term, not its tokens (``search_text.term_counts``).
_TERM_COUNTS = "[t IN $terms | size([x IN split(coalesce(n.search_tokens, ''), ' ') WHERE x = t])]"
# The candidates come as one record, a list of [id, counts, length] best first: one message to
# decode instead of one per candidate, which is most of a search's time in the driver.
_CANDIDATE_ROWS = (f"WITH n, score ORDER BY score DESC, n.id LIMIT $candidates "
                   f"RETURN collect([n.id, {_TERM_COUNTS}, n.search_length]) AS rows")
SEARCH_CANDIDATES = (
    "CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node AS n, score "
    + _CANDIDATE_ROWS
)
# The statistics of the common ranking: the corpus's clauses and tokens (every clause read),
# and each query term's document frequency (every full-text match of it counted). Both only
# change with the data, so Neo4jStore keeps them per data version (DATA_VERSION).
SEARCH_CORPUS_STATS = "MATCH (c:Clause) RETURN count(c) AS clauses, sum(c.search_length) AS tokens"
SEARCH_TERM_COUNTS = (
    "UNWIND $queries AS q CALL (q) { "
    "CALL db.index.fulltext.queryNodes($index, q) YIELD node RETURN count(node) AS n } "
    "RETURN collect(n) AS df"
)
# the same, keeping the candidates whose policy is in force on $in_force_on
SEARCH_CANDIDATES_IN_FORCE = (
    "CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node AS n, score "
    "MATCH (p:Policy {id: n.policy_id}) WHERE " + in_force("p", "$in_force_on") + " "
    + _CANDIDATE_ROWS
)
SEARCH_HITS = (
    "UNWIND $ids AS x MATCH (n:Clause {id: x}) "
    f"RETURN {_NODE_OUT}, n.search_tokens AS tokens, n.search_spans AS spans"
)
# Suggestions: names that start with or contain $q, per label (text indexes), prefix matches first.
SUGGEST: dict[str, str] = {
    label: f"MATCH (n:{label}) WHERE n.{prop} CONTAINS $q "
    f"RETURN n.id AS id, n.{prop} AS name, n.{prop} STARTS WITH $q AS prefix "
    f"ORDER BY prefix DESC, size(n.{prop}), n.{prop}, n.id LIMIT $limit"
    for label, prop in S.SUGGEST_NAMES.items()
}
ALL_POLICIES = f"MATCH (n:Policy) RETURN {_NODE_OUT} ORDER BY n.id"


def _name_search(label: str) -> str:
    props, lists = S.name_search_props(label)
    matches = [f"n.{prop} CONTAINS $q" for prop in props]
    matches += [f"any(x IN coalesce(n.{prop}, []) WHERE x CONTAINS $q)" for prop in lists]
    return f"MATCH (n:{label}) WHERE {' OR '.join(matches)} RETURN {_NODE_OUT} ORDER BY n.id LIMIT $limit"


# The graph browser's search (``name_search``): the first $limit nodes of a label, by id, whose
# name-like properties (schema.name_search_props) contain $q.
NAME_SEARCH: dict[str, str] = {label: _name_search(label) for label in S.NAME_SEARCH_LABELS}
# Every relationship of a type (``relationships``), a page of start nodes (by label, in id
# order) at a time; rows without a relationship (type null) only carry the cursor.
RELATIONSHIPS_AFTER: dict[tuple[str, str], str] = {
    (t, start): f"MATCH (a:{start}) WHERE a.id > $after WITH a ORDER BY a.id LIMIT $limit "
    f"OPTIONAL MATCH (a)-[r:{t}]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, "
    "properties(r) AS props"
    for t in S.REL_TYPES
    for start in sorted({a for a, _ in S.REL_TYPES[t].ends})
}

# --- bookkeeping nodes: the test run's ownership marker --------------------------------------

# Labels of bookkeeping nodes, not policy data (an allowlist, like schema.NODE_LABELS): the
# marker of the database a test run may clear, the lock node of derived-link rebuilds and the
# data version. Every read above matches schema labels only, so none of them sees these;
# clearing keeps them.
TEST_MARKER_LABEL = "PolicykgTestMarker"
VERSION_LABEL = "PolicykgDataVersion"
MARKER_LABELS: tuple[str, ...] = (TEST_MARKER_LABEL, LOCK_LABEL, VERSION_LABEL)

# The data version: one node whose ``version`` every write of policy data raises in the
# transaction of the write (its last statement, so the node's write lock is held only until the
# commit and no transaction holding it waits for another lock), and whose ``epoch`` is drawn when
# it is created (a database replaced by an import, or cleared of it, starts a new epoch). Reads
# keep figures computed from the data under (epoch, version) and use them while it is unchanged.
# The first SET takes the node's write lock before the version is read, so no two writes
# commit the same number.
BUMP_DATA_VERSION = (
    f"MERGE (v:{VERSION_LABEL} {{id: 'data'}}) ON CREATE SET v.epoch = randomUUID() "
    "SET v.changed_at = timestamp() WITH v SET v.version = coalesce(v.version, 0) + 1"
)
# the node created when missing, its version unchanged (what setting up the schema does)
ENSURE_DATA_VERSION = (
    f"MERGE (v:{VERSION_LABEL} {{id: 'data'}}) "
    "ON CREATE SET v.epoch = randomUUID(), v.version = 0, v.changed_at = timestamp()"
)
# one seek on the constraint's index; no row while the node is missing (nothing is kept then)
DATA_VERSION = f"MATCH (v:{VERSION_LABEL} {{id: 'data'}}) RETURN v.epoch AS epoch, v.version AS version LIMIT 1"
# Stored figures (graph/stored_figures.py): figures of the API's default answers computed after a
# load, one node per figure, keyed by its JSON-encoded key and valid for the data version it was
# computed under. Derived data like the derived links: clearing deletes them with the rest.
FIGURE_LABEL = "PolicykgFigure"
# one seek on the key constraint's index per key; a figure of another version is not returned
READ_FIGURES = (
    f"UNWIND $keys AS k MATCH (f:{FIGURE_LABEL} {{key: k}}) "
    "WHERE f.epoch = $epoch AND f.version = $version RETURN f.key AS key, f.value AS value"
)
WRITE_FIGURES = (
    f"UNWIND $rows AS row MERGE (f:{FIGURE_LABEL} {{key: row.key}}) "
    "SET f.epoch = row.epoch, f.version = row.version, f.value = row.value"
)
# figures of any other version than $epoch/$version (auto-commit: batches of its own)
DELETE_OTHER_FIGURES = (
    f"MATCH (f:{FIGURE_LABEL}) WHERE f.epoch <> $epoch OR f.version <> $version "
    "CALL (f) { DELETE f } IN TRANSACTIONS OF 10000 ROWS"
)
COUNT_FIGURES = f"MATCH (f:{FIGURE_LABEL}) RETURN count(f) AS n"
# The figures stored under one version, their keys only (an incremental keep decides from the key
# which figures a change leaves right), and those carried to the next version unchanged.
FIGURE_KEYS_OF_VERSION = f"MATCH (f:{FIGURE_LABEL}) WHERE f.epoch = $epoch AND f.version = $version RETURN f.key AS key"
# The length of the stored figures' values (characters of JSON text): carried in bounded transactions.
FIGURE_SIZES = (
    f"UNWIND $keys AS k MATCH (f:{FIGURE_LABEL} {{key: k}}) WHERE f.epoch = $epoch AND f.version = $version "
    "RETURN k AS key, size(f.value) AS size"
)
CARRY_FIGURES = (
    f"UNWIND $keys AS k MATCH (f:{FIGURE_LABEL} {{key: k}}) WHERE f.epoch = $epoch AND f.version = $base "
    "SET f.version = $now"
)
# The version whose stored figures are complete (every default figure computed under it, none
# skipped by a write during the computation) and the kinds of figure that were stored (a policykg
# storing other kinds computes them all): kept on the data version node, not raising it.
MARK_FIGURES_COMPLETE = (
    f"MATCH (v:{VERSION_LABEL} {{id: 'data'}}) WHERE v.epoch = $epoch "
    "SET v.figures_version = $version, v.figures_kinds = $kinds"
)
# Said before stored figures are moved from the complete version to a new one: a keep that fails
# while moving them leaves no version called complete, and the next keep computes them all.
UNMARK_FIGURES_COMPLETE = f"MATCH (v:{VERSION_LABEL} {{id: 'data'}}) REMOVE v.figures_version"
FIGURES_COMPLETE = (
    f"MATCH (v:{VERSION_LABEL} {{id: 'data'}}) "
    "RETURN v.epoch AS epoch, v.figures_version AS version, v.figures_kinds AS kinds LIMIT 1"
)

# Change notes: every write of policies notes, in its transaction and under the version it raised,
# what it touched that a stored figure is about (the departments of the written and the removed
# policies, their regions and provinces, and whether an instrument of them applies nationally);
# a write of derived links notes that it touched none. A version without a note (a clear, an
# import) makes the next keep of figures compute them all. Derived data: clearing deletes them.
CHANGE_LABEL = "PolicykgChange"
NOTE_CHANGE = (
    f"MATCH (v:{VERSION_LABEL} {{id: 'data'}}) "
    f"CREATE (:{CHANGE_LABEL} {{epoch: v.epoch, version: v.version, departments: $departments, "
    "regions: $regions, national: $national, link_policies: $link_policies, link_keys: $link_keys})"
)
# what a stored figure may be about in these policies (read before they are removed, after they are written)
POLICY_SUBJECTS = (
    "UNWIND $policy_ids AS pid MATCH (p:Policy {id: pid}) "
    "OPTIONAL MATCH (p)-[:HAS_SECTION|HAS_CLAUSE*1..]->(c:Clause) "
    "WITH p, collect(DISTINCT c) AS clauses "
    "RETURN p.id AS id, p.title AS title, p.doc_number AS doc_number, "
    "[x IN [p.region, p.province] WHERE x IS NOT NULL] + COLLECT { UNWIND clauses AS c "
    "MATCH (c)-[:PROVIDES]->(i:Instrument) UNWIND [i.region, i.province] AS r WITH r WHERE r IS NOT NULL "
    "RETURN DISTINCT r } AS regions, "
    "COLLECT { MATCH (p)-[:ISSUED_BY]->(d:Department) RETURN d.id AS id "
    "UNION UNWIND clauses AS c MATCH (c)<-[:RESPONSIBLE_FOR]-(d:Department) RETURN d.id AS id "
    "UNION UNWIND clauses AS c MATCH (c)-[:MENTIONS]->(d:Department) RETURN d.id AS id } AS departments, "
    "EXISTS { UNWIND clauses AS c MATCH (c)-[:PROVIDES]->(i:Instrument) WHERE i.national = true } AS national"
)
# the departments sharing a clause with one of $ids (a superset of their partners): a partner's
# stored figure shows the partner's names, which a write naming the partner may have extended
DEPARTMENTS_SHARING_CLAUSES = (
    "UNWIND $ids AS did MATCH (:Department {id: did})-[:RESPONSIBLE_FOR]->(:Clause)<-[:RESPONSIBLE_FOR]-(o:Department) "
    "RETURN DISTINCT o.id AS id"
)
# the places of the instruments whose rows show one of the departments $ids (responsible for or
# mentioned by their clause): an instrument row shows a department's name, function and kind,
# which a write naming the department may have changed
DEPARTMENT_INSTRUMENT_PLACES = (
    "UNWIND $ids AS did MATCH (:Department {id: did})-[:RESPONSIBLE_FOR|MENTIONS]-(:Clause)-[:PROVIDES]->(i:Instrument) "
    "RETURN collect(DISTINCT i.region) + collect(DISTINCT i.province) AS regions, "
    "any(x IN collect(DISTINCT coalesce(i.national, false)) WHERE x) AS national"
)
# the notes of the versions after $base up to $now
CHANGES_BETWEEN = (
    f"MATCH (n:{CHANGE_LABEL}) WHERE n.epoch = $epoch AND n.version > $base AND n.version <= $now "
    "RETURN n.version AS version, n.departments AS departments, n.regions AS regions, n.national AS national, "
    "n.link_policies AS link_policies, n.link_keys AS link_keys"
)

# --- incremental linking ----------------------------------------------------------------------
# The derived links are those of the data at version links_version (of links_epoch): the notes
# after it say which policies were written or removed and the link keys they had or have
# (linking.policy_link_keys; a note of an older policykg has none, and the next relink is full).
MARK_LINKS_COMPLETE = (
    f"MATCH (v:{VERSION_LABEL} {{id: 'data'}}) SET v.links_epoch = $epoch, v.links_version = $version"
)
LINKS_COMPLETE = (
    f"MATCH (v:{VERSION_LABEL} {{id: 'data'}}) "
    "RETURN v.links_epoch AS epoch, v.links_version AS version, v.epoch AS now_epoch, v.version AS now LIMIT 1"
)
# the normalised titles of cited documents (a document cited by 文号 takes its last writer's title)
CITED_TITLE_KEYS = "UNWIND $ids AS x MATCH (d:CitedDocument {id: x}) RETURN d.id AS id, d.title_key AS title_key"
# the policies citing one of these documents (every reference has a CITES from its policy)
CITING_BY_DOCUMENT = (
    "UNWIND $ids AS x MATCH (:CitedDocument {id: x})<-[:CITES]-(p:Policy) RETURN DISTINCT p.id AS policy_id"
)
CITING_BY_TITLE = (
    "UNWIND $titles AS t MATCH (d:CitedDocument {title_key: t}) MATCH (d)<-[:CITES]-(p:Policy) "
    "RETURN DISTINCT p.id AS policy_id"
)
# the policies whose running text (a clause or section) holds $stem, from the trigram text index
CITING_BY_TEXT: dict[str, str] = {
    label: f"MATCH (n:{label}) USING TEXT INDEX n:{label}(link_norm) WHERE n.link_norm CONTAINS $stem "
    "RETURN DISTINCT n.policy_id AS policy_id"
    for label in S.LINK_NORM_LABELS
}
# the texts of some policies, as LINK_TEXTS_AFTER gives them, in id order
LINK_TEXTS_OF: dict[str, str] = {
    label: f"UNWIND $ids AS pid MATCH (:Policy {{id: pid}})-[:HAS_SECTION|HAS_CLAUSE*1..]->(n:{label}) "
    "WITH DISTINCT n RETURN n.id AS id, n.policy_id AS policy_id, coalesce(n.text_simplified, n.text, '') AS text, "
    "n.label AS label ORDER BY id"
    for label in S.LINK_NORM_LABELS
}
# the stated references of some policies (from the policy and from its clauses), by (start, document)
REFERENCES_OF = (
    "UNWIND $ids AS pid MATCH (p:Policy {id: pid}) CALL (p) { "
    "MATCH (p)-[r:CITES]->(d:CitedDocument) RETURN p.id AS start, 'Policy' AS start_label, r, d "
    "UNION ALL MATCH (p)-[:HAS_SECTION|HAS_CLAUSE*1..]->(c:Clause) WITH DISTINCT c "
    "MATCH (c)-[r:CITES]->(d:CitedDocument) RETURN c.id AS start, 'Clause' AS start_label, r, d } "
    "RETURN start, start_label, p.id AS policy_id, coalesce(r.text, '') AS text, d.doc_number AS doc_number, "
    "d.title AS title, d.id AS doc ORDER BY start, doc"
)
# the stored derived CITES of some policies (see DERIVED_PAGE), one row per link
DERIVED_CITES_OF = (
    "UNWIND $ids AS pid MATCH (p:Policy {id: pid}) CALL (p) { "
    "MATCH (p)-[r:CITES]->(b:Policy) RETURN p.id AS start, 'Policy' AS start_label, b.id AS end, properties(r) AS props "
    "UNION ALL MATCH (p)-[:HAS_SECTION|HAS_CLAUSE*1..]->(c:Clause) WITH DISTINCT c "
    "MATCH (c)-[r:CITES]->(b:Policy) RETURN c.id AS start, 'Clause' AS start_label, b.id AS end, properties(r) AS props } "
    "RETURN start, start_label, end, props"
)
# every resolved citation, from the count store
RESOLVED_CITATIONS = "MATCH ()-[r:CITES]->(:Policy) RETURN count(r) AS n"
# nodes written before their link keys existed (a page in id order), and setting the keys
MISSING_LINK_NORM: dict[str, str] = {
    label: f"MATCH (n:{label}) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit "
    "RETURN n.id AS id, n.link_norm IS NULL AS missing, coalesce(n.text_simplified, n.text, '') AS text"
    for label in S.LINK_NORM_LABELS
}
SET_LINK_NORM: dict[str, str] = {
    label: f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n.link_norm = row.value"
    for label in S.LINK_NORM_LABELS
}
MISSING_TITLE_KEYS = (
    "MATCH (d:CitedDocument) WHERE d.title IS NOT NULL AND d.title_key IS NULL RETURN d.id AS id, d.title AS title"
)
SET_TITLE_KEYS = "UNWIND $rows AS row MATCH (d:CitedDocument {id: row.id}) SET d.title_key = row.value"
# notes no keep of figures will need again: of other epochs, or up to the version kept
DELETE_CHANGES_UPTO = (
    f"MATCH (n:{CHANGE_LABEL}) WHERE n.epoch <> $epoch OR n.version <= $version "
    "CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS"
)
# Relationships first, 10,000 to a transaction: a node's DETACH DELETE takes all of its
# relationships into one transaction, and a hub (a beneficiary type, a region) holds hundreds of
# thousands, more than a transaction's memory limit allows.
CLEAR_RELATIONSHIPS = (
    f"MATCH (n)-[r]->() WHERE NOT n:{'|'.join(MARKER_LABELS)} "
    "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
)
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

# --- per-resource reads: instruments ---------------------------------------------------------

# Each read starts from one anchor, found through an index (the first filter of the query that
# has one, see Neo4jStore._anchor), then applies every filter of store.InstrumentQuery to what
# the anchor found (the same rules as store.instrument_matches), so no read touches the
# instruments of other regions, types or departments.
_OWNER_PATHS = (
    "MATCH (d)-[:RESPONSIBLE_FOR]->(:Clause)-[:PROVIDES]->(i:Instrument) RETURN i "
    "UNION MATCH (d)<-[:MENTIONS]-(:Clause)-[:PROVIDES]->(i:Instrument) RETURN i"
)
INSTRUMENT_ANCHORS: dict[str, str] = {
    "region": "MATCH (i:Instrument {region: $region}) RETURN i "
              "UNION MATCH (i:Instrument {province: $region}) WHERE $within RETURN i",
    "regions": "UNWIND $regions AS reg MATCH (i:Instrument {region: reg}) RETURN i "
               "UNION MATCH (i:Instrument {national: true}) WHERE $national RETURN i",
    "department": "MATCH (d:Department {id: $department}) CALL (d) { " + _OWNER_PATHS + " } RETURN i",
    "function": "MATCH (:Function {id: $function_id})<-[:HAS_FUNCTION]-(d:Department) CALL (d) { "
                + _OWNER_PATHS + " } RETURN i",
    "type": "MATCH (i:Instrument {type: $type}) RETURN i",
    "beneficiary": "MATCH (i:Instrument {beneficiary: $beneficiary}) RETURN i",
    "category": "MATCH (i:Instrument {category: $category}) RETURN i",
    "all": "MATCH (i:Instrument) WHERE i.sort_key IS NOT NULL RETURN i",
}
_RATE = "coalesce(i.rate, i.rate_max)"
INSTRUMENT_FILTER = (
    "WHERE ($type IS NULL OR i.type = $type) AND ($category IS NULL OR i.category = $category) "
    "AND ($beneficiary IS NULL OR i.beneficiary = $beneficiary) "
    "AND ($region IS NULL OR i.region = $region OR ($within AND i.province = $region)) "
    "AND ($regions IS NULL OR i.region IN $regions OR ($national AND coalesce(i.national, false))) "
    "AND ($function IS NULL OR ($role <> 'co' AND $function IN coalesce(i.lead_functions, [])) "
    "OR ($role <> 'lead' AND $function IN coalesce(i.co_functions, []))) "
    "AND ($department IS NULL OR ($role <> 'co' AND $department IN coalesce(i.lead_ids, [])) "
    "OR ($role <> 'lead' AND $department IN coalesce(i.co_ids, []))) "
    f"AND (($min_rate IS NULL AND $max_rate IS NULL) OR ({_RATE} IS NOT NULL "
    f"AND ($min_rate IS NULL OR {_RATE} >= $min_rate) AND ($max_rate IS NULL OR {_RATE} <= $max_rate))) "
    "AND (($min_cap IS NULL AND $max_cap IS NULL) OR (i.cap_yuan IS NOT NULL "
    "AND ($min_cap IS NULL OR i.cap_yuan >= $min_cap) AND ($max_cap IS NULL OR i.cap_yuan <= $max_cap))) "
    "AND ($in_force_on IS NULL OR EXISTS { MATCH (p:Policy {id: i.policy_id}) WHERE "
    + in_force("p", "$in_force_on") + " })"
)
# store.instrument_order in Cypher
_ORDER = (
    f"WITH i, CASE $sort WHEN 'cap' THEN i.cap_yuan WHEN 'rate' THEN {_RATE} END AS v "
    "ORDER BY (v IS NULL), CASE WHEN v IS NULL THEN 0.0 WHEN $descending THEN -v ELSE v END, "
    "CASE WHEN $numbered_first AND i.has_number THEN 0 ELSE 1 END, coalesce(i.sort_key, ''), i.id"
)
INSTRUMENT_PAGE: dict[str, str] = {
    anchor: f"CALL () {{ {body} }} WITH DISTINCT i {INSTRUMENT_FILTER} {_ORDER} "
    "WITH collect(i.id) AS ids RETURN size(ids) AS total, ids[$offset..$offset + $limit] AS ids"
    for anchor, body in INSTRUMENT_ANCHORS.items()
}
# Every instrument in list order (policy and document order), read from the sort_key index in that
# order, so a page reads its offset and limit only (a partial top), not every instrument; its
# total counts the index's entries (kept under the data version by the store)
INSTRUMENT_PAGE_IN_ORDER = (
    "MATCH (i:Instrument) USING INDEX i:Instrument(sort_key) WHERE i.sort_key IS NOT NULL "
    "WITH i ORDER BY i.sort_key, i.id SKIP $offset LIMIT $limit RETURN i.id AS id"
)
# A page of a region's instruments (or of a province's: the same read on `province`) by cap, or in
# list order, read from the composite index (place, cap_yuan) or (place, sort_key) in its order:
# the index gives the first sort key and Neo4j orders only the ties (a partial top), so a read
# stops after $top entries and the rest of their tie, not after every instrument of the place.
# Neo4jStore merges the region's and the province's reads (the instruments of a province's
# cities have the province) in store.instrument_order and cuts the page. Keyed by (place, order):
# capped instruments by cap descending or ascending, uncapped ones, or all, in list order.
# (Range predicates, not IS NOT NULL, on the second property: with them the index is sought at
# the place and read in order; every cap is a number >= _NO_CAP and every list position a string.
# The hint names the index: on a small database the planner would rather seek the place's
# single-property index and sort everything, which costs little there and everything at scale.)
_NO_CAP = "-1.0e308"
_TOP_ORDERS = {
    "cap_desc": ("cap_yuan", f"i.cap_yuan >= {_NO_CAP}", " DESC, i.cap_yuan DESC, i.sort_key, i.id"),
    "cap_asc": ("cap_yuan", f"i.cap_yuan >= {_NO_CAP}", ", i.cap_yuan, i.sort_key, i.id"),
    "uncapped": ("sort_key", "i.sort_key >= '' AND i.cap_yuan IS NULL", ", i.sort_key, i.id"),
    "listed": ("sort_key", "i.sort_key >= ''", ", i.sort_key, i.id"),
}
INSTRUMENT_REGION_TOP: dict[tuple[str, str], str] = {
    (place, order): f"MATCH (i:Instrument) USING INDEX i:Instrument({place}, {prop}) "
    f"WHERE i.{place} = $region AND {where} "
    f"WITH i ORDER BY i.{place}{by} LIMIT $top "
    "RETURN i.id AS id, i.cap_yuan AS cap, i.sort_key AS sort_key"
    for place in ("region", "province") for order, (prop, where, by) in _TOP_ORDERS.items()
}
# how many instruments a region has (with its province's: $within), and how many of them have a
# cap and a list position (kept under the data version, and stored: graph/stored_figures.py)
INSTRUMENT_REGION_TOTALS = (
    "CALL () { MATCH (i:Instrument {region: $region}) RETURN i "
    "UNION MATCH (i:Instrument {province: $region}) WHERE $within RETURN i } "
    "RETURN count(i) AS total, count(i.cap_yuan) AS capped, count(i.sort_key) AS listed"
)
# A beneficiary type's instruments in list order, the first $top of one place, read from the
# composite index in its order (Neo4jStore.provision_page merges the places a beneficiary answer
# applies: the region, the regions containing it and national policies; or every place).
_PROVISION_PLACES = {
    "region": ("beneficiary, region, sort_key", "i.region = $place", "i.region"),
    "national": ("beneficiary, national, sort_key", "i.national = true", "i.national"),
    "all": ("beneficiary, sort_key", None, None),
}
PROVISION_TOP: dict[str, str] = {
    place: f"MATCH (i:Instrument) USING INDEX i:Instrument({props}) "
    f"WHERE i.beneficiary = $beneficiary {'AND ' + where + ' ' if where else ''}AND i.sort_key >= '' "
    f"WITH i ORDER BY i.beneficiary, {by + ', ' if by else ''}i.sort_key, i.id LIMIT $top "
    "RETURN i.id AS id, i.sort_key AS sort_key"
    for place, (props, where, by) in _PROVISION_PLACES.items()
}
# every instrument of the clauses of a page's provisions, with what the page's filter reads
# (Neo4jStore keeps those of the page's provisions that match it)
PROVISION_INSTRUMENTS = (
    "UNWIND $clauses AS cid MATCH (:Clause {id: cid})-[:PROVIDES]->(i:Instrument) "
    "RETURN i.id AS id, i {.sort_key, .beneficiary, .region, .province, .national} AS props"
)
# how many instruments and provisions a beneficiary answer matches (kept and stored); a
# provision is an instrument id up to its last '.' (store.provision_of)
PROVISION_TOTALS = (
    "CALL () { UNWIND coalesce($regions, []) AS reg MATCH (i:Instrument {region: reg}) "
    "WHERE i.beneficiary = $beneficiary RETURN i "
    "UNION MATCH (i:Instrument {national: true}) WHERE $regions IS NOT NULL AND $national "
    "AND i.beneficiary = $beneficiary RETURN i "
    "UNION MATCH (i:Instrument {beneficiary: $beneficiary}) WHERE $regions IS NULL RETURN i } "
    "RETURN count(i) AS total, count(i.sort_key) AS listed, "
    "count(DISTINCT left(i.id, size(i.id) - size(last(split(i.id, '.'))) - 1)) AS provisions"
)
INSTRUMENT_TOTAL_IN_ORDER = "MATCH (i:Instrument) WHERE i.sort_key IS NOT NULL RETURN count(i) AS n"
_GROUP_KEYS = (
    "CASE $group WHEN 'type' THEN [i.type] WHEN 'beneficiary' THEN [i.beneficiary] ELSE "
    "CASE WHEN $role <> 'co' THEN coalesce(i.lead_functions, []) ELSE [] END + "
    "CASE WHEN $role <> 'lead' THEN coalesce(i.co_functions, []) ELSE [] END END"
)
INSTRUMENT_COUNTS: dict[str, str] = {
    anchor: f"CALL () {{ {body} }} WITH DISTINCT i {INSTRUMENT_FILTER} "
    f"UNWIND {_GROUP_KEYS} AS key WITH i, key WHERE key IS NOT NULL "
    "RETURN coalesce(i.region, '') AS region, key, count(DISTINCT i) AS n"
    for anchor, body in INSTRUMENT_ANCHORS.items()
}
# the first $limit ids of each (region, key) cell; collect keeps the order of the rows it gets
INSTRUMENT_CELLS: dict[str, str] = {
    anchor: f"CALL () {{ {body} }} WITH DISTINCT i {INSTRUMENT_FILTER} "
    f"UNWIND {_GROUP_KEYS} AS key WITH DISTINCT i, key WHERE key IN $keys "
    "ORDER BY CASE WHEN i.has_number THEN 0 ELSE 1 END, coalesce(i.sort_key, ''), i.id "
    "WITH coalesce(i.region, '') AS region, key, collect(i.id) AS ids RETURN region, key, ids[..$limit] AS ids"
    for anchor, body in INSTRUMENT_ANCHORS.items()
}
# the compare matrix in one pass: every (region, key) cell's count and its first $limit ids
INSTRUMENT_GRID: dict[str, str] = {
    anchor: f"CALL () {{ {body} }} WITH DISTINCT i {INSTRUMENT_FILTER} "
    f"UNWIND {_GROUP_KEYS} AS key WITH DISTINCT i, key WHERE key IS NOT NULL "
    "ORDER BY CASE WHEN i.has_number THEN 0 ELSE 1 END, coalesce(i.sort_key, ''), i.id "
    "WITH coalesce(i.region, '') AS region, key, collect(i.id) AS ids "
    "RETURN region, key, size(ids) AS n, ids[..$limit] AS ids"
    for anchor, body in INSTRUMENT_ANCHORS.items()
}
# Instrument rows with their policy and departments, as one record: ``rows`` name their
# departments by id ({rel, id}), and ``departments`` holds each department they name once
# (rows share them), so the driver decodes one message for a page of rows.
_DEPT_OUT = "{rel: properties(r), id: d.id}"
INSTRUMENT_DETAILS = (
    "UNWIND $ids AS iid MATCH (i:Instrument {id: iid}) "
    "OPTIONAL MATCH (p:Policy {id: i.policy_id}) "
    "CALL (i) { MATCH (:Clause {id: i.clause_id})<-[r:RESPONSIBLE_FOR]-(d:Department) "
    f"WHERE r.provision = i.provision RETURN collect({_DEPT_OUT}) AS responsible }} "
    "CALL (i) { MATCH (:Clause {id: i.clause_id})-[r:MENTIONS]->(d:Department) "
    f"RETURN collect({_DEPT_OUT}) AS mentions }} "
    "WITH collect({id: i.id, labels: labels(i), props: properties(i), title: p.title, region: p.region, "
    "province: p.province, responsible: responsible, mentions: mentions}) AS rows "
    "CALL (rows) { UNWIND rows AS row UNWIND row.responsible + row.mentions AS named WITH DISTINCT named.id AS x "
    "MATCH (d:Department {id: x}) RETURN collect({id: d.id, labels: labels(d), props: properties(d)}) AS departments } "
    "RETURN rows, departments"
)
TOP_REGIONS = (
    "MATCH (p:Policy) WHERE p.region IS NOT NULL "
    "RETURN p.region AS name, count(p) AS n ORDER BY n DESC, name LIMIT $limit"
)
# a region's province is its policies' (the first by name when they disagree)
REGION_LIST = (
    "MATCH (p:Policy) WHERE p.region IS NOT NULL "
    "RETURN p.region AS name, min(p.province) AS province, count(p) AS n ORDER BY name"
)

# --- per-resource reads: departments ----------------------------------------------------------

DEPARTMENT_ANCHORS: dict[str, str] = {
    "region": "MATCH (:Region {id: $region_id})<-[:IN_REGION]-(d:Department) RETURN d",
    "function": "MATCH (d:Department {function: $function}) RETURN d",
    "all": "MATCH (d:Department) WHERE d.id IS NOT NULL RETURN d",
}
_DEPT_FILTER = (
    "WHERE ($function IS NULL OR d.function = $function) "
    "AND ($region_id IS NULL OR EXISTS { (d)-[:IN_REGION]->(:Region {id: $region_id}) }) "
    "AND ($name IS NULL OR any(n IN [coalesce(d.name, '')] + coalesce(d.names, []) WHERE n CONTAINS $name)) "
)
_LEAD = "sum(CASE WHEN r.lead THEN 1 ELSE 0 END)"
_CO = "sum(CASE WHEN r IS NOT NULL AND NOT coalesce(r.lead, false) THEN 1 ELSE 0 END)"
_DEPT_ROW_OUT = (
    "RETURN total, n.id AS id, labels(n) AS labels, properties(n) AS props, lead, co, "
    "COLLECT { MATCH (n)-[:IN_REGION]->(r:Region) RETURN r.name ORDER BY r.id LIMIT 1 } AS region"
)
# Undated, a department's clauses (lead + co) are its RESPONSIBLE_FOR degree, which Neo4j reads
# from the node without reading a relationship: the list is ordered by it, and lead and co are
# split only for the page's rows (DEPARTMENT_LEAD_CO, which Neo4jStore keeps per data version).
DEPARTMENT_PAGE: dict[str, str] = {
    anchor: f"CALL () {{ {body} }} WITH DISTINCT d {_DEPT_FILTER}"
    "WITH d, COUNT { (d)-[:RESPONSIBLE_FOR]->() } AS busy ORDER BY busy DESC, d.id "
    "WITH collect(d) AS ds WITH size(ds) AS total, ds[$offset..$offset + $limit] AS page "
    "UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS n "
    "WITH total, n, null AS lead, null AS co "
    + _DEPT_ROW_OUT
    for anchor, body in DEPARTMENT_ANCHORS.items()
}
DEPARTMENT_IDS = "MATCH (d:Department) RETURN d.id AS id ORDER BY id"
# the clauses each department of $ids leads and co-owns (its RESPONSIBLE_FOR relationships read)
DEPARTMENT_LEAD_CO = (
    "UNWIND $ids AS x MATCH (n:Department {id: x}) "
    f"CALL (n) {{ OPTIONAL MATCH (n)-[r:RESPONSIBLE_FOR]->() RETURN {_LEAD} AS lead, {_CO} AS co }} "
    "RETURN n.id AS id, lead, co"
)
# A department's clauses of the policies in force on $in_force_on, counted per policy and each
# policy checked once; departments with none are left out.
_DEPT_COUNTS_IN_FORCE = (
    "CALL (d) { OPTIONAL MATCH (d)-[r:RESPONSIBLE_FOR]->(c:Clause) "
    f"WITH c.policy_id AS pid, {_LEAD} AS l, {_CO} AS o "
    "OPTIONAL MATCH (p:Policy {id: pid}) WITH l, o, p WHERE p IS NOT NULL AND " + in_force("p", "$in_force_on") + " "
    "RETURN coalesce(sum(l), 0) AS lead, coalesce(sum(o), 0) AS co } "
)
DEPARTMENT_PAGE_IN_FORCE: dict[str, str] = {
    anchor: f"CALL () {{ {body} }} WITH DISTINCT d {_DEPT_FILTER}" + _DEPT_COUNTS_IN_FORCE +
    "WITH d, lead, co WHERE lead + co > 0 ORDER BY lead + co DESC, d.id "
    "WITH collect({d: d, lead: lead, co: co}) AS rows "
    "WITH rows, rows[$offset..$offset + $limit] AS page "
    "UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS row "
    "WITH size(rows) AS total, row.d AS n, row.lead AS lead, row.co AS co "
    + _DEPT_ROW_OUT
    for anchor, body in DEPARTMENT_ANCHORS.items()
}
# the clause c (of a department's RESPONSIBLE_FOR) belongs to a policy in force on $in_force_on
_CLAUSE_IN_FORCE = (
    "($in_force_on IS NULL OR EXISTS { MATCH (p:Policy {id: c.policy_id}) WHERE "
    + in_force("p", "$in_force_on") + " })"
)
DEPARTMENT_PARTNERS = (
    "MATCH (d:Department {id: $id})-[r:RESPONSIBLE_FOR]->(c:Clause)<-[r2:RESPONSIBLE_FOR]-(o:Department) "
    f"WHERE o <> d AND r2.provision = r.provision AND {_CLAUSE_IN_FORCE} "
    "WITH o, count(DISTINCT [c.id, r.provision]) AS shared ORDER BY shared DESC, o.id LIMIT $limit "
    "RETURN o.id AS id, labels(o) AS labels, properties(o) AS props, shared"
)
# One department's counts: the clauses it leads and co-owns (relationships), the policies they
# belong to and those policies' regions; each policy checked once when dated. Neo4jStore keeps
# them per department, date and data version.
DEPARTMENT_COUNTS = (
    "MATCH (d:Department {id: $id})-[r:RESPONSIBLE_FOR]->(c:Clause) "
    f"WITH c.policy_id AS pid, {_LEAD} AS lead, {_CO} AS co "
    "OPTIONAL MATCH (p:Policy {id: pid}) "
    "WITH lead, co, p WHERE $in_force_on IS NULL OR (p IS NOT NULL AND " + in_force("p", "$in_force_on") + ") "
    "RETURN sum(lead) AS lead, sum(co) AS co, count(p) AS policies, count(DISTINCT p.region) AS regions"
)
DEPARTMENT_REGION = "MATCH (:Department {id: $id})-[:IN_REGION]->(r:Region) RETURN r.name AS name ORDER BY r.id LIMIT 1"
# Its clauses in list order (policy, clause, lead first, provision), a page: counted in one
# subquery, ordered and cut with SKIP/LIMIT in the other, and only the page joined with its policy.
_DEPT_CLAUSES = f"MATCH (d)-[r:RESPONSIBLE_FOR]->(c:Clause) WHERE {_CLAUSE_IN_FORCE} "
DEPARTMENT_CLAUSE_PAGE = (
    "MATCH (d:Department {id: $id}) "
    f"CALL (d) {{ {_DEPT_CLAUSES}RETURN count(r) AS total }} "
    f"CALL (d) {{ {_DEPT_CLAUSES}"
    "WITH r, c ORDER BY c.policy_id, c.id, coalesce(r.lead, false) DESC, r.provision SKIP $offset LIMIT $limit "
    "OPTIONAL MATCH (p:Policy {id: c.policy_id}) "
    "RETURN collect({id: c.id, label: c.label, heading: c.heading, policy_id: c.policy_id, policy_title: p.title, "
    "lead: coalesce(r.lead, false), provision: r.provision}) AS rows } "
    "RETURN total, rows"
)
# The instruments a department owns (store.owner_keys: lead_ids / co_ids), found from it as the
# instrument reads' department anchor finds them, of policies in force on $in_force_on.
_DEPT_INSTRUMENTS = (
    "CALL (d) { " + _OWNER_PATHS + " } WITH DISTINCT i "
    "WHERE i.type IS NOT NULL AND ($in_force_on IS NULL OR EXISTS { MATCH (p:Policy {id: i.policy_id}) WHERE "
    + in_force("p", "$in_force_on") + " }) "
)
_INSTRUMENT_LIST_ORDER = "CASE WHEN i.has_number THEN 0 ELSE 1 END, coalesce(i.sort_key, ''), i.id"
# per (role, type): how many, and the first $limit in list order (those with a number first)
DEPARTMENT_INSTRUMENT_GRID = (
    "MATCH (d:Department {id: $id}) " + _DEPT_INSTRUMENTS +
    "UNWIND [x IN ['lead', 'co'] WHERE $id IN coalesce(CASE x WHEN 'lead' THEN i.lead_ids ELSE i.co_ids END, [])] "
    f"AS role WITH i, role ORDER BY {_INSTRUMENT_LIST_ORDER} "
    "WITH role, i.type AS type, collect(i.id) AS ids RETURN role, type, size(ids) AS n, ids[..$limit] AS ids"
)
_DEPT_INSTRUMENTS_OF = (
    _DEPT_INSTRUMENTS + "AND i.type = $type "
    "AND $id IN coalesce(CASE $role WHEN 'lead' THEN i.lead_ids ELSE i.co_ids END, []) "
)
# the instruments of one role and type, a page in the grid's order
DEPARTMENT_INSTRUMENT_PAGE = (
    "MATCH (d:Department {id: $id}) "
    f"CALL (d) {{ {_DEPT_INSTRUMENTS_OF}RETURN count(i) AS total }} "
    f"CALL (d) {{ {_DEPT_INSTRUMENTS_OF}WITH i ORDER BY {_INSTRUMENT_LIST_ORDER} SKIP $offset LIMIT $limit "
    "RETURN collect(i.id) AS ids } "
    "RETURN total, ids"
)

# --- per-resource reads: policies --------------------------------------------------------------

POLICY_ANCHORS: dict[str, str] = {
    "region": "MATCH (p:Policy {region: $region}) RETURN p UNION MATCH (p:Policy {province: $region}) RETURN p",
    "all": "MATCH (p:Policy) WHERE p.source_key IS NOT NULL RETURN p",
}
_POLICY_FILTER = (
    "WHERE ($level IS NULL OR p.level = $level) "
    "AND ($year IS NULL OR coalesce(p.date, '') STARTS WITH $year) "
    "AND ($issuer IS NULL OR coalesce(p.issuer, '') CONTAINS $issuer) "
    "AND ($text IS NULL OR coalesce(p.title, '') CONTAINS $text OR coalesce(p.doc_number, '') CONTAINS $text) "
)
# A page of the filtered policies, newest first: ORDER BY … SKIP … LIMIT keeps only offset + limit rows.
_FILTERED_POLICIES: dict[str, str] = {
    anchor: f"CALL () {{ {body} }} WITH DISTINCT p {_POLICY_FILTER}" for anchor, body in POLICY_ANCHORS.items()
}
POLICY_PAGE: dict[str, str] = {
    anchor: policies + "WITH p ORDER BY coalesce(p.date, '') DESC, p.id DESC SKIP $offset LIMIT $limit "
    "RETURN p.id AS id, labels(p) AS labels, properties(p) AS props"
    for anchor, policies in _FILTERED_POLICIES.items()
}
# The filtered policies counted per (region, level, issuer, year): the total and the facets are
# sums over these rows (the store sums them). Grouped in the store, nothing is collected: a list of
# 100,000 policies (or of as many maps) is past a transaction's memory limit.
_POLICY_GROUPS = (
    "WITH p.region AS region, p.level AS level, p.issuer AS issuer, "
    "CASE WHEN coalesce(p.date, '') = '' THEN null ELSE substring(p.date, 0, 4) END AS year, count(*) AS n "
    "RETURN region, level, issuer, year, n"
)
POLICY_GROUPS: dict[str, str] = {anchor: policies + _POLICY_GROUPS for anchor, policies in _FILTERED_POLICIES.items()}
# Every policy, newest first (POLICY_PAGE's order without a filter): those with a date read from
# the policy_date index in date order, so a page reads its offset and limit (a partial top), not
# every policy; then those without a date, by id. The total, how many have a date and the facets
# of every policy change only with the data (kept under the data version by the store).
POLICY_PAGE_DATED = (
    "MATCH (p:Policy) USING INDEX p:Policy(date) WHERE p.date > '' AND p.source_key IS NOT NULL "
    "WITH p ORDER BY p.date DESC, p.id DESC SKIP $offset LIMIT $limit "
    "RETURN p.id AS id, labels(p) AS labels, properties(p) AS props"
)
POLICY_PAGE_UNDATED = (
    "MATCH (p:Policy) WHERE coalesce(p.date, '') = '' AND p.source_key IS NOT NULL "
    "WITH p ORDER BY p.id DESC SKIP $offset LIMIT $limit "
    "RETURN p.id AS id, labels(p) AS labels, properties(p) AS props"
)
# every policy, grouped as POLICY_GROUPS (the total, how many have a date and the facets of the whole corpus)
POLICY_SUMMARY = f"MATCH (p:Policy) WHERE p.source_key IS NOT NULL {_POLICY_GROUPS}"

# --- bulk first load (graph/bulk_import.py) -------------------------------------------------

# What makes a database not empty for `load --bulk`: any node but the derived-links lock and
# the data version (which the steps after the import create again); a test marker counts as data.
COUNT_NODES_BUT_LOCK = f"MATCH (n) WHERE NOT n:{LOCK_LABEL}|{VERSION_LABEL} RETURN count(n) AS nodes"
# properties the import's CSV cannot carry (an empty list), set on imported nodes afterwards
BULK_SET_PROPS: dict[str, str] = {
    label: BULK_PREFIX + f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n += row.props"
    for label in S.NODE_LABELS
}

# --- research views (graph/research.py) ------------------------------------------------------
_IN_FORCE_ON = in_force("p", "$on")
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
