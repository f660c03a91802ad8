"""Clause search: jieba tokens, BM25 ranking, highlights, the index kept in step with writes,
filters, suggestions, and the same answers from both stores."""

from __future__ import annotations

import copy

import pytest
from neo4j.exceptions import CypherTypeError

from policykg.graph import cypher as Q
from policykg.graph import schema as S
from policykg.graph.embedded_store import EmbeddedStore
from policykg.graph.model import build_policy_graph, to_simplified
from policykg.graph.query_service import QueryService
from policykg.graph.search_index import index_path
from policykg.graph.search_text import Filters, analyzer, make_snippet
from policykg.loaders.records import Instrument

FILLER = "各地应当结合本地实际情况认真组织实施相关工作并及时总结推广经验做法，"


def ranking_policy(hand_document, path: str = "rank.txt", **kwargs):
    C = hand_document.Clause
    parts = [("一、人才队伍", [
        C("(一)", "培养技术经纪人，技术经纪人，技术经纪人。"),
        C("(二)", FILLER * 8 + "支持技术经纪人参与成果转化。" + FILLER * 8),
        C("(三)", "完善中试平台建设，给予奖励。",
          instruments=[Instrument("reward", "supply", "enterprise", amount_yuan=1e5)],
          beneficiaries=["enterprise"]),
        C("(四)", "加强知识产权保护，优化营商环境。"),
    ])]
    return build_policy_graph(hand_document("测试市技术经纪人培养若干措施", parts, path=path, **kwargs), path)


def clause_ids(pg) -> dict[str, str]:
    """Clause label → id of a policy graph."""
    return {props["label"]: nid for nid, label, props in pg.nodes if label == "Clause"}


def test_short_clause_with_the_term_often_outranks_a_long_one_with_it_once(store, hand_document):
    pg = ranking_policy(hand_document)
    store.write_policy(pg)
    ids = clause_ids(pg)
    hits = store.search_clauses("技术经纪人", limit=10)
    assert [h["id"] for h in hits] == [ids["(一)"], ids["(二)"]]
    assert hits[0]["score"] > hits[1]["score"] > 0


def test_a_query_word_inside_a_longer_compound_is_found(store, hand_document):
    tokens = [t for t, _, _ in analyzer().tokens("支持技术经纪人参与")]
    assert "技术经纪人" in tokens and "经纪人" in tokens  # the whole word and the word inside it
    assert analyzer().query_tokens("技术经纪人") == ["技术经纪人"]  # the query keeps the whole word
    pg = ranking_policy(hand_document)
    store.write_policy(pg)
    ids = clause_ids(pg)
    hits = store.search_clauses("经纪人", limit=10)
    assert {h["id"] for h in hits} == {ids["(一)"], ids["(二)"]}
    for hit in hits:
        text = hit["properties"]["text_simplified"]
        assert hit["matches"] and all(text[s:e] == "经纪人" for s, e in hit["matches"])


def test_highlights_point_at_the_words_in_the_snippet(store, hand_document):
    pg = ranking_policy(hand_document)
    store.write_policy(pg)
    body = QueryService(store, "test", "0").search("技术经纪人 成果转化", limit=5)
    long_one = [i for i in body["items"] if i["clause"]["label"] == "(二)"]
    assert long_one, body
    item = long_one[0]
    assert len(item["snippet"]) == 120 and item["clause"]["region"] == "测试市" and item["clause"]["date"]
    marked = [item["snippet"][s:e] for s, e in item["highlights"]]
    assert "技术经纪人" in marked and "成果转化" in marked
    # the window starts before the first match and the offsets are relative to it
    assert make_snippet("甲" * 300 + "乙乙", [[300, 302]]) == ("甲" * 118 + "乙乙", [[118, 120]])
    assert make_snippet("短文本乙", [[3, 4]]) == ("短文本乙", [[3, 4]])


def test_reloading_is_idempotent_and_a_replaced_policy_replaces_its_clauses(store, hand_document):
    pg = ranking_policy(hand_document)
    store.write_policy(pg)
    before = store.search_clauses("技术经纪人", limit=10)
    assert store.write_policy(copy.deepcopy(pg)) == "unchanged"
    assert store.write_policies([copy.deepcopy(pg)]) == ["unchanged"]
    assert store.search_clauses("技术经纪人", limit=10) == before
    C = hand_document.Clause
    changed = build_policy_graph(hand_document("测试市技术经纪人培养若干措施", [("一、人才队伍", [
        C("(一)", "建设概念验证中心。")])], path="rank.txt"), "rank.txt")
    assert store.write_policy(changed) == "replaced"
    assert store.search_clauses("技术经纪人", limit=10) == []
    assert [h["id"] for h in store.search_clauses("概念验证", limit=10)] == list(clause_ids(changed).values())


