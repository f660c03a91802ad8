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
types' counts, every function's busiest departments: a department answer's counterparts), per
department its counts, instrument grid (``DEPARTMENT_PER_TYPE`` per cell) and the instrument rows
of that grid as its answer shows them (``GraphStore.kept_rows``: the answer reads them as they are,
not every instrument's clause, policy and departments), first clauses (``DEPARTMENT_CLAUSES``),
partners (``DEPARTMENT_RELATED``) and lead/co split, and per region its comparison columns (by
function and by instrument type, lead and any role, ``COMPARE_CELL_LIMIT`` per cell) with the rows of
each cell (kept ready, one figure per cell, so a page reads only its cells), its
instrument totals (the count of its instrument pages) and the first page of its instrument list in
list order and by cap (``REGION_PAGE_SORTS``, rows kept ready), and per beneficiary type and place
(every region with the regions containing it, and everywhere) how many provisions its answer pages
through and the first page of that answer (rows kept ready). Answers with other parameters (another
page size, a date) are computed from the data as before.

After a load that changed a few policies the keep is incremental: every write notes in the
database what it touched (``cypher.NOTE_CHANGE``: the departments of the policies written and
removed, their regions and provinces, whether they hold a national instrument), and when the
stored figures are complete for an earlier version and every version since has a note, only
the figures about what was touched are computed again (the corpus's own figures always are; a
department's instrument rows and partners also when a department sharing a provision with it was
touched, as they show that department);
the others are moved to the new version as they are. A version without a note (a clear, an
import) makes the keep compute every figure.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from . import schema as S
from .store import InstrumentQuery, Role

if TYPE_CHECKING:
    from .figure_cache import Key, Version
    from .neo4j_store import Neo4jStore

# the kinds of figure (a key's first item) this module stores; others are never looked up
STORED_KINDS = frozenset({
    "counts", "region_list", "top_regions", "policy_summary", "instrument_total", "instrument_counts",
    "grid_column", "region_instruments", "provision_totals", "lead_co", "department", "department_grid",
    "department_clauses", "partners", "department_rows", "department_page", "provision_rows", "region_rows",
    "grid_cell", "department_region",
})
# the kinds about one department (its id second in the key)
DEPARTMENT_KINDS = frozenset({"department", "department_grid", "department_clauses", "partners", "lead_co",
                              "department_rows", "department_region"})
# the figures of a department that show the departments sharing a provision with it (their names,
# function and kind): a change of those departments computes them again too
SHOWING_PARTNERS = frozenset({"partners", "department_rows"})
FLUSH_FIGURES = 2000  # figures written per flush while computing (bounds the process's memory)
FLUSH_ROW_PAGES = 100  # or pages of rows (tens of kB each)
ROW_KINDS = frozenset({"department_rows", "provision_rows", "region_rows", "department_clauses", "grid_cell"})
ROLES: tuple[Role, ...] = ("lead", "any")  # a comparison counts lead units, or co-responsible ones too
GROUPS: tuple[Literal["function", "type"], ...] = ("function", "type")  # its rows: functions or instrument types
DEPARTMENT_BATCH = 500  # departments whose lead/co split is read at once

Progress = Callable[[str], None]


def to_stderr(message: str) -> None:
    """A ``Progress`` printing to standard error."""
    print(message, file=sys.stderr, flush=True)


@dataclass
class Touched:
    """What writes touched that a stored figure may be about: department ids, region names (the
    policies' regions and provinces) and whether an instrument of them applies nationally."""

    departments: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    national: bool = False
    # for incremental linking (store.LinkJournal): the policies written or removed, their link keys
    link_policies: set[str] = field(default_factory=set)
    link_keys: set[str] = field(default_factory=set)

    def add(self, departments: Iterable[str] | None, regions: Iterable[str] | None, national: bool | None) -> None:
        """Add what one write (or one note of it) touched."""
        self.departments.update(departments or ())
        self.regions.update(regions or ())
        self.national = self.national or bool(national)


@dataclass(frozen=True)
class Scope:
    """Which figures a keep computes: all (``touched`` None) or those ``touched`` may change."""

    touched: Touched | None
    provinces: dict[str, str]  # region → its province (itself for a province)
    partners: frozenset[str] = frozenset()  # departments whose answer (partners, rows) may show a touched one
    codes: frozenset[str] | None = None  # the beneficiary types with instruments now
    new_codes: frozenset[str] = frozenset()  # those without stored figures: counted in every place
    shown: frozenset[str] = frozenset()  # the places of instruments whose rows show a touched department
    shown_national: bool = False  # one of those applies nationally

    def region(self, name: str) -> bool:
        t = self.touched
        return t is None or t.national or name in t.regions or self.provinces.get(name, name) in t.regions

    def place(self, code: str, applies: tuple[str, ...] | list[str] | None) -> bool:
        t = self.touched
        return (t is None or applies is None or t.national or code in self.new_codes
                or (self.codes is not None and code not in self.codes) or not t.regions.isdisjoint(applies))

    def rows_in(self, code: str, applies: tuple[str, ...] | list[str] | None) -> bool:
        """Whether a page of instrument rows of beneficiary ``code`` in the places ``applies``
        (everywhere: None) may have changed: its place's, or a row showing a touched department."""
        return (self.place(code, applies) or self.shown_national
                or (applies is not None and not self.shown.isdisjoint(applies)))

    def region_rows(self, name: str) -> bool:
        """Whether a page of a region's instrument rows may have changed: its region's figures,
        or a row showing a touched department."""
        return self.region(name) or self.shown_national or name in self.shown

    def department(self, did: str) -> bool:
        return self.touched is None or did in self.touched.departments

    def partners_of(self, did: str) -> bool:
        return self.department(did) or did in self.partners

    def key(self, text: str) -> bool:
        """Whether the stored figure of key ``text`` (stored form) may have changed."""
        key = json.loads(text)
        kind = key[0]
        if kind in SHOWING_PARTNERS:
            return self.partners_of(key[1])
        if kind in DEPARTMENT_KINDS:
            return self.department(key[1])
        if kind == "grid_column":
            return self.region(key[1][0])
        if kind == "region_instruments":
            return self.region(key[1])
        if kind == "provision_totals":
            return self.place(key[1], key[2])
        if kind == "provision_rows":
            return self.rows_in(key[1], key[2])
        if kind in ("region_rows", "grid_cell"):
            return self.region_rows(key[1])
        return True  # the corpus's own figures, computed every time


def keep_default_figures(store: Neo4jStore, progress: Progress | None = None, incremental: bool = True) -> int:
    """Compute the default answers' figures from the data and store them; delete the stored
    figures of other data versions. Returns how many figures are kept under the new version
    (computed, or moved to it unchanged by an incremental keep).

    Each figure is computed in a read of its own and stored under the data version that read
    saw, so a write during the run leaves the figures computed before it unused, never wrong.
    When the stored figures are complete for an earlier version and every write since noted
    what it touched, only the figures about that are computed (see the module's docstring);
    ``incremental=False`` computes them all."""
    started = time.monotonic()
    base, now = store.figures_complete_version(), store.data_version()
    touched = store.changes_between(base, now) if incremental and base is not None and now is not None else None
    provinces = {name: province or name for name, province, _ in store.region_list()}
    scope = Scope(touched, provinces)
    base_keys: list[str] = []
    if touched is not None and base is not None:
        base_keys = store.figure_keys(base)
        codes = frozenset(code for _, code in store.instrument_counts(InstrumentQuery(), "beneficiary"))
        had = {json.loads(k)[1] for k in base_keys if k.startswith('["provision_totals",')}
        partners = store.departments_sharing_clauses(sorted(touched.departments)) if touched.departments else set()
        shown, shown_national = (store.department_instrument_places(sorted(touched.departments))
                                 if touched.departments else (set(), False))
        scope = Scope(touched, provinces, frozenset(partners), codes, codes - had, frozenset(shown), shown_national)
    keys, versions = _compute(store, scope, progress, started)
    written = len(keys)
    carried = 0
    version = store.data_version()
    if now is not None and versions <= {now} and version == now:
        if base_keys and base is not None:
            store.unmark_figures_complete()  # a keep failing while it carries leaves nothing called complete
            carried = store.carry_figures([k for k in base_keys if k not in keys and not scope.key(k)], base, now)
        store.mark_figures_complete(now)  # a write from now on leaves these for the next keep to start from
    if version is not None:
        store.delete_other_figures(version)
        store.forget_changes(version)
    if progress:
        how = "all" if touched is None else f"incremental: {carried} carried over unchanged"
        progress(f"  stored {written} figures in {time.monotonic() - started:.0f} s ({how})")
    return written + carried


def _compute(store: Neo4jStore, scope: Scope, progress: Progress | None, started: float
             ) -> tuple[set[str], set[Version]]:
    """Compute and store the figures ``scope`` asks for (and those they are computed from, such as
    the lead/co splits of a function's busiest departments); their keys (stored form), and the
    versions they saw."""
    from .query_service import (
        BENEFICIARY_LIMIT,
        COMPARE_CELL_LIMIT,
        COMPARE_DEFAULT_REGIONS,
        COUNTERPART_SLACK,
        DEPARTMENT_CLAUSES,
        DEPARTMENT_PER_TYPE,
        DEPARTMENT_RELATED,
        REGION_PAGE_SORTS,
        QueryService,
    )

    recorded: list[tuple[Version, Key, Any]] = []
    versions: set[Version] = set()
    written: set[str] = set()

    def flush(force: bool = False) -> None:
        if recorded and (force or len(recorded) >= FLUSH_FIGURES
                         or sum(key[0] in ROW_KINDS for _, key, _ in recorded) >= FLUSH_ROW_PAGES):
            versions.update(v for v, _, _ in recorded)
            written.update(store.figure_key(key) for _, key, _ in recorded)
            store.write_figures(recorded)
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
        service = QueryService(store, "neo4j", "")
        for k, region in enumerate((r for r in regions if scope.region_rows(r)), 1):
            if scope.region(region):
                for role in ROLES:
                    for group in GROUPS:
                        store.instrument_grid(InstrumentQuery(regions=(region,), role=role), group, COMPARE_CELL_LIMIT)
                store.region_instrument_totals(region)
            for sort in REGION_PAGE_SORTS:  # the first pages of its instrument list
                service.instrument_page(InstrumentQuery(region=region), sort)
            for role in ROLES:  # the rows of its comparison columns' cells
                for group in GROUPS:
                    service.keep_comparison_cells(region, role, group)
            flush()
            if progress and k % 20 == 0:
                progress(f"  stored figures: {k} of {len(regions)} regions")
        codes = sorted({code for _, code in store.instrument_counts(InstrumentQuery(), "beneficiary")})
        places: list[tuple[str, ...] | None] = [None, *(tuple(service.region_ancestors(r)) for r in regions)]
        for code in codes:
            for applies in places:
                if scope.place(code, applies):
                    store.provision_totals(InstrumentQuery(beneficiary=code, regions=applies, national=bool(applies)))
                if scope.rows_in(code, applies):  # the default page of its answer
                    service.provision_items(code, list(applies) if applies else None, None, BENEFICIARY_LIMIT, 0)
            flush()
        if progress:
            progress(f"  stored figures: {len(codes)} beneficiary types in up to {len(places)} places")
        departments = store.department_ids()
        changed = [did for did in departments if scope.department(did)]
        for start in range(0, len(changed), DEPARTMENT_BATCH):
            store.department_lead_co(changed[start:start + DEPARTMENT_BATCH])
        # every function's busiest departments (the counterparts of a department's answer); after
        # the lead/co splits, which they show
        for function in sorted(service.vocab_codes(S.FUNCTION)):
            store.department_page(function=function, limit=DEPARTMENT_RELATED + COUNTERPART_SLACK)
        for k, did in enumerate(departments, 1):
            if scope.partners_of(did):
                # its instrument rows show the departments sharing a provision, as its partners do;
                # they are of its grid (a summary computed again is stored again, not carried)
                summary = store.department_summary(did, None, DEPARTMENT_PER_TYPE, DEPARTMENT_CLAUSES)
                service.department_rows(did, None, DEPARTMENT_PER_TYPE, summary["instruments"])
                store.department_partners(did, DEPARTMENT_RELATED)
            flush()
            if progress and k % 500 == 0:
                progress(f"  stored figures: {k} of {len(departments)} departments "
                         f"({time.monotonic() - started:.0f} s)")
        flush(force=True)
    finally:
        store.figures.recording = None
        store.figures.clear()
    return written, versions
