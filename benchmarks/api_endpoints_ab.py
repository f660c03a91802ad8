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
    env = A.store_env(args.store, workdir)
    home = workdir / "var" / "neo4j"
    if args.store == "neo4j":
        A.start_neo4j(env, home)
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
                    f = A.measure_endpoint(server, urls[name], args.clients, args.duration, db_pid)
                    c = f["cpu_ms"]
                    print(f"{name:22} {f['p50']:8.1f} {f['p95']:8.1f} {f['rps']:7.1f}   {c['api']:.2f} / {c['neo4j']:.2f}",
                          flush=True)
        finally:
            server.stop()
    finally:
        if args.store == "neo4j":
            A.stop_neo4j(env, home)


if __name__ == "__main__":
    main()