def test_deleting_a_policy_removes_its_clauses_from_the_index(store, hand_document):
    pg = ranking_policy(hand_document)
    other = ranking_policy(hand_document, path="other.txt", region="别的市")
    store.write_policies([pg, other])
    assert len(store.search_clauses("中试平台", limit=10)) == 2
    assert store.delete_policy("rank.txt")
    hits = store.search_clauses("中试平台", limit=10)
    assert [h["id"] for h in hits] == [clause_ids(other)["(三)"]]


def test_a_failed_write_leaves_index_and_graph_as_they_were(store, hand_document):
    good = ranking_policy(hand_document)
    bad = ranking_policy(hand_document, path="bad.txt")
    bad.nodes = [(nid, label, {**props, "broken": {"a": 1}} if label == "Clause" else props)
                 for nid, label, props in bad.nodes]
    with pytest.raises((TypeError, CypherTypeError)):  # the embedded store checks values as Neo4j does
        store.write_policies([good, bad])
    assert store.search_clauses("技术经纪人", limit=10) == []
    assert store.find_nodes("Clause", limit=None) == []
    store.write_policy(good)
    assert len(store.search_clauses("技术经纪人", limit=10)) == 2


def test_filters_by_region_year_instrument_and_beneficiary(store, hand_document):
    here = ranking_policy(hand_document)
    there = ranking_policy(hand_document, path="there.txt", region="别的市", province="河南省", date="2021-05-01")
    store.write_policies([here, there])

    def found(**filters):
        return {h["id"] for h in store.search_clauses("技术经纪人", limit=10, filters=Filters(**filters))}

    assert found() == set(clause_ids(here).values()) - {clause_ids(here)["(三)"], clause_ids(here)["(四)"]} | {
        clause_ids(there)["(一)"], clause_ids(there)["(二)"]}
    assert found(region="河南省") == found(region="别的市") == {clause_ids(there)["(一)"], clause_ids(there)["(二)"]}
    assert found(year=2024) == {clause_ids(here)["(一)"], clause_ids(here)["(二)"]}
    assert found(year=2020) == set()
    reward = store.search_clauses("中试平台", limit=10, filters=Filters(instrument="reward", beneficiary="enterprise"))
    assert {h["id"] for h in reward} == {clause_ids(here)["(三)"], clause_ids(there)["(三)"]}
    assert store.search_clauses("中试平台", limit=10, filters=Filters(instrument="loan")) == []


def test_suggestions_start_with_prefix_matches_then_contained_names(loaded_store):
    found = loaded_store.suggest("科技", limit=50)
    assert found and all("科技" in s.name for s in found)
    prefix = [s.name.startswith("科技") for s in found]
    assert prefix == sorted(prefix, reverse=True)
    assert {s.label for s in found} >= {"Policy", "Department"}
    assert [s.name for s in loaded_store.suggest("湖北", limit=3)][0].startswith("湖北")
    assert loaded_store.suggest("不存在的名字", limit=5) == []


def _scanned_names(store, q: str) -> list[str]:
    """The ids a scan of every node of the searched labels finds: what name_search must answer."""
    found = []
    for label in S.NAME_SEARCH_LABELS:
        for node in store.find_nodes(label, limit=None):
            p = node["properties"]
            values = [p.get(k) for k in ("name", "title", "doc_number", "code", "name_zh")] + list(p.get("names") or [])
            if any(q in to_simplified(str(v)) for v in values if v):
                found.append(node["id"])
    return found


@pytest.mark.parametrize("q", ["科技局", "市科技局", "财政", "荆州", "湖北省", "〔", "science", "奖励", "不存在的名字"])
def test_name_search_finds_what_a_scan_of_every_name_finds_in_label_then_id_order(loaded_store, q):
    scanned = _scanned_names(loaded_store, q)
    assert [n["id"] for n in loaded_store.name_search(q, limit=1000)] == scanned
    assert [n["id"] for n in loaded_store.name_search(q, limit=3)] == scanned[:3]


def test_name_search_matches_a_name_a_department_is_written_as(loaded_store):
    # 市科技局 is how a policy writes the bureau whose canonical name is 荆州市科学技术局
    found = [n for n in loaded_store.name_search("市科技局", limit=50) if n["label"] == "Department"]
    assert "dept:荆州市科学技术局" in {n["id"] for n in found}
    assert all("市科技局" not in n["properties"]["name"] for n in found
               if n["id"] == "dept:荆州市科学技术局")


# --- the embedded index file --------------------------------------------------------------------


