"""The embedded store's file format and its compact in-memory graph.

Version 3 (binary, written by ``save``)::

    b"policykg-graph\\x00binary3\\n"      magic (23 bytes)
    records                             one per node with properties kept on disk (embedded_cold)
    pickle, protocol 5                  {"nodes": g._node, "succ": g._succ, "pred": g._pred,
                                         "rel_counts": {type: count}, "indexes": the store's
                                         indexes (by label, policy, source, value)}
    trailer (36 bytes)                  records length (u64), CRC-32 of the records (u32),
                                        pickle length (u64), CRC-32 of the pickle (u32), b"pkg-end3"

The pickle is networkx's own adjacency dicts, so an open rebuilds the graph in C inside
``pickle`` instead of parsing and inserting every node and edge in Python. The bulky
properties of clauses, sections, instruments and targets that no read filters or sorts by
(texts, keywords, character ranges: ``embedded_cold.COLD_PROPS``) are not in it: each such
node's are one compressed record before the pickle, and the node's data dict in the pickle
says where (``"at"``); answers read them by position when they show the node. Pickle keeps
shared objects shared (each string, edge attribute dict and edge key dict is written once and
read back as one object). Loading it runs no code: the reader refuses every global a pickle
could name, so only dicts, lists, sets, strings and numbers can come out of it. A file cut
short (lengths in the trailer), or changed since it was written (CRC-32 of both parts), is
refused with what to do.

Version 2 (the same without the records: magic ``b"policykg-graph\\x00binary\\n"``, the pickle
with every property, a 24-byte trailer: pickle length, CRC-32, ``b"pkg-end\\n"``) and the JSON
format of version 1 (one node or edge per line, or one document) are still read; the store
converts such a file to version 3 when it opens it (or on its next save when another process
holds the file's lock then).

Memory: most relationships carry no property or the same few (HAS_CLAUSE, ADDRESSES, a CITES
by the same text ...), so relationships with equal type and properties share one attribute
dict, and a node pair joined by one such relationship shares one key dict ``{0: data}``:
:class:`CompactGraph` copies a key dict or attribute dict before changing it, so a shared one
is never changed in place.  Relationship attribute dicts must be treated as read-only (the
store never changes a relationship in place: it removes and adds).
"""

from __future__ import annotations

import gc
import io
import json
import pickle
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from policykg.errors import EXIT_FAILED, FileFormatError

from .embedded_cold import AT, REDO, ColdRecords, encode, group_of, location, split

MAGIC = b"policykg-graph\x00binary3\n"
FILE_VERSION = 3
_TRAILER3 = struct.Struct("<QIQI8s")  # records length and CRC-32, pickle length and CRC-32, end mark
_END_MARK3 = b"pkg-end3"
MAGIC_V2 = b"policykg-graph\x00binary\n"
_TRAILER = struct.Struct("<QI8s")  # version 2: payload length, CRC-32 of the payload, end mark
_END_MARK = b"pkg-end\n"

LEGACY_FORMAT = "policykg-graph"
LEGACY_VERSION = 1
LEGACY_HEADER = f'{{"format":"{LEGACY_FORMAT}","version":{LEGACY_VERSION},"nodes":['
LEGACY_BETWEEN = '],"edges":['
LEGACY_FOOTER = ']}'


EdgeData = dict[str, Any]
KeyDict = dict[Any, EdgeData]


class GraphFileError(FileFormatError):
    """The graph file exists but is not a policykg graph this version can read, or another
    process replaced it under unsaved changes."""

    status = 503  # to the API's caller, the store cannot be used
    error = "graph_file_unusable"
    exit_code = EXIT_FAILED  # waiting does not help: the file must be replaced


# --- the in-memory graph --------------------------------------------------------------------------


if TYPE_CHECKING:  # the stubs make MultiDiGraph generic; at run time it is not subscriptable
    _MultiDiGraph = nx.MultiDiGraph[Any]
