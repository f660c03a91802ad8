"""Top-level test fixtures: hand-made documents, the seed corpus, and both graph stores.

Tests never touch a user's data:

- The embedded store is always a file under the test's own temporary folder, and for the
  whole session ``POLICYKG_DATA_DIR`` (hence the graph file) and ``POLICYKG_NEO4J_HOME``
  point into a temporary folder and ``NEO4J_URI`` at a closed port, so code that falls back
  on the default settings never reaches ``var/`` or a user's Neo4j.
- Neo4j (lazy: only tests that ask for it start one) is the test run's own: a local Neo4j
  under ``var/test-neo4j`` (``POLICYKG_TEST_NEO4J_HOME``) on a free port
  (``POLICYKG_TEST_NEO4J_PORT`` to fix one), started once per session and stopped at the
  end, never ``var/neo4j`` nor port 7687. With ``NEO4J_URI`` set, that server is used
  (``NEO4J_USER``, ``NEO4J_PASSWORD``) in a database of its own when the server can create
  one (``cypher.TEST_DATABASE``; ``POLICYKG_TEST_NEO4J_DATABASE`` to name it), else in
  ``NEO4J_DATABASE`` (default ``neo4j``).
- Before anything is cleared, the database must be empty or carry the test suite's marker
  node (``cypher.TEST_MARKER_LABEL``); the fixture then marks it. A database holding other
  data fails the tests with a message and is never cleared.

A Neo4j that cannot be reached or started fails the tests that need it: it is never
silently skipped.
"""

from __future__ import annotations

import hashlib
import os
import socket
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
USER_GRAPH_FILE = REPO / "var" / "policykg.graph"  # what `policykg load` writes by default
USER_NEO4J_HOME = REPO / "var" / "neo4j"  # what `policykg neo4j start` runs by default
USER_NEO4J_PORT = 7687
TEST_NEO4J_HOME = Path(os.environ.get("POLICYKG_TEST_NEO4J_HOME") or REPO / "var" / "test-neo4j")
TEST_NEO4J_PASSWORD = "policykg-tests"
TEST_OWNER = "policykg-tests"  # the owner written on the marker node
# a closed port: code that reaches for "the" Neo4j from the default settings fails fast
UNREACHABLE_NEO4J = "bolt://127.0.0.1:9"

# The Neo4j the user points the tests at, read before the session's settings replace it.
USER_NEO4J_URI = os.environ.get("NEO4J_URI")
USER_NEO4J_AUTH = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "policykg-local"))
USER_NEO4J_DATABASE = os.environ.get("NEO4J_DATABASE", "neo4j")
# Local servers started by tests share the test run's jar cache (read by test modules at import).
os.environ.setdefault("POLICYKG_NEO4J_LIB", str(TEST_NEO4J_HOME / "lib"))


@pytest.fixture(scope="session", autouse=True)
def isolated_settings(tmp_path_factory):
    """The session's environment: data under a temporary folder, Neo4j unreachable by default.

    Returns that folder. Tests that need Neo4j through the settings use ``neo4j_env``."""
    from policykg.settings import Settings

    data = tmp_path_factory.mktemp("policykg-data")
    patch = pytest.MonkeyPatch()
    for name, value in (("POLICYKG_DATA_DIR", data), ("POLICYKG_NEO4J_HOME", data / "neo4j"),
                        ("POLICYKG_STORE", "embedded"), ("NEO4J_URI", UNREACHABLE_NEO4J),
                        ("NEO4J_DATABASE", "neo4j")):
        patch.setenv(name, str(value))
    # the graph file follows POLICYKG_DATA_DIR (tests set their own), unless a .env names one
    patch.delenv("POLICYKG_GRAPH_FILE", raising=False)
    if Settings().graph_file is not None:
        patch.setenv("POLICYKG_GRAPH_FILE", str(data / "policykg.graph"))
    yield data
    patch.undo()


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


@dataclass(frozen=True)
class Neo4jTarget:
    """The Neo4j the tests use: where, as whom, which database, and whether the run started it."""

    uri: str
    user: str
    password: str
    database: str
    home: Path | None = None  # the test run's own local Neo4j; None for a server from NEO4J_URI

    @property
    def port(self) -> int | None:
        return int(self.uri.rsplit(":", 1)[1]) if self.home is not None else None


def free_port() -> int:
    """A TCP port on localhost nothing listens on (from the system's ephemeral range)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_test_home(home: Path) -> Path:
    """``home`` resolved, refused when it is the user's own local Neo4j."""
    home = home.resolve()
    if home == USER_NEO4J_HOME.resolve():
        raise ValueError(f"{home} is the Neo4j of `policykg neo4j start`: give the tests a folder of "
                         "their own (POLICYKG_TEST_NEO4J_HOME)")
    return home


