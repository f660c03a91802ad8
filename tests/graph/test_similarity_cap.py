"""A template copied into many policies keeps a bounded number of SIMILAR_TO links per clause."""

from __future__ import annotations

from collections import Counter

from policykg.graph.linking import link_similar_clauses
from policykg.graph.model import build_policy_graph

TEMPLATE = "对购买高校科技成果的企业，按技术交易额的百分之八给予每家企业每年最高一百万元奖励，对完成单位按百分之二给予奖励。"


def test_each_clause_keeps_its_best_partners_only(embedded_store, hand_document):
    C = hand_document.Clause
    for i in range(12):
        doc = hand_document(f"第{i}市措施", [("一、措施", [C("(一)", TEMPLATE + "第" + "甲乙丙丁戊己庚辛壬癸子丑"[i] + "条。")])])
        embedded_store.write_policy(build_policy_graph(doc, f"p{i:02d}"))
    uncapped = link_similar_clauses(embedded_store, max_per_clause=100, write=False)
    assert len(uncapped) == 12 * 11 // 2  # every pair of the 12 copies
    capped = link_similar_clauses(embedded_store, max_per_clause=3)
    degree = Counter([link.start for link in capped] + [link.end for link in capped])
    assert len(capped) < len(uncapped)
    assert max(degree.values()) <= 3 and len(degree) == 12 and sum(degree.values()) >= 2 * 12
    assert len(embedded_store.relationships("SIMILAR_TO")) == len(capped)


def test_many_derived_links_are_written_in_several_transactions(store, hand_document, monkeypatch):
    monkeypatch.setattr(store, "batch_rows", 4, raising=False)  # Neo4j: 4 changes per transaction
    C = hand_document.Clause
    for i in range(6):
        doc = hand_document(f"第{i}市措施", [("一、措施", [C("(一)", TEMPLATE)])])
        store.write_policy(build_policy_graph(doc, f"q{i}"))
    links = link_similar_clauses(store, max_per_clause=10)
    assert len(links) == 15  # identical clauses in 6 policies: every pair
    assert len(store.relationships("SIMILAR_TO")) == 15
    fewer = link_similar_clauses(store, max_per_clause=2)  # relinking replaces the old links
    assert len(store.relationships("SIMILAR_TO")) == len(fewer) < 15
