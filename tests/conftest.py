"""Top-level test fixtures: hand-made documents, the seed corpus, and both graph stores.

The Neo4j fixtures are lazy: only tests that ask for a Neo4j store start one.  With
``NEO4J_URI`` set they use that server (``NEO4J_USER``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``); otherwise a local Neo4j is started once per session under
``var/neo4j`` on port 7687 (``POLICYKG_NEO4J_HOME`` / ``POLICYKG_NEO4J_PORT`` to change
them) and stopped at the end unless it was already running.  A Neo4j that cannot be reached
or started fails the tests that need it: it is never silently skipped.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from policykg.loaders.records import (
    Citation,
    CleanText,
    Document,
    Instrument,
    Mention,
    Node,
    Provision,
    SourceText,
    Target,
    Unit,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "policykg" / "corpus"


# --- hand-made documents -------------------------------------------------------------------


@dataclass
class ClauseSpec:
    """One clause of a hand-made document."""

    label: str
    text: str
    units: list[tuple[str, str, str, bool, int]] = field(default_factory=list)  # name, canonical, function, lead, group
    instruments: list[Instrument] = field(default_factory=list)
    beneficiaries: list[str] = field(default_factory=list)
    mentions: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, canonical, function, role


def make_document(
    title: str,
    parts: list[tuple[str, list[ClauseSpec]]],
    *,
    preamble: str = "为促进科技成果转化，制定本措施。",
    path: str = "hand.txt",
    doc_number: str | None = None,
    date: str | None = "2024-01-01",
    region: str | None = "测试市",
    province: str | None = "湖北省",
    level: str | None = "city",
    issuer: str | None = "测试市人民政府",
    citations: list[tuple[str, str | None]] = (),  # (title, doc number) found by searching 《title》 in the text
    targets: list[tuple[str, float, str, int]] = (),  # (metric, value, unit, year) found by searching metric
) -> Document:
    """Build a ``Document`` the way the loaders would, from a title, parts and clauses."""
    lines = [title, preamble]
    text = ""
    spans: list[tuple[int, int]] = []
    for line in lines:
        spans.append((len(text), len(text) + len(line)))
        text += line + "\n"
    tree = Node("document", None, title, 0, 0, path="")
    pre = Node("preamble", None, None, spans[1][0], spans[1][1], path="0")
    tree.children.append(pre)
    for p, (heading, clauses) in enumerate(parts, start=1):
        part_start = len(text)
        text += heading + "\n"
        part = Node("part", heading[:2], heading[2:], part_start, 0, path=str(p))
        for c, spec in enumerate(clauses, start=1):
            start = len(text)
            text += spec.label + spec.text + "\n"
            node = Node("section", spec.label, None, start, len(text) - 1, is_clause=True, path=f"{p}/{c}")
            prov = Provision(0, start, node.end, None, None, None)
            for name, canonical, function, lead, group in spec.units:
                prov.units.append(Unit(name, canonical, function, "government", lead, group))
            for name, canonical, function, role in spec.mentions:
                at = text.find(name, start)
                prov.mentions.append(Mention(name, canonical, function, role, at, at + len(name)))
            prov.instruments = list(spec.instruments)
            prov.beneficiaries = list(spec.beneficiaries)
            node.provisions.append(prov)
            part.children.append(node)
        part.end = len(text) - 1
        tree.children.append(part)
    tree.end = len(text)
    doc_citations = []
    for cited_title, number in citations:
        at = text.find(f"《{cited_title}》")
        assert at >= 0, f"《{cited_title}》 is not in the text"
        doc_citations.append(Citation(cited_title, number, "policy", at, at + len(cited_title) + 2))
    doc_targets = []
    for metric, value, unit, year in targets:
        at = text.find(metric)
        assert at >= 0, f"{metric} is not in the text"
        doc_targets.append(Target(metric, value, unit, year, "at_least", metric, at, at + len(metric)))
    data = text.encode("utf-8")
    source = SourceText(path, "txt", "utf-8", text, hashlib.sha256(data).hexdigest(), len(data))
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    return Document(source, clean, tree, title=title, doc_number=doc_number, issuer=issuer, date=date,
                    region=region, province=province, level=level, citations=doc_citations,
                    targets=doc_targets)


@pytest.fixture
def hand_document():
    """``make_document`` as a fixture, with ``ClauseSpec`` reachable as ``hand_document.Clause``."""
    make_document.Clause = ClauseSpec  # type: ignore[attr-defined]
    return make_document


# --- the seed corpus -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def seed_documents() -> list[tuple[str, Document]]:
    """(source key, Document) for every bundled seed policy, read by the real pipeline."""
    from policykg.loaders.pipeline import Pipeline

    pipeline = Pipeline()
    return [(p.name, pipeline.read(p)) for p in sorted(CORPUS.glob("*.txt"))]


@pytest.fixture(scope="session")
def seed_graphs(seed_documents):
    from policykg.graph.model import build_policy_graph

    return [build_policy_graph(doc, key) for key, doc in seed_documents]


# --- stores --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def neo4j_driver():
    """A driver to the Neo4j under test; fails (never skips) when none can be reached or started."""
    import neo4j

    uri = os.environ.get("NEO4J_URI")
    user = os.environ.get("NEO4J_USER", "neo4j")
    password = os.environ.get("NEO4J_PASSWORD", "policykg-local")
    server = None
    if not uri:
        try:
            from policykg.graph.neo4j_local import LocalNeo4j

            server = LocalNeo4j(Path(os.environ.get("POLICYKG_NEO4J_HOME", REPO / "var" / "neo4j")),
                                bolt_port=int(os.environ.get("POLICYKG_NEO4J_PORT", "7687")))
            already_running = server.status()["running"]
            uri = server.start()
            if already_running:
                server = None  # not ours to stop
        except Exception as err:  # noqa: BLE001 - any failure to start is a test failure
            pytest.fail(f"could not start the local Neo4j ({err}); set NEO4J_URI to use a running server")
    driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
    try:
        driver.verify_connectivity()
    except Exception as err:  # noqa: BLE001
        driver.close()
        pytest.fail(f"cannot connect to Neo4j at {uri} ({err})")
    yield driver
    driver.close()
    if server is not None:
        server.stop()


@pytest.fixture
def neo4j_store(neo4j_driver):
    """A cleared Neo4j store with the schema in place."""
    from policykg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_driver, database=os.environ.get("NEO4J_DATABASE", "neo4j"))
    store.clear()
    store.ensure_schema()
    yield store
    store.close()


@pytest.fixture
def embedded_store(tmp_path):
    from policykg.graph.embedded_store import EmbeddedStore

    store = EmbeddedStore.open(tmp_path / "policykg.graph")
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request):
    """Each store in turn: the same test runs against the embedded store and Neo4j."""
    return request.getfixturevalue(f"{request.param}_store")


def load_graphs(store: Any, graphs: list[Any]) -> list[str]:
    """Write policy graphs and link them; returns the write statuses."""
    from policykg.graph.linking import link_all

    statuses = [store.write_policy(pg) for pg in graphs]
    link_all(store)
    store.save()
    return statuses


@pytest.fixture
def loaded_store(store, seed_graphs):
    """``store`` with the seed corpus loaded and linked."""
    load_graphs(store, seed_graphs)
    return store
