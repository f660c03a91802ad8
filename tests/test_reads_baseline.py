"""The old whole-corpus join, kept as the benchmarks' baseline, and the stores' reads agree."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import baseline_join as B  # noqa: E402


def test_the_baseline_join_and_the_indexed_reads_give_the_same_instruments(tmp_path, seed_graphs):
    from policykg.graph.embedded_store import EmbeddedStore
    from policykg.graph.query_service import QueryService

    store = EmbeddedStore.open(tmp_path / "g.graph")
    for pg in seed_graphs:
        store.write_policy(pg)
    service = QueryService(store, "embedded", "test")
    rows, stats, _ = B.build_rows(service)
    assert rows
    for kwargs in ({"region": "湖北省"}, {"region": "荆州市", "type": "reward"}, {"type": "subsidy"}, {}):
        old = B.list_instruments(rows, limit=10_000, **kwargs)
        new = service.list_instruments(limit=1000, **kwargs)
        assert new["total"] == old["total"], kwargs
        assert {i["id"]: i for i in new["items"]} == {i["id"]: i for i in old["items"]}, kwargs
    departments = service.list_departments(limit=1000)["items"]
    assert {d["id"]: (d["lead_count"], d["co_count"]) for d in departments} == {
        did: (s["lead_count"], s["co_count"]) for did, s in stats.items()}
