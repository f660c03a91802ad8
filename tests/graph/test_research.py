"""The research views on both stores, over a small hand-made corpus whose answers are worked out
by hand below: three cities, shared responsibilities, one provision copied from city to city."""

from __future__ import annotations

import pytest
from conftest import ClauseSpec, load_graphs, make_document

from policykg.graph.model import build_policy_graph
from policykg.graph.research import ResearchInputError, ResearchService
from policykg.loaders.records import Instrument

REWARD_TEXT = "对在本市登记的技术合同，按技术交易额的百分之五给予技术输出方奖励，每年最高五十万元。"


def _units(city: str, *names: tuple[str, str]) -> list[tuple[str, str, str, bool, int]]:
    """(short name, function) → unit tuples of one 责任单位 group, the first leading."""
    return [(short, f"{city}{short}", function, i == 0, 0) for i, (short, function) in enumerate(names)]


def _corpus() -> list:
    reward = Instrument("reward", "supply", "enterprise", rate=0.05, text="奖励")
    fund = Instrument("special_fund", "supply", "university", text="专项资金")
    tax = Instrument("tax_incentive", "environment", "enterprise", text="税收优惠")
    procurement = Instrument("procurement", "demand", None, text="首购")
    jia = make_document("甲市促进技术转移若干措施", [("一、资金支持", [
        ClauseSpec("(一)", REWARD_TEXT, _units("甲市", ("科技局", "science_tech"), ("财政局", "finance")),
                   [reward, fund]),
        ClauseSpec("(二)", "落实高新技术企业税收优惠政策，支持高校院所设立技术转移机构。",
                   _units("甲市", ("科技局", "science_tech"), ("财政局", "finance"), ("教育局", "education")), [tax]),
        ClauseSpec("(三)", "组织高校毕业生到科技型企业见习，按规定落实见习补贴。",
                   _units("甲市", ("教育局", "education"), ("人社局", "human_resources")), []),
    ])], path="jia.txt", region="甲市", date="2020-01-01")
    jia.effective_until = "2021-12-31"
    yi = make_document("乙市科技成果转化实施办法", [("一、激励", [
        ClauseSpec("(一)", REWARD_TEXT.replace("本市", "我市"),
                   _units("乙市", ("科技局", "science_tech"), ("人社局", "human_resources")), [reward, procurement]),
    ])], path="yi.txt", region="乙市", date="2023-05-01")
    bing = make_document("丙市落实科技成果转化的通知", [("一、措施", [
        ClauseSpec("(一)", "参照《乙市科技成果转化实施办法》，" + REWARD_TEXT, [], [reward]),
    ])], path="bing.txt", region="丙市", date="2024-02-01", citations=[("乙市科技成果转化实施办法", None)])
    return [build_policy_graph(doc, key) for doc, key in ((jia, "jia.txt"), (yi, "yi.txt"), (bing, "bing.txt"))]


@pytest.fixture
def research(store) -> ResearchService:
    load_graphs(store, _corpus())
    return ResearchService(store)


def _region(answer: dict, name: str) -> dict:
    return next(r for r in answer["regions"] if r["region"] == name)


def test_instrument_mix_counts_and_shares(research):
    answer = research.instrument_mix()
    assert [r["region"] for r in answer["regions"]] == ["丙市", "乙市", "甲市"]
    jia = _region(answer, "甲市")
    assert jia["policies"] == 1 and jia["instruments"] == 3
    assert {t["type"]: t["instruments"] for t in jia["by_type"]} == {"reward": 1, "special_fund": 1, "tax_incentive": 1}
    assert jia["by_category"] == {"supply": 2, "environment": 1, "demand": 0}
    assert jia["shares"] == {"supply": 0.6667, "environment": 0.3333, "demand": 0.0}
    yi = _region(answer, "乙市")
    assert yi["by_category"] == {"supply": 1, "environment": 0, "demand": 1}


def test_instrument_mix_of_chosen_regions_and_dates(research):
    assert [r["region"] for r in research.instrument_mix(["甲市"])["regions"]] == ["甲市"]
    # 甲市's policy ended on 2021-12-31; 乙市's began on 2023-05-01
    assert [r["region"] for r in research.instrument_mix(in_force_on="2021-06-30")["regions"]] == ["甲市"]
    assert [r["region"] for r in research.instrument_mix(in_force_on="2023-06-01")["regions"]] == ["乙市"]
    assert research.instrument_mix(["没有的市"])["regions"] == []


def test_co_responsibility_network(research):
    answer = research.co_responsibility()
    shared = {(e["source"], e["target"]): e["shared"] for e in answer["edges"]}
    pairs = {tuple(sorted((a.split(":", 1)[1], b.split(":", 1)[1]))): n for (a, b), n in shared.items()}
    assert pairs == {
        ("甲市科技局", "甲市财政局"): 2, ("甲市教育局", "甲市科技局"): 1, ("甲市教育局", "甲市财政局"): 1,
        ("甲市人社局", "甲市教育局"): 1, ("乙市人社局", "乙市科技局"): 1,
    }
    nodes = {n["name"]: n for n in answer["nodes"]}
    # 教育局 is the only bridge to 人社局: the shortest paths of 2 pairs (科技局–人社局, 财政局–人社局)
    # pass through it, out of the 5 × 4 / 2 = 10 pairs of the other departments
    assert nodes["甲市教育局"]["betweenness"] == pytest.approx(2 / 10, abs=1e-6)
    assert answer["nodes"][0]["name"] == "甲市教育局"
    assert nodes["甲市科技局"]["strength"] == 3 and nodes["甲市科技局"]["degree"] == 2
    assert nodes["甲市科技局"]["function"] == "science_tech"
    assert nodes["甲市科技局"]["community"] == nodes["甲市财政局"]["community"]
    assert nodes["乙市科技局"]["community"] != nodes["甲市科技局"]["community"]


