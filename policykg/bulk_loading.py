"""``policykg load --store neo4j --bulk``: the first load of an empty local Neo4j, through
``neo4j-admin database import full`` instead of transactions.

Steps: check that the Neo4j is policykg's own (``policykg neo4j start``; its database files are
needed) and that its database is empty; extract the files (in parallel, as a normal load) into
import CSVs (``graph.bulk_import``); stop the server, import, start it again; create the
constraints and indexes (``ensure_schema``), set what CSV could not carry, then link the
policies across (``graph.linking``) as a normal load does. The result is the graph a normal
load of the same files writes. Later loads into the same database are normal (transactional)
loads.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from .extracting import default_workers, extract_graphs
from .graph.bulk_import import (
    BulkImportError,
    ImportCsvWriter,
    ImportResult,
    apply_leftovers,
    count_nodes,
    run_import,
)
from .graph.linking import link_all
from .graph.neo4j_local import LocalNeo4j, Neo4jLocalError, _port_free, running_port
from .loaders.pipeline import LoadFailure
from .loaders.readers import DEFAULT_LIMITS, ReadLimits, iter_policy_files
from .loading import LoadReport, source_key_for
from .settings import Settings
from .stores import neo4j_uri, open_store

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


class BulkLoadError(RuntimeError):
    """A bulk load was refused or failed; the message says what to do instead."""


@dataclass
class BulkLoadReport(LoadReport):
    """A load report with what the import tool reported and how long each step took."""

    imported: ImportResult | None = None
    csv_bytes: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # extract, import, schema, link (seconds)

    def import_summary(self) -> str:
        """One line on the import itself (its own time and rate), for the user and benchmarks."""
        if self.imported is None:
            return "bulk import: nothing imported"
        r = self.imported
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items())
        return (f"bulk import: {r.nodes} nodes, {r.relationships} relationships in {r.seconds:.1f} s by neo4j-admin "
                f"({r.relationships_per_s:.0f} relationships/s); {self.csv_bytes / 1e6:.1f} MB of CSV; {steps}")


def local_server(settings: Settings) -> LocalNeo4j:
    """The local Neo4j the settings point at, or BulkLoadError when they point at a server
    policykg did not start (its database files are out of reach)."""
    uri = neo4j_uri(settings)
    parsed = urlparse(uri)
    home = settings.neo4j_home
    running = running_port(home)
    refusal = (f"--bulk imports into the database files of the Neo4j that `policykg neo4j start` runs (under "
               f"{home}), but NEO4J_URI points at {uri}")
    if parsed.hostname not in LOCAL_HOSTS or parsed.port is None:
        raise BulkLoadError(f"{refusal}, whose files it cannot reach. Load without --bulk (transactional), "
                            "or unset NEO4J_URI to use policykg's own Neo4j.")
    if running is not None and running != parsed.port:
        raise BulkLoadError(f"{refusal}, while that Neo4j runs on port {running}. Set NEO4J_URI="
                            f"bolt://localhost:{running} (or POLICYKG_NEO4J_LOCAL_PORT={running}).")
    if running is None and not _port_free(parsed.port):
        raise BulkLoadError(f"{refusal}, where another server listens. Load without --bulk (transactional), or "
                            "stop that server and let policykg start its own.")
    return LocalNeo4j(home, bolt_port=parsed.port, password=settings.neo4j_password)


def _check_empty(settings: Settings) -> None:
    opened = open_store(settings)
    try:
        assert opened.driver is not None
        nodes = count_nodes(opened.driver, settings.neo4j_database)
    finally:
        opened.close()
    if nodes:
        raise BulkLoadError(
            f"Neo4j database {settings.neo4j_database!r} already holds {nodes} node(s); --bulk only fills an empty "
            "database. Load without --bulk to add to it, or empty it first (`policykg reset --store neo4j`, or "
            f"`policykg neo4j stop` and remove {settings.neo4j_home / 'data'}) and run --bulk again.")


def bulk_load_paths(
    settings: Settings,
    paths: Iterable[Path | str],
    progress: Callable[[Iterable, int], Iterable] | None = None,  # type: ignore[type-arg]
    workers: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    force: bool = False,
    server: LocalNeo4j | None = None,
) -> BulkLoadReport:
    """Load every policy file under ``paths`` into the empty local Neo4j by bulk import, then
    link; see the module docstring. Raises BulkLoadError when the Neo4j is not policykg's own
    or not empty, or the import fails (the server is running again afterwards). ``server``: the
    local Neo4j to use, when the caller made it (with options of its own); else the settings' one."""
    local = server if server is not None else local_server(settings)
    try:
        local.start(timeout=600)
    except Neo4jLocalError as err:
        raise BulkLoadError(str(err)) from err
    _check_empty(settings)
    workers = default_workers() if workers is None else workers
    roots = [Path(p) for p in paths]
    folders = [root.resolve() for root in roots if root.is_dir()]
    jobs = [(path, source_key_for(path, folders)) for path in iter_policy_files(roots)]
    report = BulkLoadReport()
    folder = local.home / f"bulk-import-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    writer = ImportCsvWriter(folder)
    started = time.monotonic()
    extracted = extract_graphs(jobs, workers=workers, limits=limits, force=force)
    for path, result in progress(extracted, len(jobs)) if progress else extracted:
        if isinstance(result, LoadFailure):
            report.failed.append(result)
            continue
        report.warnings.extend((str(path), message) for message in getattr(result, "read_warnings", ()))
        try:
            writer.add_policy(result)
        except ValueError as err:
            report.failed.append(LoadFailure(str(path), f"could not be written to the store: {err}"))
            continue
        report.created.append(str(path))
    files = writer.finish()
    report.csv_bytes = files.size_bytes()
    report.timings["extract"] = time.monotonic() - started
    if not report.created:
        shutil.rmtree(folder, ignore_errors=True)
        return report
    _check_empty(settings)  # nothing was written meanwhile
    started = time.monotonic()
    local.stop()
    try:
        report.imported = run_import(local.home, local.lib_dir, files, settings.neo4j_database, java=local.java)
    except BulkImportError as err:
        raise BulkLoadError(str(err)) from err
    finally:
        local.start(timeout=600)
    report.timings["import"] = time.monotonic() - started
    shutil.rmtree(folder, ignore_errors=True)
    opened = open_store(settings)
    try:
        assert opened.driver is not None
        started = time.monotonic()
        opened.store.ensure_schema()
        apply_leftovers(opened.driver, settings.neo4j_database, files)
        report.timings["schema"] = time.monotonic() - started
        started = time.monotonic()
        cites, similar = link_all(opened.store)
        report.citations_resolved, report.similar_pairs = opened.store.resolved_citation_count(), len(similar)
        opened.store.save()
        report.timings["link"] = time.monotonic() - started
        started = time.monotonic()
        report.figures_kept = opened.store.keep_figures()
        report.timings["figures"] = time.monotonic() - started
    finally:
        opened.close()
    return report
