"""Clause search (GET /api/v1/search) in-process, on a store that exists: ``search_clauses``
for common words, rarer ones and two-word queries, one caller, warm.

Like benchmarks/department_lookup.py: run it once with the code of this checkout and once with
an older one (``--code DIR``, a folder holding a ``policykg`` package of that commit) on the same
store, one right after the other. The store is only read.

    NEO4J_URI=bolt://localhost:7701 NEO4J_PASSWORD=… .venv/bin/python benchmarks/search_lookup.py --store neo4j

Prints one JSON line: p50/p95 (ms) per group of queries over ``--rounds`` rounds after one
warm-up round, undated and dated (``--in-force-on``).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from department_lookup import open_store, percentiles, timed, use_code

QUERIES = {
    "common": ["科技", "技术", "企业", "支持", "成果转化", "科技成果"],
    "rarer": ["技术经纪人", "中试平台", "知识产权", "概念验证", "首台套"],
    "two_words": ["科技成果 转化", "企业 奖励", "高校 院所 成果"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], required=True)
    parser.add_argument("--graph", help="the embedded store's file (read only)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--in-force-on", default="2024-06-30")
    parser.add_argument("--code", help="import policykg from this folder instead of the installed package")
    args = parser.parse_args()
    if args.code:
        use_code(args.code)

    from policykg.graph import neo4j_store
    from policykg.graph.search_text import Filters

    out: dict[str, Any] = {"code": neo4j_store.__file__, "store": args.store}
    store = open_store(args.store, args.graph)
    dated = Filters(in_force_on=args.in_force_on)
    for group, words in QUERIES.items():
        for word in words:  # warm-up: caches, plans, the connection
            store.search_clauses(word, limit=args.limit)
            store.search_clauses(word, limit=args.limit, filters=dated)
        out[f"{group}_ms"] = percentiles([timed(lambda w=w: store.search_clauses(w, limit=args.limit))
                                          for _ in range(args.rounds) for w in words])
        out[f"{group}_dated_ms"] = percentiles([
            timed(lambda w=w: store.search_clauses(w, limit=args.limit, filters=dated))
            for _ in range(args.rounds) for w in words])
    out["hits"] = {w: len(store.search_clauses(w, limit=args.limit)) for ws in QUERIES.values() for w in ws}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
