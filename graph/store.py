"""The contract both graph stores implement, and the small helpers they share.

Every read returns plain Python values so that the embedded store and Neo4j give
equal answers: a node is ``{"id", "label", "properties"}`` (``properties``
without ``id``), a relationship is ``{"type", "start", "end", "properties"}``.
Results are sorted deterministically (by id unless an order is asked for).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from policykg.errors import StoreUnavailableError

from . import schema as S
from .model import PolicyGraph
from .search_text import Filters
from .suggest import Suggestion
from .validity import in_force_on as in_force_on

T = TypeVar("T")

WriteStatus = Literal["created", "replaced", "unchanged"]
BATCH_ROWS = 5000  # rows per UNWIND statement / per embedded batch
DerivedLinks = tuple[list["Link"], list["Link"]]  # (CITES to policies, SIMILAR_TO)
LinkText = tuple[str, str, str, str | None]  # (node id, policy id, words, numbering label)
# a stated reference: (citing node id, its label, its policy id, words as written, cited 文号, cited title)
Reference = tuple[str, str, str, str, str | None, str | None]


@dataclass
class LinkJournal:
    """What the writes since the derived links were last complete changed that a citation may
    depend on: the policies written or removed (``policies``) and the link keys they and the
    cited documents they rewrote had or have (``linking.policy_link_keys``: ``no:``, ``title:``,
    ``stem:`` and ``doc:<cited document id>``); ``version`` is the store's version it reaches."""

    policies: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    version: Any = None
    known: bool = True  # False: what changed cannot be told, the relink must be a full one


class StoreUnavailable(StoreUnavailableError):
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


Role = Literal["lead", "co", "any"]
InstrumentSort = Literal["cap", "rate"] | None


# InstrumentQuery's fields that only qualify another one (within: region; national: regions; role:
# function and department): left at their defaults or not, they keep no instrument out alone
UNFILTERING_FIELDS = frozenset({"within", "national", "role"})


@dataclass(frozen=True)
class InstrumentQuery:
    """Which instruments a read wants; every field left None matches everything.

    ``region``: instruments of that region, or (``within``) of any region of that province;
    ``regions``: instruments of exactly one of these regions, plus (``national``) those of
    national policies; ``function`` / ``department``: owned by a unit of that function / that
    unit, in the ``role`` asked (``lead``: it leads the provision; ``co``: co-responsible;
    ``any``: either). Rates are fractions (``rate``, else ``rate_max``), caps in yuan.
    ``in_force_on``: only instruments of policies in force on that ISO date (graph/validity.py)."""

    type: str | None = None
    category: str | None = None
    beneficiary: str | None = None
    region: str | None = None
    within: bool = True
    regions: tuple[str, ...] | None = None
    national: bool = False
    function: str | None = None
    department: str | None = None
    role: Role = "lead"
    min_rate: float | None = None
    max_rate: float | None = None
    min_cap: float | None = None
    max_cap: float | None = None
    in_force_on: str | None = None

    def unfiltered(self) -> bool:
        """Whether the query keeps every instrument (no filter given; ``role`` then changes nothing)."""
        return all(getattr(self, k) is None for k in self.__dataclass_fields__ if k not in UNFILTERING_FIELDS)

    def params(self) -> dict[str, Any]:
        """The query as Cypher parameters (every key present, unused ones null)."""
        out: dict[str, Any] = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["regions"] = list(self.regions) if self.regions is not None else None
        out["function_id"] = f"function:{self.function}" if self.function else None
        return out


def instrument_rate(props: dict[str, Any]) -> float | None:
    """The rate an instrument is filtered and sorted by: ``rate``, else the top of its range."""
    rate = props.get("rate")
    return rate if rate is not None else props.get("rate_max")


def owner_keys(props: dict[str, Any], kind: Literal["ids", "functions"], role: Role) -> set[str]:
    """Departments (``ids``) or functions owning an instrument in ``role``."""
    keys: set[str] = set()
    if role != "co":
        keys.update(props.get(f"lead_{kind}") or ())
    if role != "lead":
        keys.update(props.get(f"co_{kind}") or ())
    return keys


PROVISION_SCAN_LIMIT = 20000  # instruments a provision page reads at most where no index orders them


