"""The whole-corpus instrument join the API used before its reads moved into the stores.

Kept only as a baseline, so a benchmark can measure old and new in the same run: it reads
every policy, department and instrument and every IN_REGION, RESPONSIBLE_FOR and MENTIONS
relationship of the store, joins them into one row per instrument in Python, and answers an
instrument list by filtering those rows. Nothing in the API imports it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.graph import schema as S
from policykg.graph.query_service import QueryService


def build_rows(service: QueryService) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(instrument rows, department id → {region, lead_count, co_count}, policy id → properties)."""
    store = service.store
    policies = {p["id"]: p["properties"] for p in store.all_policies()}
    departments = {d["id"]: d for d in store.find_nodes(S.DEPARTMENT, limit=None)}
    stats: dict[str, dict[str, Any]] = {did: {"region": None, "lead_count": 0, "co_count": 0} for did in departments}
    for rel in store.relationships("IN_REGION"):
        if rel["start"] in stats and stats[rel["start"]]["region"] is None:
            stats[rel["start"]]["region"] = rel["end"].removeprefix("region:")
    responsible: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for rel in store.relationships("RESPONSIBLE_FOR"):
        if rel["start"] in departments:
            responsible[rel["end"]].append((rel["properties"], departments[rel["start"]]))
            stats[rel["start"]]["lead_count" if rel["properties"].get("lead") else "co_count"] += 1
    mentions: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for rel in store.relationships("MENTIONS"):
        if rel["end"] in departments:
            mentions[rel["start"]].append((rel["properties"], departments[rel["end"]]))
    rows = []
    for inst in store.find_nodes(S.INSTRUMENT, limit=None):
        props = inst["properties"]
        cid = props.get("clause_id")
        policy = policies.get(props.get("policy_id"), {})
        provision = props.get("provision")
        owners = [(rel, dept) for rel, dept in responsible.get(cid or "", []) if rel.get("provision") == provision]
        rows.append(service._instrument_row(inst["id"], props, cid, policy, owners, mentions.get(cid or "", [])))
    rows.sort(key=lambda r: (r["policy_id"] or "", r["start"] or 0, r["provision"] or 0, r["id"]))
    return rows, stats, policies


def list_instruments(rows: list[dict[str, Any]], region: str | None = None, type: str | None = None,
                     limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """The old instrument list over prebuilt rows: a filter of every row."""
    kept = [r for r in rows if (not type or r["type"] == type)
            and (not region or region in (r["region"], r["province"]))]
    return {"items": [QueryService.public_row(r) for r in kept[offset:offset + limit]], "total": len(kept)}


def names_by_scan(service: QueryService, needle: str, limit: int = 20) -> list[str]:
    """The node ids the graph browser's search used to find: every node of the searched labels
    read into Python and its names checked, then the first ``limit`` kept."""
    from policykg.graph.model import to_simplified

    found = []
    for label in S.NAME_SEARCH_LABELS:
        for n in service.store.find_nodes(label, limit=None):
            p = n["properties"]
            names = [p.get(k) for k in ("name", "title", "doc_number", "code", "name_zh")] + list(p.get("names") or [])
            if any(needle in to_simplified(str(x)) for x in names if x):
                found.append(n["id"])
    return found[:limit]
