"""Store management on the command line: list, remove, reset (both stores), and the local
Neo4j's --port / --home."""

from __future__ import annotations

import json
import os
import pty
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.cli import build_parser, main
from policykg.corpus import bundled_paths
from policykg.graph.embedded_store import EmbeddedStore
from policykg.loaders.pipeline import Pipeline

JINGZHOU = "荆州市促进科技成果转化和科创供应链平台建设若干政策措施"
HUBEI = "湖北·汉襄宜国家科技成果转移转化示范区建设方案"


def _seed(title_part: str) -> Path:
    return next(p for p in bundled_paths() if title_part in Pipeline().read(p).title)


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """The embedded store of the commands: a file under this test's folder."""
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path / "var"))
    return tmp_path / "var"


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_name(request, data_dir) -> str:
    """Each store in turn; Neo4j is the test run's own, cleared, reached through the settings."""
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_env")
        request.getfixturevalue("neo4j_store")  # cleared, schema in place
    return request.param


def _open(store_name: str, data_dir: Path, request):
    if store_name == "embedded":
        return EmbeddedStore.open(data_dir / "policykg.graph")
    return request.getfixturevalue("neo4j_store")


def _listed(capsys, store_name: str) -> dict[str, list[str]]:
    assert main(["list", "--store", store_name]) == 0
    out = capsys.readouterr()
    rows = [line.split("\t") for line in out.out.splitlines()]
    assert f"{len(rows)} policies in " in out.err
    return {row[0]: row[1:] for row in rows}


def test_list_remove_then_relink(store_name, data_dir, capsys, request, monkeypatch):
    jingzhou, hubei = _seed(JINGZHOU), _seed(HUBEI)
    wuhan = next(p for p in bundled_paths() if p not in (jingzhou, hubei))
    assert main(["load", "--quiet", "--store", store_name, str(jingzhou), str(hubei), str(wuhan)]) == 0
    capsys.readouterr()
    listed = _listed(capsys, store_name)
    assert set(listed) == {jingzhou.name, hubei.name, wuhan.name}
    store = _open(store_name, data_dir, request)
    for policy in store.all_policies():
        props = policy["properties"]
        clauses = store.find_nodes("Clause", {"policy_id": policy["id"]}, limit=None)
        assert listed[props["source_key"]] == [props["title"], props["region"], props["date"],
                                               f"clauses={len(clauses)}"]
    hubei_id = next(p["id"] for p in store.all_policies() if p["properties"]["source_key"] == hubei.name)
    assert any(r["end"] == hubei_id for r in store.relationships("CITES"))  # 荆州 cites 湖北
    if store_name == "embedded":
        store.close()

    assert main(["remove", "--store", store_name, hubei.name]) == 0
    assert "removed 1 policies" in capsys.readouterr().out
    assert set(_listed(capsys, store_name)) == {jingzhou.name, wuhan.name}
    store = _open(store_name, data_dir, request)
    assert store.get_node(hubei_id) is None
    assert store.find_nodes("Clause", {"policy_id": hubei_id}, limit=None) == []
    assert store.find_nodes("Section", {"policy_id": hubei_id}, limit=None) == []
    assert not any(hubei_id in (r["start"], r["end"]) for r in store.relationships("CITES"))
    # relinked: the links are those of a store that never held 湖北
    fresh = data_dir.parent / "fresh"
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(fresh))
    assert main(["load", "--quiet", "--store", "embedded", str(jingzhou), str(wuhan)]) == 0
    never = EmbeddedStore.open(fresh / "policykg.graph")
    for rel_type in ("CITES", "SIMILAR_TO"):
        assert store.relationships(rel_type) == never.relationships(rel_type), rel_type
    # every node of 湖北 is gone, and the shared ones only it used
    # (a relationship between two shared nodes it implied may stay, as delete_policy keeps them)
    assert store.counts()["nodes"] == never.counts()["nodes"]


def test_remove_an_unknown_source_removes_nothing(store_name, data_dir, capsys):
    assert main(["load", "--quiet", "--store", store_name, str(bundled_paths()[0])]) == 0
    capsys.readouterr()
    assert main(["remove", "--store", store_name, bundled_paths()[0].name, "no-such-policy.txt"]) == 1
    err = capsys.readouterr().err
    assert "no-such-policy.txt" in err and "nothing was removed" in err and "policykg list" in err
    assert set(_listed(capsys, store_name)) == {bundled_paths()[0].name}


