"""Answer rows kept as compressed JSON text (graph/json_rows.py): they read as the mapping they
hold, survive a stored figure's round trip, and weigh in the process's row budget by what they
keep, not by how many rows they hold."""

from __future__ import annotations

import random

from policykg.graph.figure_cache import decode_figure, encode_figure
from policykg.graph.json_rows import JsonList, JsonRows
from policykg.graph.row_cache import ROW_BYTES, RowCache, row_count

LEADS = {"reward": [{"id": "i1", "rate": 0.08, "cap_yuan": 1_000_000.0, "text": "按技术交易额的8%给予奖励",
                     "departments": [{"id": "dept:科技局", "lead": True}]}],
         "subsidy": []}


def test_rows_read_as_the_mapping_they_hold():
    rows = JsonRows.of(LEADS)
    assert rows == LEADS and dict(rows) == LEADS
    assert rows["reward"][0]["rate"] == 0.08 and sorted(rows) == ["reward", "subsidy"] and len(rows) == 2
    assert rows == JsonRows.of(dict(LEADS)) and rows != JsonRows.of({"reward": []})
    rows["reward"][0]["rate"] = 0.5  # a read is a copy: what is kept does not change
    assert rows["reward"][0]["rate"] == 0.08


def test_rows_keep_less_than_their_text():
    rng = random.Random(3)
    many = {f"type{k}": [{**LEADS["reward"][0], "id": f"i{k}.{n}", "rate": rng.random()} for n in range(5)]
            for k in range(18)}
    rows = JsonRows.of(many)
    assert rows.packed_size * 4 < len(rows.text)


def test_a_stored_figure_gives_the_rows_back_as_rows():
    figure = {"lead": JsonRows.of(LEADS), "co": JsonRows.of({}), "total": (1, 2), "items": JsonList.of([LEADS])}
    back = decode_figure(encode_figure(figure))
    assert isinstance(back["lead"], JsonRows) and isinstance(back["co"], JsonRows)
    assert isinstance(back["items"], JsonList) and back["items"][0] == LEADS
    assert back == figure and back["total"] == (1, 2)
    # a figure stored before the rows were kept as text reads as its plain value
    assert decode_figure(encode_figure({"lead": LEADS})) == {"lead": LEADS}


def test_rows_weigh_by_their_compressed_bytes():
    rows = JsonRows.of({"reward": [{"id": f"i{n}", "text": "给予补助" * 10} for n in range(400)]})
    assert row_count({"lead": rows}) == -(-rows.packed_size // ROW_BYTES) < 400
    cache = RowCache(budget=row_count(rows) * 2)
    cache.put_many(1, {("d", k): {"lead": rows} for k in range(2)})
    assert set(cache.get_many(1, [("d", 0), ("d", 1)])) == {("d", 0), ("d", 1)}


def test_a_list_reads_as_the_list_it_holds():
    items = [{"provision_id": "p1", "in_force": True}, {"provision_id": "p2", "in_force": None}]
    kept = JsonList.of(items)
    assert kept == items and list(kept) == items and len(kept) == 2 and kept[1]["in_force"] is None
    assert kept[:1] == items[:1] and kept != items[:1] and kept == JsonList.of(list(items))
    assert row_count({"items": kept, "total": 2}) == 1
