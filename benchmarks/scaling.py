"""How cost grows with the corpus: generate, extract, load into each store, at several sizes.

For each size N a synthetic corpus of N policies is generated (``policykg.generator``), then
each step runs in its own process so that its peak memory is its own:

* ``generate``: write the N policies and their truth;
* ``extract``: read and extract every policy on one core, as ``policykg extract`` does,
  then score the extraction against the generated truth with the project's scorer
  (``policykg.evaluation``, or ``--score PATH``: an external ``score.py`` of the same
  contract) — a regression figure, since the truth comes from the extractor's vocabularies;
* ``load_embedded`` / ``load_neo4j``: read, extract, build, write, link and save, as
  ``policykg load`` does, with the time of each phase.

Peak memory is the child's ``ru_maxrss`` as ``os.wait4`` reports it (the same figure
``resource.getrusage(RUSAGE_CHILDREN)`` gives for one child). Each step's address space is
limited to ``POLICYKG_BENCH_MEMORY_MB`` (default 8192; 0 for none), so a step whose memory
grows without bound fails with MemoryError instead of exhausting a shared machine.
Per-policy cost is printed for each step so that growth beyond linear shows.

    .venv/bin/python benchmarks/scaling.py --sizes 100,1000 [--out DIR] [--no-neo4j]

Neo4j is ``$NEO4J_URI`` (``NEO4J_USER`` / ``NEO4J_PASSWORD``); THE SERIES DELETES EVERYTHING
IN THAT DATABASE. Without ``NEO4J_URI`` the Neo4j step is skipped here (``run_all.py``
starts a local one).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SCORE = None  # the project's scorer; a Path: an external score.py of the same contract
STEPS = ("generate", "extract", "load_embedded", "load_neo4j")
DEFAULT_MEMORY_MB = 8192  # address-space limit of each step (POLICYKG_BENCH_MEMORY_MB; 0: none)


# --- running a measured child process -----------------------------------------------------


@dataclass
class Measured:
    """A finished child process: exit code, wall time, peak resident memory, output."""

    returncode: int
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str

    def tail(self, lines: int = 15) -> str:
        """The last lines of stderr (or stdout), for error messages."""
        text = self.stderr.strip() or self.stdout.strip()
        return "\n".join(text.splitlines()[-lines:])


def run_measured(cmd: list[str], log_dir: Path, name: str, env: dict[str, str] | None = None,
                 cwd: Path = REPO) -> Measured:
    """Run ``cmd`` to completion; its output goes to ``log_dir/name.out|.err``.

    Peak memory comes from ``os.wait4``: the maximum resident set of that one child
    (and of any descendant it waited for), in MB.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{name}.out", log_dir / f"{name}.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(proc.returncode, seconds, usage.ru_maxrss / 1024,
                    out_path.read_text("utf-8", "replace"), err_path.read_text("utf-8", "replace"))


# --- the steps, run inside the child ------------------------------------------------------


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds


class _TimedStore:
    """A store whose writes are timed; everything else goes straight through."""

    def __init__(self, store: Any, timer: _Timer) -> None:
        self._store, self._timer = store, timer

    def _timed(self, method: str, *args: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return getattr(self._store, method)(*args)
        finally:
            self._timer.add("write", time.perf_counter() - t0)

    def write_policy(self, pg: Any) -> Any:
        return self._timed("write_policy", pg)

    def write_policies(self, pgs: list[Any]) -> Any:
        return self._timed("write_policies", pgs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(corpus.glob("policy_*.txt"))
    if not files:
        raise SystemExit(f"scaling: no policy_*.txt in {corpus}; run the generate step first")
    return files[:limit] if limit else files


def step_generate(n: int, seed: int, corpus: Path) -> dict[str, Any]:
    """Write ``n`` generated policies and their truth to ``corpus``. The seed style: the report
    states its figure as a regression figure (truth from the extractor's vocabularies)."""
    from policykg.generator import generate_corpus

    report = generate_corpus(n, seed, corpus, style="seed")
    return {"policies": report.n, "mb": report.bytes_written / 1e6, "clauses": report.clauses,
            "units": report.units, "instruments": report.instruments, "citations": report.citations,
            "seed_reading_s": report.seed_seconds, "generator_s": report.seconds}


def step_extract(corpus: Path, prediction: Path, limit: int | None = None) -> dict[str, Any]:
    """Extract every policy of ``corpus`` on one core; write the contract JSON to ``prediction``."""
    sys.path.insert(0, str(HERE))
    from accuracy_at_scale import extract

    files = _corpus_files(corpus, limit)
    extract(files[:1], 1)  # dictionaries and vocabularies load before timing
    t0 = time.perf_counter()
    docs, failures = extract(files, 1)
    seconds = time.perf_counter() - t0
    prediction.write_text(json.dumps({"documents": docs}, ensure_ascii=False), encoding="utf-8")
    mb = sum(f.stat().st_size for f in files) / 1e6
    return {"documents": len(docs), "failed": len(failures), "mb": mb, "extract_s": seconds,
            "documents_per_s": len(docs) / seconds, "mb_per_s": mb / seconds}


def _phase(name: str, seconds: float) -> None:
    """One line on stderr per finished phase, so that the log of a step that dies says where."""
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"phase {name} at {seconds:.1f} s, peak RSS so far {rss:.0f} MB", file=sys.stderr, flush=True)


def step_load(kind: str, corpus: Path, limit: int | None = None) -> dict[str, Any]:
    """Load ``corpus`` into the store ``kind`` as ``policykg load`` does, timing each phase:
    extraction and graph building (with ``policykg load``'s default workers), writing,
    linking, saving.

    The store comes from the settings (``POLICYKG_GRAPH_FILE``, ``NEO4J_URI`` …); Neo4j is
    emptied first.
    """
    from policykg.graph.linking import link_all
    from policykg.loading import load_paths
    from policykg.settings import Settings
    from policykg.stores import open_store

    try:
        from policykg.extracting import default_workers

        workers = default_workers()
    except ImportError:  # a policykg that extracts in the loading process
        workers = 1
    timer = _Timer()
    opened = open_store(Settings(store=kind))
    try:
        if kind == "neo4j":
            opened.store.claim("policykg-benchmarks")  # never clears a database that is not its own
            opened.store.clear()
        opened.store.ensure_schema()
        root = corpus
        if limit:  # a folder of the first files, loaded as a folder is (hard links, no copies)
            root = corpus.parent / f"sample_{limit}"
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir()
            for path in _corpus_files(corpus, limit):
                os.link(path, root / path.name)
        t0 = time.perf_counter()
        report = load_paths(_TimedStore(opened.store, timer), [root], link=False)
        written = time.perf_counter()
        _phase("extracted and written", written - t0)
        cites, similar = link_all(opened.store)
        linked = time.perf_counter()
        _phase("linked", linked - t0)
        opened.store.save()
        saved = time.perf_counter()
        _phase("saved", saved - t0)
        counts = opened.store.counts()
    finally:
        opened.close()
    write = timer.seconds.get("write", 0.0)
    relationships = sum(counts["relationships"].values())
    return {"policies": report.loaded, "failed": len(report.failed), "workers": workers,
            "extract_build_s": max(0.0, written - t0 - write), "write_s": write,
            "link_s": linked - written, "save_s": saved - linked, "load_s": saved - t0,
            "nodes": sum(counts["nodes"].values()), "relationships": relationships,
            "citations_resolved": len(cites), "similar_pairs": len(similar),
            "relationships_per_s": relationships / (saved - t0)}


_NOISE = ("<frozen ", "<built-in method builtins.exec>", "benchmarks/scaling.py", "<string>:")


def profile_top(stats: pstats.Stats, top: int, sort: str = "cumulative") -> list[dict[str, Any]]:
    """The ``top`` functions by ``sort`` time, as rows; import machinery and this script's
    own wrappers are left out."""
    stats.sort_stats(sort)
    rows = []
    for func in stats.fcn_list:  # type: ignore[attr-defined]  # set by sort_stats
        cc, nc, tt, ct, _ = stats.stats[func]  # type: ignore[attr-defined]
        filename, line, name = func
        where = filename
        for prefix in (str(REPO) + "/", str(Path(sys.prefix)) + "/"):
            where = where.replace(prefix, "")
        label = f"{where}:{line}({name})" if line else name
        if any(label.startswith(n) or n in label for n in _NOISE):
            continue
        rows.append({"function": label, "calls": nc, "tottime_s": round(tt, 4), "cumtime_s": round(ct, 4)})
        if len(rows) == top:
            break
    return rows


# --- the series, run in the parent --------------------------------------------------------


def _step_command(step: str, size_dir: Path, n: int, seed: int, extra: list[str] = ()) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "step", step, "--dir", str(size_dir),
            "--n", str(n), "--seed", str(seed), "--json", str(size_dir / f"{step}.json"), *extra]