def start_test_neo4j(home: Path = TEST_NEO4J_HOME):
    """Start (or join) the test run's own Neo4j under ``home``; returns (server, uri, started)."""
    from policykg.graph.neo4j_local import LocalNeo4j, Neo4jLocalError, running_port

    home = check_test_home(home)
    fixed = os.environ.get("POLICYKG_TEST_NEO4J_PORT")
    running = running_port(home)
    for _ in range(3):  # a picked port may be taken before Neo4j binds it: pick again
        port = int(fixed) if fixed else running or free_port()
        if port == USER_NEO4J_PORT:
            raise ValueError(f"port {port} is the user's Neo4j port: choose another POLICYKG_TEST_NEO4J_PORT")
        # exit_with: a run killed before its fixtures stop the server does not leave it running
        server = LocalNeo4j(home, bolt_port=port, password=TEST_NEO4J_PASSWORD, exit_with=os.getpid())
        try:
            return server, server.start(timeout=300), running is None
        except Neo4jLocalError as err:
            if fixed or running or "already in use" not in str(err):
                raise
    raise RuntimeError("no free port for the test Neo4j after 3 tries")


def choose_test_database(driver) -> str:
    """The database the tests use on a server given by NEO4J_URI: one of their own when the
    server can create it, else ``NEO4J_DATABASE``."""
    from neo4j.exceptions import Neo4jError

    from policykg.graph import cypher as Q

    if os.environ.get("POLICYKG_TEST_NEO4J_DATABASE"):
        return os.environ["POLICYKG_TEST_NEO4J_DATABASE"]
    try:
        driver.execute_query(Q.CREATE_TEST_DATABASE, database_="system")
    except Neo4jError:  # Community edition, or no right to create databases
        return USER_NEO4J_DATABASE
    return Q.TEST_DATABASE


def claim_or_fail(store) -> None:
    """Mark ``store``'s database as the test suite's; fail the tests (never clear) when it holds
    data without that mark."""
    from policykg.graph.neo4j_store import DatabaseNotOwned

    try:
        store.claim(TEST_OWNER)
        return
    except DatabaseNotOwned as err:
        refusal = str(err)
    pytest.fail(refusal, pytrace=False)


@pytest.fixture(scope="session")
def neo4j_session():
    """(target, driver) of the Neo4j under test, its database claimed; fails (never skips)
    when none can be reached or started."""
    import neo4j

    from policykg.graph.neo4j_store import Neo4jStore

    server = None
    if USER_NEO4J_URI:
        uri, (user, password), home = USER_NEO4J_URI, USER_NEO4J_AUTH, None
    else:
        try:
            server, uri, started = start_test_neo4j()
        except Exception as err:  # noqa: BLE001 - any failure to start is a test failure
            pytest.fail(f"could not start the test run's Neo4j ({err}); set NEO4J_URI to use a running server")
        user, password, home = "neo4j", TEST_NEO4J_PASSWORD, server.home
        if not started:
            server = None  # it was running before this session: not ours to stop
    driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
    try:
        try:
            driver.verify_connectivity()
        except Exception as err:  # noqa: BLE001
            pytest.fail(f"cannot connect to Neo4j at {uri} ({err})")
        database = choose_test_database(driver) if home is None else "neo4j"
        claim_or_fail(Neo4jStore(driver, database=database))
        yield Neo4jTarget(uri, user, password, database, home), driver
    finally:
        driver.close()
        if server is not None:
            server.stop()


@pytest.fixture(scope="session")
def neo4j_target(neo4j_session) -> Neo4jTarget:
    """Where the Neo4j under test is (uri, credentials, database, own home)."""
    return neo4j_session[0]


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_session):
    """A driver to the Neo4j under test, whose database the test run has claimed."""
    return neo4j_session[1]


@pytest.fixture
def neo4j_env(neo4j_target, monkeypatch) -> Neo4jTarget:
    """The settings' environment pointed at the Neo4j under test (for commands and apps)."""
    for name, value in (("NEO4J_URI", neo4j_target.uri), ("NEO4J_USER", neo4j_target.user),
                        ("NEO4J_PASSWORD", neo4j_target.password), ("NEO4J_DATABASE", neo4j_target.database)):
        monkeypatch.setenv(name, value)
    return neo4j_target


@pytest.fixture
def neo4j_store(neo4j_driver, neo4j_target):
    """A cleared Neo4j store with the schema in place."""
    from policykg.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_driver, database=neo4j_target.database)
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
