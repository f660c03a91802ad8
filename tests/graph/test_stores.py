"""One contract for both graph stores, on the seed corpus.

Tests taking ``store`` run once against the embedded store and once against Neo4j;
``test_both_stores_*`` load the corpus into both and compare their answers directly.
"""

from __future__ import annotations

import copy
from collections import Counter

import pytest
from conftest import load_graphs

from policykg.graph import schema as S
from policykg.graph.embedded_file import MAGIC
from policykg.graph.embedded_store import EmbeddedStore, GraphFileError
from policykg.graph.linking import link_all
from policykg.graph.model import PolicyGraph, build_policy_graph
from policykg.graph.neo4j_store import Neo4jStore
from policykg.graph.query_service import QueryService
from policykg.graph.store import Link

JINGZHOU, WUHAN, HUBEI = "000_3df478993d0e6f43.txt", "001_c73c82ffb3ab4c5a.txt", "002_07267b6f87dfbefc.txt"


def load(store, graphs) -> list[str]:
    statuses = [store.write_policy(pg) for pg in graphs]
    link_all(store)
    store.save()
    return statuses


def policy_of(store, source_key: str) -> dict:
    (policy,) = store.find_nodes(S.POLICY, {"source_key": source_key})
    return policy


def clause(store, source_key: str, label: str) -> dict:
    (node,) = store.find_nodes(S.CLAUSE, {"policy_id": policy_of(store, source_key)["id"], "label": label})
    return node


def expected_counts(graphs: list[PolicyGraph]) -> dict[str, Counter]:
    """What loading these graphs must give, before linking: distinct nodes, all relationships."""
    nodes = {nid: label for pg in graphs for nid, label, _ in pg.nodes}
    rels: Counter = Counter()
    shared_pairs = set()
    for pg in graphs:
        for rel_type, start, end, _ in pg.rels:
            if S.is_shared_pair(nodes[start], nodes[end]):
                if (rel_type, start, end) in shared_pairs:
                    continue  # implied by several policies, stored once
                shared_pairs.add((rel_type, start, end))
            rels[rel_type] += 1
    return {"nodes": Counter(nodes.values()), "relationships": rels}


def nonzero(counts: dict[str, dict[str, int]]) -> dict[str, Counter]:
    return {k: Counter({n: c for n, c in v.items() if c}) for k, v in counts.items()}


def queries(store) -> dict[str, object]:
    """A fixed set of questions; both stores must give the same answers."""
    jz = policy_of(store, JINGZHOU)
    seven = clause(store, JINGZHOU, "(七)")
    dept = "dept:荆州市科学技术局"
    nodes, rels = store.neighbourhood(jz["id"], depth=1, limit=500)
    return {
        "policies": store.all_policies(),
        "clauses_of_dept": store.related(dept, "RESPONSIBLE_FOR", "out"),
        "leads_of_clause": [(r, n["id"]) for r, n in store.related(seven["id"], "RESPONSIBLE_FOR", "in") if r["lead"]],
        "instruments_of_clause": store.related(seven["id"], "PROVIDES", "out"),
        "instrument_types": [store.related(n["id"], "OF_TYPE") for _, n in store.related(seven["id"], "PROVIDES")],
        "neighbourhood": (nodes, rels),
        "neighbourhood_2": store.neighbourhood(seven["id"], depth=2, limit=40),
        "cites_out": store.related(jz["id"], "CITES", "out"),
        "cites_in": store.related(policy_of(store, HUBEI)["id"], "CITES", "in"),
        "provides_of_many": store.related_many([seven["id"], "clause:none", clause(store, JINGZHOU, "(一)")["id"]],
                                               "PROVIDES", "out"),
        "responsible_of_many": store.related_many([seven["id"], dept], "RESPONSIBLE_FOR", "in"),
        "similar": store.relationships("SIMILAR_TO"),
        "science_depts": store.find_nodes(S.DEPARTMENT, {"function": "science_tech"}, limit=None),
        "clauses_page": store.find_nodes(S.CLAUSE, {"policy_id": jz["id"]}, limit=5, offset=3, order_by="order"),
        "policies_by_date": [n["id"] for n in store.find_nodes(S.POLICY, order_by="-date")],
        "rewards": store.find_nodes(S.INSTRUMENT, {"type": "reward", "rate": 0.08}, limit=None),
        "node": store.get_node(seven["id"]),
        "missing": store.get_node("policy:none"),
        "search_ids": sorted(n["id"] for n in store.search_clauses("技术交易额", limit=100)),
        "search_ranked": [(n["id"], n["score"]) for n in store.search_clauses("技术转移", limit=5)],
        "search_two_terms": sorted(n["id"] for n in store.search_clauses("技术经纪人 奖励", limit=100)),
        "search_traditional": sorted(n["id"] for n in store.search_clauses("技術轉移機構", limit=100)),
    }


