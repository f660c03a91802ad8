"""In-process reads of a large embedded store: the open, compare of 8 regions, one compare cell
and department lookups, alone and from 8 threads at once.

    .venv/bin/python benchmarks/embedded_reads.py --graph var/bench10k/policykg.graph [--rounds 10]

It imports ``policykg`` from wherever Python finds it, so the same script measures another
checkout of the code (run it from outside the repository with ``PYTHONPATH`` pointing at that
checkout's package tree) against this one on the same store, in the same run. Prints one JSON
object: open wall and CPU seconds, RSS after the open and after the reads (MB), the first
compare (which builds what the store builds on first use) and the p50 / p95 of the others
(ms), and for department lookups the wall time of ``--rounds`` lookups in one thread against
the same lookups spread over 8 threads.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import threading
import time
from typing import Any

from embedded_open_benchmark import rss_mb  # this script's folder is on sys.path when it runs


def timed_ms(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50": round(statistics.median(ordered), 1),
            "p95": round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", required=True, help="an embedded store file (not changed)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-compare", action="store_true")
    args = parser.parse_args()

    from policykg.graph import embedded_store
    from policykg.graph.embedded_store import EmbeddedStore
    from policykg.graph.query_service import QueryService

    out: dict[str, Any] = {"code": embedded_store.__file__}
    t0, c0 = time.perf_counter(), time.process_time()
    store = EmbeddedStore.open(args.graph)
    out["open_s"] = round(time.perf_counter() - t0, 2)
    out["open_cpu_s"] = round(time.process_time() - c0, 2)
    out["rss_after_open_mb"] = round(rss_mb())
    service = QueryService(store, "embedded", "bench")
    rng = random.Random(args.seed)
    regions = sorted(name for name, _, _ in store.region_list())
    depts = [d["department"]["id"] for d in store.department_page(limit=200)[0]]

    if not args.skip_compare:
        picks = [sorted(rng.sample(regions, min(8, len(regions)))) for _ in range(args.rounds + 1)]
        out["compare_first_ms"] = round(timed_ms(lambda: service.compare("function", picks[0])), 1)
        out["compare_ms"] = percentiles([timed_ms(lambda p=p: service.compare("function", p)) for p in picks[1:]])
        out["compare_default_cell_limit"] = service.compare("function", picks[0])["cell_limit"]
        big = service.compare("function", picks[0], row_order="count")
        code = big["rows"][0]["code"]
        region = max(big["columns"], key=lambda r: big["totals"][code][r])
        out["compare_cell_ms"] = percentiles([timed_ms(lambda: service.compare_cell("function", code, region, limit=50))
                                              for _ in range(args.rounds)])

    lookups = [rng.choice(depts) for _ in range(args.rounds * 8)]
    service.get_department(lookups[0])  # warm
    t0 = time.perf_counter()
    for did in lookups:
        service.get_department(did)
    serial = time.perf_counter() - t0

    def worker(part: list[str]) -> None:
        for did in part:
            service.get_department(did)

    threads = [threading.Thread(target=worker, args=(lookups[k::8],)) for k in range(8)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out["department_lookups"] = len(lookups)
    out["department_serial_s"] = round(serial, 2)
    out["department_8_threads_s"] = round(time.perf_counter() - t0, 2)
    out["rss_after_reads_mb"] = round(rss_mb())
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
