"""Writing many policies in one transaction (``write_policies``) and loading in batches.

Tests taking ``store`` run against the embedded store and Neo4j. The batch write must
give exactly what writing the policies one by one gives, be all-or-nothing, idempotent,
and ``load_paths`` must fall back to one policy at a time when a batch fails.
"""

from __future__ import annotations

import copy
import shutil
from collections import Counter
from pathlib import Path

import pytest

from policykg import loading
from policykg.graph import cypher as Q
from policykg.graph import schema as S
from policykg.graph.model import build_policy_graph
from policykg.graph.neo4j_store import distinct_sources, write_statements
from policykg.loading import load_paths

from .test_stores import JINGZHOU, expected_counts, nonzero, own_view

CORPUS = Path(__file__).resolve().parents[2] / "policykg" / "corpus"


def snapshot(store) -> dict:
    """Every node and relationship of the store, as plain sorted values."""
    return {
        "counts": store.counts(),
        "nodes": {label: store.find_nodes(label, limit=None) for label in S.NODE_LABELS},
        "rels": {t: store.relationships(t) for t in S.REL_TYPES},
    }


def changed_jingzhou(seed_documents):
    """A new version of the Jingzhou file: clause (七) loses its units and instruments."""
    key, doc = copy.deepcopy(seed_documents[0])
    seven = next(n for n in doc.tree.walk() if n.is_clause and n.label == "(七)")
    for prov in seven.provisions:
        prov.units, prov.instruments = [], []
    doc.source.sha256 = "f" * 64
    return build_policy_graph(doc, key)


def with_bad_value(pg):
    """A copy of ``pg`` whose last relationship has a property no store accepts (a map)."""
    bad = copy.deepcopy(pg)
    rel_type, start, end, props = bad.rels[-1]
    bad.rels[-1] = (rel_type, start, end, {**props, "text": {"nested": "map"}})
    return bad


# --- the batch write on each store ----------------------------------------------------------


def test_batch_gives_what_one_by_one_gives(store, seed_graphs):
    assert store.write_policies(seed_graphs) == ["created"] * 5
    batched = snapshot(store)
    assert nonzero(batched["counts"]) == expected_counts(seed_graphs)
    store.clear()
    assert [store.write_policy(pg) for pg in seed_graphs] == ["created"] * 5
    assert snapshot(store) == batched


def test_batch_on_top_of_loaded_policies_and_twice(store, seed_graphs):
    assert [store.write_policy(pg) for pg in seed_graphs[:2]] == ["created"] * 2
    assert store.write_policies(seed_graphs) == ["unchanged"] * 2 + ["created"] * 3
    before = snapshot(store)
    assert store.write_policies([copy.deepcopy(pg) for pg in seed_graphs]) == ["unchanged"] * 5
    assert snapshot(store) == before
    assert store.write_policies([]) == []


def test_changed_file_in_a_batch_replaces_only_its_own_policy(store, seed_graphs, seed_documents):
    store.write_policies(seed_graphs)
    others = {pg.policy_id: own_view(store, pg.policy_id) for pg in seed_graphs[1:]}
    changed = changed_jingzhou(seed_documents)
    assert store.write_policies([changed, *seed_graphs[1:]]) == ["replaced"] + ["unchanged"] * 4
    assert store.get_node(seed_graphs[0].policy_id) is None
    assert [p["id"] for p in store.find_nodes(S.POLICY, {"source_key": JINGZHOU})] == [changed.policy_id]
    for pid, view in others.items():
        assert own_view(store, pid) == view, pid
    assert nonzero(store.counts()) == expected_counts([changed, *seed_graphs[1:]])


def test_two_versions_of_one_file_in_one_batch(store, seed_graphs, seed_documents):
    changed = changed_jingzhou(seed_documents)
    assert store.write_policies([seed_graphs[0], seed_graphs[1], changed]) == ["created", "created", "replaced"]
    assert [p["id"] for p in store.find_nodes(S.POLICY, {"source_key": JINGZHOU})] == [changed.policy_id]
    assert nonzero(store.counts()) == expected_counts([changed, seed_graphs[1]])


