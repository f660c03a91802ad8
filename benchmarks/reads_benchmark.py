"""The API's reads, old and new, in the same run: the whole-corpus join the query service used
to build (benchmarks/baseline_join.py) against the per-resource reads the stores answer now.

Generates N policies (seed style), loads them into a fresh embedded store (and into Neo4j
when NEO4J_URI is set; that database is emptied), then times, per store: the baseline's time
to its first answer (building every row) and its rows' memory, and a few reads both ways.

    .venv/bin/python benchmarks/reads_benchmark.py [--policies 300] [--seed 7] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baseline_join import build_rows, list_instruments, names_by_scan  # noqa: E402

from policykg.graph.query_service import QueryService  # noqa: E402

GRAPH_SEARCH_WORD = "科技局"  # what a user types in the graph browser's search box


def _timed(fn: Any, repeat: int) -> float:
    """Median seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(name: str, store: Any, repeat: int) -> dict[str, Any]:
    service = QueryService(store, name, "bench")
    region = store.top_regions(1)[0][0]
    tracemalloc.start()
    t0 = time.perf_counter()
    rows, _, _ = build_rows(service)
    first_answer = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    old = {
        "instruments_region": _timed(lambda: list_instruments(rows, region=region), repeat),
        "instruments_type": _timed(lambda: list_instruments(rows, type="reward"), repeat),
        "graph_search": _timed(lambda: names_by_scan(service, GRAPH_SEARCH_WORD), repeat),
    }
    new = {
        "instruments_region": _timed(lambda: service.list_instruments(region=region), repeat),
        "instruments_type": _timed(lambda: service.list_instruments(type="reward"), repeat),
        "compare": _timed(lambda: service.compare("function"), repeat),
        "beneficiary": _timed(lambda: service.beneficiary_instruments("enterprise", region), repeat),
        "departments": _timed(lambda: service.list_departments(), repeat),
        "graph_search": _timed(lambda: store.name_search(GRAPH_SEARCH_WORD, 20), repeat),
    }
    assert [n["id"] for n in store.name_search(GRAPH_SEARCH_WORD, 20)] == names_by_scan(service, GRAPH_SEARCH_WORD)
    assert service.list_instruments(region=region)["total"] == list_instruments(rows, region=region)["total"]
    return {"store": name, "instruments": len(rows), "region": region,
            "baseline_first_answer_s": round(first_answer, 3), "baseline_rows_peak_mb": round(peak / 1e6, 1),
            "baseline_s": {k: round(v, 4) for k, v in old.items()},
            "new_s": {k: round(v, 4) for k, v in new.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--policies", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from policykg.generator import generate_corpus
    from policykg.graph.embedded_store import EmbeddedStore
    from policykg.loading import load_paths

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        generate_corpus(args.policies, args.seed, corpus, style="seed")
        paths = sorted(corpus.glob("policy_*.txt"))
        stores: list[tuple[str, Any]] = [("embedded", EmbeddedStore.open(Path(tmp) / "g.graph"))]
        if os.environ.get("NEO4J_URI"):
            from policykg.settings import Settings
            from policykg.stores import open_store

            opened = open_store(Settings(store="neo4j"), purpose="api")
            opened.store.clear()
            stores.append(("neo4j", opened.store))
        report = []
        for name, store in stores:
            store.ensure_schema()
            load_paths(store, paths)
            store.save()
            report.append(measure(name, store, args.repeat))
        print(json.dumps({"policies": args.policies, "results": report}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
