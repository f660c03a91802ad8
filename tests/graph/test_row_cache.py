"""The rows of answers kept in the API's process (graph/row_cache.py): given back only at the data
version they were computed at, the most recently used within a budget of rows."""

from __future__ import annotations

from policykg.graph.row_cache import RowCache, newer, row_count

ROWS = [{"id": "a", "departments": [{"id": "d1"}]}, {"id": "b", "departments": []}]


def test_rows_are_counted_once_however_much_they_hold():
    assert row_count(ROWS) == 2
    assert row_count({"lead": {"reward": ROWS}, "co": {"grant": ROWS[:1]}}) == 3
    assert row_count({"items": [{"provision_id": "p", "instruments": ROWS}], "total": 1}) == 2
    assert row_count({"items": [], "total": 0}) == 1


def test_a_version_is_newer_within_its_epoch_or_in_another():
    assert newer(("e1", 3), ("e1", 2)) and not newer(("e1", 2), ("e1", 3)) and newer(("e2", 1), ("e1", 9))
    assert newer(5, 4) and not newer(4, 5) and newer(1, None)


def test_rows_are_given_back_only_at_their_version():
    cache = RowCache()
    cache.put_many(("e", 1), {("dept", "x"): ROWS})
    assert cache.get_many(("e", 1), [("dept", "x"), ("dept", "y")]) == {("dept", "x"): ROWS}
    assert cache.get_many(("e", 2), [("dept", "x")]) == {}  # a newer version: everything forgotten
    cache.put_many(("e", 1), {("dept", "x"): ROWS})  # computed at the older version: not kept
    assert cache.get_many(("e", 2), [("dept", "x")]) == {} and cache.rows() == 0
    assert cache.get_many(("e", 1), [("dept", "x")]) == {}  # and the cache does not go back
    cache.put_many(None, {("dept", "x"): ROWS})  # a database without a version keeps nothing
    assert cache.get_many(None, [("dept", "x")]) == {}


def test_the_least_recently_used_rows_leave_first_and_a_value_over_the_budget_is_not_kept():
    cache = RowCache(budget=4)
    cache.put_many(1, {("k", 1): ROWS, ("k", 2): ROWS})
    cache.get_many(1, [("k", 1)])
    cache.put_many(1, {("k", 3): ROWS})
    assert set(cache.get_many(1, [("k", 1), ("k", 2), ("k", 3)])) == {("k", 1), ("k", 3)} and cache.rows() == 4
    cache.put_many(1, {("k", 4): ROWS * 3})
    assert cache.get_many(1, [("k", 4)]) == {} and cache.rows() == 4
