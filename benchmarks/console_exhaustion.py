"""The Cypher console under attack: twenty exhaustion queries at once, the rest of the API meanwhile.

Starts a local Neo4j under a temporary home (or uses ``--uri``, whose database must be empty or
the benchmarks' own), loads the bundled policies, serves the API with its default console
settings in its own process, then sends twenty exhaustion queries at once while probe threads
keep asking the other endpoints. Prints, for the console: each answer's status and time, the
slowest answer against the time limit + 2 s, the largest body against the byte cap; for the
other endpoints: p50/p95/max latency during the attack and in a quiet run before it (the
simplest alternative: the same requests with no attack).

    .venv/bin/python benchmarks/console_exhaustion.py [--queries 20] [--probes 4] [--uri bolt://…]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
from api_benchmark import POLICYKG, ROOT, free_port, percentile, wait_until_serving

EXHAUSTION = [
    "UNWIND range(1, 100000000) AS x UNWIND range(1, 100) AS y WITH x, y WHERE (x + y) % 7 = 0 RETURN count(*)",
    "RETURN range(1, 30000000) AS r",
    "UNWIND range(1, 100000000) AS x RETURN size(collect(x)) AS n",
    "RETURN " + "(" * 600 + "1" + ")" * 600,
    "MATCH (a), (b), (c), (d) RETURN count(*)",
]
PROBE_URLS = ["/api/v1/health", "/api/v1/policies", "/api/v1/departments", "/api/v1/instruments",
              "/api/v1/search?q=%E7%A7%91%E6%8A%80"]


def probe(base: str, stop: threading.Event, out: list[float], errors: Counter) -> None:
    """Ask the probe URLs in turn until ``stop``; latencies in ms."""
    with httpx.Client(timeout=30) as client:
        i = 0
        while not stop.is_set():
            url = PROBE_URLS[i % len(PROBE_URLS)]
            t0 = time.perf_counter()
            r = client.get(base + url)
            out.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                errors[r.status_code] += 1
            i += 1


def quiet_run(base: str, probes: int, seconds: float) -> list[float]:
    stop, out, errors = threading.Event(), [], Counter()
    threads = [threading.Thread(target=probe, args=(base, stop, out, errors)) for _ in range(probes)]
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    return out


def attack(base: str, queries: int, probes: int) -> tuple[list[tuple[int, float, int, str]], list[float], Counter]:
    """Send ``queries`` exhaustion queries at once with ``probes`` probe threads running."""
    stop, latencies, errors = threading.Event(), [], Counter()
    threads = [threading.Thread(target=probe, args=(base, stop, latencies, errors)) for _ in range(probes)]
    for t in threads:
        t.start()

    def one(i: int) -> tuple[int, float, int, str]:
        with httpx.Client(timeout=120) as client:
            t0 = time.perf_counter()
            r = client.post(base + "/api/v1/cypher", json={"query": EXHAUSTION[i % len(EXHAUSTION)]})
            body = r.json()
            return r.status_code, time.perf_counter() - t0, len(r.content), body.get("error", "rows")

    try:
        with ThreadPoolExecutor(queries) as pool:
            answers = list(pool.map(one, range(queries)))
    finally:
        stop.set()
        for t in threads:
            t.join()
    return answers, latencies, errors


def figures(latencies: list[float]) -> str:
    return (f"n={len(latencies)} p50={percentile(latencies, 50):.1f} ms p95={percentile(latencies, 95):.1f} ms "
            f"max={max(latencies):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--probes", type=int, default=4, help="client threads asking other endpoints")
    parser.add_argument("--uri", help="a Neo4j to use instead of a temporary local one")
    args = parser.parse_args()

    from run_all import neo4j_server

    if args.uri:
        os.environ["NEO4J_URI"] = args.uri
    with neo4j_server(True) as (neo4j_env, note, _), tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, **(neo4j_env or {}), "POLICYKG_DATA_DIR": tmp, "POLICYKG_STORE": "neo4j"}
        print(f"neo4j: {note}")
        subprocess.run([*POLICYKG, "load", "--quiet"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen([*POLICYKG, "serve", "--port", str(port)], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(server, base, 300)
            limits = httpx.get(base + "/api/v1/cypher", timeout=10).json()["limits"]
            print(f"console limits: {json.dumps(limits)}")
            quiet = quiet_run(base, args.probes, 10)
            print(f"other endpoints, quiet:        {figures(quiet)}")
            answers, during, errors = attack(base, args.queries, args.probes)
            print(f"other endpoints, under attack: {figures(during)}; non-200: {dict(errors) or 'none'}")
            by = Counter((code, error) for code, _, _, error in answers)
            print("console answers: " + ", ".join(f"{n}× {code} {error}" for (code, error), n in sorted(by.items())))
            timeout_s = float(limits.get("timeout_s", 5))
            slowest = max(elapsed for _, elapsed, _, _ in answers)
            print(f"console slowest answer: {slowest:.2f} s (limit + 2 s = {timeout_s + 2:.1f} s)")
            print(f"console largest body: {max(size for _, _, size, _ in answers):,} bytes "
                  f"(byte cap {limits.get('max_bytes', '?')})")
            time.sleep(1)
            t0 = time.perf_counter()
            r = httpx.post(base + "/api/v1/cypher", timeout=60,
                           json={"query": "UNWIND range(1, 100000000) AS x UNWIND range(1, 100) AS y RETURN count(*)"})
            print(f"afterwards a long query answers {r.status_code} {r.json().get('error')} "
                  f"in {time.perf_counter() - t0:.2f} s (the time limit still works)")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
