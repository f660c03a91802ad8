"""Every lookup endpoint through the real app, on both stores, with answers checked on the seeds."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from .conftest import get_both

ENDPOINTS = [
    ("/api/v1/policies", {}),
    ("/api/v1/policies", {"level": "city", "limit": 2, "offset": 1}),
    ("/api/v1/departments", {"function": "science_tech"}),
    ("/api/v1/departments", {"region": "荆州市"}),
    ("/api/v1/instruments", {"type": "reward", "sort": "cap"}),
    ("/api/v1/instruments", {"beneficiary": "enterprise", "region": "湖北省", "min_rate": 0.05}),
    ("/api/v1/beneficiaries", {}),
    ("/api/v1/beneficiaries/university_institute/instruments", {"region": "武汉市"}),
    ("/api/v1/search", {"q": "技术经纪人"}),
    ("/api/v1/graph/search", {"q": "科技局"}),
]


def policy_id(client, region: str) -> str:
    items = client.get("/api/v1/policies", params={"region": region}).json()["items"]
    [policy] = [p for p in items if p["region"] == region]
    return policy["id"]


def clause_id(client, region: str, label: str) -> str:
    pid = policy_id(client, region)
    doc = client.get(f"/api/v1/policies/{quote(pid, safe='')}/document").json()
    [node] = [n for n in doc["nodes"] if n["is_clause"] and n["label"] == label]
    return node["id"]


@pytest.mark.neo4j
@pytest.mark.parametrize(("url", "params"), ENDPOINTS)
def test_same_answer_on_both_stores(clients, url, params):
    get_both(clients, url, **params)


@pytest.mark.neo4j
def test_detail_endpoints_same_on_both_stores(clients):
    emb = clients["embedded"]
    pid = policy_id(emb, "荆州市")
    cid = clause_id(emb, "荆州市", "(七)")
    for url in (f"/api/v1/policies/{quote(pid, safe='')}", f"/api/v1/policies/{quote(pid, safe='')}/document",
                f"/api/v1/clauses/{quote(cid, safe='')}", "/api/v1/departments/" + quote("dept:荆州市科学技术局", safe=""),
                f"/api/v1/graph/{quote(cid, safe='')}"):
        get_both(clients, url)


def test_health(client):
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["version"]
    assert body["counts"]["nodes"]["Policy"] == 5
    assert body["counts"]["relationships"]["SIMILAR_TO"] >= 1


def test_policy_list_facets_and_pagination(client):
    body = client.get("/api/v1/policies").json()
    assert body["total"] == 5
    regions = {f["value"]: f["count"] for f in body["facets"]["region"]}
    assert regions == {"荆州市": 1, "武汉市": 1, "湖北省": 1, "周口市": 1, "岳阳市": 1}
    assert {f["value"]: f["count"] for f in body["facets"]["level"]} == {"city": 4, "province": 1}
    assert {"2025", "2024", "2021", "2023"} <= {f["value"] for f in body["facets"]["year"]}
    page = client.get("/api/v1/policies", params={"limit": 2, "offset": 4}).json()
    assert page["total"] == 5 and len(page["items"]) == 1
    province = client.get("/api/v1/policies", params={"level": "province"}).json()
    assert [p["doc_number"] for p in province["items"]] == ["鄂政办函〔2021〕38号"]
    assert client.get("/api/v1/policies", params={"year": 2024}).json()["items"][0]["region"] == "武汉市"


def test_policy_detail_citations_and_validity(client):
    jingzhou = policy_id(client, "荆州市")
    hubei = policy_id(client, "湖北省")
    body = client.get(f"/api/v1/policies/{quote(jingzhou, safe='')}").json()
    assert body["policy"]["title"] == "荆州市促进科技成果转化和科创供应链平台建设若干政策措施"
    assert body["validity"]["from"] == "2025-06-06" and body["validity"]["until"] == "2026-12-31"
    numbers = {c["doc_number"] for c in body["citations_out"]}
    assert {"鄂政办发〔2024〕25号", "荆政办发〔2024〕16号", "荆办发电〔2022〕6号"} <= numbers
    to_hubei = [c for c in body["citations_out"] if c["target"] and c["target"]["id"] == hubei]
    assert to_hubei and to_hubei[0]["via"] == "running_text"
    parts = [n for n in body["structure"] if n["kind"] == "part"]
    assert len(parts) == 15 and parts[3]["children"][0]["label"] == "(七)"
    cited_by = client.get(f"/api/v1/policies/{quote(hubei, safe='')}").json()["citations_in"]
    assert [c["policy"]["id"] for c in cited_by] == [jingzhou]


def test_policy_document_has_highlight_spans_that_match_the_text(client):
    pid = policy_id(client, "荆州市")
    doc = client.get(f"/api/v1/policies/{quote(pid, safe='')}/document").json()
    clause = next(n for n in doc["nodes"] if n["label"] == "(七)")
    kinds = {s["type"] for s in clause["spans"]}
    assert {"department", "amount", "beneficiary"} <= kinds
    words = {clause["text"][s["start"]:s["end"]] for s in clause["spans"] if s["type"] == "department"}
    assert {"市科技局", "市财政局"} <= words


def test_clause_detail(client):
    cid = clause_id(client, "荆州市", "(七)")
    body = client.get(f"/api/v1/clauses/{quote(cid, safe='')}").json()
    assert body["clause"]["label"] == "(七)" and "8%" in body["clause"]["text"]
    assert body["clause"]["orig_end"] > body["clause"]["orig_start"]
    lead = body["responsible"][0]
    assert lead["lead"] and lead["name"] == "市科技局" and lead["department"]["canonical"] == "荆州市科学技术局"
    assert [r["lead"] for r in body["responsible"]].count(True) == 1
    rates = sorted((i["rate"], i["beneficiary"]) for i in body["instruments"] if i["rate"])
    assert rates == [(0.01, "tech_transfer_agency"), (0.02, "university_institute"), (0.08, "enterprise")]
    [similar] = [s for s in body["similar"] if s["clause"]["region"] == "武汉市"]
    assert similar["clause"]["label"] == "(十四)" and similar["score"] >= 0.25
    assert {b["code"] for b in body["beneficiaries"]} >= {"enterprise", "tech_broker"}


def test_department_list_and_detail(client):
    body = client.get("/api/v1/departments", params={"function": "science_tech"}).json()
    canon = {d["canonical"] for d in body["items"]}
    assert {"荆州市科学技术局", "武汉市科技创新局", "湖北省科学技术厅"} <= canon
    assert all(d["function"] == "science_tech" for d in body["items"])
    dept = client.get("/api/v1/departments/" + quote("dept:荆州市科学技术局", safe="")).json()
    assert "市科技局" in dept["department"]["names"]
    reward_rates = {i["rate"] for i in dept["leads"]["reward"]}
    assert {0.08, 0.02, 0.01} <= reward_rates
    assert any(c["label"] == "(三十二)" and not c["lead"] for c in dept["clauses"])


def test_instrument_filters_and_sorting(client):
    body = client.get("/api/v1/instruments", params={"type": "reward", "region": "荆州市", "sort": "cap"}).json()
    caps = [i["cap_yuan"] for i in body["items"] if i["cap_yuan"] is not None]
    assert caps == sorted(caps, reverse=True) and caps[0] == 1.5e6
    rated = client.get("/api/v1/instruments", params={"min_rate": 0.5, "sort": "rate", "order": "asc"}).json()
    rates = [i["rate"] if i["rate"] is not None else i["rate_max"] for i in rated["items"]]
    assert rates == sorted(rates) and min(rates) >= 0.5
    capped = client.get("/api/v1/instruments", params={"max_cap": 50000}).json()["items"]
    assert capped and all(i["cap_yuan"] <= 50000 for i in capped)
    by_function = client.get("/api/v1/instruments", params={"function": "financial_regulation"}).json()["items"]
    assert any(i["rate"] == 0.15 for i in by_function)


def test_beneficiary_view_applies_province_plans_to_their_cities(client):
    body = client.get("/api/v1/beneficiaries/university_institute/instruments", params={"region": "武汉市"}).json()
    assert body["regions_applied"] == ["武汉市", "湖北省"]
    assert {i["region"] for i in body["items"]} <= {"武汉市", "湖北省"}
    instruments = [ins for item in body["items"] for ins in item["instruments"]]
    assert any(i["cap_yuan"] == 3e7 and i["clause_label"] == "(一)" for i in instruments)
    assert any(i["rate"] == 0.02 and i["clause_label"] == "(十四)" for i in instruments)
    assert not any(i["region"] == "荆州市" for i in body["items"])


def test_beneficiary_view_lists_each_provision_once_with_all_its_types(client):
    url = "/api/v1/beneficiaries/university_institute/instruments"
    body = client.get(url, params={"region": "武汉市", "limit": 1000}).json()
    keys = [item["provision_id"] for item in body["items"]]
    assert len(keys) == len(set(keys)) == body["total"]
    for item in body["items"]:
        assert item["instruments"] and {i["clause_id"] for i in item["instruments"]} == {item["clause_id"]}
        assert item["types"] == list(dict.fromkeys(i["type"] for i in item["instruments"]))
    # Wuhan (一) grants a reward (奖励) and a special fund (专项资金) in one provision: one item, both types
    first = [item for item in body["items"] if item["region"] == "武汉市" and item["clause_label"] == "(一)"
             and "special_fund" in item["types"]]
    assert len(first) == 1 and set(first[0]["types"]) == {"reward", "special_fund"}
    page = client.get(url, params={"region": "武汉市", "limit": 2, "offset": 1}).json()
    assert [i["provision_id"] for i in page["items"]] == keys[1:3] and page["total"] == body["total"]


def test_beneficiary_view_gives_each_provision_its_policys_validity(client):
    params = {"region": "荆州市", "limit": 1000}
    body = client.get("/api/v1/beneficiaries/enterprise/instruments", params=params).json()
    jingzhou = [i for i in body["items"] if i["region"] == "荆州市"]
    # 荆州's measures were issued on 2025-06-05, in force from the next day until the end of 2026
    assert jingzhou and all((i["policy_date"], i["valid_from"], i["valid_until"]) == ("2025-06-05", "2025-06-06", "2026-12-31")
                            for i in jingzhou)
    wuhan = client.get("/api/v1/beneficiaries/university_institute/instruments", params={"region": "武汉市"}).json()
    # Wuhan's measures state no validity: in force from their date of issue, no end
    assert {(i["valid_from"], i["valid_until"]) for i in wuhan["items"] if i["region"] == "武汉市"} == {("2024-01-28", None)}
    assert all(i["in_force"] is True for i in wuhan["items"] if i["region"] == "武汉市")


def test_search_returns_highlighted_snippets(client):
    body = client.get("/api/v1/search", params={"q": "技术经纪人"}).json()
    labels = {(i["clause"]["region"], i["clause"]["label"]) for i in body["items"]}
    assert {("荆州市", "(十九)"), ("武汉市", "(十四)")} <= labels
    for item in body["items"]:
        assert item["highlights"]
        for start, end in item["highlights"]:
            assert item["snippet"][start:end] == "技术经纪人"


def test_search_finds_traditional_text_with_simplified_query(client):
    body = client.get("/api/v1/search", params={"q": "概念验证中心"}).json()
    assert "湖北省" in {i["clause"]["region"] for i in body["items"]}


def test_graph_neighbourhood_with_limit(client):
    cid = clause_id(client, "荆州市", "(七)")
    body = client.get(f"/api/v1/graph/{quote(cid, safe='')}", params={"depth": 1, "limit": 200}).json()
    types = {n["type"] for n in body["nodes"]}
    assert {"Clause", "Department", "Instrument"} <= types
    ids = {n["id"] for n in body["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in body["edges"])
    assert all(n["color"] and n["shape"] and n["label"] for n in body["nodes"])
    small = client.get(f"/api/v1/graph/{quote(cid, safe='')}", params={"limit": 3}).json()
    assert len(small["nodes"]) == 3 and small["truncated"] is True
    found = client.get("/api/v1/graph/search", params={"q": "市科技局"}).json()["items"]
    assert "dept:荆州市科学技术局" in {i["id"] for i in found}


@pytest.mark.parametrize(
    ("url", "status", "error"),
    [
        ("/api/v1/clauses/clause:nope", 404, "not_found"),
        ("/api/v1/policies/policy:nope", 404, "not_found"),
        ("/api/v1/departments/dept:nope", 404, "not_found"),
        ("/api/v1/graph/nope", 404, "not_found"),
        ("/api/v1/beneficiaries/aliens/instruments", 404, "not_found"),
        ("/api/v1/policies?limit=0", 422, "invalid_parameter"),
        ("/api/v1/policies?level=planet", 422, "invalid_parameter"),
        ("/api/v1/instruments?min_rate=abc", 422, "invalid_parameter"),
        ("/api/v1/search", 422, "invalid_parameter"),
        ("/api/v1/graph/x?depth=9", 422, "invalid_parameter"),
        ("/api/v1/nothing-here", 404, "not_found"),
    ],
)
def test_one_error_shape(client, url, status, error):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error", "detail", "status"}
    assert body["error"] == error and body["status"] == status and len(body["detail"]) > 20


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    assert "/api/v1/compare" in spec["paths"] and "/api/v1/cypher" in spec["paths"]
    models = set(spec["components"]["schemas"])
    assert {"InstrumentPage", "InstrumentRow", "CompareMatrix", "CompareCell", "BeneficiaryInstruments",
            "DepartmentList", "DepartmentDetail"} <= models
    assert client.get("/docs").status_code == 200


def test_department_lists_are_capped_numbered_first_and_counted(client):
    url = "/api/v1/departments/" + quote("dept:荆州市科学技术局", safe="")
    full = client.get(url).json()
    capped = client.get(url, params={"per_type": 1, "clause_limit": 2}).json()
    assert full["lead_counts"] == {t: len(rows) for t, rows in full["leads"].items()}  # no seed list reaches 20
    assert capped["lead_counts"] == full["lead_counts"] and capped["co_counts"] == full["co_counts"]
    assert full["lead_counts"]["reward"] >= 3
    for rows in capped["leads"].values():
        assert len(rows) == 1
    assert capped["leads"]["reward"][0]["rate"] is not None  # an instrument with a number comes first
    assert capped["clauses"] == full["clauses"][:2] and capped["clause_total"] == len(full["clauses"]) > 2
    assert client.get(url, params={"per_type": 0}).status_code == 422


def test_search_items_carry_policy_title_region_and_date(client):
    body = client.get("/api/v1/search", params={"q": "技术经纪人", "limit": 5}).json()
    assert body["query"] == "技术经纪人" and body["filters"] == {} and 0 < len(body["items"]) <= 5
    scores = [i["score"] for i in body["items"]]
    assert scores == sorted(scores, reverse=True)
    for item in body["items"]:
        assert item["clause"]["policy_title"] and item["clause"]["date"] and item["clause"]["region"]


def test_search_filters_narrow_the_hits(client):
    everywhere = client.get("/api/v1/search", params={"q": "技术经纪人", "limit": 50}).json()["items"]
    wuhan = client.get("/api/v1/search", params={"q": "技术经纪人", "limit": 50, "region": "武汉市"}).json()
    assert wuhan["filters"] == {"region": "武汉市"}
    assert wuhan["items"] and {i["clause"]["region"] for i in wuhan["items"]} == {"武汉市"}
    assert len(wuhan["items"]) < len(everywhere)
    years = {i["clause"]["date"][:4] for i in everywhere}
    year = sorted(years)[0]
    dated = client.get("/api/v1/search", params={"q": "技术经纪人", "limit": 50, "year": year}).json()["items"]
    assert dated and {i["clause"]["date"][:4] for i in dated} == {year}
    rewards = client.get("/api/v1/search", params={"q": "奖励", "instrument": "reward", "limit": 50}).json()["items"]
    assert rewards and len(rewards) < len(client.get("/api/v1/search", params={"q": "奖励", "limit": 50}).json()["items"])
    assert client.get("/api/v1/search", params={"q": "奖励", "year": 1800}).status_code == 422


def test_suggest_lists_names_starting_with_the_text_first(client):
    body = client.get("/api/v1/suggest", params={"q": "武汉", "limit": 10}).json()
    assert body["query"] == "武汉" and body["items"]
    assert all("武汉" in i["name"] for i in body["items"])
    assert body["items"][0]["prefix"] and body["items"][0]["name"].startswith("武汉")
    assert {i["kind"] for i in body["items"]} <= {"policy", "department", "place", "beneficiary"}
    kinds = {i["kind"] for i in client.get("/api/v1/suggest", params={"q": "科技", "limit": 50}).json()["items"]}
    assert {"policy", "department"} <= kinds
    places = client.get("/api/v1/suggest", params={"q": "湖北省", "limit": 50}).json()["items"]
    assert {"kind": "place", "id": "region:湖北省", "name": "湖北省", "prefix": True} in places
    assert client.get("/api/v1/suggest", params={"q": "企业"}).json()["items"][0]["kind"] == "beneficiary"
    assert client.get("/api/v1/suggest", params={"q": ""}).status_code == 422


@pytest.mark.neo4j
@pytest.mark.parametrize("params", [{"q": "科技"}, {"q": "湖北", "limit": 3}, {"q": "局", "limit": 20}, {"q": "企"}])
def test_suggest_same_on_both_stores(clients, params):
    get_both(clients, "/api/v1/suggest", **params)


@pytest.mark.neo4j
@pytest.mark.parametrize("params", [{"q": "科技成果 转化", "limit": 50}, {"q": "奖励", "region": "湖北省"},
                                    {"q": "企业", "beneficiary": "enterprise", "limit": 100}])
def test_search_with_filters_same_on_both_stores(clients, params):
    get_both(clients, "/api/v1/search", **params)
def test_the_api_holds_no_whole_corpus_structure(embedded_app_store, seed_graphs):
    """Answering every kind of read, the service neither reads the whole corpus (no
    all_policies, relationships, or unpaged find_nodes of instruments) nor keeps anything the
    size of it."""
    from policykg.api.app import create_app
    from policykg.settings import Settings

    store = embedded_app_store.store
    whole: list[str] = []

    class Spy:
        def __getattr__(self, name):
            attr = getattr(store, name)
            if name in ("all_policies", "relationships"):
                whole.append(name)
            if name == "find_nodes":
                def find_nodes(label, *args, **kwargs):
                    if label in ("Instrument", "Clause", "Policy") and kwargs.get("limit", 100) is None:
                        whole.append(f"find_nodes({label})")
                    return attr(label, *args, **kwargs)
                return find_nodes
            return attr

    from policykg.stores import OpenStore

    app = create_app(Settings(), opened=OpenStore("embedded", Spy()))
    urls = ["/api/v1/instruments", "/api/v1/instruments?region=荆州市&sort=cap",
            "/api/v1/instruments?function=finance&include_co=true", "/api/v1/compare",
            "/api/v1/compare?rows=instrument_type&include_co=true", "/api/v1/beneficiaries",
            "/api/v1/beneficiaries/enterprise/instruments?region=武汉市", "/api/v1/departments",
            "/api/v1/departments?region=荆州市", "/api/v1/departments/" + quote("dept:荆州市科学技术局", safe=""),
            "/api/v1/policies", "/api/v1/policies?region=湖北省&year=2023"]
    instruments = sum(1 for pg in seed_graphs for _, label, _ in pg.nodes if label == "Instrument")
    with TestClient(app) as client:
        for url in urls:
            assert client.get(url).status_code == 200, url
        assert whole == []
        service = app.state.service
        # the names of the small vocabularies (functions, instrument and beneficiary types) are all it keeps
        assert set(service._names) <= {"Function", "InstrumentType", "BeneficiaryType"}
        for name, value in vars(service).items():
            if name == "_names":
                continue
            if isinstance(value, (list, dict, set, tuple)):
                assert len(value) < instruments / 10, name
            for inner in (value.values() if isinstance(value, dict) else ()):
                if isinstance(inner, (list, dict, set)):
                    assert len(inner) < instruments / 10, name


def test_a_departments_more_pages_continue_its_lists(client):
    url = "/api/v1/departments/" + quote("dept:荆州市科学技术局", safe="")
    first = client.get(url, params={"per_type": 2, "clause_limit": 5}).json()
    rewards = client.get(url + "/instruments", params={"type": "reward", "role": "lead", "offset": 2, "limit": 100}).json()
    assert rewards["total"] == first["lead_counts"]["reward"] == 2 + len(rewards["items"])
    full = client.get(url, params={"per_type": 100}).json()
    assert first["leads"]["reward"] + rewards["items"] == full["leads"]["reward"]  # each once, in the same order
    assert [i["rate"] for i in full["leads"]["reward"][:3]] == [0.08, 0.02, 0.01]  # (七)'s, those with a number first
    clauses = client.get(url + "/clauses", params={"offset": 5, "limit": 100}).json()
    assert (clauses["total"], clauses["offset"]) == (21, 5) and first["clauses"] + clauses["items"] == full["clauses"]
    co = client.get(url + "/instruments", params={"type": "reward", "role": "co"}).json()
    assert co["items"] == full["co_owns"]["reward"]
    assert client.get(url + "/instruments").status_code == 422  # which type
    assert client.get(url + "/instruments", params={"type": "reward", "role": "any"}).status_code == 422
    missing = client.get("/api/v1/departments/dept:nope/clauses")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    assert client.get(url, params={"in_force_on": "2025/06/06"}).json()["error"] == "invalid_parameter"


def test_counterparts_page_on_past_the_departments_own_region(client, monkeypatch):
    from policykg.graph import query_service

    url = "/api/v1/departments/" + quote("dept:湖北省科学技术厅", safe="")
    full = client.get(url).json()["counterparts"]
    # 湖北's bureau is the busiest science_tech unit of the seeds (26 clauses), then 荆州's (21)
    assert [d["id"] for d in full[:1]] == ["dept:荆州市科学技术局"] and len(full) == 4
    monkeypatch.setattr(query_service, "COUNTERPART_SLACK", 0)  # the first page holds only itself
    for n in (1, 2, 4):
        assert client.get(url, params={"related_limit": n}).json()["counterparts"] == full[:n]
