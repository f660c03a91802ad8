"""Incremental linking (graph/linking.py ``link_all``): after policies are added, replaced and
removed, relinking only the policies whose citations can change gives exactly the links a full
relink gives (CITES with via, text and candidates; SIMILAR_TO with scores), on both stores; a
change the store cannot account for makes the relink a full one."""

from __future__ import annotations

import copy
import random

import pytest

from policykg.graph import cypher as Q
from policykg.graph import linking
from policykg.graph.linking import link_all
from policykg.graph.model import build_policy_graph
from policykg.graph.store import props_key

from .test_bulk_write import changed_jingzhou

SHARED_TITLE = "关于促进科技成果转化的若干措施"


def derived(store) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """The stored derived links: CITES to a policy and SIMILAR_TO, with their properties."""
    cites = sorted((r["start"], r["end"], props_key(r["properties"])) for r in store.relationships("CITES")
                   if r["end"].startswith("policy:"))
    similar = sorted((r["start"], r["end"], props_key(r["properties"])) for r in store.relationships("SIMILAR_TO"))
    return cites, similar


def relink_and_check(store, *, incremental: bool = True) -> set[str] | None:
    """Relink incrementally (asserting the store could), compare with a full relink; returns the
    policies the incremental relink resolved again."""
    journal = store.link_journal()
    assert journal.known is incremental
    resolved: list[set[str] | None] = []
    real = linking.resolve_citations

    def spy(store_, write=True, citing_ids=None):
        resolved.append(None if citing_ids is None else set(citing_ids))
        return real(store_, write, citing_ids)

    linking.resolve_citations = spy  # type: ignore[assignment]
    try:
        link_all(store)
    finally:
        linking.resolve_citations = real  # type: ignore[assignment]
    after = derived(store)
    assert store.link_journal().known
    link_all(store, incremental=False)
    assert derived(store) == after
    assert (resolved[0] is None) is (not incremental)
    return resolved[0]


def _policy(hand_document, key, title, text, *, date, doc_number=None, citations=(), **where):
    C = hand_document.Clause
    doc = hand_document(title, [("一、措施", [C("(一)", text)])], date=date, doc_number=doc_number,
                        citations=list(citations), path=f"{key}.txt", targets=[], **where)
    return build_policy_graph(doc, key)


def _corpus(hand_document) -> dict[str, object]:
    """Policies that cite each other by 文号, by a title several places use and by a stem in running text."""
    same = "加强科技成果转化,按技术交易额给予奖励,对完成单位按比例给予奖励,建立成果转化体系。"

    def titled(key, region, province, level, date):
        return _policy(hand_document, key, SHARED_TITLE, same, date=date, region=region, province=province,
                       level=level)

    def citing(key, region, province):
        return _policy(hand_document, key, f"{key}贯彻落实工作方案",
                       f"认真落实《{SHARED_TITLE}》,主动融入测试省国家科技成果转移转化示范区建设。{same}",
                       date="2024-06-01", citations=[(SHARED_TITLE, None)], region=region, province=province,
                       level="city")

    return {
        "hubei_old": titled("hubei_old", "湖北省", "湖北省", "province", "2018-01-01"),
        "hubei": titled("hubei", "湖北省", "湖北省", "province", "2020-01-01"),
        "wuhan": titled("wuhan", "武汉市", "湖北省", "city", "2019-01-01"),
        "nation": titled("nation", None, None, None, "2016-01-01"),
        "in_wuhan": citing("武汉甲", "武汉市", "湖北省"),
        "in_yichang": citing("宜昌乙", "宜昌市", "湖北省"),
        "in_guangzhou": citing("广州丙", "广州市", "广东省"),
        "plan": _policy(hand_document, "plan", "测试省国家科技成果转移转化示范区建设实施方案", "推进示范区建设。",
                        date="2022-01-01", doc_number="测政发〔2022〕1号", region="测试省", province="测试省"),
        "by_number": _policy(hand_document, "by_number", "甲市贯彻落实措施", "参照《行动方案》(测政发[2022]1号)执行。",
                             date="2023-01-01", citations=[("行动方案", "测政发〔2022〕1号")]),
    }


def test_adding_and_removing_in_any_order_gives_the_full_relinks_links(store, hand_document):
    graphs = _corpus(hand_document)
    keys = list(graphs)
    for seed in (1, 2):
        rng = random.Random(seed)
        store.clear()
        rng.shuffle(keys)
        for pg in (graphs[k] for k in keys[:3]):
            store.write_policy(pg)
        link_all(store)
        for key in keys[3:]:  # one at a time, each relinked incrementally
            store.write_policy(graphs[key])
            resolved = relink_and_check(store)
            assert resolved is not None and graphs[key].policy_id in resolved
        assert len(resolved) < len(graphs)  # the last one did not resolve everything again
        for key in rng.sample(keys, 4):  # removals, a policy another one's choice fell on among them
            assert store.delete_policy(graphs[key].source_key)
            relink_and_check(store)
        for key in keys:  # back again, two in one write
            store.write_policies([graphs[key]])
        relink_and_check(store)


