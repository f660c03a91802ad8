"""Load policy files into a graph store: read, extract, build the graph, write, link.

Policies are written ``WRITE_BATCH`` at a time, each batch in one transaction
(``GraphStore.write_policies``), so a failure never leaves half a policy.  When a
batch fails its policies are written again one by one, so that only the bad one is
reported and the rest load; a file that cannot be read is reported and skipped.

A load holds the store for itself (``GraphStore.exclusive``: the embedded store's file lock,
waited for up to ``lock_timeout_s``), so loads running at once follow each other and each
works on what the previous one wrote.  When the store itself is unreachable (Neo4j down
past the driver's ``max_transaction_retry_time``) the load stops at once with that error
instead of retrying policy by policy; a rerun completes it, skipping what was written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .extracting import default_workers, extract_graphs
from .graph.linking import link_all
from .graph.model import PolicyGraph
from .graph.store import GraphStore
from .loaders.pipeline import LoadFailure, Pipeline
from .loaders.readers import DEFAULT_LIMITS, ReadLimits, iter_policy_files
from .stores import unavailable_message

WRITE_BATCH = 100  # policies per transaction


@dataclass
class LoadReport:
    """What a load did, file by file."""

    created: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[LoadFailure] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, message) of files read with doubt
    citations_resolved: int = 0
    similar_pairs: int = 0
    figures_kept: int = 0  # figures of the API's default answers kept in the store (Neo4j)

    @property
    def loaded(self) -> int:
        return len(self.created) + len(self.replaced) + len(self.unchanged)

    def summary(self) -> str:
        """One line for the user."""
        return (
            f"{self.loaded} policies ({len(self.created)} new, {len(self.replaced)} replaced, "
            f"{len(self.unchanged)} unchanged), {len(self.failed)} failed; "
            f"{self.citations_resolved} citations resolved, {self.similar_pairs} similar clause pairs"
        )


def source_key_for(path: Path, roots: list[Path]) -> str:
    """A stable name for a source file: its path relative to the folder it was found in,
    or its file name when it was named directly. ``roots`` should be resolved already."""
    resolved = path.resolve()
    for root in roots:
        if resolved.is_relative_to(root) and resolved != root:
            return resolved.relative_to(root).as_posix()
    return path.name


def load_paths(
    store: GraphStore,
    paths: Iterable[Path | str],
    pipeline: Pipeline | None = None,
    progress: Callable[[Iterable, int], Iterable] | None = None,
    link: bool = True,
    workers: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    force: bool = False,
) -> LoadReport:
    """Load every policy file under ``paths`` into ``store`` and link the graph.

    Files are extracted in ``workers`` processes (default: one per core, see
    ``policykg.extracting``) and written from this one; ``progress(items, total)`` may wrap
    the stream of extracted files (a progress bar). ``limits`` bound what a file may hold;
    with ``force`` a text with neither a title nor a clause is loaded too. A file that
    cannot be read is in ``report.failed`` with its reason, and the others load."""
    workers = default_workers() if workers is None else workers
    roots = [Path(p) for p in paths]
    files = list(iter_policy_files(roots))
    report = LoadReport()
    batch: list[tuple[Path, PolicyGraph]] = []
    folders = [root.resolve() for root in roots if root.is_dir()]  # resolved once, not per file
    jobs = [(path, source_key_for(path, folders)) for path in files]
    with store.exclusive():
        extracted = extract_graphs(jobs, workers=workers, pipeline=pipeline, limits=limits, force=force)
        for path, result in progress(extracted, len(jobs)) if progress else extracted:
            if isinstance(result, LoadFailure):
                report.failed.append(result)
                continue
            report.warnings.extend((str(path), message) for message in getattr(result, "read_warnings", ()))
            batch.append((path, result))
            if len(batch) >= WRITE_BATCH:
                _write_batch(store, batch, report)
                batch = []
        _write_batch(store, batch, report)
        if link:
            cites, similar = link_all(store)
            report.citations_resolved = store.resolved_citation_count()
            report.similar_pairs = len(similar)
            report.figures_kept = store.keep_figures()
    return report


def _write_batch(store: GraphStore, batch: list[tuple[Path, PolicyGraph]], report: LoadReport) -> None:
    """Write ``batch`` in one transaction; if that fails, policy by policy."""
    if not batch:
        return
    try:
        outcomes = store.write_policies([graph for _, graph in batch])
    except Exception as err:  # noqa: BLE001 - nothing was written; find the bad policy below
        if unavailable_message(err) is not None:
            raise  # the store is away, not the policy bad: retrying one by one would wait again per policy
        outcomes = []
        for path, graph in batch:
            try:
                outcomes.append(store.write_policy(graph))
            except Exception as err:  # noqa: BLE001 - one bad policy must not stop the batch
                if unavailable_message(err) is not None:
                    raise
                report.failed.append(LoadFailure(str(path), f"could not be written to the store: {err}"))
                outcomes.append(None)
    for (path, _), outcome in zip(batch, outcomes, strict=True):
        if outcome is not None:
            getattr(report, outcome).append(str(path))
