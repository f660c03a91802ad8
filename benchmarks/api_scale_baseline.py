"""The simplest alternative to the API's store-native reads, on the store an api_scale run built.

Run by benchmarks/api_scale.py after its requests (same environment: POLICYKG_STORE,
POLICYKG_DATA_DIR or NEO4J_URI), in a process of its own so its memory is its own:

- the old whole-corpus join (benchmarks/baseline_join.py): the time to build it, which the old
  API paid before its first answer and again after 30 s without traffic, and the resident memory
  it added;
- the old answers over the join (instrument list by region, department, beneficiary in a region,
  compare of 8 regions: each a filter of every row) and the old search (every clause holding the
  query's character bigrams, re-checked and scored in Python: search_benchmark.linear_scan_search),
  against the query service's store-native reads, both in this process, one caller;
- the ratios, and beside them the API's own p50 under 8 clients from the run
  (``API_SCALE_ENDPOINTS``).

Prints one JSON line last.

    .venv/bin/python benchmarks/api_scale_baseline.py --store embedded [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from api_benchmark import SEARCH_WORDS  # noqa: E402
from baseline_join import build_rows, list_instruments  # noqa: E402
from search_benchmark import LinearScanIndex, linear_scan_search  # noqa: E402

from policykg.graph import schema as S  # noqa: E402
from policykg.graph.query_service import QueryService  # noqa: E402
from policykg.settings import Settings  # noqa: E402
from policykg.stores import open_store  # noqa: E402


def rss_mb() -> float:
    """This process's resident memory (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed(fn: Callable[[Any], Any], args: list[Any]) -> dict[str, float]:
    """p50/p95 in ms of ``fn`` over ``args`` (one call each, after one warm-up call)."""
    fn(args[0])
    samples = []
    for a in args:
        t0 = time.perf_counter()
        fn(a)
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {"p50": statistics.median(samples), "p95": samples[min(len(samples) - 1, int(0.95 * len(samples)))],
            "n": len(samples)}


def old_department(rows: list[dict[str, Any]], did: str) -> dict[str, int]:
    """The old department answer: its instruments by type and role, from a filter of every row."""
    counts: Counter[str] = Counter()
    for r in rows:
        for d in r["departments"]:
            if d["id"] == did:
                counts[f"{r['type']}:{d['role']}"] += 1
    return dict(counts)


def old_beneficiary(rows: list[dict[str, Any]], code: str, region: str) -> list[dict[str, Any]]:
    """The old beneficiary answer: the rows of that beneficiary in the region (or its province)."""
    return [r for r in rows if r["beneficiary"] == code and region in (r["region"], r["province"])][:50]


def old_compare(rows: list[dict[str, Any]], regions: list[str]) -> dict[tuple[str, str], int]:
    """The old compare by function: per region, instruments counted by their lead departments' function."""
    cells: Counter[tuple[str, str]] = Counter()
    wanted = set(regions)
    for r in rows:
        for region in {r["region"], r["province"]} & wanted:
            for d in r["departments"]:
                if d["role"] == "lead":
                    cells[(d["function"] or "other", region)] += 1
    return dict(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], required=True)
    parser.add_argument("--repeat", type=int, default=15, help="calls per read (search: rounds of the words)")
    args = parser.parse_args()
    rng = random.Random(7)
    out: dict[str, Any] = {"store": args.store}

    t0 = time.perf_counter()
    opened = open_store(Settings(store=args.store), purpose="api")
    store = opened.store
    service = QueryService(store, args.store, "bench")
    out["open_s"] = time.perf_counter() - t0

    before = rss_mb()
    t0 = time.perf_counter()
    rows, _, _ = build_rows(service)
    out["join_build_s"] = time.perf_counter() - t0
    out["join_rss_mb"] = rss_mb() - before
    out["join_rows"] = len(rows)
    print(f"join of {len(rows):,} rows in {out['join_build_s']:.1f} s, +{out['join_rss_mb']:.0f} MB", file=sys.stderr)

    regions = [name for name, _ in store.top_regions(60)]
    depts = [d["id"] for d in store.find_nodes(S.DEPARTMENT, limit=300)]
    codes = sorted({r["beneficiary"] for r in rows if r["beneficiary"]})
    n = args.repeat
    region_args = [rng.choice(regions) for _ in range(n)]
    dept_args = [rng.choice(depts) for _ in range(n)]
    benef_args = [(rng.choice(codes), rng.choice(regions)) for _ in range(n)]
    compare_args = [rng.sample(regions, min(8, len(regions))) for _ in range(max(3, n // 3))]

    old = {
        "instrument": timed(lambda r: list_instruments(rows, region=r), region_args),
        "department": timed(lambda d: old_department(rows, d), dept_args),
        "beneficiary": timed(lambda a: old_beneficiary(rows, *a), benef_args),
        "compare (8 regions)": timed(lambda rs: old_compare(rows, rs), compare_args),
    }
    rows.clear()  # free the join before the search baseline
    new = {
        "instrument": timed(lambda r: service.list_instruments(region=r), region_args),
        "department": timed(lambda d: service.get_department(d), dept_args),
        "beneficiary": timed(lambda a: service.beneficiary_instruments(*a), benef_args),
        "compare (8 regions)": timed(lambda rs: service.compare("function", regions=rs), compare_args),
    }

    clauses = store.find_nodes(S.CLAUSE, limit=None)
    t0 = time.perf_counter()
    scan = LinearScanIndex([(c["id"], c["properties"].get("text") or "", c["properties"].get("text_simplified") or "")
                            for c in clauses])
    out["scan_index_build_s"] = time.perf_counter() - t0
    out["clauses"] = len(clauses)
    del clauses
    words = SEARCH_WORDS * max(1, n // len(SEARCH_WORDS))
    old["search"] = timed(lambda w: linear_scan_search(scan, w), words)
    new["search"] = timed(lambda w: service.search(w), words)

    api = json.loads(os.environ.get("API_SCALE_ENDPOINTS") or "{}")
    out["old_ms"], out["new_ms"] = old, new
    out["ratio_p50"] = {k: old[k]["p50"] / new[k]["p50"] if new[k]["p50"] else None for k in old}
    out["api_p50_ms"] = {k: api[k]["p50"] for k in old if k in api}
    out["ratio_old_to_api_p50"] = {k: old[k]["p50"] / api[k]["p50"] for k in out["api_p50_ms"] if api[k]["p50"]}
    opened.close()
    print(json.dumps(out, ensure_ascii=False, default=float))


if __name__ == "__main__":
    main()
