"""benchmarks/incremental_figures.py on the Neo4j under test: it loads files as `policykg load`
does, reports where the time went, and with --check finds the incremental figures equal to
those computing every figure gives."""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest
from conftest import CORPUS, REPO

_SPEC = importlib.util.spec_from_file_location("incremental_figures", REPO / "benchmarks" / "incremental_figures.py")
assert _SPEC and _SPEC.loader
incremental_figures = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(incremental_figures)

pytestmark = pytest.mark.neo4j


def test_the_incremental_load_benchmark_reports_and_checks(neo4j_store, neo4j_env, tmp_path, capsys):
    seeds = sorted(CORPUS.glob("*.txt"))
    first, last = tmp_path / "first", tmp_path / "last"
    first.mkdir()
    last.mkdir()
    for path in seeds[:-1]:
        shutil.copy(path, first / path.name)
    shutil.copy(seeds[-1], last / seeds[-1].name)
    assert incremental_figures.main([str(first)]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert whole["figures_carried"] == 0 and whole["figures_computed"] == whole["figures_kept"] > 0
    assert incremental_figures.main([str(last), "--check"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"].startswith("1 policies (1 new")
    assert out["figures_carried"] > 0 and out["figures_computed"] > 0
    assert out["figures_computed"] + out["figures_carried"] == out["figures_kept"] == out["figures_full"]
    assert out["figures_differing"] == 0
    assert {"load_s", "link_s", "figures_s", "full_keep_s"} <= set(out)
