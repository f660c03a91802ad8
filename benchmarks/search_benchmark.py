"""Clause search latency: the full-text indexes against the old linear scan, in one run.

Generates N policies (``policykg generate``), loads them into a fresh embedded store (and into
Neo4j when ``--neo4j`` is given, at ``NEO4J_URI``; the database is cleared first), then times
``search_clauses`` for common and rare words and prints p50/p95 per store and word group, next
to the old algorithm (``linear_scan_search``: every clause holding all the query's character
bigrams, re-checked and scored in Python, as policykg searched before its full-text index).

    .venv/bin/python benchmarks/search_benchmark.py --policies 1000 [--neo4j] [--report results/report.md]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
COMMON_WORDS = ["科技", "技术", "企业", "支持", "成果转化"]
RARE_COUNT = 5  # rare words: index tokens of 3+ characters found in 2 to 10 clauses


# --- the old algorithm, kept as the baseline ------------------------------------------------


def _fold(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).lower()


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


class LinearScanIndex:
    """The old embedded search: bigram → clause numbers, and the folded texts to re-check."""

    def __init__(self, clauses: list[tuple[str, str, str]]) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        self.ids: list[str] = []
        self.folded: list[tuple[str, str]] = []
        for i, (cid, text, simplified) in enumerate(sorted(clauses)):
            pair = (_fold(text), _fold(simplified))
            self.ids.append(cid)
            self.folded.append(pair)
            for gram in _bigrams(pair[0]) | _bigrams(pair[1]):
                postings[gram].append(i)
        self.postings = {g: np.array(rows, dtype=np.int32) for g, rows in postings.items()}

    def candidates(self, grams: set[str]) -> np.ndarray:
        lists = [self.postings.get(g) for g in grams]
        if not lists or any(rows is None for rows in lists):
            return np.empty(0, dtype=np.int32)
        lists.sort(key=len)
        found = lists[0]
        for rows in lists[1:]:
            found = np.intersect1d(found, rows, assume_unique=True)
        return found


def linear_scan_search(index: LinearScanIndex, query: str, limit: int = 20) -> list[tuple[float, str]]:
    """The old ranking: every clause holding every term, scored by occurrences per sqrt(length)."""
    from policykg.graph.model import to_simplified

    terms = [t for t in dict.fromkeys(to_simplified(query).lower().split()) if len(t) >= 2]
    if not terms:
        return []
    hits = []
    for i in index.candidates(set().union(*(_bigrams(t) for t in terms))):
        texts = list(index.folded[i])
        if all(any(term in t for t in texts) for term in terms):
            score = sum(t.count(term) for t in texts for term in terms) / math.sqrt(max(1, max(map(len, texts))))
            hits.append((score, index.ids[i]))
    hits.sort(key=lambda h: (-h[0], h[1]))
    return hits[:limit]


# --- measuring ------------------------------------------------------------------------------


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def time_queries(run: Callable[[str], Any], words: list[str], repeats: int) -> tuple[float, float]:
    run(words[0])  # warm up (dictionary, caches)
    samples = []
    for _ in range(repeats):
        for word in words:
            start = time.perf_counter()
            run(word)
            samples.append(time.perf_counter() - start)
    return percentiles(samples)


def generate(out: Path, policies: int) -> Path:
    corpus = out / "corpus"
    if not any(corpus.glob("policy_*.txt")):
        subprocess.run([sys.executable, "-m", "policykg.cli", "generate", "--policies", str(policies),
                        "--out", str(corpus)], check=True)
    return corpus


def rare_words(store: Any) -> list[str]:
    rows = store._clauses.conn.execute(
        "SELECT term FROM clause_vocab WHERE doc BETWEEN 2 AND 10 AND length(term) >= 3 ORDER BY term").fetchall()
    step = max(1, len(rows) // RARE_COUNT)
    return [r[0] for r in rows[::step]][:RARE_COUNT]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policies", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=10, help="times each word is searched")
    parser.add_argument("--out", help="work folder (default: a temporary folder)")
    parser.add_argument("--neo4j", action="store_true", help="also measure Neo4j at NEO4J_URI (cleared first)")
    parser.add_argument("--report", help="append the figures to this Markdown report")
    args = parser.parse_args(argv)

    from policykg.graph.embedded_store import EmbeddedStore
    from policykg.loading import load_paths

    out = Path(args.out or tempfile.mkdtemp(prefix="search-bench-"))
    corpus = generate(out, args.policies)
    graph = out / "policykg.graph"
    for stale in out.glob("policykg.graph*"):
        stale.unlink()
    store = EmbeddedStore.open(graph)
    start = time.perf_counter()
    report = load_paths(store, [corpus], link=False)
    load_s = time.perf_counter() - start
    clauses = store.find_nodes("Clause", limit=None)
    print(f"{report.loaded} policies, {len(clauses)} clauses loaded in {load_s:.1f} s", flush=True)

    start = time.perf_counter()
    baseline = LinearScanIndex([(c["id"], c["properties"].get("text") or "",
                                 c["properties"].get("text_simplified") or "") for c in clauses])
    baseline_build_s = time.perf_counter() - start
    groups = {"common": COMMON_WORDS, "rare": rare_words(store)}
    rows: list[tuple[str, str, float, float]] = []
    for group, words in groups.items():
        rows.append(("linear scan (old)", group, *time_queries(lambda w: linear_scan_search(baseline, w), words,
                                                                args.repeats)))
        rows.append(("embedded FTS5", group, *time_queries(lambda w: store.search_clauses(w, 20), words,
                                                            args.repeats)))
    if args.neo4j:
        import neo4j

        from policykg.graph.neo4j_store import Neo4jStore

        driver = neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=(
            os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "policykg-local")))
        graph_db = Neo4jStore(driver)
        graph_db.clear()
        graph_db.ensure_schema()
        start = time.perf_counter()
        load_paths(graph_db, [corpus], link=False)
        graph_db.save()
        print(f"loaded into Neo4j in {time.perf_counter() - start:.1f} s", flush=True)
        for group, words in groups.items():
            rows.append(("Neo4j full-text", group, *time_queries(lambda w: graph_db.search_clauses(w, 20), words,
                                                                  args.repeats)))
            same = all(graph_db.search_clauses(w, 20) == store.search_clauses(w, 20) for w in words)
            print(f"Neo4j and embedded give the same {group} answers: {same}")
        driver.close()
    store.close()

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## Clause search ({args.policies:,} policies, {len(clauses):,} clauses)",
        "",
        f"`benchmarks/search_benchmark.py --policies {args.policies}{' --neo4j' if args.neo4j else ''}`, "
        f"commit {commit}, {when}. Top 20 per query, {args.repeats} rounds per word; common words "
        f"{', '.join(groups['common'])}; rare words {', '.join(groups['rare'])}. The linear scan is the old "
        f"algorithm (its bigram index built once beforehand, in {baseline_build_s:.1f} s).",
        "",
        "| search | words | p50 ms | p95 ms |",
        "|---|---|---|---|",
        *[f"| {name} | {group} | {p50:.1f} | {p95:.1f} |" for name, group, p50, p95 in rows],
        "",
    ]
    print("\n".join(lines))
    if args.report:
        with open(args.report, "a", encoding="utf-8") as fh:
            fh.write("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
