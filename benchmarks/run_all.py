"""Run every benchmark and write one report: ``OUT/report.json`` and ``OUT/report.md``.

    .venv/bin/python benchmarks/run_all.py [--sizes 100,1000,10000] [--quick] [--out results]

Runs, each in its own process (so its peak memory is its own):

* extraction speed on one core, full path vs read+clean+structure (``extract_benchmark.py``);
* load into the embedded store and Neo4j, batched vs one row per transaction (``load_benchmark.py``);
* the web graph view at 1,000 nodes, the page vs pyvis defaults (``graph_view_benchmark.py``);
* the scaling series at each size: generate, extract (scored against the generated truth by
  the project's scorer: a regression figure, not accuracy on real documents),
  load into the embedded store and into Neo4j (``scaling.py``), then the API under
  concurrent load on that corpus (``api_benchmark.py``);
* the issue's targets with pass/miss, and for each missed time target a cProfile sample of
  the step that missed it.

Neo4j: ``$NEO4J_URI`` (``NEO4J_USER`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``) when set,
else a local Neo4j started under a temporary folder and stopped at the end. EVERYTHING IN
THAT DATABASE IS DELETED. ``--quick`` shrinks every benchmark to check the whole run in a
minute or two; its figures mean nothing. The report is rewritten after each section, so a
run that is stopped still leaves what it measured.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import platform
import pstats
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import report as R  # noqa: E402 - beside this script
import scaling  # noqa: E402
from api_benchmark import request_urls  # noqa: E402

REPO = HERE.parent
SECTIONS = ("extraction", "load", "graph_view", "scaling", "api", "neo4j", "profiles")
# the report keys each section writes (what --keep carries over when the section is skipped)
KEPT_KEYS = {"extraction": ("extraction",), "load": ("load",), "graph_view": ("graph_view",),
             "scaling": ("scaling", "api", "profiles"), "api": ("api",), "profiles": ("profiles",)}


# --- settings of the full and quick runs --------------------------------------------------

# the load benchmark runs on a generated corpus (``load_generated`` policies, best of
# ``load_repeat`` after ``load_warmup`` uncounted loads) when that is set, else on
# ``load_copies`` copies of the seeds
FULL = {"extract_mb": 20.0, "load_generated": 1000, "load_repeat": 3, "load_warmup": 3, "load_copies": 40,
        "single_rows": 2000,
        "requests": 300, "concurrency": 8, "graph_nodes": 1000, "pyvis_cap": 90.0, "profile_sample": 200,
        "sizes": "100,1000,10000"}
QUICK = {"extract_mb": 0.3, "load_generated": 0, "load_repeat": 1, "load_copies": 1, "single_rows": 20,
         "requests": 20, "concurrency": 4, "graph_nodes": 200, "pyvis_cap": 10.0, "profile_sample": 5, "sizes": "20"}


def _script(name: str) -> str:
    return str(HERE / name)


def _float(pattern: str, text: str) -> float | None:
    match = re.search(pattern, text)
    return float(match.group(1).replace(",", "")) if match else None


# --- sections -----------------------------------------------------------------------------


def environment(neo4j_note: str) -> dict[str, Any]:
    """Machine, load average, Python, commit."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                            check=False).stdout.strip()
    dirty = subprocess.run(["git", "status", "--short", "--untracked-files=no"], cwd=REPO, capture_output=True,
                           text=True, check=False).stdout.split("\n")
    return {"cpu_count": os.cpu_count(), "modified_files": sorted(line[3:] for line in dirty if line.strip()), "load_average_start": list(os.getloadavg()),
            "python": platform.python_version(), "platform": platform.platform(), "commit": commit or None,
            "neo4j": neo4j_note}


def parse_extraction(out: str) -> dict[str, Any]:
    """The figures ``extract_benchmark.py`` prints."""
    figures: dict[str, Any] = {"documents": _float(r"corpus: (\d+) documents", out),
                               "mb": _float(r"documents, ([\d.]+) MB", out)}
    for key, label in (("structure_only", r"read\+clean\+structure\+metadata:"), ("full", r"full extraction:")):
        match = re.search(label + r"\s+([\d.]+) documents/s\s+([\d.]+) MB/s\s+\(([\d.]+) s\)", out)
        if match:
            figures[key] = {"documents_per_s": float(match.group(1)), "mb_per_s": float(match.group(2)),
                            "seconds": float(match.group(3))}
    if isinstance(figures["documents"], float):
        figures["documents"] = int(figures["documents"])
    return figures


