"""A few endpoints of the API over a store an ``api_scale.py --keep`` run left, measured in rounds.

For comparing two commits in the same conditions: run it at one commit, then at the other (the
store is reused, nothing is loaded), alternating if the machine is noisy. Each run starts the
store's Neo4j (for ``--store neo4j``) and ``policykg serve`` afresh, warms every endpoint up, then
sends requests from ``--clients`` threads for ``--duration`` seconds per endpoint and round, and
prints p50/p95, requests/s and the CPU per request of the API and of Neo4j.

    .venv/bin/python benchmarks/api_endpoints_ab.py --store neo4j --policies 10000 \\
        --workdir var/bench-scale --endpoints policy,clause,search [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import api_scale as A  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="neo4j")
    parser.add_argument("--policies", type=int, default=10000)
    parser.add_argument("--workdir", default=str(A.ROOT / "var" / "bench-scale"))
    parser.add_argument("--endpoints", default="policy,clause,search",
                        help="comma-separated names among " + ", ".join(A.ENDPOINT_NAMES))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=8.0)
    args = parser.parse_args()
    names = [n.strip() for n in args.endpoints.split(",") if n.strip()]
    unknown = [n for n in names if n not in A.ENDPOINT_NAMES]
    if unknown:
        raise SystemExit(f"unknown endpoint(s) {unknown}: choose among {', '.join(A.ENDPOINT_NAMES)}")
    workdir = Path(args.workdir).resolve() / f"{args.store}-{args.policies}"
    if not (workdir / "var").is_dir():
        raise SystemExit(f"no store in {workdir}: run api_scale.py --store {args.store} --policies "
                         f"{args.policies} --keep first")
    env = {**os.environ, "POLICYKG_DATA_DIR": str(workdir / "var"), "POLICYKG_STORE": args.store,
           "NEO4J_PASSWORD": A.PASSWORD, "NEO4J_DATABASE": "neo4j"}
    env.pop("POLICYKG_GRAPH_FILE", None)
    home = workdir / "var" / "neo4j"
    if args.store == "neo4j":
        port = A.free_port()
        env.update(NEO4J_URI=f"bolt://localhost:{port}", POLICYKG_NEO4J_LOCAL_PORT=str(port))
        if "POLICYKG_NEO4J_LIB" not in env and (A.ROOT / "var" / "neo4j" / "lib").is_dir():
            env["POLICYKG_NEO4J_LIB"] = str(A.ROOT / "var" / "neo4j" / "lib")
        A.run([*A.NEO4J_LOCAL, "start", "--home", str(home), "--port", str(port), "--password", A.PASSWORD,
               "--timeout", "600"], env, "starting Neo4j")
    try:
        server = A.Server(env)
        try:
            urls = A.endpoint_urls(server.base, 400)
            for group in urls.values():  # warm-up, every endpoint
                A.hammer(server.base, group, args.clients, 2.0)
            db_pid = A.neo4j_pid(home) if args.store == "neo4j" else None
            print(f"{'endpoint':22} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7}   CPU ms per request: API / Neo4j")
            for _ in range(args.rounds):
                for name in names:
                    before = (A.cpu_s(server.proc.pid), A.cpu_s(db_pid))
                    f = A.hammer(server.base, urls[name], args.clients, args.duration)
                    after = (A.cpu_s(server.proc.pid), A.cpu_s(db_pid))
                    n = max(f["n"], 1)
                    api, db = ((b - a) * 1000 / n for a, b in zip(before, after, strict=True))
                    print(f"{name:22} {f['p50']:8.1f} {f['p95']:8.1f} {f['rps']:7.1f}   {api:.2f} / {db:.2f}", flush=True)
        finally:
            server.stop()
    finally:
        if args.store == "neo4j":
            subprocess.run([*A.NEO4J_LOCAL, "stop", "--home", str(home)], env=env, cwd=A.ROOT, capture_output=True,
                           check=False)


if __name__ == "__main__":
    main()
