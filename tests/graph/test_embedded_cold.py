"""Format version 3: the properties the embedded store keeps on disk (embedded_cold), how they
read back, older files, damaged records and the search index beside the file."""

from __future__ import annotations

import logging

import pytest

from policykg.graph import embedded_store
from policykg.graph import schema as S
from policykg.graph.embedded_cold import AT, COLD_PROPS, OWN_RECORD_LABELS
from policykg.graph.embedded_file import MAGIC, MAGIC_V2
from policykg.graph.embedded_store import EmbeddedStore, GraphFileError
from policykg.graph.file_lock import FileLock
from policykg.graph.search_index import index_path

from .test_embedded_file import snapshot, version_2
from .test_stores import queries

COLD_LABELS = (S.CLAUSE, S.SECTION, S.INSTRUMENT, S.TARGET)


def written_props(graphs) -> dict[str, dict]:
    """Every property of every clause, section, instrument and target, as the policies gave them."""
    return {nid: props for pg in graphs for nid, label, props in pg.nodes if label in COLD_LABELS}


def test_the_bulky_properties_stay_on_disk_and_read_back_as_written(saved, seed_graphs):
    store, path = saved
    assert path.read_bytes().startswith(MAGIC)
    written = written_props(seed_graphs)
    for each in (store, EmbeddedStore.open(path)):  # the store that saved, and one that opened the file
        in_memory = {nid: each.g.nodes[nid] for nid in written}
        for nid, data in in_memory.items():
            assert COLD_PROPS[data["label"]].isdisjoint(data["props"]), nid
        assert sum(AT in data for data in in_memory.values()) == len(written)
        read = {nid: each.get_node(nid)["properties"] for nid in written}
        expected = {nid: {k: v for k, v in props.items() if k != "id"} for nid, props in written.items()}
        assert read == expected
        assert any("keywords" in p for p in read.values()) and any("text" in p for p in read.values())


def test_a_node_written_after_the_open_keeps_its_properties_in_memory_until_the_save(saved, seed_graphs):
    store, path = saved
    again = EmbeddedStore.open(path)
    pg = seed_graphs[0]
    assert again.delete_policy(pg.source_key)
    assert again.write_policy(pg) == "created"
    clause_id = next(nid for nid, label, _ in pg.nodes if label == S.CLAUSE)
    assert AT not in again.g.nodes[clause_id] and "text" in again.g.nodes[clause_id]["props"]
    before = snapshot(again)
    again.save()
    assert AT in again.g.nodes[clause_id] and "text" not in again.g.nodes[clause_id]["props"]
    assert snapshot(again) == before
    assert snapshot(EmbeddedStore.open(path)) == before


def test_a_save_that_fails_leaves_the_store_reading_its_old_file(saved, seed_graphs, monkeypatch):
    store, path = saved
    store.delete_policy(seed_graphs[1].source_key)
    store.write_policy(seed_graphs[1])  # in memory again, texts and all; the others' on disk
    before = snapshot(store)
    real = embedded_store.write_graph

    def fails(fh, g, *args):
        real(fh, g, *args)
        raise OSError("no space left on device")

    monkeypatch.setattr(embedded_store, "write_graph", fails)
    with pytest.raises(OSError, match="no space"):
        store.save()
    assert snapshot(store) == before  # every node reads its properties as before the save
    monkeypatch.setattr(embedded_store, "write_graph", real)
    store.save()
    assert snapshot(EmbeddedStore.open(path)) == before


def test_a_version_2_file_opens_answers_the_same_and_is_converted(saved, tmp_path, caplog):
    store, _ = saved
    old = tmp_path / "old.graph"
    old.write_bytes(version_2(store))
    with caplog.at_level(logging.WARNING, logger="policykg.graph.embedded_store"):
        opened = EmbeddedStore.open(old)
    assert queries(opened) == queries(store)
    assert old.read_bytes().startswith(MAGIC)
    assert any(str(old) in r.getMessage() and "converting" in r.getMessage() for r in caplog.records)
    assert snapshot(EmbeddedStore.open(old)) == snapshot(store)


def test_a_version_2_file_another_process_is_loading_into_is_converted_on_the_next_save(saved, tmp_path):
    store, _ = saved
    old = tmp_path / "old.graph"
    old.write_bytes(version_2(store))
    other = FileLock(old.with_name(old.name + ".lock"))
    with other:
        opened = EmbeddedStore.open(old)
    assert old.read_bytes().startswith(MAGIC_V2)  # not converted under another process's lock
    assert queries(opened) == queries(store)
    opened.save()
    assert old.read_bytes().startswith(MAGIC)
    assert queries(EmbeddedStore.open(old)) == queries(store)


def _records_span(path) -> tuple[int, int]:
    from policykg.graph.embedded_file import _TRAILER3

    data = path.read_bytes()
    records_length = _TRAILER3.unpack(data[-_TRAILER3.size:])[0]
    return len(MAGIC), len(MAGIC) + records_length


