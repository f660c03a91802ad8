"""The shortest path between two nodes, the vocabulary names the page shows, and what the
policy document gives the reader: corrupted passages and highlights on the figures only."""

from __future__ import annotations

from urllib.parse import quote

import networkx as nx
import pytest

from .conftest import get_both
from .test_lookups import policy_id

PATH = "/api/v1/graph/path"


def _all_shortest(embedded_app_store, start: str, end: str) -> list[list[str]]:
    """Every shortest undirected path, found by networkx over the store's own graph."""
    undirected = nx.Graph(embedded_app_store.store.g.to_undirected(as_view=True))
    return [list(p) for p in nx.all_shortest_paths(undirected, start, end)]


def _pairs_joined(body: dict) -> None:
    ids = [n["id"] for n in body["nodes"]]
    for a, b in zip(ids, ids[1:], strict=False):
        assert any({e["from"], e["to"]} == {a, b} for e in body["edges"]), (a, b)
    assert all({e["from"], e["to"]} in [{a, b} for a, b in zip(ids, ids[1:], strict=False)] for e in body["edges"])


@pytest.mark.parametrize(("a", "b"), [("荆州市", "周口市"), ("武汉市", "岳阳市"), ("荆州市", "湖北省")])
def test_path_is_the_smallest_shortest_path(embedded_client, embedded_app_store, a, b):
    start, end = policy_id(embedded_client, a), policy_id(embedded_client, b)
    body = embedded_client.get(PATH, params={"from": start, "to": end, "max_hops": 6}).json()
    expected = _all_shortest(embedded_app_store, start, end)
    assert body["found"] and body["hops"] == len(expected[0]) - 1
    assert [n["id"] for n in body["nodes"]] == min(expected)
    assert len(expected) > 1 or a == "荆州市" and b == "湖北省"
    _pairs_joined(body)
    # readable labels, never the raw id
    assert all(n["label"] and not n["label"].startswith(("policy:", "clause:")) for n in body["nodes"])


def test_path_too_long_for_max_hops_is_not_found(embedded_client, embedded_app_store):
    start, end = policy_id(embedded_client, "荆州市"), policy_id(embedded_client, "周口市")
    hops = len(_all_shortest(embedded_app_store, start, end)[0]) - 1
    body = embedded_client.get(PATH, params={"from": start, "to": end, "max_hops": hops - 1}).json()
    assert body == {"from": start, "to": end, "max_hops": hops - 1, "found": False, "hops": None, "nodes": [], "edges": [],
                    "in_force_on": None}


def test_path_to_itself_and_errors(client):
    start = policy_id(client, "荆州市")
    body = client.get(PATH, params={"from": start, "to": start}).json()
    assert body["found"] and body["hops"] == 0 and [n["id"] for n in body["nodes"]] == [start] and body["edges"] == []
    missing = client.get(PATH, params={"from": start, "to": "policy:nope"})
    assert missing.status_code == 404 and "policy:nope" in missing.json()["detail"]
    assert client.get(PATH, params={"from": start, "to": start, "max_hops": 7}).status_code == 422
    assert client.get(PATH, params={"to": start}).status_code == 422


@pytest.mark.neo4j
@pytest.mark.parametrize(("a", "b", "hops"), [("荆州市", "周口市", 6), ("武汉市", "岳阳市", 6), ("荆州市", "武汉市", 2)])
def test_path_is_the_same_on_both_stores(clients, a, b, hops):
    start, end = policy_id(clients["embedded"], a), policy_id(clients["embedded"], b)
    body = get_both(clients, PATH, **{"from": start, "to": end, "max_hops": hops})
    assert body["nodes"] or hops == 2


def test_vocabularies_name_every_code_in_chinese(embedded_client):
    body = embedded_client.get("/api/v1/graph/vocabularies").json()
    assert len(body["instrument_types"]) == 23  # 21 + income_retention, disposal_right
    assert body["instrument_types"]["special_fund"] == "专项资金" and body["instrument_types"]["voucher"] == "创新券"
    assert body["beneficiaries"]["enterprise"] == "企业" and body["functions"]["science_tech"] == "科技"
    for names in body.values():
        assert all(name and name != code and not name.isascii() for code, name in names.items())


def _document(client, region: str) -> dict:
    pid = policy_id(client, region)
    return client.get(f"/api/v1/policies/{quote(pid, safe='')}/document").json()


def test_document_marks_corrupted_passages(client):
    doc = _document(client, "湖北省")
    marked = [(n["text"][c["start"]:c["end"]], c["message"]) for n in doc["nodes"] for c in n["corrupted"]]
    assert [m[0] for m in marked] == ["咨詢橐惑w", "到規的", "專家、"]
    assert all("check this passage" in m[1] for m in marked)
    assert all(len(n["text_simplified"]) == len(n["text"]) for n in doc["nodes"])
    assert not any(n["corrupted"] for n in _document(client, "荆州市")["nodes"])


def test_amount_highlights_cover_the_figures_only(client):
    doc = _document(client, "荆州市")
    amounts = [n["text"][s["start"]:s["end"]] for n in doc["nodes"] for s in n["spans"] if s["type"] == "amount"]
    assert "8%" in amounts and "20万元" in amounts
    assert all(len(a) <= 12 and any(ch.isdigit() or ch in "一二三四五六七八九十百千万" for ch in a) for a in amounts), amounts
