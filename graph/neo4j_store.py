"""The Neo4j graph store, through the official ``neo4j`` driver.

The caller creates the driver once (from the connection settings: uri, user,
password, database; ``bolt://`` and routing ``neo4j://`` URIs both work) and passes
it in; the store never closes a driver it did not create.  Writes run in managed
transactions (``session.execute_write``), so the driver retries transient errors,
and a policy is never split over transactions.  Policies are written with
``cypher.WRITE_ROWS``: one statement per run of policies (one for ``write_policy``, a few
per transaction of ``write_policies``, what loading uses), carrying every node as a row
and every relationship as the positions of its two end nodes among those rows, so a
relationship costs no index lookup.  All statements are in ``cypher.py``.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import replace
from typing import Any, TypeVar, cast

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, ManagedTransaction, Session

from policykg.errors import RefusedError

from . import cypher as Q
from . import schema as S
from .answer_keys import (
    department_clauses_key,
    department_counts_key,
    department_grid_key,
    department_region_key,
    function_page_key,
    partners_key,
)
from .figure_cache import FigureCache, Key, StoredLookup, Version, decode_figure, encode_figure
from .linking import link_norm, policy_link_keys
from .model import PolicyGraph, normalize_title, region_id
from .neo4j_links import rebuild as rebuild_links
from .row_cache import RowCache
from .search_text import (
    Candidate,
    ClauseDoc,
    Filters,
    Stats,
    analyzer,
    candidate_count,
    clause_documents,
    match_spans,
    rank,
)
from .store import (
    BATCH_ROWS,
    POLICY_FACETS,
    PROVISION_SCAN_LIMIT,
    UNFILTERING_FIELDS,
    DepartmentRole,
    DerivedLinks,
    Group,
    InstrumentQuery,
    InstrumentSort,
    Link,
    LinkJournal,
    LinkText,
    NodeView,
    Reference,
    WriteStatus,
    check_filters,
    check_link,
    check_page,
    chunks,
    clause_row_order,
    department_row,
    group_provisions,
    instrument_matches,
    instrument_order,
    node_dict,
    parse_order,
    path_rels,
    provision_of,
    rel_dict,
    sort_outline,
    sort_related,
    sort_rels,
    validate_structure,
)
from .stored_figures import STORED_KINDS, Touched
from .suggest import Suggestion, order_suggestions

ROWS_KEPT = 15_000  # rows of default answers the process keeps (graph/row_cache.py)
T = TypeVar("T")

_NO_LIMIT = 2**62
_INDEX_ONLY = frozenset(p for props in S.INDEX_ONLY_PROPS.values() for p in props)


def _label(labels: list[str]) -> str:
    for label in labels:
        if label in S.NODE_LABELS:
            return label
    raise ValueError(f"node with labels {labels} is not part of the policykg schema")


def _node(record: Any) -> dict[str, Any]:
    props = record["props"]
    if not _INDEX_ONLY.isdisjoint(props):
        props = {k: v for k, v in props.items() if k not in _INDEX_ONLY}
    return node_dict(record["id"], _label(record["labels"]), props)


def stored_props(label: str, props: dict[str, Any], doc: ClauseDoc | None = None) -> dict[str, Any]:
    """The properties written to Neo4j: a clause also carries its search document
    (``schema.CLAUSE_SEARCH_PROPS``), which the full-text index ``clause_tokens`` reads, and a
    clause or section its words as running-text citations match (``link_norm``)."""
    if label in S.LINK_NORM_LABELS:
        props = {**props, "link_norm": link_norm(props.get("text_simplified") or props.get("text") or "")}
    if label == S.CLAUSE and doc is not None:
        return {**props, "search_tokens": doc.tokens, "search_spans": doc.spans, "search_facets": doc.facets,
                "search_length": doc.length}
    return props


def distinct_sources(pgs: list[PolicyGraph]) -> list[list[PolicyGraph]]:
    """Split ``pgs`` into consecutive runs in which no source key repeats (each run is
    written as a whole; a later version of a file then replaces the earlier one, in order)."""
    runs: list[list[PolicyGraph]] = [[]]
    seen: set[str] = set()
    for pg in pgs:
        if pg.source_key in seen:
            runs.append([])
            seen.clear()
        runs[-1].append(pg)
        seen.add(pg.source_key)
    return runs


def write_statements(pgs: list[PolicyGraph], max_rows: int = BATCH_ROWS) -> Iterator[tuple[str, dict[str, Any]]]:
    """The statements that write ``pgs`` (policies whose old versions are gone), with their
    parameters: one ``cypher.WRITE_ROWS`` per run of policies holding up to ``max_rows``
    nodes and relationships (a larger policy gets a statement of its own), then, for the rare
    properties outside the schema, ``SET_EXTRA_PROPS`` / ``BULK_CREATE_RELS`` rows.

    A generator: one statement's rows are held at a time. In a WRITE_ROWS statement, a shared node implied by several of its policies becomes one
    row, its properties merged in order (later values win, accumulating lists gain the new
    items) as merging the rows one after another would; a relationship between two shared
    nodes becomes one row (the first, as MERGE keeps it).
    """
    extra_nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    extra_rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    run: list[PolicyGraph] = []
    size = 0
    for pg in pgs:
        rows = len(pg.nodes) + len(pg.rels)
        if run and size + rows > max_rows:
            yield Q.WRITE_ROWS, _rows_params(run, extra_nodes, extra_rels)
            run, size = [], 0
        run.append(pg)
        size += rows
    if run:
        yield Q.WRITE_ROWS, _rows_params(run, extra_nodes, extra_rels)
    for label, extra in extra_nodes.items():
        yield Q.SET_EXTRA_PROPS[label], {"rows": extra}
    for key, extra in extra_rels.items():
        yield Q.BULK_CREATE_RELS[key], {"rows": extra}


# per label / relationship kind, looked up once per row rather than computed
_SCHEMA_PROPS = {label: spec.property_names for label, spec in S.NODE_LABELS.items()}
_REL_PROPS = {rel_type: frozenset(cols) for rel_type, cols in Q.REL_COLUMNS.items()}
_REL_GROUPS = {key: (Q.group_key(*key), S.is_shared_pair(key[1], key[2])) for key in Q.CREATE_RELS}


def _rows_params(pgs: list[PolicyGraph], extra_nodes: dict[str, list[dict[str, Any]]],
                 extra_rels: dict[tuple[str, str, str], list[dict[str, Any]]]) -> dict[str, Any]:
    nodes: dict[str, list[Any]] = defaultdict(list)
    where: dict[str, tuple[str, int]] = {}  # node id -> (label, position in its label's rows)
    shared: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for pg in pgs:
        docs = {doc.id: doc for doc in clause_documents(pg.nodes, pg.rels)}
        for nid, label, props in pg.nodes:
            cols = Q.NODE_COLUMNS.get(label)
            if cols is not None:
                rows = nodes[label]
                where[nid] = (label, len(rows))
                rows.append(list(map(stored_props(label, props, docs.get(nid)).get, cols)))
                if not props.keys() <= _SCHEMA_PROPS[label]:
                    extra = props.keys() - _SCHEMA_PROPS[label]
                    extra_nodes[label].append({"id": nid, "props": {k: props[k] for k in extra}})
                continue
            if label == S.CITED_DOCUMENT and props.get("title"):  # its key for CITING_BY_TITLE
                props = {**props, "title_key": normalize_title(props["title"])}
            merged = shared[label]
            seen = merged.get(nid)
            if seen is None:
                where[nid] = (label, len(merged))
            merged[nid] = dict(props) if seen is None else _merge_shared(label, seen, props)
    for label, merged in shared.items():
        nodes[label] = list(merged.values())
    rels: dict[str, list[Any]] = defaultdict(list)
    shared_rels: set[tuple[str, str, str]] = set()
    for pg in pgs:
        for rel_type, start, end, props in pg.rels:
            (start_label, a), (end_label, b) = where[start], where[end]
            key = (rel_type, start_label, end_label)
            group, shared_pair = _REL_GROUPS[key]
            if shared_pair:
                if (rel_type, start, end) in shared_rels:
                    continue  # stored once, like MERGE
                shared_rels.add((rel_type, start, end))
            if not props:
                rels[group].append([a, b])  # a column past the end of a row reads as null
            elif props.keys() <= _REL_PROPS[rel_type]:
                rels[group].append([a, b, *map(props.get, Q.REL_COLUMNS[rel_type])])
            else:
                extra_rels[key].append({"start": start, "end": end, "props": props})
    return {"nodes": dict(nodes), "rels": dict(rels)}


def _merge_shared(label: str, seen: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    merged = {**seen, **props}
    for key in S.ACCUMULATING_PROPS.get(label, ()):
        if key in seen or key in props:
            old = seen.get(key, [])
            merged[key] = old + [x for x in props.get(key, []) if x not in old]
    return merged


_LUCENE_SPECIAL = frozenset('+-&|!(){}[]^"~*?:\\/ ')


def lucene_escape(token: str) -> str:
    """``token`` with every character Lucene's query parser treats specially escaped."""
    return "".join("\\" + ch if ch in _LUCENE_SPECIAL else ch for ch in token)


def fulltext_query(terms: Sequence[str], facets: Sequence[str] = ()) -> str:
    """A Lucene query needing every term in ``search_tokens`` and every facet in ``search_facets``
    (boost 0: facets filter, they do not score)."""
    parts = [f"+search_tokens:{lucene_escape(t)}" for t in terms]
    parts += [f"+search_facets:{lucene_escape(f)}^0" for f in facets]
    return " ".join(parts)



