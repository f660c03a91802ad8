"""The API at scale: load N generated policies, serve them, and measure the API under 8 clients.

For a store (embedded | neo4j) and N policies from ``policykg generate``:

1. load them into a fresh store (Neo4j: ``load --bulk`` into a fresh local Neo4j of its own,
   with neo4j-admin import's own rate beside the command's), then a further batch with a
   normal, transactional load, and report relationships/s of both;
2. start ``policykg serve`` as a subprocess: time until its health check answers, RSS of the
   API process after a warm-up;
3. send requests from ``--clients`` threads for ``--duration`` seconds per endpoint (policy,
   clause, department, instrument, beneficiary lookups, search, compare of 8 regions) and print
   p50/p95 per endpoint.

Only the HTTP API and the command line are used, so the figures compare across changes of the
API's internals. Results go to ``results/api_scale_<store>_<N>.json`` and to a section of
``results/report.md``. Disk and time estimates are printed before anything starts.

    .venv/bin/python benchmarks/api_scale.py --store neo4j --policies 1000 [--batch 100]
        [--duration 10] [--clients 8] [--workdir var/bench-scale] [--keep] [--estimate] [--no-baseline]

After a run, benchmarks/api_scale_baseline.py measures the simplest alternative on the same
store (the old whole-corpus join, the linear-scan search). ``--reuse`` serves and measures the
store a ``--keep`` run left without loading again (and never deletes it); ``--from-json`` writes the report section
again from the saved JSON files.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_benchmark import SEARCH_WORDS, free_port, percentile, wait_until_serving  # noqa: E402
from report import replace_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
POLICYKG = [sys.executable, "-m", "policykg.cli"]
NEO4J_LOCAL = [sys.executable, "-m", "policykg.graph.neo4j_local"]
PASSWORD = "policykg-bench"
STARTUP_TIMEOUT_S = 3600
LOAD_OK = (0, 1)  # 1: some file was skipped, the others loaded
SEED = 1  # generate's default seed (seed 11 stops at 868 policies of 1,100 on a generator error)
REPORT_BEGIN = "<!-- api_scale:begin -->"
REPORT_END = "<!-- api_scale:end -->"

# Per policy, measured at 1,000 (+100) generated policies on the busy 2-core machine (results/report.md);
# the estimates scale them linearly, which is optimistic for the API's start at 100,000.
PER_POLICY = {
    "corpus_kb": 5.2,
    "csv_kb": 41.0,
    "neo4j_store_kb": 98.0,
    "embedded_file_kb": 59.0,
    "load_s": {"embedded": 0.30, "neo4j": 0.39},
    "serve_start_s": {"embedded": 0.022, "neo4j": 0.005},
}


def estimate(store: str, n: int, batch: int, duration: float, endpoints: int) -> str:
    """What a run will take, from PER_POLICY, as lines for the user."""
    p = PER_POLICY
    total = n + batch
    disk_mb = total * p["corpus_kb"] / 1024
    disk_mb += total * (p["csv_kb"] + p["neo4j_store_kb"] if store == "neo4j" else p["embedded_file_kb"]) / 1024
    seconds = total * p["load_s"][store] + total * p["serve_start_s"][store] + endpoints * duration * 1.3
    seconds += 180 if store == "neo4j" else 30  # generation, Neo4j starts and stops, warm-up
    seconds += total * 0.004  # generating the corpus
    return (f"estimate for {store}, {n:,} + {batch:,} policies: about {disk_mb:,.0f} MB of disk "
            f"(corpus, {'import CSV and Neo4j store' if store == 'neo4j' else 'graph file'}), "
            f"about {seconds / 60:,.0f} min; from figures measured at 1,000 policies, scaled linearly")


def run(cmd: list[str], env: dict[str, str], what: str, ok: tuple[int, ...] = (0,)) -> tuple[float, str]:
    """Run ``cmd``; (wall seconds, stderr + stdout). Fails with its output on another exit code than ``ok``."""
    t0 = time.perf_counter()
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    text = out.stderr + out.stdout
    # exit 1 of a load means "some file was skipped", but a crash exits 1 too: its traceback tells them apart
    if out.returncode not in ok or "Traceback (most recent call last)" in text:
        raise RuntimeError(f"{what} failed (exit {out.returncode}): {' '.join(cmd)}\n{text[-3000:]}")
    return wall, text


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, e.g. the API's workers (Linux)."""
    total = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1]) / 1024
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                total += rss_mb(int(child))
            except FileNotFoundError:  # ended meanwhile
                pass
    return total


