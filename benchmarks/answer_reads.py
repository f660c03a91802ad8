"""Reads per API answer on Neo4j: how many queries each endpoint sends, and its time, one client.

A lookup on Neo4j pays a round trip (and the driver's work) per query, so an answer assembled
from many small reads is slow however fast each read is. For each endpoint of api_scale.py
(policy, clause, department, instrument, beneficiary, search, compare of 8 regions) this serves
the API in-process against a running Neo4j that holds loaded policies, sends ``--requests``
requests per endpoint one at a time, and prints per endpoint the median number of queries per
answer, p50 and p95 latency and the answer's size (``--lists``: also the lists of the whole
corpus the explorer opens with: every policy, every instrument, the regions, the beneficiary
types, the counts and the default comparison):

    .venv/bin/python -m policykg.graph.neo4j_local start --home var/neo4j-reads --port 7703
    NEO4J_URI=bolt://localhost:7703 policykg load --store neo4j DIR
    NEO4J_URI=bolt://localhost:7703 .venv/bin/python benchmarks/answer_reads.py [--requests 20] [--lists] [--json OUT]

Queries are counted where the driver runs them (every transaction's ``run``), so reads outside
the store's own helpers are counted too. The vocabularies' names and the data version read on
first use are warmed up before counting.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Session
from neo4j._sync.work.transaction import TransactionBase

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_benchmark import percentile  # noqa: E402
from api_scale import endpoint_urls  # noqa: E402

import policykg  # noqa: E402
from policykg.api.app import create_app  # noqa: E402
from policykg.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


class QueryCounter:
    """Counts the queries the driver runs in transactions, and the read transactions, while installed."""

    def __init__(self) -> None:
        self.count = 0
        self.transactions = 0
        self._run = TransactionBase.run
        self._execute_read = Session.execute_read

    def __enter__(self) -> QueryCounter:
        counter, run, execute_read = self, self._run, self._execute_read

        def counted(tx: Any, query: Any, parameters: Any = None, **kwargs: Any) -> Any:
            counter.count += 1
            return run(tx, query, parameters, **kwargs)

        def counted_read(session: Session, work: Any, *args: Any, **kwargs: Any) -> Any:
            counter.transactions += 1
            return execute_read(session, work, *args, **kwargs)

        TransactionBase.run = counted  # type: ignore[method-assign]
        Session.execute_read = counted_read  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        TransactionBase.run = self._run  # type: ignore[method-assign]
        Session.execute_read = self._execute_read  # type: ignore[method-assign]


def list_urls(n: int, seed: int = 7) -> dict[str, list[str]]:
    """``n`` URLs per list of the whole corpus the explorer opens with (no filter: every policy,
    every instrument, the regions, the beneficiary types, the counts, the default comparison)."""
    rng = random.Random(seed)
    return {
        "policies (all)": [f"/api/v1/policies?limit=20&offset={rng.randrange(0, 200)}" for _ in range(n)],
        "instruments (all)": [f"/api/v1/instruments?limit=20&offset={rng.randrange(0, 200)}" for _ in range(n)],
        "regions": ["/api/v1/regions"] * n,
        "beneficiaries": ["/api/v1/beneficiaries"] * n,
        "health": ["/api/v1/health"] * n,
        "compare (default)": ["/api/v1/compare?rows=function"] * n,
    }


def measure(requests: int, lists: bool = False) -> dict[str, dict[str, float]]:
    """Per endpoint: median queries and read transactions per answer, p50/p95 ms, median answer bytes."""
    settings = Settings(store="neo4j")
    out: dict[str, dict[str, float]] = {}
    with TestClient(create_app(settings)) as client:
        urls = endpoint_urls("", requests, client=_Borrowed(client))
        if lists:
            urls |= list_urls(requests)
        for kind, batch in urls.items():
            for url in batch[:3]:
                client.get(url)  # warm-up: names and versions read once
            queries, transactions, times, sizes = [], [], [], []
            for url in batch:
                with QueryCounter() as counter:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}: {response.text[:200]}")
                queries.append(counter.count)
                transactions.append(counter.transactions)
                sizes.append(len(response.content))
            out[kind] = {"queries": statistics.median(queries), "transactions": statistics.median(transactions),
                         "p50_ms": round(percentile(times, 50), 1),
                         "p95_ms": round(percentile(times, 95), 1), "bytes": statistics.median(sizes)}
    return out


class _Borrowed:
    """``client`` as a context manager that leaves it open (endpoint_urls closes its own)."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def __enter__(self) -> TestClient:
        return self.client

    def __exit__(self, *exc: object) -> None:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20, help="requests per endpoint (default 20)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--lists", action="store_true",
                        help="also the lists of the whole corpus (every policy, every instrument, regions, "
                             "beneficiary types, counts, the default comparison)")
    args = parser.parse_args()
    if not os.environ.get("NEO4J_URI"):
        sys.exit("Set NEO4J_URI to a Neo4j holding loaded policies (see the docstring: --help).")
    figures = measure(args.requests, args.lists)
    # the commit of the code measured (the policykg imported), which may be another checkout's
    code = Path(policykg.__file__).resolve().parents[1]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=code, capture_output=True, text=True).stdout.strip()
    when = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    print(f"commit {commit}, {when}, load average {os.getloadavg()[0]:.2f}, one client, {args.requests} requests each")
    print(f"{'endpoint':22s} {'queries':>8s} {'reads':>6s} {'p50 ms':>8s} {'p95 ms':>8s} {'bytes':>9s}")
    for kind, f in figures.items():
        print(f"{kind:22s} {f['queries']:8.0f} {f['transactions']:6.0f} {f['p50_ms']:8.1f} {f['p95_ms']:8.1f} "
              f"{f['bytes']:9.0f}")
    if args.json:
        args.json.write_text(json.dumps({"commit": commit, "measured_at": when, "figures": figures}, indent=2),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