# --- the contract on each store ------------------------------------------------------------


def test_seed_corpus_loads_with_expected_counts(store, seed_graphs):
    assert [store.write_policy(pg) for pg in seed_graphs] == ["created"] * 5
    assert nonzero(store.counts()) == expected_counts(seed_graphs)
    assert set(store.counts()["nodes"]) == S.LABELS and set(store.counts()["relationships"]) == S.REL_TYPE_NAMES


def test_loading_twice_changes_nothing(store, seed_graphs):
    load(store, seed_graphs)
    before = store.counts()
    rebuilt = [copy.deepcopy(pg) for pg in seed_graphs]
    assert load(store, rebuilt) == ["unchanged"] * 5
    assert store.counts() == before


def test_answers_on_the_seed_corpus(loaded_store):
    store = loaded_store
    seven = clause(store, JINGZHOU, "(七)")
    leads = [(r["name"], n["id"]) for r, n in store.related(seven["id"], "RESPONSIBLE_FOR", "in") if r["lead"]]
    assert leads == [("市科技局", "dept:荆州市科学技术局")]
    rates = sorted(n["properties"].get("rate") for _, n in store.related(seven["id"], "PROVIDES"))
    assert [0.01, 0.02, 0.08] == [r for r in rates if r is not None][:3]
    clauses = store.related("dept:荆州市科学技术局", "RESPONSIBLE_FOR", "out")
    assert seven["id"] in {n["id"] for _, n in clauses} and len(clauses) >= 10
    assert {n["id"] for n in store.search_clauses("技术经纪人 奖励")} >= {seven["id"]}
    assert store.search_clauses("xyzzy") == [] and store.search_clauses("   ") == []
    assert store.search_clauses("，。") == []  # punctuation makes no token


@pytest.mark.parametrize(("rel_type", "direction"), [("RESPONSIBLE_FOR", "in"), ("MENTIONS", "out"),
                                                     ("PROVIDES", "out"), ("CITES", "both")])
def test_related_of_many_nodes_in_one_read_is_related_of_each(loaded_store, rel_type, direction):
    store = loaded_store
    ids = [n["id"] for n in store.find_nodes(S.CLAUSE, {"policy_id": policy_of(store, JINGZHOU)["id"]}, limit=None)]
    ids += ["clause:none", ids[0]]  # one not in the store, one asked twice
    many = store.related_many(ids, rel_type, direction)
    assert set(many) == set(ids) and many["clause:none"] == []
    assert all(many[i] == store.related(i, rel_type, direction) for i in ids)
    assert sum(map(len, many.values())) > 0


def test_jingzhou_reference_to_hubei_plan_and_similar_clauses(loaded_store):
    store = loaded_store
    hubei = policy_of(store, HUBEI)["id"]
    out = {n["id"]: r for r, n in store.related(policy_of(store, JINGZHOU)["id"], "CITES", "out")}
    assert out[hubei]["via"] == "running_text" and "汉襄宜" in out[hubei]["text"]
    seven, fourteen = clause(store, JINGZHOU, "(七)")["id"], clause(store, WUHAN, "(十四)")["id"]
    similar = {(r["start"], r["end"]): r["properties"]["score"] for r in store.relationships("SIMILAR_TO")}
    assert similar[(min(seven, fourteen), max(seven, fourteen))] >= 0.25
    assert all(a < b for a, b in similar)


