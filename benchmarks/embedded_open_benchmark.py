"""How long the embedded store takes to open, and how much memory it then holds, in the current
file format against the previous one (version 1, JSON), in the same run.

    .venv/bin/python benchmarks/embedded_open_benchmark.py --policies 2000 [--work DIR] [--serve]
    .venv/bin/python benchmarks/embedded_open_benchmark.py --graph PATH [--serve]

With ``--policies N`` a corpus of N generated policies (``policykg generate``, seed style:
the independent style fails at some sizes) is loaded into a store file under ``--work``
(default ``var/open-bench``), reused when it is already there; with ``--graph`` an existing
store file (either format) is used.  Both formats are written from that graph, then each is
opened in its own process, so that its peak memory is its own:

* ``previous``: the reader of version 1 as it was (:func:`open_previous`, kept here as the
  baseline: JSON parsed line by line into a plain MultiDiGraph, collector running);
* ``current``: ``EmbeddedStore.open`` on the file in the current format (version 3) (and, for
  reference, on the version-1 file: what the first open of an old file costs, converting it
  to the current format included).

Printed per open: wall and CPU seconds (on a busy machine wall time swings, CPU time much
less), resident memory after the open, peak resident memory.  ``--serve`` then also answers
a few API requests (health, policies, a policy, its graph, a search) over the opened store
with FastAPI's test client and prints the resident memory after them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    """Resident memory of this process now (VmRSS), in MB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the previous reader, as it was (the baseline) ---------------------------------------------


def open_previous(path: Path) -> Any:
    """Open a version-1 file as policykg did before version 2: each line parsed with ``json``,
    each node and edge inserted with networkx's ``add_node``/``add_edge`` (short strings
    interned, one attribute dict per edge), the indexes filled as it goes."""
    import networkx as nx

    from policykg.graph import schema as S
    from policykg.graph.embedded_file import LEGACY_BETWEEN, LEGACY_FOOTER, LEGACY_HEADER
    from policykg.graph.embedded_store import compact_props

    g = nx.MultiDiGraph()
    by_label: dict[str, set[str]] = defaultdict(set)
    by_policy: dict[str, set[str]] = defaultdict(set)
    by_source: dict[str, str] = {}
    no_props: dict[str, Any] = {}
    with path.open(encoding="utf-8") as fh:
        if fh.readline().rstrip("\n") != LEGACY_HEADER:
            raise ValueError(f"{path} is not a version-1 file written one item per line")
        section = "nodes"
        for line in fh:
            line = line.rstrip("\n").rstrip(",")
            if line == LEGACY_BETWEEN:
                section = "edges"
            elif line == LEGACY_FOOTER:
                break
            elif line and section == "nodes":
                nid, label, props = json.loads(line)
                nid, label, props = sys.intern(nid), sys.intern(label), compact_props(props)
                if "id" in props:
                    props["id"] = nid
                g.add_node(nid, label=label, props=props)
                by_label[label].add(nid)
                if label == S.POLICY:
                    by_source[props["source_key"]] = nid
                if "policy_id" in props:
                    by_policy[props["policy_id"]].add(nid)
            elif line:
                rel_type, start, end, props = json.loads(line)
                g.add_edge(sys.intern(start), sys.intern(end), type=sys.intern(rel_type),
                           props=compact_props(props) if props else no_props)
    return g, by_label, by_policy, by_source


# --- one measured open, in a child process ------------------------------------------------------


def _serve(store: Any) -> float:
    """Answer a few API requests over ``store``; resident memory after them."""
    from fastapi.testclient import TestClient

    from policykg.api.app import create_app
    from policykg.settings import Settings
    from policykg.stores import OpenStore

    client = TestClient(create_app(Settings(), opened=OpenStore("embedded", store)))
    policy = store.all_policies()[0]["id"]
    for url in ("/api/v1/health", "/api/v1/policies", f"/api/v1/policies/{policy}", f"/api/v1/graph/{policy}",
                "/api/v1/search?q=技术转移"):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code} {response.text[:200]}")
    return rss_mb()


