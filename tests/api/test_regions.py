"""The region list a picker groups by province, and the compare rows chosen and ordered."""

from __future__ import annotations

import pytest

from .conftest import get_both


@pytest.mark.neo4j
def test_regions_grouped_by_province_with_policy_counts(clients):
    body = get_both(clients, "/api/v1/regions")
    # the five seed policies: 荆州, 武汉 and the 湖北 plan, 周口 (河南), 岳阳 (湖南)
    assert body["items"] == [
        {"name": "周口市", "province": "河南省", "policies": 1},
        {"name": "湖北省", "province": "湖北省", "policies": 1},
        {"name": "武汉市", "province": "湖北省", "policies": 1},
        {"name": "荆州市", "province": "湖北省", "policies": 1},
        {"name": "岳阳市", "province": "湖南省", "policies": 1},
    ]
    assert body["total"] == 5


@pytest.mark.neo4j
def test_compare_keeps_the_rows_asked_for_most_instruments_first(clients):
    full = get_both(clients, "/api/v1/compare", regions="荆州市,武汉市", rows="function", row_order="code",
                    row_limit=100)
    held = {r["code"]: sum(full["totals"][r["code"]].values()) for r in full["rows"]}
    kept = get_both(clients, "/api/v1/compare", regions="荆州市,武汉市", rows="function",
                    codes="finance,science_tech,audit,no_such_function", row_order="count")
    assert [r["code"] for r in kept["rows"]] == sorted(["finance", "science_tech", "audit"], key=lambda c: (-held[c], c))
    assert kept["rows"][0]["code"] == "science_tech"  # 18 + 22 instruments led by the two science bureaus
    assert kept["row_total"] == 3 and kept["row_order"] == "count"
    for code in ("finance", "science_tech", "audit"):
        assert kept["cells"][code] == full["cells"][code] and kept["totals"][code] == full["totals"][code]
    assert [r["code"] for r in full["rows"]] == sorted(held)  # by code when asked
    default = get_both(clients, "/api/v1/compare", regions="荆州市,武汉市", rows="function")
    busiest = sorted(held, key=lambda c: (-held[c], c))
    assert default["row_order"] == "count" and [r["code"] for r in default["rows"]] == busiest[:12]
    assert default["rows"][0]["code"] == "science_tech"  # the busiest row on the first page


def test_compare_rejects_an_unknown_row_order(client):
    r = client.get("/api/v1/compare", params={"row_order": "size"})
    assert r.status_code == 422 and "row_order" in r.text
