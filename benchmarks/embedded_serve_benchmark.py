"""How fast an embedded store opens and starts serving, and how much memory the server then holds.

    .venv/bin/python benchmarks/embedded_serve_benchmark.py \\
        --source DIR [--work var/serve-bench] [--port 8641] [--json out.json]

``--source`` is a folder holding a store (``policykg.graph`` and the files beside it). It is
copied to ``--work`` first (never changed in place; the copy is reused when it is there, so
that two runs measure the same file): the copy keeps the search index valid (the index's stamp
names the graph file by inode, size and time; the copy's stamp is moved to the copy when the
source's index was the index of the source's file), so no run rebuilds it.

Measured, one process at a time:

* the open: ``EmbeddedStore.open`` in its own process: wall and CPU seconds, resident memory
  after it, peak resident memory;
* serving: ``policykg serve --store embedded`` started on the copy; seconds until
  ``/api/v1/health`` answers (wall) and the server's CPU seconds then, its resident memory;
  then a fixed warm-up (:func:`warm_up`: policies, a policy, departments, a department, a
  search, a clause it found, another search, compare, another policy) and its resident memory
  and CPU after it.

With ``--migrate`` the copy is first opened and saved once (an older file converted to the
current format), and that conversion is timed too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_benchmark import STARTUP_TIMEOUT_S, wait_until_serving  # noqa: E402
from api_scale import rss_mb  # noqa: E402
from embedded_open_benchmark import peak_rss_mb  # noqa: E402
from embedded_open_benchmark import rss_mb as own_rss_mb  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
GRAPH = "policykg.graph"


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a running process."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def copy_store(source: Path, work: Path) -> Path:
    """Copy the store folder ``source`` to ``work`` (once) with its search index still valid."""
    graph = work / GRAPH
    if graph.exists():
        return graph
    work.mkdir(parents=True, exist_ok=True)
    for item in sorted(source.iterdir()):
        if item.name.startswith(GRAPH) and item.is_file() and not item.name.endswith((".lock", ".tmp")):
            shutil.copy2(item, work / item.name)
    index = work / f"{GRAPH}.search.sqlite"
    if index.exists():
        with sqlite3.connect(index) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            if row is not None and json.loads(row[0]) == identity(source / GRAPH):
                conn.execute("UPDATE meta SET value = ? WHERE key = 'stamp'", (json.dumps(identity(graph)),))
    return graph


# --- the open, in a child process -----------------------------------------------------------------


def child_open(path: Path) -> dict[str, Any]:
    from policykg.graph.embedded_store import EmbeddedStore

    before = own_rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    store = EmbeddedStore.open(path)
    return {"open_s": time.perf_counter() - wall, "open_cpu_s": time.process_time() - cpu,
            "rss_before_mb": before, "rss_after_open_mb": own_rss_mb(), "peak_rss_mb": peak_rss_mb(),
            "nodes": store.g.number_of_nodes()}


def child_migrate(path: Path) -> dict[str, Any]:
    from policykg.graph.embedded_store import EmbeddedStore

    wall, cpu = time.perf_counter(), time.process_time()
    store = EmbeddedStore.open(path)
    store.save()
    store.close()
    return {"migrate_s": time.perf_counter() - wall, "migrate_cpu_s": time.process_time() - cpu,
            "file_mb": path.stat().st_size / 1e6}


def in_child(kind: str, path: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", kind, str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO)
    if out.returncode != 0:
        raise RuntimeError(f"{kind} of {path} failed:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


# --- serving ------------------------------------------------------------------------------------


def _get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=300) as response:
        return bytes(response.read())


def warm_up(port: int) -> list[tuple[str, int, float]]:
    """The fixed warm-up: (path, bytes, ms) of each request."""
    def q(value: str) -> str:
        return urllib.parse.quote(value, safe="")

    done: list[tuple[str, int, float]] = []

    def get(path: str) -> Any:
        t = time.perf_counter()
        body = _get(port, path)
        done.append((path, len(body), 1000 * (time.perf_counter() - t)))
        return json.loads(body)

    policies = get("/api/v1/policies?limit=50")
    pid = policies["items"][0]["id"]
    get(f"/api/v1/policies/{q(pid)}")
    departments = get("/api/v1/departments?limit=30")
    items = departments.get("items") or []
    if items:
        get(f"/api/v1/departments/{q(items[0]['id'])}")
    found = get("/api/v1/search?q=" + q("奖励"))
    clause = next(iter(_clause_ids(found)), None)
    if clause is not None:
        get(f"/api/v1/clauses/{q(clause)}")
    get("/api/v1/search?q=" + q("技术转移 补贴"))
    get("/api/v1/compare?rows=function&cell_limit=5")
    get(f"/api/v1/policies/{q(policies['items'][1]['id'])}")
    return done


def _clause_ids(answer: dict[str, Any]) -> list[str]:
    """The ids of the clauses of a search answer's hits."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("clause"), dict) and isinstance(value["clause"].get("id"), str):
                found.append(value["clause"]["id"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(answer)
    return found


def serve(work: Path, port: int) -> dict[str, Any]:
    env = {**os.environ, "POLICYKG_DATA_DIR": str(work), "POLICYKG_PORT": str(port)}
    env.pop("POLICYKG_GRAPH_FILE", None)
    exe = Path(sys.executable).with_name("policykg")
    wall = time.perf_counter()
    proc = subprocess.Popen([str(exe), "serve", "--store", "embedded", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    try:
        try:
            wait_until_serving(proc, f"http://127.0.0.1:{port}", STARTUP_TIMEOUT_S, poll_s=0.1)
        except RuntimeError as err:
            raise RuntimeError(f"{err}: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}") from None
        out: dict[str, Any] = {"ready_s": time.perf_counter() - wall, "ready_cpu_s": cpu_s(proc.pid),
                               "rss_ready_mb": rss_mb(proc.pid)}
        out["requests"] = warm_up(port)
        out["rss_after_warm_up_mb"] = rss_mb(proc.pid)
        out["cpu_after_warm_up_s"] = cpu_s(proc.pid)
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="folder holding the store to copy")
    parser.add_argument("--work", type=Path, default=REPO / "var" / "serve-bench")
    parser.add_argument("--port", type=int, default=8641)
    parser.add_argument("--migrate", action="store_true", help="convert the copy to the current format first")
    parser.add_argument("--json", type=Path, help="write the figures to this file too")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, path = args.child
        print(json.dumps((child_open if kind == "open" else child_migrate)(Path(path))))
        return 0
    if args.source is None and not (args.work / GRAPH).exists():
        parser.error("give --source DIR (a folder with a policykg.graph) or a --work folder holding one")
    graph = copy_store(args.source, args.work) if args.source else args.work / GRAPH
    results: dict[str, Any] = {"graph": str(graph), "load_before": os.getloadavg()}
    if args.migrate:
        results["migrate"] = in_child("migrate", graph)
        print(f"migrated in {results['migrate']['migrate_s']:.1f} s wall, {results['migrate']['migrate_cpu_s']:.2f} s CPU",
              flush=True)
    results["file_mb"] = sum(p.stat().st_size for p in args.work.glob(GRAPH + "*") if p.is_file()) / 1e6
    results["open"] = o = in_child("open", graph)
    print(f"open {o['open_s']:.2f} s wall, {o['open_cpu_s']:.2f} s CPU, RSS after open {o['rss_after_open_mb']:.0f} MB, "
          f"peak {o['peak_rss_mb']:.0f} MB ({o['nodes']} nodes), load {os.getloadavg()[0]:.2f}", flush=True)
    results["serve"] = s = serve(args.work, args.port)
    print(f"serve ready {s['ready_s']:.2f} s wall, {s['ready_cpu_s']:.2f} s CPU, RSS {s['rss_ready_mb']:.0f} MB", flush=True)
    for path, size, ms in s["requests"]:
        print(f"  {path[:70]:70s} {size:>9,d} B {ms:8.0f} ms")
    print(f"after the warm-up: RSS {s['rss_after_warm_up_mb']:.0f} MB, CPU {s['cpu_after_warm_up_s']:.2f} s, "
          f"load {os.getloadavg()}", flush=True)
    results["load_after"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