def provision_of(instrument_id: str) -> str:
    """The provision an instrument belongs to: its id up to its last ``.`` (``<clause>/i<n>``)."""
    return instrument_id.rsplit(".", 1)[0]


def group_provisions(ids: Iterable[str]) -> list[list[str]]:
    """``ids`` (in list order) grouped by provision, the provisions in the order of their first
    instrument."""
    groups: dict[str, list[str]] = {}
    for iid in ids:
        groups.setdefault(provision_of(iid), []).append(iid)
    return list(groups.values())


def instrument_matches(props: dict[str, Any], q: InstrumentQuery) -> bool:
    """Whether an Instrument's properties satisfy ``q`` (the embedded store's filter; the Cypher
    reads in cypher.py say the same)."""
    for key in ("type", "category", "beneficiary"):
        wanted = getattr(q, key)
        if wanted is not None and props.get(key) != wanted:
            return False
    if q.region is not None and props.get("region") != q.region and not (q.within and props.get("province") == q.region):
        return False
    if q.regions is not None and props.get("region") not in q.regions and not (q.national and props.get("national")):
        return False
    if q.function is not None and q.function not in owner_keys(props, "functions", q.role):
        return False
    if q.department is not None and q.department not in owner_keys(props, "ids", q.role):
        return False
    rate, cap = instrument_rate(props), props.get("cap_yuan")
    for value, low, high in ((rate, q.min_rate, q.max_rate), (cap, q.min_cap, q.max_cap)):
        if low is None and high is None:
            continue
        if value is None or low is not None and value < low or high is not None and value > high:
            return False
    return True


def instrument_order(props: dict[str, Any], sort: InstrumentSort, descending: bool,
                     numbered_first: bool, instrument_id: str | None = None) -> tuple[Any, ...]:
    """Sort key of an instrument in a list: by cap or rate (those without one last), then, when
    asked, those with a number first, then policy and document order, then id (``props["id"]``
    unless ``instrument_id`` is given)."""
    value = props.get("cap_yuan") if sort == "cap" else instrument_rate(props) if sort == "rate" else None
    return (value is None, 0.0 if value is None else (-value if descending else value),
            0 if numbered_first and props.get("has_number") else 1, props.get("sort_key") or "",
            props["id"] if instrument_id is None else instrument_id)


Group = Literal["type", "beneficiary", "function"]


POLICY_FACETS = ("region", "level", "year", "issuer")


def policy_matches(props: dict[str, Any], level: str | None, year: int | None, issuer: str | None,
                   text: str | None) -> bool:
    """The filters of ``policy_page`` besides the region (the Cypher in cypher.POLICY_PAGE says the same)."""
    if level is not None and props.get("level") != level:
        return False
    if year is not None and not (props.get("date") or "").startswith(str(year)):
        return False
    if issuer is not None and issuer not in (props.get("issuer") or ""):
        return False
    return text is None or text in (props.get("title") or "") or text in (props.get("doc_number") or "")


def policy_facet(props: dict[str, Any], facet: str) -> str | None:
    if facet == "year":
        return (props.get("date") or "")[:4] or None
    value = props.get(facet)
    return value if isinstance(value, str) and value else None


DepartmentRole = Literal["lead", "co"]


def clause_row_order(row: dict[str, Any]) -> tuple[Any, ...]:
    """Order of a department's clause rows: by policy, clause, those it leads first, provision."""
    provision = row.get("provision")
    return (row.get("policy_id") or "", row["id"], not row.get("lead"), provision is None,
            provision if provision is not None else 0)


def department_instrument_order(props: dict[str, Any], instrument_id: str) -> tuple[Any, ...]:
    """Order of a department's instruments of one type: those with a number first, then policy
    and document order, then id (the compare cells' order too)."""
    return (0 if props.get("has_number") else 1, props.get("sort_key") or "", instrument_id)


def department_row(node: dict[str, Any], region: str | None, lead: int, co: int) -> dict[str, Any]:
    return {"department": node, "region": region, "lead_count": lead, "co_count": co}


