"""One department read from the store, on both stores: its counts, the first page of each of its
lists and the pages after it, undated and dated.

The expected values are read off the seed text of 荆州市促进科技成果转化和科创供应链平台建设若干政策措施
(policykg/corpus/000_…): 市科技局 (荆州市科学技术局) is named in the 责任单位 of 21 of its 34
measures, first of its group (the lead unit) in 18 of them and after another unit in 3
((二十八), (三十二), (三十三)); all 21 are of that one policy, issued 2025-06-05, 施行 from 2025-06-06
and 有效期至 2026-12-31. Its (七) rewards the buyer, the completing unit and the agency 8 %, 2 %
and 1 % of the transaction; (三十二) gives a reward of up to 20万元, where the bureau is a co-unit.
"""

from __future__ import annotations

import pytest

ST = "dept:荆州市科学技术局"
CO_LABELS = ["(二十八)", "(三十二)", "(三十三)"]


def _all_clauses(store, did, on=None, page=4):
    rows, offset = [], 0
    while True:
        found, total = store.department_clauses(did, on, limit=page, offset=offset)
        rows += found
        offset += page
        if offset >= total:
            return rows, total


def test_counts_and_first_pages_come_from_the_store(loaded_store):
    s = loaded_store.department_summary(ST, per_type=2, clause_limit=5)
    assert (s["lead"], s["co"], s["policies"], s["regions"], s["region"]) == (18, 3, 1, 1, "荆州市")
    assert len(s["clauses"]) == 5
    rows, total = _all_clauses(loaded_store, ST)
    assert total == 21 and len(rows) == 21 and rows[:5] == s["clauses"]
    assert sorted(r["label"] for r in rows if not r["lead"]) == sorted(CO_LABELS)
    assert {r["policy_title"] for r in rows} == {"荆州市促进科技成果转化和科创供应链平台建设若干政策措施"}
    # the first of the rewards it leads are the three of (七), with their rates, in document order
    n, first = s["instruments"][("lead", "reward")]
    assert n >= 3 and len(first) == 2
    ids, total = loaded_store.department_instruments(ST, "lead", "reward", limit=3)
    assert total == n and ids[:2] == first
    rates = [loaded_store.get_node(i)["properties"]["rate"] for i in ids]
    assert rates == [0.08, 0.02, 0.01]
    # the reward of (三十二), where it is a co-unit, is a co-owned one with its cap
    co_ids, co_total = loaded_store.department_instruments(ST, "co", "reward", limit=50)
    assert co_total == len(co_ids) >= 1
    assert 200000 in {loaded_store.get_node(i)["properties"].get("cap_yuan") for i in co_ids}
    assert loaded_store.department_summary("dept:nope")["lead"] == 0
    assert loaded_store.department_instruments("dept:nope", "lead", "reward") == ([], 0)


def test_pages_of_a_list_join_up_to_the_whole_list(loaded_store):
    s = loaded_store.department_summary(ST, per_type=1000)
    for (role, code), (n, ids) in s["instruments"].items():
        assert len(ids) == n
        pages = []
        for offset in range(0, n, 2):
            page, total = loaded_store.department_instruments(ST, role, code, limit=2, offset=offset)
            assert total == n
            pages += page
        assert pages == ids, (role, code)
        numbered = [bool(loaded_store.get_node(i)["properties"].get("has_number")) for i in ids]
        assert numbered == sorted(numbered, reverse=True), (role, code)  # those with a number first
    rows, _ = _all_clauses(loaded_store, ST, page=3)
    assert rows == loaded_store.department_clauses(ST, limit=100)[0]
    assert loaded_store.department_clauses(ST, limit=5, offset=20)[0] == rows[20:]


@pytest.mark.parametrize("day, in_force", [("2025-06-05", False), ("2025-06-06", True), ("2026-12-31", True),
                                           ("2027-01-01", False)])
def test_a_date_outside_the_policy_removes_its_provisions(loaded_store, day, in_force):
    s = loaded_store.department_summary(ST, day)
    undated = loaded_store.department_summary(ST)
    if in_force:
        assert s == undated
        assert loaded_store.department_clauses(ST, day, limit=100) == loaded_store.department_clauses(ST, limit=100)
    else:
        assert (s["lead"], s["co"], s["policies"], s["regions"], s["instruments"], s["clauses"]) == (0, 0, 0, 0, {}, [])
        assert s["region"] == "荆州市"  # the bureau's own region does not depend on the date
        assert loaded_store.department_clauses(ST, day) == ([], 0)
        assert loaded_store.department_instruments(ST, "lead", "reward", day) == ([], 0)
        assert loaded_store.department_partners(ST, 5, day) == []
    # the department list counts what is in force and leaves out who has nothing then
    rows, total = loaded_store.department_page(region="荆州市", limit=100, in_force_on=day)
    everyone, _ = loaded_store.department_page(region="荆州市", limit=100)
    if in_force:
        assert rows == [r for r in everyone if r["lead_count"] + r["co_count"]] and total == len(rows)
    else:
        assert (rows, total) == ([], 0)
    st = [r for r in everyone if r["department"]["id"] == ST]
    assert (st[0]["lead_count"], st[0]["co_count"]) == (18, 3)
