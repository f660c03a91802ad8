""""In force on" a date through the API, on both stores (same answers), over the bundled seeds:
荆州's measures run from 2025-06-06 to 2026-12-31, 武汉's from 2024-01-28, 湖北's plan from
2021-10-19, 周口's from 2023-11-24; 岳阳's carries no date and is never counted as in force."""

from __future__ import annotations

import pytest

from .conftest import get_both

pytestmark = pytest.mark.neo4j
BEFORE_WUHAN = "2024-01-01"  # 湖北 and 周口 in force; 武汉 and 荆州 not yet
AFTER_JINGZHOU = "2027-01-01"  # 荆州's ended; 武汉, 湖北 and 周口 in force


def _regions(items: list[dict]) -> set[str]:
    return {i["region"] for i in items}


def test_instrument_list(clients):
    every = get_both(clients, "/api/v1/instruments", limit=1000)
    assert {"荆州市", "武汉市", "湖北省", "周口市", "岳阳市"} <= _regions(every["items"])
    early = get_both(clients, "/api/v1/instruments", limit=1000, in_force_on=BEFORE_WUHAN)
    assert _regions(early["items"]) == {"湖北省", "周口市"} and early["in_force_on"] == BEFORE_WUHAN
    late = get_both(clients, "/api/v1/instruments", limit=1000, in_force_on=AFTER_JINGZHOU)
    assert _regions(late["items"]) == {"武汉市", "湖北省", "周口市"}
    assert late["total"] == sum(1 for i in every["items"] if i["region"] in {"武汉市", "湖北省", "周口市"})


def test_what_a_university_in_wuhan_could_get_on_a_date(clients):
    url = "/api/v1/beneficiaries/university_institute/instruments"
    every = get_both(clients, url, region="武汉市", limit=1000)
    assert _regions(every["items"]) == {"武汉市", "湖北省"}
    early = get_both(clients, url, region="武汉市", limit=1000, in_force_on=BEFORE_WUHAN)
    assert _regions(early["items"]) == {"湖北省"}  # 武汉's measures were issued on 2024-01-28
    assert all(i["in_force"] is True for i in early["items"])
    assert early["total"] == sum(1 for i in every["items"] if i["region"] == "湖北省")


def test_search(clients):
    every = get_both(clients, "/api/v1/search", q="技术交易", limit=200)
    assert {"荆州市", "武汉市"} <= _regions([h["clause"] for h in every["items"]])
    early = get_both(clients, "/api/v1/search", q="技术交易", limit=200, in_force_on=BEFORE_WUHAN)
    hits = [h["clause"] for h in early["items"]]
    assert hits and _regions(hits) <= {"湖北省", "周口市"}
    assert [h for h in every["items"] if h["clause"]["region"] in {"湖北省", "周口市"}] == early["items"]
    assert early["filters"] == {"in_force_on": BEFORE_WUHAN}


def test_neighbourhood(clients):
    url = "/api/v1/graph/region:武汉市"
    every = get_both(clients, url, depth=2, limit=2000)
    wuhan = {n["id"] for n in every["nodes"] if n["type"] == "Policy" and n["properties"].get("region") == "武汉市"}
    assert wuhan and any(n["properties"].get("policy_id") in wuhan for n in every["nodes"])
    dated = get_both(clients, url, depth=2, limit=2000, in_force_on=BEFORE_WUHAN)
    kept = {n["id"] for n in dated["nodes"]}
    # 武汉's policy and every node it owns are gone; its bureaus (shared nodes) stay
    assert not kept & wuhan and not any(n["properties"].get("policy_id") in wuhan for n in dated["nodes"])
    assert "dept:武汉市科技创新局" in kept and "region:武汉市" in kept
    assert all(e["from"] in kept and e["to"] in kept for e in dated["edges"])
    assert dated["in_force_on"] == BEFORE_WUHAN and kept < {n["id"] for n in every["nodes"]}


def _policy_ids(clients) -> dict[str, str]:
    items = get_both(clients, "/api/v1/policies", limit=100)["items"]
    return {p["region"]: p["id"] for p in items}


def _owner(node: dict) -> str | None:
    return node["id"] if node["type"] == "Policy" else node["properties"].get("policy_id")


@pytest.mark.parametrize("a, b", [("周口市", "荆州市"), ("岳阳市", "湖北省"), ("周口市", "武汉市")])
def test_path_passes_only_through_policies_in_force(clients, a, b):
    ids = _policy_ids(clients)
    regions = {pid: region for region, pid in ids.items()}
    ends = {"from": ids[a], "to": ids[b], "max_hops": 6}
    every = get_both(clients, "/api/v1/graph/path", **ends)
    # undated, the shortest path runs through provisions of policies not in force before 武汉's
    assert {regions.get(_owner(n)) for n in every["nodes"][1:-1]} - {None} - {"湖北省", "周口市"}
    dated = get_both(clients, "/api/v1/graph/path", **ends, in_force_on=BEFORE_WUHAN)
    assert dated["found"] and dated["in_force_on"] == BEFORE_WUHAN and every["in_force_on"] is None
    assert [dated["nodes"][0]["id"], dated["nodes"][-1]["id"]] == [ids[a], ids[b]]  # the ends as chosen
    assert {regions.get(_owner(n)) for n in dated["nodes"][1:-1]} <= {None, "湖北省", "周口市"}
    assert dated["hops"] >= every["hops"] and len(dated["edges"]) >= dated["hops"]