def child(kind: str, path: Path, serve: bool) -> dict[str, Any]:
    """Open ``path`` the ``kind`` way; the figures as a dict."""
    before = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    if kind == "previous":
        g = open_previous(path)[0]
    else:
        from policykg.graph.embedded_store import EmbeddedStore

        store = EmbeddedStore.open(path)
        g = store.g
    figures: dict[str, Any] = {
        "open_s": time.perf_counter() - wall, "open_cpu_s": time.process_time() - cpu,
        "rss_before_mb": before, "rss_after_open_mb": rss_mb(), "peak_rss_mb": peak_rss_mb(),
        "nodes": g.number_of_nodes(), "relationships": g.number_of_edges(),
    }
    if serve and kind != "previous":
        figures["rss_after_requests_mb"] = _serve(store)
        figures["peak_rss_mb"] = peak_rss_mb()
    return figures


def measure(kind: str, path: Path, serve: bool = False) -> dict[str, Any]:
    """Run :func:`child` in a fresh interpreter; its figures."""
    cmd = [sys.executable, __file__, "--child", kind, str(path)] + (["--serve"] if serve else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO)
    if out.returncode != 0:
        raise RuntimeError(f"{kind} open of {path} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the files ----------------------------------------------------------------------------------


def store_file(n: int, work: Path) -> Path:
    """A store file of ``n`` generated policies under ``work`` (made once, then reused)."""
    folder = work / f"{n}"
    graph = folder / "policykg.graph"
    if graph.exists():
        return graph
    corpus = folder / "corpus"
    run = [sys.executable, "-m", "policykg.cli"]
    subprocess.run([*run, "generate", "--policies", str(n), "--style", "seed", "--out", str(corpus)],
                   check=True, cwd=REPO)
    env = {**os.environ, "POLICYKG_GRAPH_FILE": str(graph)}
    subprocess.run([*run, "load", "--store", "embedded", "--quiet", str(corpus)], check=True, cwd=REPO, env=env)
    return graph


def both_formats(graph: Path, folder: Path) -> tuple[Path, Path]:
    """(current-format file, version-1 file) of the graph in ``graph``, written under ``folder``."""
    from policykg.graph.embedded_file import write_graph, write_legacy
    from policykg.graph.embedded_store import EmbeddedStore

    store = EmbeddedStore.open(graph)
    current, previous = folder / "current.graph", folder / "previous.graph"
    with previous.open("w", encoding="utf-8") as fh:  # first: the current file's nodes then point into it
        write_legacy(fh, store.g, store._props)
    with current.open("wb") as fh:
        write_graph(fh, store.g, None, store._records)
    return current, previous


def _line(name: str, f: dict[str, Any]) -> str:
    extra = f", after requests {f['rss_after_requests_mb']:7.0f} MB" if "rss_after_requests_mb" in f else ""
    return (f"{name:<34} open {f['open_s']:6.2f} s (cpu {f['open_cpu_s']:6.2f} s), rss after open "
            f"{f['rss_after_open_mb']:7.0f} MB, peak {f['peak_rss_mb']:7.0f} MB{extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policies", type=int, help="generate and load this many policies")
    parser.add_argument("--graph", type=Path, help="an existing store file instead")
    parser.add_argument("--work", type=Path, default=REPO / "var" / "open-bench")
    parser.add_argument("--serve", action="store_true", help="also answer a few API requests")
    parser.add_argument("--json", type=Path, help="write the figures to this file too")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.serve)))
        return 0
    if (args.policies is None) == (args.graph is None):
        parser.error("give --policies N or --graph PATH")
    graph = args.graph or store_file(args.policies, args.work)
    folder = args.work / "formats"
    folder.mkdir(parents=True, exist_ok=True)
    current, previous = both_formats(graph, folder)
    sizes = {"current_file_mb": current.stat().st_size / 1e6, "previous_file_mb": previous.stat().st_size / 1e6}
    print(f"{graph}: current-format file {sizes['current_file_mb']:.1f} MB, version 1 file "
          f"{sizes['previous_file_mb']:.1f} MB", flush=True)
    results = {"graph": str(graph), "policies": args.policies, **sizes}
    for name, kind, path, serve in (("current, current-format file", "current", current, args.serve),
                                    ("previous (version 1, old reader)", "previous", previous, False),
                                    ("current, version 1 file", "current", previous, False)):
        results[name] = measure(kind, path, serve)
        print(_line(name, results[name]), flush=True)
    first = results["previous (version 1, old reader)"]
    print(f"{first['nodes']} nodes, {first['relationships']} relationships")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