def _step_env(step: str, size_dir: Path, neo4j: dict[str, str] | None) -> dict[str, str]:
    env = {**os.environ, "POLICYKG_DATA_DIR": str(size_dir / "var"),
           "POLICYKG_GRAPH_FILE": str(size_dir / "policykg.graph")}
    if neo4j:
        env.update(neo4j)
    return env


class StepFailed(RuntimeError):
    """A step's process failed; how long it ran and how much memory it held."""

    def __init__(self, message: str, seconds: float, peak_rss_mb: float) -> None:
        super().__init__(message)
        self.seconds, self.peak_rss_mb = seconds, peak_rss_mb


def run_step(step: str, size_dir: Path, n: int, seed: int, neo4j: dict[str, str] | None = None,
             extra: list[str] = ()) -> dict[str, Any]:
    """Run one step in a child process; its figures plus wall time and peak RSS."""
    m = run_measured(_step_command(step, size_dir, n, seed, list(extra)), size_dir / "logs", step,
                     env=_step_env(step, size_dir, neo4j))
    if m.returncode:
        raise StepFailed(f"scaling step {step} at {n} policies failed (exit {m.returncode}):\n{m.tail()}",
                         m.seconds, m.peak_rss_mb)
    figures = json.loads((size_dir / f"{step}.json").read_text("utf-8"))
    return {**figures, "seconds": m.seconds, "peak_rss_mb": m.peak_rss_mb, "per_policy_ms": m.seconds * 1000 / n}


def score(prediction: Path, truth: Path, score_py: Path | None = None) -> dict[str, Any]:
    """The summary of an extraction against the generated truth (``accuracy_at_scale.score_summary``)."""
    sys.path.insert(0, str(HERE))
    from accuracy_at_scale import score_summary

    return score_summary(prediction, truth, score_py)


def accuracy_misses(size_dir: Path, examples: int = 3) -> dict[str, Any]:
    """What the extraction got wrong at one size, by kind (the project's scorer): count, most
    frequent values, examples."""
    sys.path.insert(0, str(HERE))
    from collections import Counter

    from accuracy_at_scale import failures

    docs = json.loads((size_dir / "prediction.json").read_text("utf-8"))["documents"]
    found = failures(size_dir / "corpus" / "truth", docs)
    out: dict[str, Any] = {}
    keys = {"unit_missed": "unit", "unit_extra": "unit", "lead_missed": "unit", "lead_extra": "unit", "function": "unit", "instrument_missed": "template",
            "instrument_extra": "text", "citation_missed": "doc_number", "citation_extra": "doc_number",
            "clause": "anchor", "metadata": "field"}
    for kind, items in sorted(found.items()):
        common = Counter(str(i.get(keys.get(kind, ""), "")) for i in items).most_common(5)
        out[kind] = {"count": len(items), "most_frequent": common,
                     "examples": json.loads(json.dumps(items[:examples], ensure_ascii=False, default=str))}
    return out


def series(sizes: list[int], work: Path, seed: int = 1, neo4j: dict[str, str] | None = None,
           score_py: Path | None = DEFAULT_SCORE, log=print) -> list[dict[str, Any]]:
    """Every step at every size; one row per size (figures per step, accuracy).

    A step that fails is recorded as ``{"error": …}`` and the row goes on with the steps
    that do not need it (everything needs ``generate``; the accuracy needs ``extract``).
    """
    rows = []
    for n in sizes:
        size_dir = work / f"n{n}"
        size_dir.mkdir(parents=True, exist_ok=True)
        row: dict[str, Any] = {"policies": n, "steps": {}, "load_average": list(os.getloadavg())}
        for step in STEPS:
            if step == "load_neo4j" and not neo4j:
                continue
            log(f"scaling: {step} at {n} policies …")
            try:
                row["steps"][step] = s = run_step(step, size_dir, n, seed, neo4j)
            except StepFailed as err:
                error = str(err).splitlines()[-1][:500]
                limit = int(os.environ.get("POLICYKG_BENCH_MEMORY_MB", DEFAULT_MEMORY_MB))
                if limit and err.peak_rss_mb > 0.9 * limit:
                    error = f"out of memory: reached the {limit} MB limit of a step ({error})"
                row["steps"][step] = {"error": error, "failed_after_s": err.seconds, "peak_rss_mb": err.peak_rss_mb}
                log(f"scaling: {step:14} {n:>6} policies FAILED: {row['steps'][step]['error']}")
                if step == "generate":
                    break
                continue
            log(f"scaling: {step:14} {n:>6} policies {s['seconds']:8.1f} s  {s['per_policy_ms']:7.1f} ms/policy  "
                f"peak {s['peak_rss_mb']:7.0f} MB")
        if "seconds" in row["steps"].get("extract", {}):
            row["accuracy"] = score(size_dir / "prediction.json", size_dir / "corpus" / "truth", score_py)
        row["mb"] = row["steps"].get("generate", {}).get("mb")
        rows.append(row)
    return rows


