"""Writers of one graph file take turns, saves are atomic, and link rebuilds converge.

Two ``EmbeddedStore`` objects on one path stand for two processes (``flock`` locks belong to
an open file, so two opens exclude each other like two processes do); a kill is a real
SIGKILL of a real subprocess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from policykg.graph.embedded_store import EmbeddedStore, GraphFileError, temp_path
from policykg.graph.file_lock import FileLock, FileLockTimeout
from policykg.graph.linking import link_all
from policykg.graph.model import build_policy_graph


@pytest.fixture
def graphs(hand_document):
    """Four small policies whose clauses copy each other (so they get SIMILAR_TO links)."""
    C = hand_document.Clause
    text = "对购买高校科技成果的企业，按技术交易额的百分之八给予每家企业每年最高一百万元奖励。"
    return [build_policy_graph(hand_document(f"第{i}号措施", [("一、措施", [C("(一)", text + "甲乙丙丁"[i])])]),
                               f"p{i}.txt") for i in range(4)]


def policy_keys(store) -> set[str]:
    return {p["properties"]["source_key"] for p in store.all_policies()}


def temps(path) -> list[str]:
    return sorted(p.name for p in path.parent.glob(path.name + ".*.tmp"))


def test_a_second_writer_waits_and_works_on_the_first_ones_file(tmp_path, graphs):
    path = tmp_path / "policykg.graph"
    first, second = EmbeddedStore.open(path), EmbeddedStore.open(path, lock_timeout=30)
    waits: list[str] = []
    second.file_lock.on_wait = waits.append
    done = threading.Event()

    def second_load() -> None:
        with second.exclusive():
            second.write_policy(graphs[1])
        done.set()

    with first.exclusive():
        first.write_policy(graphs[0])
        thread = threading.Thread(target=second_load)
        thread.start()
        time.sleep(0.5)
        assert not done.is_set()  # waiting for the lock, not writing
    thread.join(10)
    assert done.is_set() and waits and "waiting for another process" in waits[0]
    assert policy_keys(EmbeddedStore.open(path)) == {"p0.txt", "p1.txt"}  # neither load lost


def test_a_writer_gives_up_after_the_lock_timeout_with_what_to_do(tmp_path, graphs):
    path = tmp_path / "policykg.graph"
    holder = EmbeddedStore.open(path)
    other = EmbeddedStore.open(path, lock_timeout=0.3)
    other.file_lock.on_wait = None
    with holder.exclusive():
        started = time.monotonic()
        with pytest.raises(FileLockTimeout, match="POLICYKG_LOCK_TIMEOUT_S") as err:
            with other.exclusive():
                other.write_policy(graphs[0])
        assert time.monotonic() - started < 3
    assert f"pid {os.getpid()}" in str(err.value)
    assert policy_keys(EmbeddedStore.open(path)) == set()


def test_a_save_never_overwrites_a_file_another_process_replaced(tmp_path, graphs):
    path = tmp_path / "policykg.graph"
    stale, fresh = EmbeddedStore.open(path), EmbeddedStore.open(path)
    fresh.write_policy(graphs[0])
    fresh.save()
    stale.write_policy(graphs[1])
    with pytest.raises(GraphFileError, match="replaced by another process"):
        stale.save()
    assert policy_keys(EmbeddedStore.open(path)) == {"p0.txt"}


def test_exclusive_rereads_a_file_replaced_since_it_was_opened(tmp_path, graphs):
    path = tmp_path / "policykg.graph"
    early, other = EmbeddedStore.open(path), EmbeddedStore.open(path)
    with other.exclusive():
        other.write_policy(graphs[0])
    with early.exclusive():
        assert policy_keys(early) == {"p0.txt"}
        early.write_policy(graphs[1])
    assert policy_keys(EmbeddedStore.open(path)) == {"p0.txt", "p1.txt"}


def test_temporary_files_of_dead_writers_go_on_the_next_open_but_not_while_a_writer_holds_the_lock(tmp_path):
    path = tmp_path / "policykg.graph"
    leftover = temp_path(path, 999_999)
    leftover.write_text("half a graph", encoding="utf-8")
    unrelated = tmp_path / "policykg.graph.notes.tmp"
    unrelated.write_text("mine", encoding="utf-8")
    with FileLock(tmp_path / "policykg.graph.lock"):
        EmbeddedStore.open(path)
        assert leftover.exists()  # someone is writing: it may be theirs
    EmbeddedStore.open(path)
    assert not leftover.exists() and unrelated.exists()


TINY_POLICY = """
from policykg.graph.model import PolicyGraph

def tiny(key, title="x"):
    pid = "policy:" + key
    props = {"source_key": key, "content_hash": "h", "policy_id": pid, "title": title}
    return PolicyGraph(pid, key, "h", "h", [(pid, "Policy", props)], [])