def cpu_s(pid: int | None) -> float:
    """CPU seconds (user + system) a process and its children have used so far (Linux); 0 without one."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            total += cpu_s(int(child))
    return total


def neo4j_pid(home: Path) -> int | None:
    """The pid of the local Neo4j serving ``home``, if it runs."""
    try:
        return int((home / "neo4j.pid").read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return None


def generate(workdir: Path, n: int, batch: int, env: dict[str, str], generated: Path | None = None
             ) -> tuple[Path, Path, float | None]:
    """``n + batch`` policies in ``workdir/corpus``: the first ``n`` in ``main/``, the rest in ``more/``.
    ``generated``: a folder ``policykg generate --policies N+batch --seed 1`` already wrote, whose
    files are moved in instead of generating them again (the time is then None)."""
    raw = workdir / "generated"
    main, more = workdir / "corpus" / "main", workdir / "corpus" / "more"
    wall: float | None = None
    if generated is None:
        wall, _ = run([*POLICYKG, "generate", "--policies", str(n + batch), "--seed", str(SEED), "--out", str(raw)],
                      env, "policykg generate")
    else:
        raw = generated
    for folder in (main, more):
        folder.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(sorted(raw.glob("policy_*"))):
        path.rename((main if i < n else more) / path.name)
    found = (sum(1 for _ in main.iterdir()), sum(1 for _ in more.iterdir()))
    if found != (n, batch):
        raise RuntimeError(f"policykg generate wrote {sum(found)} policies, not {n + batch}")
    return main, more, wall


def counts(base: str) -> dict[str, Any]:
    """The store's node and relationship counts, from the health check."""
    body = httpx.get(base + "/api/v1/health", timeout=60).json()
    return body


def _total(body: dict[str, Any], kind: str) -> int:
    """All nodes or relationships of a health answer (``counts: {nodes: {label: n}, …}``)."""
    return sum(int(v) for v in body["counts"][kind].values())