def own_view(store, policy_id: str) -> dict:
    """A policy's own nodes and every relationship touching them."""
    nodes = {label: store.find_nodes(label, {"policy_id": policy_id}, limit=None) for label in S.OWNED_LABELS}
    rels = [r for t in S.REL_TYPES for r in store.relationships(t)
            if r["start"].startswith(policy_id) or r["end"].startswith(policy_id)]
    return {"nodes": nodes, "rels": rels}


def test_changed_file_replaces_only_its_own_policy(store, seed_graphs, seed_documents):
    for pg in seed_graphs:
        store.write_policy(pg)
    others = {pg.policy_id: own_view(store, pg.policy_id) for pg in seed_graphs[1:]}
    key, doc = copy.deepcopy(seed_documents[0])
    seven = next(n for n in doc.tree.walk() if n.is_clause and n.label == "(七)")
    # a new version of the file: clause (七) loses its responsibility and its instruments
    for prov in seven.provisions:
        prov.units, prov.instruments = [], []
    doc.source.sha256 = "f" * 64
    changed = build_policy_graph(doc, key)
    assert store.write_policy(changed) == "replaced"
    assert store.get_node(seed_graphs[0].policy_id) is None
    assert [p["id"] for p in store.find_nodes(S.POLICY, {"source_key": key})] == [changed.policy_id]
    new_seven = clause(store, JINGZHOU, "(七)")
    assert new_seven["id"].startswith(changed.policy_id + "/")
    assert store.related(new_seven["id"], "RESPONSIBLE_FOR", "in") == []
    assert store.related(new_seven["id"], "PROVIDES") == []
    for pid, view in others.items():
        assert own_view(store, pid) == view, pid
    # exactly as if the new version had been loaded in the first place
    assert nonzero(store.counts()) == expected_counts([changed, *seed_graphs[1:]])


def test_replace_removes_shared_nodes_nothing_uses(store, hand_document):
    C = hand_document.Clause
    units = [("市科技局", "测试市科学技术局", "science_tech", True, 0), ("市审计局", "测试市审计局", "audit", False, 0)]
    first = hand_document("测试市若干措施", [("一、改革", [C("(一)", "支持赋权改革。", units=units)])])
    second = hand_document("测试市若干措施", [("一、改革", [C("(一)", "支持赋权改革试点。", units=units[:1])])])
    assert store.write_policy(build_policy_graph(first, "k.txt")) == "created"
    assert store.get_node("function:audit") is not None
    assert store.write_policy(build_policy_graph(second, "k.txt")) == "replaced"
    assert store.get_node("dept:测试市审计局") is None and store.get_node("function:audit") is None
    assert store.get_node("dept:测试市科学技术局") is not None and store.get_node("region:湖北省") is not None
    assert store.delete_policy("k.txt") is True and store.delete_policy("k.txt") is False
    assert nonzero(store.counts()) == {"nodes": Counter(), "relationships": Counter()}


def test_failed_write_leaves_no_half_policy(store, seed_graphs):
    load(store, seed_graphs[1:])
    before = store.counts()
    hood = store.neighbourhood(seed_graphs[1].policy_id, depth=2, limit=10_000)
    bad = copy.deepcopy(seed_graphs[0])
    # relationships are written after every node: a bad value in the last one fails mid-write
    rel_type, start, end, props = bad.rels[-1]
    bad.rels[-1] = (rel_type, start, end, {**props, "text": {"nested": "map"}})
    with pytest.raises(Exception):  # noqa: B017 - the stores raise their own error types
        store.write_policy(bad)
    assert store.counts() == before
    assert store.find_nodes(S.POLICY, {"source_key": JINGZHOU}) == []
    assert store.neighbourhood(seed_graphs[1].policy_id, depth=2, limit=10_000) == hood
    # a failed replacement keeps the old version
    assert store.write_policy(seed_graphs[0]) == "created"
    loaded = store.counts()
    bad.source_key, bad.nodes[0][2]["sha256"] = JINGZHOU, "e" * 64
    bad.policy_id = bad.nodes[0][0]
    bad.content_hash = "changed"
    with pytest.raises(Exception):  # noqa: B017
        store.write_policy(bad)
    assert store.counts() == loaded
    assert policy_of(store, JINGZHOU)["id"] == seed_graphs[0].policy_id


