"""API latency under concurrent load on loopback: p50/p95/p99 and requests/s per endpoint group.

Loads a corpus (default: the bundled seeds) into a fresh store, starts ``policykg serve``
in its own process, and sends requests from a pool of client threads. Each group is
compared with the simplest alternative a user might write where one exists: search
through the index vs a linear scan over every clause (printed as a ratio).

    .venv/bin/python benchmarks/api_benchmark.py [--corpus DIR] [--store embedded|neo4j]
        [--concurrency 8] [--requests 300]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
POLICYKG = [sys.executable, "-m", "policykg.cli"]
SEARCH_WORDS = ["技术经纪人", "科技成果", "中试平台", "奖励", "知识产权", "高校", "贷款", "孵化器"]


STARTUP_TIMEOUT_S = 900  # a server on 10,000 policies reads its graph and builds its indexes for about a minute


def wait_until_serving(server: subprocess.Popen, base: str, timeout_s: float, poll_s: float = 0.5) -> None:
    """Return once ``base`` answers its health check (asked every ``poll_s`` seconds); fail if the
    server exits or the time runs out."""
    deadline = time.monotonic() + timeout_s
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode} before it answered")
        try:
            if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer within {timeout_s:.0f} s")
        time.sleep(poll_s)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def run_group(base: str, urls: list[str], concurrency: int) -> dict[str, float]:
    """Send every URL once from ``concurrency`` threads; latency figures in ms."""
    latencies: list[float] = []
    errors = 0

    def one(client: httpx.Client, url: str) -> None:
        nonlocal errors
        t0 = time.perf_counter()
        r = client.get(base + url)
        latencies.append((time.perf_counter() - t0) * 1000)
        errors += r.status_code != 200

    clients = [httpx.Client(timeout=60) for _ in range(concurrency)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for i, url in enumerate(urls):
            pool.submit(one, clients[i % concurrency], url)
    wall = time.perf_counter() - t0
    for c in clients:
        c.close()
    return {"n": len(latencies), "errors": errors, "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
            "p99": percentile(latencies, 99), "mean": statistics.fmean(latencies), "rps": len(latencies) / wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="folder of policy files (default: bundled seeds)")
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint group")
    parser.add_argument("--json", help="write the figures to this JSON file too")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "POLICYKG_DATA_DIR": tmp, "POLICYKG_STORE": args.store}
        load = [*POLICYKG, "load", "--quiet", *([args.corpus] if args.corpus else [])]
        t0 = time.perf_counter()
        subprocess.run(load, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(f"loaded {args.corpus or 'bundled corpus'} into {args.store} in {time.perf_counter() - t0:.1f} s")

        port = free_port()
        server = subprocess.Popen([*POLICYKG, "serve", "--port", str(port)], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(server, base, STARTUP_TIMEOUT_S)
            figures = measure(base, args)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), "utf-8")


def request_urls(client: Any, n: int, seed: int = 7,
                 policies_sampled: int = 50) -> tuple[dict[str, list[str]], list[str]]:
    """``n`` request URLs per endpoint group, drawn from what the API lists, and the ids of
    every clause of the sampled policies.

    ``client.get(path, params=…)`` must answer like httpx's (an ``httpx.Client`` with a
    base URL, or FastAPI's TestClient), so the same URLs serve over HTTP and in-process.
    """
    rng = random.Random(seed)
    policies = client.get("/api/v1/policies", params={"limit": 500}).json()["items"]
    clause_ids: list[str] = []
    for p in policies[:policies_sampled]:
        doc = client.get(f"/api/v1/policies/{quote(p['id'], safe='')}/document").json()
        clause_ids += [node["id"] for node in doc["nodes"] if node["is_clause"]]
    depts = [d["id"] for d in client.get("/api/v1/departments", params={"limit": 200}).json()["items"]]
    regions = sorted({p["region"] for p in policies if p["region"]})
    return {
        "lookup: clause": [f"/api/v1/clauses/{quote(rng.choice(clause_ids), safe='')}" for _ in range(n)],
        "lookup: policy": [f"/api/v1/policies/{quote(rng.choice(policies)['id'], safe='')}" for _ in range(n)],
        "lookup: instruments": [f"/api/v1/instruments?region={quote(rng.choice(regions))}&sort=cap" for _ in range(n)],
        "lookup: department": [f"/api/v1/departments/{quote(rng.choice(depts), safe='')}" for _ in range(n)],
        "compare": [f"/api/v1/compare?rows=function&regions={quote(','.join(rng.sample(regions, min(3, len(regions)))))}"
                    for _ in range(n)],
        "search (index)": [f"/api/v1/search?q={quote(rng.choice(SEARCH_WORDS))}" for _ in range(n)],
        "graph": [f"/api/v1/graph/{quote(rng.choice(clause_ids), safe='')}?depth=1&limit=100" for _ in range(n)],
    }, clause_ids


def measure(base: str, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    n = args.requests
    with httpx.Client(base_url=base, timeout=60) as client:
        groups, clause_ids = request_urls(client, n)
    figures = {}
    print(f"{'group':24} {'n':>5} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8}")
    for name, urls in groups.items():
        run_group(base, urls[: max(5, n // 10)], args.concurrency)  # warm caches
        f = run_group(base, urls, args.concurrency)
        figures[name] = f
        print(f"{name:24} {f['n']:5d} {f['errors']:4d} {f['p50']:8.1f} {f['p95']:8.1f} {f['p99']:8.1f} {f['rps']:8.1f}")

    # the simplest alternative to the search index: fetch every clause and scan its text
    t0 = time.perf_counter()
    term = "技术经纪人"
    hits = 0
    for cid in clause_ids:
        body = httpx.get(f"{base}/api/v1/clauses/{quote(cid, safe='')}", timeout=60).json()
        hits += term in (body["clause"]["text_simplified"] or "")
    scan_ms = (time.perf_counter() - t0) * 1000
    index_ms = figures["search (index)"]["p50"]
    print(f"linear scan over {len(clause_ids)} clauses for one query: {scan_ms:.0f} ms "
          f"vs search index p50 {index_ms:.1f} ms → {scan_ms / max(index_ms, 0.01):.0f}x")
    figures["linear_scan_ms"] = {"ms": scan_ms, "clauses": len(clause_ids), "hits": hits}
    return figures


if __name__ == "__main__":
    main()