def test_replacing_a_policy_moves_the_citations_of_its_old_and_new_keys(store, hand_document):
    graphs = _corpus(hand_document)
    for pg in graphs.values():
        store.write_policy(pg)
    link_all(store)
    # the provincial policy re-issued later and elsewhere: 宜昌 now takes the old one
    moved = _policy(hand_document, "hubei", SHARED_TITLE, "加强科技成果转化。", date="2020-01-01",
                    region="湖南省", province="湖南省", level="province")
    assert store.write_policy(moved) == "replaced"
    relink_and_check(store)
    # the plan loses its 文号 and is renamed: the reference by number and the stem find nothing
    renamed = _policy(hand_document, "plan", "测试省另一件方案", "推进示范区建设。", date="2022-01-01",
                      region="测试省", province="测试省")
    assert store.write_policy(renamed) == "replaced"
    relink_and_check(store)


def test_a_cited_documents_new_title_relinks_those_citing_it(store, hand_document):
    """A document cited by 文号 takes the title of its last writer; a reference to it by that
    number, with no policy of that number loaded, resolves by the title it now has."""
    plan = _policy(hand_document, "plan", "测试省促进科技成果转化行动方案", "建立成果转化体系。", date="2022-01-01")
    first = _policy(hand_document, "a", "甲市贯彻落实措施", "参照《测试省促进科技成果转化行动方案》执行。",
                    date="2023-01-01", citations=[("测试省促进科技成果转化行动方案", "测政发〔2022〕9号")])
    for pg in (plan, first):
        store.write_policy(pg)
    link_all(store)
    assert any(r["end"] == plan.policy_id for r in store.relationships("CITES"))
    other = _policy(hand_document, "b", "乙市贯彻落实措施", "参照《另一份文件》执行。", date="2023-01-01",
                    citations=[("另一份文件", "测政发〔2022〕9号")])
    store.write_policy(other)
    resolved = relink_and_check(store)
    assert resolved is not None and first.policy_id in resolved


def test_the_seed_policies_added_replaced_and_removed(store, seed_graphs, seed_documents):
    for order in (seed_graphs, list(reversed(seed_graphs))):
        store.clear()
        store.write_policy(order[0])
        link_all(store)
        for pg in order[1:]:
            store.write_policy(pg)
            relink_and_check(store)
        assert derived(store)[0] and derived(store)[1]  # the seeds do cite and copy each other
        assert store.write_policy(changed_jingzhou(seed_documents)) == "replaced"
        relink_and_check(store)
        assert store.delete_policy(order[-1].source_key)
        relink_and_check(store)


def test_a_write_the_store_cannot_account_for_makes_the_relink_full(store, seed_graphs):
    for pg in seed_graphs[:-1]:
        store.write_policy(pg)
    link_all(store)
    assert store.link_journal().known
    if hasattr(store, "driver"):  # a version raised without a note: an import, an older policykg
        store._write(Q.BUMP_DATA_VERSION)
    else:  # the file read anew: what changed before is not known
        store.save()
        store._reset()
        store._read_file()
    store.write_policy(seed_graphs[-1])
    relink_and_check(store, incremental=False)
    store.write_policy(copy.deepcopy(seed_graphs[0]))  # unchanged: nothing to relink
    assert relink_and_check(store) == set()


@pytest.mark.neo4j
def test_policies_written_before_the_link_keys_get_them_on_the_first_full_relink(neo4j_store, seed_graphs):
    for pg in seed_graphs:
        neo4j_store.write_policy(pg)
    neo4j_store._write("MATCH (n:Clause|Section) REMOVE n.link_norm")
    neo4j_store._write("MATCH (d:CitedDocument) REMOVE d.title_key")
    neo4j_store._write("MATCH (v:PolicykgDataVersion) REMOVE v.links_version")
    assert not neo4j_store.link_journal().known
    link_all(neo4j_store)
    missing = neo4j_store._read("MATCH (n:Clause|Section) WHERE n.link_norm IS NULL RETURN count(n) AS n")
    assert missing[0]["n"] == 0
    assert neo4j_store._read("MATCH (d:CitedDocument) WHERE d.title IS NOT NULL AND d.title_key IS NULL "
                             "RETURN count(d) AS n")[0]["n"] == 0
    assert neo4j_store.link_journal().known


def test_the_stored_words_hold_every_stem_running_text_matching_finds():
    """``link_norm`` is what the index is asked for a stem: every stem a text names in running
    text (whatever punctuation, width or script it is written in) is a substring of it."""
    from policykg.graph.linking import _index, _Policy, _running_text_mentions, link_norm, title_stem

    titles = {"a": "甲省关于推进科技成果转化的实施方案", "b": "乙市技术转移机构建设三年行动计划",
              "c": "丙县促进高新技术产业发展若干措施"}
    idx = _index({pid: _Policy(pid, None, title, None) for pid, title in titles.items()})
    stems = {pid: title_stem(title) for pid, title in titles.items()}
    texts = ["认真落实甲省关于推进科技成果转化的各项要求。", "按照「甲省关于推进，科技成果 转化的」执行",
             "乙市技術轉移機構建設三年推进", "ＡＢ丙县促进高新技术产业发展条例", "无关的文字,不提任何文件。"]
    named: set[str] = set()
    for text in texts:
        found = {pid for owners, _ in _running_text_mentions(text, idx) for pid in owners}
        named |= found
        norm = link_norm(text)
        contained = {pid for pid, stem in stems.items() if stem and stem in norm}
        assert found <= contained
        assert found == contained or "条例" in text  # another document type after the stem names none
    assert named == {"a", "b"}
    assert link_norm("按照「甲省关于推进，科技成果 转化的」执行").count(stems["a"]) == 1
