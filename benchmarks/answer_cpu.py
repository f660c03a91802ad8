"""CPU per API answer on Neo4j, one caller: what an answer costs the API process and Neo4j.

With 8 clients on 2 cores an answer's latency is about (clients / cores) × its CPU time, so a
p95 under 50 ms needs answers of about 10 ms of CPU in all. This serves the API in-process (the
routers, the response models and the JSON encoding included) against a running Neo4j holding
loaded policies, sends each request once after a warm-up, one at a time, and prints per
endpoint p50/p95 of the wall time, of the API process's CPU time and of Neo4j's CPU time (the
sum of its threads' run time, from /proc) and the median answer size:

    NEO4J_URI=bolt://localhost:7711 NEO4J_PASSWORD=… .venv/bin/python benchmarks/answer_cpu.py \\
        --neo4j-pid PID [--requests 60] [--json OUT] [--code DIR]

The endpoints are those of api_scale.py (policy, clause, department, instrument, beneficiary;
``--all``: search and compare too) with the same URLs, and ``department (busiest)``: the
default answer of the ``--busiest`` departments responsible for most clauses. Run it on a machine
with other work and the CPU times stay comparable where wall times do not.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
if "--code" in sys.argv[:-1]:  # before anything imports policykg
    from department_lookup import use_code

    use_code(sys.argv[sys.argv.index("--code") + 1])
from answer_reads import _Borrowed  # noqa: E402
from api_benchmark import percentile  # noqa: E402
from api_scale import endpoint_urls  # noqa: E402

import policykg  # noqa: E402
from policykg.api.app import create_app  # noqa: E402
from policykg.settings import Settings  # noqa: E402

LOOKUPS = ("policy", "clause", "department", "instrument", "beneficiary")


def thread_ns(pid: int | None) -> int:
    """The run time (ns) of every thread of process ``pid`` so far (Linux schedstat); 0 without one."""
    if pid is None:
        return 0
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass  # a thread that ended meanwhile
    return total


def measure(urls: dict[str, list[str]], client: TestClient, db_pid: int | None) -> dict[str, dict[str, float]]:
    """Per endpoint: p50/p95 of wall, API CPU and Neo4j CPU (ms), the median answer's bytes."""
    out: dict[str, dict[str, float]] = {}
    for kind, batch in urls.items():
        for url in batch[:3]:
            client.get(url)  # warm-up: names and versions read once
        wall, api, db, sizes = [], [], [], []
        for url in batch:
            db0 = thread_ns(db_pid)
            c0, t0 = time.process_time(), time.perf_counter()
            response = client.get(url)
            t1, c1 = time.perf_counter(), time.process_time()
            db1 = thread_ns(db_pid)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}: {response.text[:200]}")
            wall.append((t1 - t0) * 1000)
            api.append((c1 - c0) * 1000)
            db.append((db1 - db0) / 1e6)
            sizes.append(len(response.content))
        out[kind] = {f"{what}_{p}": round(percentile(values, q), 1)
                     for what, values in (("wall", wall), ("api_cpu", api), ("neo4j_cpu", db))
                     for p, q in (("p50", 50), ("p95", 95))}
        out[kind]["bytes"] = statistics.median(sizes)
        out[kind]["n"] = len(batch)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=60, help="requests per endpoint (default 60)")
    parser.add_argument("--busiest", type=int, default=40, help="departments of 'department (busiest)' (default 40)")
    parser.add_argument("--neo4j-pid", type=int, help="the Neo4j server's pid, for its CPU time")
    parser.add_argument("--all", action="store_true", help="also search and compare")
    parser.add_argument("--only", help="comma-separated endpoints to measure (default: the lookups)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--code", help="import policykg from this folder (a package of another commit) instead of "
                        "the installed one, to compare commits on the same store")
    args = parser.parse_args()
    if not os.environ.get("NEO4J_URI"):
        sys.exit("Set NEO4J_URI to a Neo4j holding loaded policies (see --help).")
    with TestClient(create_app(Settings(store="neo4j"))) as client:
        urls = endpoint_urls("", args.requests, client=_Borrowed(client))
        busiest = client.get("/api/v1/departments", params={"limit": args.busiest}).json()["items"]
        urls["department (busiest)"] = [f"/api/v1/departments/{quote(d['id'], safe='')}" for d in busiest]
        kinds = [*LOOKUPS, "department (busiest)"] + (["search", "compare (8 regions)"] if args.all else [])
        if args.only:
            kinds = [k for k in kinds if k in args.only.split(",")]
        figures = measure({k: urls[k] for k in kinds}, client, args.neo4j_pid)
    code = Path(policykg.__file__).resolve().parents[1]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=code, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=code, capture_output=True,
                           text=True).stdout.strip()
    if args.code:
        commit = f"code in {args.code}"
    when = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    load = os.getloadavg()[0]
    print(f"commit {commit}{'+changes' if dirty else ''}, {when}, load average {load:.2f}, one caller")
    print(f"{'endpoint':22s} {'wall p50/p95':>14s} {'API CPU p50/p95':>16s} {'Neo4j CPU p50/p95':>18s} {'bytes':>9s}")
    for kind, f in figures.items():
        print(f"{kind:22s} {f['wall_p50']:6.1f} /{f['wall_p95']:6.1f} {f['api_cpu_p50']:7.1f} /{f['api_cpu_p95']:6.1f} "
              f"{f['neo4j_cpu_p50']:8.1f} /{f['neo4j_cpu_p95']:6.1f} {f['bytes']:9.0f}")
    if args.json:
        result: dict[str, Any] = {"commit": commit, "changes": bool(dirty), "measured_at": when,
                                  "load_average": round(load, 2), "figures": figures}
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