def profile_step(step: str, size_dir: Path, n: int, seed: int, sample: int, neo4j: dict[str, str] | None = None,
                 top: int = 20) -> dict[str, Any]:
    """Run ``step`` on the first ``sample`` policies of ``size_dir`` under cProfile; the top functions."""
    env = _step_env(step, size_dir, neo4j)
    env["POLICYKG_GRAPH_FILE"] = str(size_dir / "profile.graph")  # the series' graph stays as it is
    env["POLICYKG_WORKERS"] = "1"  # extraction in the profiled process, where cProfile sees it
    Path(env["POLICYKG_GRAPH_FILE"]).unlink(missing_ok=True)
    m = run_measured(_step_command(step, size_dir, n, seed, ["--limit", str(sample), "--profile", str(top)]),
                     size_dir / "logs", f"{step}.profile", env=env)
    if m.returncode:
        raise RuntimeError(f"profiling {step} failed (exit {m.returncode}):\n{m.tail()}")
    figures = json.loads((size_dir / f"{step}.json").read_text("utf-8"))
    return {"step": step, "sample_policies": sample, "seconds": m.seconds, "top": figures.get("profile", []),
            "top_own": figures.get("profile_own", [])}


def _step_main(args: argparse.Namespace) -> int:
    size_dir = Path(args.dir)
    corpus = size_dir / "corpus"

    def work() -> dict[str, Any]:
        if args.step == "generate":
            return step_generate(args.limit or args.n, args.seed, corpus if not args.limit else size_dir / "sample")
        if args.step == "extract":
            out = size_dir / ("prediction.json" if not args.limit else "prediction.sample.json")
            return step_extract(corpus, out, args.limit)
        return step_load("embedded" if args.step == "load_embedded" else "neo4j", corpus, args.limit)

    limit_mb = int(os.environ.get("POLICYKG_BENCH_MEMORY_MB", DEFAULT_MEMORY_MB))
    if limit_mb > 0:  # a step that grows without bound fails with MemoryError, the machine stays up
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024 * 1024, resource.RLIM_INFINITY))
    if args.profile:
        profiler = cProfile.Profile()
        figures = profiler.runcall(work)
        figures["profile"] = profile_top(pstats.Stats(profiler), args.profile)
        figures["profile_own"] = profile_top(pstats.Stats(profiler), 10, "tottime")
    else:
        figures = work()
    import resource

    figures["self_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1), "utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("step", help="run one step (used by the series)")
    p.add_argument("step", choices=STEPS)
    p.add_argument("--dir", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", required=True)
    p.add_argument("--limit", type=int, help="only the first N policies (profiling samples)")
    p.add_argument("--profile", type=int, default=0, help="run under cProfile, keep the top N functions")
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes (default 100,1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="results/scaling", help="work folder (corpora, graphs, logs)")
    parser.add_argument("--score", help="an external score.py of the evaluation contract (default: the project's scorer)")
    parser.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j step")
    args = parser.parse_args(argv)
    if args.command == "step":
        return _step_main(args)
    neo4j = None
    if os.environ.get("NEO4J_URI") and not args.no_neo4j:
        neo4j = {k: os.environ[k] for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
                 if k in os.environ}
    rows = series([int(s) for s in args.sizes.split(",")], Path(args.out), args.seed, neo4j,
                  Path(args.score) if args.score else None)
    print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
