"""Read and extract many policy files, on every core, in the order they were given.

Extraction (jieba, regular expressions) is CPU-bound Python, so it scales with
processes, not threads: each worker process owns one ``Pipeline`` (its own jieba
tokenizer and vocabularies) and sends back the finished ``PolicyGraph``; the caller
writes them to the store from one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .graph.model import PolicyGraph, build_policy_graph
from .loaders.pipeline import LoadFailure, Pipeline

MIN_PARALLEL_JOBS = 24  # below this, starting worker processes costs more than it saves

_worker_pipeline: Pipeline | None = None


def _init_worker() -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline()


def _extract(job: tuple[Path, str], pipeline: Pipeline | None = None) -> PolicyGraph | LoadFailure:
    path, source_key = job
    result = next(iter((pipeline or _worker_pipeline).read_many([path])))
    if isinstance(result, LoadFailure):
        return result
    return build_policy_graph(result, source_key)


def default_workers() -> int:
    """One worker per core (POLICYKG_WORKERS overrides)."""
    return max(1, int(os.environ.get("POLICYKG_WORKERS", 0)) or (os.cpu_count() or 1))


def extract_graphs(
    jobs: Iterable[tuple[Path, str]], workers: int = 1, pipeline: Pipeline | None = None
) -> Iterator[tuple[Path, PolicyGraph | LoadFailure]]:
    """(path, graph or failure) for every (path, source key), in the order given.

    With ``workers`` > 1 the files are extracted in that many processes; with 1, in this
    process by ``pipeline`` (created when not given).
    """
    jobs = list(jobs)
    if workers <= 1 or len(jobs) < MIN_PARALLEL_JOBS:
        pipeline = pipeline or Pipeline()
        for job in jobs:
            yield job[0], _extract(job, pipeline)
        return
    # fork where there is one: workers start in a fraction of a second and callers need
    # no `if __name__ == "__main__"` guard (spawn re-imports the caller's main module)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, mp_context=context) as pool:
        chunk = max(1, min(16, len(jobs) // (workers * 4)))
        for job, result in zip(jobs, pool.map(_extract, jobs, chunksize=chunk), strict=True):
            yield job[0], result
