"""Researchers' views of the graph: instrument mix per region, the co-responsibility network
of departments, and the diffusion of a provision across policies.

Each view asks the store one bounded question (``GraphStore.instrument_mix``,
``shared_responsibility``, ``similar_clauses``, ``cites_among``, ``get_nodes``) and shapes the
answer here, so the two stores give the same answers. Network measures (degree, betweenness,
communities) are computed with networkx on the small department graph the store returns,
never on the whole corpus.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from typing import Any

import networkx as nx

from . import schema as S
from . import validity
from .store import GraphStore

CATEGORIES = ("supply", "environment", "demand")
MAX_PAIRS = 5000
DEFAULT_PAIRS = 2000
# Exact betweenness costs O(nodes × links); above this many departments it is estimated from
# this many source departments, chosen with a fixed seed so that both stores give one answer.
BETWEENNESS_SAMPLE = 300
MAX_DIFFUSION_CLAUSES = 60
# networks whose measures are kept (see ResearchService._measures)
KEPT_NETWORKS = 8


def sample_size(departments: int) -> int | None:
    """How many source departments betweenness is estimated from; None: computed exactly."""
    return BETWEENNESS_SAMPLE if departments > BETWEENNESS_SAMPLE else None


class ResearchInputError(ValueError):
    """A research view was asked for with a value it cannot use; the message says which."""


def check_date(value: str | None) -> str | None:
    """``value`` as an ISO date (YYYY-MM-DD), or None; anything else is refused (validity.check_date)."""
    try:
        return validity.check_date(value)
    except validity.InvalidDateError as exc:
        raise ResearchInputError(str(exc)) from None


def check_regions(regions: list[str] | None) -> list[str] | None:
    """Region names without blanks or repeats (None or empty: every region)."""
    if not regions:
        return None
    names = list(dict.fromkeys(r.strip() for r in regions if r and r.strip()))
    return names or None


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


class ResearchService:
    """The research views over one store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        # (sample size, links) → (betweenness, community)
        self._networks: OrderedDict[tuple[int, tuple[tuple[str, str, int], ...]],
                                    tuple[dict[str, float], dict[str, int]]] = OrderedDict()

    def _measures(self, graph: nx.Graph[str], links: tuple[tuple[str, str, int], ...]
                  ) -> tuple[dict[str, float], dict[str, int]]:
        """Betweenness and community of each department of ``graph``, the network ``links`` makes.

        They are a function of the links alone, so they are kept (for the last ``KEPT_NETWORKS``
        networks) under the links themselves (and the sample size): the store is still asked every time, and a corpus
        that changed gives other pairs, hence measures computed afresh, on either store."""
        key = (BETWEENNESS_SAMPLE, links)
        with self._lock:
            if key in self._networks:
                self._networks.move_to_end(key)
                return self._networks[key]
        n = graph.number_of_nodes()
        betweenness = (nx.betweenness_centrality(graph, k=sample_size(n), normalized=True, seed=0)
                       if n > 2 else {})
        community: dict[str, int] = {}
        if graph.number_of_edges():
            # Louvain finds as good a split as greedy modularity here at a fraction of the time
            # (1,000 departments: 0.06 s against 0.2–0.8 s); seeded, so both stores agree
            found = nx.community.louvain_communities(graph, weight="weight", seed=0)
            ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
            community = {node: i for i, members in enumerate(ordered) for node in members}
        with self._lock:
            self._networks[key] = (betweenness, community)
            while len(self._networks) > KEPT_NETWORKS:
                self._networks.popitem(last=False)
        return betweenness, community

    def _type_names(self) -> dict[str, dict[str, Any]]:
        return {n["properties"].get("code"): n["properties"]
                for n in self.store.find_nodes(S.INSTRUMENT_TYPE, limit=None)}

    def instrument_mix(self, regions: list[str] | None = None, in_force_on: str | None = None) -> dict[str, Any]:
        """Per region: how many policies, how many instruments by type, and the supply /
        environment / demand shares (Rothwell–Zegveld) of its instruments."""
        regions, on = check_regions(regions), check_date(in_force_on)
        rows, per_region = self.store.instrument_mix(regions, on)
        names = self._type_names()
        out: dict[str, dict[str, Any]] = {
            r["region"]: {"region": r["region"], "policies": r["policies"], "instruments": 0,
                          "by_category": dict.fromkeys(CATEGORIES, 0), "by_type": []}
            for r in per_region
        }
        for row in rows:
            entry = out[row["region"]]
            entry["instruments"] += row["instruments"]
            category = row["category"] if row["category"] in CATEGORIES else "other"
            entry["by_category"][category] = entry["by_category"].get(category, 0) + row["instruments"]
            entry["by_type"].append({"type": row["type"], "name_zh": names.get(row["type"], {}).get("name_zh"),
                                     "category": row["category"], "instruments": row["instruments"],
                                     "policies": row["policies"]})
        for entry in out.values():
            entry["shares"] = {c: _share(n, entry["instruments"]) for c, n in entry["by_category"].items()}
            entry["by_type"].sort(key=lambda t: (-t["instruments"], t["type"] or ""))
        return {"regions": sorted(out.values(), key=lambda e: e["region"]), "in_force_on": on,
                "categories": list(CATEGORIES)}

    def co_responsibility(self, regions: list[str] | None = None, in_force_on: str | None = None,
                          limit: int = DEFAULT_PAIRS) -> dict[str, Any]:
        """Departments linked by the provisions they are jointly responsible for: each with its
        degree (partners), strength (shared provisions), betweenness (estimated from
        ``BETWEENNESS_SAMPLE`` sources in larger networks) and community; the ``limit``
        strongest links."""
        regions, on = check_regions(regions), check_date(in_force_on)
        if not 1 <= limit <= MAX_PAIRS:
            raise ResearchInputError(f"limit must be between 1 and {MAX_PAIRS}, not {limit}")
        pairs = self.store.shared_responsibility(regions, on, limit)
        links = tuple(sorted((p["a"], p["b"], p["shared"]) for p in pairs))  # one insertion order on both stores
        graph: nx.Graph[str] = nx.Graph()
        for a, b, shared in links:
            graph.add_edge(a, b, weight=shared)
        betweenness, community = self._measures(graph, links)
        n = graph.number_of_nodes()
        props = {n["id"]: n["properties"] for n in self.store.get_nodes(sorted(graph.nodes))}
        nodes = [{
            "id": nid, "name": props.get(nid, {}).get("name"), "function": props.get(nid, {}).get("function"),
            "degree": graph.degree(nid), "strength": graph.degree(nid, weight="weight"),
            "betweenness": round(betweenness.get(nid, 0.0), 6), "community": community.get(nid),
        } for nid in graph.nodes]
        nodes.sort(key=lambda n: (-n["betweenness"], -n["strength"], n["id"]))
        edges = [{"source": p["a"], "target": p["b"], "shared": p["shared"]} for p in pairs]
        sample = sample_size(n)
        return {"nodes": nodes, "edges": edges, "in_force_on": on, "regions": regions,
                "communities": len(set(community.values())), "truncated": len(pairs) >= limit,
                # what is estimated: betweenness from ``sources`` of the ``departments`` when sampled
                "betweenness": {"estimated": sample is not None, "sources": sample or n, "departments": n}}

    def diffusion(self, clause_id: str, depth: int = 2) -> dict[str, Any] | None:
        """The provision and the similar provisions of other policies (up to ``depth`` steps of
        similarity), on a timeline by their policies' dates, with the citations among those
        policies; None when the clause does not exist."""
        if depth not in (1, 2):
            raise ResearchInputError(f"depth must be 1 or 2, not {depth}")
        origin = self.store.get_node(clause_id)
        if origin is None or origin["label"] != S.CLAUSE:
            return None
        scores: dict[str, float | None] = {clause_id: None}
        steps = {clause_id: 0}
        frontier = [clause_id]
        for step in range(1, depth + 1):
            found: dict[str, float | None] = {}
            for cid in frontier:
                for row in self.store.similar_clauses(cid):
                    if row["id"] not in steps and row["id"] not in found:
                        found[row["id"]] = row["score"]
            room = MAX_DIFFUSION_CLAUSES - len(steps)
            frontier = sorted(found)[:max(0, room)]
            for cid in frontier:
                steps[cid], scores[cid] = step, found[cid]
        clauses = {n["id"]: n for n in self.store.get_nodes(sorted(steps))}
        policy_ids = sorted({c["properties"].get("policy_id") for c in clauses.values()} - {None})
        policies = {n["id"]: n["properties"] for n in self.store.get_nodes(policy_ids)}
        items = []
        for cid, node in clauses.items():
            p = node["properties"]
            policy = policies.get(p.get("policy_id"), {})
            items.append({
                "clause_id": cid, "label": p.get("label"), "text": (p.get("text") or "")[:240],
                "step": steps[cid], "score": scores[cid], "policy_id": p.get("policy_id"),
                "policy_title": policy.get("title"), "region": policy.get("region"), "date": policy.get("date"),
            })
        items.sort(key=lambda i: (i["date"] is None, i["date"] or "", i["clause_id"]))
        by_policy: dict[str, list[str]] = defaultdict(list)
        for item in items:
            by_policy[item["policy_id"]].append(item["clause_id"])
        dated = [i for i in items if i["date"]]
        return {
            "origin": clause_id, "items": items,
            "first": dated[0]["clause_id"] if dated else None,
            "citations": self.store.cites_among(policy_ids),
            "policies": len(by_policy), "depth": depth,
        }