def test_derived_links_are_replaced_as_a_whole(loaded_store, seed_graphs):
    store = loaded_store
    counts = store.counts()["relationships"]
    assert counts["SIMILAR_TO"] >= 1
    a, b = sorted(n["id"] for n in store.find_nodes(S.CLAUSE, {"label": "(一)"}, limit=2))
    store.set_derived_links(similar=[Link("SIMILAR_TO", a, b, S.CLAUSE, S.CLAUSE, {"score": 0.5})])
    assert store.relationships("SIMILAR_TO") == [{"type": "SIMILAR_TO", "start": a, "end": b,
                                                   "properties": {"score": 0.5}}]
    assert store.counts()["relationships"]["CITES"] == counts["CITES"]  # cites untouched
    store.set_derived_links(cites=[])
    static = sum(1 for pg in seed_graphs for r in pg.rels if r[0] == "CITES")
    assert store.counts()["relationships"]["CITES"] == static
    with pytest.raises(ValueError):
        store.set_derived_links(cites=[Link("CITES", a, "cited:x", S.CLAUSE, S.CITED_DOCUMENT, {})])


def test_reads_reject_names_outside_the_schema(store):
    with pytest.raises(ValueError):
        store.find_nodes("Person")
    with pytest.raises(ValueError):
        store.find_nodes(S.CLAUSE, {"text) DETACH DELETE n //": 1})
    with pytest.raises(ValueError):
        store.find_nodes(S.CLAUSE, order_by="nonsense")
    with pytest.raises(ValueError):
        store.related("x", "KNOWS")
    with pytest.raises(ValueError):
        store.related("x", "CITES", "sideways")


# --- both stores side by side ---------------------------------------------------------------


@pytest.mark.neo4j
def test_both_stores_hold_the_same_graph_and_answer_the_same(embedded_store, neo4j_store, seed_graphs):
    load(embedded_store, seed_graphs)
    load(neo4j_store, seed_graphs)
    assert embedded_store.counts() == neo4j_store.counts()
    a, b = queries(embedded_store), queries(neo4j_store)
    for name in a:
        assert a[name] == b[name], name
    assert a["search_ids"] and a["search_two_terms"] and a["search_traditional"] and a["cites_out"]


@pytest.mark.neo4j
def test_both_stores_have_the_same_relationships(embedded_store, neo4j_store, seed_graphs):
    load(embedded_store, seed_graphs)
    load(neo4j_store, seed_graphs)
    for rel_type in S.REL_TYPES:
        assert embedded_store.relationships(rel_type) == neo4j_store.relationships(rel_type), rel_type
    for label in S.NODE_LABELS:
        assert embedded_store.find_nodes(label, limit=None) == neo4j_store.find_nodes(label, limit=None), label


# --- the embedded file ---------------------------------------------------------------------------


def test_embedded_store_file_round_trip(tmp_path, seed_graphs):
    path = tmp_path / "data" / "policykg.graph"
    store = EmbeddedStore.open(path)
    load(store, seed_graphs)
    store.close()
    assert path.read_bytes().startswith(MAGIC)
    # no temporary file left; the lock file and the search index stay beside the graph
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "policykg.graph", "policykg.graph.lock", "policykg.graph.search.sqlite"]
    again = EmbeddedStore.open(path)
    assert again.counts() == store.counts()
    assert queries(again) == queries(store)
    assert [again.write_policy(pg) for pg in seed_graphs] == ["unchanged"] * 5


