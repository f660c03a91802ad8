"""Small figures computed from a Neo4j graph, kept while its data version is unchanged.

Every write of policy data raises the database's data version (``cypher.BUMP_DATA_VERSION``)
in the transaction of the write, so a figure computed after reading version ``v`` is still
right as long as a read finds ``v`` again: several processes and outside loads share the
version through the database. Only scalars and small tuples are kept (corpus statistics,
document frequencies, per-department counts), never answers, and at most ``max_entries`` of
them, the least recently used going first.

A figure can also be kept in the database (``graph/stored_figures.py`` computes those of the
API's default answers after a load): ``kept`` and ``kept_each`` take a ``stored`` lookup, asked
for what the process does not hold before anything is computed. While ``recording`` is a list,
every figure put is appended to it as ``(version, key, value)`` (what the stored figures write).
"""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

import pydantic_core

from .json_rows import JsonList, JsonRows, PackedJson

Version = tuple[str, int]  # (epoch, version) of the data version node
K = TypeVar("K", bound=Hashable)
Key = tuple[Hashable, ...]
StoredLookup = Callable[[list[Key]], dict[Key, Any]]


class FigureCache:
    """Figures keyed by ``(kind, ...)`` tuples, valid for one data version; thread-safe."""

    def __init__(self, max_entries: int = 8192) -> None:
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._version: Version | None = None
        self._entries: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
        self.hits: Counter[str] = Counter()  # per kind (the key's first item)
        self.misses: Counter[str] = Counter()
        self.recording: list[tuple[Version, Key, Any]] | None = None

    def get(self, version: Version | None, key: tuple[Hashable, ...]) -> Any:
        """The figure kept for ``key`` under ``version``, or None (then compute and ``put`` it)."""
        kind = str(key[0])
        with self._lock:
            value = self._entries.get(key) if version is not None and version == self._version else None
            if value is None:
                self.misses[kind] += 1
            else:
                self._entries.move_to_end(key)
                self.hits[kind] += 1
            return value

    def holds(self, version: Version | None, key: tuple[Hashable, ...]) -> bool:
        """Whether a figure is kept for ``key`` under ``version`` (not counted as a hit or miss)."""
        with self._lock:
            return version is not None and version == self._version and key in self._entries

    def put(self, version: Version | None, key: tuple[Hashable, ...], value: Any) -> None:
        """Keep ``value`` (not None) for ``key``, computed after reading ``version``. A newer
        version drops every figure kept; a figure of an older one (a read that raced a write) is
        not kept."""
        if version is None or value is None:
            return
        with self._lock:
            if version != self._version:
                if self._version is not None and version[0] == self._version[0] and version[1] < self._version[1]:
                    return
                self._version = version
                self._entries.clear()
            self._entries[key] = value
            self._entries.move_to_end(key)
            if self.recording is not None:
                self.recording.append((version, key, value))
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def kept(self, version: Version | None, key: tuple[Hashable, ...], compute: Callable[[], Any],
             stored: StoredLookup | None = None, hold: bool = True) -> Any:
        """The figure kept for ``key`` under ``version``; else the one ``stored`` finds; else
        ``compute()``; kept. ``hold=False``: a figure too large to hold in the process, looked up
        in ``stored`` (or computed) each time, and only recorded."""
        value = self.get(version, key) if hold else None
        if value is None:
            if stored is not None and version is not None:
                value = stored([key]).get(key)
            if value is None:
                value = compute()
            if hold:
                self.put(version, key, value)
            elif self.recording is not None and version is not None and value is not None:
                self.recording.append((version, key, value))
        return value

    def looked_up(self, version: Version | None, keys: list[Key], compute: Callable[[list[Key]], dict[Key, Any]],
                  stored: StoredLookup | None = None) -> dict[Key, Any]:
        """The figure of each of ``keys``, each too large to hold in the process (pages of rows):
        those ``stored`` finds in one lookup, the others from one ``compute(missing)``, only
        recorded. A key neither finds is left out."""
        found = stored(keys) if stored is not None and version is not None else {}
        missing = [key for key in keys if found.get(key) is None]
        if missing:
            for key, value in compute(missing).items():
                if value is None:
                    continue
                found[key] = value
                if self.recording is not None and version is not None:
                    self.recording.append((version, key, value))
        return found

    def kept_each(self, version: Version | None, kind: str, items: Iterable[K],
                  compute: Callable[[list[K]], dict[K, Any]], stored: StoredLookup | None = None) -> dict[K, Any]:
        """The figure of each of ``items`` (keys ``(kind, item)``) under ``version``: those kept,
        then those ``stored`` finds, and the others from one ``compute(missing)``, kept in turn."""
        found: dict[K, Any] = {}
        missing: list[K] = []
        for item in dict.fromkeys(items):
            value = self.get(version, (kind, item))
            if value is None:
                missing.append(item)
            else:
                found[item] = value
        if missing and stored is not None and version is not None:
            found_stored = stored([(kind, item) for item in missing])
            for item in missing:
                value = found_stored.get((kind, item))
                if value is not None:
                    found[item] = value
                    self.put(version, (kind, item), value)
            missing = [item for item in missing if item not in found]
        if missing:
            for item, value in compute(missing).items():
                found[item] = value
                self.put(version, (kind, item), value)
        return found

    def clear(self) -> None:
        """Forget every figure."""
        with self._lock:
            self._version = None
            self._entries.clear()


_TUPLE = "\u0000tuple"  # the JSON object standing for a tuple: {_TUPLE: [items]}
# the JSON objects standing for rows kept as JSON text: {marker: "their JSON text"}
_PACKED: dict[str, type[PackedJson]] = {"\u0000json": JsonRows, "\u0000jsonlist": JsonList}
_PACKED_MARKER = {kind: marker for marker, kind in _PACKED.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, PackedJson):
        return {_PACKED_MARKER[type(value)]: value.text.decode()}
    if isinstance(value, tuple):
        return {_TUPLE: [_plain(v) for v in value]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError(f"a stored figure's mappings need text keys, not {sorted(map(repr, value))[:3]}")
        return {k: _plain(v) for k, v in value.items()}
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1 and _TUPLE in value:
            return tuple(_typed(v) for v in value[_TUPLE])
        if len(value) == 1 and (marker := next(iter(value))) in _PACKED:
            return _PACKED[marker].from_text(value[marker])
        return {k: _typed(v) for k, v in value.items()}
    return value


def encode_figure(value: Any) -> str:
    """A figure as JSON text that ``decode_figure`` turns back into an equal value (tuples stay
    tuples, lists lists: the answers built from a stored figure equal those built from one
    computed in the process)."""
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


# how the markers read in the stored text
_MARKER_TEXTS = tuple(json.dumps(marker) for marker in (_TUPLE, *_PACKED))


def decode_figure(text: str) -> Any:
    """The value ``encode_figure`` wrote (a text without a tuple or rows kept as JSON text is JSON
    as it is: a page of rows is not walked again)."""
    # pydantic-core's parser: a third faster than json's on pages of rows, and it shares the
    # strings rows repeat (names, codes), so rows kept in the process take less memory
    value = pydantic_core.from_json(text)
    return _typed(value) if any(marker in text for marker in _MARKER_TEXTS) else value