class Server:
    """``policykg serve`` in a subprocess."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([*POLICYKG, "serve", "--port", str(self.port)], env=env, cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_serving(self.proc, self.base, STARTUP_TIMEOUT_S)
        except Exception:
            self.stop()
            raise
        self.ready_s = time.perf_counter() - t0

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


ENDPOINT_NAMES = ("policy", "clause", "department", "instrument", "beneficiary", "search", "compare (8 regions)")


def endpoint_urls(base: str, n: int, seed: int = 7, client: Any = None) -> dict[str, list[str]]:
    """``n`` URLs per endpoint, drawn from what the API at ``base`` (or ``client``, an httpx-like
    client of the API) lists."""
    rng = random.Random(seed)
    with client or httpx.Client(base_url=base, timeout=120) as client:
        policies = client.get("/api/v1/policies", params={"limit": 500}).json()["items"]
        clause_ids: list[str] = []
        for p in rng.sample(policies, min(30, len(policies))):
            doc = client.get(f"/api/v1/policies/{quote(p['id'], safe='')}/document").json()
            clause_ids += [node["id"] for node in doc["nodes"] if node["is_clause"]]
        depts = [d["id"] for d in client.get("/api/v1/departments", params={"limit": 200}).json()["items"]]
        codes = [b["code"] for b in client.get("/api/v1/beneficiaries").json()["items"]]
    regions = sorted({p["region"] for p in policies if p["region"]})

    def pick(items: list[str]) -> str:
        return quote(rng.choice(items), safe="")

    urls = {
        "policy": [f"/api/v1/policies/{pick([p['id'] for p in policies])}" for _ in range(n)],
        "clause": [f"/api/v1/clauses/{pick(clause_ids)}" for _ in range(n)],
        "department": [f"/api/v1/departments/{pick(depts)}" for _ in range(n)],
        "instrument": [f"/api/v1/instruments?region={pick(regions)}&sort=cap" for _ in range(n)],
        "beneficiary": [f"/api/v1/beneficiaries/{pick(codes)}/instruments?region={pick(regions)}" for _ in range(n)],
        "search": [f"/api/v1/search?q={quote(rng.choice(SEARCH_WORDS))}" for _ in range(n)],
        "compare (8 regions)": [
            f"/api/v1/compare?rows=function&regions={quote(','.join(rng.sample(regions, min(8, len(regions)))))}"
            for _ in range(n)],
    }
    assert tuple(urls) == ENDPOINT_NAMES  # the names api_endpoints_ab.py offers
    return urls


def hammer(base: str, urls: list[str], clients: int, duration: float) -> dict[str, float]:
    """``clients`` threads request random ``urls`` for ``duration`` seconds; latencies in ms."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration

    def worker(k: int) -> None:
        nonlocal errors
        rng = random.Random(k)
        with httpx.Client(base_url=base, timeout=120) as client:
            while time.perf_counter() < stop_at:
                t0 = time.perf_counter()
                try:
                    ok = client.get(rng.choice(urls)).status_code == 200
                except httpx.HTTPError:
                    ok = False
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(ms)
                    errors += not ok

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if not latencies:
        return {"n": 0, "errors": 0, "p50": 0.0, "p95": 0.0, "rps": 0.0}
    return {"n": len(latencies), "errors": errors, "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95), "rps": len(latencies) / wall}


def load_neo4j(workdir: Path, main: Path, more: Path, env: dict[str, str]) -> dict[str, Any]:
    """Bulk load ``main`` into a fresh local Neo4j, then ``more`` transactionally; figures."""
    out: dict[str, Any] = {}
    wall, text = run([*POLICYKG, "load", "--quiet", "--store", "neo4j", "--bulk", str(main)], env, "bulk load", ok=LOAD_OK)
    out["bulk_load_s"] = wall
    line = re.search(r"bulk import: (\d+) nodes, (\d+) relationships in ([\d.]+) s by neo4j-admin "
                     r"\((\d+) relationships/s\); ([\d.]+) MB of CSV; (.*)", text)
    if line:
        out.update(imported_nodes=int(line[1]), imported_relationships=int(line[2]), admin_import_s=float(line[3]),
                   admin_relationships_per_s=float(line[4]), csv_mb=float(line[5]), bulk_steps=line[6].strip())
    out["bulk_summary"] = text.strip().splitlines()[-1]
    print(f"  bulk load: {wall:.1f} s; {out.get('bulk_steps', '')}")
    return out


BATCHED_LINE = re.compile(r"^neo4j\s+batched\s+(\d+) in\s+([\d.]+) s =\s+(\d+)/s relationships", re.M)


def batched_rate(env: dict[str, str], policies: int = 1000) -> dict[str, Any]:
    """The batched write rate of ``load_benchmark.py`` (``policies`` generated policies, 100 a
    transaction, after one warm-up load), measured in this run beside the loads' own rates. It
    clears its database, so it runs on the benchmark's own local Neo4j, never the one loaded here."""
    own = {k: v for k, v in env.items() if not k.startswith(("NEO4J_", "POLICYKG_NEO4J_LOCAL"))}
    _, text = run([sys.executable, str(ROOT / "benchmarks" / "load_benchmark.py"), "--generated", str(policies),
                   "--clauses", "0", "--warmup", "1", "--per-policy", "100", "--single-rows", "1000"],
                  own, "batched write rate (load_benchmark.py)")
    found = BATCHED_LINE.search(text)
    if not found:
        raise RuntimeError(f"load_benchmark.py printed no batched rate:\n{text[-2000:]}")
    print(f"  batched writes (load_benchmark.py, {policies} policies): {float(found[3]):,.0f} relationships/s")
    return {"batched_policies": policies, "batched_relationships": int(found[1]), "batched_s": float(found[2]),
            "batched_relationships_per_s": float(found[3])}


def load_both(store: str, result: dict[str, Any], main: Path, more: Path, workdir: Path, env: dict[str, str]) -> float:
    """The first load (Neo4j: bulk) and the incremental one, with their figures in ``result``;
    the incremental load's wall seconds."""
    if store == "neo4j":
        result.update(load_neo4j(workdir, main, more, env))
    else:
        wall, _ = run([*POLICYKG, "load", "--quiet", "--store", "embedded", str(main)], env, "load", ok=LOAD_OK)
        result["first_load_s"] = wall
        print(f"  load: {wall:.1f} s")
    first_s = result.get("bulk_load_s", result.get("first_load_s", 0.0))
    wall = load_more(store, result, more, env)
    result["first_load_relationships_per_s"] = result["relationships_after_first_load"] / first_s
    return wall


def load_more(store: str, result: dict[str, Any], more: Path, env: dict[str, str]) -> float:
    """Count the relationships of the loaded store, load ``more`` into it transactionally (``policykg
    load``, which links the whole graph again) and, on Neo4j, measure the batched write rate in the
    same run; the figures go into ``result``, the incremental load's wall seconds are returned."""
    server = Server(env)
    result["first_ready_s"] = server.ready_s
    before = counts(server.base)
    server.stop()
    result["relationships_after_first_load"] = _total(before, "relationships")
    print(f"  API ready in {server.ready_s:.1f} s before the incremental load; "
          f"{result['relationships_after_first_load']:,} relationships", flush=True)
    wall, text = run([*POLICYKG, "load", "--quiet", "--store", store, str(more)], env, "incremental load", ok=LOAD_OK)
    result["incremental_load_s"] = wall
    result["incremental_summary"] = text.strip().splitlines()[-3:]
    print(f"  incremental transactional load of {result['batch']}: {wall:.1f} s", flush=True)
    if store == "neo4j":
        result.update(batched_rate(env))
    return wall


def store_env(store: str, workdir: Path) -> dict[str, str]:
    """The environment of the commands serving the store of ``workdir`` (a run's ``<store>-<N>``)."""
    env = {**os.environ, "POLICYKG_DATA_DIR": str(workdir / "var"), "POLICYKG_STORE": store,
           "NEO4J_PASSWORD": PASSWORD, "NEO4J_DATABASE": "neo4j"}
    env.pop("POLICYKG_GRAPH_FILE", None)
    return env


def start_neo4j(env: dict[str, str], home: Path) -> None:
    """Start the local Neo4j of ``home`` on a free port, and point ``env`` at it."""
    port = free_port()
    env.update(NEO4J_URI=f"bolt://localhost:{port}", POLICYKG_NEO4J_LOCAL_PORT=str(port))
    if "POLICYKG_NEO4J_LIB" not in env and (ROOT / "var" / "neo4j" / "lib").is_dir():
        env["POLICYKG_NEO4J_LIB"] = str(ROOT / "var" / "neo4j" / "lib")  # the jars already there
    run([*NEO4J_LOCAL, "start", "--home", str(home), "--port", str(port), "--password", PASSWORD,
         "--timeout", "600"], env, "starting Neo4j")


def stop_neo4j(env: dict[str, str], home: Path) -> None:
    subprocess.run([*NEO4J_LOCAL, "stop", "--home", str(home)], env=env, cwd=ROOT, capture_output=True, check=False)


def measure_endpoint(server: Server, urls: list[str], clients: int, duration: float,
                     db_pid: int | None) -> dict[str, Any]:
    """``hammer`` of ``urls``, with the CPU each request cost the API, Neo4j and the clients (ms)."""
    before = (cpu_s(server.proc.pid), cpu_s(db_pid), time.process_time())
    f = hammer(server.base, urls, clients, duration)
    after = (cpu_s(server.proc.pid), cpu_s(db_pid), time.process_time())
    n = max(f["n"], 1)
    f["cpu_ms"] = {who: round((b - a) * 1000 / n, 2)
                   for who, a, b in zip(("api", "neo4j", "clients"), before, after, strict=True)}
    return f


def measure(store: str, n: int, batch: int, args: argparse.Namespace) -> dict[str, Any]:
    """One full run for ``store``; the figures as a dict."""
    workdir = Path(args.workdir).resolve() / f"{store}-{n}"
    if not args.reuse:
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True)
    elif not (workdir / "var").is_dir():
        raise SystemExit(f"--reuse: no store of an earlier run in {workdir}; run without --reuse first")
    env = store_env(store, workdir)
    result: dict[str, Any] = {"store": store, "policies": n, "batch": batch, "clients": args.clients,
                              "duration_s": args.duration, "workers": int(env.get("POLICYKG_WORKERS", "1"))}
    if args.reuse:
        result["reused_store"] = True
    else:
        generated = Path(args.generated).resolve() if args.generated else None
        main, more, gen_s = generate(workdir, n, batch, env, generated)
        result["generate_s"] = gen_s
        result["corpus_mb"] = sum(p.stat().st_size for p in main.iterdir()) / 1e6
        print(f"[{store}] generated {n} + {batch} policies "
              + (f"in {gen_s:.1f} s" if gen_s is not None else f"before the run (moved in from {generated})"))
    home = workdir / "var" / "neo4j"
    if store == "neo4j":
        start_neo4j(env, home)
    try:
        wall = 0.0
        if not args.reuse:
            wall = load_both(store, result, main, more, workdir, env)
        elif args.more:
            more_dir = Path(args.more).resolve()
            result["batch"] = sum(1 for f in more_dir.iterdir() if f.is_file())
            result["more"] = str(more_dir)
            wall = load_more(store, result, more_dir, env)

        server = Server(env)
        try:
            result["ready_s"] = server.ready_s
            after = counts(server.base)
            result["nodes"] = _total(after, "nodes")
            result["relationships"] = _total(after, "relationships")
            if wall:
                added = result["relationships"] - result["relationships_after_first_load"]
                result["incremental_relationships"] = added
                result["incremental_relationships_per_s"] = added / wall if wall else 0.0
            print(f"  API ready in {server.ready_s:.1f} s; {result['nodes']:,} nodes, "
                  f"{result['relationships']:,} relationships")
            urls = endpoint_urls(server.base, 400)
            for group in urls.values():  # warm-up
                hammer(server.base, group, args.clients, min(3.0, args.duration / 3))
            result["api_rss_mb"] = rss_mb(server.proc.pid)
            print(f"  API RSS after warm-up: {result['api_rss_mb']:.0f} MB")
            result["endpoints"] = {}
            # CPU per request of the API, of Neo4j and of the clients themselves (this process): on a
            # machine they share, the sum times the request rate shows how near the cores are to full
            db_pid = neo4j_pid(home) if store == "neo4j" else None
            print(f"  {'endpoint':22} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7}   "
                  "CPU ms per request: API / Neo4j / clients")
            for name, group in urls.items():
                f = measure_endpoint(server, group, args.clients, args.duration, db_pid)
                result["endpoints"][name] = f
                c = f["cpu_ms"]
                print(f"  {name:22} {f['n']:6d} {f['errors']:4d} {f['p50']:8.1f} {f['p95']:8.1f} {f['rps']:7.1f}   "
                      f"{c['api']:.1f} / {c['neo4j']:.1f} / {c['clients']:.1f}")
        finally:
            server.stop()
        if not args.no_baseline:
            result["baseline"] = baseline(store, result, env)
    finally:
        if store == "neo4j":
            stop_neo4j(env, home)
            result["neo4j_store_mb"] = _du_mb(home / "data")
        else:
            graph = workdir / "var" / "policykg.graph"
            result["embedded_file_mb"] = graph.stat().st_size / 1e6 if graph.exists() else None
        if removes_workdir(args):
            shutil.rmtree(workdir, ignore_errors=True)
    return result