else:
    _MultiDiGraph = nx.MultiDiGraph


class CompactGraph(_MultiDiGraph):
    """A MultiDiGraph whose relationships may share attribute dicts and key dicts.

    Every networkx method that changes a relationship goes through ``add_edge`` or
    ``remove_edge``, which here first give the node pair a private copy of its key dict (and of
    the attribute dict being updated), so a change never reaches another pair."""

    # networkx's adjacency dicts, which this class reads and rewrites directly
    _node: dict[Any, dict[str, Any]]
    _succ: dict[Any, dict[Any, KeyDict]]
    _pred: dict[Any, dict[Any, KeyDict]]

    def __init__(self, incoming_graph_data: Any = None, **attr: Any) -> None:
        # (type, properties) -> the attribute dict and single-edge key dict of such relationships
        self._shared: dict[tuple[Any, ...], tuple[EdgeData, KeyDict]] = {}
        # relationships per type as the file read held them (None: not in the file, or not read from one)
        self.saved_rel_counts: dict[str, int] | None = None
        # the store's indexes as the file read held them (None: not in the file); the store takes them
        self.saved_indexes: dict[str, Any] | None = None
        super().__init__(incoming_graph_data, **attr)

    def _own_keydict(self, u: Any, v: Any, key: Any = None) -> None:
        keydict = self._succ.get(u, {}).get(v)
        if keydict is not None:
            own = dict(keydict)
            if key is not None and key in own:
                own[key] = dict(own[key])
            self._succ[u][v] = own
            self._pred[v][u] = own

    def add_edge(  # type: ignore[override]  # MultiDiGraph's own signature, which the stubs omit
        self, u_for_edge: Any, v_for_edge: Any, key: Any = None, **attr: Any
    ) -> Any:
        """``MultiDiGraph.add_edge``, on a private copy of the pair's key dict."""
        self._own_keydict(u_for_edge, v_for_edge, key)
        return super().add_edge(u_for_edge, v_for_edge, key, **attr)

    def remove_edge(self, u: Any, v: Any, key: Any = None) -> None:
        """``MultiDiGraph.remove_edge``, on a private copy of the pair's key dict."""
        self._own_keydict(u, v)
        super().remove_edge(u, v, key)

    def clear(self) -> None:
        super().clear()
        self._shared.clear()

    def add_shared_edge(self, u: Any, v: Any, rel_type: str, props: dict[str, Any]) -> Any:
        """Add a relationship between two existing nodes, sharing its attribute dict
        ``{"type", "props"}`` with the relationships of equal type and properties; its key."""
        if u not in self._succ or v not in self._succ:
            return self.add_edge(u, v, type=rel_type, props=props)
        data, single = self._shared_data(rel_type, props)
        out = self._succ[u]
        keydict = out.get(v)
        if keydict is None:
            out[v] = self._pred[v][u] = single
            key: Any = 0
        else:
            keydict = dict(keydict)
            key = len(keydict)
            while key in keydict:
                key += 1
            keydict[key] = data
            out[v] = self._pred[v][u] = keydict
        nx._clear_cache(self)
        return key

    def _shared_data(self, rel_type: str, props: dict[str, Any]) -> tuple[EdgeData, KeyDict]:
        try:
            pool_key = (rel_type, *sorted((k, _hashable(v)) for k, v in props.items()))
        except _Unshared:
            data = {"type": rel_type, "props": props}
            return data, {0: data}
        found = self._shared.get(pool_key)
        if found is None:
            data = {"type": rel_type, "props": props}
            found = self._shared[pool_key] = (data, {0: data})
        return found


class _Unshared(Exception):
    """A property value not worth sharing."""


def _hashable(value: Any) -> Any:
    if isinstance(value, float):
        raise _Unshared  # scores: nearly every one differs
    if isinstance(value, list):
        return ("list", *(_hashable(item) for item in value))
    return (type(value).__name__, value)  # 1, 1.0 and True stay apart


