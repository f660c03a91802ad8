"""The cross-city matrix on the seed corpus, checked cell by cell for science_tech and finance.

The expected cells were read off the seed policies by hand: for each region, every
quantified incentive whose provision names a department of that function after 责任单位
(or, in the Zhoukou policy that has no 责任单位, names a funding body of that function).
That is the matrix with ``include_co``; by default a row holds only what a unit of its
function leads.
"""

from __future__ import annotations

import pytest

from .conftest import get_both

REGIONS = ["周口市", "岳阳市", "武汉市", "湖北省", "荆州市"]

# (clause label, rate or (rate_min, rate_max), cap in yuan)
EXPECTED = {
    "science_tech": {
        "荆州市": {("(七)", 0.08, 1e6), ("(七)", 0.02, 1e6), ("(七)", 0.01, 1.5e6), ("(十九)", 0.02, None),
                  ("(二十)", None, 3e4), ("(三十)", 0.5, None), ("(三十二)", None, 2e5)},
        "武汉市": {("(一)", None, 3e7), ("(二)", 0.7, None), ("(三)", (0.7, 0.99), None), ("(七)", None, 1e7),
                  ("(八)", None, 3e7), ("(十)", None, 1e7), ("(十四)", 0.08, 1e6), ("(十四)", 0.02, 1e6),
                  ("(十四)", 0.01, 1.5e6), ("(十四)", 0.3, None)},
        "湖北省": {("11.", (0.7, 0.99), None), ("14.", 0.1, 1e6)},
        "周口市": set(),
        "岳阳市": {("6.", 0.02, 2e5), ("6.", 0.04, 1e5), ("6.", 0.01, 1e5)},
    },
    "finance": {
        "荆州市": {("(七)", 0.08, 1e6), ("(七)", 0.02, 1e6), ("(七)", 0.01, 1.5e6), ("(十六)", None, 2e5),
                  ("(二十)", None, 3e4), ("(三十)", 0.5, None), ("(三十二)", None, 2e5)},
        "武汉市": {("(一)", None, 3e7), ("(二)", 0.7, None), ("(三)", (0.7, 0.99), None), ("(十七)", 0.15, 1e6),
                  ("(十七)", 0.2, 3e6)},
        "湖北省": {("14.", 0.1, 1e6)},
        "周口市": {("(五)", 0.1, 1e6), ("(六)", 0.3, None), ("(八)", 0.02, 1e6)},
        "岳阳市": {("6.", 0.02, 2e5), ("6.", 0.04, 1e5), ("6.", 0.01, 1e5), ("8.", 0.5, 5e6)},
    },
}


def quantified(cell: list[dict]) -> set[tuple]:
    out = set()
    for ins in cell:
        rate = ins["rate"] if ins["rate"] is not None else (
            (ins["rate_min"], ins["rate_max"]) if ins["rate_min"] is not None else None)
        if rate is None and ins["cap_yuan"] is None and ins["amount_yuan"] is None:
            continue
        out.add((ins["clause_label"], rate, ins["cap_yuan"]))
    return out


@pytest.mark.neo4j
def test_compare_matrix_same_on_both_stores_and_right_cell_by_cell(clients):
    matrix = get_both(clients, "/api/v1/compare", rows="function", include_co="true", cell_limit=20,
                      codes="science_tech,finance")
    assert matrix["columns"] == REGIONS
    assert sorted(row["code"] for row in matrix["rows"]) == ["finance", "science_tech"]
    for function, regions in EXPECTED.items():
        for region, expected in regions.items():
            assert quantified(matrix["cells"][function][region]) == expected, (function, region)


@pytest.mark.neo4j
def test_by_default_a_function_row_holds_what_its_units_lead(clients):
    led = get_both(clients, "/api/v1/compare", rows="function", cell_limit=20)
    assert led["include_co"] is False and led["columns"] == REGIONS
    for function, regions in EXPECTED.items():
        for region, expected in regions.items():
            cell = led["cells"].get(function, {}).get(region, [])
            assert quantified(cell) <= expected, (function, region)
            for ins in cell:  # a unit of the row's function leads each one
                assert any(d["function"] == function and d["role"] in ("lead", "mentioned")
                           for d in ins["departments"]), ins["id"]
    # Jingzhou (三十二): science_tech is only co-responsible for the 20万 cap
    assert ("(三十二)", None, 2e5) not in quantified(led["cells"]["science_tech"]["荆州市"])


