"""Read and extract many policy files, on every core, in the order they were given.

Extraction (jieba, regular expressions) is CPU-bound Python, so it scales with
processes, not threads: each worker process owns one ``Pipeline`` (its own jieba
tokenizer and vocabularies) and sends back the finished ``PolicyGraph``; the caller
writes them to the store from one process.

A bad file is that file's ``LoadFailure``, never the batch's end: every exception
raised while one file is read, extracted or turned into a graph is caught where it
happens, in the worker too; and should a worker process die (killed for its memory,
say), the files it may have been reading are read again one per process, so that only
the one that kills its process is reported and the rest go on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from pathlib import Path

from .graph.model import PolicyGraph, build_policy_graph
from .loaders.pipeline import LoadFailure, Pipeline, failure_reason
from .loaders.readers import DEFAULT_LIMITS, ReadLimits

MIN_PARALLEL_JOBS = 24  # below this, starting worker processes costs more than it saves

WORKER_DIED = ("the process reading this file stopped abruptly (out of memory, or killed); "
               "the file is too large or malformed: split it or check that it is a policy document")

_worker_pipeline: Pipeline | None = None


@dataclass
class ExtractedGraph(PolicyGraph):
    """A policy's graph with the warnings of reading its file (an encoding guessed, ...)."""

    read_warnings: list[str] = field(default_factory=list)


def _init_worker(limits: ReadLimits = DEFAULT_LIMITS, force: bool = False) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(limits=limits, force=force)


def _extract(job: tuple[Path, str], pipeline: Pipeline | None = None) -> list[PolicyGraph] | LoadFailure:
    """The graphs of one file: one, or one per attachment of a notice issuing several
    (source keys ``key#1``, ``key#2`` …)."""
    path, source_key = job
    try:
        results = list((pipeline or _worker_pipeline).read_many([path]))
        if len(results) == 1 and isinstance(results[0], LoadFailure):
            return results[0]
        graphs = []
        for k, result in enumerate(results, 1):
            graph = build_policy_graph(result, f"{source_key}#{k}" if len(results) > 1 else source_key)
            if result.source.warnings:
                copied = {f.name: getattr(graph, f.name) for f in fields(graph)}
                graph = ExtractedGraph(**copied, read_warnings=[w.message for w in result.source.warnings])
            graphs.append(graph)
        return graphs
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the batch
        return LoadFailure(str(path), failure_reason(err))


def _each(path: Path, result: list[PolicyGraph] | LoadFailure) -> Iterator[tuple[Path, PolicyGraph | LoadFailure]]:
    if isinstance(result, LoadFailure):
        yield path, result
    else:
        for graph in result:
            yield path, graph


def default_workers() -> int:
    """One worker per core (POLICYKG_WORKERS overrides)."""
    return max(1, int(os.environ.get("POLICYKG_WORKERS", 0)) or (os.cpu_count() or 1))


def extract_graphs(
    jobs: Iterable[tuple[Path, str]], workers: int = 1, pipeline: Pipeline | None = None,
    limits: ReadLimits = DEFAULT_LIMITS, force: bool = False,
) -> Iterator[tuple[Path, PolicyGraph | LoadFailure]]:
    """(path, graph or failure) for every (path, source key), in the order given; a notice
    issuing several documents gives one graph per attachment.

    With ``workers`` > 1 the files are extracted in that many processes, each with a
    ``Pipeline(limits=limits, force=force)``; with 1, in this process by ``pipeline``
    (created with ``limits`` and ``force`` when not given).
    """
    jobs = list(jobs)
    if workers <= 1 or len(jobs) < MIN_PARALLEL_JOBS:
        pipeline = pipeline or Pipeline(limits=limits, force=force)
        for job in jobs:
            yield from _each(job[0], _extract(job, pipeline))
        return
    # fork where there is one: workers start in a fraction of a second and callers need
    # no `if __name__ == "__main__"` guard (spawn re-imports the caller's main module)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    done = 0
    while done < len(jobs):
        start = done
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(limits, force),
                                     mp_context=context) as pool:
                for job, result in zip(jobs[done:], pool.map(_extract, jobs[done:], chunksize=chunk), strict=True):
                    yield from _each(job[0], result)
                    done += 1
        except BrokenProcessPool:
            # any file in flight may have killed the worker: at most one chunk per worker
            # and one queued; read those one per process
            first_chunk = start + (done - start) // chunk * chunk
            suspects = jobs[done:first_chunk + (workers + 1) * chunk]
            yield from _extract_one_by_one(suspects, context, limits, force)
            done += len(suspects)


def _extract_one_by_one(jobs: list[tuple[Path, str]], context, limits: ReadLimits,
                        force: bool) -> Iterator[tuple[Path, PolicyGraph | LoadFailure]]:
    """Extract files one at a time in a worker process: a death is that file's failure,
    and a new worker takes the next file."""
    pool = None
    try:
        for job in jobs:
            pool = pool or ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=(limits, force),
                                               mp_context=context)
            try:
                result = pool.submit(_extract, job).result()
            except BrokenProcessPool:
                pool.shutdown()
                pool, result = None, LoadFailure(str(job[0]), WORKER_DIED)
            yield from _each(job[0], result)
    finally:
        if pool is not None:
            pool.shutdown()
