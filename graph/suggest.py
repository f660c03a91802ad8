"""Suggestions for an as-you-type box: policies, departments, places and beneficiary types by name.

A name matches when it contains the typed text (after folding it to simplified characters);
names that start with it come first, then shorter names, then by name, kind and id, so both
stores list the same suggestions. Neo4j answers from text indexes (``cypher.SUGGEST``); the
embedded store from ``NameIndex``, its names sorted once per revision of the graph.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from . import schema as S

KIND_ORDER = {label: i for i, label in enumerate(S.SUGGEST_NAMES)}


@dataclass(frozen=True)
class Suggestion:
    """One suggested node: its label, id and the name that matched."""

    label: str
    id: str
    name: str


def order_suggestions(found: Iterable[Suggestion], q: str, limit: int) -> list[Suggestion]:
    """The first ``limit`` of ``found`` in suggestion order (prefix matches, shorter names first)."""
    unique = {(s.label, s.id): s for s in found if q in s.name}
    return sorted(unique.values(), key=lambda s: (not s.name.startswith(q), len(s.name), s.name,
                                                  KIND_ORDER[s.label], s.id))[:limit]


class NameIndex:
    """Every suggestable name, sorted: prefixes by binary search, other matches by a scan."""

    def __init__(self, entries: Iterable[Suggestion]) -> None:
        self.entries = sorted(entries, key=lambda s: (s.name, KIND_ORDER[s.label], s.id))
        self.names = [s.name for s in self.entries]

    def suggest(self, q: str, limit: int) -> list[Suggestion]:
        if not q or limit <= 0:
            return []
        start = bisect.bisect_left(self.names, q)
        prefix = []
        for entry in self.entries[start:]:
            if not entry.name.startswith(q):
                break
            prefix.append(entry)
        found = prefix if len(prefix) >= limit else prefix + [s for s in self.entries if q in s.name]
        return order_suggestions(found, q, limit)
