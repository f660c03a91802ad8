"""Load throughput of the graph stores, and the cost of similar-clause linking.

    .venv/bin/python benchmarks/load_benchmark.py [--copies 40] [--single-rows 2000] [--clauses 100000]

The seed corpus is read once and written ``--copies`` times under different source keys
(so owned nodes are new and shared nodes are shared, as in a real corpus), into:

* the embedded store (in memory, then one ``save()``);
* Neo4j, batched: one transaction per policy, UNWIND batches per label / relationship type;
* Neo4j, one relationship per transaction (``--single-rows`` of them), the naive baseline.

Neo4j is ``$NEO4J_URI`` (``NEO4J_USER`` / ``NEO4J_PASSWORD``) when set, else a local
Neo4j under ``var/neo4j-bench`` on port 7688. THE BENCHMARK DELETES EVERYTHING IN THAT
DATABASE. ``--clauses`` synthetic clauses are then linked by MinHash LSH.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _rate(n: int, seconds: float) -> str:
    return f"{n:>8} in {seconds:7.2f} s = {n / seconds:>10.0f}/s"


def build_graphs(copies: int):
    from policykg.corpus import bundled_paths
    from policykg.graph.model import build_policy_graph
    from policykg.loaders.pipeline import Pipeline

    pipeline = Pipeline()
    docs = [(p.name, pipeline.read(p)) for p in bundled_paths()]
    return [build_policy_graph(doc, f"copy{i:04d}/{key}") for i in range(copies) for key, doc in docs]


def bench_embedded(graphs) -> None:
    from policykg.graph.embedded_store import EmbeddedStore

    rels = sum(len(pg.rels) for pg in graphs)
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore.open(Path(tmp) / "policykg.graph")
        started = time.perf_counter()
        for pg in graphs:
            store.write_policy(pg)
        written = time.perf_counter() - started
        store.save()
        saved = time.perf_counter() - started
        size = (Path(tmp) / "policykg.graph").stat().st_size
        started = time.perf_counter()
        EmbeddedStore.open(Path(tmp) / "policykg.graph")
        opened = time.perf_counter() - started
    print(f"embedded  write           {_rate(rels, written)} relationships ({len(graphs)} policies)")
    print(f"embedded  write + save    {_rate(rels, saved)} relationships (file {size / 1e6:.1f} MB, "
          f"open {opened:.2f} s)")


def neo4j_driver():
    import neo4j

    uri = os.environ.get("NEO4J_URI")
    if not uri:
        from policykg.graph.neo4j_local import LocalNeo4j

        uri = LocalNeo4j(REPO / "var" / "neo4j-bench", bolt_port=7688).start()
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "policykg-local"))
    return neo4j.GraphDatabase.driver(uri, auth=auth)


def bench_neo4j(graphs, single_rows: int) -> None:
    from policykg.graph import cypher as Q
    from policykg.graph.neo4j_store import Neo4jStore
    from policykg.graph.store import validate_structure

    driver = neo4j_driver()
    database = os.environ.get("NEO4J_DATABASE", "neo4j")
    store = Neo4jStore(driver, database=database)
    store.clear()
    store.ensure_schema()
    rels = sum(len(pg.rels) for pg in graphs)
    started = time.perf_counter()
    for pg in graphs:
        store.write_policy(pg)
    batched = time.perf_counter() - started
    print(f"neo4j     batched         {_rate(rels, batched)} relationships ({len(graphs)} policies, "
          "one transaction each)")

    # the naive way: the same kind of relationships, one per transaction, on nodes already there
    rows = []
    for pg in graphs:
        labels = validate_structure(pg)
        rows += [((t, labels[s], labels[e]), {"start": s, "end": e, "props": p}) for t, s, e, p in pg.rels
                 if t == "RESPONSIBLE_FOR"]
    rows = rows[:single_rows]
    with driver.session(database=database) as session:
        started = time.perf_counter()
        for key, row in rows:
            session.execute_write(lambda tx, k=key, r=row: tx.run(Q.CREATE_REL_SINGLE[k], row=r).consume())
        single = time.perf_counter() - started
    print(f"neo4j     one per tx      {_rate(len(rows), single)} relationships")
    print(f"neo4j     speed-up of batching: {rels / batched / (len(rows) / single):.0f}x")
    store.clear()
    driver.close()


def bench_similarity(n: int) -> None:
    from policykg.graph.linking import link_similar_clauses

    class Clauses:
        def __init__(self, clauses):
            self.clauses = clauses

        def find_nodes(self, *args, **kwargs):
            return self.clauses

    # clause-like text: common characters plus domain phrases, so that unrelated clauses
    # overlap about as much as real ones (median trigram Jaccard ~0.01)
    rng = random.Random(1)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 1500)]
    words = ("科技成果", "转化", "企业", "高校院所", "支持", "给予奖励", "资金", "项目", "平台", "服务机构",
             "人才", "创新", "技术交易额", "合同", "每年最高", "万元", "按照", "比例", "补助", "知识产权")

    def clause_text() -> str:
        parts = ["".join(rng.choice(chars) for _ in range(rng.randint(5, 15))) for _ in range(8)]
        return "".join(p + rng.choice(words) for p in parts)

    clauses = [{"id": f"c{i:06d}", "properties": {"policy_id": f"p{i // 40}", "label": None, "text": clause_text()}}
               for i in range(n)]
    for k in range(0, n, max(1, n // 50)):  # 50 near-copies in another policy
        text = clauses[k]["properties"]["text"]
        cut = len(text) // 3
        clauses.append({"id": f"d{k:06d}", "properties": {"policy_id": "copier", "label": None,
                                                          "text": text[:cut] + "按技术交易额的8%给予奖励" + text[cut + 10:]}})
    started = time.perf_counter()
    links = link_similar_clauses(Clauses(clauses), write=False)
    elapsed = time.perf_counter() - started
    print(f"similar   {len(clauses)} clauses linked in {elapsed:.1f} s: {len(links)} pairs "
          f"({sum(1 for x in links if x.end.startswith('d') or x.start.startswith('d'))} planted copies found)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="times the seed corpus is written")
    parser.add_argument("--single-rows", type=int, default=2000, help="relationships for the one-per-tx baseline")
    parser.add_argument("--clauses", type=int, default=100_000, help="synthetic clauses for similarity (0: skip)")
    parser.add_argument("--no-neo4j", action="store_true", help="skip Neo4j")
    args = parser.parse_args(argv)
    graphs = build_graphs(args.copies)
    print(f"{len(graphs)} policies, {sum(len(pg.nodes) for pg in graphs)} node rows, "
          f"{sum(len(pg.rels) for pg in graphs)} relationships")
    bench_embedded(graphs)
    if not args.no_neo4j:
        bench_neo4j(graphs, args.single_rows)
    if args.clauses:
        bench_similarity(args.clauses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