"""

KILLED_MID_SAVE = TINY_POLICY + """
import os, signal, sys
from policykg.graph import embedded_store
from policykg.graph.embedded_store import EmbeddedStore

store = EmbeddedStore.open(sys.argv[1])
store.write_policy(tiny("x.txt"))
write_graph = embedded_store.write_graph
def half(fh, g, *counts):
    write_graph(fh, g, *counts)
    fh.truncate(fh.tell() // 2)  # the trailer and half the graph not written yet
    fh.flush()
    os.kill(os.getpid(), signal.SIGKILL)
embedded_store.write_graph = half
store.save()
"""


def test_a_writer_killed_mid_save_leaves_the_old_file_whole_and_its_temporary_file_is_removed(tmp_path, graphs):
    path = tmp_path / "policykg.graph"
    store = EmbeddedStore.open(path)
    store.write_policy(graphs[0])
    store.save()
    before = path.read_bytes()
    proc = subprocess.run([sys.executable, "-c", KILLED_MID_SAVE, str(path)], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    (left,) = temps(path)
    assert left[len(path.name) + 1:-len(".tmp")].isdigit()  # <file>.<pid>.tmp
    assert path.read_bytes() == before  # readers still find the whole old file
    assert policy_keys(EmbeddedStore.open(path)) == {"p0.txt"}
    assert temps(path) == []


HOLD_AND_FORK = """
import multiprocessing, sys, time
from pathlib import Path
from policykg.graph.file_lock import FileLock

lock = FileLock(Path(sys.argv[1]))
lock.acquire()
child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
child.start()
print(child.pid, flush=True)
time.sleep(60)
"""


def test_a_killed_writers_forked_workers_do_not_keep_the_lock(tmp_path):
    lock_file = tmp_path / "policykg.graph.lock"
    proc = subprocess.Popen([sys.executable, "-c", HOLD_AND_FORK, str(lock_file)], stdout=subprocess.PIPE, text=True)
    child = int(proc.stdout.readline())
    try:
        assert not FileLock(lock_file, timeout=0.2, on_wait=None).try_acquire()
        proc.kill()
        proc.wait(30)
        os.kill(child, 0)  # the worker still runs
        lock = FileLock(lock_file, timeout=5, on_wait=None)
        lock.acquire()
        lock.release()
    finally:
        proc.kill()
        os.kill(child, signal.SIGKILL)


WRITER = TINY_POLICY + """
import sys
from policykg.graph.embedded_store import EmbeddedStore

store = EmbeddedStore.open(sys.argv[1])
for i in range(int(sys.argv[2])):
    with store.exclusive():
        for j in range(20):
            store.write_policy(tiny(f"{i}-{j}.txt", "x" * 2000))
"""


def test_a_reader_never_sees_a_half_written_file(tmp_path, graphs):
    path = tmp_path / "policykg.graph"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "15"])
    reads = 0
    try:
        while writer.poll() is None:
            if path.exists():
                count = len(EmbeddedStore.open(path).all_policies())  # raises on a torn file
                assert count % 20 == 0
                reads += 1
    finally:
        writer.wait(60)
    assert writer.returncode == 0 and reads > 0
    assert len(EmbeddedStore.open(path).all_policies()) == 15 * 20


# --- link rebuilds, both stores ------------------------------------------------------------


def derived(store) -> Counter:
    rels = store.relationships("SIMILAR_TO") + [r for r in store.relationships("CITES")
                                                if r["end"].startswith("policy:")]
    return Counter((r["type"], r["start"], r["end"]) for r in rels)


def test_concurrent_link_rebuilds_give_each_link_once(store, graphs):
    for pg in graphs:
        store.write_policy(pg)
    link_all(store)
    once = derived(store)
    assert once and max(once.values()) == 1
    threads = [threading.Thread(target=link_all, args=(store,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert derived(store) == once
    assert store.counts()["relationships"]["SIMILAR_TO"] == sum(once.values())


@pytest.mark.neo4j
def test_a_rebuild_heals_doubled_links(neo4j_store, graphs):
    for pg in graphs:
        neo4j_store.write_policy(pg)
    link_all(neo4j_store)
    once = derived(neo4j_store)
    _, start, end = next(iter(once))
    neo4j_store._write("MATCH (a:Clause {id: $a}), (b:Clause {id: $b}) CREATE (a)-[:SIMILAR_TO {score: 0.1}]->(b)",
                       a=start, b=end)
    assert derived(neo4j_store)[("SIMILAR_TO", start, end)] == 2
    link_all(neo4j_store)
    assert derived(neo4j_store) == once