def test_the_embedded_index_is_written_with_the_graph_and_survives_reopening(tmp_path, hand_document):
    path = tmp_path / "policykg.graph"
    store = EmbeddedStore.open(path)
    store.write_policy(ranking_policy(hand_document))
    hits = store.search_clauses("技术经纪人", limit=10)
    store.close()
    assert index_path(path).exists()
    again = EmbeddedStore.open(path)
    assert again._clauses.matches(again._file_id)  # the file's own index: nothing rebuilt
    assert again.search_clauses("技术经纪人", limit=10) == hits
    again.close()


def test_a_missing_or_stale_index_is_rebuilt_when_the_store_opens(tmp_path, hand_document):
    path = tmp_path / "policykg.graph"
    store = EmbeddedStore.open(path)
    store.write_policy(ranking_policy(hand_document))
    hits = store.search_clauses("技术经纪人", limit=10)
    store.close()
    index_path(path).unlink()
    reopened = EmbeddedStore.open(path)
    # rebuilt by open, before any search
    assert reopened._clauses.clause_count() == 4 and reopened._clauses.matches(reopened._file_id)
    assert reopened.search_clauses("技术经纪人", limit=10) == hits
    reopened.close()
    # an index a crash left behind the graph file (saved, the index not committed) is rebuilt too
    old_index = index_path(path).read_bytes()
    writer = EmbeddedStore.open(path)
    writer.write_policy(ranking_policy(hand_document, path="more.txt"))
    writer.close()
    index_path(path).write_bytes(old_index)
    last = EmbeddedStore.open(path)
    assert len(last.search_clauses("技术经纪人", limit=10)) == 4
    last.close()


# --- both stores ------------------------------------------------------------------------------


def query_words(store) -> list[str]:
    """Index terms of the seed corpus over the whole range of frequencies, and some phrases."""
    rows = store._clauses.conn.execute("SELECT term FROM clause_vocab ORDER BY doc DESC, term").fetchall()
    terms = [r[0] for r in rows]
    picked = terms[:10] + terms[10::37]
    return picked + ["技术经纪人 奖励", "科技成果转化", "技術轉移機構", "高校 院所 成果", "支持企业开展技术攻关"]


@pytest.mark.neo4j
def test_both_stores_give_the_same_search_answers_on_the_seed_corpus(embedded_store, neo4j_store, seed_graphs):
    for store in (embedded_store, neo4j_store):
        store.write_policies(seed_graphs)
        store.save()
    words = query_words(embedded_store)
    assert len(words) >= 60
    nonempty = 0
    for word in words:
        for limit in (5, 20):
            ours = embedded_store.search_clauses(word, limit=limit)
            assert ours == neo4j_store.search_clauses(word, limit=limit), (word, limit)
            nonempty += bool(ours)
    assert nonempty >= 100
    for filters in (Filters(region="湖北省"), Filters(year=2023), Filters(instrument="reward"),
                    Filters(beneficiary="enterprise", region="武汉市")):
        for word in ("技术", "企业", "奖励"):
            assert embedded_store.search_clauses(word, 20, filters) == neo4j_store.search_clauses(word, 20, filters)
    for prefix in ("科技", "湖北", "武汉市", "企业", "局", "促进科技成果转化"):
        for limit in (3, 10):
            assert embedded_store.suggest(prefix, limit) == neo4j_store.suggest(prefix, limit), prefix


@pytest.mark.neo4j
def test_neo4j_search_and_suggestions_use_their_indexes(neo4j_store, seed_graphs):
    neo4j_store.write_policies(seed_graphs)
    neo4j_store.save()
    with neo4j_store._session() as session:
        plan = session.run("PROFILE " + Q.SEARCH_CANDIDATES, {
            "index": Q.SEARCH_INDEX, "query": "+search_tokens:技术", "candidates": 10, "terms": ["技术"]}).consume().profile
        found = session.run("PROFILE " + Q.SUGGEST["Department"], {"q": "科技", "limit": 5}).consume().profile

    def operators(node) -> list[tuple[str, dict]]:
        return [(node["operatorType"], node.get("args", {}))] + [
            op for child in node.get("children", []) for op in operators(child)]

    calls = [args for op, args in operators(plan) if op.startswith("ProcedureCall")]
    assert calls and "db.index.fulltext.queryNodes" in str(calls[0])
    assert not any(op.startswith(("NodeByLabelScan", "AllNodesScan")) for op, _ in operators(plan))
    suggest_ops = [op for op, _ in operators(found)]
    assert any(op.startswith("NodeIndexContainsScan") for op in suggest_ops), suggest_ops
    assert not any(op.startswith("NodeByLabelScan") for op in suggest_ops)