# --- version 2 ------------------------------------------------------------------------------------


class _CrcWriter:
    """A binary file that keeps the CRC-32 and length of what went through it."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.crc, self.length = fh, 0, 0

    def write(self, data: bytes) -> int:
        self.crc = zlib.crc32(data, self.crc)
        self.length += len(data)
        return self.fh.write(data)


class _CrcReader(io.RawIOBase):
    """``length`` bytes of a binary file, keeping their CRC-32."""

    def __init__(self, fh: IO[bytes], length: int) -> None:
        super().__init__()
        self.fh, self.left, self.crc = fh, length, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)[:self.left]
        n = self.fh.readinto(view)  # type: ignore[attr-defined]
        if not n and self.left:
            raise EOFError("the file ends before its last byte: it was cut short")
        self.crc = zlib.crc32(view[:n], self.crc)
        self.left -= n
        return int(n)


class _SafeUnpickler(pickle.Unpickler):
    """Plain data only: a pickle naming any class or function is refused, so loading runs no code."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a graph file")

    def persistent_load(self, pid: Any) -> Any:
        raise pickle.UnpicklingError("persistent ids are not allowed in a graph file")


@contextmanager
def no_gc() -> Iterator[None]:
    """Collection paused: building millions of dicts would trigger a full collection again and
    again, each walking everything built so far."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def count_relationships(g: CompactGraph) -> dict[str, int]:
    """Relationships of ``g`` per type, read straight from its adjacency (one pass over every
    relationship: callers keep the answer rather than count again)."""
    counts: dict[str, int] = {}
    for nbrs in g._succ.values():
        for keydict in nbrs.values():
            for data in keydict.values():
                counts[data["type"]] = counts.get(data["type"], 0) + 1
    return counts


Moved = list[tuple[dict[str, Any], dict[str, Any], "int | None"]]  # (node data, its props, its AT) before a write


def write_graph(fh: IO[bytes], g: CompactGraph, rel_counts: dict[str, int] | None = None,
                records: ColdRecords | None = None, moved: Moved | None = None,
                indexes: dict[str, Any] | None = None) -> None:
    """Write ``g`` to the binary file ``fh`` in version 3, with its relationships per type
    (``rel_counts``, counted here when not given) so that an open need not count them.

    The cold properties of each node go to a record: copied as stored from ``records`` (the
    file ``g`` was read from) when the node has one there, else taken out of its properties.
    The nodes are changed to point at their records in ``fh`` (what the pickle then holds);
    each change is noted in ``moved`` first, so that :func:`restore_nodes` can undo them when
    the file is not used after all (whatever fails, here or later). ``indexes``: the store's
    indexes of the nodes, kept in the file so that an open need not build them."""
    fh.write(MAGIC)
    out = _CrcWriter(fh)
    moved = [] if moved is None else moved
    groups: dict[str, list[dict[str, Any]]] = {}  # record (policy) → the data dicts of its nodes
    for nid, data in g._node.items():
        if AT in data or split(data["label"], data["props"]) is not None:
            groups.setdefault(group_of(nid, data["label"], data["props"]), []).append(data)
    ids = {id(data): nid for nid, data in g._node.items()} if groups else {}
    for members in groups.values():
        places = {data.get(AT) for data in members}
        if len(places) == 1 and None not in places:  # the record read, as stored (a node gone: left in it)
            if records is None:
                raise ValueError("a node points at a record but no graph file is open to copy it from")
            blob = records.raw(members[0][AT])
            moved.extend((data, data["props"], data[AT]) for data in members)
        else:
            cold: dict[str, dict[str, Any]] = {}
            for data in members:
                nid = ids[id(data)]
                at = data.get(AT)
                if at is not None:
                    if records is None:
                        raise ValueError("a node points at a record but no graph file is open to copy it from")
                    cold[nid] = records.read(at, nid)
                    moved.append((data, data["props"], at))
                else:
                    hot, cold[nid] = split(data["label"], data["props"]) or (data["props"], {})
                    moved.append((data, data["props"], None))
                    data["props"] = hot
            blob = encode(cold)
        place = location(len(MAGIC) + out.length, len(blob))
        for data in members:
            data[AT] = place
        out.write(blob)
    cold_length, cold_crc = out.length, out.crc
    out = _CrcWriter(fh)
    counts = count_relationships(g) if rel_counts is None else rel_counts
    payload = {"nodes": g._node, "succ": g._succ, "pred": g._pred, "rel_counts": counts}
    if indexes is not None:
        payload["indexes"] = indexes
    pickle.Pickler(out, protocol=5).dump(payload)
    fh.write(_TRAILER3.pack(cold_length, cold_crc, out.length, out.crc, _END_MARK3))


def restore_nodes(moved: Moved) -> None:
    """Undo what :func:`write_graph` changed in the nodes (listed in ``moved``)."""
    for data, props, at in reversed(moved):
        data["props"] = props
        if at is None:
            data.pop(AT, None)
        else:
            data[AT] = at
    moved.clear()


def is_binary(head: bytes) -> bool:
    """Whether a file starting with ``head`` is in version 3 or 2."""
    return head.startswith(MAGIC) or head.startswith(MAGIC_V2)


def _check_crc(fh: IO[bytes], path: Path, start: int, length: int, crc: int) -> None:
    """Read ``length`` bytes from ``start`` and compare their CRC-32 with ``crc``."""
    fh.seek(start)
    reader = _CrcReader(fh, length)
    try:
        while reader.read(1 << 20):
            pass
    except EOFError as err:
        raise GraphFileError(f"{path}: the graph file was cut short or is damaged ({err}); {REDO}") from err
    if reader.left or reader.crc != crc:
        raise GraphFileError(f"{path}: the graph file is damaged (its checksum does not match); {REDO}")


def read_graph(fh: IO[bytes], path: Path, size: int) -> tuple[CompactGraph, int]:
    """The graph of the binary file ``fh`` (``size`` bytes) and its version (3 or 2). The nodes
    of a version-3 file point at their records in it (``embedded_cold.AT``)."""
    fh.seek(0)
    version = 3 if fh.read(len(MAGIC)) == MAGIC else 2
    if version == 3:
        tail_size, magic = _TRAILER3.size, MAGIC
        fh.seek(max(size - tail_size, 0))
        tail = fh.read(tail_size)
        cold_length, cold_crc, length, crc, mark = (
            _TRAILER3.unpack(tail) if len(tail) == tail_size else (-1, 0, -1, 0, b""))
        good = mark == _END_MARK3 and cold_length >= 0 and cold_length + length == size - len(magic) - tail_size
        start = len(magic) + cold_length
    else:
        tail_size, magic = _TRAILER.size, MAGIC_V2
        fh.seek(max(size - tail_size, 0))
        tail = fh.read(tail_size)
        length, crc, mark = _TRAILER.unpack(tail) if len(tail) == tail_size else (-1, 0, b"")
        good = mark == _END_MARK and length == size - len(magic) - tail_size
        start = len(magic)
    if not good:
        raise GraphFileError(f"{path}: the graph file was cut short or is damaged (its end is missing); {REDO}")
    if version == 3:
        _check_crc(fh, path, len(magic), cold_length, cold_crc)
    fh.seek(start)
    reader = _CrcReader(fh, length)
    try:
        with no_gc():
            data = _SafeUnpickler(io.BufferedReader(reader, 1 << 20)).load()
    except Exception as err:  # any damage inside the pickle shows as some error of its reader
        raise GraphFileError(f"{path}: the graph file is damaged ({type(err).__name__}: {err}); {REDO}") from err
    if reader.left or reader.crc != crc:
        raise GraphFileError(f"{path}: the graph file is damaged (its checksum does not match); {REDO}")
    if not (isinstance(data, dict) and all(isinstance(data.get(k), dict) for k in ("nodes", "succ", "pred"))):
        raise GraphFileError(f"{path}: not a policykg graph file; {REDO}")
    g = CompactGraph()
    g._node, g._succ, g._pred = data["nodes"], data["succ"], data["pred"]  # _succ sets _adj too
    counts = data.get("rel_counts")  # absent from files written before it was kept
    if isinstance(counts, dict) and all(isinstance(k, str) and isinstance(v, int) for k, v in counts.items()):
        g.saved_rel_counts = counts
    g.saved_indexes = data.get("indexes") if isinstance(data.get("indexes"), dict) else None
    return g, version


# --- version 1 (JSON), read only ------------------------------------------------------------------

AddNode = Callable[[str, str, dict[str, Any]], None]
AddEdge = Callable[[str, str, str, dict[str, Any]], Any]


def read_legacy(text: IO[str], path: Path, add_node: AddNode, add_edge: AddEdge) -> None:
    """Read a version-1 JSON graph file: one node or edge per line, or one document."""
    try:
        first = text.readline()
        with no_gc():
            if first.rstrip("\n") == LEGACY_HEADER:
                _read_lines(text, add_node, add_edge)
            else:
                _read_document(json.loads(first + text.read()), path, add_node, add_edge)
    except (OSError, ValueError) as err:
        raise GraphFileError(f"{path}: cannot read the graph file ({err}); {REDO}") from err


def _read_lines(text: IO[str], add_node: AddNode, add_edge: AddEdge) -> None:
    section = "nodes"
    for line in text:
        line = line.rstrip("\n").rstrip(",")
        if line == LEGACY_BETWEEN:
            section = "edges"
        elif line == LEGACY_FOOTER:
            return
        elif line and section == "nodes":
            nid, label, props = json.loads(line)
            add_node(nid, label, props)
        elif line:
            rel_type, start, end, props = json.loads(line)
            add_edge(rel_type, start, end, props)
    raise ValueError("the file ends before its last line: it was cut short")


def _read_document(data: Any, path: Path, add_node: AddNode, add_edge: AddEdge) -> None:
    if not isinstance(data, dict) or data.get("format") != LEGACY_FORMAT:
        raise GraphFileError(f"{path}: not a policykg graph file")
    if data.get("version") != LEGACY_VERSION:
        raise GraphFileError(f"{path}: graph file version {data.get('version')} is not {LEGACY_VERSION} "
                             f"or {FILE_VERSION}; {REDO}")
    for nid, label, props in data["nodes"]:
        add_node(nid, label, props)
    for rel_type, start, end, props in data["edges"]:
        add_edge(rel_type, start, end, props)


def write_legacy(text: IO[str], g: nx.MultiDiGraph[Any],
                 props_of: Callable[[str], dict[str, Any]] | None = None) -> None:
    """Write ``g`` as a version-1 JSON file (one node or edge per line): what older policykg
    reads; for tests and the open benchmark's baseline. ``props_of``: every property of a node
    (``EmbeddedStore._props``, for nodes that keep some on disk)."""
    def dumps(item: list[Any]) -> str:
        return json.dumps(item, ensure_ascii=False, separators=(",", ":"))

    text.write(LEGACY_HEADER + "\n")
    sep = ""
    for nid, d in g.nodes(data=True):
        text.write(sep + dumps([nid, d["label"], d["props"] if props_of is None else props_of(nid)]))
        sep = ",\n"
    text.write("\n" + LEGACY_BETWEEN + "\n")
    sep = ""
    for u, v, d in g.edges(data=True):
        text.write(sep + dumps([d["type"], u, v, d["props"]]))
        sep = ",\n"
    text.write("\n" + LEGACY_FOOTER + "\n")
