"""Rows of answers kept in the API's process (``GraphStore.kept_rows``), under the data version
they were computed at.

A default answer's rows (a department's instrument grid, a comparison's cells, a region's first
instrument page, a beneficiary's first page) cost the most to build or to read back: hundreds of
instrument rows with their clause, policy and departments. ``RowCache`` keeps the most recently
used up to a number of rows (about 1.5 KB each at 10,000 policies), whatever the corpus's size,
for the version of the data they were computed at: the embedded store's write generation, Neo4j's
(epoch, version) read in the answer's transaction. An entry is given back only to a read at that
same version; a newer version empties the cache, and rows computed at an older one are not kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from .json_rows import PackedJson

ROWS_BUDGET = 40_000  # rows kept (about 60 MB at 10,000 policies)
Key = tuple[Hashable, ...]
ROW_BYTES = 1500  # what a row kept as Python values takes, about: the measure of JsonRows' weight


def row_count(rows: Any) -> int:
    """How many rows an answer's value holds: its outermost dicts holding an ``id`` (what a row
    holds, such as its departments, is not counted again), at least one; rows kept as
    JSON text (``json_rows``) count as many rows as their compressed bytes would make (``ROW_BYTES`` each)."""
    count, stack = 0, [rows]
    while stack:
        value = stack.pop()
        if isinstance(value, PackedJson):
            count += -(-value.packed_size // ROW_BYTES)
        elif isinstance(value, dict):
            if "id" in value:
                count += 1
            else:
                stack.extend(v for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, (dict, list)))
    return max(count, 1)


def newer(version: Any, than: Any) -> bool:
    """Whether ``version`` comes after ``than``: a greater generation, a greater version of the
    same epoch, or another epoch (a database replaced: its versions start again)."""
    if than is None:
        return True
    if isinstance(version, tuple) and isinstance(than, tuple):
        return bool(version[0] != than[0] or version[1] > than[1])
    return bool(version > than)


class RowCache:
    """The most recently used answer rows of one data version, up to ``budget`` rows. Callers
    only read what they get: the rows are shared by every answer that shows them."""

    def __init__(self, budget: int = ROWS_BUDGET) -> None:
        self.budget = budget
        self._entries: OrderedDict[Key, tuple[Any, int]] = OrderedDict()
        self._count = 0
        self._version: Any = None
        self._lock = threading.Lock()

    def _adopt(self, version: Any) -> bool:
        """Move to ``version`` when it is newer (forgetting every row); whether it is the cache's now."""
        if version != self._version and newer(version, self._version):
            self._entries.clear()
            self._count = 0
            self._version = version
        return bool(version == self._version)

    def move_to(self, version: Any) -> None:
        """Go on at ``version`` when it is newer, forgetting every row kept (a write happened)."""
        with self._lock:
            self._adopt(version)

    def get_many(self, version: Any, keys: list[Key]) -> dict[Key, Any]:
        """The rows kept for each of ``keys`` at ``version`` (those not kept left out)."""
        found: dict[Key, Any] = {}
        if version is None:
            return found
        with self._lock:
            if not self._adopt(version):
                return found
            for key in keys:
                entry = self._entries.get(key)
                if entry is not None:
                    self._entries.move_to_end(key)
                    found[key] = entry[0]
        return found

    def put_many(self, version: Any, computed: dict[Key, Any]) -> None:
        """Keep rows computed at ``version`` (not when the cache has moved past it), dropping the
        least recently used beyond the budget; a value larger than the budget is not kept."""
        if version is None:
            return
        with self._lock:
            if not self._adopt(version):
                return
            for key, rows in computed.items():
                count = row_count(rows)
                if count > self.budget or key in self._entries:
                    continue
                self._entries[key] = (rows, count)
                self._count += count
            while self._count > self.budget:
                _, (_, count) = self._entries.popitem(last=False)
                self._count -= count

    def rows(self) -> int:
        """How many rows are kept."""
        return self._count