@pytest.mark.neo4j
def test_rows_page_and_a_cell_pages_through_its_full_list(clients):
    full = get_both(clients, "/api/v1/compare", rows="instrument_type", cell_limit=20, row_limit=100)
    default = get_both(clients, "/api/v1/compare", rows="instrument_type", cell_limit=20)
    assert default["row_limit"] == 12 and default["row_total"] == full["row_total"] > 12
    assert default["rows"] == full["rows"][:12]  # a page of a screen's rows unless more are asked for
    paged = get_both(clients, "/api/v1/compare", rows="instrument_type", row_limit=2, row_offset=1, cell_limit=20)
    assert paged["row_total"] == full["row_total"] == len(full["rows"]) > 3
    assert paged["rows"] == full["rows"][1:3] and set(paged["cells"]) == {r["code"] for r in paged["rows"]}
    code, region = max(((c, r) for c, cells in full["totals"].items() for r, n in cells.items()),
                       key=lambda cr: full["totals"][cr[0]][cr[1]])
    total = full["totals"][code][region]
    assert total >= 2
    seen = []
    for offset in range(0, total, 1):
        page = get_both(clients, "/api/v1/compare/cell", rows="instrument_type", code=code, region=region,
                        limit=1, offset=offset)
        assert page["total"] == total
        seen += page["items"]
    assert seen == full["cells"][code][region]  # the same order as the cell, nothing lost


@pytest.mark.neo4j
def test_without_regions_the_columns_are_at_most_eight_regions_with_most_policies(clients):
    matrix = get_both(clients, "/api/v1/compare")
    assert 0 < len(matrix["columns"]) <= 8 and matrix["columns"] == sorted(matrix["columns"])


@pytest.mark.neo4j
def test_zhoukou_finance_cell_comes_from_funding_bodies(clients):
    matrix = get_both(clients, "/api/v1/compare", rows="function", regions="周口市")
    assert matrix["columns"] == ["周口市"]
    cell = matrix["cells"]["finance"]["周口市"]
    assert cell and all(d["role"] == "mentioned" for ins in cell for d in ins["departments"])


def test_eight_percent_reward_in_jingzhou_and_wuhan_by_instrument_type(client):
    matrix = client.get("/api/v1/compare", params={"rows": "instrument_type", "cell_limit": 20, "codes": "reward"}).json()
    rewards = matrix["cells"]["reward"]
    for region in ("荆州市", "武汉市"):
        hit = [i for i in rewards[region] if i["rate"] == 0.08]
        assert len(hit) == 1 and hit[0]["cap_yuan"] == 1e6 and hit[0]["beneficiary"] == "enterprise"
        assert hit[0]["departments"][0]["lead"] is True


def test_compare_rejects_unknown_row_kind(client):
    r = client.get("/api/v1/compare", params={"rows": "colour"})
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "invalid_parameter" and body["status"] == 422 and "rows" in body["detail"]


@pytest.mark.neo4j
def test_cells_are_capped_and_totals_count_every_instrument(clients):
    full = get_both(clients, "/api/v1/compare", rows="instrument_type", cell_limit=20)
    capped = get_both(clients, "/api/v1/compare", rows="instrument_type", cell_limit=1)
    default = get_both(clients, "/api/v1/compare", rows="instrument_type")
    assert capped["cell_limit"] == 1 and full["cell_limit"] == 20 and default["cell_limit"] == 5
    assert default["totals"] == full["totals"]
    assert default["cells"] == {code: {region: items[:5] for region, items in cells.items()}
                                for code, cells in full["cells"].items()}
    assert capped["rows"] == full["rows"] and capped["totals"] == full["totals"]
    crowded = 0
    for code, cells in full["cells"].items():
        for region, items in cells.items():
            assert full["totals"][code][region] == len(items)  # no seed cell reaches 20
            assert capped["cells"][code][region] == items[:1]
            numbered = [quantified([item]) != set() for item in items]
            assert numbered == sorted(numbered, reverse=True)  # instruments with numbers come first
            crowded += len(items) > 1
    assert crowded >= 3  # the cap was exercised