def test_failed_batch_writes_nothing(store, seed_graphs):
    store.write_policies(seed_graphs[3:])
    before = snapshot(store)
    with pytest.raises(Exception):  # noqa: B017 - the stores raise their own error types
        store.write_policies([seed_graphs[0], seed_graphs[1], with_bad_value(seed_graphs[2])])
    assert snapshot(store) == before
    # a failed batch that would have replaced a policy keeps the old version
    store.write_policies(seed_graphs[:2])
    loaded = snapshot(store)
    bad = with_bad_value(seed_graphs[0])
    bad.content_hash = bad.nodes[0][2]["content_hash"] = "changed"
    with pytest.raises(Exception):  # noqa: B017
        store.write_policies([seed_graphs[1], bad])
    assert snapshot(store) == loaded
    with pytest.raises(ValueError, match="not allowed by the schema"):
        broken = copy.deepcopy(seed_graphs[1])
        broken.rels.append(("PROVIDES", broken.policy_id, broken.policy_id, {}))
        store.write_policies([seed_graphs[4], broken])
    assert snapshot(store) == loaded


def test_shared_department_names_accumulate_across_a_batch(store, hand_document):
    C = hand_document.Clause
    first = hand_document("测试市甲措施", [("一、改革", [C("(一)", "支持改革。", units=[
        ("市科技局", "测试市科学技术局", "science_tech", True, 0)])])])
    second = hand_document("测试市乙措施", [("一、改革", [C("(一)", "支持试点。", units=[
        ("测试市科技局", "测试市科学技术局", "science_tech", True, 0),
        ("市审计局", "测试市审计局", "audit", False, 0)])])])
    third = hand_document("测试市丙措施", [("一、改革", [C("(一)", "支持示范。", units=[
        ("市科技局", "测试市科学技术局", "science_tech", True, 0)])])])
    graphs = [build_policy_graph(doc, f"{i}.txt") for i, doc in enumerate((first, second, third))]
    assert store.write_policies(graphs) == ["created"] * 3
    dept = store.get_node("dept:测试市科学技术局")
    assert dept["properties"]["names"] == ["市科技局", "测试市科技局"]
    assert len(store.related("dept:测试市科学技术局", "RESPONSIBLE_FOR")) == 3
    assert len(store.related("dept:测试市科学技术局", "HAS_FUNCTION")) == 1  # shared pair stored once
    assert store.get_node("function:audit") is not None


def test_replacing_in_a_batch_removes_shared_nodes_nothing_uses(store, hand_document):
    C = hand_document.Clause
    units = [("市科技局", "测试市科学技术局", "science_tech", True, 0), ("市审计局", "测试市审计局", "audit", False, 0)]
    old = hand_document("测试市若干措施", [("一、改革", [C("(一)", "支持赋权改革。", units=units)])])
    new = hand_document("测试市若干措施", [("一、改革", [C("(一)", "支持赋权改革试点。", units=units[:1])])])
    other = hand_document("测试市其他措施", [("一、改革", [C("(一)", "支持转化。", units=units[:1])])])
    assert store.write_policies([build_policy_graph(old, "k.txt")]) == ["created"]
    assert store.write_policies([build_policy_graph(new, "k.txt"), build_policy_graph(other, "o.txt")]) == [
        "replaced", "created"]
    assert store.get_node("dept:测试市审计局") is None and store.get_node("function:audit") is None
    assert len(store.related("dept:测试市科学技术局", "RESPONSIBLE_FOR")) == 2


def test_properties_outside_the_schema_are_kept(store, seed_graphs):
    pg = copy.deepcopy(seed_graphs[1])
    nid, label, props = next(n for n in pg.nodes if n[1] == S.CLAUSE)
    props["note"] = "写入时附加"
    rel_index = next(i for i, r in enumerate(pg.rels) if r[0] == "HAS_CLAUSE" and r[2] == nid)
    rel_type, start, end, _ = pg.rels[rel_index]
    pg.rels[rel_index] = (rel_type, start, end, {"weight": 2})
    assert store.write_policies([pg]) == ["created"]
    assert store.get_node(nid)["properties"]["note"] == "写入时附加"
    assert store.related(nid, "HAS_CLAUSE", "in")[0][0] == {"weight": 2}


