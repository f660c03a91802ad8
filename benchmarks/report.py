"""The benchmark report: targets judged against the figures, written as JSON and as Markdown.

``run_all.py`` fills a report dict section by section (``environment``, ``extraction``,
``load``, ``api``, ``graph_view``, ``scaling``); this module derives the comparisons with
the simplest alternative and the pass/miss of each target, and writes
``report.json`` and ``report.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TARGET_POLICIES = 10_000
# (key, what, limit, unit); "lower" means the figure must stay below the limit
TARGETS = (
    ("embedded_time", "10,000 policies extracted and loaded into the embedded store", 600.0, "s", "lower"),
    ("embedded_memory", "peak memory of that load", 4096.0, "MB", "lower"),
    ("neo4j_time", "10,000 policies extracted and loaded into Neo4j", 900.0, "s", "lower"),
    ("api_lookup_p95", "API p95 of lookups at 10,000 policies", 100.0, "ms", "lower"),
    ("api_compare_p95", "API p95 of compare at 10,000 policies", 300.0, "ms", "lower"),
    ("units_f1", "regression figure: F1 of responsible units against the generated truth", 0.95, "", "higher"),
    ("instruments_f1", "regression figure: F1 of instruments against the generated truth", 0.95, "", "higher"),
    ("neo4j_load_rate", "relationships/s written into Neo4j, batched", 30000.0, "/s", "higher"),
)


def _rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((report.get("scaling") or {}).get("rows") or [], key=lambda r: r["policies"])


def _step_figure(row: dict[str, Any], step: str, key: str) -> float | None:
    value = (row.get("steps") or {}).get(step, {}).get(key)
    return float(value) if isinstance(value, (int, float)) else None


def project(points: list[tuple[int, float]], at: int = TARGET_POLICIES, through_origin: bool = True
            ) -> tuple[float | None, bool]:
    """The figure at ``at`` policies: measured when a size is there, else a straight line
    through the two largest sizes; with one size, a line through the origin when
    ``through_origin`` (times), else nothing (memory has a fixed base). Returns (value, projected)."""
    points = sorted(p for p in points if p[1] is not None)
    for n, v in points:
        if n == at:
            return v, False
    if len(points) >= 2:
        (n1, v1), (n2, v2) = points[-2], points[-1]
        return v2 + (v2 - v1) / (n2 - n1) * (at - n2), True
    if points and through_origin:
        n, v = points[-1]
        return v * at / n, True
    return None, False


def _judge(value: float | None, limit: float, direction: str) -> str | None:
    if value is None:
        return None
    return "pass" if (value < limit if direction == "lower" else value >= limit) else "miss"


def evaluate_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue with the measured (or projected) figure and pass/miss."""
    rows = _rows(report)
    largest = rows[-1]["policies"] if rows else None
    measured: dict[str, tuple[float | None, bool, int | None, str]] = {}

    def series(step: str, key: str) -> list[tuple[int, float]]:
        return [(r["policies"], _step_figure(r, step, key)) for r in rows if _step_figure(r, step, key) is not None]

    for key, step, figure in (("embedded_time", "load_embedded", "seconds"),
                              ("embedded_memory", "load_embedded", "peak_rss_mb"),
                              ("neo4j_time", "load_neo4j", "seconds")):
        points = series(step, figure)
        value, projected = project(points, through_origin=figure == "seconds")
        how = f"linear from {', '.join(str(n) for n, _ in points[-2:])} policies" if projected else ""
        if value is None and points:
            how = f"{points[-1][1]:.0f} MB at {points[-1][0]} policies; two sizes are needed to project"
        measured[key] = (value, projected, largest, how)

    for key, step in (("embedded_time", "load_embedded"), ("embedded_memory", "load_embedded"),
                      ("neo4j_time", "load_neo4j")):
        failed = [r for r in rows if "error" in (r.get("steps") or {}).get(step, {})]
        if failed:
            f = failed[0]["steps"][step]
            figure = f.get("failed_after_s") if key.endswith("time") else f.get("peak_rss_mb")
            measured[key] = (figure, False, failed[0]["policies"],
                             f"FAILED at {failed[0]['policies']} policies after {f.get('failed_after_s', 0):.0f} s "
                             f"(peak {f.get('peak_rss_mb', 0):.0f} MB): {f['error']}")

    api = report.get("api") or {}
    groups = api.get("groups") or {}
    lookups = [g["p95"] for name, g in groups.items() if name.startswith("lookup")]
    at = api.get("policies")
    note = "" if at == TARGET_POLICIES else f"measured at {at} policies, not {TARGET_POLICIES:,}" if at else ""
    measured["api_lookup_p95"] = (max(lookups) if lookups else None, False, at, note)
    compare = groups.get("compare", {}).get("p95")
    measured["api_compare_p95"] = (compare, False, at, note)

    for key, field in (("units_f1", "units"), ("instruments_f1", "instruments")):
        scored = [(r["policies"], r["accuracy"][field]["f1"]) for r in rows if r.get("accuracy")]
        worst = min(scored, key=lambda p: p[1]) if scored else None
        measured[key] = (worst[1] if worst else None, False, worst[0] if worst else None,
                         "lowest over the sizes measured" if len(scored) > 1 else "")

    load = report.get("load") or {}
    rate = (load.get("neo4j") or {}).get("batched_rels_per_s")
    rounds, warmup = load.get("rounds") or 1, load.get("warmup") or 0
    how = (f"best of {rounds} rounds" if rounds > 1 else "one round") + (f" after {warmup} warm-up loads" if warmup else "")
    measured["neo4j_load_rate"] = (rate, False, load.get("policies") if rate else None, how if rate else "")

    out = []
    for key, what, limit, unit, direction in TARGETS:
        value, projected, at_n, how = measured[key]
        status = "miss" if how.startswith("FAILED") else _judge(value, limit, direction)
        out.append({"key": key, "target": what, "limit": limit, "unit": unit, "direction": direction,
                    "measured": value, "projected": projected, "at_policies": at_n, "note": how,
                    "status": (status + " (projected)" if projected and status else status) or "not measured"})
    return out


