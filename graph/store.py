"""The contract both graph stores implement, and the small helpers they share.

Every read returns plain Python values so that the embedded store and Neo4j give
equal answers: a node is ``{"id", "label", "properties"}`` (``properties``
without ``id``), a relationship is ``{"type", "start", "end", "properties"}``.
Results are sorted deterministically (by id unless an order is asked for).
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from . import schema as S
from .model import PolicyGraph, to_simplified

WriteStatus = Literal["created", "replaced", "unchanged"]
BATCH_ROWS = 5000  # rows per UNWIND statement / per embedded batch
DerivedLinks = tuple[list["Link"], list["Link"]]  # (CITES to policies, SIMILAR_TO)


class StoreUnavailable(Exception):
    """The store cannot be used now (Neo4j unreachable, the graph file held by another load);
    the message says what to do."""


@dataclass(frozen=True)
class Link:
    """A derived relationship written by cross-policy linking (CITES to a Policy, SIMILAR_TO)."""

    type: str
    start: str
    end: str
    start_label: str
    end_label: str
    props: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)


class GraphStore(Protocol):
    """What the query service and the API use; implemented by EmbeddedStore and Neo4jStore."""

    def ensure_schema(self) -> None:
        """Create constraints and indexes (no-op where there are none)."""

    def write_policy(self, pg: PolicyGraph) -> WriteStatus:
        """Write one policy in one transaction: created, replaced (same source key, new content) or unchanged."""

    def write_policies(self, pgs: list[PolicyGraph]) -> list[WriteStatus]:
        """Write several policies in one transaction, all or none; a status per policy, in order.

        The same as ``write_policy`` for each in turn, except that shared nodes nothing uses any
        more are removed once, at the end, so a shared node that a replaced policy no longer uses
        but a later policy of the batch does keeps its properties instead of being created anew.
        A failure leaves the store as it was: write the policies one by one to find the bad one.
        """

    def delete_policy(self, source_key: str) -> bool:
        """Remove a policy's subgraph and the shared nodes nothing uses any more; False if absent."""

    def set_derived_links(self, cites: list[Link] | None = None, similar: list[Link] | None = None) -> None:
        """Replace all CITES-to-Policy (when ``cites`` is given) and all SIMILAR_TO (when ``similar`` is)."""

    def rebuild_derived_links(self, compute: Callable[[], DerivedLinks]) -> DerivedLinks:
        """Replace every derived link with what ``compute()`` (which reads this store) finds, one
        rebuild at a time across processes, so concurrent loads converge on the links of the
        graph as the last of them sees it; returns ``compute()``'s result."""

    def exclusive(self) -> AbstractContextManager[None]:
        """Hold the store for one writer for the duration of a load (the embedded store: its
        file lock, re-reading the file's latest content; Neo4j: nothing, transactions suffice)."""

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}`` for every schema label and type."""

    def clear(self) -> None:
        """Remove everything."""

    def save(self) -> None:
        """Persist pending changes (the embedded store writes its file; Neo4j has nothing to do)."""

    def close(self) -> None:
        """Release resources (the embedded store saves first)."""

    def get_node(self, node_id: str) -> dict[str, Any] | None:
        """The node with this id, or None."""

    def find_nodes(self, label: str, filters: dict[str, Any] | None = None, limit: int | None = 100,
                   offset: int = 0, order_by: str | None = None) -> list[dict[str, Any]]:
        """Nodes of ``label`` whose properties equal ``filters``; ``order_by`` a property, ``-prop`` descending."""

    def related(self, node_id: str, rel_type: str, direction: str = "out") -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(relationship properties, other node) over ``rel_type`` in ``direction`` (out | in | both)."""

    def neighbourhood(self, node_id: str, depth: int = 1, limit: int = 200) -> tuple[list[dict], list[dict]]:
        """Nodes within ``depth`` hops (nearest first, then by id, at most ``limit``) and the relationships among them."""

    def search_clauses(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Clauses containing every term of ``query`` (terms of two characters or more), best first, with ``score``."""

    def all_policies(self) -> list[dict[str, Any]]:
        """Every Policy node, by id."""

    def relationships(self, rel_type: str, limit: int | None = None) -> list[dict[str, Any]]:
        """Every relationship of ``rel_type``, by (start, end)."""

    # --- research views (graph/research.py): each answered by the store, bounded by its arguments

    def get_nodes(self, node_ids: list[str]) -> list[dict[str, Any]]:
        """The nodes with these ids that exist, by id."""

    def instrument_mix(self, regions: list[str] | None, in_force_on: str | None
                       ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """For the policies of ``regions`` (names; None: all) in force on ``in_force_on`` (ISO
        date; None: all): rows ``{region, type, category, instruments, policies}`` per region and
        instrument type, and ``{region, policies}`` per region."""

    def shared_responsibility(self, regions: list[str] | None, in_force_on: str | None,
                              limit: int) -> list[dict[str, Any]]:
        """Pairs of departments responsible for the same clauses of those policies:
        ``{a, b, shared}`` with ``a < b``, most shared first (then by ids), at most ``limit``."""

    def similar_clauses(self, clause_id: str) -> list[dict[str, Any]]:
        """``{id, score}`` of every clause SIMILAR_TO this one, by id."""

    def cites_among(self, policy_ids: list[str]) -> list[dict[str, Any]]:
        """``{start, end}`` policy pairs among ``policy_ids`` where the first (or a part of it)
        CITES the second, by (start, end)."""


# --- shared helpers -----------------------------------------------------------------------


def node_dict(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    return {"id": node_id, "label": label, "properties": {k: v for k, v in props.items() if k != "id"}}


def rel_dict(rel_type: str, start: str, end: str, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": rel_type, "start": start, "end": end, "properties": dict(props)}


def props_key(props: dict[str, Any]) -> str:
    return json.dumps(props, sort_keys=True, ensure_ascii=False, default=str)


def sort_related(items: list[tuple[dict, dict]]) -> list[tuple[dict, dict]]:
    return sorted(items, key=lambda item: (item[1]["id"], props_key(item[0])))


def sort_rels(rels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rels, key=lambda r: (r["start"], r["end"], r["type"], props_key(r["properties"])))


def parse_order(label: str, order_by: str | None) -> tuple[str, bool]:
    """(property, descending) from ``prop`` or ``-prop``, checked against the schema."""
    if not order_by:
        return "id", False
    desc = order_by.startswith("-")
    return S.check_property(label, order_by.lstrip("-")), desc


def check_filters(label: str, filters: dict[str, Any] | None) -> dict[str, Any]:
    filters = dict(filters or {})
    for key in filters:
        S.check_property(label, key)
    return filters


def check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")


_INT64 = 2**63


def check_value(key: str, value: Any) -> None:
    """Raise ``TypeError`` unless ``value`` is storable as a Neo4j property (what both stores accept)."""
    if isinstance(value, bool) or isinstance(value, str):
        return
    if isinstance(value, int):
        if -_INT64 <= value < _INT64:
            return
    elif isinstance(value, float):
        return
    elif isinstance(value, list):
        kinds = {type(v) for v in value}
        if len(kinds) <= 1 and kinds <= {str, bool, int, float}:
            return
    raise TypeError(f"property {key!r} has a value Neo4j cannot store ({type(value).__name__}); "
                    "use strings, numbers, booleans or lists of one of them, and JSON-encode structures")


def search_terms(query: str) -> list[str]:
    """Query terms as both stores match them: simplified, width-folded, lower-case, 2+ characters."""
    terms = []
    for term in to_simplified(query).lower().split():
        if len(term) >= 2 and term not in terms:
            terms.append(term)
    return terms


def fold(text: str) -> str:
    """Text as the search matches it (NFKC width folding and lower case, like the cjk analyzer)."""
    return unicodedata.normalize("NFKC", text).lower()


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def substring_score(texts: list[str], terms: list[str]) -> float:
    """Occurrences of the terms per square root of the length: a simple tf-style rank."""
    hits = sum(t.count(term) for t in texts for term in terms)
    return hits / math.sqrt(max(1, max(len(t) for t in texts)))


def chunks(rows: list[Any], size: int = BATCH_ROWS):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


_OWNERSHIP = frozenset(S.OWNERSHIP_TYPES)


def validate_structure(pg: PolicyGraph) -> dict[str, str]:
    """Check labels, types and endpoints of a policy graph, and that the policy's tree reaches
    each of its owned nodes; return its id → label map.

    Property values are checked while writing (as Neo4j does), so a bad value fails a
    write midway and exercises the rollback.
    """
    labels: dict[str, str] = {}
    for nid, label, props in pg.nodes:
        S.check_label(label)
        if nid in labels:
            raise ValueError(f"node {nid!r} appears twice in the policy graph")
        if label not in S.SHARED_LABELS and props.get("policy_id") != pg.policy_id:
            raise ValueError(f"{label} {nid!r} has policy_id {props.get('policy_id')!r}, not {pg.policy_id!r}")
        labels[nid] = label
    if labels.get(pg.policy_id) != S.POLICY:
        raise ValueError(f"the policy graph has no Policy node {pg.policy_id!r}")
    children: dict[str, list[str]] = {}
    for rel_type, start, end, _ in pg.rels:
        pair = (labels.get(start), labels.get(end))
        if pair not in S.REL_TYPES[S.check_rel_type(rel_type)].ends:
            raise ValueError(f"{rel_type} from {start!r} to {end!r} ({pair}) is not allowed by the schema")
        if rel_type in _OWNERSHIP:
            children.setdefault(start, []).append(end)
    reached, todo = {pg.policy_id}, [pg.policy_id]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in reached:
                reached.add(child)
                todo.append(child)
    for nid, label in labels.items():
        if nid not in reached and label not in S.SHARED_LABELS:
            raise ValueError(f"{label} {nid!r} is not part of the policy's tree: link it from the policy "
                             f"through {', '.join(S.OWNERSHIP_TYPES)}")
    return labels


def check_link(link: Link, rel_type: str) -> None:
    if link.type != rel_type or (link.start_label, link.end_label) not in S.REL_TYPES[rel_type].ends:
        raise ValueError(f"not a derived {rel_type} link: {link}")
    if rel_type == "CITES" and link.end_label != S.POLICY:
        raise ValueError("derived CITES links end at a Policy")


def in_force_on(props: dict[str, Any], on: str | None) -> bool:
    """Whether a policy (its properties) is in force on the ISO date ``on``, as the Cypher reads
    decide it: its start (effective_from, else the date of issue) or its end is known, it has
    started and it has not ended. ``on`` None: every policy."""
    if on is None:
        return True
    start = props.get("effective_from")
    if start is None:
        start = props.get("date")
    until = props.get("effective_until")
    if start is None and until is None:
        return False
    return (start is None or start <= on) and (until is None or on <= until)
