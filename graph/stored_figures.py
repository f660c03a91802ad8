"""Figures of the API's default answers, computed after a load and stored in Neo4j.

A department's answer counts and orders everything the department holds (its clauses, their
instruments by role and type, the departments sharing its provisions), and a column of the
comparison everything a region holds. Those figures grow with the corpus: at 100,000 policies a
city bureau holds some 16,000 clauses and the first answer about it reads them all. ``Neo4jStore``
keeps such figures per data version in its process (``graph/figure_cache.py``); this module
computes the ones the API's default answers use once, after the load that changed the data, and
stores them in the database (``cypher.FIGURE_LABEL`` nodes keyed by the figure's key and carrying
the data version they were computed under). A read then finds a department's or a region's
figures by one index seek, in every API process and after every restart; after any later write
the version differs, the stored figures are ignored and the figures are computed from the data
again until the next load ends by storing them anew.

What is stored: the corpus's kept figures (counts, regions, the policies' facets, the beneficiary
types' counts), per department its counts, instrument grid (``DEPARTMENT_PER_TYPE`` per cell),
first clauses (``DEPARTMENT_CLAUSES``), partners (``DEPARTMENT_RELATED``) and lead/co split, and per
region its comparison columns (by function and by instrument type, lead and any role,
``COMPARE_CELL_LIMIT`` per cell) and its instrument totals (the count of its instrument pages),
and per beneficiary type and place (every region with the regions containing it, and everywhere)
how many provisions its answer pages through. Answers with other parameters (another page size, a date) are
computed from the data as before.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .store import InstrumentQuery

if TYPE_CHECKING:
    from .figure_cache import Key, Version
    from .neo4j_store import Neo4jStore

# the kinds of figure (a key's first item) this module stores; others are never looked up
STORED_KINDS = frozenset({
    "counts", "region_list", "top_regions", "policy_summary", "instrument_total", "instrument_counts",
    "grid_column", "region_instruments", "provision_totals", "lead_co", "department", "department_grid",
    "department_clauses", "partners",
})
FLUSH_FIGURES = 2000  # figures written per flush while computing (bounds the process's memory)
DEPARTMENT_BATCH = 500  # departments whose lead/co split is read at once

Progress = Callable[[str], None]


def to_stderr(message: str) -> None:
    """A ``Progress`` printing to standard error."""
    print(message, file=sys.stderr, flush=True)


def keep_default_figures(store: Neo4jStore, progress: Progress | None = None) -> int:
    """Compute the default answers' figures from the data and store them; delete the stored
    figures of other data versions. Returns how many figures were stored.

    Each figure is computed in a read of its own and stored under the data version that read
    saw, so a write during the run leaves the figures computed before it unused, never wrong."""
    from .query_service import (
        COMPARE_CELL_LIMIT,
        COMPARE_DEFAULT_REGIONS,
        DEPARTMENT_CLAUSES,
        DEPARTMENT_PER_TYPE,
        DEPARTMENT_RELATED,
        QueryService,
    )

    started = time.monotonic()
    recorded: list[tuple[Version, Key, Any]] = []
    written = 0

    def flush(force: bool = False) -> None:
        nonlocal written
        if recorded and (force or len(recorded) >= FLUSH_FIGURES):
            written += store.write_figures(recorded)
            recorded.clear()

    store.figures.clear()
    store.figures.recording = recorded
    try:
        store.counts()
        regions = [name for name, _, _ in store.region_list()]
        store.top_regions(COMPARE_DEFAULT_REGIONS)
        store.policy_page(limit=1)
        store.instrument_page(InstrumentQuery(), limit=1)
        store.instrument_counts(InstrumentQuery(), "beneficiary")
        for k, region in enumerate(regions, 1):
            for role in ("lead", "any"):
                for group in ("function", "type"):
                    store.instrument_grid(InstrumentQuery(regions=(region,), role=role), group, COMPARE_CELL_LIMIT)
            store.region_instrument_totals(region)
            flush()
            if progress and k % 20 == 0:
                progress(f"  stored figures: {k} of {len(regions)} regions")
        service = QueryService(store, "neo4j", "")
        codes = sorted({code for _, code in store.instrument_counts(InstrumentQuery(), "beneficiary")})
        places: list[tuple[str, ...] | None] = [None, *(tuple(service.region_ancestors(r)) for r in regions)]
        for code in codes:
            for applies in places:
                store.provision_totals(InstrumentQuery(beneficiary=code, regions=applies, national=bool(applies)))
            flush()
        if progress:
            progress(f"  stored figures: {len(codes)} beneficiary types in {len(places)} places")
        departments = store.department_ids()
        for start in range(0, len(departments), DEPARTMENT_BATCH):
            store.department_lead_co(departments[start:start + DEPARTMENT_BATCH])
        for k, did in enumerate(departments, 1):
            store.department_summary(did, None, DEPARTMENT_PER_TYPE, DEPARTMENT_CLAUSES)
            store.department_partners(did, DEPARTMENT_RELATED)
            flush()
            if progress and k % 500 == 0:
                progress(f"  stored figures: {k} of {len(departments)} departments "
                         f"({time.monotonic() - started:.0f} s)")
        flush(force=True)
    finally:
        store.figures.recording = None
        store.figures.clear()
    version = store.data_version()
    if version is not None:
        store.delete_other_figures(version)
    if progress:
        progress(f"  stored {written} figures in {time.monotonic() - started:.0f} s")
    return written