def comparisons(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each benchmark against the simplest alternative a user might write, with the ratio."""
    out: list[dict[str, Any]] = []

    def add(benchmark: str, ours: str, alternative: str, ratio: float | None, meaning: str) -> None:
        out.append({"benchmark": benchmark, "ours": ours, "alternative": alternative,
                    "ratio": round(ratio, 2) if ratio is not None else None, "meaning": meaning})

    ex = report.get("extraction") or {}
    if ex.get("full") and ex.get("structure_only"):
        add("extraction", f"{ex['full']['documents_per_s']:.1f} documents/s (full extraction)",
            f"{ex['structure_only']['documents_per_s']:.1f} documents/s (read+clean+structure only)",
            ex["structure_only"]["documents_per_s"] / ex["full"]["documents_per_s"],
            "how many times the bare reading's speed the full extraction costs")
    neo = (report.get("load") or {}).get("neo4j") or {}
    if neo.get("batched_rels_per_s") and neo.get("single_rels_per_s"):
        add("load into Neo4j", f"{neo['batched_rels_per_s']:.0f} relationships/s ({neo.get('batched_method', 'batched')})",
            f"{neo['single_rels_per_s']:.0f} relationships/s (one row per transaction)",
            neo["batched_rels_per_s"] / neo["single_rels_per_s"], "speed-up of batching")
    emb = (report.get("load") or {}).get("embedded") or {}
    if emb.get("write_rels_per_s") and neo.get("batched_rels_per_s"):
        add("load into the embedded store", f"{emb['write_rels_per_s']:.0f} relationships/s (embedded)",
            f"{neo['batched_rels_per_s']:.0f} relationships/s (Neo4j batched)",
            emb["write_rels_per_s"] / neo["batched_rels_per_s"], "embedded store speed over Neo4j's")
    scan = (report.get("api") or {}).get("linear_scan") or {}
    if scan.get("ms") and scan.get("index_p50_ms"):
        add("API search", f"{scan['index_p50_ms']:.1f} ms p50 (search index)",
            f"{scan['ms']:.0f} ms (fetch every clause and scan, {scan.get('clauses')} clauses)",
            scan["ms"] / scan["index_p50_ms"], "speed-up of the index over a linear scan")
    gv = report.get("graph_view") or {}
    if gv.get("ours_ms"):
        pyvis = gv.get("pyvis_stabilized_ms")
        shown = f"{pyvis:.0f} ms to stabilized" if pyvis else f"not stabilized within {gv.get('cap_s', 0):.0f} s"
        ratio = (pyvis or (gv.get("cap_s") or 0) * 1000 or None)
        add("web graph view", f"{gv['ours_ms']:.0f} ms to interactive ({gv.get('nodes')} nodes)",
            f"pyvis defaults: {shown}", ratio / gv["ours_ms"] if ratio else None,
            "pyvis time over ours" + ("" if pyvis else " (at least: pyvis hit the cap)"))
    rows = _rows(report)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        for step in ("extract", "load_embedded", "load_neo4j"):
            a, b = _step_figure(first, step, "per_policy_ms"), _step_figure(last, step, "per_policy_ms")
            if a and b:
                add(f"scaling: {step}", f"{b:.1f} ms/policy at {last['policies']}",
                    f"{a:.1f} ms/policy at {first['policies']}", b / a,
                    "per-policy cost at the largest size over the smallest (1 = linear)")
    return out


# --- Markdown -----------------------------------------------------------------------------


def _num(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_num(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return lines + [""]


def render_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: targets first, then one section per benchmark."""
    env = report.get("environment") or {}
    md = [f"# policykg benchmark report{'' if report.get('complete') else ' (incomplete)'}", ""]
    md += [f"Generated {report.get('generated_at', '?')} by `{report.get('command', '?')}`"
           f"{' (quick mode)' if report.get('quick') else ''}.", ""]
    if report.get("kept"):
        md += [f"Kept from the run of {report['kept'].get('from', '?')} (not measured again): "
               f"{', '.join(report['kept'].get('sections', []))}.", ""]
    md += ["## Environment", ""]
    la0, la1 = env.get("load_average_start") or [], env.get("load_average_end") or []
    md += _table(["item", "value"], [
        ["CPU cores", env.get("cpu_count")],
        ["load average at start (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in la0) or "–"],
        ["load average at end (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in la1) or "–"],
        ["Python", env.get("python", "–")], ["platform", env.get("platform", "–")],
        ["commit", env.get("commit") or "–"],
        ["files modified since the commit", ", ".join(env.get("modified_files") or []) or "none"], ["Neo4j", env.get("neo4j") or "–"],
        ["Neo4j server peak RSS (MB)", env.get("neo4j_server_peak_rss_mb")],
    ])
    if la0 and env.get("cpu_count") and la0[0] > env["cpu_count"]:
        md += [f"The machine was shared: a load average above {env['cpu_count']} means the figures are "
               "slower than on an idle machine.", ""]

    md += ["## Targets", ""]
    rows = []
    for t in report.get("targets") or []:
        unit = f" {t['unit']}" if t["unit"] else ""
        sign = "<" if t["direction"] == "lower" else "≥"
        digits = 3 if not t["unit"] else 1
        rows.append([t["target"], f"{sign} {_num(t['limit'], digits if digits == 3 else 0)}{unit}",
                     f"{_num(t['measured'], digits)}{unit}" if t["measured"] is not None else "–",
                     _num(t["at_policies"]), f"**{t['status']}**", t.get("note") or ""])
    md += _table(["target", "limit", "measured", "policies", "status", "note"], rows)

    md += ["## Against the simplest alternative", ""]
    md += _table(["benchmark", "policykg", "simplest alternative", "ratio", "meaning"],
                 [[c["benchmark"], c["ours"], c["alternative"], f"{c['ratio']}x" if c["ratio"] else "–",
                   c["meaning"]] for c in report.get("comparisons") or []])

    ex = report.get("extraction")
    if ex:
        md += ["## Extraction (one core)", "", f"Corpus: {_num(ex.get('documents'))} documents, "
               f"{_num(ex.get('mb'))} MB ({ex.get('corpus', 'bundled seeds repeated')}); peak RSS "
               f"{_num(ex.get('peak_rss_mb'), 0)} MB.", ""]
        table = [[name, ex[key]["documents_per_s"], ex[key]["mb_per_s"], ex[key].get("seconds")]
                 for key, name in (("structure_only", "read+clean+structure+metadata"), ("full", "full extraction"),
                                   ("generated", "full extraction, generated corpus (largest size)"))
                 if ex.get(key)]
        md += _table(["path", "documents/s", "MB/s", "seconds"], table)

    ld = report.get("load")
    if ld:
        rounds, warmup = ld.get("rounds") or 1, ld.get("warmup") or 0
        how = f"; Neo4j figures are the best of {rounds} rounds" if rounds > 1 else ""
        if warmup:
            how += f", after {warmup} uncounted loads that warm the server up (listed as warm-up loads)"
        elif rounds > 1:
            how += " (the first warms the server up)"
        md += ["## Load", "", f"{_num(ld.get('policies'))} policies ({ld.get('corpus') or 'the seeds written under distinct keys'}), "
               f"{_num(ld.get('relationships'))} relationships; peak RSS {_num(ld.get('peak_rss_mb'), 0)} MB{how}.", ""]
        emb, neo = ld.get("embedded") or {}, ld.get("neo4j") or {}
        methods = ld.get("methods") or []
        md += _table(["store", "method", "relationships", "seconds", "relationships/s"],
                     [[m["store"], m["method"], m["rels"], m["seconds"], m["rels_per_s"]] for m in methods])
        if emb.get("save_s") is not None or emb.get("file_mb") is not None:
            md += [f"Embedded save: {_num(emb.get('save_s'), 2)} s, file {_num(emb.get('file_mb'))} MB.", ""]
        for name, ratio in (ld.get("ratios") or {}).items():
            md += [f"- {name}: {_num(ratio)}x"]
        if neo.get("batching_speedup") and not ld.get("ratios"):
            md += [f"- batched ({neo.get('batched_method', 'batched')}) over one row per transaction: "
                   f"{_num(neo['batching_speedup'])}x"]
        md += [""]

    api = report.get("api")
    if api:
        md += ["## API under concurrent load (loopback)", "",
               f"{_num(api.get('policies'))} policies in the {api.get('store', 'embedded')} store, "
               f"{api.get('concurrency')} client threads, {api.get('requests')} requests per group; server "
               f"process peak RSS {_num(api.get('peak_rss_mb'), 0)} MB (the benchmark and its server).", ""]
        md += _table(["group", "n", "errors", "p50 ms", "p95 ms", "p99 ms", "requests/s"],
                     [[name, g.get("n"), g.get("errors"), g.get("p50"), g.get("p95"), g.get("p99"), g.get("rps")]
                      for name, g in (api.get("groups") or {}).items()])
        scan = api.get("linear_scan") or {}
        if scan.get("ms"):
            md += [f"Linear scan over {scan.get('clauses')} clauses for one query: {_num(scan['ms'], 0)} ms, against "
                   f"the index's p50 {_num(scan.get('index_p50_ms'))} ms: {_num(scan.get('ratio'), 0)}x.", ""]
        by_size = api.get("by_size") or {}
        if len(by_size) > 1:
            names = list(next(iter(by_size.values())).keys())
            md += ["p95 (ms) by corpus size:", ""]
            md += _table(["policies", *names], [[int(n), *[g.get(k, {}).get("p95") for k in names]]
                                                for n, g in sorted(by_size.items(), key=lambda x: int(x[0]))])

    gv = report.get("graph_view")
    if gv:
        md += ["## Web graph view", "", f"{_num(gv.get('nodes'))} nodes, {_num(gv.get('edges'))} edges, "
               "headless Chromium.", ""]
        md += _table(["page", "interactive / stabilized (ms)", "detail"], [
            ["policykg page", gv.get("ours_ms"), f"fetch {_num(gv.get('ours_fetch_ms'), 0)} ms, layout "
             f"{_num(gv.get('ours_layout_ms'), 0)} ms, {_num(gv.get('ours_iterations'))} iterations"],
            ["pyvis defaults", gv.get("pyvis_stabilized_ms"),
             f"iterations done at {_num(gv.get('pyvis_iterations_done_ms'), 0)} ms"
             + ("" if gv.get("pyvis_stabilized_ms") else f"; not stabilized within {_num(gv.get('cap_s'), 0)} s")],
        ])

    sc = report.get("scaling")
    if sc and sc.get("rows"):
        md += ["## Scaling", "", "Each step in its own process; peak = the largest maximum RSS of that process "
               "and the worker processes it waited for (not their sum). ms/policy that stays flat as the size "
               "grows means linear cost; at small sizes the fixed start-up (imports, dictionaries, worker "
               "processes) dominates.", ""]
        table = []
        for row in _rows(report):
            for step, s in row["steps"].items():
                if "error" in s:
                    table.append([row["policies"], step, f"failed after {_num(s.get('failed_after_s'))}", "–",
                                  s.get("peak_rss_mb"), s["error"]])
                    continue
                detail = ""
                if step == "extract":
                    detail = f"{_num(s.get('documents_per_s'))} documents/s, {_num(s.get('mb_per_s'), 2)} MB/s"
                elif step.startswith("load"):
                    detail = (f"extract+build {_num(s.get('extract_build_s'))} s ({s.get('workers', 1)} workers), "
                              f"write {_num(s.get('write_s'))} s, link {_num(s.get('link_s'))} s, save "
                              f"{_num(s.get('save_s'))} s; {_num(s.get('relationships'))} relationships "
                              f"({_num(s.get('similar_pairs'))} SIMILAR_TO), {_num(s.get('relationships_per_s'), 0)}/s")
                elif step == "generate":
                    detail = f"{_num(s.get('mb'), 2)} MB, {_num(s.get('units'))} units, {_num(s.get('instruments'))} instruments"
                table.append([row["policies"], step, s["seconds"], s["per_policy_ms"], s["peak_rss_mb"], detail])
        md += _table(["policies", "step", "seconds", "ms/policy", "peak RSS MB", "detail"], table)
        acc = [[r["policies"], r["accuracy"]["units"]["f1"], r["accuracy"]["leads"]["f1"],
                r["accuracy"]["function_acc"], r["accuracy"]["instruments"]["f1"], r["accuracy"]["citations"]["f1"],
                r["accuracy"]["clause_recall"]] for r in _rows(report) if r.get("accuracy")]
        if acc:
            md += ["### Regression figure: extraction against the generated truth", "",
                   "Not accuracy: the generated truth comes from the same vocabularies as the extractor, so "
                   "this figure catches regressions only. Accuracy is measured on hand-made gold of real "
                   "documents (`policykg evaluate`, docs/evaluation.md).", ""]
            md += _table(["policies", "units F1", "leads F1", "function acc", "instruments F1", "citations F1",
                          "clause recall"], [[a[0], *[_num(x, 4) for x in a[1:]]] for a in acc])
        misses = sc.get("accuracy_misses") or {}
        if misses:
            md += [f"Most frequent extraction misses ({misses.get('policies')} policies):", ""]
            md += _table(["kind", "count", "most frequent"],
                         [[kind, m["count"], "; ".join(f"{v} ×{c}" for v, c in m["most_frequent"]) or "–"]
                          for kind, m in (misses.get("kinds") or {}).items()])

    profiles = report.get("profiles") or []
    if profiles:
        md += ["## Where the time goes (missed targets)", ""]
        for p in profiles:
            md += [f"### {p['target']}: `{p['step']}` on {p['sample_policies']} policies under cProfile "
                   f"({_num(p.get('seconds'))} s)", ""]
            md += _table(["function (by cumulative time)", "calls", "own s", "cumulative s"],
                         [[f"`{r['function']}`", r["calls"], r["tottime_s"], r["cumtime_s"]] for r in p["top"]])
            if p.get("top_own"):
                md += _table(["function (by own time)", "calls", "own s", "cumulative s"],
                             [[f"`{r['function']}`", r["calls"], r["tottime_s"], r["cumtime_s"]] for r in p["top_own"]])
    errors = report.get("errors") or []
    if errors:
        md += ["## Errors", ""] + [f"- {e['section']}: {e['message']}" for e in errors] + [""]
    return "\n".join(md).rstrip() + "\n"


def write_report(report: dict[str, Any], out: Path | str) -> tuple[Path, Path]:
    """Derive targets and comparisons, then write ``out/report.json`` and ``out/report.md``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report["targets"] = evaluate_targets(report)
    report["comparisons"] = comparisons(report)
    json_path, md_path = out / "report.json", out / "report.md"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", "utf-8")
    md_path.write_text(render_markdown(report), "utf-8")
    return json_path, md_path


def replace_section(path: Path, section: str, begin: str, end: str) -> None:
    """Put ``section`` (which starts with the marker ``begin`` and ends with ``end``) into the
    Markdown report ``path``, in place of an earlier section between the same markers, else at
    the end; a report that does not exist yet is started."""
    text = path.read_text("utf-8") if path.exists() else "# policykg benchmark report\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + section + rest.split(end, 1)[1].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, "utf-8")
