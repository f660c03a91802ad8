"""benchmarks/explorer_benchmark.py: the pass/fail logic, the table and its section of results/report.md."""

from __future__ import annotations

import importlib.util
import math
import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "explorer_benchmark.py"


def _module():
    sys.path.insert(0, str(BENCH.parent))
    spec = importlib.util.spec_from_file_location("explorer_benchmark", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


eb = _module()
ENV = {"commit": "abc1234", "date": "2026-12-04T11:00+00:00", "cores": 2, "load_average": [9.0, 8.0, 7.0]}


def test_verdict_needs_both_targets_strictly():
    assert eb.verdict(999.9, 999_999)
    assert not eb.verdict(1000, 10)  # "< 1 s": exactly one second misses
    assert not eb.verdict(10, 1_000_000)  # "no answer larger than 1 MB" read as < 1,000,000 bytes
    assert not eb.verdict(math.inf, 10)  # never ready
    assert eb.verdict(1500, 10, limit_ms=2000)


def test_misses_name_the_targets():
    assert eb.misses(eb.Figure("v", 200.0, 2_000_000, "/api/v1/compare", 3)) == ["size"]
    assert eb.misses(eb.Figure("v", math.inf, 20, "", 0)) == ["time"]
    assert eb.misses(eb.Figure("v", 1200.0, 1_500_000, "/api/v1/x", 1)) == ["time", "size"]
    assert eb.misses(eb.Figure("v", 300.0, 20, "/api/v1/x", 1)) == []


def test_table_has_a_row_per_view_with_its_verdict():
    figures = [eb.Figure("graph", 412.4, 40_765, "/api/v1/graph/d", 5),
               eb.Figure("compare: default", 5230.0, 30_000_000, "/api/v1/compare?rows=function", 4),
               eb.Figure("docs", math.inf, 0, "", 0)]
    lines = eb.table(figures).splitlines()
    assert len(lines) == 2 + 3
    assert lines[2].split("|")[1:-1] == [" graph ", " 412 ", " 40,765 ", " `/api/v1/graph/d` ", " pass "]
    assert "FAIL (time, size)" in lines[3] and "30,000,000" in lines[3] and "5,230" in lines[3]
    assert "not ready" in lines[4] and "FAIL (time)" in lines[4] and "`–`" in lines[4]


def test_answer_paths_are_decoded_and_cut():
    assert eb.short_path("http://127.0.0.1:8000/api/v1/compare?regions=%E8%8D%86%E5%B7%9E%E5%B8%82") == \
        "/api/v1/compare?regions=荆州市"
    long = eb.short_path("http://h/api/v1/departments/" + "x" * 100, width=30)
    assert len(long) == 30 and long.startswith("/api/v1/departments/x") and long.endswith("…")


def test_answers_are_api_and_schema_responses_only():
    assert eb.is_answer("http://127.0.0.1:8000/api/v1/compare?rows=function")
    assert eb.is_answer("http://127.0.0.1:8000/openapi.json")
    assert not eb.is_answer("http://127.0.0.1:8000/static/app.js")
    assert not eb.is_answer("http://127.0.0.1:8000/?view=compare&q=/api/")


def test_report_section_is_put_in_once_and_replaced(tmp_path):
    report = tmp_path / "report.md"
    report.write_text("# policykg benchmark report\n\n## Load\n\nfigures\n", "utf-8")
    fast, slow = eb.Figure("graph", 400.0, 1000, "/api/v1/graph/d", 2), eb.Figure("graph", 1400.0, 1000, "/api/v1/graph/d", 2)
    first = eb.report_section([("independent", [fast]), ("seed", [slow, fast])], 300, "embedded", ENV)
    eb.write_report(first, report)
    assert "## Explorer (300 generated policies)" in report.read_text("utf-8")
    assert "commit abc1234" in first and "--style independent seed" in first
    assert "independent style: 1 of 1 views meet both targets" in first and "seed style: 1 of 2 views meet" in first
    assert first.count("| view | ms to interactive") == 2
    second = eb.report_section([("independent", [slow])], 300, "embedded", ENV)
    eb.write_report(second, report)
    text = report.read_text("utf-8")
    assert text.count("## Explorer (300 generated policies)") == 1 and "0 of 1 views meet" in text
    assert "seed style" not in text
    assert text.startswith("# policykg benchmark report\n\n## Load\n\nfigures\n")


def test_every_view_of_the_page_is_covered():
    ids = {"dept": "dept:甲", "policy": "policy:p", "clause": "c1", "similar": "c2", "regions": "甲市,乙市",
           "region_count": "240", "region": "甲市", "beneficiary": "enterprise", "date": "2024-01-01"}
    rows = eb.views(ids)
    addresses = " ".join(v.address for v in rows)
    # every view the page routes (app.js VIEWS, plus the clause and side-by-side pages)
    app = (BENCH.parents[1] / "web" / "static" / "app.js").read_text("utf-8")
    routed = re.findall(r"^  (\w+): \"", app.split("const VIEWS = {", 1)[1].split("};", 1)[0], re.M)
    assert {"graph", "ask", "benefits", "bureau"} <= set(routed)
    for view in (*routed, "clause", "pair"):
        assert f"view={view}" in addresses, view
    assert "view=bureau&id=" in addresses and "view=benefits&beneficiary=enterprise&region=" in addresses
    assert "in_force_on=2024-01-01" in addresses  # the validity filter
    for tab in ("mix", "network", "diffusion"):
        assert f"tab={tab}" in addresses, tab
    assert "/docs" in addresses and "as=list" in addresses
    assert any(v.name == "compare: default (240 regions loaded)" for v in rows)
    assert len({v.name for v in rows}) == len(rows)
