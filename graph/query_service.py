"""The query service: every answer the API gives, composed from the store's read primitives.

Because it only uses the ``GraphStore`` protocol, the embedded store and Neo4j give the
same answers by construction. Each answer asks the store for what it shows: lists are
filtered, ordered and paged by the store from its indexes (``instrument_page``,
``department_page``…), and only the rows of the page are joined with their clause, policy
and departments. The service keeps no copy of the corpus (only the names of the small
vocabularies: functions, instrument and beneficiary types).
"""

from __future__ import annotations

import functools
import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar, cast

from policykg.errors import NotFoundError

from . import schema as S
from .answer_keys import department_answer_keys, department_rows_key
from .json_rows import JsonList, JsonRows
from .model import to_simplified
from .search_text import Filters, make_snippet
from .store import DepartmentRole, GraphStore, InstrumentQuery, InstrumentSort, Role, provision_of
from .validity import check_date

INSTRUMENT_FIELDS = (
    "type", "category", "beneficiary", "rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan",
    "threshold_yuan", "scope", "basis", "duration_years", "text", "provision",
)
SPAN_TYPES = ("department", "amount", "beneficiary", "citation")
Related = list[tuple[dict[str, Any], dict[str, Any]]]
MAX_NEIGHBOURS = 5000  # counted for "show more"; beyond this the page just says "5000+"


POLICY_HINT = "List policies with GET /api/v1/policies."
CLAUSE_HINT = "Find clause ids in GET /api/v1/policies/{id} (structure) or /api/v1/search."
COMPARE_CELL_LIMIT = 5  # instruments listed per cell of the compare matrix (GET /compare/cell pages the rest)
COMPARE_ROW_LIMIT = 12  # rows of the compare matrix per page: what a screen shows (the explorer asks the same)
COMPARE_DEFAULT_REGIONS = 8  # columns when none are asked for: the regions with most policies
BENEFICIARY_LIMIT = 50  # provisions in a page of a beneficiary answer
INSTRUMENT_LIMIT = 50  # instruments in a page of the instrument list
REGION_PAGE_SORTS: tuple[InstrumentSort, ...] = (None, "cap")  # the region pages kept ready (largest cap first)
DEPARTMENT_PER_TYPE = 5  # instruments listed per type in a department's answer (the page's "more" pages on)
DEPARTMENT_CLAUSES = 50  # clauses listed in a department's answer (the page's "more" pages on)
DEPARTMENT_RELATED = 20  # counterparts and partners listed in a department's answer
COUNTERPART_SLACK = 4  # departments read beyond the counterparts listed, for those of its own region left out

P = ParamSpec("P")
R = TypeVar("R")