# validity of the seed policies: 荆州市 2025-06-06..2026-12-31, 武汉市 from 2024-01-28, 湖北省 from
# 2021-10-19, 周口市 from 2023-11-24, 岳阳市 no date (never counted as in force)
IN_FORCE = {"2024-01-01": {"湖北省", "周口市"}, "2025-07-01": {"荆州市", "武汉市", "湖北省", "周口市"},
            "2027-01-01": {"武汉市", "湖北省", "周口市"}}


@pytest.mark.neo4j
@pytest.mark.parametrize("rows", ["function", "instrument_type"])
def test_in_force_on_keeps_the_instruments_of_policies_in_force_that_day(clients, rows):
    every = get_both(clients, "/api/v1/compare", rows=rows, include_co="true", cell_limit=20, row_limit=100)
    for day, regions in IN_FORCE.items():
        matrix = get_both(clients, "/api/v1/compare", rows=rows, include_co="true", cell_limit=20, row_limit=100,
                          in_force_on=day)
        assert matrix["in_force_on"] == day and matrix["columns"] == every["columns"]
        kept = 0
        for code in {r["code"] for r in matrix["rows"]}:
            for region in REGIONS:
                expected = every["cells"][code][region] if region in regions else []
                assert matrix["cells"][code][region] == expected, (day, code, region)
                assert matrix["totals"][code][region] == (every["totals"][code][region] if region in regions else 0)
                kept += len(expected)
        assert kept and {r["code"] for r in matrix["rows"]} <= {r["code"] for r in every["rows"]}
    code, region = "finance" if rows == "function" else "reward", "武汉市"
    for day, regions in IN_FORCE.items():
        cell = get_both(clients, "/api/v1/compare/cell", rows=rows, code=code, region=region, include_co="true",
                        in_force_on=day)
        assert cell["in_force_on"] == day
        assert cell["items"] == (every["cells"][code][region] if region in regions else [])


@pytest.mark.parametrize("path", ["/api/v1/compare", "/api/v1/compare/cell"])
@pytest.mark.parametrize("day", ["2024-13-01", "2024-1-1", "yesterday"])
def test_a_bad_in_force_on_is_a_422_naming_it(client, path, day):
    r = client.get(path, params={"in_force_on": day, "code": "finance", "region": "武汉市"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_parameter" and "in_force_on" in r.text


def test_cell_limit_out_of_range_is_a_422_naming_it(client):
    r = client.get("/api/v1/compare", params={"cell_limit": 0})
    assert r.status_code == 422 and "cell_limit" in r.text


@pytest.mark.neo4j
def test_department_detail_leads_co_owns_counterparts_and_partners(clients):
    from urllib.parse import quote

    did = "dept:荆州市科学技术局"
    body = get_both(clients, "/api/v1/departments/" + quote(did, safe=""))
    assert body["lead_counts"] and body["co_counts"]
    for role, key in (("lead", "leads"), ("co", "co_owns")):
        for code, n in body[f"{role}_counts"].items():
            page = get_both(clients, "/api/v1/instruments", department=did, role=role, type=code, limit=1000)
            assert page["total"] == n and len(body[key][code]) == min(n, 20)
            assert {i["id"] for i in body[key][code]} <= {i["id"] for i in page["items"]}
            for ins in page["items"]:
                owners = [d for d in ins["departments"] if d["id"] == did]
                assert owners and all(d["role"] == role for d in owners)
    counterparts = body["counterparts"]
    assert counterparts and all(c["function"] == "science_tech" and c["region"] != "荆州市" for c in counterparts)
    assert {"dept:武汉市科技创新局", "dept:湖北省科学技术厅"} <= {c["id"] for c in counterparts}
    partners = body["partners"]
    assert partners and all(p["id"] != did and p["shared_provisions"] >= 1 for p in partners)
    shares = [p["shared_provisions"] for p in partners]
    assert shares == sorted(shares, reverse=True)
    assert "dept:荆州市财政局" in {p["id"] for p in partners}