class DatabaseNotOwned(RefusedError):
    """The database holds data that is not marked as the claiming owner's: it must not be cleared."""

    status = 409
    error = "database_not_owned"

    def __init__(self, database: str, nodes: int, labels: list[str], owner: str) -> None:
        super().__init__(
            f"Neo4j database {database!r} holds {nodes} node(s) (labels {', '.join(labels) or 'none'}) and no "
            f"{Q.TEST_MARKER_LABEL} marker of {owner!r}, so it is never cleared. "
            "Point NEO4J_URI (or NEO4J_DATABASE) at an empty database, or unset NEO4J_URI to let the "
            "tests and benchmarks start their own Neo4j."
        )
        self.database, self.nodes, self.labels = database, nodes, labels


def _summed_groups(rows: Iterable[Any]) -> tuple[int, int, dict[str, dict[str, int]]]:
    """The total, how many have a year, and the facets of policies counted per (region, level,
    issuer, year) (cypher.POLICY_GROUPS); empty values are in no facet."""
    total = dated = 0
    facets: dict[str, dict[str, int]] = {f: {} for f in POLICY_FACETS}
    for row in rows:
        n = int(row["n"])
        total += n
        dated += n if row["year"] is not None else 0
        for f in POLICY_FACETS:
            value = row[f]
            if value is not None and value != "":
                facets[f][value] = facets[f].get(value, 0) + n
    return total, dated, facets

FIGURE_BYTES = 8_000_000  # characters of stored figures written in one transaction
_UNREAD = object()  # an answer's data version before its first figure reads it