def one_read(method: Callable[Concatenate[QueryService, P], R]) -> Callable[Concatenate[QueryService, P], R]:
    """An answer of the API: its reads of the store run as one read (``GraphStore.one_read``)."""
    def answer(service: QueryService, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return service.store.one_read(lambda: method(service, *args, **kwargs))
    functools.update_wrapper(answer, method)
    return answer


def region_page(q: InstrumentQuery, sort: InstrumentSort, descending: bool, numbered_first: bool, limit: int,
                offset: int) -> bool:
    """Whether a page is the first of a region's instruments (and of its cities', for a province)
    in list order or by cap, largest first: the pages the store keeps ready."""
    return (q.region is not None and q.within and q.in_force_on is None and replace(q, region=None).unfiltered()
            and sort in REGION_PAGE_SORTS and (descending or sort is None) and not numbered_first
            and limit == INSTRUMENT_LIMIT and offset == 0)


class NotFound(NotFoundError, LookupError):
    """An id that is not in the graph; ``kind`` names what was looked for."""

    def __init__(self, kind: str, ident: str, hint: str) -> None:
        super().__init__(f"No {kind} with id {ident!r}. {hint}")
        self.kind, self.ident, self.hint = kind, ident, hint


def _props(node: dict[str, Any] | None) -> dict[str, Any]:
    return dict(node["properties"]) if node else {}


CAP_FIELDS = {"yuan": None, "rate": None, "scope": None}  # every cap shows these (None when it has none)


def _caps(value: Any) -> list[dict[str, Any]]:
    """An instrument's caps as the answer shows them: each with ``CAP_FIELDS``."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [{**CAP_FIELDS, **cap} for cap in cast(list[dict[str, Any]], value or [])]


_FIGURE_KINDS = ("money", "money_range", "rate", "rate_range", "multiple")


def _figures(text: str) -> list[str]:
    """The amounts, rates and multiples written in ``text`` (e.g. 最高20万元 → 20万元)."""
    from ..loaders.quantities import find_quantities

    return [text[q.start:q.end] for q in find_quantities(text) if q.kind in _FIGURE_KINDS]


def _corrupted_in(found: list[dict[str, Any]], start: Any, length: int) -> list[dict[str, Any]]:
    """The corrupted passages (document offsets) that fall in a node's text, as offsets into that text."""
    if not isinstance(start, int):
        return []
    out = []
    for c in found:
        a, b = max(0, c["start"] - start), min(length, c["end"] - start)
        if a < b:
            out.append({"start": a, "end": b, "type": "corrupted", "message": c.get("message")})
    return out


class QueryService:
    """Answers the API's questions from any ``GraphStore``."""

    def __init__(self, store: GraphStore, store_name: str, version: str) -> None:
        self.store = store
        self.store_name = store_name
        self.version = version
        self._lock = threading.Lock()
        self._names: dict[str, dict[str, str]] = {}  # code → Chinese name of the small vocabularies

    # --- cache ---------------------------------------------------------------------------

    def invalidate(self) -> None:
        """Forget the cached vocabulary names (call after loading policies)."""
        with self._lock:
            self._names = {}

    def _vocab_names(self, label: str) -> dict[str, str]:
        if label not in self._names:
            self._names[label] = {
                n["properties"].get("code"): n["properties"].get("name_zh") or n["properties"].get("code")
                for n in self.store.find_nodes(label, limit=None)
            }
        return self._names[label]

    def vocab_codes(self, label: str) -> list[str]:
        """The codes of a small vocabulary (functions, beneficiary or instrument types) in the graph."""
        return sorted(code for code in self._vocab_names(label) if code)

    def name_zh(self, label: str, code: str | None) -> str | None:
        """Chinese name of a function, beneficiary or instrument type code."""
        if code is None:
            return None
        return self._vocab_names(label).get(code, code)

    def rows_for(self, ids: list[str]) -> list[dict[str, Any]]:
        """Instrument rows (as the API shows them) for ``ids``, in order: one read for the page."""
        return self._rows_from_details(self.store.instrument_details(ids))

    def _rows_from_details(self, details: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rows = []
        for d in details:
            inst, props = d["instrument"], d["instrument"]["properties"]
            responsible = [(rel, dept) for rel, dept in d["responsible"] if rel.get("provision") == props.get("provision")]
            row = self._instrument_row(inst["id"], props, props.get("clause_id"), d["policy"], responsible, d["mentions"])
            rows.append(self.public_row(row))
        return rows

    def instrument_page(self, q: InstrumentQuery, sort: InstrumentSort = None, descending: bool = True,
                        numbered_first: bool = False, limit: int = INSTRUMENT_LIMIT, offset: int = 0
                        ) -> tuple[Sequence[dict[str, Any]], int]:
        """A page of instrument rows matching ``q`` and how many match, from the store's indexes;
        the first page of a region's instruments (in list order or by cap, largest first) kept
        ready by the store as JSON text (``kept_rows``: on Neo4j stored after a load for every
        region)."""
        def page() -> tuple[list[dict[str, Any]], int]:
            ids, total = self.store.instrument_page(q, sort, descending, numbered_first, limit, offset)
            return self.rows_for(ids), total

        if region_page(q, sort, descending, numbered_first, limit, offset):
            def packed() -> dict[str, Any]:
                items, total = page()
                return {"items": JsonList.of(items), "total": total}

            kept = self.store.kept_rows(("region_rows", q.region, sort), packed)
            return kept["items"], kept["total"]
        return page()

    def _instrument_row(self, iid: str, props: dict[str, Any], clause_id: str | None, policy: dict[str, Any],
                        responsible: list[Any], mentions: list[Any]) -> dict[str, Any]:
        provision = props.get("provision")
        owners = [(rel, dept) for rel, dept in responsible if rel.get("provision") == provision]
        departments = [
            self._dept_ref(dept, rel.get("name"), "lead" if rel.get("lead") else "co", rel.get("group"))
            for rel, dept in sorted(owners, key=lambda o: (o[0].get("group", 0), not o[0].get("lead"), o[1]["id"]))
        ]
        if not owners:
            departments = [
                self._dept_ref(dept, rel.get("name"), "mentioned", None)
                for rel, dept in sorted(mentions, key=lambda m: m[1]["id"]) if rel.get("role") == "funding"
            ]
        row: dict[str, Any] = {"id": iid}
        for f in INSTRUMENT_FIELDS:
            row[f] = props.get(f)
        row["caps"] = _caps(props.get("caps"))
        row.update(
            type_zh=self.name_zh(S.INSTRUMENT_TYPE, props.get("type")),
            beneficiary_zh=self.name_zh(S.BENEFICIARY_TYPE, props.get("beneficiary")),
            clause_id=clause_id,
            clause_label=props.get("clause_label"),
            start=props.get("start"),
            policy_id=props.get("policy_id"),
            policy_title=policy.get("title"),
            region=policy.get("region"),
            province=policy.get("province"),
            departments=departments,
        )
        return row

    def _dept_ref(self, dept: dict[str, Any], name: str | None, role: str, group: int | None) -> dict[str, Any]:
        p = dept["properties"]
        return {
            "id": dept["id"], "canonical": p.get("name"), "name": name or p.get("name"),
            "function": p.get("function"), "kind": p.get("kind"), "lead": role == "lead", "role": role,
            "group": group,
        }

    @staticmethod
    def public_row(row: dict[str, Any]) -> dict[str, Any]:
        """An instrument row as the API shows it."""
        return {k: v for k, v in row.items() if k != "start"}

    # --- health --------------------------------------------------------------------------

    @one_read
    def health(self) -> dict[str, Any]:
        return {"status": "ok", "store": self.store_name, "version": self.version, "counts": self.store.counts()}

    # --- policies ------------------------------------------------------------------------

    @staticmethod
    def policy_summary(pid: str, p: dict[str, Any]) -> dict[str, Any]:
        keys = ("title", "doc_number", "issuer", "date", "effective_from", "effective_until", "region",
                "province", "level", "source_key", "clause_count")
        return {"id": pid, **{k: p.get(k) for k in keys}}

    @one_read
    def list_policies(self, region: str | None = None, level: str | None = None, year: int | None = None,
                      issuer: str | None = None, q: str | None = None, limit: int = 20,
                      offset: int = 0) -> dict[str, Any]:
        """Policies filtered by facets, newest first, with facet counts over the filtered set;
        filtered, paged and counted by the store."""
        nodes, total, counts = self.store.policy_page(region, level, year, issuer, to_simplified(q) if q else None,
                                                      limit, offset)
        facets = {facet: [{"value": v, "count": n} for v, n in sorted(values.items(), key=lambda i: (-i[1], i[0]))]
                  for facet, values in counts.items()}
        return {"items": [self.policy_summary(n["id"], n["properties"]) for n in nodes], "total": total,
                "limit": limit, "offset": offset, "facets": facets}

    def _policy_node(self, pid: str) -> dict[str, Any]:
        node = self.store.get_node(pid, S.POLICY)
        if not node:
            raise NotFound("policy", pid, POLICY_HINT)
        return node

    def _tree_nodes(self, pid: str) -> list[dict[str, Any]]:
        nodes = self.store.find_nodes(S.SECTION, {"policy_id": pid}, limit=None)
        nodes += self.store.find_nodes(S.CLAUSE, {"policy_id": pid}, limit=None)
        return sorted(nodes, key=lambda n: (n["properties"].get("order", 0), n["id"]))

    def policy_structure(self, pid: str) -> list[dict[str, Any]]:
        """The document tree as nested {id, kind, label, heading, is_clause, children}."""
        return self._structure(self.store.policy_outline(pid))

    @staticmethod
    def _structure(outline: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A policy's outline (``GraphStore.policy_outline``) as its nested document tree."""
        items: dict[str, dict[str, Any]] = {}
        roots: list[dict[str, Any]] = []
        for n in outline:
            p = n["properties"]
            entry = {"id": n["id"], "kind": p.get("kind"), "label": p.get("label"), "heading": p.get("heading"),
                     "is_clause": n["label"] == S.CLAUSE, "children": []}
            path = p.get("path") or ""
            items[path] = entry
            parent = items.get(path.rsplit("/", 1)[0]) if "/" in path else None
            (parent["children"] if parent else roots).append(entry)
        return roots

    def _citations_out(self, node_id: str, cites: Related | None = None) -> list[dict[str, Any]]:
        """The citations of ``node_id`` (its CITES relationships, read here unless given)."""
        out = []
        for rel, target in cites if cites is not None else self.store.related(node_id, "CITES", "out"):
            tp = target["properties"]
            is_policy = target["label"] == S.POLICY
            out.append({
                "title": tp.get("title"), "doc_number": tp.get("doc_number"),
                "kind": tp.get("kind", "policy"), "via": rel.get("via"), "text": rel.get("text"),
                "target": {"id": target["id"], "title": tp.get("title")} if is_policy else None,
            })
        return out

    @one_read
    def get_policy(self, pid: str) -> dict[str, Any]:
        # the policy, its citations both ways and its outline in one read
        view = self.store.node_view(pid, S.POLICY, S.CITATION_KINDS)
        if view is None or view.outline is None:
            raise NotFound("policy", pid, POLICY_HINT)
        p = view.node["properties"]
        citations_in = [
            {"policy": {"id": src["id"], "title": src["properties"].get("title")}, "via": rel.get("via"),
             "text": rel.get("text")}
            for rel, src in view.related[("CITES", "in")] if src["label"] == S.POLICY
        ]
        return {
            "policy": {"id": pid, **p},
            "structure": self._structure(view.outline),
            "citations_out": self._citations_out(pid, view.related[("CITES", "out")]),
            "citations_in": citations_in,
            "validity": self.validity(p),
        }

    @staticmethod
    def validity(p: dict[str, Any], today: date | None = None) -> dict[str, Any]:
        start, until = p.get("effective_from") or p.get("date"), p.get("effective_until")
        return {"from": start, "until": until, "in_force": QueryService.in_force(start, until, today)}

    @staticmethod
    def in_force(start: str | None, until: str | None, today: date | None = None) -> bool | None:
        """Whether a policy valid from ``start`` until ``until`` is in force ``today`` (None when
        neither date is known)."""
        if not (start or until):
            return None
        today_s = (today or date.today()).isoformat()
        return (not start or start <= today_s) and (not until or today_s <= until)

    @one_read
    def policy_document(self, pid: str) -> dict[str, Any]:
        """The policy as a document: every tree node in order with its text and highlight spans."""
        node = self._policy_node(pid)
        corrupted = _caps(node["properties"].get("corrupted"))
        tree = self._tree_nodes(pid)
        # the highlights' relationships of every clause in one store read (not one per clause)
        spans_of = self._span_relations([n["id"] for n in tree if n["label"] == S.CLAUSE])
        out = []
        for n in tree:
            p = n["properties"]
            is_clause = n["label"] == S.CLAUSE
            text = p.get("text") or ""
            out.append({
                "id": n["id"], "kind": p.get("kind"), "label": p.get("label"), "heading": p.get("heading"),
                "depth": (p.get("path") or "").count("/"), "is_clause": is_clause, "text": text,
                "text_simplified": p.get("text_simplified") or to_simplified(text),
                "spans": self.clause_spans(n["id"], text, spans_of) if is_clause else [],
                "corrupted": _corrupted_in(corrupted, p.get("start"), len(text)),
            })
        return {"policy": {"id": pid, **node["properties"]}, "nodes": out}

    # --- clauses -------------------------------------------------------------------------

    def _span_relations(self, clause_ids: list[str]) -> dict[tuple[str, str], dict[str, Related]]:
        """The relationships highlights are made of, for every clause of ``clause_ids``, in one read."""
        return self.store.related_kinds(clause_ids, S.SPAN_KINDS)

    def clause_spans(self, cid: str, text: str,
                     relations: dict[tuple[str, str], dict[str, Related]] | None = None) -> list[dict[str, Any]]:
        """Highlight spans (offsets into the clause text) for departments, amounts, beneficiaries, citations.

        ``relations`` holds the clause's relationships when they were read with its policy's
        (``_span_relations``); without it they are read here."""
        rels = relations if relations is not None else self._span_relations([cid])

        def related(rel_type: str, direction: str) -> Related:
            return rels[(rel_type, direction)].get(cid, [])

        spans: list[dict[str, Any]] = []
        terms: list[tuple[str, str, str | None]] = []
        for rel, dept in related("RESPONSIBLE_FOR", "in") + related("MENTIONS", "out"):
            name = rel.get("name")
            if name:
                terms.append(("department", name, dept["id"]))
        simplified = to_simplified(text)
        for _, inst in related("PROVIDES", "out"):
            t = inst["properties"].get("text")
            if t:
                # the figures of the instrument's sentence, not the sentence: a sentence without
                # a figure gets no amount highlight
                terms += [("amount", fig, inst["id"]) for fig in _figures(to_simplified(t))]
        for _, ben in related("ADDRESSES", "out"):
            for syn in self._beneficiary_terms(ben["properties"].get("code")):
                terms.append(("beneficiary", syn, ben["properties"].get("code")))
        for rel, target in related("CITES", "out"):
            t = rel.get("text")
            if t:
                terms.append(("citation", t, target["id"] if target["label"] == S.POLICY else None))
        taken: list[tuple[int, int]] = []
        for kind, term, value in sorted(terms, key=lambda t: (SPAN_TYPES.index(t[0]), -len(t[1]))):
            needle = to_simplified(term)
            pos = simplified.find(needle)
            while pos >= 0:
                end = pos + len(needle)
                if not any(s < end and pos < e for s, e in taken):
                    taken.append((pos, end))
                    spans.append({"start": pos, "end": end, "type": kind, "value": value})
                pos = simplified.find(needle, end)
        return sorted(spans, key=lambda s: (s["start"], s["end"]))

    def _beneficiary_terms(self, code: str | None) -> list[str]:
        from .vocab import beneficiary_synonyms

        return beneficiary_synonyms().get(code or "", [])

    @one_read
    def get_clause(self, cid: str) -> dict[str, Any]:
        # the clause, every relationship the answer shows and the policies it names, in one read
        view = self.store.node_view(cid, S.CLAUSE, S.CLAUSE_KINDS)
        if view is None:
            raise NotFound("clause", cid, CLAUSE_HINT)
        p = view.node["properties"]
        rels = {key: {cid: items} for key, items in view.related.items()}

        def related(rel_type: str, direction: str) -> Related:
            return view.related[(rel_type, direction)]

        pairs = related("SIMILAR_TO", "both")
        policies = {pid: n["properties"] for pid, n in (view.policies or {}).items()}
        policy = policies.get(p.get("policy_id")) or {}
        responsible = sorted(
            related("RESPONSIBLE_FOR", "in"),
            key=lambda rd: (rd[0].get("provision", 0), rd[0].get("group", 0), not rd[0].get("lead"), rd[1]["id"]),
        )
        provided = sorted((i["properties"].get("sort_key") or "", i["id"]) for _, i in related("PROVIDES", "out"))
        rows = self.rows_for([iid for _, iid in provided])
        similar: list[dict[str, Any]] = []
        for rel, other in pairs:
            op = other["properties"]
            opol = policies.get(op.get("policy_id")) or {}
            similar.append({
                "clause": {"id": other["id"], "label": op.get("label"), "policy_id": op.get("policy_id"),
                           "policy_title": opol.get("title"), "region": opol.get("region")},
                "score": rel.get("score"),
            })
        similar.sort(key=lambda s: (-(s["score"] or 0), s["clause"]["id"]))
        clause = {"id": cid, **{k: p.get(k) for k in (
            "label", "heading", "text", "text_simplified", "start", "end", "orig_start", "orig_end", "keywords")}}
        clause["spans"] = self.clause_spans(cid, p.get("text") or "", rels)
        return {
            "clause": clause,
            "policy": {"id": p.get("policy_id"), "title": policy.get("title"), "region": policy.get("region")},
            "responsible": [
                {"department": self._dept_ref(d, rel.get("name"), "lead" if rel.get("lead") else "co", rel.get("group")),
                 "name": rel.get("name"), "lead": bool(rel.get("lead")), "group": rel.get("group"),
                 "provision": rel.get("provision")}
                for rel, d in responsible
            ],
            "mentions": [
                {"department": self._dept_ref(d, rel.get("name"), "mentioned", None), "role": rel.get("role")}
                for rel, d in related("MENTIONS", "out")
            ],
            "instruments": rows,
            "beneficiaries": [
                {"code": b["properties"].get("code"), "name_zh": b["properties"].get("name_zh")}
                for _, b in related("ADDRESSES", "out")
            ],
            "citations": self._citations_out(cid, related("CITES", "out")),
            "similar": similar,
        }

    # --- departments ---------------------------------------------------------------------

    def _department_item(self, row: dict[str, Any]) -> dict[str, Any]:
        d, p = row["department"], row["department"]["properties"]
        return {"id": d["id"], "canonical": p.get("name"), "names": p.get("names") or [], "function": p.get("function"),
                "function_zh": self.name_zh(S.FUNCTION, p.get("function")), "kind": p.get("kind"),
                "region": row["region"], "lead_count": row["lead_count"], "co_count": row["co_count"]}

    @one_read
    def list_departments(self, region: str | None = None, function: str | None = None, q: str | None = None,
                         limit: int = 50, offset: int = 0, in_force_on: str | None = None) -> dict[str, Any]:
        """Departments by region, function and part of a name, those responsible for most clauses
        first. ``in_force_on``: counting the clauses of policies in force that day only, and
        leaving out the departments responsible for none of them."""
        on = check_date(in_force_on)
        rows, total = self.store.department_page(region, function, to_simplified(q) if q else None, limit, offset,
                                                 in_force_on=on)
        return {"items": [self._department_item(r) for r in rows], "total": total, "limit": limit, "offset": offset,
                "in_force_on": on}

    def _department_node(self, did: str) -> dict[str, Any]:
        node = self.store.get_node(did, S.DEPARTMENT)
        if not node:
            raise NotFound("department", did, "List departments with GET /api/v1/departments.")
        return node

    @staticmethod
    def _clause_item(row: dict[str, Any]) -> dict[str, Any]:
        return {k: row.get(k) for k in ("id", "label", "heading", "policy_id", "policy_title")} | {
            "lead": bool(row.get("lead"))}

    @one_read
    def get_department(self, did: str, per_type: int = DEPARTMENT_PER_TYPE,
                       clause_limit: int = DEPARTMENT_CLAUSES, related_limit: int = DEPARTMENT_RELATED,
                       in_force_on: str | None = None) -> dict[str, Any]:
        """One department: the instruments it leads and co-owns by type (at most ``per_type``
        of each, those with a number first; ``lead_counts`` / ``co_counts`` count them all, and
        ``department_instruments`` pages through them in the same order), the clauses it is
        responsible for (at most ``clause_limit``; ``clause_total``, and ``department_clauses``
        for the next pages), how many policies and regions they belong to, its counterparts
        (the departments of its function elsewhere) and partners (the departments responsible
        for the same provisions, with how many), at most ``related_limit`` of each. Counts and
        lists come from the store, each list a page of it. ``in_force_on``: only the provisions
        of policies in force on that date."""
        on = check_date(in_force_on)
        p = self._department_node(did)["properties"]
        self.store.read_ahead(department_answer_keys(did, on, per_type, clause_limit, related_limit,
                                                     related_limit + COUNTERPART_SLACK, p.get("function")))
        summary = self.store.department_summary(did, on, per_type, clause_limit)
        cells = summary["instruments"]
        counts: dict[str, dict[str, int]] = {"lead": {}, "co": {}}
        for (role, code), (n, _) in sorted(cells.items()):
            counts[role][code] = n
        lists = self.department_rows(did, on, per_type, cells)
        region = summary["region"]
        counterparts: list[dict[str, Any]] = []
        if p.get("function"):
            # the busiest of the function first; those of its own region are left out (a region
            # has few units of one function: a page a few rows longer than the list is enough)
            offset, total = 0, 1
            while len(counterparts) < related_limit and offset < total:
                page = related_limit + COUNTERPART_SLACK if offset == 0 else 4 * related_limit
                rows, total = self.store.department_page(function=p["function"], limit=page, offset=offset,
                                                         in_force_on=on)
                offset += page
                counterparts += [self._department_item(r) for r in rows
                                 if r["department"]["id"] != did and r["region"] != region]
            counterparts = counterparts[:related_limit]
        partners = [{**self._department_item({"department": n, "region": None, "lead_count": None, "co_count": None}),
                     "shared_provisions": shared}
                    for n, shared in self.store.department_partners(did, related_limit, in_force_on=on)]
        return {
            "department": {"id": did, **p, "function_zh": self.name_zh(S.FUNCTION, p.get("function")),
                           "region": region},
            "leads": lists["lead"], "co_owns": lists["co"], "lead_counts": counts["lead"], "co_counts": counts["co"],
            "clauses": [self._clause_item(c) for c in summary["clauses"]],
            "clause_total": summary["lead"] + summary["co"],
            "lead_clause_count": summary["lead"], "co_clause_count": summary["co"],
            "policy_count": summary["policies"], "region_count": summary["regions"],
            "counterparts": counterparts, "partners": partners, "in_force_on": on,
        }

    def department_rows(self, did: str, on: str | None, per_type: int,
                        cells: dict[tuple[str, str], tuple[int, list[str]]]) -> dict[str, JsonRows]:
        """The instrument rows of a department's answer, ``{role: {type: rows}}`` for the ids of
        ``cells`` (its ``department_summary`` grid), each role's as ``JsonRows`` (an answer shows
        them as they are), kept ready by the store (``kept_rows``: on Neo4j those of the default
        answer are stored after a load)."""
        def rows() -> dict[str, JsonRows]:
            details = {d["instrument"]["id"]: d
                       for d in self.store.instrument_details(sorted({i for _, ids in cells.values() for i in ids}))}
            lists: dict[str, dict[str, list[dict[str, Any]]]] = {"lead": {}, "co": {}}
            for (role, code), (_, ids) in sorted(cells.items()):
                lists[role][code] = self._rows_from_details([details[i] for i in ids if i in details])
            return {role: JsonRows.of(by_type) for role, by_type in lists.items()}

        return self.store.kept_rows(department_rows_key(did, on, per_type), rows)

    @one_read
    def department_clauses(self, did: str, limit: int = DEPARTMENT_CLAUSES, offset: int = 0,
                           in_force_on: str | None = None) -> dict[str, Any]:
        """A page of the clauses a department is responsible for, in the order of its answer's
        ``clauses`` (by policy, clause, those it leads first)."""
        on = check_date(in_force_on)
        self._department_node(did)
        rows, total = self.store.department_clauses(did, on, limit, offset)
        return {"items": [self._clause_item(r) for r in rows], "total": total, "limit": limit, "offset": offset,
                "in_force_on": on}

    @one_read
    def department_instruments(self, did: str, role: DepartmentRole, type: str, limit: int = DEPARTMENT_PER_TYPE,
                               offset: int = 0, in_force_on: str | None = None) -> dict[str, Any]:
        """A page of the instruments of one type a department leads (``role`` lead) or co-owns
        (co), in the order of its answer's lists (those with a number first): offset = how many
        the page shows already."""
        on = check_date(in_force_on)
        self._department_node(did)
        ids, total = self.store.department_instruments(did, role, type, on, limit, offset)
        return {"items": self.rows_for(ids), "total": total, "limit": limit, "offset": offset, "in_force_on": on}

    # --- instruments ---------------------------------------------------------------------

    @one_read
    def list_instruments(self, type: str | None = None, category: str | None = None,
                         beneficiary: str | None = None, region: str | None = None, function: str | None = None,
                         min_rate: float | None = None, max_rate: float | None = None,
                         min_cap: float | None = None, max_cap: float | None = None, sort: str | None = None,
                         order: str = "desc", limit: int = 50, offset: int = 0, department: str | None = None,
                         include_co: bool = False, role: Role | None = None,
                         in_force_on: str | None = None) -> dict[str, Any]:
        """Instruments matching every filter given, a page at a time. ``function`` / ``department``:
        owned (led) by a unit of that function / that unit; ``include_co`` also counts the units
        co-responsible for the provision (``role``: ``co`` for only those). Sorted by cap or rate (those without one last), else in
        policy and document order. ``in_force_on``: only those of policies in force on that date."""
        on = check_date(in_force_on)
        q = InstrumentQuery(type=type, category=category, beneficiary=beneficiary, region=region, function=function,
                            department=department, role=role or ("any" if include_co else "lead"), min_rate=min_rate,
                            max_rate=max_rate, min_cap=min_cap, max_cap=max_cap, in_force_on=on)
        how: InstrumentSort = "cap" if sort == "cap" else "rate" if sort == "rate" else None
        items, total = self.instrument_page(q, how, order == "desc", False, limit, offset)
        return {"items": items, "total": total, "limit": limit, "offset": offset, "in_force_on": on}

    # --- compare -------------------------------------------------------------------------

    def _cell_query(self, rows: str, code: str | None, region: str, include_co: bool,
                    in_force_on: str | None = None) -> InstrumentQuery:
        role: Role = "any" if include_co else "lead"
        if rows == "instrument_type":
            return InstrumentQuery(type=code, regions=(region,), role=role, in_force_on=in_force_on)
        return InstrumentQuery(function=code, regions=(region,), role=role, in_force_on=in_force_on)

    @one_read
    def list_regions(self) -> dict[str, Any]:
        """Every region some policy applies to, with its province and how many policies, by
        province then name: what a region picker groups and searches."""
        items = [{"name": name, "province": province, "policies": n} for name, province, n in self.store.region_list()]
        items.sort(key=lambda r: (r["province"] or "", r["province"] != r["name"], r["name"]))
        return {"items": items, "total": len(items)}

    @one_read
    def compare(self, rows: str = "function", regions: list[str] | None = None,
                cell_limit: int = COMPARE_CELL_LIMIT, include_co: bool = False,
                row_limit: int = COMPARE_ROW_LIMIT, row_offset: int = 0, codes: list[str] | None = None,
                row_order: str = "count", in_force_on: str | None = None) -> dict[str, Any]:
        """The cross-region matrix: rows are functions (or instrument types), columns regions.

        A function's row holds the instruments a unit of that function leads (``include_co``:
        or is co-responsible for). Without ``regions``, the columns are the
        ``COMPARE_DEFAULT_REGIONS`` regions with most policies. Rows are paged (``row_limit``
        from ``row_offset``, ``row_total`` counts them); each cell lists at most ``cell_limit``
        instruments, those with a number (rate, cap, amount) first, each group in document
        order, and ``totals`` counts them all; GET /compare/cell pages through one cell.
        ``codes`` keeps only those rows; the rows holding most instruments across the columns
        come first (then by code), or with ``row_order="code"`` by code. ``in_force_on`` (YYYY-MM-DD):
        only instruments of policies in force that day (as the research views decide it).

        One read of the store counts the cells and gives the first ``cell_limit`` ids of each
        (``instrument_grid``); only the instruments of the page's cells are read and rendered.
        """
        on = check_date(in_force_on)
        if regions:
            columns = list(dict.fromkeys(regions))
        else:
            columns = sorted(name for name, _ in self.store.top_regions(COMPARE_DEFAULT_REGIONS))
        group: Literal["type", "function"] = "type" if rows == "instrument_type" else "function"
        matrix = InstrumentQuery(regions=tuple(columns), role="any" if include_co else "lead", in_force_on=on)
        grid = self.store.instrument_grid(matrix, group, cell_limit)
        counts = {cell: n for cell, (n, _) in grid.items()}
        row_codes = sorted({key for _, key in counts})
        if codes is not None:
            row_codes = [c for c in row_codes if c in set(codes)]
        if row_order == "count":
            held: dict[str, int] = defaultdict(int)
            for (_, key), n in counts.items():
                held[key] += n
            row_codes.sort(key=lambda c: (-held[c], c))
        page = row_codes[row_offset: row_offset + row_limit]
        label = S.INSTRUMENT_TYPE if rows == "instrument_type" else S.FUNCTION
        wanted = set(page)
        page_cells = {cell: ids for cell, (_, ids) in grid.items() if cell[1] in wanted}
        shown: Mapping[tuple[str, str], Sequence[dict[str, Any]]]
        if on is None and cell_limit == COMPARE_CELL_LIMIT:
            shown = self._kept_cells(page_cells, matrix.role, group)
        else:
            shown = self._cell_rows(page_cells)
        cells = {code: {region: shown.get((region, code), []) for region in columns} for code in page}
        return {
            "rows": [{"code": c, "name_zh": self.name_zh(label, c)} for c in page],
            "columns": columns,
            "cells": cells,
            "totals": {c: {region: counts.get((region, c), 0) for region in columns} for c in page},
            "cell_limit": cell_limit, "include_co": include_co,
            "row_total": len(row_codes), "row_limit": row_limit, "row_offset": row_offset, "row_order": row_order,
            "in_force_on": on,
        }

    def _cell_rows(self, cells: dict[tuple[str, str], list[str]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """The instrument rows of each cell's ids, in the cell's order: one read for all the cells."""
        shown = {r["id"]: r for r in self.rows_for([i for ids in cells.values() for i in ids])}
        return {cell: [shown[i] for i in ids if i in shown] for cell, ids in cells.items()}

    def _kept_cells(self, cells: dict[tuple[str, str], list[str]], role: Role, group: Literal["type", "function"]
                    ) -> dict[tuple[str, str], Sequence[dict[str, Any]]]:
        """The rows of each (region, row code) cell of the default comparison, given the ids of
        its first ``COMPARE_CELL_LIMIT`` instruments, as JSON text: kept ready by the store (``kept_rows_each``:
        on Neo4j stored after a load for every cell, the page's cells read in one query; embedded,
        kept in memory from the first answer until a write); those it lacks read and rendered
        (``_cell_rows``)."""
        keys = {("grid_cell", region, role, group, code): (region, code) for region, code in cells}

        def compute(missing: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], JsonList]:
            shown = self._cell_rows({keys[key]: cells[keys[key]] for key in missing})
            return {key: JsonList.of(shown[keys[key]]) for key in missing}

        found = self.store.kept_rows_each(list(keys), compute)
        return {cell: found.get(key, []) for key, cell in keys.items()}

    def keep_comparison_cells(self, region: str, role: Role, group: Literal["type", "function"]) -> None:
        """Compute (and so, while the store records, store) the rows of every cell of one
        region's default comparison column."""
        grid = self.store.instrument_grid(InstrumentQuery(regions=(region,), role=role), group, COMPARE_CELL_LIMIT)
        self._kept_cells({cell: ids for cell, (_, ids) in sorted(grid.items())}, role, group)

    @one_read
    def compare_cell(self, rows: str, code: str, region: str, include_co: bool = False, limit: int = 50,
                     offset: int = 0, in_force_on: str | None = None) -> dict[str, Any]:
        """Every instrument of one cell of the matrix, a page at a time, in the cell's order."""
        on = check_date(in_force_on)
        items, total = self.instrument_page(self._cell_query(rows, code, region, include_co, on),
                                            numbered_first=True, limit=limit, offset=offset)
        return {"rows": rows, "code": code, "region": region, "include_co": include_co, "items": items,
                "total": total, "limit": limit, "offset": offset, "in_force_on": on}

    # --- beneficiaries -------------------------------------------------------------------

    @one_read
    def list_beneficiaries(self) -> dict[str, Any]:
        counts: dict[str, int] = defaultdict(int)
        for (_, code), n in self.store.instrument_counts(InstrumentQuery(), "beneficiary").items():
            counts[code] += n
        items = [
            {"code": n["properties"].get("code"), "name_zh": n["properties"].get("name_zh"),
             "instrument_count": counts.get(n["properties"].get("code"), 0)}
            for n in self.store.find_nodes(S.BENEFICIARY_TYPE, limit=None)
        ]
        return {"items": sorted(items, key=lambda i: (-i["instrument_count"], i["code"]))}

    def region_ancestors(self, region: str) -> list[str]:
        """The region and every region containing it (city → province)."""
        chain, current = [region], f"region:{region}"
        seen = {current}
        while True:
            parents = self.store.related(current, "PART_OF", "out")
            if not parents or parents[0][1]["id"] in seen:
                return chain
            current = parents[0][1]["id"]
            seen.add(current)
            chain.append(parents[0][1]["properties"].get("name"))

    def _policies_by_id(self, ids: Iterable[str | None]) -> dict[str | None, dict[str, Any]]:
        """The properties of these policies (empty for a missing one or None), read in one go."""
        wanted = {i for i in ids if i}
        found = {n["id"]: _props(n) for n in self.store.get_nodes(sorted(wanted), S.POLICY)} if wanted else {}
        return {None: {}, **{i: found.get(i, {}) for i in wanted}}

    @one_read
    def beneficiary_instruments(self, code: str, region: str | None = None, limit: int = BENEFICIARY_LIMIT,
                                offset: int = 0, in_force_on: str | None = None) -> dict[str, Any]:
        """The provisions granting something to a beneficiary type in ``region``: the region's
        own policies, those of every region containing it and national ones. Each provision
        is listed once, with every instrument it grants (``types``); paged by provision.
        ``in_force_on``: only the provisions of policies in force on that date, and each item's
        ``in_force`` says so of that date instead of today."""
        on = check_date(in_force_on)
        if not self.store.get_node(f"beneficiary:{code}", S.BENEFICIARY_TYPE):
            raise NotFound("beneficiary type", code, "List beneficiary types with GET /api/v1/beneficiaries.")
        applies = self.region_ancestors(region) if region else None
        day = date.fromisoformat(on) if on else date.today()

        def shown() -> dict[str, Any]:
            items, total = self.provision_items(code, applies, on, limit, offset)
            return {"items": JsonList.of([{**item, "in_force": self.in_force(item["valid_from"], item["valid_until"],
                                                                               day)} for item in items]),
                    "total": total}

        # the page as shown on ``day`` (whether each provision is in force), kept as JSON text
        page = self.store.kept_rows(("beneficiary_page", code, tuple(applies) if applies else None, on, limit, offset,
                                     day.isoformat()), shown)
        return {"beneficiary": {"code": code, "name_zh": self.name_zh(S.BENEFICIARY_TYPE, code)},
                "region": region, "regions_applied": sorted(applies) if applies else None,
                "items": page["items"], "total": page["total"], "limit": limit, "offset": offset, "in_force_on": on}

    def provision_items(self, code: str, applies: list[str] | None, on: str | None, limit: int = BENEFICIARY_LIMIT,
                        offset: int = 0) -> tuple[Sequence[dict[str, Any]], int]:
        """A page of a beneficiary answer's provisions in the places ``applies`` (everywhere: None),
        each with its instruments and its policy's dates but not whether it is in force (which
        depends on the day; as JSON text), and how many provisions there are; kept ready by the store
        (``kept_rows``: on Neo4j those of the default page of every place are stored after a load)."""
        q = InstrumentQuery(beneficiary=code, regions=tuple(applies) if applies else None, national=bool(applies),
                            in_force_on=on)

        def page() -> dict[str, Any]:
            groups, total = self.store.provision_page(q, limit, offset)
            found = [(provision_of(group[0]), group) for group in groups]
            rows = {r["id"]: r for r in self.rows_for([iid for _, group in found for iid in group])}
            policies = self._policies_by_id(rows[i]["policy_id"] for _, group in found for i in group if i in rows)
            items = []
            for key, group in found:
                instruments = [rows[i] for i in group if i in rows]
                if not instruments:
                    continue
                first = instruments[0]
                policy = policies[first["policy_id"]]
                validity = self.validity(policy)
                items.append({
                    "provision_id": key, "clause_id": first["clause_id"], "clause_label": first["clause_label"],
                    "policy_id": first["policy_id"], "policy_title": first["policy_title"], "region": first["region"],
                    "types": list(dict.fromkeys(i["type"] for i in instruments)),
                    "type_zh": list(dict.fromkeys(i["type_zh"] for i in instruments)),
                    "departments": first["departments"], "instruments": instruments,
                    "policy_date": policy.get("date"), "valid_from": validity["from"],
                    "valid_until": validity["until"],
                })
            return {"items": JsonList.of(items), "total": total}

        kept = self.store.kept_rows(("provision_rows", code, tuple(applies) if applies else None, on, limit, offset),
                                    page)
        return kept["items"], kept["total"]

    # --- search --------------------------------------------------------------------------

    def search_hits(self, q: str, limit: int, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Clauses holding every token of ``q`` (and the filters), best first: the store's index
        finds them and ``search_text.rank`` orders them, the same way on both stores."""
        return self.store.search_clauses(q, limit, filters)

    @one_read
    def search(self, q: str, limit: int = 20, region: str | None = None, year: int | None = None,
               instrument: str | None = None, beneficiary: str | None = None,
               in_force_on: str | None = None) -> dict[str, Any]:
        """Clauses matching ``q`` and the filters, each with a snippet, highlights and its policy;
        ``in_force_on``: only clauses of policies in force on that date."""
        filters = Filters(region=region, year=year, instrument=instrument, beneficiary=beneficiary,
                          in_force_on=check_date(in_force_on))
        items = []
        hits = self.search_hits(q, limit, filters)
        policies = self._policies_by_id(hit["properties"].get("policy_id") for hit in hits)
        for hit in hits:
            p = hit["properties"]
            pid = p.get("policy_id")
            policy = policies[pid]
            snippet, highlights = make_snippet(p.get("text_simplified") or p.get("text") or "", hit["matches"])
            items.append({
                "clause": {"id": hit["id"], "label": p.get("label"), "heading": p.get("heading"), "policy_id": pid,
                           "policy_title": policy.get("title"), "region": policy.get("region"),
                           "province": policy.get("province"), "date": policy.get("date")},
                "score": hit["score"], "snippet": snippet, "highlights": highlights,
            })
        return {"query": q, "filters": {k: v for k, v in vars(filters).items() if v not in (None, "")},
                "items": items}

    @one_read
    def suggest(self, q: str, limit: int = 10) -> dict[str, Any]:
        """Names starting with or containing ``q`` (simplified): policies, departments, places, beneficiary types."""
        needle = to_simplified(q).strip()
        kinds = {S.POLICY: "policy", S.DEPARTMENT: "department", S.REGION: "place", S.BENEFICIARY_TYPE: "beneficiary"}
        found = self.store.suggest(needle, limit) if needle else []
        return {"query": q, "items": [{"kind": kinds[s.label], "id": s.id, "name": s.name,
                                       "prefix": s.name.startswith(needle)} for s in found]}

    # --- graph ---------------------------------------------------------------------------

    @one_read
    def graph(self, node_id: str, depth: int = 1, limit: int = 100, in_force_on: str | None = None) -> dict[str, Any]:
        """The nodes within ``depth`` hops of a node and the relationships among them, at most
        ``limit`` nodes; ``in_force_on``: without the policies not in force on that date and the
        nodes they own (the start node is always shown)."""
        from .styling import edge_view, node_view

        on = check_date(in_force_on)
        if not self.store.get_node(node_id):
            raise NotFound("node", node_id, "Find a start node with GET /api/v1/graph/search?q=….")
        nodes, rels = self.store.neighbourhood(node_id, depth, limit + 1, on)
        truncated = len(nodes) > limit
        total = len(nodes) - 1
        if truncated:
            total = len(self.store.neighbourhood(node_id, depth, MAX_NEIGHBOURS, on)[0]) - 1
        nodes = nodes[:limit]
        kept = {n["id"] for n in nodes}
        rels = [r for r in rels if r["start"] in kept and r["end"] in kept]
        return {
            "center": node_id,
            "nodes": [node_view(n) for n in nodes],
            "edges": [edge_view(r, i) for i, r in enumerate(rels)],
            "truncated": truncated,
            "total_neighbours": total,
            "in_force_on": on,
        }

    @one_read
    def path(self, start: str, end: str, max_hops: int = 4, in_force_on: str | None = None) -> dict[str, Any]:
        """The shortest path between two nodes (the smallest by ids when several are as short):
        its nodes in order and the relationships along it, drawn as ``graph()`` draws them.
        ``in_force_on``: the path does not pass through policies not in force on that date nor
        the nodes they own (its two ends are kept as chosen)."""
        from .styling import edge_view, node_view

        on = check_date(in_force_on)
        for ident in (start, end):
            if not self.store.get_node(ident):
                raise NotFound("node", ident, "Find node ids with GET /api/v1/graph/search?q=….")
        nodes, rels = self.store.shortest_path(start, end, max_hops, on)
        return {
            "from": start, "to": end, "max_hops": max_hops, "found": bool(nodes),
            "hops": len(nodes) - 1 if nodes else None,
            "nodes": [node_view(n) for n in nodes],
            "edges": [edge_view(r, i) for i, r in enumerate(rels)],
            "in_force_on": on,
        }

    @one_read
    def graph_search(self, q: str, limit: int = 20) -> dict[str, Any]:
        """Nodes whose name contains ``q``, to start the graph browser."""
        from .styling import display_name

        needle = to_simplified(q).strip()
        if not needle:
            return {"items": []}
        items = [{"id": n["id"], "type": n["label"], "label": display_name(n)}
                 for n in self.store.name_search(needle, limit)]
        if len(items) < limit:
            for hit in self.search_hits(q, limit - len(items)):
                items.append({"id": hit["id"], "type": S.CLAUSE, "label": display_name(hit)})
        return {"items": items[:limit]}
