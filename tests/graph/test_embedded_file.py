"""The embedded store's file: the binary format (version 3; version 2 read), the older JSON format, damaged files, and
relationships that share their attribute dicts in memory."""

from __future__ import annotations

import json
import pickle
import struct
import zlib

import pytest

from policykg.graph import schema as S
from policykg.graph.embedded_file import MAGIC, MAGIC_V2, CompactGraph, write_legacy
from policykg.graph.embedded_store import EmbeddedStore, GraphFileError
from policykg.graph.model import PolicyGraph

from .test_stores import load, queries

# every kind of value a property may hold (check_value: strings, numbers, booleans, lists of one kind)
VALUES = {
    "short": "科技成果转化", "empty": "", "long": "第一条 " + "为促进科技成果转化，" * 40,
    "astral": "𠀀𪚥 \u2028 \x00 tab\tend", "zero": 0, "small": 7, "negative": -12, "int_max": 2**63 - 1,
    "int_min": -2**63, "float": 0.25, "float_whole": 3.0, "float_tiny": 1e-300, "true": True, "false": False,
    "strings": ["a", "科技", "a"], "ints": [1, 2, 3], "floats": [0.5, 1.5], "bools": [True, False],
    "empty_list": [],
}


def typed(value: object) -> object:
    """``value`` with the type of every part: 1, 1.0 and True compare equal but are not the same."""
    if isinstance(value, list):
        return ["list", [typed(v) for v in value]]
    return [type(value).__name__, value]


def every_type_policy(key: str = "types.txt") -> PolicyGraph:
    pid = "policy:" + key
    policy = {"source_key": key, "content_hash": "h1", "policy_id": pid, "title": "各类属性", **VALUES}
    clauses = [(f"clause:{key}:{i}", S.CLAUSE, {"policy_id": pid, "label": f"({i})", "order": i,
                                                "text": f"第{i}条 {VALUES['long']}", "text_simplified": VALUES["long"]})
               for i in range(3)]
    rels = [("HAS_CLAUSE", pid, nid, {}) for nid, _, _ in clauses]
    rels.append(("SIMILAR_TO", clauses[0][0], clauses[1][0], {"score": 0.5}))
    rels.append(("SIMILAR_TO", clauses[1][0], clauses[2][0], {"score": 0.5, "pairs": [1, 2], "why": "相同"}))
    rels.append(("SIMILAR_TO", clauses[0][0], clauses[2][0], {"score": 1, "flag": True}))
    return PolicyGraph(pid, key, "sha", "h1", [(pid, S.POLICY, policy), *clauses], rels)


def snapshot(store: EmbeddedStore) -> object:
    """Every node and relationship with the type of every property value."""
    nodes = sorted((nid, d["label"], sorted((k, typed(v)) for k, v in store._props(nid).items()))
                   for nid, d in store.g.nodes(data=True))
    rels = sorted((u, v, d["type"], sorted((k, typed(x)) for k, x in d["props"].items()))
                  for u, v, d in store.g.edges(data=True))
    return nodes, rels


def version_2(store: EmbeddedStore, rel_counts: bool = True) -> bytes:
    """The graph of ``store`` as version 2 wrote it: every property in the pickle (with the
    relationship counts, or without them as the first files of version 2)."""
    from policykg.graph.embedded_file import _END_MARK, _TRAILER, count_relationships

    g = store.g
    nodes = {nid: {"label": d["label"], "props": store._props(nid)} for nid, d in g._node.items()}
    data = {"nodes": nodes, "succ": g._succ, "pred": g._pred}
    if rel_counts:
        data["rel_counts"] = count_relationships(g)
    body = pickle.dumps(data, protocol=5)
    return MAGIC_V2 + body + _TRAILER.pack(len(body), zlib.crc32(body), _END_MARK)