def removes_workdir(args: argparse.Namespace) -> bool:
    """Whether a run deletes its corpus and store when done: only what it loaded itself, unless
    ``--keep``; a ``--reuse`` run measures a store it did not make and never deletes it (with ``--more``
    it keeps the policies loaded into it)."""
    return not args.keep and not args.reuse


def baseline(store: str, result: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """The simplest alternative on the same store, in its own process (benchmarks/api_scale_baseline.py):
    the old whole-corpus join and linear-scan search; a failure is recorded, not raised."""
    script = Path(__file__).resolve().parent / "api_scale_baseline.py"
    with_endpoints = {**env, "API_SCALE_ENDPOINTS": json.dumps(result.get("endpoints", {}))}
    try:
        _, text = run([sys.executable, str(script), "--store", store], with_endpoints, "baseline")
        figures = json.loads(text.strip().splitlines()[-1])
    except (RuntimeError, ValueError, IndexError) as error:
        return {"error": str(error)[-2000:]}
    print(f"  baseline: {json.dumps(figures, ensure_ascii=False)[:2000]}")
    return figures


def _du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6 if path.exists() else 0.0


def environment() -> dict[str, Any]:
    """Commit, date and machine load, for the report."""
    def git(*a: str) -> str:
        return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"), "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]}