def test_co_responsibility_limit_and_region(research):
    strongest = research.co_responsibility(limit=1)
    assert len(strongest["edges"]) == 1 and strongest["edges"][0]["shared"] == 2 and strongest["truncated"]
    yi = research.co_responsibility(["乙市"])
    assert {n["name"] for n in yi["nodes"]} == {"乙市科技局", "乙市人社局"}


def test_betweenness_of_a_large_network_is_a_seeded_estimate(research, monkeypatch):
    import policykg.graph.research as research_module

    exact = {n["name"]: n["betweenness"] for n in research.co_responsibility()["nodes"]}
    monkeypatch.setattr(research_module, "BETWEENNESS_SAMPLE", 3)  # the 7 departments are now "large"
    first, again = research.co_responsibility(), research.co_responsibility()
    assert first == again  # one sample, so one answer on every call (and on both stores)
    estimate = {n["name"]: n["betweenness"] for n in first["nodes"]}
    assert estimate.keys() == exact.keys() and estimate != exact
    # departments on no shortest path between others stay at 0 whatever the sample
    for name in ("甲市人社局", "乙市人社局", "乙市科技局"):
        assert estimate[name] == exact[name] == 0
    assert all(0 <= v <= 1 for v in estimate.values())


def test_co_responsibility_follows_the_corpus_after_a_write(store):
    """The store keeps its department pairs until a write and the service its measures per
    network: a policy written afterwards is in the next answer, measured afresh."""
    jia, yi, _ = _corpus()
    load_graphs(store, [jia])
    service = ResearchService(store)
    before = service.co_responsibility()
    assert before == service.co_responsibility()  # asked again: the same answer
    assert {n["name"] for n in before["nodes"]} == {"甲市科技局", "甲市财政局", "甲市教育局", "甲市人社局"}
    load_graphs(store, [yi])
    after = service.co_responsibility()
    nodes = {n["name"]: n for n in after["nodes"]}
    assert {"乙市科技局", "乙市人社局"} <= nodes.keys() and len(after["edges"]) == len(before["edges"]) + 1
    assert after["communities"] == before["communities"] + 1
    assert nodes["乙市科技局"]["community"] == nodes["乙市人社局"]["community"] != nodes["甲市科技局"]["community"]
    # 教育局 bridges 人社局 on the same 2 shortest paths, out of 3 × 2 / 2 = 3 pairs of the other
    # departments before and 5 × 4 / 2 = 10 after
    was = next(n for n in before["nodes"] if n["name"] == "甲市教育局")
    assert was["betweenness"] == pytest.approx(2 / 3, abs=1e-6)
    assert nodes["甲市教育局"]["betweenness"] == pytest.approx(2 / 10, abs=1e-6)
    assert after["betweenness"] == {"estimated": False, "sources": 6, "departments": 6}


def test_diffusion_orders_adopters_by_date(research, store):
    origin = next(n["id"] for n in store.find_nodes("Clause", limit=None)
                  if n["properties"]["policy_id"].startswith("policy:jia") and n["properties"]["label"] == "(一)")
    answer = research.diffusion(origin)
    regions = [i["region"] for i in answer["items"]]
    assert regions == ["甲市", "乙市", "丙市"]
    assert answer["first"] == origin
    assert [i["step"] for i in answer["items"]][0] == 0
    by_region = {i["region"]: i["policy_id"] for i in answer["items"]}
    assert answer["citations"] == [{"start": by_region["丙市"], "end": by_region["乙市"]}]
    assert research.diffusion("clause:none") is None


def test_research_refuses_bad_values(research):
    with pytest.raises(ResearchInputError, match="YYYY-MM-DD"):
        research.instrument_mix(in_force_on="2021/06/30")
    with pytest.raises(ResearchInputError, match="limit"):
        research.co_responsibility(limit=0)


def _operators(plan) -> set[str]:
    found, todo = set(), [plan]
    while todo:
        node = todo.pop()
        found.add(node["operatorType"].split("@")[0])
        todo.extend(node.get("children", []))
    return found


@pytest.mark.neo4j
@pytest.mark.parametrize("query", ["INSTRUMENT_MIX", "POLICIES_PER_REGION", "SHARED_RESPONSIBILITY"])
def test_region_reads_start_from_the_region_index(neo4j_store, query):
    from policykg.graph import cypher as Q

    neo4j_store.ensure_schema()
    with neo4j_store.driver.session(database=neo4j_store.database) as session:
        plan = session.run("EXPLAIN " + getattr(Q, query),
                           {"region_ids": ["region:甲市"], "on": None, "limit": 10}).consume().plan
    operators = _operators(plan)
    assert "NodeUniqueIndexSeek" in operators, operators
    assert not {"AllNodesScan", "NodeByLabelScan"} & operators, operators
