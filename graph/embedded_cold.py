"""The node properties the embedded store leaves on disk until an answer needs them.

Most of a clause's, section's or instrument's memory is what no read of the store filters,
counts or sorts by: its text, simplified text, keywords and character ranges. Those
properties (``COLD_PROPS``, per label) are left out of the node's properties in memory. They
are written to the graph file as compressed records, one per policy for its clauses and sections
and one per policy for its instruments and for its targets (node id → properties, JSON
in zlib, whose checksum catches a damaged record); the node's
data dict holds where its policy's record is instead (``AT``: offset in the file shifted left
32 bits, plus the record's length). A read that answers with a node (``EmbeddedStore._props``)
reads that record from the file the graph was read from, by position (``os.pread``: readers
of several threads never share a file position), and keeps the last few records it decoded.

A node added or changed since the last save keeps every property in memory (no ``AT``) until
that save writes its record.
"""

from __future__ import annotations

import json
import os
import threading
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from . import schema as S

COLD_PROPS: dict[str, frozenset[str]] = {
    S.CLAUSE: frozenset({"text", "text_simplified", "keywords", "start", "end", "orig_start", "orig_end"}),
    S.SECTION: frozenset({"text", "start", "end", "orig_start", "orig_end"}),
    S.INSTRUMENT: frozenset({"text", "start", "end"}),
    S.TARGET: frozenset({"text", "start", "end"}),
}
AT = "at"  # key of a node's data dict: where its cold properties are in the file
_LENGTH_BITS = 32
_LENGTH_MASK = (1 << _LENGTH_BITS) - 1
REDO = "delete it and load the policies again"


def location(offset: int, length: int) -> int:
    """A record's place in the file, as one int (what a node's data dict keeps under ``AT``)."""
    return offset << _LENGTH_BITS | length


def split(label: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(properties kept in memory, properties written to disk) of a node, or None when it has
    no property that is kept on disk."""
    cold_keys = COLD_PROPS.get(label)
    if cold_keys is None or cold_keys.isdisjoint(props):
        return None
    hot: dict[str, Any] = {}
    cold: dict[str, Any] = {}
    for key, value in props.items():
        (cold if key in cold_keys else hot)[key] = value
    return hot, cold


# Labels whose nodes get a record of their own per policy: lists of instruments and targets
# (compare, an instrument page) show nodes of many policies, a few of each, and should not
# decode each policy's clause and section texts to do it.
OWN_RECORD_LABELS = frozenset({S.INSTRUMENT, S.TARGET})


def group_of(nid: str, label: str, props: dict[str, Any]) -> str:
    """The record a node's cold properties go to: its policy's texts, or its policy's
    instruments (or targets) for those labels."""
    owner = props.get("policy_id")
    if not isinstance(owner, str):
        return nid
    return f"{owner}\n{label}" if label in OWN_RECORD_LABELS else owner


def encode(cold: dict[str, dict[str, Any]]) -> bytes:
    """One record: the cold properties of a policy's nodes (node id → properties) as JSON,
    compressed together (an instrument's text is part of its clause's, which zlib then
    stores once)."""
    shown = {}
    for nid, props in cold.items():
        text = props.get("text")
        if text is not None and props.get("text_simplified") == text:  # written once, read back shared
            props = {**props, "text_simplified": True}
        shown[nid] = props
    return zlib.compress(json.dumps(shown, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def decode(blob: bytes) -> dict[str, dict[str, Any]]:
    """The cold properties of the nodes of a record (``encode``'s inverse); raises ``ValueError``
    when it is damaged."""
    try:
        cold = json.loads(zlib.decompress(blob).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError) as err:
        raise ValueError(str(err)) from err
    if not isinstance(cold, dict) or not all(isinstance(p, dict) for p in cold.values()):
        raise ValueError("a record is not a set of node properties")
    for props in cold.values():
        if props.get("text_simplified") is True:
            props["text_simplified"] = props.get("text")
    return cold


RECORDS_KEPT = 64  # records read lately, kept decoded: the nodes of one answer mostly share a few


class ColdRecords:
    """The cold properties of the nodes of one graph file, read by position from an open file
    (the file that was read, even after another process has replaced it)."""

    def __init__(self, fh: IO[bytes], path: Path) -> None:
        self._fh, self.path = fh, path
        self._kept: dict[int, dict[str, dict[str, Any]]] = {}  # at → decoded record, oldest first
        self._lock = threading.Lock()

    @classmethod
    def open(cls, file: Path, shown_as: Path) -> ColdRecords:
        """The records of ``file`` (errors name ``shown_as``: a temporary file about to be renamed)."""
        return cls(open(file, "rb", buffering=0), shown_as)  # noqa: SIM115 - kept open while the store lives

    def raw(self, at: int) -> bytes:
        """The record at ``at`` as stored."""
        offset, length = at >> _LENGTH_BITS, at & _LENGTH_MASK
        blob = os.pread(self._fh.fileno(), length, offset)
        if len(blob) != length:
            from .embedded_file import GraphFileError

            raise GraphFileError(f"{self.path}: the graph file was cut short after it was opened; {REDO}")
        return blob

    def read(self, at: int, node_id: str) -> dict[str, Any]:
        """The cold properties of ``node_id``, whose record is at ``at`` (a copy: the caller may change it)."""
        with self._lock:
            record = self._kept.pop(at, None)
        if record is None:
            try:
                record = decode(self.raw(at))
            except ValueError as err:
                record = None
                problem = str(err)
        if record is not None and node_id in record:
            with self._lock:
                self._kept[at] = record
                while len(self._kept) > RECORDS_KEPT:
                    del self._kept[next(iter(self._kept))]
            return dict(record[node_id])
        if record is not None:
            problem = "the node is not in it"
        from .embedded_file import GraphFileError

        raise GraphFileError(f"{self.path}: the graph file is damaged (the record of node {node_id!r} "
                             f"does not read: {problem}); {REDO}")

    def read_many(self, wanted: Iterable[tuple[int, str]]) -> dict[str, dict[str, Any]]:
        """The cold properties of several nodes, given as (record position, node id), by node id.
        Each record is decoded once however the nodes are ordered: an answer's nodes come in its
        own order (a compare's cells, a page sorted by cap), which interleaves many policies'
        records and would otherwise push them out of the few kept decoded."""
        by_record: dict[int, list[str]] = {}
        for at, nid in wanted:
            by_record.setdefault(at, []).append(nid)
        return {nid: self.read(at, nid) for at, nids in by_record.items() for nid in nids}

    def close(self) -> None:
        self._fh.close()