def test_reset_asks_or_needs_yes(store_name, data_dir, capsys, monkeypatch, request):
    import io

    assert main(["load", "--quiet", "--store", store_name, *map(str, bundled_paths()[:2])]) == 0
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))  # not a terminal: no question is asked
    assert main(["reset", "--store", store_name]) == 1
    assert "pass --yes" in capsys.readouterr().err
    assert len(_listed(capsys, store_name)) == 2
    assert main(["reset", "--store", store_name, "--yes"]) == 0
    assert "deleted all 2 policies" in capsys.readouterr().out
    assert _listed(capsys, store_name) == {}
    store = _open(store_name, data_dir, request)
    assert sum(store.counts()["nodes"].values()) == 0
    if store_name == "neo4j":
        from conftest import TEST_OWNER

        assert store.owned_by(TEST_OWNER)  # the test database stays the suite's


def _reset_on_a_terminal(answer: str, data_dir: Path) -> tuple[int, str]:
    """`policykg reset` with a pseudo-terminal as stdin, answering ``answer``."""
    leader, follower = pty.openpty()
    env = dict(os.environ, POLICYKG_DATA_DIR=str(data_dir))
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "reset"], stdin=follower,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    os.write(leader, answer.encode() + b"\n")
    out, err = proc.communicate(timeout=120)
    os.close(leader)
    return proc.returncode, out.decode() + err.decode()


def test_reset_on_a_terminal_deletes_only_when_confirmed(data_dir, capsys):
    assert main(["load", "--quiet", str(bundled_paths()[0])]) == 0
    capsys.readouterr()
    code, output = _reset_on_a_terminal("no", data_dir)
    assert code == 1 and "nothing deleted" in output
    assert len(EmbeddedStore.open(data_dir / "policykg.graph").all_policies()) == 1
    code, output = _reset_on_a_terminal("yes", data_dir)
    assert code == 0 and "deleted all 1 policies" in output
    assert EmbeddedStore.open(data_dir / "policykg.graph").all_policies() == []


# --- the local Neo4j: --port and --home ----------------------------------------------------


def test_neo4j_port_and_home_are_parsed():
    args = build_parser().parse_args(["neo4j", "start", "--port", "7714", "--home", "elsewhere/neo4j"])
    assert (args.action, args.neo4j_port, args.neo4j_home) == ("start", 7714, "elsewhere/neo4j")


def test_neo4j_status_reports_the_given_port_and_home(tmp_path, capsys):
    from conftest import free_port

    port = free_port()
    assert main(["neo4j", "status", "--port", str(port), "--home", str(tmp_path / "n")]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["uri"] == f"bolt://localhost:{port}" and info["running"] is False
    assert info["home"] == str((tmp_path / "n").resolve())


@pytest.mark.neo4j
def test_neo4j_start_uses_the_given_port(tmp_path, capsys, neo4j_target):
    """Started on a port another program holds, it names that port (and starts nothing)."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["neo4j", "start", "--port", str(port), "--home", str(tmp_path / "n")]) == 1
    err = capsys.readouterr().err
    assert f"port {port} on localhost is already in use" in err and "--port" in err
    assert not (tmp_path / "n" / "neo4j.pid").exists()


@pytest.mark.neo4j
def test_neo4j_local_status_finds_the_port_a_home_runs_on(neo4j_target):
    if neo4j_target.home is None:
        pytest.skip("the Neo4j under test was given by NEO4J_URI, not started by the test run")
    proc = subprocess.run([sys.executable, "-m", "policykg.graph.neo4j_local", "status",
                           "--home", str(neo4j_target.home), "--password", neo4j_target.password],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert info["uri"] == neo4j_target.uri and info["ready"] is True


def test_an_unreadable_graph_file_is_reported(data_dir, capsys):
    data_dir.mkdir(parents=True)
    (data_dir / "policykg.graph").write_text("not a graph", encoding="utf-8")
    for command in (["list"], ["remove", "a.txt"], ["reset", "--yes"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert f"policykg {command[0]}: " in err and "delete it and load the policies again" in err
    assert (data_dir / "policykg.graph").read_text(encoding="utf-8") == "not a graph"


@pytest.mark.neo4j
def test_neo4j_start_on_a_port_then_status_and_stop_by_home(tmp_path, capsys, neo4j_target):
    """A real server: started with --port, found by status and stopped by --home alone."""
    from conftest import free_port

    home, port = tmp_path / "n", free_port()
    assert main(["neo4j", "start", "--port", str(port), "--home", str(home)]) == 0
    try:
        out = capsys.readouterr().out
        assert f"bolt://localhost:{port}" in out and f"POLICYKG_NEO4J_LOCAL_PORT={port}" in out
        assert main(["neo4j", "status", "--home", str(home)]) == 0
        info = json.loads(capsys.readouterr().out)
        assert (info["uri"], info["running"], info["ready"]) == (f"bolt://localhost:{port}", True, True)
    finally:
        assert main(["neo4j", "stop", "--home", str(home)]) == 0
    assert capsys.readouterr().out.strip() == "Neo4j stopped."
    assert main(["neo4j", "status", "--home", str(home)]) == 0
    assert json.loads(capsys.readouterr().out)["running"] is False
