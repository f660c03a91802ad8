"""Neo4j's derived links written in bounded steps: pages of reads, batches of writes, a lease."""

from __future__ import annotations

import time

import pytest

from policykg.graph import cypher as Q
from policykg.graph.linking import link_all
from policykg.graph.neo4j_links import LinkingError, rebuild
from policykg.graph.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j


def _links(links):
    return {(link.type, link.start, link.end, tuple(sorted(link.props.items()))) for link in links}


def _stored(store):
    return {(t, r["start"], r["end"], tuple(sorted(r["properties"].items())))
            for t in ("CITES", "SIMILAR_TO") for r in store.relationships(t)
            if t == "SIMILAR_TO" or r["end"].startswith("policy:")}


def _hold_lock(store, holder, lease_ms):
    with store.driver.session(database=store.database) as session:
        def take(tx):
            tx.run(Q.TOUCH_LINK_LOCK).consume()
            return tx.run(Q.TAKE_LINK_LOCK, holder=holder, lease_ms=lease_ms).single()["taken"]
        assert session.execute_write(take)


@pytest.fixture(scope="module")
def corpus_graphs(tmp_path_factory, seed_graphs):
    """The seeds and 30 generated policies (generated ones share titles, as real ones do)."""
    from policykg.generator import generate_corpus
    from policykg.graph.model import build_policy_graph
    from policykg.loaders.pipeline import Pipeline

    out = tmp_path_factory.mktemp("links-corpus")
    generate_corpus(30, 5, out)
    pipeline = Pipeline()
    return [*seed_graphs, *(build_policy_graph(pipeline.read(p), p.name) for p in sorted(out.glob("policy_*")))]


def _release(store, holder):
    with store.driver.session(database=store.database) as session:
        session.execute_write(lambda tx: tx.run(Q.RELEASE_LINK_LOCK, holder=holder).consume())


def test_links_over_many_batches_equal_the_embedded_stores(neo4j_store, embedded_store, corpus_graphs):
    # three rows per read page and per write batch: the links take dozens of each
    small = Neo4jStore(neo4j_store.driver, database=neo4j_store.database, batch_rows=3)
    seed_graphs = corpus_graphs
    for pg in seed_graphs:
        small.write_policy(pg)
        embedded_store.write_policy(pg)
    cites, similar = link_all(small)
    e_cites, e_similar = link_all(embedded_store)
    assert len(cites) > 10 and len(similar) > 10
    assert _links(cites) == _links(e_cites) and _links(similar) == _links(e_similar)
    assert _stored(small) == _links(cites) | _links(similar) == _stored(embedded_store)
    # a rerun changes nothing; removing a policy removes its links and nothing else
    link_all(small)
    assert _stored(small) == _links(cites) | _links(similar)
    gone = seed_graphs[0]
    small.delete_policy(gone.source_key)
    embedded_store.delete_policy(gone.source_key)
    link_all(small)
    link_all(embedded_store)
    after = _stored(small)
    assert after == _stored(embedded_store)
    assert not any(gone.policy_id in s or gone.policy_id in e for _, s, e, _ in after)
    assert after < _links(cites) | _links(similar)


def test_a_held_lock_is_waited_for_and_the_failure_names_the_step(neo4j_store, seed_graphs):
    for pg in seed_graphs[:2]:
        neo4j_store.write_policy(pg)
    _hold_lock(neo4j_store, "another-load", lease_ms=600_000)
    calls = []
    started = time.monotonic()
    try:
        with pytest.raises(LinkingError) as caught:
            rebuild(neo4j_store.driver, neo4j_store.database, lambda: calls.append(1) or ([], []), wait_s=1.0)
    finally:
        _release(neo4j_store, "another-load")
    assert time.monotonic() - started < 10
    assert not calls  # nothing computed without the lock
    assert caught.value.step == "waiting for another linking run to finish"
    assert "policykg relink" in str(caught.value) and "nothing was changed" in str(caught.value)


def test_the_lock_of_a_holder_that_died_expires(neo4j_store, seed_graphs):
    for pg in seed_graphs[:2]:
        neo4j_store.write_policy(pg)
    _hold_lock(neo4j_store, "a-load-that-died", lease_ms=200)
    time.sleep(0.5)
    cites, similar = link_all(neo4j_store)  # takes the expired lease, then gives it back
    assert _stored(neo4j_store) == _links(cites) | _links(similar)
    _hold_lock(neo4j_store, "the-next-load", lease_ms=1000)  # free again
    _release(neo4j_store, "the-next-load")