@pytest.mark.neo4j
def test_neo4j_counts_the_query_terms_of_each_candidate_as_python_does(neo4j_store, seed_graphs):
    """A candidate's row carries how often each term is among its tokens, counted in the
    database; the counts are those ``term_counts`` makes of the stored tokens."""
    from policykg.graph.search_text import term_counts

    neo4j_store.write_policies(seed_graphs)
    neo4j_store.save()
    terms = ["技术", "转移", "奖励", "科技"]
    with neo4j_store._session() as session:
        rows = session.run(Q.SEARCH_CANDIDATES, {"index": Q.SEARCH_INDEX, "query": "search_tokens:技术",
                                                 "candidates": 50, "terms": terms}).single(strict=True)["rows"]
        tokens = {r["id"]: r["tokens"] for r in session.run(
            "UNWIND $ids AS x MATCH (n:Clause {id: x}) RETURN n.id AS id, n.search_tokens AS tokens",
            ids=[cid for cid, _, _ in rows])}
    assert len(rows) == 50
    assert any(max(counts) > 1 for _, counts, _ in rows)
    for cid, counts, length in rows:
        assert dict(zip(terms, counts, strict=True)) == term_counts(tokens[cid], terms), cid
        assert length == len(tokens[cid].split(" ")), cid


def test_a_search_folds_variant_characters_on_the_embedded_store(embedded_store, hand_document):
    C = hand_document.Clause
    pg = build_policy_graph(hand_document("测试省技术转移办法", [("一、总则", [
        C("(一)", "支持陕西技术转移机构建设。"), C("(二)", "完善中试平台建设。")])], path="variant.txt"), "variant.txt")
    embedded_store.write_policy(pg)
    hits = embedded_store.search_clauses("陜西", limit=5)  # 陜: the variant OpenCC keeps
    assert [h["id"] for h in hits] == [clause_ids(pg)["(一)"]]


def test_one_conversion_folds_variants_for_the_text_and_for_search():
    from policykg.graph.model import to_simplified as search_form
    from policykg.loaders.cleaning import to_simplified
    assert to_simplified("陜西省科學技術廳") == "陕西省科学技术厅"
    assert search_form("陜西省科學技術廳 ＡＢ") == "陕西省科学技术厅 AB"  # width-folded too


def test_a_repeated_search_is_answered_from_the_kept_best_clauses_until_a_write(embedded_store, hand_document,
                                                                                 monkeypatch):
    pg = ranking_policy(hand_document)
    embedded_store.write_policy(pg)
    asked: list[list[str]] = []
    index_candidates = embedded_store._clauses.candidates
    monkeypatch.setattr(embedded_store._clauses, "candidates",
                        lambda terms, *rest: asked.append(terms) or index_candidates(terms, *rest))
    first = embedded_store.search_clauses("技术经纪人", limit=10)
    assert first and embedded_store.search_clauses("技术经纪人", limit=10) == first and len(asked) == 1
    embedded_store.search_clauses("技术经纪人", limit=3)  # another page size: another search
    assert len(asked) == 2
    embedded_store.write_policy(ranking_policy(hand_document, path="other.txt", region="别的市"))
    assert len(embedded_store.search_clauses("技术经纪人", limit=10)) > len(first) and len(asked) == 3


@pytest.mark.neo4j
def test_neo4j_waits_for_the_full_text_index_once_per_data_version(neo4j_store, neo4j_driver, neo4j_target,
                                                                   hand_document, monkeypatch):
    """A search waits for the index to take in every committed clause once per data version: a
    second search at the same version does not wait again, one after another process's write does
    and finds what it wrote."""
    from neo4j._sync.work.transaction import TransactionBase

    from policykg.graph.neo4j_store import Neo4jStore

    neo4j_store.write_policy(ranking_policy(hand_document))
    reader = Neo4jStore(neo4j_driver, database=neo4j_target.database)  # another process's store
    run, waits = TransactionBase.run, []

    def counted(tx, query, parameters=None, **kwargs):
        waits.append(query == Q.AWAIT_FULLTEXT)
        return run(tx, query, parameters, **kwargs)

    monkeypatch.setattr(TransactionBase, "run", counted)
    assert reader.search_clauses("技术经纪人", limit=10)
    assert sum(waits) == 1
    waits.clear()
    assert reader.search_clauses("中试平台", limit=10) and sum(waits) == 0
    other = ranking_policy(hand_document, path="other.txt", region="别的市")
    neo4j_store.write_policy(other)
    waits.clear()
    assert len(reader.search_clauses("中试平台", limit=10)) == 2 and sum(waits) == 1


def test_a_process_that_searches_loads_no_keyword_or_part_of_speech_tables():
    """The search analyzer cuts with its tokenizer's dictionary alone: jieba's TF-IDF and
    part-of-speech tables (about 75 MB) load only where keywords and targets are read."""
    import subprocess
    import sys

    script = ("import sys\nfrom policykg.graph.search_text import analyzer\n"
              "assert analyzer().query_tokens('科技成果转化奖励')\n"
              "print(sorted(m for m in sys.modules if m.startswith(('jieba.analyse', 'jieba.posseg'))))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
