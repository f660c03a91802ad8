"""The keys under which the stores keep a department answer's figures and rows.

A department's answer reads seven kept parts (its region, its counts, its instrument grid, its
first clauses, the instrument rows of the grid, its partners and its function's busiest
departments). Each is kept under a key built here, so that the code that keeps a part and
``GraphStore.read_ahead``, which asks for all of them at once, name it alike.
"""

from __future__ import annotations

from collections.abc import Hashable

Key = tuple[Hashable, ...]


def department_region_key(did: str) -> Key:
    """The region a department belongs to ("" for none)."""
    return ("department_region", did)


def department_counts_key(did: str, on: str | None) -> Key:
    """A department's (lead, co, policies, regions) counts."""
    return ("department", did, on)


def department_grid_key(did: str, on: str | None, per_type: int) -> Key:
    """A department's instrument grid: per role and type, how many and the first ``per_type`` ids."""
    return ("department_grid", did, on, per_type)


def department_clauses_key(did: str, on: str | None, limit: int) -> Key:
    """A department's first ``limit`` clauses."""
    return ("department_clauses", did, on, limit)


def department_rows_key(did: str, on: str | None, per_type: int) -> Key:
    """The instrument rows of a department's grid, as its answer shows them."""
    return ("department_rows", did, on, per_type)


def partners_key(did: str, on: str | None, limit: int) -> Key:
    """The first ``limit`` departments sharing provisions with a department."""
    return ("partners", did, on, limit)


def function_page_key(function: str | None, limit: int, offset: int) -> Key:
    """A page of a function's busiest departments (undated)."""
    return ("department_page", function, limit, offset)


def department_answer_keys(did: str, on: str | None, per_type: int, clause_limit: int, related_limit: int,
                           counterpart_page: int | None, function: str | None) -> list[Key]:
    """Every kept part a department's answer reads: its region, counts, grid, clauses, rows and
    partners, and the first page of its function's departments (``counterpart_page`` long;
    undated answers only, as only those pages are kept)."""
    keys = [department_region_key(did), department_counts_key(did, on), department_grid_key(did, on, per_type),
            department_clauses_key(did, on, clause_limit), department_rows_key(did, on, per_type),
            partners_key(did, on, related_limit)]
    if function and on is None and counterpart_page is not None:
        keys.append(function_page_key(function, counterpart_page, 0))
    return keys