@dataclass(frozen=True)
class NodeView:
    """A node with its relationships of one kind set, and a policy's outline
    (``GraphStore.node_view``)."""

    node: dict[str, Any]
    related: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]]  # kind -> (rel, other node)
    outline: list[dict[str, Any]] | None = None  # a policy's sections and clauses (``policy_outline``)
    # the policies named by the policy_id of the node and of its related nodes, by id
    policies: dict[str, dict[str, Any]] | None = None


def sort_outline(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sections and clauses in document order: ``order``, then id."""
    return sorted(nodes, key=lambda n: (n["properties"].get("order", 0), n["id"]))


def name_matches(props: dict[str, Any], name: str) -> bool:
    """Whether a department's canonical name or a name as written contains ``name``."""
    return any(name in n for n in [props.get("name") or "", *(props.get("names") or [])])


def group_keys(props: dict[str, Any], group: Group, role: Role) -> set[str]:
    """The keys an instrument counts under: its type or beneficiary, or the functions owning it in ``role``."""
    if group != "function":
        return {props[group]} if props.get(group) else set()
    return owner_keys(props, "functions", role)


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

    def set_derived_links(self, cites: list[Link] | None = None, similar: list[Link] | None = None,
                          cites_of: Collection[str] | None = None) -> None:
        """Replace all CITES-to-Policy (when ``cites`` is given) and all SIMILAR_TO (when ``similar`` is);
        with ``cites_of``, only the CITES-to-Policy from those policies and their clauses."""

    def rebuild_derived_links(self, compute: Callable[[], DerivedLinks],
                              scope: Callable[[], Collection[str] | None] | None = None) -> DerivedLinks:
        """Replace every derived link with what ``compute()`` (which reads this store) finds, one
        rebuild at a time across processes, so concurrent loads converge on the links of the
        graph as the last of them sees it; returns ``compute()``'s result. When ``scope`` is
        given it is called first, under the same lock, and when it returns policy ids, the CITES
        ``compute()`` returns replace only those of these policies (an incremental relink)."""

    def link_journal(self) -> LinkJournal:
        """What changed since the derived links were last complete (``mark_links_complete``); not
        ``known`` when that cannot be told (never linked with keys, a clear, an import, a write by
        an older policykg, a file opened anew): the next relink must then be a full one."""

    def resolved_citation_count(self) -> int:
        """How many CITES end at a Policy (the resolved citations)."""

    def mark_links_complete(self, version: Any) -> None:
        """Note that the derived links are those of the data at ``version`` (a ``LinkJournal``'s)."""

    def prepare_link_keys(self) -> None:
        """Store the link keys that nodes written before they existed lack (before a full relink)."""

    def citing_policies(self, keys: Collection[str]) -> set[str]:
        """The policies a reference (to a cited document) or a running text of which matches one
        of the link ``keys`` (see ``LinkJournal``), found by index."""

    def link_texts_of(self, label: str, policy_ids: Collection[str]) -> Iterator[LinkText]:
        """``link_texts`` of the ``label`` nodes of ``policy_ids`` only, in id order."""

    def references_of(self, policy_ids: Collection[str] | None) -> list[Reference]:
        """The stated references (CITES to a CitedDocument) from ``policy_ids`` and their clauses
        (every policy's with None), by (citing node, cited document)."""

    def keep_figures(self, progress: Callable[[str], None] | None = None, incremental: bool = True) -> int:
        """After a load: compute the figures of the API's default answers and keep them in the
        store (Neo4j: ``graph/stored_figures.py``, only those the writes since the last keep may
        have changed unless ``incremental`` is False; the embedded store keeps its indexes in its
        file and has none to add: 0). Returns how many were computed and kept."""

    def exclusive(self) -> AbstractContextManager[None]:
        """Hold the store for one writer for the duration of a load (the embedded store: its
        file lock, re-reading the file's latest content; Neo4j: nothing, transactions suffice)."""

    def one_read(self, answer: Callable[[], T]) -> T:
        """``answer()``, whose reads of this store all run as one read of it: on Neo4j in one read
        transaction (one session and one BEGIN and COMMIT per answer instead of one per query; the
        driver runs ``answer`` again on a transient error, so it must only read); the embedded
        store, whose reads are calls in this process, runs it as it is."""

    def kept_rows(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The rows of a default answer ``compute()`` builds from this store's reads (plain JSON
        values: text-keyed dicts, lists, text, numbers), kept ready by the store when it can:
        Neo4j looks ``key`` up among the figures stored after the last load under the data
        version (``graph/stored_figures.py`` computes those of the default answers) and only
        computes what it does not find; the embedded store, whose reads are in its process,
        computes them on first use and keeps them in memory until the next write. Either way the
        rows are those ``compute()`` gives on the data now."""

    def read_ahead(self, keys: list[tuple[Any, ...]]) -> None:
        """A hint inside ``one_read``: the answer will ask for the kept figures and rows of
        ``keys`` (``graph/answer_keys.py``). Neo4j reads those it stores and does not hold in
        the process in one query now, instead of one query each later; the embedded store, whose
        kept parts are in its process, ignores it. Answers are the same with or without it."""

    def kept_rows_each(self, keys: list[tuple[Any, ...]],
                       compute: Callable[[list[tuple[Any, ...]]], dict[tuple[Any, ...], T]]) -> dict[tuple[Any, ...], T]:
        """``kept_rows`` for many keys at once (the cells of a comparison page): Neo4j looks them
        all up in one read and computes only those it does not find, in one ``compute(missing)``;
        so does the embedded store, from memory. A key ``compute`` gives nothing for is left out."""

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}`` for every schema label and type."""

    def clear(self) -> None:
        """Remove everything."""

    def save(self) -> None:
        """Persist pending changes (the embedded store writes its file; Neo4j has nothing to do)."""

    def close(self) -> None:
        """Release resources (the embedded store saves first)."""

    def get_node(self, node_id: str, label: str | None = None) -> dict[str, Any] | None:
        """The node with this id, or None; with ``label``, only a node of that label (found by
        that label's index on Neo4j, not by every label's)."""

    def find_nodes(self, label: str, filters: dict[str, Any] | None = None, limit: int | None = 100,
                   offset: int = 0, order_by: str | None = None) -> list[dict[str, Any]]:
        """Nodes of ``label`` whose properties equal ``filters``; ``order_by`` a property, ``-prop`` descending."""

    def related(self, node_id: str, rel_type: str, direction: str = "out") -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(relationship properties, other node) over ``rel_type`` in ``direction`` (out | in | both)."""

    def related_many(self, node_ids: list[str], rel_type: str, direction: str = "out"
                     ) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
        """``related`` of each of ``node_ids`` in one read: node id -> its list (in ``related``'s
        order); a node without such relationships, or not in the store, maps to an empty list."""

    def related_kinds(self, node_ids: list[str], kinds: tuple[tuple[str, str], ...]
                      ) -> dict[tuple[str, str], dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]]:
        """``related_many`` of ``node_ids`` for each (type, direction) of ``kinds``, in one read
        where ``kinds`` is one of ``schema.RELATED_KIND_SETS``: kind -> node id -> its list."""

    def node_view(self, node_id: str, label: str, kinds: tuple[tuple[str, str], ...]) -> NodeView | None:
        """The node ``node_id`` of ``label`` with its ``related_kinds`` of ``kinds`` and the extra
        ``schema.NODE_VIEWS`` names for them (a policy's ``policy_outline``; or the policies named
        by the ``policy_id`` of the node and of its related nodes): an answer's first read, one
        round trip on Neo4j (a node found by its label's index). ``(label, kinds)`` is one of
        ``schema.NODE_VIEWS``; None when no node of ``label`` has that id."""

    def neighbourhood(self, node_id: str, depth: int = 1, limit: int = 200, in_force_on: str | None = None
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Nodes within ``depth`` hops (nearest first, then by id, at most ``limit``) and the relationships among them.
        ``in_force_on``: leave out (and do not walk through) policies not in force on that ISO date
        and every node one of them owns (``owning_policy``); shared nodes are kept."""

    def search_clauses(self, query: str, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Clauses holding every token of ``query`` and every facet of ``filters``, best first
        (``search_text``: the index's candidates, ordered by the common BM25, then id); each hit
        is a node with ``score`` and ``matches`` (ranges of the matched tokens in ``text_simplified``).
        ``filters.in_force_on``: only clauses of policies in force on that day, chosen among the
        index's candidates (``search_text.candidate_count``) before they are ranked."""

    def suggest(self, q: str, limit: int = 10) -> list[Suggestion]:
        """Policies, departments, regions and beneficiary types whose name contains ``q``, in
        ``suggest.order_suggestions`` order."""

    def name_search(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """The first ``limit`` nodes whose name-like properties contain ``q`` (simplified
        characters, as the stores keep names): label by label in ``schema.NAME_SEARCH_LABELS``
        order, each label's by id (``schema.name_search_props``)."""

    def shortest_path(self, start: str, end: str, max_hops: int, in_force_on: str | None = None
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The nodes, in order, of the shortest undirected path from ``start`` to ``end`` (at most
        ``max_hops`` relationships; the smallest by ids when several are as short) and every
        relationship between neighbours on it; ``([], [])`` when there is none.
        ``in_force_on``: the path passes only through shared nodes and nodes of policies in force
        on that ISO date (as ``neighbourhood`` walks); its two ends may be any nodes."""

    def link_texts(self, label: str) -> Iterator[LinkText]:
        """(id, policy id, words, numbering label) of every ``label`` node (Clause or Section) in id
        order, the simplified words where kept; read a page at a time, for the derived links."""

    def all_policies(self) -> list[dict[str, Any]]:
        """Every Policy node, by id."""

    def relationships(self, rel_type: str, limit: int | None = None) -> list[dict[str, Any]]:
        """Every relationship of ``rel_type``, by (start, end)."""

    # --- per-resource reads: answered from indexes, never by reading the whole corpus ------

    def instrument_page(self, q: InstrumentQuery, sort: InstrumentSort = None, descending: bool = True,
                        numbered_first: bool = False, limit: int = 50, offset: int = 0) -> tuple[list[str], int]:
        """Ids of the instruments matching ``q`` in list order (``instrument_order``), from
        ``offset``, at most ``limit``; and how many match."""

    def provision_page(self, q: InstrumentQuery, limit: int = 50, offset: int = 0) -> tuple[list[list[str]], int]:
        """The instruments matching ``q`` grouped by provision, in list order (a provision where
        its first instrument is listed), a page of ``limit`` provisions from ``offset``, and how many
        provisions match."""

    def instrument_details(self, ids: list[str]) -> list[dict[str, Any]]:
        """For each id (in order, missing ones skipped): ``{"instrument": node, "policy": {title,
        region, province}, "responsible": [(rel props, department node)] of its provision,
        "mentions": [(rel props, department node)] of its clause}``."""

    def instrument_counts(self, q: InstrumentQuery, group: Group) -> dict[tuple[str, str], int]:
        """``{(region or "", key): number of matching instruments}``, key from ``group_keys``."""

    def instrument_cells(self, q: InstrumentQuery, group: Group, keys: list[str],
                         limit: int) -> dict[tuple[str, str], list[str]]:
        """``{(region or "", key): ids}`` for each key of ``keys`` (from ``group_keys``): the first
        ``limit`` matching instruments of each cell, those with a number first, then in list order."""

    def instrument_grid(self, q: InstrumentQuery, group: Group, limit: int) -> dict[tuple[str, str], tuple[int, list[str]]]:
        """``{(region or "", key): (n, ids)}`` for every non-empty cell: ``instrument_counts`` and
        ``instrument_cells`` of every key in one read (what the compare matrix asks)."""

    def top_regions(self, limit: int) -> list[tuple[str, int]]:
        """The ``limit`` regions with most policies (policies whose region it is), most first, then by name."""

    def region_list(self) -> list[tuple[str, str | None, int]]:
        """Every region some policy applies to: ``(name, province, policies)``, by name."""

    def policy_page(self, region: str | None = None, level: str | None = None, year: int | None = None,
                    issuer: str | None = None, text: str | None = None, limit: int = 20,
                    offset: int = 0) -> tuple[list[dict[str, Any]], int, dict[str, dict[str, int]]]:
        """Policies of ``region`` (or its province), of ``level``, issued in ``year``, whose
        issuer contains ``issuer`` and whose title or 文号 contains ``text``: the page (newest
        first, then by id descending), how many match, and facet counts over all of them
        (``{"region"|"level"|"year"|"issuer": {value: n}}``)."""

    def department_page(self, region: str | None = None, function: str | None = None, name: str | None = None,
                        limit: int = 50, offset: int = 0, in_force_on: str | None = None
                        ) -> tuple[list[dict[str, Any]], int]:
        """Departments of ``region`` (IN_REGION), of ``function``, whose name or a name as written
        contains ``name``; each ``{"department": node, "region", "lead_count", "co_count"}`` (the
        clauses it leads / is co-responsible for), most clauses first, then by id; and how many.
        ``in_force_on``: the clauses of policies in force that day only, and departments with
        none left out."""

    def department_partners(self, department_id: str, limit: int = 20, in_force_on: str | None = None
                            ) -> list[tuple[dict[str, Any], int]]:
        """Departments responsible for the same provisions as this one (of policies in force on
        ``in_force_on``), with how many they share, most first, then by id."""

    def department_summary(self, department_id: str, in_force_on: str | None = None, per_type: int = 20,
                           clause_limit: int = 200) -> dict[str, Any]:
        """One department's counts and the first page of each of its lists, from the store:
        ``{"lead", "co"}`` (its RESPONSIBLE_FOR relationships, as ``department_page`` counts
        them), ``"policies"`` (the policies of those clauses) and ``"regions"`` (their
        regions), ``"instruments": {(role, type): (n, first ids)}`` (``department_instruments``
        of each role and type, at most ``per_type`` ids) and ``"clauses"``: the first
        ``clause_limit`` of ``department_clauses``; ``"region"``: the name of its region (the first
        by id), whatever the date. Only policies in force on ``in_force_on`` count. An unknown
        department: zeros, empty lists and no region."""

    def department_clauses(self, department_id: str, in_force_on: str | None = None, limit: int = 200,
                           offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """The department's RESPONSIBLE_FOR clauses (of policies in force on ``in_force_on``) in
        ``clause_row_order``, from ``offset``, at most ``limit``: rows ``{id, label, heading,
        policy_id, policy_title, lead, provision}``; and how many there are."""

    def department_instruments(self, department_id: str, role: DepartmentRole, type: str,
                               in_force_on: str | None = None, limit: int = 20, offset: int = 0
                               ) -> tuple[list[str], int]:
        """Ids of the instruments of ``type`` the department owns in ``role`` (``owner_keys``), of
        policies in force on ``in_force_on``, those with a number first, then in list order
        (``department_instrument_order``), from ``offset``, at most ``limit``; and how many."""

    # --- research views (graph/research.py): each answered by the store, bounded by its arguments

    def get_nodes(self, node_ids: list[str], label: str | None = None) -> list[dict[str, Any]]:
        """The nodes with these ids that exist, by id; with ``label``, only those of that label."""

    def policy_outline(self, policy_id: str) -> list[dict[str, Any]]:
        """The sections and clauses of a policy as nodes holding only ``schema.OUTLINE_PROPS``
        (no texts), in document order (``order``, then id); [] for an unknown policy."""

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


def path_rels(ids: list[str], rels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The relationships of ``rels`` that join neighbours of the path ``ids``, sorted."""
    pairs = {frozenset(pair) for pair in zip(ids, ids[1:], strict=False)}
    return sort_rels([r for r in rels if frozenset((r["start"], r["end"])) in pairs])


def props_key(props: dict[str, Any]) -> str:
    return json.dumps(props, sort_keys=True, ensure_ascii=False, default=str)


def sort_related(items: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """By the other node's id, then by the relationship's properties (encoded only when two
    relationships reach the same node: most lists have none, and encoding is the cost)."""
    by_id = sorted(items, key=lambda item: item[1]["id"])
    if all(a[1]["id"] != b[1]["id"] for a, b in zip(by_id, by_id[1:], strict=False)):
        return by_id
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


def chunks(rows: list[Any], size: int = BATCH_ROWS) -> Iterator[list[Any]]:
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


def owning_policy(label: str, node_id: str, props: dict[str, Any]) -> str | None:
    """The policy a node belongs to: itself for a Policy, its ``policy_id`` for the nodes a
    policy owns, None for shared nodes (departments, regions, vocabularies)."""
    if label == S.POLICY:
        return node_id
    owner = props.get("policy_id")
    return owner if isinstance(owner, str) else None