class Neo4jStore:
    """A ``GraphStore`` in a Neo4j database."""

    def __init__(self, driver: Driver, database: str = "neo4j", batch_rows: int = BATCH_ROWS) -> None:
        self.driver = driver
        self.database = database
        self.batch_rows = batch_rows
        self._schema_ready = False
        # figures that walk much of the graph (search statistics, department counts), kept per
        # data version: see cypher.BUMP_DATA_VERSION
        self.figures = FigureCache()
        # the rows of default answers this process read or computed (kept_rows); rows decoded from
        # JSON take about 3 KB each, so the API's process stays under 500 MB with them
        self.rows = RowCache(ROWS_KEPT)
        self._answer = threading.local()  # .tx: the read transaction of this thread's one_read
        self._indexed_version: Version | None = None  # the data version the full-text index was last awaited at

    # --- plumbing ------------------------------------------------------------------------

    def _session(self, access_mode: str = WRITE_ACCESS) -> Session:
        # the execute_query bookmark manager makes reads see earlier writes, also on a cluster;
        # "unknown label/property" notices are expected on an empty database
        return self.driver.session(database=self.database, default_access_mode=access_mode,
                                   bookmark_manager=self.driver.execute_query_bookmark_manager,
                                   notifications_disabled_classifications=["UNRECOGNIZED"])

    def one_read(self, answer: Callable[[], T]) -> T:
        """See ``GraphStore.one_read``: the reads of ``answer`` share one read transaction of
        this thread (an answer of the API runs in one thread); nested, the outer one is used."""
        if getattr(self._answer, "tx", None) is not None:
            return answer()

        def work(tx: ManagedTransaction) -> T:
            self._answer.tx, self._answer.version, self._answer.ahead = tx, _UNREAD, {}
            try:
                return answer()
            finally:
                self._answer.tx, self._answer.version, self._answer.ahead = None, _UNREAD, {}

        with self._session(READ_ACCESS) as session:
            return session.execute_read(work)

    def _in_read(self, work: Callable[..., T], *args: Any) -> T:
        """``work(tx, *args)`` in this thread's ``one_read`` transaction, else in a read
        transaction of its own."""
        tx = getattr(self._answer, "tx", None)
        if tx is not None:
            return work(tx, *args)
        with self._session(READ_ACCESS) as session:
            return session.execute_read(work, *args)

    def _read(self, cypher: str, **params: Any) -> list[Any]:
        return self._in_read(lambda tx: list(tx.run(cypher, params)))

    def _write(self, cypher: str, **params: Any) -> list[Any]:
        with self._session() as session:
            return cast(list[Any], session.execute_write(lambda tx: list(tx.run(cypher, params))))

    def ensure_schema(self, wait_seconds: int = 300) -> None:
        """Create the uniqueness constraints, indexes and the cjk full-text index, and wait for them."""
        for statement in (*Q.RETIRED_INDEXES, *Q.CONSTRAINTS, *Q.INDEXES):
            self._write(statement)
        self._write(Q.AWAIT_INDEXES, seconds=wait_seconds)
        self._write(Q.ENSURE_DATA_VERSION)
        self._schema_ready = True

    @staticmethod
    def _bump_version(tx: ManagedTransaction, touched: Touched | None = None) -> None:
        """Raise the data version in ``tx``, after its writes (see ``cypher.BUMP_DATA_VERSION``),
        and note what the writes ``touched`` (``cypher.NOTE_CHANGE``); a write that cannot say
        (a clear) notes nothing, and the next keep of the stored figures computes them all."""
        tx.run(Q.BUMP_DATA_VERSION).consume()
        if touched is not None:
            tx.run(Q.NOTE_CHANGE, departments=sorted(touched.departments), regions=sorted(touched.regions),
                   national=touched.national, link_policies=sorted(touched.link_policies),
                   link_keys=sorted(touched.link_keys)).consume()

    @staticmethod
    def _touched(tx: ManagedTransaction, policy_ids: list[str], into: Touched) -> None:
        """Add what a stored figure may be about in ``policy_ids`` (``cypher.POLICY_SUBJECTS``),
        and the policies' link keys."""
        for r in tx.run(Q.POLICY_SUBJECTS, policy_ids=policy_ids):
            into.add(r["departments"], r["regions"], r["national"])
            into.link_policies.add(r["id"])
            into.link_keys.update(policy_link_keys(r["title"], r["doc_number"]))

    @staticmethod
    def _cited_title_keys(tx: ManagedTransaction, pgs: list[PolicyGraph]) -> dict[str, str | None]:
        """The stored normalised titles of the documents ``pgs`` cite by 文号 (a title is its last writer's)."""
        ids = sorted({nid for pg in pgs for nid, label, _ in pg.nodes
                      if label == S.CITED_DOCUMENT and nid.startswith("cited:no:")})
        return {r["id"]: r["title_key"] for r in tx.run(Q.CITED_TITLE_KEYS, ids=ids)} if ids else {}

    @classmethod
    def _retitled(cls, tx: ManagedTransaction, pgs: list[PolicyGraph], before: dict[str, str | None],
                  into: Touched) -> None:
        """Note the cited documents whose title the write of ``pgs`` changed (``before`` it):
        the references to them may resolve anew."""
        after = cls._cited_title_keys(tx, pgs)
        into.link_keys.update(f"doc:{did}" for did, key in before.items() if after.get(did) != key)

    def _read_version(self, tx: ManagedTransaction) -> Version | None:
        """The data version (epoch, version), or None while the database has none; in an answer's
        ``one_read`` transaction read once, by its first figure (the answer's figures are all
        taken under the version it started with, as one read of several figures always was)."""
        answer = self._answer
        if getattr(answer, "tx", None) is tx and getattr(answer, "version", _UNREAD) is not _UNREAD:
            return cast("Version | None", answer.version)
        record = tx.run(Q.DATA_VERSION).single()
        version = None if record is None or record["epoch"] is None else (str(record["epoch"]), int(record["version"] or 0))
        if getattr(answer, "tx", None) is tx:
            answer.version = version
        return version

    def data_version(self) -> Version | None:
        """The database's data version: it changes with every write of policy data."""
        return self._in_read(self._read_version)

    def save(self) -> None:
        """Every write is committed; wait until the full-text index has caught up with them."""
        self._read(Q.AWAIT_FULLTEXT)

    def close(self) -> None:
        """Nothing to release: the caller owns the driver."""

    def exclusive(self) -> AbstractContextManager[None]:
        """Nothing to hold: every policy is one transaction, and link rebuilds take their own lock."""
        return nullcontext()

    # --- writes ------------------------------------------------------------------------

    def write_policy(self, pg: PolicyGraph) -> WriteStatus:
        """Write one policy in one transaction; see ``GraphStore.write_policy``."""
        validate_structure(pg)
        if not self._schema_ready:
            self.ensure_schema()
        with self._session() as session:
            status = session.execute_write(self._write_policy_tx, pg)
        if status != "unchanged":
            self.save()  # one policy at a time: searchable as soon as it returns
        return status

    def _write_policy_tx(self, tx: ManagedTransaction, pg: PolicyGraph) -> WriteStatus:
        old = tx.run(Q.POLICY_BY_SOURCE, source_key=pg.source_key).data()
        if old and old[0]["id"] == pg.policy_id and old[0]["content_hash"] == pg.content_hash:
            return "unchanged"
        touched = Touched()
        self._touched(tx, [row["id"] for row in old], touched)
        titles = self._cited_title_keys(tx, [pg])
        for row in old:
            self._delete_owned(tx, row["id"])
        self._write_rows(tx, [pg])
        self._touched(tx, [pg.policy_id], touched)
        self._retitled(tx, [pg], titles, touched)
        if old:
            self._collect_orphans(tx)
        self._bump_version(tx, touched)
        return "replaced" if old else "created"

    def write_policies(self, pgs: list[PolicyGraph]) -> list[WriteStatus]:
        """Write several policies in one transaction; see ``GraphStore.write_policies``.

        Their rows go in ``write_statements`` of up to ``batch_rows`` rows: owned nodes are
        created, shared ones merged once per statement (their rows combined in Python first),
        and relationships pick their end nodes by position among the statement's nodes.
        """
        for pg in pgs:
            validate_structure(pg)
        if not pgs:
            return []
        if not self._schema_ready:
            self.ensure_schema()
        with self._session() as session:
            return session.execute_write(self._write_policies_tx, pgs)

    def _write_policies_tx(self, tx: ManagedTransaction, pgs: list[PolicyGraph]) -> list[WriteStatus]:
        statuses: list[WriteStatus] = []
        replaced = False
        touched = Touched()
        for segment in distinct_sources(pgs):
            old = {r["source_key"]: r for r in tx.run(
                Q.POLICIES_BY_SOURCES, source_keys=[pg.source_key for pg in segment]).data()}
            todo, doomed = [], []
            for pg in segment:
                row = old.get(pg.source_key)
                if row and row["id"] == pg.policy_id and row["content_hash"] == pg.content_hash:
                    statuses.append("unchanged")
                    continue
                statuses.append("replaced" if row else "created")
                if row:
                    doomed.append(row["id"])
                todo.append(pg)
            for batch in chunks(doomed, self.batch_rows):
                self._touched(tx, batch, touched)
                tx.run(Q.DELETE_OWNED_MANY, policy_ids=batch).consume()
            titles = self._cited_title_keys(tx, todo)
            self._write_rows(tx, todo)
            for batch in chunks([pg.policy_id for pg in todo], self.batch_rows):
                self._touched(tx, batch, touched)
            self._retitled(tx, todo, titles, touched)
            replaced = replaced or bool(doomed)
        if replaced:
            self._collect_orphans(tx)
        if any(status != "unchanged" for status in statuses):
            self._bump_version(tx, touched)
        return statuses

    def _write_rows(self, tx: ManagedTransaction, pgs: list[PolicyGraph]) -> None:
        # No consume() per statement: the statements return nothing, their summaries are drained
        # at commit, and any failure fails the transaction. (Neo4j answers a write statement's
        # RUN once it has executed it, so building the next rows does not overlap the server's
        # work; a thread building them ahead was measured and gained nothing.)
        for query, params in write_statements(pgs, self.batch_rows):
            tx.run(query, params)

    @staticmethod
    def _delete_owned(tx: ManagedTransaction, policy_id: str) -> None:
        tx.run(Q.DELETE_OWNED, policy_id=policy_id).consume()

    @staticmethod
    def _collect_orphans(tx: ManagedTransaction) -> None:
        for query in Q.GC_ANCHORED:
            tx.run(query).consume()
        tx.run(Q.GC_FUNCTION).consume()
        while tx.run(Q.GC_REGION).single(strict=True)["removed"]:
            pass

    def delete_policy(self, source_key: str) -> bool:
        """Remove the policy loaded from ``source_key``; False when there is none."""

        def work(tx: ManagedTransaction) -> bool:
            old = tx.run(Q.POLICY_BY_SOURCE, source_key=source_key).data()
            touched = Touched()
            self._touched(tx, [row["id"] for row in old], touched)
            for row in old:
                self._delete_owned(tx, row["id"])
            if old:
                self._collect_orphans(tx)
                self._bump_version(tx, touched)
            return bool(old)

        with self._session() as session:
            return session.execute_write(work)

    def set_derived_links(self, cites: list[Link] | None = None, similar: list[Link] | None = None,
                          cites_of: Collection[str] | None = None) -> None:
        """Replace the derived CITES (to a Policy; with ``cites_of`` only those of these policies and
        their clauses) and/or SIMILAR_TO relationships (see ``rebuild_derived_links``: one rebuild
        at a time, only the changes written)."""
        self._rebuild(lambda: (cites, similar), None if cites_of is None else (lambda: cites_of))

    def rebuild_derived_links(self, compute: Callable[[], DerivedLinks],
                              scope: Callable[[], Collection[str] | None] | None = None) -> DerivedLinks:
        """Compute and replace both kinds of derived links while holding the rebuild lock.

        ``graph.neo4j_links.rebuild``: the lease on the lock node is taken first, then
        ``compute()`` reads the graph as committed, so a rebuild that waited for another one
        sees that load's policies too, and the last rebuild links the whole graph; the stored
        links are read and the changes written in transactions of bounded size, never one that
        grows with the corpus. A failed step raises ``LinkingError`` saying which and what to do.
        ``scope``: see ``GraphStore.rebuild_derived_links``."""
        cites, similar = self._rebuild(compute, scope)
        return cites or [], similar or []

    def _rebuild(self, compute: Callable[[], tuple[list[Link] | None, list[Link] | None]],
                 scope: Callable[[], Collection[str] | None] | None = None
                 ) -> tuple[list[Link] | None, list[Link] | None]:
        def checked() -> tuple[list[Link] | None, list[Link] | None]:
            cites, similar = compute()
            for link in cites or ():
                check_link(link, "CITES")
            for link in similar or ():
                check_link(link, "SIMILAR_TO")
            return cites, similar

        return rebuild_links(self.driver, self.database, checked, self.batch_rows, page=self.batch_rows, scope=scope)

    # --- incremental linking -------------------------------------------------------------

    def link_journal(self) -> LinkJournal:
        """See ``GraphStore.link_journal``: the change notes after the version the links were
        last complete for (``cypher.LINKS_COMPLETE``); not known when there is none, the epoch
        changed, a version in between has no note or a note without link keys."""
        record = self._read(Q.LINKS_COMPLETE)
        if not record or record[0]["now_epoch"] is None:
            return LinkJournal(known=False)
        r = record[0]
        now: Version = (str(r["now_epoch"]), int(r["now"] or 0))
        if r["version"] is None or r["epoch"] != now[0] or int(r["version"]) > now[1]:
            return LinkJournal(version=now, known=False)
        base = int(r["version"])
        journal, versions = LinkJournal(version=now), set()
        for n in self._read(Q.CHANGES_BETWEEN, epoch=now[0], base=base, now=now[1]):
            versions.add(int(n["version"]))
            if n["link_keys"] is None or n["link_policies"] is None:
                return LinkJournal(version=now, known=False)
            journal.policies.update(n["link_policies"])
            journal.keys.update(n["link_keys"])
        journal.known = versions == set(range(base + 1, now[1] + 1))
        return journal

    def mark_links_complete(self, version: Any) -> None:
        """See ``GraphStore.mark_links_complete``; past the versions after it that wrote only
        derived links (their notes name no policy), so their notes can go with the next keep."""
        if version is None:
            return
        now = self.data_version()
        if now is not None and now[0] == version[0] and now[1] > version[1]:
            notes = self._read(Q.CHANGES_BETWEEN, epoch=now[0], base=version[1], now=now[1])
            if len(notes) == now[1] - version[1] and all(n["link_policies"] == [] and n["link_keys"] == []
                                                         for n in notes):
                version = now
        self._write(Q.MARK_LINKS_COMPLETE, epoch=version[0], version=version[1])

    def _links_version(self) -> Version | None:
        record = self._read(Q.LINKS_COMPLETE)
        if not record or record[0]["version"] is None:
            return None
        return str(record[0]["epoch"]), int(record[0]["version"])

    def prepare_link_keys(self) -> None:
        """See ``GraphStore.prepare_link_keys``: ``link_norm`` of clauses and sections and
        ``title_key`` of cited documents written before them, a page at a time."""
        for label in S.LINK_NORM_LABELS:
            after = ""
            while True:
                records = self._read(Q.MISSING_LINK_NORM[label], after=after, limit=self.batch_rows)
                rows = [{"id": r["id"], "value": link_norm(r["text"])} for r in records if r["missing"]]
                if rows:
                    self._write(Q.SET_LINK_NORM[label], rows=rows)
                if len(records) < self.batch_rows:
                    break
                after = records[-1]["id"]
        rows = [{"id": r["id"], "value": normalize_title(r["title"])} for r in self._read(Q.MISSING_TITLE_KEYS)]
        for batch in chunks(rows, self.batch_rows):
            self._write(Q.SET_TITLE_KEYS, rows=batch)

    def citing_policies(self, keys: Collection[str]) -> set[str]:
        """See ``GraphStore.citing_policies``: index seeks on the cited documents' ids and
        ``title_key``, and one trigram text-index query per stem."""
        ids = [f"cited:{k}" for k in keys if k.startswith("no:")] + [k[4:] for k in keys if k.startswith("doc:")]
        titles = [k[6:] for k in keys if k.startswith("title:")]
        found = {r["policy_id"] for r in self._read(Q.CITING_BY_DOCUMENT, ids=ids)} if ids else set()
        if titles:
            found.update(r["policy_id"] for r in self._read(Q.CITING_BY_TITLE, titles=titles))
        for key in keys:
            if key.startswith("stem:"):
                for label in S.LINK_NORM_LABELS:
                    found.update(r["policy_id"] for r in self._read(Q.CITING_BY_TEXT[label], stem=key[5:]))
        found.discard(None)
        return found

    def link_texts_of(self, label: str, policy_ids: Collection[str]) -> Iterator[LinkText]:
        query = Q.LINK_TEXTS_OF[label]
        ids = sorted(policy_ids)
        rows: list[LinkText] = []
        for batch in chunks(ids, self.batch_rows):
            rows += [(r["id"], r["policy_id"] or "", r["text"], r["label"]) for r in self._read(query, ids=batch)]
        rows.sort(key=lambda row: row[0])
        return iter(rows)

    def references_of(self, policy_ids: Collection[str] | None) -> list[Reference]:
        ids = sorted(policy_ids) if policy_ids is not None else [p["id"] for p in self.all_policies()]
        rows: list[tuple[str, str, Reference]] = []
        for batch in chunks(ids, self.batch_rows):
            rows += [(r["start"], r["doc"], (r["start"], r["start_label"], r["policy_id"], r["text"],
                                             r["doc_number"], r["title"]))
                     for r in self._read(Q.REFERENCES_OF, ids=batch)]
        rows.sort(key=lambda row: (row[0], row[1]))
        return [row for _, _, row in rows]

    def resolved_citation_count(self) -> int:
        return int(self._read(Q.RESOLVED_CITATIONS)[0]["n"])

    def clear(self) -> None:
        """Delete every node and relationship (in batches of auto-committed transactions),
        except bookkeeping nodes (``cypher.MARKER_LABELS``): a database marked as the test
        suite's stays marked. The data version is raised once the batches are done (also when one
        failed: whatever was deleted is a change)."""
        with self._session() as session:
            try:
                session.run(Q.CLEAR_RELATIONSHIPS).consume()
                session.run(Q.CLEAR_DATA).consume()
            except BaseException:
                with suppress(Exception):  # the clearing's own error is the one to report
                    session.execute_write(self._bump_version)
                raise
            session.execute_write(self._bump_version)

    # --- ownership marker: which database a test run may clear ----------------------------

    def claim(self, owner: str) -> None:
        """Mark the database as ``owner``'s (a ``cypher.TEST_MARKER_LABEL`` node), in one
        transaction, unless it holds data and no such marker: then raise ``DatabaseNotOwned``
        and change nothing."""

        def work(tx: ManagedTransaction) -> None:
            if tx.run(Q.TEST_MARKER_COUNT, owner=owner).single(strict=True)["markers"]:
                return
            summary = tx.run(Q.DATA_SUMMARY).single(strict=True)
            if summary["nodes"]:
                raise DatabaseNotOwned(self.database, summary["nodes"], list(summary["labels"]), owner)
            tx.run(Q.CREATE_TEST_MARKER, owner=owner).consume()

        with self._session() as session:
            session.execute_write(work)

    def owned_by(self, owner: str) -> bool:
        """True when the database carries ``owner``'s marker."""
        return bool(self._read(Q.TEST_MARKER_COUNT, owner=owner)[0]["markers"])

    # --- reads -------------------------------------------------------------------------

    def _kept(self, key: tuple[Any, ...], compute: Callable[[ManagedTransaction], T]) -> T:
        """``compute(tx)``'s figure kept under the data version (``figures``): a figure that counts
        the whole corpus (totals, the regions, counts per code) is read once per data version,
        not on every answer. Only figures bounded by the vocabularies and regions are kept so."""
        return self._in_read(lambda tx: self._figure(tx, key, lambda: compute(tx)))

    def _figure(self, tx: ManagedTransaction, key: Key, compute: Callable[[], T]) -> T:
        """The figure ``key`` under the data version ``tx`` reads: held by the process, else
        stored in the database, else ``compute()`` (``FigureCache.kept``)."""
        version = self._read_version(tx)
        return cast(T, self.figures.kept(version, key, compute, self._stored(tx, version)))


    def kept_rows(self, key: Key, compute: Callable[[], T]) -> T:
        """See ``GraphStore.kept_rows``: the rows this process kept at the data version (``rows``),
        else those stored under it (one index seek), else ``compute()``; kept in the process
        (a bounded number of rows, least recently used out) unless figures are being recorded."""
        return cast(T, self.kept_rows_each([key], lambda missing: {k: compute() for k in missing}).get(key))

    def kept_rows_each(self, keys: list[Key], compute: Callable[[list[Key]], dict[Key, T]]) -> dict[Key, T]:
        """See ``GraphStore.kept_rows_each``: the rows this process kept at the data version, the
        others stored under it looked up in one query, the rest computed in one ``compute(missing)``."""
        if not keys:
            return {}

        def work(tx: ManagedTransaction) -> dict[Key, T]:
            version = self._read_version(tx)
            return self._rows_at(version, keys, compute, self._stored(tx, version))

        return self._in_read(work)

    def _rows_at(self, version: Version | None, keys: list[Key], compute: Callable[[list[Key]], dict[Key, T]],
                 stored: StoredLookup | None) -> dict[Key, T]:
        """The rows of ``keys`` at ``version``: kept in the process, else ``stored``, else computed;
        those read or computed are kept (not while figures are recorded: each is computed then)."""
        recording = self.figures.recording is not None
        found: dict[Key, T] = {} if recording else self.rows.get_many(version, keys)
        missing = [key for key in keys if key not in found]
        if missing:
            read = self.figures.looked_up(version, missing, compute, stored)
            if not recording:
                self.rows.put_many(version, read)
            found.update(read)
        return found

    # --- stored figures (graph/stored_figures.py) ---------------------------------------------

    @staticmethod
    def figure_key(key: Key) -> str:
        """The stored form of a figure's key: its JSON (tuples as lists)."""
        return json.dumps(key, ensure_ascii=False, separators=(",", ":"))

    def _stored(self, tx: ManagedTransaction, version: Version | None) -> StoredLookup | None:
        """The lookup of figures stored under ``version`` in ``tx``; None while figures are being
        computed to be stored (they are computed from the data then, never read back)."""
        if version is None or self.figures.recording is not None:
            return None

        ahead: dict[Key, Any] = self._answer.ahead if getattr(self._answer, "tx", None) is tx else {}

        def lookup(keys: list[Key]) -> dict[Key, Any]:
            found = {k: ahead[k] for k in keys if ahead.get(k) is not None}
            rest = [k for k in keys if k not in ahead]  # those read ahead and not stored are not asked again
            return found | self._read_figures(tx, version, rest)

        return lookup

    def _read_figures(self, tx: ManagedTransaction, version: Version, keys: list[Key]) -> dict[Key, Any]:
        """The figures of ``keys`` stored under ``version``, in one query (a kind never stored,
        such as search statistics, is not asked for)."""
        by_text = {self.figure_key(k): k for k in keys if k[0] in STORED_KINDS}
        if not by_text:
            return {}
        records = tx.run(Q.READ_FIGURES, keys=list(by_text), epoch=version[0], version=version[1])
        return {by_text[r["key"]]: decode_figure(r["value"]) for r in records}

    def read_ahead(self, keys: list[Key]) -> None:
        """See ``GraphStore.read_ahead``: in this thread's ``one_read`` transaction, the figures
        and rows of ``keys`` stored under its data version and not kept in the process are read
        in one query and held until the answer ends (a key not stored is not looked up again)."""
        tx = getattr(self._answer, "tx", None)
        if tx is None or self.figures.recording is not None:
            return
        version = self._read_version(tx)
        if version is None:
            return
        held = self.rows.get_many(version, keys)
        wanted = [k for k in keys if k not in held and k not in self._answer.ahead and not self.figures.holds(version, k)]
        found = self._read_figures(tx, version, wanted)
        self._answer.ahead.update({k: found.get(k) for k in wanted})

    def write_figures(self, figures: list[tuple[Version, Key, Any]]) -> int:
        """Store ``figures`` (version, key, value), at most ``batch_rows`` and about
        ``FIGURE_BYTES`` of values to a transaction (pages of rows are large: a transaction's
        memory is bounded); the data version is not raised (a figure is derived from the data,
        not a change of it)."""
        rows: list[dict[str, Any]] = [{"key": self.figure_key(key), "epoch": v[0], "version": v[1],
                                       "value": encode_figure(value)} for v, key, value in figures]

        def write(tx: ManagedTransaction, chunk: list[dict[str, Any]]) -> None:
            tx.run(Q.WRITE_FIGURES, rows=chunk).consume()

        with self._session() as session:
            for chunk in self._figure_batches(rows, [len(row["value"]) for row in rows]):
                session.execute_write(write, chunk)
        return len(rows)

    def delete_other_figures(self, version: Version) -> None:
        """Delete the stored figures of every data version but ``version``."""
        with self._session() as session:
            session.run(Q.DELETE_OTHER_FIGURES, epoch=version[0], version=version[1]).consume()

    def figures_complete_version(self) -> Version | None:
        """The data version whose stored figures are complete (``mark_figures_complete``), or None;
        None too when they were stored by a policykg storing other kinds of figure."""
        records = self._read(Q.FIGURES_COMPLETE)
        if not records or records[0]["version"] is None or sorted(records[0]["kinds"] or ()) != sorted(STORED_KINDS):
            return None
        return str(records[0]["epoch"]), int(records[0]["version"])

    def mark_figures_complete(self, version: Version) -> None:
        """Note that every default figure is stored under ``version`` (not a change of the data)."""
        self._write(Q.MARK_FIGURES_COMPLETE, epoch=version[0], version=version[1], kinds=sorted(STORED_KINDS))

    def unmark_figures_complete(self) -> None:
        """Note that no version's stored figures are complete (they are about to move between
        versions): until ``mark_figures_complete`` the next keep computes them all."""
        self._write(Q.UNMARK_FIGURES_COMPLETE)

    def changes_between(self, base: Version, now: Version) -> Touched | None:
        """What the writes after ``base`` up to ``now`` touched, from their change notes; None
        when some version in between has no note (a clear, an import) or the epochs differ."""
        if base[0] != now[0] or base[1] > now[1]:
            return None
        touched, versions = Touched(), set()
        for r in self._read(Q.CHANGES_BETWEEN, epoch=now[0], base=base[1], now=now[1]):
            versions.add(int(r["version"]))
            touched.add(r["departments"], r["regions"], r["national"])
        return touched if versions == set(range(base[1] + 1, now[1] + 1)) else None

    def figure_keys(self, version: Version) -> list[str]:
        """The keys of the figures stored under ``version``, in their stored form (``figure_key``)."""
        return [r["key"] for r in self._read(Q.FIGURE_KEYS_OF_VERSION, epoch=version[0], version=version[1])]

    def carry_figures(self, texts: list[str], base: Version, now: Version) -> int:
        """Move the figures of keys ``texts`` (stored form) from ``base`` to ``now`` unchanged (the
        writes in between did not touch what they are about). A transaction carries at most
        ``batch_rows`` figures and about ``FIGURE_BYTES`` of their values: changing a figure
        holds its value in the transaction's memory, which the server bounds."""
        def carry(tx: ManagedTransaction, chunk: list[str]) -> None:
            tx.run(Q.CARRY_FIGURES, keys=chunk, epoch=base[0], base=base[1], now=now[1]).consume()

        def sizes_of(tx: ManagedTransaction, keys: list[str]) -> dict[str, int]:
            return {r["key"]: int(r["size"] or 0)
                    for r in tx.run(Q.FIGURE_SIZES, keys=keys, epoch=base[0], version=base[1])}

        with self._session() as session:
            for start in range(0, len(texts), self.batch_rows):
                page = texts[start:start + self.batch_rows]
                sizes = session.execute_read(sizes_of, page)
                for chunk in self._figure_batches(page, [sizes.get(text, 0) for text in page]):
                    session.execute_write(carry, chunk)
        return len(texts)

    def _figure_batches(self, items: list[T], sizes: list[int]) -> Iterator[list[T]]:
        """``items`` in order, in batches of at most ``batch_rows`` whose ``sizes`` add up to about
        ``FIGURE_BYTES`` (one item larger than that is a batch of its own)."""
        chunk: list[T] = []
        total = 0
        for item, size in zip(items, sizes, strict=True):
            if chunk and (len(chunk) >= self.batch_rows or total + size > FIGURE_BYTES):
                yield chunk
                chunk, total = [], 0
            chunk.append(item)
            total += size
        if chunk:
            yield chunk

    def departments_sharing_clauses(self, ids: list[str]) -> set[str]:
        """The departments responsible for a clause together with one of ``ids``."""
        return {r["id"] for r in self._read(Q.DEPARTMENTS_SHARING_CLAUSES, ids=ids)}

    def department_instrument_places(self, ids: list[str]) -> tuple[set[str], bool]:
        """The regions and provinces of the instruments whose rows show one of the departments
        ``ids``, and whether one of them applies nationally."""
        records = self._read(Q.DEPARTMENT_INSTRUMENT_PLACES, ids=ids)
        if not records:
            return set(), False
        return set(records[0]["regions"] or ()), bool(records[0]["national"])

    def forget_changes(self, version: Version) -> None:
        """Delete the change notes up to ``version`` (and of other epochs): figures are kept past
        them; those after the version the derived links were last complete for stay (link_journal)."""
        links = self._links_version()
        if links is not None and links[0] == version[0] and links[1] < version[1]:
            version = links
        with self._session() as session:
            session.run(Q.DELETE_CHANGES_UPTO, epoch=version[0], version=version[1]).consume()

    def stored_figure_count(self) -> int:
        """How many figures the database keeps (of any version)."""
        return int(self._read(Q.COUNT_FIGURES)[0]["n"])

    def keep_figures(self, progress: Callable[[str], None] | None = None, incremental: bool = True) -> int:
        """Compute the figures of the API's default answers and store them (``stored_figures``):
        only those a load's changes may have changed, when the writes since the last keep say
        what they touched; all of them with ``incremental=False``."""
        from .stored_figures import keep_default_figures

        return keep_default_figures(self, progress, incremental)

    def counts(self) -> dict[str, dict[str, int]]:
        def count(tx: ManagedTransaction) -> tuple[tuple[str, str, int], ...]:
            return tuple((r["kind"], r["name"], r["n"]) for r in tx.run(Q.COUNTS))

        out = {"nodes": dict.fromkeys(S.NODE_LABELS, 0), "relationships": dict.fromkeys(S.REL_TYPES, 0)}
        for kind, name, n in self._kept(("counts",), count):
            out["nodes" if kind == "node" else "relationships"][name] = n
        return out

    def get_node(self, node_id: str, label: str | None = None) -> dict[str, Any] | None:
        query = Q.GET_NODE if label is None else Q.GET_NODE_OF[S.check_label(label)]
        records = self._read(query, id=node_id)
        return _node(records[0]) if records else None

    def find_nodes(self, label: str, filters: dict[str, Any] | None = None, limit: int | None = 100,
                   offset: int = 0, order_by: str | None = None) -> list[dict[str, Any]]:
        S.check_label(label)
        filters = check_filters(label, filters)
        check_page(limit, offset)
        prop, desc = parse_order(label, order_by)
        params = {"filters": filters, "offset": offset, "limit": _NO_LIMIT if limit is None else limit}
        if prop == "id" and not desc and "policy_id" in filters and label in Q.FIND_OWNED:
            query = Q.FIND_OWNED[label]
        elif prop == "id" and not desc and limit is None and offset == 0 and not filters:
            return self._all_nodes(label)
        elif prop == "id" and not desc:
            query = Q.FIND_NODES[label]
        else:
            query = (Q.FIND_NODES_ORDERED_DESC if desc else Q.FIND_NODES_ORDERED)[label]
            params["order"] = prop
        return [_node(r) for r in self._read(query, **params)]

    def policy_outline(self, policy_id: str) -> list[dict[str, Any]]:
        records = self._read(Q.POLICY_OUTLINE, id=policy_id)
        return self._outline(records[0]["outline"]) if records else []

    @staticmethod
    def _outline(rows: list[Any]) -> list[dict[str, Any]]:
        # a property a node lacks comes back as null from the map projection: leave it absent
        return sort_outline([node_dict(nid, _label(labels), {k: v for k, v in props.items() if v is not None})
                             for nid, labels, props in rows])

    def node_view(self, node_id: str, label: str, kinds: tuple[tuple[str, str], ...]) -> NodeView | None:
        query = Q.NODE_VIEW.get((S.check_label(label), kinds))
        if query is None:
            raise ValueError(f"no view of {label} with {kinds}: use one of schema.NODE_VIEWS")
        records = self._read(query, id=node_id)
        if not records:
            return None
        r = records[0]
        related: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]] = {key: [] for key in kinds}
        for row in r["rows"]:
            item = (dict(row["rel"]), _node(row))
            for direction in ("both", "out" if row["outgoing"] else "in"):
                if (row["type"], direction) in related:
                    related[(row["type"], direction)].append(item)
        view = NodeView(_node(r), {key: sort_related(items) for key, items in related.items()})
        if "outline" in r.keys():
            return replace(view, outline=self._outline(r["outline"]))
        return replace(view, policies={n["id"]: n for n in map(_node, r["policies"])})

    def _all_nodes(self, label: str) -> list[dict[str, Any]]:
        """Every node of ``label`` in id order, ``batch_rows`` per read transaction."""
        out: list[dict[str, Any]] = []
        after = ""
        while True:
            records = self._read(Q.FIND_NODES_AFTER[label], filters={}, after=after, limit=self.batch_rows)
            out += [_node(r) for r in records]
            if len(records) < self.batch_rows:
                return out
            after = records[-1]["cursor"]

    def related(self, node_id: str, rel_type: str, direction: str = "out") -> list[tuple[dict[str, Any], dict[str, Any]]]:
        query = Q.RELATED[(S.check_rel_type(rel_type), S.check_direction(direction))]
        return sort_related([(dict(r["rel"]), _node(r)) for r in self._read(query, id=node_id)])

    def related_many(self, node_ids: list[str], rel_type: str, direction: str = "out"
                     ) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
        query = Q.RELATED_MANY[(S.check_rel_type(rel_type), S.check_direction(direction))]
        found: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {i: [] for i in node_ids}
        for r in self._read(query, ids=list(dict.fromkeys(node_ids))):
            found[r["source"]].append((dict(r["rel"]), _node(r)))
        return {i: sort_related(items) for i, items in found.items()}

    def related_kinds(self, node_ids: list[str], kinds: tuple[tuple[str, str], ...]
                      ) -> dict[tuple[str, str], dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]]:
        query = Q.RELATED_KINDS.get(kinds)
        if query is None:  # a combination without its own query: one read per kind
            return {key: self.related_many(node_ids, *key) for key in kinds}
        ids = list(dict.fromkeys(node_ids))
        found: dict[tuple[str, str], dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]] = {
            key: {i: [] for i in ids} for key in kinds}
        for r in self._read(query, ids=ids)[0]["rows"]:
            item = (dict(r["rel"]), _node(r))
            for direction in ("both", "out" if r["outgoing"] else "in"):
                if (r["type"], direction) in found:
                    found[(r["type"], direction)][r["source"]].append(item)
        return {key: {i: sort_related(items) for i, items in by_id.items()} for key, by_id in found.items()}

    def neighbourhood(self, node_id: str, depth: int = 1, limit: int = 200, in_force_on: str | None = None
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if self.get_node(node_id) is None:
            return [], []
        chosen = [node_id]
        seen = {node_id}
        frontier = [node_id]
        for _ in range(depth):
            if in_force_on is None:
                found = {r["id"] for r in self._read(Q.NEIGHBOUR_IDS, ids=frontier)}
            else:
                found = {r["id"] for r in self._read(Q.NEIGHBOUR_IDS_IN_FORCE, ids=frontier, in_force_on=in_force_on)}
            frontier = sorted(found - seen)[:max(0, limit - len(chosen))]
            chosen += frontier
            seen.update(frontier)
            if not frontier or len(chosen) >= limit:
                break
        by_id = {r["id"]: _node(r) for r in self._read(Q.NODES_BY_IDS, ids=chosen)}
        rels = [rel_dict(r["type"], r["start"], r["end"], r["props"]) for r in self._read(Q.RELS_AMONG, ids=chosen)]
        return [by_id[n] for n in chosen], sort_rels(rels)

    def shortest_path(self, start: str, end: str, max_hops: int, in_force_on: str | None = None
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if self.get_node(start) is None or self.get_node(end) is None:
            return [], []
        ids = [start]
        if start != end:
            params: dict[str, Any] = {"from": start, "to": end, "max_hops": min(max_hops, Q.MAX_PATH_HOPS)}
            if in_force_on is None:
                rows = self._read(Q.SHORTEST_PATH, **params)
            else:
                rows = self._read(Q.SHORTEST_PATH_IN_FORCE, **params, in_force_on=in_force_on)
            if not rows:
                return [], []
            ids = [str(i) for i in rows[0]["ids"]]
        by_id = {r["id"]: _node(r) for r in self._read(Q.NODES_BY_IDS, ids=ids)}
        rels = [rel_dict(r["type"], r["start"], r["end"], r["props"]) for r in self._read(Q.RELS_AMONG, ids=ids)]
        return [by_id[n] for n in ids], path_rels(ids, rels)

    def search_clauses(self, query: str, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
        """See ``GraphStore.search_clauses``: candidates from ``clause_tokens``, ranked by ``search_text.rank``."""
        terms = analyzer().query_tokens(query)
        if not terms or limit <= 0:
            return []
        filters = filters or Filters()
        lucene = fulltext_query(terms, filters.tokens())
        hits: list[dict[str, Any]] = self._in_read(self._search_tx, terms, lucene, limit, filters.in_force_on)
        return hits

    def _search_tx(self, tx: ManagedTransaction, terms: list[str], lucene: str, limit: int,
                   in_force_on: str | None = None) -> list[dict[str, Any]]:
        # the version first: every write it counts is committed before the index is awaited,
        # so the figures kept under it are never older than it
        version = self._read_version(tx)
        if version is None or version != self._indexed_version:
            # see every committed clause (the index lags commits); once awaited at a version, the
            # index holds every clause of it: a later search at the same version need not wait
            tx.run(Q.AWAIT_FULLTEXT).consume()
            self._indexed_version = version
        params = {"index": Q.SEARCH_INDEX, "query": lucene, "candidates": candidate_count(limit, in_force_on is not None),
                  "terms": terms}
        statement = Q.SEARCH_CANDIDATES if in_force_on is None else Q.SEARCH_CANDIDATES_IN_FORCE
        record = tx.run(statement, {**params, "in_force_on": in_force_on}).single(strict=True)
        candidates = [Candidate(cid, dict(zip(terms, counts, strict=True)), length or 0)
                      for cid, counts, length in record["rows"]]
        if not candidates:
            return []
        top = rank(candidates, terms, self._search_stats(tx, version, terms), limit)
        found = {r["id"]: r for r in tx.run(Q.SEARCH_HITS, ids=[cid for cid, _ in top])}
        return [{**_node(found[cid]), "score": score,
                 "matches": match_spans(found[cid]["tokens"] or "", found[cid]["spans"] or [], terms)}
                for cid, score in top]

    def _search_stats(self, tx: ManagedTransaction, version: Version | None, terms: list[str]) -> Stats:
        """The ranking's corpus statistics and the terms' document frequencies, those kept
        under ``version`` taken from ``figures``, the others counted and kept."""
        def corpus_stats() -> tuple[int, int]:
            record = tx.run(Q.SEARCH_CORPUS_STATS).single(strict=True)
            return int(record["clauses"]), int(record["tokens"] or 0)

        def term_counts(missing: list[str]) -> dict[str, int]:
            counts = tx.run(Q.SEARCH_TERM_COUNTS, index=Q.SEARCH_INDEX,
                            queries=[fulltext_query([t]) for t in missing]).single(strict=True)["df"]
            return {term: int(n) for term, n in zip(missing, counts, strict=True)}

        stored = self._stored(tx, version)
        corpus = self.figures.kept(version, ("corpus",), corpus_stats, stored)
        df = self.figures.kept_each(version, "df", terms, term_counts, stored)
        return Stats(corpus[0], corpus[1], df)

    def suggest(self, q: str, limit: int = 10) -> list[Suggestion]:
        """See ``GraphStore.suggest``: one text-index lookup per kind of name."""
        if not q or limit <= 0:
            return []
        found = [Suggestion(label, r["id"], r["name"]) for label, statement in Q.SUGGEST.items()
                 for r in self._read(statement, q=q, limit=limit)]
        return order_suggestions(found, q, limit)

    def name_search(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """See ``GraphStore.name_search``: one read per label, each stopping at what is left of ``limit``."""
        found: list[dict[str, Any]] = []
        for statement in Q.NAME_SEARCH.values():
            if len(found) >= limit:
                break
            found += [_node(r) for r in self._read(statement, q=q, limit=limit - len(found))]
        return found

    def link_texts(self, label: str) -> Iterator[LinkText]:
        query = Q.LINK_TEXTS_AFTER[label]  # a KeyError for a label without words
        after = ""
        while True:
            records = self._read(query, after=after, limit=self.batch_rows)
            for r in records:
                yield r["id"], r["policy_id"] or "", r["text"], r["label"]
            if len(records) < self.batch_rows:
                return
            after = records[-1]["id"]

    def all_policies(self) -> list[dict[str, Any]]:
        return [_node(r) for r in self._read(Q.ALL_POLICIES)]

    def relationships(self, rel_type: str, limit: int | None = None) -> list[dict[str, Any]]:
        S.check_rel_type(rel_type)
        rels = []
        for start_label in sorted({a for a, _ in S.REL_TYPES[rel_type].ends}):  # a page of start nodes per read
            after = ""
            while True:
                records = self._read(Q.RELATIONSHIPS_AFTER[(rel_type, start_label)], after=after, limit=self.batch_rows)
                rels += [rel_dict(r["type"], r["start"], r["end"], r["props"]) for r in records if r["type"]]
                if len({r["start"] for r in records}) < self.batch_rows:
                    break
                after = records[-1]["start"]
        rels = sort_rels(rels)
        return rels if limit is None else rels[:limit]

    # --- per-resource reads ------------------------------------------------------------

    @staticmethod
    def _anchor(q: InstrumentQuery) -> str:
        """The index a read of ``q`` starts from (cypher.INSTRUMENT_ANCHORS)."""
        for key in ("region", "regions", "department", "function", "type", "beneficiary", "category"):
            if getattr(q, key) is not None:
                return key
        return "all"

    def instrument_page(self, q: InstrumentQuery, sort: InstrumentSort = None, descending: bool = True,
                        numbered_first: bool = False, limit: int = 50, offset: int = 0) -> tuple[list[str], int]:
        check_page(limit, offset)
        if q.unfiltered() and sort is None and not numbered_first:
            # every instrument in list order: a page of the sort_key index (read to offset + limit)
            ids = [r["id"] for r in self._read(Q.INSTRUMENT_PAGE_IN_ORDER, offset=offset, limit=limit)]
            total = self._kept(("instrument_total",),
                               lambda tx: int(tx.run(Q.INSTRUMENT_TOTAL_IN_ORDER).single(strict=True)["n"]))
            return ids, total
        if _region_top_applies(q, sort, numbered_first):
            found = self._in_read(self._region_top_tx, q, sort, descending, limit, offset)
            if found is not None:
                return found
        record = self._read(Q.INSTRUMENT_PAGE[self._anchor(q)], **q.params(), sort=sort, descending=descending,
                            numbered_first=numbered_first, limit=limit, offset=offset)[0]
        return list(record["ids"]), record["total"]

    def provision_page(self, q: InstrumentQuery, limit: int = 50, offset: int = 0) -> tuple[list[list[str]], int]:
        check_page(limit, offset)
        if _provision_top_applies(q):
            found = self._in_read(self._provision_top_tx, q, limit, offset)
            if found is not None:
                return found
        ids, _ = self.instrument_page(q, limit=PROVISION_SCAN_LIMIT)
        groups = group_provisions(ids)
        return groups[offset:offset + limit], len(groups)

    def provision_totals(self, q: InstrumentQuery) -> tuple[int, int, int]:
        """How many instruments a beneficiary read ``q`` matches, how many of them have a list
        position, and how many provisions they belong to; kept under the data version."""
        return self._in_read(self._provision_totals_tx, q)

    def _provision_totals_tx(self, tx: ManagedTransaction, q: InstrumentQuery) -> tuple[int, int, int]:
        def count() -> tuple[int, int, int]:
            r = tx.run(Q.PROVISION_TOTALS, beneficiary=q.beneficiary, national=q.national,
                       regions=list(q.regions) if q.regions is not None else None).single(strict=True)
            return int(r["total"]), int(r["listed"]), int(r["provisions"])

        key: Key = ("provision_totals", q.beneficiary, q.regions, q.national)
        return cast(tuple[int, int, int], tuple(self._figure(tx, key, count)))

    def _provision_top_tx(self, tx: ManagedTransaction, q: InstrumentQuery, limit: int, offset: int
                          ) -> tuple[list[list[str]], int] | None:
        """A page of a beneficiary type's provisions in a place (and the places containing it, and
        national policies) or everywhere: the places' first instruments in list order read from the
        composite indexes (cypher.PROVISION_TOP), as many as give the page's provisions, then every
        instrument of those provisions' clauses (a provision's instruments need not be adjacent in
        the list), kept when they match ``q``. None when some instrument lacks a list position."""
        total, listed, provisions = self._provision_totals_tx(tx, q)
        if listed != total:
            return None
        end = offset + limit
        if offset >= provisions:
            return [], provisions
        places: list[tuple[str, dict[str, Any]]]
        if q.regions is None:
            places = [(Q.PROVISION_TOP["all"], {})]
        else:
            places = [(Q.PROVISION_TOP["region"], {"place": r}) for r in dict.fromkeys(q.regions)]
            if q.national:
                places.append((Q.PROVISION_TOP["national"], {}))
        top = max(2 * end, 16)
        while True:
            rows = {r["id"]: r["sort_key"] for statement, params in places
                    for r in tx.run(statement, params, beneficiary=q.beneficiary, top=top)}
            first = sorted(rows.items(), key=lambda kv: (kv[1], kv[0]))[:top]  # the first `top` of all places
            order = list(dict.fromkeys(provision_of(iid) for iid, _ in first))
            if len(order) >= end or len(rows) < top:
                break
            top *= 4
        wanted = set(order[offset:end])
        clauses = sorted({key.rsplit("/i", 1)[0] for key in wanted})
        found = [{**r["props"], "id": r["id"]} for r in tx.run(Q.PROVISION_INSTRUMENTS, clauses=clauses)]
        kept = sorted((p for p in found if provision_of(p["id"]) in wanted and instrument_matches(p, q)),
                      key=lambda p: instrument_order(p, None, True, False))
        groups: dict[str, list[str]] = {key: [] for key in order[offset:end]}
        for p in kept:
            groups[provision_of(p["id"])].append(p["id"])
        return [ids for ids in groups.values() if ids], provisions

    def region_instrument_totals(self, region: str, within: bool = True) -> tuple[int, int, int]:
        """How many instruments ``region`` has (with its province's when ``within``), how many of
        them have a cap and how many a list position; kept under the data version."""
        return self._in_read(self._region_totals_tx, region, within)

    def _region_totals_tx(self, tx: ManagedTransaction, region: str, within: bool) -> tuple[int, int, int]:
        def count() -> tuple[int, int, int]:
            r = tx.run(Q.INSTRUMENT_REGION_TOTALS, region=region, within=within).single(strict=True)
            return int(r["total"]), int(r["capped"]), int(r["listed"])

        return cast(tuple[int, int, int], tuple(self._figure(tx, ("region_instruments", region, within), count)))

    def _region_top_tx(self, tx: ManagedTransaction, q: InstrumentQuery, sort: InstrumentSort, descending: bool,
                       limit: int, offset: int) -> tuple[list[str], int] | None:
        """A page of one region's instruments by cap or in list order, read from the composite
        indexes a page's worth at a time (cypher.INSTRUMENT_REGION_TOP) instead of ordering every
        instrument of the region; None when some instrument lacks a list position (the general
        read orders those first, which the indexes cannot)."""
        assert q.region is not None
        total, capped, listed = self._region_totals_tx(tx, q.region, q.within)
        if listed != total:
            return None
        end = min(offset + limit, total)
        places = ("region", "province") if q.within else ("region",)

        def top(order: str, n: int, start: int) -> list[str]:
            rows = {r["id"]: {"id": r["id"], "cap_yuan": r["cap"], "sort_key": r["sort_key"]}
                    for place in places for r in tx.run(Q.INSTRUMENT_REGION_TOP[(place, order)], region=q.region, top=n)}
            ordered = sorted(rows.values(), key=lambda p: instrument_order(p, sort, descending, False))
            return [p["id"] for p in ordered[start:n]]

        if offset >= end:
            return [], total
        if sort != "cap":
            return top("listed", end, offset), total
        ids = top("cap_desc" if descending else "cap_asc", min(end, capped), offset) if offset < capped else []
        if end > capped:
            ids += top("uncapped", end - capped, max(offset, capped) - capped)
        return ids, total

    def instrument_details(self, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        found = self._read(Q.INSTRUMENT_DETAILS, ids=ids)[0]
        records = found["rows"]
        # each department once, however many rows name it (rows share it: callers only read it)
        nodes = {d["id"]: _node(d) for d in found["departments"]}

        def departments(items: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
            return sort_related([(dict(d["rel"]), nodes[d["id"]]) for d in items if d["id"] in nodes])

        by_id = {r["id"]: {"instrument": _node(r),
                           "policy": {"title": r["title"], "region": r["region"], "province": r["province"]},
                           "responsible": departments(r["responsible"]), "mentions": departments(r["mentions"])}
                 for r in records}
        return [by_id[i] for i in ids if i in by_id]

    def instrument_counts(self, q: InstrumentQuery, group: Group) -> dict[tuple[str, str], int]:
        """Kept under the data version per query and group (a count per region and code)."""
        anchor, params = self._anchor(q), q.params()

        def count(tx: ManagedTransaction) -> tuple[tuple[str, str, int], ...]:
            return tuple((r["region"], r["key"], r["n"]) for r in tx.run(Q.INSTRUMENT_COUNTS[anchor], params, group=group))

        key = ("instrument_counts", anchor, group, *sorted((k, repr(v)) for k, v in params.items()))
        return {(region, code): n for region, code, n in self._kept(key, count)}

    def instrument_cells(self, q: InstrumentQuery, group: Group, keys: list[str],
                         limit: int) -> dict[tuple[str, str], list[str]]:
        records = self._read(Q.INSTRUMENT_CELLS[self._anchor(q)], **q.params(), group=group, keys=keys, limit=limit)
        return {(r["region"], r["key"]): list(r["ids"]) for r in records}

    def instrument_grid(self, q: InstrumentQuery, group: Group, limit: int) -> dict[tuple[str, str], tuple[int, list[str]]]:
        if q.regions is None or q.national or self._anchor(q) != "regions":
            records = self._read(Q.INSTRUMENT_GRID[self._anchor(q)], **q.params(), group=group, limit=limit)
            return {(r["region"], r["key"]): (r["n"], list(r["ids"])) for r in records}
        return self._in_read(self._region_grid_tx, q, group, limit)

    def _region_grid_tx(self, tx: ManagedTransaction, q: InstrumentQuery, group: Group, limit: int
                        ) -> dict[tuple[str, str], tuple[int, list[str]]]:
        """The grid of ``q``'s regions, one column per region: a column is the same whatever
        other regions are asked with it, so each is kept under the data version (the counts and
        first ids of its cells, a few hundred bytes) and only the columns not kept are read.
        Comparing regions then costs a read of the instruments shown, not a count of every
        instrument of every region asked."""
        version = self._read_version(tx)
        regions = q.regions or ()
        shape: tuple[Any, ...] = (group, limit, *sorted((k, repr(v)) for k, v in q.params().items() if k != "regions"))

        def columns(missing: list[tuple[str, tuple[Any, ...]]]) -> dict[tuple[str, tuple[Any, ...]], Any]:
            # one read per region: a read's memory is one region's instruments, not those of all
            # the regions asked (eight large regions in one read are past a transaction's limit)
            out: dict[tuple[str, tuple[Any, ...]], Any] = {}
            for region, _ in missing:
                params = replace(q, regions=(region,)).params()
                out[(region, shape)] = {
                    r["key"]: (int(r["n"]), tuple(r["ids"]))
                    for r in tx.run(Q.INSTRUMENT_GRID["regions"], params, group=group, limit=limit)
                    if r["region"] == region}
            return out

        kept = self.figures.kept_each(version, "grid_column", [(region, shape) for region in regions], columns,
                                      self._stored(tx, version))
        return {(region, key): (n, list(ids)) for (region, _), column in kept.items() for key, (n, ids) in column.items()}

    def top_regions(self, limit: int) -> list[tuple[str, int]]:
        return list(self._kept(("top_regions", limit), lambda tx: tuple(
            (r["name"], r["n"]) for r in tx.run(Q.TOP_REGIONS, limit=limit))))

    def region_list(self) -> list[tuple[str, str | None, int]]:
        return list(self._kept(("region_list",), lambda tx: tuple(
            (r["name"], r["province"], r["n"]) for r in tx.run(Q.REGION_LIST))))

    def department_page(self, region: str | None = None, function: str | None = None, name: str | None = None,
                        limit: int = 50, offset: int = 0, in_force_on: str | None = None
                        ) -> tuple[list[dict[str, Any]], int]:
        check_page(limit, offset)
        anchor = "region" if region is not None else "function" if function is not None else "all"
        params = {"region_id": f"region:{region}" if region is not None else None, "function": function,
                  "name": name, "limit": limit, "offset": offset, "in_force_on": in_force_on}
        if in_force_on is None and anchor == "function" and name is None:
            # a function's busiest departments (a department answer's counterparts): kept, and stored
            kept, kept_total = self._kept(function_page_key(function, limit, offset),
                                          lambda tx: self._function_page_tx(tx, params))
            return [{**row, "department": {**row["department"], "properties": dict(row["department"]["properties"])}}
                    for row in kept], kept_total
        if in_force_on is None:
            records, split = self._in_read(self._department_page_tx, Q.DEPARTMENT_PAGE[anchor], params)
        else:
            records = self._read(Q.DEPARTMENT_PAGE_IN_FORCE[anchor], **params)
            split = {r["id"]: (r["lead"], r["co"]) for r in records if r["id"] is not None}
        rows = [department_row(_node(r), (r["region"] or [None])[0], *split.get(r["id"], (0, 0)))
                for r in records if r["id"] is not None]
        return rows, records[0]["total"] if records else 0

    def _function_page_tx(self, tx: ManagedTransaction, params: dict[str, Any]
                          ) -> tuple[tuple[dict[str, Any], ...], int]:
        """An undated page of the departments of one function, as ``department_page`` gives it."""
        records, split = self._department_page_tx(tx, Q.DEPARTMENT_PAGE["function"], params)
        rows = tuple(department_row(_node(r), (r["region"] or [None])[0], *split.get(r["id"], (0, 0)))
                     for r in records if r["id"] is not None)
        return rows, records[0]["total"] if records else 0

    def _department_page_tx(self, tx: ManagedTransaction, statement: str, params: dict[str, Any]
                            ) -> tuple[list[Any], dict[str, tuple[int, int]]]:
        """A page of departments and each one's (lead, co) clauses: those kept under the data
        version from ``figures``, the others read from their relationships and kept."""
        records = list(tx.run(statement, params))
        return records, self._lead_co_tx(tx, [r["id"] for r in records if r["id"] is not None])

    def _lead_co_tx(self, tx: ManagedTransaction, ids: list[str]) -> dict[str, tuple[int, int]]:
        """The (lead, co) clauses of each department of ``ids``, kept per data version (held,
        stored, or read from their relationships)."""
        version = self._read_version(tx)

        def lead_co(missing: list[str]) -> dict[str, tuple[int, int]]:
            return {r["id"]: (int(r["lead"]), int(r["co"])) for r in tx.run(Q.DEPARTMENT_LEAD_CO, ids=missing)}

        return self.figures.kept_each(version, "lead_co", ids, lead_co, self._stored(tx, version))

    def department_ids(self) -> list[str]:
        """Every department's id, in id order."""
        return [r["id"] for r in self._read(Q.DEPARTMENT_IDS)]

    def department_lead_co(self, ids: list[str]) -> dict[str, tuple[int, int]]:
        """The clauses each department of ``ids`` leads and co-owns, kept like a page's split."""
        return self._in_read(self._lead_co_tx, ids)

    def department_partners(self, department_id: str, limit: int = 20, in_force_on: str | None = None
                            ) -> list[tuple[dict[str, Any], int]]:
        """Kept under the data version per department, date and limit: a busy department's
        partners count every provision it shares, which is the slowest part of its answer."""
        def partners(tx: ManagedTransaction) -> tuple[tuple[dict[str, Any], int], ...]:
            return tuple((_node(r), int(r["shared"])) for r in tx.run(
                Q.DEPARTMENT_PARTNERS, id=department_id, limit=limit, in_force_on=in_force_on))

        kept = self._kept(partners_key(department_id, in_force_on, limit), partners)
        return [({**node, "properties": dict(node["properties"])}, shared) for node, shared in kept]

    @staticmethod
    def _clause_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted((dict(r) for r in rows), key=clause_row_order)  # collect's order is not promised

    def department_summary(self, department_id: str, in_force_on: str | None = None, per_type: int = 20,
                           clause_limit: int = 200) -> dict[str, Any]:
        check_page(per_type, 0)
        check_page(clause_limit, 0)
        on = {"id": department_id, "in_force_on": in_force_on}
        (lead, co, policies, regions), grid, clauses, region = self._in_read(
            self._department_summary_tx, on, per_type, clause_limit)
        return {"lead": lead, "co": co, "policies": policies, "regions": regions,
                "instruments": {(role, type_): (n, list(ids)) for role, type_, n, ids in grid},
                "clauses": self._clause_rows(clauses),
                "region": region or None}

    def _department_summary_tx(self, tx: ManagedTransaction, on: dict[str, Any], per_type: int,
                               clause_limit: int) -> list[Any]:
        """The department's counts (lead, co, policies, regions), its instrument grid (per role
        and type: how many, and the first ``per_type`` ids), its first ``clause_limit`` clauses
        and its region ("" for none), kept under the data version per department and date (in
        the process, or stored in the database: ``stored_figures``)."""
        version = self._read_version(tx)
        stored = self._stored(tx, version)

        def region() -> str:
            record = tx.run(Q.DEPARTMENT_REGION, id=on["id"]).single()
            return str(record["name"]) if record else ""

        def count() -> tuple[int, int, int, int]:
            c = tx.run(Q.DEPARTMENT_COUNTS, on).single()
            return (c["lead"], c["co"], c["policies"], c["regions"]) if c and c["lead"] is not None else (0, 0, 0, 0)

        def grid() -> tuple[tuple[str, str, int, tuple[str, ...]], ...]:
            return tuple((r["role"], r["type"], int(r["n"]), tuple(r["ids"]))
                         for r in tx.run(Q.DEPARTMENT_INSTRUMENT_GRID, {**on, "limit": per_type}))

        def clauses() -> list[dict[str, Any]]:
            # in list order, and a list: a page of rows, stored as plain JSON (read without a walk)
            record = tx.run(Q.DEPARTMENT_CLAUSE_PAGE, {**on, "limit": clause_limit, "offset": 0}).single()
            return self._clause_rows(record["rows"]) if record else []

        counts = self.figures.kept(version, department_counts_key(on["id"], on["in_force_on"]), count, stored)
        cells = self.figures.kept(version, department_grid_key(on["id"], on["in_force_on"], per_type), grid, stored)
        # a page of rows, larger than the other figures: kept with the answers' rows (``rows``)
        key = department_clauses_key(on["id"], on["in_force_on"], clause_limit)
        rows = self._rows_at(version, [key], lambda missing: {k: clauses() for k in missing}, stored).get(key, [])
        return [counts, cells, list(rows), self.figures.kept(version, department_region_key(on["id"]), region, stored)]

    def department_clauses(self, department_id: str, in_force_on: str | None = None, limit: int = 200,
                           offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        check_page(limit, offset)
        records = self._read(Q.DEPARTMENT_CLAUSE_PAGE, id=department_id, in_force_on=in_force_on,
                             limit=limit, offset=offset)
        return (self._clause_rows(records[0]["rows"]), records[0]["total"]) if records else ([], 0)

    def department_instruments(self, department_id: str, role: DepartmentRole, type: str,
                               in_force_on: str | None = None, limit: int = 20, offset: int = 0
                               ) -> tuple[list[str], int]:
        check_page(limit, offset)
        records = self._read(Q.DEPARTMENT_INSTRUMENT_PAGE, id=department_id, role=role, type=type,
                             in_force_on=in_force_on, limit=limit, offset=offset)
        return (list(records[0]["ids"]), records[0]["total"]) if records else ([], 0)

    def policy_page(self, region: str | None = None, level: str | None = None, year: int | None = None,
                    issuer: str | None = None, text: str | None = None, limit: int = 20,
                    offset: int = 0) -> tuple[list[dict[str, Any]], int, dict[str, dict[str, int]]]:
        check_page(limit, offset)
        if region is None and level is None and year is None and issuer is None and text is None:
            return self._every_policy_page(limit, offset)
        anchor = "region" if region is not None else "all"
        params = {"region": region, "level": level, "year": str(year) if year is not None else None,
                  "issuer": issuer, "text": text}
        page = [_node(r) for r in self._read(Q.POLICY_PAGE[anchor], limit=limit, offset=offset, **params)]
        total, _, facets = _summed_groups(self._read(Q.POLICY_GROUPS[anchor], **params))
        return page, total, facets

    # --- research views (graph/research.py) --------------------------------------------------


    def _every_policy_page(self, limit: int, offset: int
                           ) -> tuple[list[dict[str, Any]], int, dict[str, dict[str, int]]]:
        """A page of every policy, newest first: the dated ones from the date index, then the
        undated; the total and facets (of the whole corpus) kept under the data version."""
        def summary(tx: ManagedTransaction) -> tuple[Any, ...]:
            total, dated, facets = _summed_groups(list(tx.run(Q.POLICY_SUMMARY)))
            return total, dated, tuple((f, tuple(values.items())) for f, values in facets.items())

        total, dated, kept = self._kept(("policy_summary",), summary)
        nodes = []
        if offset < dated:
            nodes += [_node(r) for r in self._read(Q.POLICY_PAGE_DATED, offset=offset, limit=min(limit, dated - offset))]
        if offset + limit > dated:
            nodes += [_node(r) for r in self._read(Q.POLICY_PAGE_UNDATED, offset=max(offset - dated, 0),
                                                   limit=limit - len(nodes))]
        return nodes, total, {f: dict(values) for f, values in kept}

    def get_nodes(self, node_ids: list[str], label: str | None = None) -> list[dict[str, Any]]:
        query = Q.NODES_BY_IDS if label is None else Q.NODES_OF_BY_IDS[S.check_label(label)]
        by_id = {r["id"]: _node(r) for r in self._read(query, ids=list(node_ids))}
        return [by_id[i] for i in sorted(by_id)]

    def instrument_mix(self, regions: list[str] | None, in_force_on: str | None
                       ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        params = _region_params(regions, in_force_on)
        every = regions is None
        mix = self._read(Q.INSTRUMENT_MIX_ALL_REGIONS if every else Q.INSTRUMENT_MIX, **params)
        policies = self._read(Q.POLICIES_PER_REGION_ALL_REGIONS if every else Q.POLICIES_PER_REGION, **params)
        return [r.data() for r in mix], [r.data() for r in policies]

    def shared_responsibility(self, regions: list[str] | None, in_force_on: str | None,
                              limit: int) -> list[dict[str, Any]]:
        params = _region_params(regions, in_force_on)
        query = Q.SHARED_RESPONSIBILITY_ALL_REGIONS if regions is None else Q.SHARED_RESPONSIBILITY
        return [r.data() for r in self._read(query, limit=limit, **params)]

    def similar_clauses(self, clause_id: str) -> list[dict[str, Any]]:
        return [r.data() for r in self._read(Q.SIMILAR_CLAUSES, id=clause_id)]

    def cites_among(self, policy_ids: list[str]) -> list[dict[str, Any]]:
        return [r.data() for r in self._read(Q.CITES_AMONG, policy_ids=list(policy_ids))]


def _filters_only(q: InstrumentQuery, *allowed: str) -> bool:
    """Whether ``q`` filters by nothing but ``allowed`` (``role``, ``within`` and ``national``
    change nothing by themselves: store.UNFILTERING_FIELDS)."""
    return all(getattr(q, k) is None for k in q.__dataclass_fields__ if k not in UNFILTERING_FIELDS and k not in allowed)


def _region_top_applies(q: InstrumentQuery, sort: InstrumentSort, numbered_first: bool) -> bool:
    """Whether ``q`` asks for one region's instruments by cap or in list order and nothing else."""
    return q.region is not None and sort in ("cap", None) and not numbered_first and _filters_only(q, "region")


def _provision_top_applies(q: InstrumentQuery) -> bool:
    """Whether ``q`` asks for one beneficiary type's instruments in some regions (with national
    policies or not) or everywhere, and nothing else."""
    return q.beneficiary is not None and _filters_only(q, "beneficiary", "regions")


def _region_params(regions: list[str] | None, in_force_on: str | None) -> dict[str, Any]:
    return {"region_ids": None if regions is None else [region_id(r) for r in regions], "on": in_force_on}