def write_old_format(store: EmbeddedStore, path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        write_legacy(fh, store.g, store._props)


def test_every_property_type_round_trips_exactly(tmp_path):
    path = tmp_path / "policykg.graph"
    store = EmbeddedStore.open(path)
    store.write_policy(every_type_policy())
    store.save()
    again = EmbeddedStore.open(path)
    assert snapshot(again) == snapshot(store)
    policy = again.get_node("policy:types.txt")["properties"]
    assert {k: typed(policy[k]) for k in VALUES} == {k: typed(v) for k, v in VALUES.items()}
    old = tmp_path / "old.graph"
    write_old_format(store, old)
    assert snapshot(EmbeddedStore.open(old)) == snapshot(store)


def test_clause_texts_read_back_as_written(tmp_path, seed_graphs):
    path = tmp_path / "policykg.graph"
    store = EmbeddedStore.open(path)
    load(store, seed_graphs)
    written = {nid: (props["text"], props.get("text_simplified"))
               for pg in seed_graphs for nid, label, props in pg.nodes if label == S.CLAUSE}
    again = EmbeddedStore.open(path)
    read = {nid: (again.get_node(nid)["properties"]["text"], again.get_node(nid)["properties"].get("text_simplified"))
            for nid in written}
    assert read == written
    assert again.search_clauses("技术交易额", limit=100) == store.search_clauses("技术交易额", limit=100)


def test_reopened_store_answers_as_the_one_that_saved_and_keeps_writing_the_same(saved, seed_graphs):
    store, path = saved
    copy = path.with_name("copy.graph")
    copy.write_bytes(path.read_bytes())
    again = EmbeddedStore.open(copy)
    assert again.counts() == store.counts()
    assert queries(again) == queries(store)
    assert [again.write_policy(pg) for pg in seed_graphs] == ["unchanged"] * len(seed_graphs)
    # changes after a reopen (shared attribute dicts in the file) act as on the store that never saved
    for each in (store, again):
        assert each.delete_policy(seed_graphs[1].source_key)
        each.save()
    assert snapshot(EmbeddedStore.open(copy)) == snapshot(store)
    assert queries(EmbeddedStore.open(copy)) == queries(store)


def indexes(store: EmbeddedStore) -> object:
    """The store's indexes as sets (a file read keeps them as tuples until asked for)."""
    return ({k: set(v) for k, v in store._by_label.items() if v}, {k: set(v) for k, v in store._by_policy.items() if v},
            dict(store._by_source), {k: set(v) for k, v in store._by_value.items() if v})


def test_an_open_builds_the_indexes_the_writes_kept(saved):
    store, path = saved
    again = EmbeddedStore.open(path)
    assert indexes(again) == indexes(store)
    assert again._by_value and again._by_policy  # not vacuous


def test_equal_relationships_share_one_attribute_dict_also_after_a_reopen(saved):
    store, path = saved
    for each in (store, EmbeddedStore.open(path)):
        data = [d for _, _, d in each.g.edges(data=True) if d["type"] == "HAS_CLAUSE"]
        assert len(data) > 10 and all(d is data[0] for d in data)
        scores = [d for _, _, d in each.g.edges(data=True) if d["type"] == "SIMILAR_TO"]
        assert len({id(d) for d in scores}) == len(scores)  # a float score: not shared


def instrument_lists(store: EmbeddedStore, key: str) -> list[list[str]]:
    return [d["props"][key] for d in store.g._node.values() if d["label"] == S.INSTRUMENT and key in d["props"]]


def test_equal_property_lists_are_one_list_also_after_a_reopen(saved):
    store, path = saved
    for each in (store, EmbeddedStore.open(path)):
        lists = instrument_lists(each, "lead_functions")
        distinct = {tuple(x) for x in lists}
        assert len(lists) > len(distinct) >= 2  # not vacuous: some instruments share their leads' functions
        assert len({id(x) for x in lists}) == len(distinct)


def test_a_shared_property_list_is_never_changed_through_another_node(saved):
    store, _ = saved
    iid, props = next((nid, d["props"]) for nid, d in store.g._node.items()
                      if d["label"] == S.INSTRUMENT and props_shared(store, d["props"]["lead_functions"]))
    before = {nid: list(d["props"]["lead_functions"]) for nid, d in store.g._node.items()
              if d["label"] == S.INSTRUMENT and "lead_functions" in d["props"]}
    store._set_props(iid, {**store._props(iid), "lead_functions": ["changed"]})
    assert store._props(iid)["lead_functions"] == ["changed"]
    assert all(d["props"]["lead_functions"] == before[nid] for nid, d in store.g._node.items()
               if nid != iid and nid in before)
    assert props["lead_functions"] == before[iid]  # the old dict and its list are untouched


def props_shared(store: EmbeddedStore, value: list[str]) -> bool:
    return sum(x is value for x in instrument_lists(store, "lead_functions")) > 1


def test_an_open_takes_the_index_sets_as_tuples_and_makes_a_set_of_one_when_asked(saved):
    store, path = saved
    again = EmbeddedStore.open(path)
    key = next(k for k, v in store._by_value.items() if k[0] == S.INSTRUMENT and len(v) > 1)
    assert type(dict.__getitem__(again._by_value, key)) is tuple
    assert again._by_value.get(key) == store._by_value[key]
    assert type(dict.__getitem__(again._by_value, key)) is set  # kept as a set from then on
    assert again._by_value.get(("no", "such", "key"), "none") == "none"
    assert again._by_value[("no", "such", "key")] == set() and ("no", "such", "key") in again._by_value


def test_a_store_filling_its_indexes_holds_every_entry_as_a_set(saved):
    """What a server does before it freezes the graph out of the collector's reach."""
    store, path = saved
    again = EmbeddedStore.open(path)
    assert any(type(v) is tuple for v in dict.values(again._by_policy))
    again.fill_indexes()
    for index in (again._by_label, again._by_policy, again._by_value):
        assert all(type(v) is set for v in dict.values(index))
    assert indexes(again) == indexes(store)


def test_a_shared_attribute_dict_is_never_changed_through_another_pair():
    g = CompactGraph()
    g.add_nodes_from("abcd")
    for u, v in ("ab", "cd", "ad"):
        g.add_shared_edge(u, v, "FOR", {})
    assert g._succ["a"]["b"] is g._succ["c"]["d"]  # one key dict {0: data}
    g.add_edge("a", "b", kind="extra")  # a parallel edge on one pair
    g.add_edge("c", "d", key=0, changed=True)  # an attribute set in place on another
    g.remove_edge("a", "d", 0)
    g.add_shared_edge("a", "d", "FOR", {})
    assert dict(g["c"]["d"]) == {0: {"type": "FOR", "props": {}, "changed": True}}
    assert dict(g["a"]["b"]) == {0: {"type": "FOR", "props": {}}, 1: {"kind": "extra"}}
    assert dict(g["a"]["d"]) == {0: {"type": "FOR", "props": {}}}
    assert g._pred["d"]["c"] is g._succ["c"]["d"] and g.number_of_edges() == 4


def test_old_format_opens_and_is_rewritten_on_the_next_save(saved, tmp_path):
    store, path = saved
    lines = tmp_path / "lines.graph"
    write_old_format(store, lines)
    n = sum(sum(c.values()) for c in store.counts().values())
    assert len(lines.read_text(encoding="utf-8").splitlines()) == n + 3  # one node or edge per line
    one_line = tmp_path / "one_line.graph"
    one_line.write_text(json.dumps(json.loads(lines.read_text(encoding="utf-8")), ensure_ascii=False),
                        encoding="utf-8")
    for old in (lines, one_line):
        opened = EmbeddedStore.open(old)
        assert queries(opened) == queries(store)
        opened.close()  # nothing changed, yet the file is converted
        assert old.read_bytes().startswith(MAGIC)
        assert queries(EmbeddedStore.open(old)) == queries(store)


def test_a_file_converted_by_another_process_is_read_again_by_a_load(saved, tmp_path, seed_graphs):
    store, _ = saved
    old = tmp_path / "old.graph"
    write_old_format(store, old)
    first, second = EmbeddedStore.open(old), EmbeddedStore.open(old)
    first.close()  # converts it
    with second.exclusive():  # no "replaced under unsaved changes": it had none
        assert second.write_policy(seed_graphs[0]) == "unchanged"
    assert queries(EmbeddedStore.open(old)) == queries(store)


def test_a_file_cut_short_anywhere_is_refused_with_what_to_do(saved, tmp_path):
    store, path = saved
    write_old_format(store, tmp_path / "old.graph")  # before the store's own file is cut below
    data = path.read_bytes()
    for cut in (0, 5, len(MAGIC), len(MAGIC) + 100, len(data) // 2, len(data) - 24, len(data) - 1):
        path.write_bytes(data[:cut])
        with pytest.raises(GraphFileError, match="delete it and load the policies again"):
            EmbeddedStore.open(path)
    path.write_bytes(data + b"\n")
    with pytest.raises(GraphFileError, match="cut short or is damaged"):
        EmbeddedStore.open(path)
    old = (tmp_path / "old.graph").read_text(encoding="utf-8")
    for cut in (len(old) // 2, old.index('],"edges":[') + 12):
        path.write_text(old[:cut], encoding="utf-8")
        with pytest.raises(GraphFileError, match="delete it and load the policies again"):
            EmbeddedStore.open(path)


def test_a_damaged_file_is_refused_with_what_to_do(saved):
    _, path = saved
    data = path.read_bytes()
    text_at = data.index("荆州市".encode())  # inside a string: the pickle still reads, the checksum differs
    for at in (text_at, len(MAGIC) + 3, len(data) // 2):
        damaged = bytearray(data)
        damaged[at] ^= 0x55
        path.write_bytes(bytes(damaged))
        with pytest.raises(GraphFileError, match="damaged.*delete it and load the policies again"):
            EmbeddedStore.open(path)


class _Runs:
    def __reduce__(self):
        return (open, ("RAN", "w"))


def test_a_file_that_would_run_code_is_refused_without_running_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    payload = pickle.dumps({"nodes": {"x": _Runs()}, "succ": {}, "pred": {}}, protocol=5)
    path = tmp_path / "policykg.graph"
    v2 = MAGIC_V2 + payload + struct.pack("<QI8s", len(payload), zlib.crc32(payload), b"pkg-end\n")
    v3 = MAGIC + payload + struct.pack("<QIQI8s", 0, 0, len(payload), zlib.crc32(payload), b"pkg-end3")
    for data in (v2, v3):
        path.write_bytes(data)
        with pytest.raises(GraphFileError, match="open is not allowed in a graph file"):
            EmbeddedStore.open(path)
        assert not (tmp_path / "RAN").exists()


def _counted(store: EmbeddedStore) -> dict[str, int]:
    """Relationships per type, counted here over the graph's edges (not by the store)."""
    out = {t: 0 for t in S.REL_TYPES}
    for _, _, d in store.g.edges(data=True):
        out[d["type"]] += 1
    return out


def test_the_file_keeps_the_relationship_counts_so_an_open_does_not_count_them(saved, seed_graphs):
    store, path = saved
    again = EmbeddedStore.open(path)
    assert again.g.saved_rel_counts is not None
    assert {t: again.g.saved_rel_counts.get(t, 0) for t in S.REL_TYPES} == _counted(store)
    assert again.counts()["relationships"] == _counted(again) == store.counts()["relationships"]
    # the counts follow every write: a deletion, a load, a clear
    before = again.counts()["relationships"]
    assert again.delete_policy(seed_graphs[1].source_key)
    after = again.counts()["relationships"]
    assert after == _counted(again) and sum(after.values()) < sum(before.values())
    load(again, seed_graphs)
    assert again.counts()["relationships"] == _counted(again) == before
    again.clear()
    assert sum(again.counts()["relationships"].values()) == 0


def test_a_file_written_before_the_counts_were_kept_is_counted_on_demand(saved, tmp_path):
    store, _ = saved
    older = tmp_path / "older.graph"  # version 2 as it was written before: magic, pickle, trailer
    older.write_bytes(version_2(store, rel_counts=False))
    opened = EmbeddedStore.open(older)
    assert opened.g.saved_rel_counts is None
    assert opened.counts()["relationships"] == _counted(store)
