"""benchmarks/api_scale.py: its section of results/report.md is put in once and replaced on a rerun."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "api_scale.py"


def _module():
    import sys

    sys.path.insert(0, str(BENCH.parent))
    spec = importlib.util.spec_from_file_location("api_scale", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _result(store: str, p50: float) -> dict:
    return {"store": store, "policies": 1000, "batch": 100, "clients": 8, "duration_s": 10.0, "first_load_s": 100.0,
            "first_load_relationships_per_s": 1500.0, "incremental_load_s": 20.0,
            "incremental_relationships_per_s": 900.0, "ready_s": 5.0, "api_rss_mb": 300.0,
            "endpoints": {"policy": {"p50": p50, "p95": 2 * p50}}}


def test_report_section_is_replaced_not_repeated(tmp_path):
    scale = _module()
    report = tmp_path / "report.md"
    report.write_text("# policykg benchmark report\n\n## Targets\n\nkept\n", "utf-8")
    env = {"commit": "abc1234", "date": "2026-12-04T06:00:00+00:00", "cores": 2, "load_average": [1.0, 1.0, 1.0]}
    scale.write_report(scale.report_section([_result("embedded", 11.5)], env, "busy"), report)
    scale.write_report(scale.report_section([_result("embedded", 22.5)], env, "busy"), report)
    text = report.read_text("utf-8")
    assert text.count("## API at scale") == 1 and "kept" in text
    assert "| policy | 22.5 | 45.0 |" in text and "11.5" not in text
    assert "abc1234" in text


def test_estimate_scales_with_policies():
    scale = _module()
    small, large = scale.estimate("neo4j", 1000, 100, 10, 7), scale.estimate("neo4j", 100_000, 1000, 10, 7)
    mb = [float(s.split("about ")[1].split(" MB")[0].replace(",", "")) for s in (small, large)]
    assert mb[1] > 50 * mb[0]


def test_the_report_shows_the_baseline_as_old_over_new():
    scale = _module()
    result = _result("neo4j", 10.0)
    result["baseline"] = {"join_rows": 120_000, "join_build_s": 36.0, "join_rss_mb": 900.0, "clauses": 140_000,
                          "scan_index_build_s": 20.0,
                          "old_ms": {"search": {"p50": 1800.0}}, "new_ms": {"search": {"p50": 30.0}},
                          "ratio_p50": {"search": 60.0}, "api_p50_ms": {"search": 45.0}}
    skipped = _result("embedded", 10.0)
    skipped["baseline"] = {"error": "baseline failed"}
    env = {"commit": "abc1234", "date": "2026-12-04T06:00:00+00:00", "cores": 2, "load_average": [1.0, 1.0, 1.0]}
    text = scale.report_section([skipped, result], env, "")
    assert "| neo4j | search | 1800.0 | 30.0 | 60.00 | 45.0 |" in text
    assert "join of 120,000 instrument rows built in 36.0 s, +900 MB" in text
    assert "| embedded | search" not in text


def test_a_run_that_loaded_nothing_says_so_in_the_report():
    scale = _module()
    reused = {k: v for k, v in _result("embedded", 10.0).items() if "load" not in k}
    env = {"commit": "abc1234", "date": "2026-12-04T06:00:00+00:00", "cores": 2, "load_average": [1.0, 1.0, 1.0]}
    text = scale.report_section([reused], env, "")
    assert "| embedded | 1,000 | not loaded in this run | – | – | – | – | – | 5.0 s | 300 MB |" in text


def test_a_command_that_crashed_is_a_failure_even_with_an_accepted_exit_code():
    import sys

    import pytest

    scale = _module()
    crash = [sys.executable, "-c", "raise RuntimeError('transaction timed out')"]
    with pytest.raises(RuntimeError, match="transaction timed out"):
        scale.run(crash, {}, "a load", ok=(0, 1))
    wall, _ = scale.run([sys.executable, "-c", "import sys; print('skipped a file'); sys.exit(1)"], {}, "a load",
                        ok=(0, 1))
    assert wall >= 0


def test_the_batched_rate_is_read_from_the_load_benchmarks_own_line():
    scale = _module()
    printed = ("neo4j     warm-up load 1      5000 in    2.00 s =     2500/s relationships, 9000 rows\n"
               "neo4j     batched             6000 in    0.50 s =    12000/s relationships, 9000 rows = 18000 rows/s\n")
    found = scale.BATCHED_LINE.search(printed)
    assert (found[1], found[2], found[3]) == ("6000", "0.50", "12000")


def test_the_report_puts_the_batched_rate_beside_the_loads():
    scale = _module()
    result = _result("neo4j", 10.0)
    result.update(batched_relationships_per_s=31_234.0, batched_policies=1000)
    env = {"commit": "abc1234", "date": "2026-12-04T06:00:00+00:00", "cores": 2, "load_average": [1.0, 1.0, 1.0]}
    text = scale.report_section([result, _result("embedded", 10.0)], env, "")
    neo4j_row = next(line for line in text.splitlines() if line.startswith("| neo4j | 1,000 |"))
    assert "31,234 (1,000 policies)" in neo4j_row
    embedded_row = next(line for line in text.splitlines() if line.startswith("| embedded | 1,000 |"))
    assert embedded_row.count("|") == neo4j_row.count("|") and "| – |" in embedded_row


def test_a_reuse_run_never_deletes_the_store_it_measured():
    import argparse

    scale = _module()
    ran = lambda **kw: argparse.Namespace(**{"keep": False, "reuse": False, **kw})  # noqa: E731
    assert scale.removes_workdir(ran())
    assert not scale.removes_workdir(ran(keep=True))
    assert not scale.removes_workdir(ran(reuse=True))


def test_the_report_shows_the_cpu_each_request_cost_where_measured():
    scale = _module()
    measured = _result("neo4j", 10.0)
    measured["endpoints"]["policy"]["cpu_ms"] = {"api": 4.25, "neo4j": 6.5, "clients": 1.0}
    env = {"commit": "abc1234", "date": "2026-12-04T06:00:00+00:00", "cores": 2, "load_average": [1.0, 1.0, 1.0]}
    text = scale.report_section([_result("embedded", 10.0), measured], env, "")
    assert "| policy | 10.0 | 20.0 | – | 10.0 | 20.0 | 4.2 / 6.5 / 1.0 |" in text


def test_cpu_seconds_count_a_process_and_its_children():
    import subprocess
    import sys
    import time

    scale = _module()
    assert scale.cpu_s(None) == 0.0 and scale.cpu_s(2**22 + 12345) == 0.0  # no such process
    busy = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass\ntime.sleep(30)"
    parent = subprocess.Popen([sys.executable, "-c",
                               f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {busy!r}]); "
                               "time.sleep(30)"])
    try:
        deadline = time.monotonic() + 20
        while scale.cpu_s(parent.pid) < 0.6 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert scale.cpu_s(parent.pid) >= 0.6  # the child's busy loop counts for its parent
    finally:
        subprocess.run(["pkill", "-P", str(parent.pid)], check=False)
        parent.kill()
        parent.wait()
