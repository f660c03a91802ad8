"""Load policy files into a graph store: read, extract, build the graph, write, link.

Each policy is written in its own transaction, so a failure never leaves half a
policy; a file that cannot be read is reported and skipped, the rest load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .graph.linking import link_all
from .graph.model import build_policy_graph
from .graph.store import GraphStore
from .loaders.pipeline import LoadFailure, Pipeline
from .loaders.readers import iter_policy_files


@dataclass
class LoadReport:
    """What a load did, file by file."""

    created: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[LoadFailure] = field(default_factory=list)
    citations_resolved: int = 0
    similar_pairs: int = 0

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
    or its file name when it was named directly."""
    resolved = path.resolve()
    for root in roots:
        root = root.resolve()
        if root.is_dir() and resolved.is_relative_to(root):
            return resolved.relative_to(root).as_posix()
    return path.name


def load_paths(
    store: GraphStore,
    paths: Iterable[Path | str],
    pipeline: Pipeline | None = None,
    progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
    link: bool = True,
) -> LoadReport:
    """Load every policy file under ``paths`` into ``store`` and link the graph."""
    pipeline = pipeline or Pipeline()
    roots = [Path(p) for p in paths]
    files = list(iter_policy_files(roots))
    report = LoadReport()
    for path in progress(files) if progress else files:
        result = next(iter(pipeline.read_many([path])))
        if isinstance(result, LoadFailure):
            report.failed.append(result)
            continue
        graph = build_policy_graph(result, source_key_for(path, roots))
        try:
            outcome = store.write_policy(graph)
        except Exception as err:  # noqa: BLE001 - one bad policy must not stop the batch
            report.failed.append(LoadFailure(str(path), f"could not be written to the store: {err}"))
            continue
        getattr(report, outcome).append(str(path))
    if link:
        cites, similar = link_all(store)
        report.citations_resolved = len(cites)
        report.similar_pairs = len(similar)
    return report