def run_extraction(cfg: dict[str, Any], log_dir: Path) -> dict[str, Any]:
    m = scaling.run_measured([sys.executable, _script("extract_benchmark.py"), "--mb", str(cfg["extract_mb"])],
                             log_dir, "extract_benchmark")
    if m.returncode:
        raise RuntimeError(f"extract_benchmark.py failed (exit {m.returncode}):\n{m.tail()}")
    figures = parse_extraction(m.stdout)
    if "full" not in figures:
        raise RuntimeError(f"extract_benchmark.py printed no figures I can read:\n{m.stdout[-1500:]}")
    return {**figures, "peak_rss_mb": m.peak_rss_mb, "seconds": m.seconds, "corpus": "bundled seeds repeated"}


_LOAD_LINE = re.compile(r"^(embedded|neo4j)\s+(.+?)\s+(\d+)(?: rels\s+(\d+) rows)? in\s+([\d.]+) s =\s+(\d+)(?: rels)?/s",
                        re.M)
_RATIO_LINE = re.compile(r"^(embedded|neo4j)\s+(.+?):\s+([\d.]+)x", re.M)


def parse_load(out: str) -> dict[str, Any]:
    """The figures ``load_benchmark.py`` prints: one line per store and method
    (``… N rels M rows in S s = R rels/s`` or ``… N in S s = R/s``) and ratio lines (``…: Nx``)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for m in _LOAD_LINE.finditer(out):  # a method printed again (the best of several rounds) replaces its first figure
        found[(m.group(1), m.group(2).strip())] = {
            "store": m.group(1), "method": m.group(2).strip(), "rels": int(m.group(3)),
            "rows": int(m.group(4)) if m.group(4) else None, "seconds": float(m.group(5)),
            "rels_per_s": float(m.group(6))}
    methods = list(found.values())
    ratios = {f"{m.group(1)} {m.group(2).strip()}": float(m.group(3)) for m in _RATIO_LINE.finditer(out)}

    def first(store: str, test) -> dict[str, Any]:  # noqa: ANN001 - a predicate on the method name
        return next((x for x in methods if x["store"] == store and test(x["method"])), {})

    write = first("embedded", lambda m: "save" not in m)
    batched = first("neo4j", lambda m: m.startswith("batched"))
    single = first("neo4j", lambda m: m in ("one per tx", "one row per tx"))
    per_policy = first("neo4j", lambda m: m == "one policy per tx")
    emb = {"write_rels_per_s": write.get("rels_per_s"), "write_s": write.get("seconds"),
           "file_mb": _float(r"file ([\d.]+) MB", out), "save_s": _float(r"embedded\s+save ([\d.]+) s", out)}
    save = first("embedded", lambda m: "save" in m)
    if save:
        emb.update(write_save_rels_per_s=save["rels_per_s"], write_save_s=save["seconds"])
    corpus = re.match(r"\d+ policies \(([^)]*)\)", out.strip())
    figures: dict[str, Any] = {"policies": _float(r"^(\d+) policies[ ,]", out.strip()),
                               "corpus": corpus.group(1) if corpus else None,
                               "rounds": int(_float(r"\nbest of (\d+):", out) or 1),
                               "warmup": int(_float(r"\nwarm-up: (\d+) loads", out) or 0),
                               "relationships": _float(r"(\d+) relationships", out),
                               "embedded": emb, "methods": methods, "ratios": ratios}
    if batched:
        speedup = next((v for k, v in ratios.items() if "one row per tx" in k or "speed-up of batching" in k), None)
        if speedup is None and single:
            speedup = batched["rels_per_s"] / single["rels_per_s"]
        figures["neo4j"] = {"batched_method": batched["method"], "batched_rels_per_s": batched["rels_per_s"],
                            "batched_s": batched["seconds"], "single_rels_per_s": single.get("rels_per_s"),
                            "single_s": single.get("seconds"), "per_policy_rels_per_s": per_policy.get("rels_per_s"),
                            "batching_speedup": speedup}
    for key in ("policies", "relationships"):
        if isinstance(figures[key], float):
            figures[key] = int(figures[key])
    return figures


def run_load(cfg: dict[str, Any], log_dir: Path, neo4j: dict[str, str] | None) -> dict[str, Any]:
    corpus = (["--generated", str(cfg["load_generated"])] if cfg.get("load_generated")
              else ["--copies", str(cfg["load_copies"])])
    cmd = [sys.executable, _script("load_benchmark.py"), *corpus, "--repeat", str(cfg.get("load_repeat", 1)),
           "--warmup", str(cfg.get("load_warmup", 0)),
           "--single-rows", str(cfg["single_rows"]), "--clauses", "0"]
    if not neo4j:
        cmd.append("--no-neo4j")
    m = scaling.run_measured(cmd, log_dir, "load_benchmark", env={**os.environ, **(neo4j or {})})
    if m.returncode:
        raise RuntimeError(f"load_benchmark.py failed (exit {m.returncode}):\n{m.tail()}")
    figures = parse_load(m.stdout)
    if not figures["embedded"].get("write_rels_per_s"):
        raise RuntimeError(f"load_benchmark.py printed no figures I can read:\n{m.stdout[-1500:]}")
    return {**figures, "peak_rss_mb": m.peak_rss_mb, "seconds": m.seconds}


def parse_graph_view(out: str) -> dict[str, Any]:
    """The figures ``graph_view_benchmark.py`` prints."""
    figures: dict[str, Any] = {"nodes": _float(r"graph: (\d+) nodes", out), "edges": _float(r"nodes, (\d+) edges", out),
                               "ours_ms": _float(r"interactive \(layout frozen\) at (\d+) ms", out),
                               "ours_fetch_ms": _float(r"\(fetch (\d+) ms", out),
                               "ours_layout_ms": _float(r"layout (\d+) ms", out),
                               "ours_iterations": _float(r"(\d+) iterations", out),
                               "pyvis_iterations_done_ms": _float(r"stabilisation iterations done at (\d+) ms", out),
                               "pyvis_stabilized_ms": _float(r"stabilized at (\d+) ms", out)}
    for key in ("nodes", "edges", "ours_iterations"):
        if isinstance(figures[key], float):
            figures[key] = int(figures[key])
    return figures


def run_graph_view(cfg: dict[str, Any], log_dir: Path) -> dict[str, Any]:
    m = scaling.run_measured([sys.executable, _script("graph_view_benchmark.py"), "--nodes", str(cfg["graph_nodes"]),
                              "--cap", str(cfg["pyvis_cap"])], log_dir, "graph_view_benchmark")
    if m.returncode:
        raise RuntimeError(f"graph_view_benchmark.py failed (exit {m.returncode}):\n{m.tail()}")
    figures = parse_graph_view(m.stdout)
    if figures["ours_ms"] is None:
        raise RuntimeError(f"graph_view_benchmark.py printed no figures I can read:\n{m.stdout[-1500:]}")
    return {**figures, "cap_s": cfg["pyvis_cap"], "peak_rss_mb": m.peak_rss_mb}


def run_api(cfg: dict[str, Any], size_dir: Path, n: int) -> dict[str, Any]:
    """``api_benchmark.py`` on the graph the scaling series loaded at this size.

    api_benchmark loads its corpus before serving; given a copy of the loaded graph
    (``POLICYKG_GRAPH_FILE``) and one policy already in it, that load changes nothing
    and the server answers over all ``n`` policies.
    """
    api_dir = size_dir / "api"
    shutil.rmtree(api_dir, ignore_errors=True)
    one = api_dir / "corpus"
    one.mkdir(parents=True)
    first = sorted((size_dir / "corpus").glob("policy_*.txt"))[0]
    shutil.copyfile(first, one / first.name)
    shutil.copyfile(size_dir / "policykg.graph", api_dir / "policykg.graph")
    env = {**os.environ, "POLICYKG_GRAPH_FILE": str(api_dir / "policykg.graph")}
    cmd = [sys.executable, _script("api_benchmark.py"), "--corpus", str(one), "--store", "embedded",
           "--concurrency", str(cfg["concurrency"]), "--requests", str(cfg["requests"]),
           "--json", str(api_dir / "api.json")]
    m = scaling.run_measured(cmd, api_dir / "logs", "api_benchmark", env=env)
    if m.returncode:
        raise RuntimeError(f"api_benchmark.py failed (exit {m.returncode}):\n{m.tail()}")
    figures = json.loads((api_dir / "api.json").read_text("utf-8"))
    scan = figures.pop("linear_scan_ms", {})
    groups = {k: v for k, v in figures.items() if isinstance(v, dict) and "p95" in v}
    index_p50 = groups.get("search (index)", {}).get("p50")
    linear = {**scan, "index_p50_ms": index_p50,
              "ratio": scan["ms"] / index_p50 if scan.get("ms") and index_p50 else None}
    return {"policies": n, "store": "embedded", "concurrency": cfg["concurrency"], "requests": cfg["requests"],
            "groups": groups, "linear_scan": linear, "peak_rss_mb": m.peak_rss_mb}


def api_urls(client: Any, n: int, seed: int = 7) -> dict[str, list[str]]:
    """The lookup and compare URLs of ``api_benchmark.py``, for profiling the query service."""
    groups, _ = request_urls(client, n, seed, policies_sampled=20)
    return {name: urls for name, urls in groups.items() if name.startswith("lookup") or name == "compare"}


def _service_call(service: Any, url: str) -> Any:
    """The query-service call behind one of ``api_urls``' URLs (the API's work without HTTP)."""
    parsed = urlparse(url)
    path, query = unquote(parsed.path), parse_qs(parsed.query)
    ident = path.rsplit("/", 1)[-1]
    if path.startswith("/api/v1/clauses/"):
        return service.get_clause(ident)
    if path.startswith("/api/v1/policies/"):
        return service.get_policy(ident)
    if path.startswith("/api/v1/departments/"):
        return service.get_department(ident)
    if path == "/api/v1/instruments":
        return service.list_instruments(region=query["region"][0], sort=query["sort"][0])
    if path == "/api/v1/compare":
        return service.compare(rows=query["rows"][0], regions=query["regions"][0].split(","))
    raise ValueError(f"no query-service call known for {url}")


def profile_api(graph_file: Path, groups: list[str], requests: int = 30, top: int = 20) -> list[dict[str, Any]]:
    """Profile ``requests`` requests of each group: the app (FastAPI TestClient) picks the
    ids, then the query-service calls behind the URLs run in this thread under cProfile
    (the app itself answers in another thread, which cProfile does not see)."""
    from fastapi.testclient import TestClient

    from policykg.api.app import create_app
    from policykg.settings import Settings

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "policykg.graph"
        shutil.copyfile(graph_file, copy)
        settings = Settings(store="embedded", graph_file=copy, data_dir=Path(tmp))
        with TestClient(create_app(settings)) as client:
            urls = api_urls(client, requests)
            service = client.app.state.service
            for group in groups:
                _service_call(service, urls[group][0])  # warm the store's caches, as the benchmark does
                profiler = cProfile.Profile()
                started = time.perf_counter()
                profiler.enable()
                for url in urls[group]:
                    _service_call(service, url)
                profiler.disable()
                seconds = time.perf_counter() - started
                out.append({"group": group, "requests": requests, "seconds": seconds,
                            "top": scaling.profile_top(pstats.Stats(profiler), top),
                            "top_own": scaling.profile_top(pstats.Stats(profiler), 10, "tottime")})
    return out


# --- Neo4j --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def neo4j_server(enabled: bool, log=print) -> Iterator[tuple[dict[str, str] | None, str, Any]]:
    """``$NEO4J_URI`` when set, else a local Neo4j under a temporary home, stopped at the end.

    Yields (environment for the children, a note for the report, the LocalNeo4j or None).
    """
    if not enabled:
        yield None, "skipped", None
        return
    names = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
    if os.environ.get("NEO4J_URI"):
        yield {k: os.environ[k] for k in names if k in os.environ}, f"{os.environ['NEO4J_URI']} (NEO4J_URI)", None
        return
    from policykg.graph.neo4j_local import LocalNeo4j

    lib = os.environ.get("POLICYKG_NEO4J_LIB") or str(REPO / "var" / "neo4j" / "lib")  # the shared jar cache
    with tempfile.TemporaryDirectory(prefix="policykg-bench-neo4j-") as home:
        server = LocalNeo4j(home, bolt_port=_free_port(), lib_dir=lib)
        log(f"run_all: starting a local Neo4j under {home} …")
        uri = server.start(timeout=300)
        try:
            yield ({"NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": server.password},
                   f"local Neo4j {uri} (started for this run)", server)
        finally:
            server.stop()


def server_peak_rss_mb(server: Any) -> float | None:
    """The local Neo4j JVM's peak resident memory so far (VmHWM), when it runs here."""
    if server is None:
        return None
    with contextlib.suppress(OSError, ValueError):
        pid = int(server.pid_path.read_text().strip())
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


