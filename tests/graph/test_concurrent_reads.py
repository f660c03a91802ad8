"""The embedded store lets reads run together and a write run alone (graph.rw_lock)."""

from __future__ import annotations

import threading

import pytest

from policykg.graph.embedded_store import EmbeddedStore
from policykg.graph.rw_lock import RWLock


def wait_until(condition, timeout: float = 5.0) -> bool:
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return True
        done.wait(0.01)
    return condition()


def test_two_reads_proceed_at_once_while_a_write_waits(tmp_path, seed_graphs):
    store = EmbeddedStore.open(tmp_path / "policykg.graph")
    store.write_policy(seed_graphs[0])
    pid, second = seed_graphs[0].policy_id, seed_graphs[1].policy_id
    both_reading = threading.Barrier(2, timeout=5)  # each reader waits inside its read for the other
    release = threading.Event()
    seen: list[object] = []
    written = threading.Event()

    def reader() -> None:
        with store._lock.read():
            both_reading.wait()  # would time out (BrokenBarrierError) if reads ran one at a time
            release.wait(5)
            # nested reads while the writer waits: no deadlock, and the write has not happened
            seen.append((store.get_node(pid), store.get_node(second)))

    def writer() -> None:
        store.write_policy(seed_graphs[1])
        written.set()

    readers = [threading.Thread(target=reader) for _ in range(2)]
    for t in readers:
        t.start()
    assert wait_until(lambda: store._lock.readers() == 2)
    writing = threading.Thread(target=writer)
    writing.start()
    assert wait_until(lambda: store._lock.writers_waiting() == 1)
    assert not written.wait(0.3)  # the write waits for both readers
    release.set()
    for t in readers:
        t.join(5)
    writing.join(5)
    assert written.is_set()
    assert len(seen) == 2 and all(node and node["id"] == pid and not other for node, other in seen)
    assert store.get_node(second) is not None


def test_a_waiting_writer_goes_before_new_readers():
    lock = RWLock()
    order: list[str] = []
    first_in, release = threading.Event(), threading.Event()

    def first_reader() -> None:
        with lock.read():
            first_in.set()
            release.wait(5)
        order.append("read 1 done")

    def writer() -> None:
        with lock.write():
            order.append("write")

    def late_reader() -> None:
        with lock.read():
            order.append("read 2")

    a = threading.Thread(target=first_reader)
    a.start()
    assert first_in.wait(5)
    w = threading.Thread(target=writer)
    w.start()
    assert wait_until(lambda: lock.writers_waiting() == 1)
    b = threading.Thread(target=late_reader)
    b.start()
    assert not wait_until(lambda: "read 2" in order, timeout=0.3)
    release.set()
    for t in (a, w, b):
        t.join(5)
    assert order == ["read 1 done", "write", "read 2"]


def test_the_writer_may_read_and_write_again_but_a_reader_may_not_start_writing():
    lock = RWLock()
    with lock.write():
        with lock.read(), lock.write():
            pass
    with lock.read(), pytest.raises(RuntimeError, match="finish the read first"):
        with lock.write():
            pass
    with lock.write():  # nothing was left held
        pass


def test_a_graph_read_again_after_another_write_is_freed(tmp_path, seed_graphs):
    """The open freezes the graph it reads (gc.freeze); a re-read must not keep the old one alive."""
    import gc
    import weakref

    path = tmp_path / "policykg.graph"
    first = EmbeddedStore.open(path)
    first.write_policy(seed_graphs[0])
    first.save()
    reader, writer = EmbeddedStore.open(path), EmbeddedStore.open(path)
    old = weakref.ref(reader.g)
    reader.g.edges  # noqa: B018  # networkx caches its views on the graph: a reference cycle
    with writer.exclusive():
        writer.write_policy(seed_graphs[1])
    with reader.exclusive():  # reads the file the writer saved
        pass
    gc.collect()
    assert old() is None
    assert reader.get_node(seed_graphs[1].policy_id) is not None
