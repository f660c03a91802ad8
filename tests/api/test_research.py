"""The research endpoints on the seed corpus: the same answers on both stores, errors in the one shape."""

from __future__ import annotations

import pytest

from .conftest import get_both

pytestmark = pytest.mark.neo4j


def test_instrument_mix_same_on_both_stores(clients):
    answer = get_both(clients, "/api/v1/research/instrument-mix")
    regions = {r["region"]: r for r in answer["regions"]}
    assert {"荆州市", "武汉市", "周口市", "岳阳市"} <= set(regions)
    for entry in regions.values():
        assert sum(entry["by_category"].values()) == entry["instruments"] == sum(t["instruments"] for t in entry["by_type"])
        if entry["instruments"]:
            assert sum(entry["shares"].values()) == pytest.approx(1.0, abs=1e-3)
    chosen = get_both(clients, "/api/v1/research/instrument-mix", regions="荆州市,武汉市")
    assert [r["region"] for r in chosen["regions"]] == ["武汉市", "荆州市"]
    assert all(t["name_zh"] for r in chosen["regions"] for t in r["by_type"])


def test_co_responsibility_same_on_both_stores(clients):
    answer = get_both(clients, "/api/v1/research/co-responsibility", regions="荆州市")
    assert answer["edges"] and answer["nodes"]
    names = [n["name"] for n in answer["nodes"]]
    # 市科技局 and 市财政局 share 荆州's 责任单位 brackets; 武汉's units are not in 荆州's network
    assert {"荆州市科学技术局", "荆州市财政局"} <= set(names)
    assert not any("武汉" in name for name in names)
    assert any(n["function"] == "science_tech" for n in answer["nodes"])
    ids = {n["id"] for n in answer["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["shared"] >= 1 for e in answer["edges"])


def test_co_responsibility_says_when_betweenness_is_estimated(clients, monkeypatch):
    import networkx as nx

    from policykg.graph import research

    exact = get_both(clients, "/api/v1/research/co-responsibility")
    departments = len(exact["nodes"])
    assert exact["betweenness"] == {"estimated": False, "sources": departments, "departments": departments}
    # fewer sampled sources than departments: the answer says it is an estimate, from how many
    monkeypatch.setattr(research, "BETWEENNESS_SAMPLE", 5)
    sampled = get_both(clients, "/api/v1/research/co-responsibility")
    assert sampled["betweenness"] == {"estimated": True, "sources": 5, "departments": departments}
    graph = nx.Graph()
    for e in sorted(sampled["edges"], key=lambda e: (e["source"], e["target"])):
        graph.add_edge(e["source"], e["target"], weight=e["shared"])
    expected = nx.betweenness_centrality(graph, k=5, normalized=True, seed=0)
    assert {n["id"]: n["betweenness"] for n in sampled["nodes"]} == {k: round(v, 6) for k, v in expected.items()}
    assert [n["strength"] for n in sampled["nodes"]] != [] and sampled["edges"] == exact["edges"]


def test_diffusion_same_on_both_stores(clients, embedded_app_store):
    pair = max(embedded_app_store.store.relationships("SIMILAR_TO"), key=lambda r: r["properties"]["score"])
    answer = get_both(clients, f"/api/v1/research/diffusion/{pair['start']}")
    ids = [i["clause_id"] for i in answer["items"]]
    assert pair["start"] in ids and pair["end"] in ids
    dates = [i["date"] for i in answer["items"] if i["date"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize("url, params", [
    ("/api/v1/research/instrument-mix", {"in_force_on": "2021-13-45"}),
    ("/api/v1/research/co-responsibility", {"limit": 0}),
    ("/api/v1/research/diffusion/x", {"depth": 3}),
])
def test_bad_values_are_422(clients, url, params):
    for c in clients.values():
        r = c.get(url, params=params)
        assert r.status_code == 422 and set(r.json()) == {"error", "detail", "status"}


def test_unknown_clause_is_404(clients):
    for c in clients.values():
        r = c.get("/api/v1/research/diffusion/policy:none/n/1")
        assert r.status_code == 404 and "search" in r.json()["detail"]
