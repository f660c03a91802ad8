"""The department lookup (GET /api/v1/departments/{id}) in-process, on a store that exists:
``QueryService.get_department`` for departments picked among the busiest, one caller.

Run it once with the code of this checkout and once with an older one (``--code DIR``: a folder
holding a ``policykg`` package of that commit, imported instead of the installed one; the JSON's
``code`` says which was) on the same store, one right after the other, to compare them in the
same run. The store is only read.

    .venv/bin/python benchmarks/department_lookup.py --store embedded --graph FILE [--lookups 40]
    NEO4J_URI=bolt://localhost:7702 NEO4J_PASSWORD=… .venv/bin/python benchmarks/department_lookup.py --store neo4j

Prints one JSON line: p50/p95 (ms) of the bureau page's lookup (defaults), of the graph page's
(per_type=5, clause_limit=50, related_limit=1), the first lookup of each department apart
from the repeats, and (when the code takes it) the lookup dated ``--in-force-on``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any


def percentiles(times: list[float]) -> dict[str, float]:
    """p50 / p95 / max (ms) of ``times`` (seconds)."""
    ms = sorted(t * 1000 for t in times)
    if not ms:
        return {}
    return {"p50": round(statistics.median(ms), 1), "p95": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1),
            "max": round(ms[-1], 1), "n": len(ms)}


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def use_code(folder: str) -> None:
    """Import ``policykg`` from ``folder``: first on the path, and the editable install's finder removed."""
    sys.path.insert(0, os.path.abspath(folder))
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()
                        and "editable" not in getattr(f, "__name__", "").lower()]


def open_store(kind: str, graph: str | None) -> Any:
    if kind == "embedded":
        from policykg.graph.embedded_store import EmbeddedStore

        return EmbeddedStore.open(graph)
    import neo4j

    from policykg.graph.neo4j_store import Neo4jStore

    driver = neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=(
        os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"]))
    return Neo4jStore(driver, database=os.environ.get("NEO4J_DATABASE", "neo4j"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], required=True)
    parser.add_argument("--graph", help="the embedded store's file (read only)")
    parser.add_argument("--lookups", type=int, default=40)
    parser.add_argument("--busiest", type=int, default=200, help="departments picked among the busiest N")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--in-force-on", default="2024-06-30")
    parser.add_argument("--code", help="import policykg from this folder instead of the installed package")
    args = parser.parse_args()
    if args.code:
        use_code(args.code)

    from policykg.graph import query_service
    from policykg.graph.query_service import QueryService

    out: dict[str, Any] = {"code": query_service.__file__, "store": args.store}
    t0 = time.perf_counter()
    store = open_store(args.store, args.graph)
    out["open_s"] = round(time.perf_counter() - t0, 1)
    service = QueryService(store, args.store, "bench")
    rows, _ = store.department_page(limit=args.busiest)
    depts = [r["department"]["id"] for r in rows]
    out["busiest_clauses"] = rows[0]["lead_count"] + rows[0]["co_count"] if rows else None
    rng = random.Random(args.seed)
    lookups = [rng.choice(depts) for _ in range(args.lookups)]
    service.get_department(depts[-1])  # warm the service's vocabulary names and the connection

    seen: set[str] = set()
    first, again, every = [], [], []
    for did in lookups:
        t = timed(lambda did=did: service.get_department(did))
        every.append(t)
        (again if did in seen else first).append(t)
        seen.add(did)
    out["bureau_ms"] = percentiles(every)
    out["bureau_first_visit_ms"] = percentiles(first)
    out["bureau_repeat_ms"] = percentiles(again)
    out["graph_details_ms"] = percentiles([
        timed(lambda did=did: service.get_department(did, per_type=5, clause_limit=50, related_limit=1))
        for did in lookups])
    if "in_force_on" in inspect.signature(service.get_department).parameters:
        out["in_force_on"] = args.in_force_on
        out["dated_ms"] = percentiles([timed(lambda did=did: service.get_department(did, in_force_on=args.in_force_on))
                                       for did in lookups])
    biggest = service.get_department(depts[0])
    out["busiest_answer"] = {"id": depts[0], "clause_total": biggest["clause_total"],
                             "clauses_listed": len(biggest["clauses"]),
                             "instruments": sum(biggest["lead_counts"].values()) + sum(biggest["co_counts"].values())}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
