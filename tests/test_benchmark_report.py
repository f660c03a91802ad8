"""The benchmark report: targets, comparisons and Markdown from figures written here, the
parsing of the benchmark scripts' printed figures, and one quick run of ``run_all.py``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import report as R  # noqa: E402
import run_all  # noqa: E402


def _step(seconds: float, n: int, rss: float, **more) -> dict:
    return {"seconds": seconds, "per_policy_ms": seconds * 1000 / n, "peak_rss_mb": rss, **more}


def _accuracy(units: float, instruments: float) -> dict:
    f = {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    return {"units": {**f, "f1": units}, "instruments": {**f, "f1": instruments}, "leads": f, "citations": f,
            "function_acc": 1.0, "clause_recall": 1.0}


def sample_report() -> dict:
    rows = []
    for n, emb_s, emb_mb, neo_s, units in ((100, 30.0, 500.0, 60.0, 0.97), (1000, 300.0, 600.0, 600.0, 0.93)):
        rows.append({"policies": n, "mb": n / 100, "accuracy": _accuracy(units, 0.99), "steps": {
            "generate": _step(n / 50, n, 300.0, mb=n / 100, units=5 * n, instruments=7 * n),
            "extract": _step(n / 10, n, 400.0, documents_per_s=10.0, mb_per_s=0.1),
            "load_embedded": _step(emb_s, n, emb_mb, relationships=270 * n, relationships_per_s=900.0),
            "load_neo4j": _step(neo_s, n, 450.0, relationships=270 * n, relationships_per_s=450.0),
        }})
    group = {"n": 300, "errors": 0, "p50": 10.0, "p99": 60.0, "rps": 100.0}
    return {
        "generated_at": "2025-01-01T00:00:00", "command": "benchmarks/run_all.py", "quick": False, "complete": True,
        "environment": {"cpu_count": 2, "load_average_start": [4.5, 4.0, 3.0], "load_average_end": [3.0, 3.0, 3.0]},
        "extraction": {"documents": 500, "mb": 20.0, "peak_rss_mb": 380.0,
                       "structure_only": {"documents_per_s": 120.0, "mb_per_s": 2.0, "seconds": 4.0},
                       "full": {"documents_per_s": 15.0, "mb_per_s": 0.25, "seconds": 33.0}},
        "load": {"policies": 200, "relationships": 60000, "peak_rss_mb": 400.0,
                 "embedded": {"write_rels_per_s": 90000.0, "write_s": 0.7},
                 "neo4j": {"batched_rels_per_s": 3000.0, "single_rels_per_s": 50.0, "batching_speedup": 60.0}},
        "api": {"policies": 1000, "store": "embedded", "concurrency": 8, "requests": 300,
                "groups": {"lookup: clause": {**group, "p95": 50.0}, "lookup: policy": {**group, "p95": 120.0},
                           "compare": {**group, "p95": 200.0}, "search (index)": {**group, "p95": 20.0}},
                "linear_scan": {"ms": 4000.0, "clauses": 400, "index_p50_ms": 10.0, "ratio": 400.0}},
        "graph_view": {"nodes": 1000, "edges": 1499, "ours_ms": 2000.0, "pyvis_stabilized_ms": None, "cap_s": 90.0},
        "scaling": {"sizes": [100, 1000], "rows": rows},
        "errors": [],
    }


def test_project_measured_two_sizes_one_size_and_memory():
    assert R.project([(100, 5.0), (10_000, 70.0)]) == (70.0, False)
    value, projected = R.project([(100, 30.0), (1000, 300.0)])
    assert projected and value == pytest.approx(3000.0)
    assert R.project([(500, 10.0)]) == (pytest.approx(200.0), True)
    assert R.project([(500, 400.0)], through_origin=False) == (None, False)
    assert R.project([]) == (None, False)


def test_targets_judge_measured_and_projected_figures():
    targets = {t["key"]: t for t in R.evaluate_targets(sample_report())}
    assert len(targets) == len(R.TARGETS)
    # 30 s at 100 and 300 s at 1000: 3000 s at 10,000, over the 600 s limit
    assert targets["embedded_time"]["status"] == "miss (projected)"
    assert targets["embedded_time"]["measured"] == pytest.approx(3000.0)
    # 500 MB → 600 MB: 1600 MB at 10,000, under 4 GB
    assert targets["embedded_memory"]["status"] == "pass (projected)"
    assert targets["embedded_memory"]["measured"] == pytest.approx(1600.0)
    assert targets["neo4j_time"]["status"] == "miss (projected)"
    # the slowest lookup group decides; compare has its own limit
    assert targets["api_lookup_p95"]["measured"] == 120.0 and targets["api_lookup_p95"]["status"] == "miss"
    assert targets["api_compare_p95"]["status"] == "pass"
    assert "1000 policies" in targets["api_compare_p95"]["note"]
    # the lowest F1 over the sizes
    assert targets["units_f1"]["measured"] == 0.93 and targets["units_f1"]["status"] == "miss"
    assert targets["units_f1"]["at_policies"] == 1000
    assert targets["instruments_f1"]["status"] == "pass"


def test_a_failed_load_is_a_miss_with_its_reason():
    report = sample_report()
    report["scaling"]["rows"][1]["steps"]["load_neo4j"] = {
        "error": "TransientError: dbms.memory.transaction.total.max threshold reached",
        "failed_after_s": 226.0, "peak_rss_mb": 1500.0}
    targets = {t["key"]: t for t in R.evaluate_targets(report)}
    assert targets["neo4j_time"]["status"] == "miss"
    assert targets["neo4j_time"]["at_policies"] == 1000
    assert "threshold reached" in targets["neo4j_time"]["note"]
    md = R.render_markdown({**report, "targets": list(targets.values())})
    assert "| 1,000 | load_neo4j | failed after 226.0 | – | 1,500.0 | TransientError" in md


def test_comparisons_carry_the_ratio_of_each_alternative():
    found = {c["benchmark"]: c for c in R.comparisons(sample_report())}
    assert found["extraction"]["ratio"] == pytest.approx(8.0)
    assert found["load into Neo4j"]["ratio"] == pytest.approx(60.0)
    assert found["API search"]["ratio"] == pytest.approx(400.0)
    assert found["web graph view"]["ratio"] == pytest.approx(45.0)  # pyvis hit the 90 s cap
    assert found["scaling: load_embedded"]["ratio"] == pytest.approx(1.0)
    assert found["scaling: extract"]["ratio"] == pytest.approx(1.0)


def test_write_report_writes_json_and_markdown(tmp_path):
    report = sample_report()
    json_path, md_path = R.write_report(report, tmp_path / "results")
    data = json.loads(json_path.read_text("utf-8"))
    assert {"environment", "extraction", "load", "api", "graph_view", "scaling", "targets", "comparisons"} <= set(data)
    md = md_path.read_text("utf-8")
    for heading in ("## Environment", "## Targets", "## Against the simplest alternative", "## Extraction (one core)",
                    "## Load", "## API under concurrent load", "## Web graph view", "## Scaling",
                    "### Regression figure: extraction against the generated truth"):
        assert heading in md
    assert "| 1,000 | load_embedded | 300.0 | 300.0 | 600.0 |" in md
    assert "**miss (projected)**" in md and "4.50, 4.00, 3.00" in md
    assert "| lookup: policy | 300 | 0 | 10.0 | 120.0 | 60.0 | 100.0 |" in md
    assert "(incomplete)" not in md.splitlines()[0]


def test_parsers_read_the_printed_figures():
    extraction = run_all.parse_extraction(
        "corpus: 530 documents, 20.0 MB (bundled seeds repeated)\n"
        "read+clean+structure+metadata:    121.5 documents/s    2.30 MB/s  (4.4 s)\n"
        "full extraction:                   14.2 documents/s    0.27 MB/s  (37.3 s)\n")
    assert extraction["documents"] == 530 and extraction["mb"] == 20.0
    assert extraction["full"] == {"documents_per_s": 14.2, "mb_per_s": 0.27, "seconds": 37.3}
    assert extraction["structure_only"]["documents_per_s"] == 121.5
    load = run_all.parse_load(
        "200 policies, 40000 node rows, 62960 relationships\n"
        "embedded  write              62960 in    0.64 s =      98375/s relationships (200 policies)\n"
        "embedded  write + save       62960 in    1.90 s =      33137/s relationships (file 20.1 MB, open 0.80 s)\n"
        "neo4j     batched            62960 in   20.00 s =       3148/s relationships (200 policies, one transaction each)\n"
        "neo4j     one per tx          2000 in   40.00 s =         50/s relationships\n"
        "neo4j     speed-up of batching: 63x\n")
    assert load["policies"] == 200 and load["relationships"] == 62960
    assert load["embedded"]["write_rels_per_s"] == 98375 and load["embedded"]["file_mb"] == 20.1
    assert load["neo4j"]["single_rels_per_s"] == 50 and load["neo4j"]["batching_speedup"] == 63
    batched = run_all.parse_load(
        "200 policies, 29640 node rows, 62960 relationships\n"
        "embedded  batched                     62960 rels    92600 rows in    1.24 s =    50841 rels/s    74776 rows/s\n"
        "embedded  save 0.54 s (file 22.9 MB)\n"
        "neo4j     batched, 100/tx             62960 rels    92600 rows in    7.15 s =     8809 rels/s    12956 rows/s\n"
        "neo4j     one row per tx               2000 rels     2000 rows in    4.79 s =      418 rels/s      418 rows/s\n"
        "neo4j     batched / one row per tx:      21.1x\n")
    assert batched["embedded"]["write_rels_per_s"] == 50841 and batched["embedded"]["save_s"] == 0.54
    assert batched["neo4j"]["batched_rels_per_s"] == 8809 and batched["neo4j"]["batching_speedup"] == 21.1
    assert [m["method"] for m in batched["methods"]] == ["batched", "batched, 100/tx", "one row per tx"]
    view = run_all.parse_graph_view(
        "graph: 1000 nodes, 1499 edges\n"
        "policykg page: interactive (layout frozen) at 2412 ms after navigation (fetch 140 ms, layout 1800 ms, "
        "150 iterations, 1000 nodes, 1499 edges)\n"
        "pyvis defaults: stabilisation iterations done at 41000 ms, stabilized at not within 90 s (waited 90.2 s)\n")
    assert view["ours_ms"] == 2412 and view["ours_iterations"] == 150 and view["nodes"] == 1000
    assert view["pyvis_iterations_done_ms"] == 41000 and view["pyvis_stabilized_ms"] is None


def test_load_parser_keeps_the_best_of_several_rounds():
    out = (
        "1000 policies (generated), 120924 node rows, 240477 relationships\n"
        "embedded  write             240477 in    6.63 s =    36282/s relationships,   361401 rows =    54526 rows/s\n"
        "neo4j     batched           240477 in   20.00 s =    12022/s relationships,   361401 rows =    18068 rows/s\n"
        "neo4j     one per tx          2000 in    8.25 s =      242/s relationships,     2000 rows =      242 rows/s\n"
        "neo4j     batched           240477 in    9.33 s =    25779/s relationships,   361401 rows =    38741 rows/s\n"
        "neo4j     one per tx          2000 in    4.40 s =      454/s relationships,     2000 rows =      454 rows/s\n"
        "best of 2:\n"
        "neo4j     batched           240477 in    9.33 s =    25779/s relationships,   361401 rows =    38741 rows/s\n"
        "neo4j     one per tx          2000 in    4.40 s =      454/s relationships,     2000 rows =      454 rows/s\n")
    load = run_all.parse_load(out)
    assert load["policies"] == 1000 and load["corpus"] == "generated" and load["rounds"] == 2
    assert [(m["store"], m["method"]) for m in load["methods"]] == [
        ("embedded", "write"), ("neo4j", "batched"), ("neo4j", "one per tx")]
    assert load["neo4j"]["batched_rels_per_s"] == 25779 and load["neo4j"]["single_rels_per_s"] == 454
    md = R.render_markdown({"load": load, "environment": {}})
    assert "1,000 policies (generated)" in md and "best of 2 rounds" in md


def test_load_parser_lists_warm_up_loads_apart_from_the_figures():
    out = (
        "1000 policies (generated), 120924 node rows, 240477 relationships\n"
        "embedded  write             240477 in    6.63 s =    36282/s relationships,   361401 rows =    54526 rows/s\n"
        "neo4j     warm-up load 1    240477 in   21.00 s =    11451/s relationships,   361401 rows =    17209 rows/s\n"
        "neo4j     warm-up load 2    240477 in   10.00 s =    24048/s relationships,   361401 rows =    36140 rows/s\n"
        "warm-up: 2 loads\n"
        "neo4j     batched           240477 in    8.00 s =    30060/s relationships,   361401 rows =    45175 rows/s\n"
        "neo4j     one per tx          2000 in    8.25 s =      242/s relationships,     2000 rows =      242 rows/s\n")
    load = run_all.parse_load(out)
    assert load["warmup"] == 2 and load["rounds"] == 1
    assert load["neo4j"]["batched_rels_per_s"] == 30060
    assert [m["method"] for m in load["methods"] if m["store"] == "neo4j"] == [
        "warm-up load 1", "warm-up load 2", "batched", "one per tx"]
    md = R.render_markdown({"load": load, "environment": {}})
    assert "after 2 uncounted loads that warm the server up" in md and "warm-up load 1" in md
    target = next(t for t in R.evaluate_targets({"load": load}) if t["key"] == "neo4j_load_rate")
    assert (target["measured"], target["status"], target["at_policies"]) == (30060, "pass", 1000)
    assert target["note"] == "one round after 2 warm-up loads"
    slower = {**load, "neo4j": {**load["neo4j"], "batched_rels_per_s": 29999.0}}
    assert next(t for t in R.evaluate_targets({"load": slower}) if t["key"] == "neo4j_load_rate")["status"] == "miss"


def run_quick_again(out, skip: str) -> None:
    """``run_all.py --quick --keep`` into ``out``, skipping the sections ``skip`` names."""
    run = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run_all.py"), "--quick", "--sizes", "10", "--out", str(out),
         "--skip", skip, "--keep"],
        cwd=REPO, capture_output=True, text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_run_all_quick_writes_the_report(tmp_path):
    out = tmp_path / "results"
    run = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run_all.py"), "--quick", "--sizes", "10", "--out", str(out),
         "--skip", "neo4j,graph_view"],
        cwd=REPO, capture_output=True, text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    data = json.loads((out / "report.json").read_text("utf-8"))
    assert data["complete"] is True and data["errors"] == []
    assert len(data["environment"]["load_average_start"]) == 3
    assert data["extraction"]["full"]["documents_per_s"] > 0
    assert data["extraction"]["structure_only"]["mb_per_s"] > 0
    assert data["load"]["embedded"]["write_rels_per_s"] > 0
    (row,) = data["scaling"]["rows"]
    assert row["policies"] == 10
    for step in ("generate", "extract", "load_embedded"):
        assert row["steps"][step]["seconds"] > 0 and row["steps"][step]["peak_rss_mb"] > 50
    assert row["steps"]["load_embedded"]["relationships"] > 0
    assert 0 <= row["accuracy"]["units"]["f1"] <= 1 and 0 <= row["accuracy"]["instruments"]["f1"] <= 1
    assert data["api"]["policies"] == 10 and data["api"]["groups"]["compare"]["p95"] > 0
    assert data["api"]["groups"]["compare"]["errors"] == 0
    assert {t["key"] for t in data["targets"]} == {t[0] for t in R.TARGETS}
    # at 10 policies the 10,000-policy time is projected, and a projected miss brings its profile
    embedded = next(t for t in data["targets"] if t["key"] == "embedded_time")
    assert embedded["projected"] is True
    if embedded["status"].startswith("miss"):
        assert any(p["step"] == "load_embedded" and p["top"] for p in data["profiles"])
    md = (out / "report.md").read_text("utf-8")
    assert "## Targets" in md and "## Scaling" in md and "| 10 | extract |" in md

    # measure the load section again, keeping the others from the report just written
    run_quick_again(out, "neo4j,graph_view,extraction,scaling,api")
    kept = json.loads((out / "report.json").read_text("utf-8"))
    assert kept["kept"]["from"] == data["generated_at"]
    assert set(kept["kept"]["sections"]) == {"extraction", "scaling", "api", "profiles"} & set(data)
    assert kept["extraction"] == data["extraction"] and kept["scaling"] == data["scaling"]
    assert kept["load"]["embedded"]["write_rels_per_s"] > 0 and "graph_view" not in kept
    assert "Kept from the run of" in (out / "report.md").read_text("utf-8")

    # and the API on the graph that kept series loaded
    run_quick_again(out, "neo4j,graph_view,extraction,scaling,load")
    measured = json.loads((out / "report.json").read_text("utf-8"))
    assert "api" not in measured["kept"]["sections"] and "load" in measured["kept"]["sections"]
    assert measured["api"]["policies"] == 10 and measured["api"]["groups"]["compare"]["errors"] == 0
    assert measured["api"]["groups"] != data["api"]["groups"]  # timings of a new run
