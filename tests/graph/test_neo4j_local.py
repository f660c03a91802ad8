"""The local Neo4j launcher against a real Neo4j 5.26 JVM (no mocks).

One server is started for the module in a temporary home on a free port. The jar cache is
shared between runs: ``$POLICYKG_NEO4J_LIB`` (tests/conftest.py: the test Neo4j's ``var/test-neo4j/lib``).
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import time
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from policykg.graph.neo4j_local import LocalNeo4j, Neo4jLocalError, neo4j_version, running_port

pytestmark = pytest.mark.neo4j

REPO = Path(__file__).resolve().parents[2]
LIB = Path(os.environ.get("POLICYKG_NEO4J_LIB") or REPO / "var" / "test-neo4j" / "lib")
PASSWORD = "test-secret-4711"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _needs_java_and_jars() -> None:
    # the README's requirements: a machine without them fails here instead of passing by skipping
    if shutil.which("java") is None:
        pytest.fail("Java 17 is not installed: install it (policykg runs its own Neo4j on it)")
    if shutil.which("mvn") is None and not LocalNeo4j(LIB.parent, lib_dir=LIB).jars_complete():
        pytest.fail("Maven is not installed and no Neo4j jars are cached: install Maven to fetch them")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _needs_java_and_jars()
    home = tmp_path_factory.mktemp("neo4j-home")
    srv = LocalNeo4j(home, bolt_port=_free_port(), password=PASSWORD, lib_dir=LIB, tx_timeout="45s",
                     tx_memory="300m", exit_with=os.getpid())
    srv.start(timeout=300)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def driver(server):
    with GraphDatabase.driver(server.uri, auth=("neo4j", PASSWORD)) as drv:
        yield drv


def test_start_returns_uri_and_status_reports_running_526(server):
    info = server.status()
    assert info["running"] is True and info["ready"] is True
    assert info["uri"] == server.uri == f"bolt://localhost:{server.bolt_port}"
    assert info["version"].startswith("5.26.")
    assert info["version"] == neo4j_version()
    assert info["edition"] == "community"
    assert info["pid"] == int(server.pid_path.read_text())
    assert (server.home / "data" / "databases" / "neo4j").is_dir()
    assert "POLICYKG_NEO4J_READY" in server.log_path.read_text()


def test_write_then_read_through_driver(driver):
    driver.execute_query(
        "CREATE (:Policy {id: $id, title: $title})", id="p-write-read", title="科技成果转化若干措施"
    )
    records, _, _ = driver.execute_query(
        "MATCH (p:Policy {id: $id}) RETURN p.title AS title", id="p-write-read"
    )
    assert [r["title"] for r in records] == ["科技成果转化若干措施"]


def test_wrong_password_is_refused(server):
    with GraphDatabase.driver(server.uri, auth=("neo4j", "not-the-password")) as drv:
        with pytest.raises(AuthError):
            drv.verify_connectivity()


def test_default_neo4j_password_is_refused(server):
    with GraphDatabase.driver(server.uri, auth=("neo4j", "neo4j")) as drv:
        with pytest.raises(AuthError):
            drv.verify_connectivity()


def test_settings_reach_the_server(driver):
    records, _, _ = driver.execute_query(
        "SHOW SETTINGS YIELD name, value "
        "WHERE name IN ['db.transaction.timeout', 'server.memory.pagecache.size', "
        "'dbms.security.auth_enabled', 'server.bolt.listen_address'] RETURN name, value"
    )
    settings = {r["name"]: r["value"] for r in records}
    assert settings["db.transaction.timeout"] == "45s"
    assert settings["server.memory.pagecache.size"].startswith("256")
    assert settings["dbms.security.auth_enabled"] == "true"
    assert settings["server.bolt.listen_address"].startswith("localhost:")


def test_server_is_safe_for_the_console_by_default(server, driver):
    from policykg.graph.cypher_console import SAFETY_SETTINGS, safety_warnings

    records, _, _ = driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
        names=[*SAFETY_SETTINGS, "server.directories.import", "dbms.memory.transaction.total.max"])
    settings = {r["name"]: r["value"] for r in records}
    assert settings["dbms.security.allow_csv_import_from_file_urls"] == "false"
    assert settings["db.memory.transaction.max"] == "300.00MiB"  # given
    assert settings["db.memory.transaction.total.max"] == "640.00MiB"  # default
    assert settings["dbms.memory.transaction.total.max"] == "640.00MiB"
    assert settings["db.transaction.timeout"] == "45s"
    imports = Path(settings["server.directories.import"])
    assert imports == server.home / "import" and imports.is_dir() and not any(imports.iterdir())
    assert safety_warnings(settings) == []
    with pytest.raises(Exception, match="allow_csv_import_from_file_urls"):
        driver.execute_query("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l")


def test_safety_warnings_name_what_is_open():
    warnings = safety_warnings_of({"dbms.security.allow_csv_import_from_file_urls": "true",
                                   "db.memory.transaction.max": "0B", "db.transaction.timeout": "0s"})
    assert len(warnings) == 4
    assert any("allow_csv_import_from_file_urls=true" in w for w in warnings)
    assert any("db.memory.transaction.max=0b" in w for w in warnings)
    assert any("db.transaction.timeout=0s" in w for w in warnings)
    assert any("db.memory.transaction.total.max could not be read" in w for w in warnings)


def safety_warnings_of(values: dict[str, str]) -> list[str]:
    from policykg.graph.cypher_console import safety_warnings

    return safety_warnings(values)


def test_limits_are_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_NEO4J_TX_MEMORY_TOTAL", "900m")
    cmd = LocalNeo4j(tmp_path, password=PASSWORD, lib_dir=LIB, tx_memory="128m").command()
    args = dict(zip(cmd, cmd[1:], strict=False))
    assert args["--tx-memory"] == "128m" and args["--tx-memory-total"] == "900m" and args["--tx-timeout"] == "120s"


def test_heap_and_page_cache_come_from_the_caller_else_the_environment_else_the_defaults(tmp_path, monkeypatch):
    def sizes(**kw: str) -> tuple[str, str]:
        cmd = LocalNeo4j(tmp_path, password=PASSWORD, lib_dir=LIB, **kw).command()
        return next(a for a in cmd if a.startswith("-Xmx")), dict(zip(cmd, cmd[1:], strict=False))["--page-cache"]

    monkeypatch.delenv("POLICYKG_NEO4J_HEAP", raising=False)
    monkeypatch.delenv("POLICYKG_NEO4J_PAGE_CACHE", raising=False)
    assert sizes() == ("-Xmx1g", "256m")
    monkeypatch.setenv("POLICYKG_NEO4J_HEAP", "3g")
    monkeypatch.setenv("POLICYKG_NEO4J_PAGE_CACHE", "2g")
    assert sizes() == ("-Xmx3g", "2g")
    assert sizes(heap="512m", page_cache="64m") == ("-Xmx512m", "64m")


def test_cjk_fulltext_index_finds_chinese_text(driver):
    driver.execute_query(
        "CREATE FULLTEXT INDEX clause_text_cjk IF NOT EXISTS FOR (c:Clause) ON EACH [c.text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
    )
    driver.execute_query("CALL db.awaitIndexes(60)")
    driver.execute_query(
        "UNWIND $rows AS row CREATE (:Clause {id: row.id, text: row.text})",
        rows=[
            {"id": "c1", "text": "支持高校院所开展科技成果转化，给予最高50万元奖励。"},
            {"id": "c2", "text": "对引进的高层次人才给予安家补贴。"},
        ],
    )
    records, _, _ = driver.execute_query(
        "CALL db.index.fulltext.queryNodes('clause_text_cjk', $q) YIELD node, score "
        "RETURN node.id AS id ORDER BY score DESC",
        q="成果转化",
    )
    assert [r["id"] for r in records] == ["c1"]
    records, _, _ = driver.execute_query(
        "CALL db.index.fulltext.queryNodes('clause_text_cjk', $q) YIELD node RETURN node.id AS id",
        q="人才",
    )
    assert [r["id"] for r in records] == ["c2"]
    records, _, _ = driver.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'clause_text_cjk' "
        "RETURN options.indexConfig.`fulltext.analyzer` AS analyzer"
    )
    assert records[0]["analyzer"] == "cjk"


def test_start_again_returns_at_once(server):
    pid = server.status()["pid"]
    t0 = time.monotonic()
    assert server.start() == server.uri
    assert time.monotonic() - t0 < 5
    assert server.status()["pid"] == pid


def test_start_again_from_another_handle_with_other_port_is_refused(server):
    other = LocalNeo4j(server.home, bolt_port=_free_port(), password=PASSWORD, lib_dir=LIB)
    with pytest.raises(Neo4jLocalError, match="already runs on port"):
        other.start()


def test_taken_port_is_reported(server, tmp_path):
    other = LocalNeo4j(tmp_path / "home", bolt_port=server.bolt_port, password=PASSWORD, lib_dir=LIB)
    with pytest.raises(Neo4jLocalError, match="already in use"):
        other.start(timeout=30)
    assert not other.pid_path.exists()


def test_failed_start_raises_with_log_tail(server, tmp_path):
    bad = LocalNeo4j(
        tmp_path / "home", bolt_port=_free_port(), password=PASSWORD, lib_dir=LIB, tx_timeout="soon"
    )
    with pytest.raises(Neo4jLocalError) as err:
        bad.start(timeout=120)
    message = str(err.value)
    assert "exit code 2" in message
    assert "--tx-timeout soon" in message  # the launcher's own line, from the log tail
    assert bad.status()["running"] is False
    assert not bad.pid_path.exists()


def test_missing_maven_is_explained(tmp_path):
    srv = LocalNeo4j(tmp_path / "home", lib_dir=tmp_path / "lib", mvn=str(tmp_path / "no-mvn"))
    with pytest.raises(Neo4jLocalError) as err:
        srv.ensure_jars()
    assert "install Maven / Java 17, or set NEO4J_URI" in str(err.value)
    assert "dependency:copy-dependencies" in str(err.value)


def test_old_java_is_refused(tmp_path):
    fake = tmp_path / "java"
    fake.write_text('#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    srv = LocalNeo4j(tmp_path / "home", java=str(fake))
    assert srv.java_version_ok() is False
    with pytest.raises(Neo4jLocalError, match="Java 11 .* needs Java 17"):
        srv.check_java()
    assert LocalNeo4j(tmp_path / "home", java=str(tmp_path / "absent")).java_version_ok() is False


def test_system_java_is_accepted(tmp_path):
    _needs_java_and_jars()
    assert LocalNeo4j(tmp_path / "home").java_version_ok() is True


def test_restart_keeps_data_and_applies_a_new_password(server, driver):
    # Restarts the shared server, so it runs after every test that uses `driver`.
    driver.execute_query("CREATE (:Policy {id: 'p-persist', title: '荆州市促进科技成果转化实施办法'})")
    assert server.stop() is True
    new_password = PASSWORD + "-rotated"
    restarted = LocalNeo4j(server.home, server.bolt_port, new_password, lib_dir=LIB)
    assert restarted.start(timeout=300) == server.uri
    with GraphDatabase.driver(server.uri, auth=("neo4j", new_password)) as drv:
        records, _, _ = drv.execute_query("MATCH (p:Policy {id: 'p-persist'}) RETURN p.title AS t")
        assert [r["t"] for r in records] == ["荆州市促进科技成果转化实施办法"]
    with GraphDatabase.driver(server.uri, auth=("neo4j", PASSWORD)) as drv:
        with pytest.raises(AuthError):
            drv.verify_connectivity()
    log = server.log_path.read_text()
    assert log.count("initial password of user neo4j seeded") == 1  # first start, before Bolt
    assert log.count("password of user neo4j set") == 1  # the restart's ALTER USER
    server.password = new_password


def test_stop_stops_and_status_says_not_running(server):
    # Runs last in this module: it ends the shared server (the fixture's stop is then a no-op).
    pid = server.status()["pid"]
    assert server.stop(timeout=60) is True
    info = server.status()
    assert info["running"] is False and info["pid"] is None and info["version"] is None
    assert not server.pid_path.exists()
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:3]
    with socket.socket() as s:  # the Bolt port is free again
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", server.bolt_port))
    assert server.stop() is False
    assert "stopped" in server.log_path.read_text()


def test_the_owner_process_is_on_the_command_line_only_when_given(tmp_path):
    assert "--exit-with" not in LocalNeo4j(tmp_path, password=PASSWORD, lib_dir=LIB).command()
    cmd = LocalNeo4j(tmp_path, password=PASSWORD, lib_dir=LIB, exit_with=4242).command()
    assert cmd[cmd.index("--exit-with") + 1] == "4242"


def test_a_server_started_for_a_process_stops_when_that_process_ends(tmp_path):
    # what a test run killed before its fixtures could stop its Neo4j relies on
    _needs_java_and_jars()
    owner = subprocess.Popen(["sleep", "600"])
    srv = LocalNeo4j(tmp_path / "home", bolt_port=_free_port(), password=PASSWORD, lib_dir=LIB,
                     exit_with=owner.pid)
    try:
        srv.start(timeout=300)
        assert running_port(srv.home) == srv.bolt_port
        owner.kill()
        owner.wait()
        deadline = time.monotonic() + 120
        while running_port(srv.home) is not None and time.monotonic() < deadline:
            time.sleep(0.5)
        assert running_port(srv.home) is None
        log = srv.log_path.read_text(errors="replace")
        assert "that owns this server ended" in log and log.rstrip().endswith("stopped")  # shut down cleanly
    finally:
        owner.kill()
        srv.stop()