def test_path_too_long_once_dated(clients):
    ids = _policy_ids(clients)
    ends = {"from": ids["岳阳市"], "to": ids["湖北省"]}
    # 岳阳's clauses reach 荆州's through the beneficiary they share: 4 hops; 岳阳's policy
    # carries no date and 荆州's starts in 2025, so on 2024-01-01 the way goes round by the
    # departments' functions: 6 hops
    assert get_both(clients, "/api/v1/graph/path", **ends, max_hops=4)["hops"] == 4
    assert get_both(clients, "/api/v1/graph/path", **ends, max_hops=4, in_force_on=BEFORE_WUHAN)["found"] is False
    around = get_both(clients, "/api/v1/graph/path", **ends, max_hops=6, in_force_on=BEFORE_WUHAN)
    assert around["hops"] == 6 and [n["type"] for n in around["nodes"]][1:-1] == [
        "Region", "Department", "Function", "Department", "Region"]


@pytest.mark.parametrize("url, params", [
    ("/api/v1/graph/path", {"from": "region:湖北省", "to": "region:武汉市"}),
    ("/api/v1/instruments", {}),
    ("/api/v1/beneficiaries/university_institute/instruments", {"region": "武汉市"}),
    ("/api/v1/search", {"q": "中试"}),
    ("/api/v1/graph/region:湖北省", {}),
    ("/api/v1/research/instrument-mix", {}),
    ("/api/v1/research/co-responsibility", {}),
])
@pytest.mark.parametrize("bad", ["2021/06/30", "2021-13-45"])
def test_one_error_for_a_bad_date(clients, url, params, bad):
    for c in clients.values():
        r = c.get(url, params={**params, "in_force_on": bad})
        assert r.status_code == 422, (url, r.text)
        assert r.json() == {"error": "invalid_parameter", "status": 422,
                            "detail": f"in_force_on must be a date written YYYY-MM-DD (e.g. 2024-01-31), not {bad!r}; "
                                      "leave it out to keep every policy."}


def test_department_list(clients):
    every = get_both(clients, "/api/v1/departments", function="science_tech", limit=1000)
    assert {"dept:荆州市科学技术局", "dept:武汉市科技创新局"} <= {d["id"] for d in every["items"]}
    early = get_both(clients, "/api/v1/departments", function="science_tech", limit=1000, in_force_on=BEFORE_WUHAN)
    kept = {d["id"] for d in early["items"]}
    # 荆州's and 武汉's bureaus are responsible only for measures not yet in force then
    assert early["in_force_on"] == BEFORE_WUHAN and early["total"] == len(kept) > 0
    assert not kept & {"dept:荆州市科学技术局", "dept:武汉市科技创新局"}
    assert _regions(early["items"]) <= {"湖北省", "周口市", None}


def test_one_department(clients):
    url = "/api/v1/departments/dept:荆州市科学技术局"
    every = get_both(clients, url)
    # named in the 责任单位 of 21 measures of 荆州's policy, first of its group in 18 (the seed text)
    assert (every["clause_total"], every["lead_clause_count"], every["co_clause_count"]) == (21, 18, 3)
    assert (every["policy_count"], every["region_count"], every["in_force_on"]) == (1, 1, None)
    in_force = get_both(clients, url, in_force_on="2026-12-31")
    # its own lists are whole; its counterparts are those responsible for measures in force that
    # day: not 岳阳's (its policy carries no date) nor 周口's (responsible for none of its measures)
    assert {k: v for k, v in in_force.items() if k != "counterparts"} == \
        {**{k: v for k, v in every.items() if k != "counterparts"}, "in_force_on": "2026-12-31"}
    assert {d["id"] for d in every["counterparts"]} == {"dept:湖北省科学技术厅", "dept:岳阳市科学技术局",
                                                        "dept:武汉市科技创新局", "dept:周口市科学技术局"}
    assert {d["id"] for d in in_force["counterparts"]} == {"dept:湖北省科学技术厅", "dept:武汉市科技创新局"}
    for day in ("2025-06-05", AFTER_JINGZHOU):  # the day before it took effect; after it expired
        dated = get_both(clients, url, in_force_on=day)
        assert (dated["clause_total"], dated["clauses"], dated["leads"], dated["co_owns"]) == (0, [], {}, {})
        assert (dated["lead_counts"], dated["policy_count"], dated["partners"]) == ({}, 0, [])
        assert dated["department"] == every["department"]  # the bureau itself is still there
        assert get_both(clients, url + "/clauses", in_force_on=day)["total"] == 0
        assert get_both(clients, url + "/instruments", type="reward", in_force_on=day)["total"] == 0
