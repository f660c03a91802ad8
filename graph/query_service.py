"""The query service: every answer the API gives, composed from the store's read primitives.

Because it only uses the ``GraphStore`` protocol, the embedded store and Neo4j give the
same answers by construction. Instrument rows (an instrument joined with its clause,
policy, region and responsible departments) are the unit of most lookups; they are
built once per store revision and cached.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import schema as S
from .model import to_simplified
from .store import GraphStore, fold, search_terms, substring_score

INSTRUMENT_FIELDS = (
    "type", "category", "beneficiary", "rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan",
    "threshold_yuan", "scope", "basis", "duration_years", "text", "provision",
)
SPAN_TYPES = ("department", "amount", "beneficiary", "citation")
SEARCH_CANDIDATES = 200  # candidates asked of the store's index before the common ranking
MAX_NEIGHBOURS = 5000  # counted for "show more"; beyond this the page just says "5000+"


COMPARE_CELL_LIMIT = 20  # instruments listed per cell of the compare matrix
DEPARTMENT_PER_TYPE = 20  # instruments listed per type in a department's answer
DEPARTMENT_CLAUSES = 200  # clauses listed in a department's answer
_NUMBERS = ("rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan")


def _has_number(row: dict[str, Any]) -> bool:
    return any(row.get(k) is not None for k in _NUMBERS)


def _first_numbered(by_type: dict[str, list[dict[str, Any]]], limit: int) -> dict[str, list[dict[str, Any]]]:
    """Per type, at most ``limit`` rows as the API shows them: those with a number first, each group in order."""
    return {t: [QueryService.public_row(r) for r in ([r for r in rows if _has_number(r)]
                                                     + [r for r in rows if not _has_number(r)])[:limit]]
            for t, rows in sorted(by_type.items())}


class NotFound(LookupError):
    """An id that is not in the graph; ``kind`` names what was looked for."""

    def __init__(self, kind: str, ident: str, hint: str) -> None:
        super().__init__(f"No {kind} with id {ident!r}. {hint}")
        self.kind, self.ident, self.hint = kind, ident, hint


@dataclass
class InstrumentIndex:
    """Instrument rows and the lookups built from them, for one revision of the store."""

    rows: list[dict[str, Any]]
    by_clause: dict[str, list[dict[str, Any]]]
    by_region: dict[str, list[dict[str, Any]]]  # a region or province → its rows
    by_department: dict[str, list[dict[str, Any]]]
    departments: dict[str, dict[str, Any]]  # id → {"region", "lead_count", "co_count"}
    policies: dict[str, dict[str, Any]]  # id → properties
    built_at: float


def _props(node: dict[str, Any] | None) -> dict[str, Any]:
    return dict(node["properties"]) if node else {}


def _caps(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return []
    return value or []


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

    def __init__(self, store: GraphStore, store_name: str, version: str, cache_seconds: float | None = 30.0) -> None:
        """``cache_seconds``: how long joined instrument rows are reused; None keeps them until
        ``invalidate()`` (right for a store only this process writes, like the embedded one)."""
        self.store = store
        self.store_name = store_name
        self.version = version
        self.cache_seconds = cache_seconds
        self._lock = threading.Lock()
        self._index: InstrumentIndex | None = None
        self._names: dict[str, dict[str, str]] = {}

    # --- cache ---------------------------------------------------------------------------

    def invalidate(self) -> None:
        """Forget cached rows (call after loading policies)."""
        with self._lock:
            self._index = None
            self._names = {}

    def _vocab_names(self, label: str) -> dict[str, str]:
        if label not in self._names:
            self._names[label] = {
                n["properties"].get("code"): n["properties"].get("name_zh") or n["properties"].get("code")
                for n in self.store.find_nodes(label, limit=None)
            }
        return self._names[label]

    def name_zh(self, label: str, code: str | None) -> str | None:
        """Chinese name of a function, beneficiary or instrument type code."""
        if code is None:
            return None
        return self._vocab_names(label).get(code, code)

    def _instrument_index(self) -> InstrumentIndex:
        with self._lock:
            idx = self._index
            if idx is not None and (self.cache_seconds is None or time.monotonic() - idx.built_at < self.cache_seconds):
                return idx
        rows, departments, policies = self._build_rows()
        by_clause: dict[str, list[dict[str, Any]]] = defaultdict(list)
        by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
        by_department: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_clause[row["clause_id"]].append(row)
            for place in {row["region"], row["province"]} - {None}:
                by_region[place].append(row)
            for did in {d["id"] for d in row["departments"]}:
                by_department[did].append(row)
        idx = InstrumentIndex(rows, dict(by_clause), dict(by_region), dict(by_department), departments, policies,
                              time.monotonic())
        with self._lock:
            self._index = idx
        return idx

    def instrument_rows(self) -> list[dict[str, Any]]:
        """Every instrument joined with its clause, policy, region and departments (cached)."""
        return self._instrument_index().rows

    def _build_rows(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        """Join instruments with policies and departments using a handful of bulk reads
        (no query per instrument), so the rows of 10^5 instruments build in seconds; the
        departments' regions and lead/co-responsible counts come out of the same reads."""
        policies = {p["id"]: p["properties"] for p in self.store.all_policies()}
        departments = {d["id"]: d for d in self.store.find_nodes(S.DEPARTMENT, limit=None)}
        stats = {did: {"region": None, "lead_count": 0, "co_count": 0} for did in departments}
        for rel in self.store.relationships("IN_REGION"):
            if rel["start"] in stats and stats[rel["start"]]["region"] is None:  # the first, as related() gives
                stats[rel["start"]]["region"] = rel["end"].removeprefix("region:")
        responsible: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
        for rel in self.store.relationships("RESPONSIBLE_FOR"):
            if rel["start"] in departments:
                responsible[rel["end"]].append((rel["properties"], departments[rel["start"]]))
                stats[rel["start"]]["lead_count" if rel["properties"].get("lead") else "co_count"] += 1
        mentions: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
        for rel in self.store.relationships("MENTIONS"):
            if rel["end"] in departments:
                mentions[rel["start"]].append((rel["properties"], departments[rel["end"]]))
        rows = []
        for inst in self.store.find_nodes(S.INSTRUMENT, limit=None):
            props = inst["properties"]
            cid = props.get("clause_id")
            policy = policies.get(props.get("policy_id"), {})
            rows.append(self._instrument_row(inst["id"], props, cid, policy, responsible.get(cid, []),
                                             mentions.get(cid, [])))
        rows.sort(key=lambda r: (r["policy_id"] or "", r["start"] or 0, r["provision"] or 0, r["id"]))
        return rows, stats, policies

    def _instrument_row(self, iid: str, props: dict, clause_id: str | None, policy: dict,
                        responsible: list, mentions: list) -> dict[str, Any]:
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
        row = {"id": iid}
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

    def _dept_ref(self, dept: dict, name: str | None, role: str, group: int | None) -> dict[str, Any]:
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

    def health(self) -> dict[str, Any]:
        return {"status": "ok", "store": self.store_name, "version": self.version, "counts": self.store.counts()}

    # --- policies ------------------------------------------------------------------------

    @staticmethod
    def policy_summary(pid: str, p: dict[str, Any]) -> dict[str, Any]:
        keys = ("title", "doc_number", "issuer", "date", "effective_from", "effective_until", "region",
                "province", "level", "source_key", "clause_count")
        return {"id": pid, **{k: p.get(k) for k in keys}}

    def list_policies(self, region: str | None = None, level: str | None = None, year: int | None = None,
                      issuer: str | None = None, q: str | None = None, limit: int = 20,
                      offset: int = 0) -> dict[str, Any]:
        """Policies filtered by facets, with facet counts over the filtered set."""
        policies = [self.policy_summary(p["id"], p["properties"]) for p in self.store.all_policies()]

        def keep(p: dict[str, Any]) -> bool:
            if region and region not in (p["region"], p["province"]):
                return False
            if level and p["level"] != level:
                return False
            if year and not (p["date"] or "").startswith(str(year)):
                return False
            if issuer and issuer not in (p["issuer"] or ""):
                return False
            if q and to_simplified(q) not in to_simplified(p["title"] or "") and q not in (p["doc_number"] or ""):
                return False
            return True

        selected = sorted((p for p in policies if keep(p)), key=lambda p: (p["date"] or "", p["id"]), reverse=True)
        facets: dict[str, list[dict[str, Any]]] = {}
        for facet, key in (("region", lambda p: p["region"]), ("level", lambda p: p["level"]),
                           ("year", lambda p: (p["date"] or "")[:4] or None), ("issuer", lambda p: p["issuer"])):
            counts: dict[str, int] = defaultdict(int)
            for p in selected:
                if key(p):
                    counts[key(p)] += 1
            facets[facet] = [{"value": v, "count": n} for v, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]
        return {"items": selected[offset: offset + limit], "total": len(selected), "limit": limit,
                "offset": offset, "facets": facets}

    def _policy_node(self, pid: str) -> dict[str, Any]:
        node = self.store.get_node(pid)
        if not node or node["label"] != S.POLICY:
            raise NotFound("policy", pid, "List policies with GET /api/v1/policies.")
        return node

    def _tree_nodes(self, pid: str) -> list[dict[str, Any]]:
        nodes = self.store.find_nodes(S.SECTION, {"policy_id": pid}, limit=None)
        nodes += self.store.find_nodes(S.CLAUSE, {"policy_id": pid}, limit=None)
        return sorted(nodes, key=lambda n: (n["properties"].get("order", 0), n["id"]))

    def policy_structure(self, pid: str) -> list[dict[str, Any]]:
        """The document tree as nested {id, kind, label, heading, is_clause, children}."""
        items: dict[str, dict[str, Any]] = {}
        roots: list[dict[str, Any]] = []
        for n in self._tree_nodes(pid):
            p = n["properties"]
            entry = {"id": n["id"], "kind": p.get("kind"), "label": p.get("label"), "heading": p.get("heading"),
                     "is_clause": n["label"] == S.CLAUSE, "children": []}
            path = p.get("path") or ""
            items[path] = entry
            parent = items.get(path.rsplit("/", 1)[0]) if "/" in path else None
            (parent["children"] if parent else roots).append(entry)
        return roots

    def _citations_out(self, node_id: str) -> list[dict[str, Any]]:
        out = []
        for rel, target in self.store.related(node_id, "CITES", "out"):
            tp = target["properties"]
            is_policy = target["label"] == S.POLICY
            out.append({
                "title": tp.get("title"), "doc_number": tp.get("doc_number"),
                "kind": tp.get("kind", "policy"), "via": rel.get("via"), "text": rel.get("text"),
                "target": {"id": target["id"], "title": tp.get("title")} if is_policy else None,
            })
        return out

    def get_policy(self, pid: str) -> dict[str, Any]:
        node = self._policy_node(pid)
        p = node["properties"]
        citations_in = [
            {"policy": {"id": src["id"], "title": src["properties"].get("title")}, "via": rel.get("via"),
             "text": rel.get("text")}
            for rel, src in self.store.related(pid, "CITES", "in") if src["label"] == S.POLICY
        ]
        return {
            "policy": {"id": pid, **p},
            "structure": self.policy_structure(pid),
            "citations_out": self._citations_out(pid),
            "citations_in": citations_in,
            "validity": self.validity(p),
        }

    @staticmethod
    def validity(p: dict[str, Any], today: date | None = None) -> dict[str, Any]:
        start, until = p.get("effective_from") or p.get("date"), p.get("effective_until")
        today_s = (today or date.today()).isoformat()
        in_force = None
        if start or until:
            in_force = (not start or start <= today_s) and (not until or today_s <= until)
        return {"from": start, "until": until, "in_force": in_force}

    def policy_document(self, pid: str) -> dict[str, Any]:
        """The policy as a document: every tree node in order with its text and highlight spans."""
        node = self._policy_node(pid)
        corrupted = _caps(node["properties"].get("corrupted"))
        out = []
        for n in self._tree_nodes(pid):
            p = n["properties"]
            is_clause = n["label"] == S.CLAUSE
            text = p.get("text") or ""
            out.append({
                "id": n["id"], "kind": p.get("kind"), "label": p.get("label"), "heading": p.get("heading"),
                "depth": (p.get("path") or "").count("/"), "is_clause": is_clause, "text": text,
                "text_simplified": p.get("text_simplified") or to_simplified(text),
                "spans": self.clause_spans(n["id"], text) if is_clause else [],
                "corrupted": _corrupted_in(corrupted, p.get("start"), len(text)),
            })
        return {"policy": {"id": pid, **node["properties"]}, "nodes": out}

    # --- clauses -------------------------------------------------------------------------

    def _clause_node(self, cid: str) -> dict[str, Any]:
        node = self.store.get_node(cid)
        if not node or node["label"] != S.CLAUSE:
            raise NotFound("clause", cid, "Find clause ids in GET /api/v1/policies/{id} (structure) or /api/v1/search.")
        return node

    def clause_spans(self, cid: str, text: str) -> list[dict[str, Any]]:
        """Highlight spans (offsets into the clause text) for departments, amounts, beneficiaries, citations."""
        spans: list[dict[str, Any]] = []
        terms: list[tuple[str, str, str]] = []
        for rel, dept in self.store.related(cid, "RESPONSIBLE_FOR", "in") + self.store.related(cid, "MENTIONS", "out"):
            name = rel.get("name")
            if name:
                terms.append(("department", name, dept["id"]))
        simplified = to_simplified(text)
        for _, inst in self.store.related(cid, "PROVIDES", "out"):
            t = inst["properties"].get("text")
            if t:
                # the figures of the instrument's sentence, not the sentence: a sentence without
                # a figure gets no amount highlight
                terms += [("amount", fig, inst["id"]) for fig in _figures(to_simplified(t))]
        for _, ben in self.store.related(cid, "ADDRESSES", "out"):
            for syn in self._beneficiary_terms(ben["properties"].get("code")):
                terms.append(("beneficiary", syn, ben["properties"].get("code")))
        for rel, target in self.store.related(cid, "CITES", "out"):
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

    def get_clause(self, cid: str) -> dict[str, Any]:
        node = self._clause_node(cid)
        p = node["properties"]
        policy = _props(self.store.get_node(p.get("policy_id")))
        responsible = sorted(
            self.store.related(cid, "RESPONSIBLE_FOR", "in"),
            key=lambda rd: (rd[0].get("provision", 0), rd[0].get("group", 0), not rd[0].get("lead"), rd[1]["id"]),
        )
        rows = self._instrument_index().by_clause.get(cid, [])
        similar = []
        for rel, other in self.store.related(cid, "SIMILAR_TO", "both"):
            op = other["properties"]
            opol = _props(self.store.get_node(op.get("policy_id")))
            similar.append({
                "clause": {"id": other["id"], "label": op.get("label"), "policy_id": op.get("policy_id"),
                           "policy_title": opol.get("title"), "region": opol.get("region")},
                "score": rel.get("score"),
            })
        similar.sort(key=lambda s: (-(s["score"] or 0), s["clause"]["id"]))
        clause = {"id": cid, **{k: p.get(k) for k in (
            "label", "heading", "text", "text_simplified", "start", "end", "orig_start", "orig_end", "keywords")}}
        clause["spans"] = self.clause_spans(cid, p.get("text") or "")
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
                for rel, d in self.store.related(cid, "MENTIONS", "out")
            ],
            "instruments": [self.public_row(r) for r in rows],
            "beneficiaries": [
                {"code": b["properties"].get("code"), "name_zh": b["properties"].get("name_zh")}
                for _, b in self.store.related(cid, "ADDRESSES", "out")
            ],
            "citations": self._citations_out(cid),
            "similar": similar,
        }

    # --- departments ---------------------------------------------------------------------

    def _department_region(self, did: str) -> str | None:
        regions = self.store.related(did, "IN_REGION", "out")
        return regions[0][1]["properties"].get("name") if regions else None

    def list_departments(self, region: str | None = None, function: str | None = None, q: str | None = None,
                         limit: int = 50, offset: int = 0) -> dict[str, Any]:
        filters = {"function": function} if function else None
        stats = self._instrument_index().departments
        items = []
        for d in self.store.find_nodes(S.DEPARTMENT, filters, limit=None):
            p = d["properties"]
            names = p.get("names") or []
            if q and not any(to_simplified(q) in to_simplified(n) for n in [p.get("name") or "", *names]):
                continue
            st = stats.get(d["id"]) or {"region": self._department_region(d["id"]), "lead_count": 0, "co_count": 0}
            if region and st["region"] != region:
                continue
            items.append({
                "id": d["id"], "canonical": p.get("name"), "names": names, "function": p.get("function"),
                "function_zh": self.name_zh(S.FUNCTION, p.get("function")), "kind": p.get("kind"),
                "region": st["region"], "lead_count": st["lead_count"], "co_count": st["co_count"],
            })
        items.sort(key=lambda i: (-(i["lead_count"] + i["co_count"]), i["id"]))
        return {"items": items[offset: offset + limit], "total": len(items), "limit": limit, "offset": offset}

    def get_department(self, did: str, per_type: int = DEPARTMENT_PER_TYPE,
                       clause_limit: int = DEPARTMENT_CLAUSES) -> dict[str, Any]:
        """One department: the instruments it leads and co-owns by type (at most ``per_type``
        of each, those with a number first; ``lead_counts`` / ``co_counts`` count them all) and
        the clauses it is responsible for (at most ``clause_limit``; ``clause_total``).

        A provincial bureau of a large corpus owns thousands of instruments: the caps keep
        the answer a lookup."""
        node = self.store.get_node(did)
        if not node or node["label"] != S.DEPARTMENT:
            raise NotFound("department", did, "List departments with GET /api/v1/departments.")
        p = node["properties"]
        leads: dict[str, list] = defaultdict(list)
        co: dict[str, list] = defaultdict(list)
        for row in self._instrument_index().by_department.get(did, []):
            for d in row["departments"]:
                if d["id"] == did:
                    (leads if d["role"] == "lead" else co)[row["type"]].append(row)
                    break
        clauses = []
        policies = self._instrument_index().policies
        for rel, c in self.store.related(did, "RESPONSIBLE_FOR", "out"):
            cp = c["properties"]
            pol = policies.get(cp.get("policy_id")) or _props(self.store.get_node(cp.get("policy_id")))
            clauses.append({"id": c["id"], "label": cp.get("label"), "heading": cp.get("heading"),
                            "policy_id": cp.get("policy_id"), "policy_title": pol.get("title"),
                            "lead": bool(rel.get("lead"))})
        clauses.sort(key=lambda c: (c["policy_id"] or "", c["id"], not c["lead"]))
        return {
            "department": {"id": did, **p, "function_zh": self.name_zh(S.FUNCTION, p.get("function")),
                           "region": self._department_region(did)},
            "leads": _first_numbered(leads, per_type), "co_owns": _first_numbered(co, per_type),
            "lead_counts": {t: len(rows) for t, rows in sorted(leads.items())},
            "co_counts": {t: len(rows) for t, rows in sorted(co.items())},
            "clauses": clauses[:clause_limit], "clause_total": len(clauses),
        }

    # --- instruments ---------------------------------------------------------------------

    def list_instruments(self, type: str | None = None, category: str | None = None,
                         beneficiary: str | None = None, region: str | None = None, function: str | None = None,
                         min_rate: float | None = None, max_rate: float | None = None,
                         min_cap: float | None = None, max_cap: float | None = None, sort: str | None = None,
                         order: str = "desc", limit: int = 50, offset: int = 0) -> dict[str, Any]:
        def rate_of(r: dict) -> float | None:
            return r["rate"] if r["rate"] is not None else r["rate_max"]

        def keep(r: dict) -> bool:
            if type and r["type"] != type or category and r["category"] != category:
                return False
            if beneficiary and r["beneficiary"] != beneficiary:
                return False
            if region and region not in (r["region"], r["province"]):
                return False
            if function and not any(d["function"] == function for d in r["departments"]):
                return False
            rate = rate_of(r)
            if (min_rate is not None or max_rate is not None) and rate is None:
                return False
            if min_rate is not None and rate < min_rate or max_rate is not None and rate > max_rate:
                return False
            if (min_cap is not None or max_cap is not None) and r["cap_yuan"] is None:
                return False
            if min_cap is not None and r["cap_yuan"] < min_cap or max_cap is not None and r["cap_yuan"] > max_cap:
                return False
            return True

        idx = self._instrument_index()
        rows = [r for r in (idx.by_region.get(region, []) if region else idx.rows) if keep(r)]
        if sort in ("cap", "rate"):
            value = (lambda r: r["cap_yuan"]) if sort == "cap" else rate_of
            with_value = [r for r in rows if value(r) is not None]
            with_value.sort(key=lambda r: (value(r), r["id"]), reverse=(order == "desc"))
            rows = with_value + [r for r in rows if value(r) is None]
        return {"items": [self.public_row(r) for r in rows[offset: offset + limit]], "total": len(rows),
                "limit": limit, "offset": offset}

    # --- compare -------------------------------------------------------------------------

    def compare(self, rows: str = "function", regions: list[str] | None = None,
                cell_limit: int = COMPARE_CELL_LIMIT) -> dict[str, Any]:
        """The cross-region matrix: rows are functions (or instrument types), columns regions.

        Each cell lists at most ``cell_limit`` instruments, those with a number (rate, cap,
        amount) first, each group in document order, and ``totals`` counts them all: a province of a large corpus has thousands, and the matrix must stay
        small enough to send and to read; the rest of a cell are one instruments query away.
        """
        idx = self._instrument_index()
        if regions:
            columns = regions
            data = [r for c in columns for r in idx.by_region.get(c, []) if r["region"] == c]
        else:
            data = idx.rows
            columns = sorted({r["region"] for r in data if r["region"]})
        wanted = set(columns)
        # per cell: the instruments with a number (rate, cap or amount) first, then the others
        found: dict[str, dict[str, tuple[list, list]]] = defaultdict(lambda: {c: ([], []) for c in columns})
        for r in data:
            if r["region"] not in wanted:
                continue
            if rows == "instrument_type":
                keys = [r["type"]]
            else:
                keys = sorted({d["function"] for d in r["departments"] if d["function"]})
            quantified = _has_number(r)
            for key in keys:
                found[key][r["region"]][0 if quantified else 1].append(r)
        label = S.INSTRUMENT_TYPE if rows == "instrument_type" else S.FUNCTION
        row_codes = sorted(found)
        return {
            "rows": [{"code": c, "name_zh": self.name_zh(label, c)} for c in row_codes],
            "columns": columns,
            "cells": {c: {region: [self.public_row(r) for r in (first + rest)[:cell_limit]]
                          for region, (first, rest) in found[c].items()} for c in row_codes},
            "totals": {c: {region: len(first) + len(rest) for region, (first, rest) in found[c].items()}
                       for c in row_codes},
            "cell_limit": cell_limit,
        }

    # --- beneficiaries -------------------------------------------------------------------

    def list_beneficiaries(self) -> dict[str, Any]:
        counts: dict[str, int] = defaultdict(int)
        for r in self.instrument_rows():
            if r["beneficiary"]:
                counts[r["beneficiary"]] += 1
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

    def beneficiary_instruments(self, code: str, region: str | None = None) -> dict[str, Any]:
        if not self.store.get_node(f"beneficiary:{code}"):
            raise NotFound("beneficiary type", code, "List beneficiary types with GET /api/v1/beneficiaries.")
        applies = set(self.region_ancestors(region)) if region else None
        items = [
            self.public_row(r) for r in self.instrument_rows()
            if r["beneficiary"] == code and (applies is None or r["region"] in applies)
        ]
        return {"beneficiary": {"code": code, "name_zh": self.name_zh(S.BENEFICIARY_TYPE, code)},
                "region": region, "regions_applied": sorted(applies) if applies else None, "items": items}

    # --- search --------------------------------------------------------------------------

    def search_hits(self, q: str, limit: int) -> list[dict[str, Any]]:
        """Clauses containing every term, ranked the same way whichever store found them.

        The store's index proposes candidates (Neo4j's cjk full-text index, or the embedded
        bigram index); the service keeps those whose text really contains every term and
        ranks them with one scoring function, so both stores answer identically.
        """
        terms = search_terms(q)
        if not terms:
            return []
        scored = []
        for hit in self.store.search_clauses(q, max(limit * 5, SEARCH_CANDIDATES)):
            p = hit["properties"]
            texts = [fold(p.get("text") or ""), fold(p.get("text_simplified") or "")]
            if all(any(term in t for t in texts) for term in terms):
                scored.append((round(substring_score(texts, terms), 6), hit["id"], hit))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [{**hit, "score": score} for score, _, hit in scored[:limit]]

    def search(self, q: str, limit: int = 20) -> dict[str, Any]:
        terms = search_terms(q)
        items = []
        policies: dict[str, dict] = {}
        for hit in self.search_hits(q, limit):
            p = hit["properties"]
            pid = p.get("policy_id")
            if pid not in policies:
                policies[pid] = _props(self.store.get_node(pid))
            snippet, highlights = make_snippet(p.get("text_simplified") or p.get("text") or "", terms)
            items.append({
                "clause": {"id": hit["id"], "label": p.get("label"), "heading": p.get("heading"), "policy_id": pid,
                           "policy_title": policies[pid].get("title"), "region": policies[pid].get("region")},
                "score": hit.get("score"), "snippet": snippet, "highlights": highlights,
            })
        return {"query": q, "items": items}

    # --- graph ---------------------------------------------------------------------------

    def graph(self, node_id: str, depth: int = 1, limit: int = 100) -> dict[str, Any]:
        from .styling import edge_view, node_view

        if not self.store.get_node(node_id):
            raise NotFound("node", node_id, "Find a start node with GET /api/v1/graph/search?q=….")
        nodes, rels = self.store.neighbourhood(node_id, depth, limit + 1)
        truncated = len(nodes) > limit
        total = len(nodes) - 1
        if truncated:
            total = len(self.store.neighbourhood(node_id, depth, MAX_NEIGHBOURS)[0]) - 1
        nodes = nodes[:limit]
        kept = {n["id"] for n in nodes}
        rels = [r for r in rels if r["start"] in kept and r["end"] in kept]
        return {
            "center": node_id,
            "nodes": [node_view(n) for n in nodes],
            "edges": [edge_view(r, i) for i, r in enumerate(rels)],
            "truncated": truncated,
            "total_neighbours": total,
        }

    def path(self, start: str, end: str, max_hops: int = 4) -> dict[str, Any]:
        """The shortest path between two nodes (the smallest by ids when several are as short):
        its nodes in order and the relationships along it, drawn as ``graph()`` draws them."""
        from .styling import edge_view, node_view

        for ident in (start, end):
            if not self.store.get_node(ident):
                raise NotFound("node", ident, "Find node ids with GET /api/v1/graph/search?q=….")
        nodes, rels = self.store.shortest_path(start, end, max_hops)
        return {
            "from": start, "to": end, "max_hops": max_hops, "found": bool(nodes),
            "hops": len(nodes) - 1 if nodes else None,
            "nodes": [node_view(n) for n in nodes],
            "edges": [edge_view(r, i) for i, r in enumerate(rels)],
        }

    def graph_search(self, q: str, limit: int = 20) -> dict[str, Any]:
        """Nodes whose name contains ``q``, to start the graph browser."""
        from .styling import display_name

        needle = to_simplified(q).strip()
        if not needle:
            return {"items": []}
        items = []
        for label in (S.DEPARTMENT, S.POLICY, S.REGION, S.FUNCTION, S.BENEFICIARY_TYPE, S.INSTRUMENT_TYPE):
            for n in self.store.find_nodes(label, limit=None):
                p = n["properties"]
                names = [p.get(k) for k in ("name", "title", "doc_number", "code", "name_zh")] + list(p.get("names") or [])
                if any(needle in to_simplified(str(x)) for x in names if x):
                    items.append({"id": n["id"], "type": label, "label": display_name(n)})
        if len(items) < limit:
            for hit in self.search_hits(q, limit - len(items)):
                items.append({"id": hit["id"], "type": S.CLAUSE, "label": display_name(hit)})
        return {"items": items[:limit]}


def make_snippet(text: str, terms: list[str], width: int = 120) -> tuple[str, list[list[int]]]:
    """A window of ``text`` around the first hit, and the offsets of every term inside it."""
    folded = text.lower()
    first = min((folded.find(t) for t in terms if t in folded), default=0)
    start = max(0, first - width // 3)
    snippet = text[start: start + width]
    low = snippet.lower()
    highlights = []
    for t in terms:
        pos = low.find(t)
        while pos >= 0:
            highlights.append([pos, pos + len(t)])
            pos = low.find(t, pos + len(t))
    highlights.sort()
    return snippet, highlights

