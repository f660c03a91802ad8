"""Extraction in worker processes gives exactly what one process gives, in the same order."""

from __future__ import annotations

import shutil

from policykg.corpus import bundled_paths
from policykg.extracting import MIN_PARALLEL_JOBS, extract_graphs
from policykg.loaders.pipeline import LoadFailure


def test_worker_processes_match_one_process(tmp_path):
    jobs = []
    for i in range(MIN_PARALLEL_JOBS):
        seed = bundled_paths()[i % 5]
        path = tmp_path / f"{i:02d}_{seed.name}"
        shutil.copyfile(seed, path)
        jobs.append((path, path.name))
    broken = tmp_path / "zz_empty.txt"
    broken.write_bytes(b"")
    jobs.append((broken, broken.name))

    serial = list(extract_graphs(jobs, workers=1))
    parallel = list(extract_graphs(jobs, workers=2))
    assert [p for p, _ in parallel] == [p for p, _ in jobs]
    assert isinstance(parallel[-1][1], LoadFailure) and "empty" in parallel[-1][1].reason
    for (_, a), (_, b) in zip(serial[:-1], parallel[:-1], strict=True):
        assert a.policy_id == b.policy_id
        assert sorted(n[0] for n in a.nodes) == sorted(n[0] for n in b.nodes)
        assert len(a.rels) == len(b.rels)