def report_section(results: list[dict[str, Any]], env: dict[str, Any], note: str) -> str:
    """The Markdown section of results/report.md."""
    lines = [REPORT_BEGIN, "## API at scale (benchmarks/api_scale.py)", "",
             f"Commit {env['commit']}, {env['date']}, {env['cores']} cores, load average {env['load_average']} "
             f"at the end. {note}".rstrip(), ""]
    lines += ["| store | policies | first load | rel/s | neo4j-admin import (own time, rel/s) | incremental batch | "
              "rel/s | batched writes, same run (rel/s) | API ready | API RSS |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        first = r.get("bulk_load_s", r.get("first_load_s"))
        admin = (f"{r['admin_import_s']:.1f} s, {r['admin_relationships_per_s']:,.0f}"
                 if "admin_import_s" in r else "–")
        kind = "bulk" if r["store"] == "neo4j" else "load"
        if first is None and r.get("incremental_load_s") is not None:  # --reuse --more
            loads = (f"not loaded in this run | – | – | {r['batch']:,} in {r['incremental_load_s']:.1f} s | "
                     f"{r['incremental_relationships_per_s']:,.0f}")
        elif first is None:  # --reuse: nothing loaded in this run
            loads = "not loaded in this run | – | – | – | –"
        else:
            incremental = (f"{r['batch']} in {r['incremental_load_s']:.1f} s | {r['incremental_relationships_per_s']:,.0f}"
                           if r.get("incremental_load_s") is not None else "not measured | –")
            loads = f"{first:.1f} s ({kind}) | {r['first_load_relationships_per_s']:,.0f} | {admin} | {incremental}"
        batched = (f"{r['batched_relationships_per_s']:,.0f} ({r['batched_policies']:,} policies)"
                   if "batched_relationships_per_s" in r else "–")
        lines.append(f"| {r['store']} | {r['policies']:,} | {loads} | {batched} | {r['ready_s']:.1f} s | "
                     f"{r['api_rss_mb']:.0f} MB |")
    lines += ["", f"Latency under {results[0]['clients']} concurrent clients, {results[0]['duration_s']:.0f} s per "
              "endpoint (ms):", ""]
    names = list(results[0]["endpoints"])
    lines += ["| endpoint | " + " | ".join(f"{r['store']} p50 | {r['store']} p95 | {r['store']} CPU ms per request "
                                          "(API / Neo4j / clients)" for r in results) + " |",
              "|---|" + "---|---|---|" * len(results)]

    def cpu(f: dict[str, Any]) -> str:
        c = f.get("cpu_ms")
        return f"{c['api']:.1f} / {c['neo4j']:.1f} / {c['clients']:.1f}" if c else "–"

    for name in names:
        cells = " | ".join(f"{r['endpoints'][name]['p50']:.1f} | {r['endpoints'][name]['p95']:.1f} | "
                           f"{cpu(r['endpoints'][name])}" for r in results)
        lines.append(f"| {name} | {cells} |")
    lines += baseline_lines(results)
    lines += ["", REPORT_END]
    return "\n".join(lines) + "\n"


def baseline_lines(results: list[dict[str, Any]]) -> list[str]:
    """The simplest alternative of each run (benchmarks/api_scale_baseline.py) as a table, if measured."""
    measured = [r for r in results if isinstance(r.get("baseline"), dict) and "old_ms" in r["baseline"]]
    if not measured:
        return []
    lines = ["", "Against the simplest alternative, in the same run on the same store (benchmarks/api_scale_baseline.py, "
             "one caller in one process): the old whole-corpus join, built before the old API's first answer and "
             "again after 30 s without traffic, and the old answers as filters of its rows; search as the old "
             "linear scan (clauses holding the query's bigrams, re-checked and scored in Python). Ratio = old / new "
             "(above 1: the store-native read is faster).", ""]
    for r in measured:
        b = r["baseline"]
        lines.append(f"- {r['store']}, {r['policies']:,} policies: join of {b['join_rows']:,} instrument rows built in "
                     f"{b['join_build_s']:.1f} s, +{b['join_rss_mb']:.0f} MB resident (the API now: ready in "
                     f"{r['ready_s']:.1f} s, {r['api_rss_mb']:.0f} MB in all); linear-scan index of "
                     f"{b['clauses']:,} clauses built in {b['scan_index_build_s']:.1f} s.")
    lines += ["", "| store | read | old p50 ms | new p50 ms (in-process) | ratio | API p50 ms (8 clients, HTTP) |",
              "|---|---|---|---|---|---|"]
    for r in measured:
        b = r["baseline"]
        for name, old in b["old_ms"].items():
            new = b["new_ms"][name]["p50"]
            api = b.get("api_p50_ms", {}).get(name)
            ratio = b["ratio_p50"].get(name)
            lines.append(f"| {r['store']} | {name} | {old['p50']:.1f} | {new:.1f} | "
                         f"{f'{ratio:.2f}' if ratio else '–'} | {f'{api:.1f}' if api is not None else '–'} |")
    return lines


def write_report(section: str, path: Path) -> None:
    """Put ``section`` into ``path``, replacing an earlier one."""
    replace_section(path, section, REPORT_BEGIN, REPORT_END)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j", "both"], default="both")
    parser.add_argument("--policies", type=int, default=1000, help="policies of the first load (1000, 10000, 100000)")
    parser.add_argument("--batch", type=int, default=None, help="policies of the incremental load (default N/10, ≤ 1000)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of requests per endpoint")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench-scale"))
    parser.add_argument("--keep", action="store_true", help="keep the corpus and stores")
    parser.add_argument("--out", default=str(ROOT / "results"), help="folder for the JSON and report.md")
    parser.add_argument("--note", default="", help="a remark for the report (e.g. the machine was busy)")
    parser.add_argument("--yes", action="store_true", help="do not wait 5 s after the estimates")
    parser.add_argument("--estimate", action="store_true", help="print the disk and time estimates and stop")
    parser.add_argument("--reuse", action="store_true",
                        help="serve and measure the store a --keep run left in --workdir, loading nothing and deleting nothing")
    parser.add_argument("--more", default=None,
                        help="with --reuse: a folder of policies to load into the reused store transactionally first "
                             "(the incremental figure, with the batched write rate measured in the same run); "
                             "the store keeps them")
    parser.add_argument("--generated", default=None,
                        help="a folder `policykg generate --policies N+batch --seed 1 --out DIR` wrote before the run: "
                             "its files are moved into the run's corpus instead of generating them (one store only)")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip api_scale_baseline.py (the old join and linear scan) after the API figures")
    parser.add_argument("--from-json", action="store_true",
                        help="write the report section again from results/api_scale_<store>_<N>.json, measuring nothing")
    args = parser.parse_args()
    n = args.policies
    if args.from_json:
        names = ["embedded", "neo4j"] if args.store == "both" else [args.store]
        saved = [json.loads((Path(args.out) / f"api_scale_{s}_{n}.json").read_text("utf-8")) for s in names]
        write_report(report_section(saved, saved[-1]["environment"], args.note or saved[-1].get("note", "")),
                     Path(args.out) / "report.md")
        print(f"wrote a section of {args.out}/report.md from {len(saved)} JSON file(s)")
        return
    batch = args.batch if args.batch is not None else max(10, min(1000, n // 10))
    stores = ["embedded", "neo4j"] if args.store == "both" else [args.store]
    for store in stores:
        print(estimate(store, n, batch, args.duration, 7))
    where = Path(args.workdir).resolve()
    while not where.exists():  # the folder is made by the run; ask the disk it will be on
        where = where.parent
    free_gb = shutil.disk_usage(where).free / 1e9
    print(f"free disk where it works ({args.workdir}): {free_gb:,.1f} GB")
    if args.estimate:
        return
    if not args.yes:
        time.sleep(5)
    results = []
    for store in stores:
        r = measure(store, n, batch, args)
        results.append(r)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"api_scale_{store}_{n}.json").write_text(
            json.dumps({**r, "environment": environment(), "note": args.note}, indent=1, ensure_ascii=False), "utf-8")
    write_report(report_section(results, environment(), args.note), Path(args.out) / "report.md")
    print(f"wrote {args.out}/api_scale_*_{n}.json and a section of {args.out}/report.md")


if __name__ == "__main__":
    main()