# --- both stores side by side ---------------------------------------------------------------


@pytest.mark.neo4j
def test_both_stores_hold_the_same_graph_after_batches(embedded_store, neo4j_store, seed_graphs, seed_documents):
    for store in (embedded_store, neo4j_store):
        store.write_policies(seed_graphs[:3])
        store.write_policies([changed_jingzhou(seed_documents), *seed_graphs[1:]])
    assert snapshot(embedded_store) == snapshot(neo4j_store)
    assert embedded_store.search_clauses("技术交易额", limit=100) == neo4j_store.search_clauses("技术交易额", limit=100)


@pytest.mark.neo4j
@pytest.mark.parametrize("write", ["batch", "one_by_one"])
def test_clauses_carry_their_search_document_which_no_answer_shows(neo4j_store, seed_graphs, write):
    """Each clause stores its jieba tokens (and their ranges) for the whitespace full-text index;
    no answer of the store shows those properties."""
    if write == "batch":
        neo4j_store.write_policies(seed_graphs)
    else:
        for pg in seed_graphs:
            neo4j_store.write_policy(pg)
    rows = neo4j_store._read("MATCH (c:Clause) RETURN c.text_simplified AS text, c.search_tokens AS tokens, "
                             "c.search_spans AS spans, c.search_length AS length")
    assert rows and all(r["length"] == len(r["tokens"].split()) == len(r["spans"]) // 2 for r in rows if r["tokens"])
    for r in rows[:50]:  # each token is the folded text of its range
        spans = r["spans"]
        for i, token in enumerate(r["tokens"].split()):
            assert r["text"][spans[2 * i]:spans[2 * i + 1]].lower() == token
    fields = neo4j_store._read("SHOW FULLTEXT INDEXES YIELD name, properties RETURN name, properties")
    assert [(r["name"], r["properties"]) for r in fields] == [("clause_tokens", ["search_tokens", "search_facets"])]
    clauses = neo4j_store.find_nodes("Clause", limit=None)
    assert all(not set(S.CLAUSE_SEARCH_PROPS) & set(c["properties"]) for c in clauses)
    # a query in traditional characters still finds its clauses
    hits = neo4j_store.search_clauses("技術轉移機構", limit=100)
    assert hits and all(not set(S.CLAUSE_SEARCH_PROPS) & set(h["properties"]) for h in hits)



# --- the row grouping -----------------------------------------------------------------------


def rels_in(params: dict) -> list[tuple[str, str, str]]:
    """The (type, start id, end id) of every relationship row of a WRITE_ROWS statement,
    its end nodes looked up by position as the statement does."""
    def node_id(label, position):
        row = params["nodes"][label][position]
        return row["id"] if isinstance(row, dict) else row[Q.NODE_COLUMNS[label].index("id")]

    out = []
    for key, rows in params["rels"].items():
        rel_type, start, end = key.split("__")
        out += [(rel_type, node_id(start, row[0]), node_id(end, row[1])) for row in rows]
    return out


def test_one_statement_holds_the_rows_of_several_policies(seed_graphs):
    statements = list(write_statements(seed_graphs))
    assert [q for q, _ in statements] == [Q.WRITE_ROWS]
    params = statements[0][1]
    clauses = [n[0] for pg in seed_graphs for n in pg.nodes if n[1] == S.CLAUSE]
    assert [row[0] for row in params["nodes"][S.CLAUSE]] == clauses
    departments = {n[0] for pg in seed_graphs for n in pg.nodes if n[1] == S.DEPARTMENT}
    assert sorted(row["id"] for row in params["nodes"][S.DEPARTMENT]) == sorted(departments)
    # every relationship once, pointing at the right nodes; one between two shared nodes once
    expected = Counter((t, a, b) for pg in seed_graphs for t, a, b, _ in pg.rels)
    labels = {nid: label for pg in seed_graphs for nid, label, _ in pg.nodes}
    for key in list(expected):
        if S.is_shared_pair(labels[key[1]], labels[key[2]]):
            expected[key] = 1
    assert Counter(rels_in(params)) == expected
    assert sum(expected.values()) == sum(expected_counts(seed_graphs)["relationships"].values())


def test_statements_split_between_policies_and_carry_extra_properties_last(seed_graphs):
    pg = copy.deepcopy(seed_graphs[1])
    nid = next(n[0] for n in pg.nodes if n[1] == S.CLAUSE)
    next(n for n in pg.nodes if n[0] == nid)[2]["note"] = "写入时附加"
    rel_type, start, end, _ = pg.rels[0]
    pg.rels[0] = (rel_type, start, end, {"weight": 2})
    graphs = [seed_graphs[0], pg, seed_graphs[2]]
    labels = {nid: label for nid, label, _ in pg.nodes}
    statements = list(write_statements(graphs, max_rows=1))  # each policy over the limit alone
    assert [q for q, _ in statements] == [Q.WRITE_ROWS] * 3 + [
        Q.SET_EXTRA_PROPS[S.CLAUSE], Q.BULK_CREATE_RELS[(rel_type, labels[start], labels[end])]]
    for graph, (_, params) in zip(graphs, statements[:3], strict=True):
        assert [row[0] for row in params["nodes"][S.POLICY]] == [graph.policy_id]
    assert statements[3][1] == {"rows": [{"id": nid, "props": {"note": "写入时附加"}}]}
    assert statements[4][1] == {"rows": [{"start": start, "end": end, "props": {"weight": 2}}]}
    assert (rel_type, start, end) not in rels_in(statements[1][1])
    sizes = [len(g.nodes) + len(g.rels) for g in graphs]
    assert [q for q, _ in write_statements(graphs, max_rows=sizes[0] + sizes[1])][:2] == [Q.WRITE_ROWS] * 2


def test_runs_never_repeat_a_source_key(seed_graphs):
    a, b, c = seed_graphs[:3]
    runs = distinct_sources([a, b, a, c, a])
    assert [[pg.source_key for pg in run] for run in runs] == [
        [a.source_key, b.source_key], [a.source_key, c.source_key], [a.source_key]]


# --- loading in batches -------------------------------------------------------------------------


class FailingStore:
    """The embedded store, except that writing the policy from ``bad_key`` fails."""

    def __init__(self, store, bad_key: str) -> None:
        self.store, self.bad_key, self.batches = store, bad_key, []

    def write_policies(self, pgs):
        self.batches.append([pg.source_key for pg in pgs])
        if any(pg.source_key == self.bad_key for pg in pgs):
            raise RuntimeError("disk full")
        return self.store.write_policies(pgs)

    def write_policy(self, pg):
        if pg.source_key == self.bad_key:
            raise RuntimeError("disk full")
        return self.store.write_policy(pg)

    def __getattr__(self, name):
        return getattr(self.store, name)


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def test_load_writes_in_batches_and_isolates_a_bad_policy(embedded_store, corpus_dir, monkeypatch):
    monkeypatch.setattr(loading, "WRITE_BATCH", 2)
    store = FailingStore(embedded_store, "002_07267b6f87dfbefc.txt")
    report = load_paths(store, [corpus_dir], link=False)
    assert [len(b) for b in store.batches] == [2, 2, 1]
    assert [f.path.endswith("002_07267b6f87dfbefc.txt") for f in report.failed] == [True]
    assert "could not be written to the store: disk full" in report.failed[0].reason
    assert len(report.created) == 4 and report.replaced == report.unchanged == []
    assert len(embedded_store.all_policies()) == 4
    again = load_paths(store, [corpus_dir], link=False)
    assert len(again.unchanged) == 4 and len(again.failed) == 1


def test_load_reports_every_status(store, corpus_dir, monkeypatch):
    monkeypatch.setattr(loading, "WRITE_BATCH", 3)
    first = load_paths(store, [corpus_dir])
    assert len(first.created) == 5 and first.failed == []
    counts = store.counts()
    with (corpus_dir / JINGZHOU).open("ab") as fh:  # new bytes, same text: a new version, same graph
        fh.write(b"\n")
    second = load_paths(store, [corpus_dir])
    assert [p.rsplit("/", 1)[-1] for p in second.replaced] == [JINGZHOU] and len(second.unchanged) == 4
    assert Counter(store.counts()["nodes"]) == Counter(counts["nodes"])