def test_a_damaged_record_is_refused_naming_the_file_and_what_to_do(saved):
    _, path = saved
    start, end = _records_span(path)
    assert end - start > 1000
    data = bytearray(path.read_bytes())
    data[(start + end) // 2] ^= 0x55
    path.write_bytes(bytes(data))
    with pytest.raises(GraphFileError, match=f"{path}.*damaged.*delete it and load the policies again"):
        EmbeddedStore.open(path)


def test_a_record_damaged_after_the_open_is_refused_when_read(saved, tmp_path):
    store, path = saved
    copy = tmp_path / "copy.graph"
    copy.write_bytes(path.read_bytes())
    EmbeddedStore.open(copy)  # builds the copy's search index (reading every clause's record)
    opened = EmbeddedStore.open(copy)
    clause_id = min(opened._by_label[S.CLAUSE])
    at = opened.g.nodes[clause_id][AT]
    offset, length = at >> 32, at & 0xFFFFFFFF
    with copy.open("r+b") as fh:  # changed in place under the open store (a save never does this)
        fh.seek(offset + length // 2)
        fh.write(b"\x00\xff\x00\xff")
    with pytest.raises(GraphFileError, match=f"{copy}.*{clause_id}.*delete it and load the policies again"):
        opened.get_node(clause_id)


def test_a_damaged_search_index_is_refused_naming_it_and_what_to_do(saved):
    _, path = saved
    index = index_path(path)
    index.write_bytes(b"not a database " * 1000)
    for suffix in ("-wal", "-shm"):
        index.with_name(index.name + suffix).unlink(missing_ok=True)
    with pytest.raises(GraphFileError, match=f"{index}.*delete it"):
        EmbeddedStore.open(path)
    index.unlink()
    again = EmbeddedStore.open(path)  # rebuilt from the graph file
    assert again.search_clauses("技术交易额", limit=5)


def test_the_indexes_kept_in_the_file_are_the_ones_an_open_would_build(saved, seed_graphs, monkeypatch):
    from .test_embedded_file import indexes

    store, path = saved
    assert store.delete_policy(seed_graphs[2].source_key)  # indexes changed by removals too
    store.save()

    def no_build(self):
        raise AssertionError("the open built the indexes again")

    with monkeypatch.context() as patched:
        patched.setattr(EmbeddedStore, "_index_all", no_build)
        opened = EmbeddedStore.open(path)  # takes them from the file
    built = EmbeddedStore()
    built.g = opened.g
    built._index_all()
    assert indexes(opened) == indexes(built) == indexes(store)
    assert indexes(opened)[3]  # not vacuous: the value index


def test_policies_keep_their_records_when_another_policy_is_written(saved, seed_graphs):
    store, path = saved
    places = {nid: store.g.nodes[nid][AT] for nid in written_props(seed_graphs)}
    pg = seed_graphs[0]
    assert store.delete_policy(pg.source_key)
    store.write_policy(pg)
    store.save()
    again = EmbeddedStore.open(path)
    for nid in written_props(seed_graphs):
        assert again.get_node(nid)["properties"] == store.get_node(nid)["properties"]
    # per policy one record for its clauses and sections, one for its instruments, one for its
    # targets: the nodes of one kind of one policy share one place in the file
    def kind(label: str) -> str:
        return label if label in OWN_RECORD_LABELS else "texts"

    def kinds(graph) -> set[str]:
        return {kind(label) for _, label, _ in graph.nodes if label in COLD_LABELS}

    at_kinds: dict[int, set[str]] = {}
    for nid, label, _ in pg.nodes:
        if label in COLD_LABELS:
            at_kinds.setdefault(again.g.nodes[nid][AT], set()).add(kind(label))
    assert sorted(map(sorted, at_kinds.values())) == sorted([k] for k in kinds(pg))
    assert len(kinds(pg)) == 3  # not vacuous: the policy has nodes of each kind
    assert len(set(places.values())) == sum(len(kinds(g)) for g in seed_graphs)


def test_a_version_2_file_that_cannot_be_rewritten_still_opens(saved, tmp_path, monkeypatch, caplog):
    store, _ = saved
    old = tmp_path / "old.graph"
    old.write_bytes(version_2(store))

    def read_only(self):
        raise PermissionError(13, "Permission denied", str(self.path))

    monkeypatch.setattr(EmbeddedStore, "_replace_file", read_only)
    with caplog.at_level(logging.WARNING, logger="policykg.graph.embedded_store"):
        opened = EmbeddedStore.open(old)
    assert queries(opened) == queries(store)
    assert old.read_bytes().startswith(MAGIC_V2)
    assert any("not converted" in r.getMessage() and "next load" in r.getMessage() for r in caplog.records)


def test_nodes_read_together_decode_each_record_once_whatever_their_order(saved, seed_graphs, monkeypatch):
    from policykg.graph import embedded_cold

    _, path = saved
    store = EmbeddedStore.open(path)
    instruments = [nid for pg in seed_graphs for nid, label, _ in pg.nodes if label == S.INSTRUMENT]
    # one of each policy in turn, as a compare's cells or a page sorted by cap interleave them
    by_policy: dict[str, list[str]] = {}
    for nid in instruments:
        by_policy.setdefault(store.g.nodes[nid]["props"]["policy_id"], []).append(nid)
    interleaved = [nid for group in zip(*by_policy.values(), strict=False) for nid in group]
    assert len(by_policy) >= 2 and len(interleaved) >= 4
    monkeypatch.setattr(embedded_cold, "RECORDS_KEPT", 1)  # nothing kept from one node to the next
    decoded = []
    real = embedded_cold.decode
    monkeypatch.setattr(embedded_cold, "decode", lambda blob: decoded.append(blob) or real(blob))
    details = store.instrument_details(interleaved)
    assert [d["instrument"]["id"] for d in details] == interleaved
    assert len(decoded) == len({store.g.nodes[nid][AT] for nid in interleaved})
    expected = {nid: {k: v for k, v in props.items() if k != "id"} for pg in seed_graphs for nid, label, props in pg.nodes
                if label == S.INSTRUMENT}
    assert all(d["instrument"]["properties"] == expected[d["instrument"]["id"]] for d in details)
