"""Load throughput of the graph stores, and the cost of similar-clause linking.

    .venv/bin/python benchmarks/load_benchmark.py [--copies 200] [--generated N] [--batch 100]
        [--per-policy 200] [--single-rows 2000] [--clauses 100000] [--repeat 1] [--warmup 0]

The seed corpus is read once and written ``--copies`` times under different source keys
(so owned nodes are new and shared nodes are shared, as in a real corpus); with
``--generated N`` a synthetic corpus of N policies (``policykg.generator``) is read instead.
Figures, as relationships/s and rows/s (node rows + relationship rows sent):

* Neo4j, batched: ``write_policies``, ``--batch`` policies per transaction (what loading does);
* Neo4j, one transaction per policy: ``write_policy`` for the first ``--per-policy`` policies;
* Neo4j, one relationship per transaction (``--single-rows`` of them), the naive baseline;
* the embedded store (batched, then one ``save()``).

Neo4j is ``$NEO4J_URI`` (``NEO4J_USER`` / ``NEO4J_PASSWORD``) when set, else a local
Neo4j under ``var/neo4j-bench`` on port 7688. THE BENCHMARK DELETES EVERYTHING IN THAT
DATABASE. ``--clauses`` synthetic clauses are then linked by MinHash LSH.  The client's
CPU seconds are printed too, and the Neo4j server's (its JVM's process CPU time, read over
Bolt with ``dbms.queryJmx``): on a busy machine wall-clock rates swing by a third from run
to run, while relationships per server CPU second barely move.  ``--repeat N`` measures the
Neo4j figures N times (the database cleared in between) and prints the best of each.
``--warmup N`` first loads the corpus N times, printed but not counted: a freshly started
server compiles its code paths during the first loads (the first runs at well under half
the speed of the fourth), as any long-running database server does once.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class Rate:
    """Wall and client CPU time of one measured write, with its throughput."""

    def __init__(self, label: str, rels: int, rows: int, note: str = "", server_cpu=None) -> None:
        self.label, self.rels, self.rows, self.note = label, rels, rows, note
        self.server_cpu = server_cpu or (lambda: None)
        self.server: float | None = None

    def __enter__(self) -> Rate:
        self.server = self.server_cpu()
        self.cpu, self.wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        after = self.server_cpu()
        self.server = None if after is None or self.server is None else after - self.server
        if exc[0] is None:
            print(self.line(), flush=True)

    @property
    def rels_per_s(self) -> float:
        return self.rels / self.seconds

    def line(self) -> str:
        return (f"{self.label:<26}{self.rels:>8} in {self.seconds:7.2f} s = {self.rels_per_s:>8.0f}/s relationships, "
                f"{self.rows:>8} rows = {self.rows / self.seconds:>8.0f} rows/s (client cpu {self.cpu:5.1f} s"
                + ("" if self.server is None else f", server cpu {self.server:5.1f} s") + f"){self.note}")


def sizes(graphs) -> tuple[int, int]:
    """(relationships, node rows + relationship rows) of some policy graphs."""
    rels = sum(len(pg.rels) for pg in graphs)
    return rels, rels + sum(len(pg.nodes) for pg in graphs)


def build_graphs(copies: int):
    from policykg.corpus import bundled_paths
    from policykg.graph.model import build_policy_graph
    from policykg.loaders.pipeline import Pipeline

    pipeline = Pipeline()
    docs = [(p.name, pipeline.read(p)) for p in bundled_paths()]
    return [build_policy_graph(doc, f"copy{i:04d}/{key}") for i in range(copies) for key, doc in docs]


def generated_graphs(n: int, seed: int = 1):
    """Policy graphs of a synthetic corpus of ``n`` policies (read by the real pipeline)."""
    from policykg.generator import generate_corpus
    from policykg.graph.model import build_policy_graph
    from policykg.loaders.pipeline import Pipeline

    pipeline = Pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        report = generate_corpus(n, seed, Path(tmp))
        return [build_policy_graph(pipeline.read(p), p.name) for p in report.files]


def in_batches(write, graphs, batch: int) -> None:
    for i in range(0, len(graphs), batch):
        write(graphs[i:i + batch])


def bench_embedded(graphs, batch: int) -> Rate:
    from policykg.graph.embedded_store import EmbeddedStore

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "policykg.graph"
        store = EmbeddedStore.open(path)
        with Rate("embedded  write", *sizes(graphs), f" {batch} policies/batch") as rate:
            in_batches(store.write_policies, graphs, batch)
        started = time.perf_counter()
        store.save()
        saved = time.perf_counter() - started
        started = time.perf_counter()
        EmbeddedStore.open(path)
        opened = time.perf_counter() - started
        print(f"embedded  save {saved:.2f} s (file {path.stat().st_size / 1e6:.1f} MB, open {opened:.2f} s)")
    return rate


BENCHMARK_OWNER = "policykg-benchmarks"


BENCH_HOME = REPO / "var" / "neo4j-bench"
BENCH_PORT = 7688


def neo4j_driver():
    import neo4j

    uri = os.environ.get("NEO4J_URI")
    if not uri:
        from policykg.graph.neo4j_local import LocalNeo4j

        uri = LocalNeo4j(BENCH_HOME, bolt_port=BENCH_PORT).start()
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "policykg-local"))
    return neo4j.GraphDatabase.driver(uri, auth=auth)


def server_cpu_seconds(driver, database: str) -> float | None:
    """CPU seconds the Neo4j server process has used so far (None when it will not tell)."""
    import neo4j

    try:
        records, _, _ = driver.execute_query(
            "CALL dbms.queryJmx('java.lang:type=OperatingSystem') YIELD attributes "
            "RETURN attributes.ProcessCpuTime.value AS ns", database_=database)
        return records[0]["ns"] / 1e9 if records and records[0]["ns"] is not None else None
    except neo4j.exceptions.Neo4jError:
        return None


def warm_up_neo4j(graphs, batch: int, rounds: int) -> None:
    """Load ``graphs`` ``rounds`` times (batched, the database cleared before each), printed
    as warm-up lines that are not part of the figures."""
    from policykg.graph.neo4j_store import Neo4jStore

    driver = neo4j_driver()
    database = os.environ.get("NEO4J_DATABASE", "neo4j")
    store = Neo4jStore(driver, database=database)
    store.claim(BENCHMARK_OWNER)  # never clears a database that is not the benchmarks' own
    for i in range(rounds):
        store.clear()
        store.ensure_schema()
        with Rate(f"neo4j     warm-up load {i + 1}", *sizes(graphs), f" {batch} policies/tx",
                  lambda: server_cpu_seconds(driver, database)):
            in_batches(store.write_policies, graphs, batch)
            store.save()
    print(f"warm-up: {rounds} loads", flush=True)
    store.clear()
    driver.close()


def bench_neo4j(graphs, batch: int, per_policy: int, single_rows: int) -> dict[str, Rate]:
    from policykg.graph import cypher as Q
    from policykg.graph.neo4j_store import Neo4jStore
    from policykg.graph.store import validate_structure

    driver = neo4j_driver()
    database = os.environ.get("NEO4J_DATABASE", "neo4j")
    store = Neo4jStore(driver, database=database)
    store.claim(BENCHMARK_OWNER)  # never clears a database that is not the benchmarks' own
    store.clear()
    store.ensure_schema()
    rates = {}

    def server() -> float | None:
        return server_cpu_seconds(driver, database)

    with Rate("neo4j     batched", *sizes(graphs), f" {batch} policies/tx", server) as rates["batched"]:
        in_batches(store.write_policies, graphs, batch)
        store.save()  # until the full-text index has caught up: everything searchable

    # the naive way: the same kind of relationships, one per transaction, on nodes already there
    rows = []
    for pg in graphs:
        labels = validate_structure(pg)
        rows += [((t, labels[s], labels[e]), {"start": s, "end": e, "props": p}) for t, s, e, p in pg.rels
                 if t == "RESPONSIBLE_FOR"]
    rows = rows[:single_rows]
    with driver.session(database=database) as session:
        with Rate("neo4j     one per tx", len(rows), len(rows), " one row per tx", server) as rates["single"]:
            for key, row in rows:
                session.execute_write(lambda tx, k=key, r=row: tx.run(Q.CREATE_REL_SINGLE[k], row=r).consume())

    store.clear()
    subset = graphs[:per_policy]
    with Rate("neo4j     per policy", *sizes(subset), " one policy per tx", server) as rates["per_policy"]:
        for pg in subset:
            store.write_policy(pg)
    store.clear()
    driver.close()
    return rates


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
    parser.add_argument("--copies", type=int, default=200, help="times the seed corpus is written")
    parser.add_argument("--generated", type=int, default=0, help="use N generated policies instead of copies")
    parser.add_argument("--batch", type=int, default=100, help="policies per transaction")
    parser.add_argument("--per-policy", type=int, default=200, help="policies for the one-per-tx figure")
    parser.add_argument("--single-rows", type=int, default=2000, help="relationships for the one-row-per-tx baseline")
    parser.add_argument("--clauses", type=int, default=100_000, help="synthetic clauses for similarity (0: skip)")
    parser.add_argument("--no-neo4j", action="store_true", help="skip Neo4j")
    parser.add_argument("--repeat", type=int, default=1, help="measure Neo4j N times, report the best")
    parser.add_argument("--warmup", type=int, default=0, help="load into Neo4j N times first, not counted")
    args = parser.parse_args(argv)
    graphs = generated_graphs(args.generated) if args.generated else build_graphs(args.copies)
    rels, rows = sizes(graphs)
    corpus = "generated" if args.generated else f"the seeds written {args.copies} times under distinct keys"
    print(f"{len(graphs)} policies ({corpus}), {rows - rels} node rows, {rels} relationships")
    embedded = bench_embedded(graphs, args.batch)
    if not args.no_neo4j:
        with own_neo4j_stopped_after():
            bench_all_neo4j(graphs, args, embedded)
    if args.clauses:
        bench_similarity(args.clauses)
    return 0


@contextmanager
def own_neo4j_stopped_after() -> Iterator[None]:
    """Stop the benchmark's local Neo4j at the end if this run started it (not when
    ``NEO4J_URI`` names another one, nor when it was already running)."""
    from policykg.graph.neo4j_local import LocalNeo4j, running_port

    started_here = not os.environ.get("NEO4J_URI") and running_port(BENCH_HOME) is None
    try:
        yield
    finally:
        if started_here:
            LocalNeo4j(BENCH_HOME, bolt_port=BENCH_PORT).stop()


def bench_all_neo4j(graphs, args: argparse.Namespace, embedded: Rate) -> None:
    """The Neo4j figures: warm-up loads, then ``args.repeat`` measured rounds, best kept."""
    if args.warmup:
        warm_up_neo4j(graphs, args.batch, args.warmup)
    rounds = [bench_neo4j(graphs, args.batch, args.per_policy, args.single_rows) for _ in range(max(1, args.repeat))]
    neo = {kind: max((r[kind] for r in rounds), key=lambda rate: rate.rels_per_s) for kind in rounds[0]}
    if len(rounds) > 1:
        print(f"best of {len(rounds)}:")
        for rate in neo.values():
            print(rate.line())
    batched = neo["batched"].rels_per_s
    print(f"neo4j     batched / one policy per tx: {batched / neo['per_policy'].rels_per_s:6.1f}x")
    print(f"neo4j     speed-up of batching: {batched / neo['single'].rels_per_s:.0f}x (over one row per tx)")
    print(f"embedded  batched / neo4j batched:     {embedded.rels_per_s / batched:6.1f}x")


if __name__ == "__main__":
    sys.exit(main())
