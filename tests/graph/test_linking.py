"""Cross-policy links: citations resolved to loaded policies, and similar clauses."""

from __future__ import annotations

import random
import time

from policykg.graph import schema as S
from policykg.graph.linking import (
    link_similar_clauses,
    resolve_citations,
    similarity_distribution,
    title_stem,
)
from policykg.graph.model import build_policy_graph

JINGZHOU, WUHAN, HUBEI = "000_3df478993d0e6f43.txt", "001_c73c82ffb3ab4c5a.txt", "002_07267b6f87dfbefc.txt"


def policy_id(store, key):
    (p,) = store.find_nodes(S.POLICY, {"source_key": key})
    return p["id"]


def clause_id(store, key, label):
    (c,) = store.find_nodes(S.CLAUSE, {"policy_id": policy_id(store, key), "label": label})
    return c["id"]


# --- seeds ---------------------------------------------------------------------------------


def test_jingzhou_running_text_points_to_the_hubei_plan(store, seed_graphs):
    for pg in seed_graphs:
        store.write_policy(pg)
    links = resolve_citations(store)
    jz, hubei = policy_id(store, JINGZHOU), policy_id(store, HUBEI)
    clause26 = clause_id(store, JINGZHOU, "(二十六)")
    by_pair = {(link.start, link.end): link for link in links}
    assert by_pair[(clause26, hubei)].props == {"text": "湖北·汉襄宜国家科技成果转移转化示范区建设", "via": "running_text",
                                                 "candidates": 1}
    assert (jz, hubei) in by_pair
    assert not any(link.start.startswith(link.end) for link in links)  # no self-citation
    # the Hubei plan (2021) cannot cite the later Jingzhou (2025) or Wuhan (2024) policies
    assert not any(link.start.startswith(hubei) for link in links)
    stored = {(r["start"], r["end"]) for r in store.relationships("CITES")}
    assert set(by_pair) <= stored