# --- the run ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help=f"corpus sizes of the scaling series (default {FULL['sizes']}, "
                                        f"quick {QUICK['sizes']})")
    parser.add_argument("--quick", action="store_true", help="tiny settings everywhere, to check the run itself")
    parser.add_argument("--out", default="results", help="folder of the report and work files (default results)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--skip", default="", help=f"comma-separated sections to skip: {', '.join(SECTIONS)}")
    parser.add_argument("--score", help="an external score.py of the evaluation contract (default: the project's "
                        "scorer, policykg.evaluation)")
    parser.add_argument("--neo4j-max-size", type=int, help="load into Neo4j only at sizes up to this many policies "
                        "(larger ones are projected from them); default: every size")
    parser.add_argument("--keep", action="store_true",
                        help="sections skipped keep their figures from the report already in --out (re-measure "
                             "one section without running the others again)")
    parser.add_argument("--memory-limit-mb", type=int, default=scaling.DEFAULT_MEMORY_MB,
                        help="address-space limit of each scaling step, so that a runaway step fails instead of "
                             f"exhausting the machine (default {scaling.DEFAULT_MEMORY_MB}; 0: none)")
    args = parser.parse_args(argv)
    os.environ["POLICYKG_BENCH_MEMORY_MB"] = str(args.memory_limit_mb)

    cfg = dict(QUICK if args.quick else FULL)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) to skip: {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    try:
        sizes = sorted({int(s) for s in (args.sizes or cfg["sizes"]).split(",") if s.strip()})
    except ValueError:
        parser.error(f"--sizes takes comma-separated whole numbers such as 100,1000, not {args.sizes!r}")
    if not sizes or sizes[0] < 1:
        parser.error("--sizes needs at least one size of 1 or more")
    out = Path(args.out).resolve()
    work = out / "work"
    logs = work / "logs"
    score_py = Path(args.score) if args.score else None
    if "scaling" not in skip and score_py is not None and not score_py.is_file():
        parser.error(f"score.py not found at {score_py}; pass --score PATH, or no --score for the project's scorer")

    def log(msg: str) -> None:
        print(f"[{datetime.now():%H:%M:%S}] {msg}", flush=True)

    report: dict[str, Any] = {"generated_at": datetime.now().isoformat(timespec="seconds"),
                              "command": " ".join(["benchmarks/run_all.py", *(argv if argv is not None else sys.argv[1:])]),
                              "quick": args.quick, "settings": {**cfg, "sizes": sizes}, "complete": False,
                              "errors": []}

    if args.keep and (out / "report.json").is_file():
        earlier = json.loads((out / "report.json").read_text("utf-8"))
        # several sections may keep the same key (scaling and api both hold "api"): each once
        kept = list(dict.fromkeys(key for section_name, keys in KEPT_KEYS.items() if section_name in skip
                                  for key in keys if key in earlier))
        for key in kept:
            report[key] = earlier[key]
        if kept:
            report["kept"] = {"from": earlier.get("generated_at"), "sections": kept}

    def save() -> None:
        report["environment"]["load_average_end"] = list(os.getloadavg())
        R.write_report(report, out)

    def section(name: str, work_fn) -> Any:  # noqa: ANN001 - a callable without arguments
        started = time.perf_counter()
        log(f"{name} …")
        try:
            result = work_fn()
        except Exception as err:  # noqa: BLE001 - one failed benchmark must not lose the others
            log(f"{name} failed: {err}")
            report["errors"].append({"section": name, "message": str(err)})
            result = None
        else:
            log(f"{name} done in {time.perf_counter() - started:.0f} s")
        return result

    api_by_size: dict[str, Any] = {}

    def measure_api(n: int) -> None:
        """The API on the graph loaded at size ``n``, recorded with the sizes measured before."""
        api = section(f"API at {n} policies", lambda: run_api(cfg, work / f"n{n}", n))
        if api:
            api_by_size[str(n)] = api["groups"]
            report["api"] = {**api, "by_size": api_by_size}
        save()

    with neo4j_server("neo4j" not in skip, log) as (neo4j, note, server):
        report["environment"] = environment(note)
        save()
        if "extraction" not in skip:
            report["extraction"] = section("extraction", lambda: run_extraction(cfg, logs))
            save()
        if "load" not in skip:
            report["load"] = section("load", lambda: run_load(cfg, logs, neo4j))
            save()
        if "graph_view" not in skip:
            report["graph_view"] = section("graph view", lambda: run_graph_view(cfg, logs))
            save()
        if "scaling" not in skip:
            report["scaling"] = {"sizes": sizes, "rows": []}
            for n in sizes:
                to_neo4j = neo4j if args.neo4j_max_size is None or n <= args.neo4j_max_size else None
                rows = section(f"scaling at {n} policies",
                               lambda n=n, db=to_neo4j: scaling.series([n], work, args.seed, db, score_py, log))
                if rows:
                    report["scaling"]["rows"] += rows
                    ext = rows[0]["steps"].get("extract", {})
                    if report.get("extraction") and "seconds" in ext:  # the same path on the generated corpus, largest size so far
                        report["extraction"]["generated"] = {"documents_per_s": ext["documents_per_s"],
                                                             "mb_per_s": ext["mb_per_s"], "seconds": ext["extract_s"],
                                                             "policies": n}
                save()
                if rows and "api" not in skip and "seconds" in rows[0]["steps"].get("load_embedded", {}):
                    measure_api(n)
        elif "api" not in skip and args.keep and report.get("scaling"):
            # the API again on the graphs a kept scaling series loaded (work/n<size>/policykg.graph)
            for row in report["scaling"]["rows"]:
                n = row["policies"]
                if (work / f"n{n}" / "policykg.graph").is_file():
                    measure_api(n)
            kept = report.get("kept", {}).get("sections", [])
            for key in ("api", "profiles"):  # measured again (profiles below)
                if key in kept:
                    kept.remove(key)
        if "scaling" not in skip or ("api" not in skip and args.keep and report.get("scaling")):
            report["environment"]["neo4j_server_peak_rss_mb"] = server_peak_rss_mb(server)
            rows = R._rows(report)
            targets = R.evaluate_targets(report)
            missed = {t["key"] for t in targets if t["status"].startswith("miss")}
            if rows and missed & {"units_f1", "instruments_f1"}:
                largest = rows[-1]["policies"]
                misses = section("accuracy misses", lambda: scaling.accuracy_misses(work / f"n{largest}"))
                report["scaling"]["accuracy_misses"] = {"policies": largest, "kinds": misses or {}}
            if rows and "profiles" not in skip:
                report["profiles"] = section("profiles", lambda: profiles(report, missed, rows[-1]["policies"], work,
                                                                          cfg, args.seed, neo4j)) or []
            save()
        report["environment"]["neo4j_server_peak_rss_mb"] = server_peak_rss_mb(server) or \
            report["environment"].get("neo4j_server_peak_rss_mb")
        report["complete"] = True
        save()
    log(f"report: {out / 'report.md'} and {out / 'report.json'}")
    return 1 if report["errors"] else 0


def profiles(report: dict[str, Any], missed: set[str], largest: int, work: Path, cfg: dict[str, Any],
             seed: int, neo4j: dict[str, str] | None) -> list[dict[str, Any]]:
    """cProfile samples of the steps behind each missed time target (a failed sample is
    recorded in ``report["errors"]`` and the others still run)."""
    out = []
    size_dir = work / f"n{largest}"
    sample = min(cfg["profile_sample"], largest)
    jobs = []
    for key, step in (("embedded_time", "load_embedded"), ("neo4j_time", "load_neo4j")):
        if key in missed and (step != "load_neo4j" or neo4j):
            jobs.append((key, step))
    if "embedded_memory" in missed and "embedded_time" not in missed:
        jobs.append(("embedded_memory (time profile of the same step)", "load_embedded"))
    for key, step in jobs:
        try:
            out.append({"target": key, **scaling.profile_step(step, size_dir, largest, seed, sample, neo4j)})
        except RuntimeError as err:
            report["errors"].append({"section": f"profile of {step}", "message": str(err)})
    api = report.get("api") or {}
    groups = []
    if "api_lookup_p95" in missed:
        groups += [name for name, g in api.get("groups", {}).items() if name.startswith("lookup") and g["p95"] >= 100]
    if "api_compare_p95" in missed:
        groups.append("compare")
    if groups:
        try:
            graph = work / f"n{api['policies']}" / "policykg.graph"
            for prof in profile_api(graph, groups, requests=min(30, cfg["requests"])):
                out.append({"target": f"API {prof['group']}",
                            "step": f"{prof['requests']} × {prof['group']} (query service, in-process)",
                            "sample_policies": api["policies"], "seconds": prof["seconds"], "top": prof["top"],
                            "top_own": prof["top_own"]})
        except Exception as err:  # noqa: BLE001 - the other profiles are still worth writing
            report["errors"].append({"section": "profile of the API", "message": f"{type(err).__name__}: {err}"})
    return out


if __name__ == "__main__":
    sys.exit(main())