def test_embedded_store_refuses_a_foreign_file(tmp_path):
    path = tmp_path / "policykg.graph"
    path.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(GraphFileError, match="not a policykg graph"):
        EmbeddedStore.open(path)
    path.write_text('{"format": "policykg-graph", "version": 99}', encoding="utf-8")
    with pytest.raises(GraphFileError, match="delete it and load"):
        EmbeddedStore.open(path)


def test_embedded_store_keeps_one_copy_of_repeated_strings(tmp_path, seed_graphs):
    store = EmbeddedStore.open(tmp_path / "policykg.graph")
    load(store, seed_graphs)
    store.save()
    for opened in (store, EmbeddedStore.open(tmp_path / "policykg.graph")):
        clauses = [opened._props(n) for n in sorted(opened._by_label["Clause"])]  # texts read from the file too
        by_policy: dict[str, list[dict]] = {}
        for props in clauses:
            by_policy.setdefault(props["policy_id"], []).append(props)
        for same_policy in by_policy.values():
            assert all(p["policy_id"] is same_policy[0]["policy_id"] for p in same_policy)
        simplified = [p for p in clauses if p.get("text_simplified") == p.get("text")]
        assert simplified and all(p["text_simplified"] is p["text"] for p in simplified)


@pytest.mark.parametrize("kinds", [*S.RELATED_KIND_SETS, (("CITES", "in"), ("PROVIDES", "out"))])
def test_related_of_several_kinds_in_one_read_is_related_many_of_each(loaded_store, kinds):
    store = loaded_store
    ids = [n["id"] for n in store.find_nodes(S.CLAUSE, {"policy_id": policy_of(store, JINGZHOU)["id"]}, limit=None)]
    ids += [policy_of(store, HUBEI)["id"], "clause:none", ids[0]]  # a policy, one not in the store, one twice
    got = store.related_kinds(ids, kinds)
    assert list(got) == list(kinds)
    assert all(got[key] == store.related_many(ids, *key) for key in kinds)
    assert all(any(got[key].values()) for key in kinds)


def test_a_clause_answer_on_neo4j_reads_its_relationships_at_once(neo4j_store, seed_graphs, monkeypatch):
    load_graphs(neo4j_store, seed_graphs)
    seven = clause(neo4j_store, JINGZHOU, "(七)")["id"]
    service = QueryService(neo4j_store, "neo4j", "test")
    service.get_clause(seven)  # the vocabularies' names are read once, on first use
    reads: list[str] = []
    real_read = neo4j_store._read
    monkeypatch.setattr(neo4j_store, "_read", lambda cypher, **params: reads.append(cypher) or real_read(cypher, **params))
    answer = service.get_clause(seven)
    assert answer["responsible"] and answer["instruments"] and answer["similar"] and answer["clause"]["spans"]
    # the clause, its relationships, the policies they name, its instruments and their departments:
    # a round trip each, however many kinds of relationship the clause has
    assert len(reads) <= 5, [" ".join(r.split())[:90] for r in reads]


@pytest.mark.neo4j
def test_link_texts_give_every_clause_and_section_the_same_on_both_stores(embedded_store, neo4j_store, seed_graphs):
    load(embedded_store, seed_graphs)
    load(neo4j_store, seed_graphs)
    paged = Neo4jStore(neo4j_store.driver, database=neo4j_store.database, batch_rows=7)  # many pages of 7
    for label in (S.CLAUSE, S.SECTION):
        nodes = embedded_store.find_nodes(label, limit=None)
        wanted = [(n["id"], n["properties"]["policy_id"],
                   n["properties"].get("text_simplified") or n["properties"].get("text", ""),
                   n["properties"].get("label")) for n in nodes]
        assert len(wanted) > 7 and sum(bool(text) for _, _, text, _ in wanted) > 7, label
        assert list(embedded_store.link_texts(label)) == wanted, label
        assert list(neo4j_store.link_texts(label)) == wanted, label
        assert list(paged.link_texts(label)) == wanted, label