def test_seven_and_fourteen_are_the_most_similar_cross_policy_pair(store, seed_graphs):
    for pg in seed_graphs:
        store.write_policy(pg)
    links = link_similar_clauses(store)
    seven, fourteen = clause_id(store, JINGZHOU, "(七)"), clause_id(store, WUHAN, "(十四)")
    pair = (min(seven, fourteen), max(seven, fourteen))
    scores = {(link.start, link.end): link.props["score"] for link in links}
    assert scores[pair] >= 0.25
    distribution = similarity_distribution(store)
    assert (distribution[0]["a"], distribution[0]["b"]) == pair
    # unrelated clauses stay unlinked: everything linked clears the threshold, the bulk is far below
    assert all(link.props["score"] >= 0.25 for link in links)
    assert (min(clause_id(store, JINGZHOU, "(一)"), fourteen), max(clause_id(store, JINGZHOU, "(一)"), fourteen)) \
        not in scores
    median = distribution[len(distribution) // 2]["score"]
    assert median < 0.05 < scores[pair] / 5
    assert {r["start"] for r in store.relationships("SIMILAR_TO")} == {link.start for link in links}


# --- hand-made policies ---------------------------------------------------------------------


def _policy(hand_document, title, clause_text, *, date, doc_number=None, citations=(), path="x.txt", **where):
    C = hand_document.Clause
    return hand_document(title, [("一、措施", [C("(一)", clause_text)])], date=date, doc_number=doc_number,
                         citations=list(citations), path=path, targets=[], **where)


def test_citations_resolve_by_doc_number_then_title(embedded_store, hand_document):
    plan = _policy(hand_document, "测试省促进科技成果转化行动方案", "建立成果转化体系。", date="2022-01-01",
                   doc_number="测政发〔2022〕1号")
    by_number = _policy(hand_document, "甲市贯彻落实措施", "参照《行动方案》(测政发[2022]1号)执行。", date="2023-01-01",
                        citations=[("行动方案", "测政发〔2022〕1号")])
    by_title = _policy(hand_document, "乙市贯彻落实措施", "按照《测试省人民政府关于印发〈测试省促进科技成果转化行动方案〉的通知》执行。",
                       date="2023-01-01", citations=[("测试省人民政府关于印发〈测试省促进科技成果转化行动方案〉的通知", None)])
    for key, doc in (("plan", plan), ("a", by_number), ("b", by_title)):
        embedded_store.write_policy(build_policy_graph(doc, key))
    plan_id = policy_id(embedded_store, "plan")
    links = {(link.start, link.props["via"]) for link in resolve_citations(embedded_store) if link.end == plan_id}
    assert links == {(policy_id(embedded_store, "a"), "doc_number"), (clause_id(embedded_store, "a", "(一)"), "doc_number"),
                     (policy_id(embedded_store, "b"), "title"), (clause_id(embedded_store, "b", "(一)"), "title")}


def test_guards_date_self_and_other_document_types(embedded_store, hand_document):
    plan = _policy(hand_document, "测试省国家科技成果转移转化示范区建设实施方案", "推进测试省国家科技成果转移转化示范区建设。",
                   date="2024-01-01")
    older = _policy(hand_document, "甲市措施", "融入测试省国家科技成果转移转化示范区建设。", date="2020-01-01")
    other_type = _policy(hand_document, "乙市措施", "落实测试省国家科技成果转移转化示范区建设条例。", date="2025-01-01")
    citing = _policy(hand_document, "丙市措施", "主动融入测试省国家科技成果转移转化示范区建设。", date="2025-01-01")
    short = _policy(hand_document, "丁市科技创新方案", "落实丁市科技创新要求。", date="2019-01-01")
    for key, doc in (("plan", plan), ("older", older), ("other", other_type), ("citing", citing), ("short", short)):
        embedded_store.write_policy(build_policy_graph(doc, key))
    links = resolve_citations(embedded_store)
    assert {(link.start, link.end) for link in links} == {
        (policy_id(embedded_store, "citing"), policy_id(embedded_store, "plan")),
        (clause_id(embedded_store, "citing", "(一)"), policy_id(embedded_store, "plan")),
    }  # not the older policy, not the 条例, not the plan naming itself, not a stem under 10 characters


def test_title_stems():
    assert title_stem("湖北·汉襄宜国家科技成果转移转化示范区建设方案") == "湖北汉襄宜国家科技成果转移转化示范区建设"
    assert title_stem("《省政府关于印发〈湖北省促进科技成果转化行动方案(2024—2026年)〉的通知》") == "湖北省促进科技成果转化"
    assert title_stem("武汉市科技创新实施方案") is None  # 武汉市科技创新: too short to be distinctive


def test_similar_clauses_only_across_policies(embedded_store, hand_document):
    text = "对购买高校科技成果的企业，按技术交易额的百分之八给予每家企业每年最高一百万元奖励，对完成单位按百分之二给予奖励。"
    C = hand_document.Clause
    same = hand_document("甲市措施", [("一、措施", [C("(一)", text), C("(二)", text)])])
    other = hand_document("乙市措施", [("一、措施", [C("(三)", text), C("(四)", "建设大学科技园和众创空间，完善孵化服务体系。")])])
    embedded_store.write_policy(build_policy_graph(same, "a"))
    embedded_store.write_policy(build_policy_graph(other, "b"))
    links = link_similar_clauses(embedded_store)
    a1, a2, b3 = clause_id(embedded_store, "a", "(一)"), clause_id(embedded_store, "a", "(二)"), clause_id(embedded_store, "b", "(三)")
    assert {(link.start, link.end) for link in links} == {tuple(sorted((a1, b3))), tuple(sorted((a2, b3)))}
    assert {link.props["score"] for link in links} == {1.0}


class _ClauseList:
    """Just enough of a store for link_similar_clauses."""

    def __init__(self, clauses):
        self.clauses = clauses

    def link_texts(self, label):
        for c in self.clauses:
            p = c["properties"]
            yield c["id"], p["policy_id"], p["text"], p["label"]


def test_similarity_finds_planted_copies_among_many_clauses():
    rng = random.Random(7)
    alphabet = "科技成果转化企业高校院所机构支持奖励资金项目平台服务人才创新市场技术交易合同金融投资园区建设推动完善落实"
    texts = ["".join(rng.choice(alphabet) for _ in range(120)) for _ in range(3000)]
    clauses = [{"id": f"c{i:05d}", "properties": {"policy_id": f"p{i % 300}", "text": t, "label": None}}
               for i, t in enumerate(texts)]
    planted = []
    for k in range(20):  # a lightly edited copy of clause k in another policy
        source = texts[k]
        copy_text = source[:50] + "按技术交易额的百分之八给予奖励" + source[60:]
        clauses.append({"id": f"d{k:05d}", "properties": {"policy_id": "copier", "text": copy_text, "label": None}})
        planted.append((f"c{k:05d}", f"d{k:05d}"))
    started = time.perf_counter()
    links = link_similar_clauses(_ClauseList(clauses), write=False)
    elapsed = time.perf_counter() - started
    found = {(link.start, link.end) for link in links}
    assert set(planted) <= found
    assert len(found) == len(planted)  # random clauses share shingles by chance, never enough to link
    assert elapsed < 60


# --- a title several places use: one policy, the nearest, the latest -------------------------

SHARED_TITLE = "关于促进科技成果转化的若干措施"


def _same_titled(hand_document, key, *, region, province, level, date):
    return _policy(hand_document, SHARED_TITLE, "加强科技成果转化。", date=date, path=f"{key}.txt",
                   region=region, province=province, level=level)


def _citing(hand_document, key, *, region, province, date="2024-06-01"):
    return _policy(hand_document, f"{key}贯彻落实工作方案", f"认真落实《{SHARED_TITLE}》。", date=date,
                   citations=[(SHARED_TITLE, None)], path=f"{key}.txt", region=region, province=province,
                   level="city")


def test_a_shared_title_resolves_to_the_nearest_latest_policy(store, hand_document):
    docs = {
        "hubei_old": _same_titled(hand_document, "hubei_old", region="湖北省", province="湖北省", level="province",
                                  date="2018-01-01"),
        "hubei": _same_titled(hand_document, "hubei", region="湖北省", province="湖北省", level="province",
                              date="2020-01-01"),
        "hubei_later": _same_titled(hand_document, "hubei_later", region="湖北省", province="湖北省", level="province",
                                    date="2025-01-01"),  # issued after the citing policies: never a candidate
        "wuhan": _same_titled(hand_document, "wuhan", region="武汉市", province="湖北省", level="city", date="2019-01-01"),
        "hunan": _same_titled(hand_document, "hunan", region="湖南省", province="湖南省", level="province",
                              date="2021-01-01"),
        "changsha": _same_titled(hand_document, "changsha", region="长沙市", province="湖南省", level="city",
                                 date="2021-01-01"),
        # cites in its own city; in its province; in a province without one of its own, no national one
        "in_wuhan": _citing(hand_document, "武汉甲", region="武汉市", province="湖北省"),
        "in_yichang": _citing(hand_document, "宜昌乙", region="宜昌市", province="湖北省"),
        "in_guangzhou": _citing(hand_document, "广州丙", region="广州市", province="广东省"),
    }
    for key, doc in docs.items():
        store.write_policy(build_policy_graph(doc, key))
    ids = {key: policy_id(store, key) for key in docs}
    links = resolve_citations(store)
    policy_level = {(link.start, link.end): link.props for link in links if link.start in ids.values()}
    # title candidates of a 2024 citing policy: all but hubei_later (5); the stem in running text alike
    assert {start: (end, props["via"], props["candidates"]) for (start, end), props in policy_level.items()
            if start in (ids["in_wuhan"], ids["in_yichang"], ids["in_guangzhou"])} == {
        ids["in_wuhan"]: (ids["wuhan"], "title", 5),
        ids["in_yichang"]: (ids["hubei"], "title", 5),  # the province's, the latest of its two
    }  # 广州: ambiguous (no policy of 广州市, 广东省 or the nation), unresolved
    # every same-titled policy itself cites nothing (their texts name no title), and none is linked twice
    assert all(start in (ids["in_wuhan"], ids["in_yichang"]) for start, _ in policy_level)
    assert len({link.start for link in links}) == len(links)  # one policy per reference
    stored = {(r["start"], r["end"], r["properties"]["candidates"])
              for r in store.relationships("CITES") if r["end"] in ids.values()}
    assert stored == {(link.start, link.end, link.props["candidates"]) for link in links}


def test_a_unique_title_links_wherever_it_was_issued(store, hand_document):
    only = _same_titled(hand_document, "hunan", region="湖南省", province="湖南省", level="province", date="2021-01-01")
    national = _same_titled(hand_document, "nation", region=None, province=None, level=None, date="2016-01-01")
    national.title = "国家" + SHARED_TITLE  # another title: not a candidate
    citing = _citing(hand_document, "广州丙", region="广州市", province="广东省")
    for key, doc in (("hunan", only), ("nation", national), ("citing", citing)):
        store.write_policy(build_policy_graph(doc, key))
    links = [link for link in resolve_citations(store) if link.start == policy_id(store, "citing")]
    assert [(link.end, link.props["via"], link.props["candidates"]) for link in links] == [
        (policy_id(store, "hunan"), "title", 1)]


def test_running_text_finds_each_named_stem_among_many_sharing_their_first_words():
    from policykg.graph.linking import _index, _Policy, _running_text_mentions

    # 300 titles opening with the same words (one seed), stems of many lengths, one a prefix of another
    titles = {f"p{i:03d}": f"甲省关于推进科技成果转化第{i}批{'重点' * (i % 4)}任务的实施方案" for i in range(300)}
    titles["short"] = "甲省关于推进科技成果转化的实施方案"
    titles["long"] = "甲省关于推进科技成果转化的实施方案补充条款专项办法"
    idx = _index({pid: _Policy(pid, None, title, None) for pid, title in titles.items()})
    assert len(idx.stems) < 5 < max(len(stems) for stems in idx.stems.values())

    def named(text):
        return sorted(pid for owners, _ in _running_text_mentions(text, idx) for pid in owners)

    assert named("各地要落实甲省关于推进科技成果转化第17批重点任务的实施方案,抓好。") == ["p017"]
    assert named("依据甲省关于推进科技成果转化第4批任务的要求和第5批") == ["p004"]
    assert named("对照甲省关于推进科技成果转化的实施方案补充条款专项办法执行") == ["long", "short"]
    assert named("甲省关于推进科技成果转化工作") == []
    # the words as written come back with their first place in the text
    (found,) = _running_text_mentions("按照《甲省关于推进科技成果转化第8批任务的实施方案》", idx)
    assert found == (["p008"], "甲省关于推进科技成果转化第8批任务的")


def test_normalised_text_keeps_each_kept_character_s_place_in_the_source():
    from policykg.graph.linking import _normalize_with_map

    source, norm, offsets = _normalize_with_map("依据《甲市ABC办法》(2020年), 第3条。")
    assert norm == "依据甲市abc办法2020年第3条"
    assert [source[i].lower() for i in offsets] == list(norm)
    assert _normalize_with_map("") == ("", "", [])
    assert _normalize_with_map("《》,。")[1:] == ("", [])


def test_the_indexed_choice_answers_as_choose_cited_does():
    from policykg.graph.linking import _Choice, _Policy, choose_cited

    rng = random.Random(11)
    places = [("甲市", "乙省"), ("丙市", "乙省"), ("乙省", "乙省"), (None, "乙省"), ("丁县", "戊省"), (None, None)]
    dates = [None, "", "2018-03-01", "2019-01-01", "2019-01-01", "2020-06-30", "2021", "2022-12-31"]

    def policy(i):
        region, province = rng.choice(places)
        return _Policy(f"p{i:03d}", rng.choice(dates), "标题", None, region, province)

    for _ in range(3000):
        matches = [policy(i) for i in rng.sample(range(60), rng.randint(0, 12))]
        citing = rng.choice(matches) if matches and rng.random() < 0.3 else policy(60 + rng.randint(0, 5))
        assert _Choice(matches).choose(citing) == choose_cited(citing, matches), (citing, matches)
