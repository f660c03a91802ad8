"""The node properties the embedded store leaves on disk until an answer needs them.

Most of a clause's, section's or instrument's memory is what no read of the store filters,
counts or sorts by: its text, simplified text, keywords and character ranges. Those
properties (``COLD_PROPS``, per label) are written to the graph file as one compressed record
per node (JSON in zlib, whose checksum catches a damaged record) and are left out of the node's
properties in memory; the node's data dict holds where its record is instead (``AT``: offset
in the file shifted left 32 bits, plus the record's length). A read that answers with a node
(``EmbeddedStore._props``) reads its record from the file the graph was read from, by
position (``os.pread``: readers of several threads never share a file position).

A node added or changed since the last save keeps every property in memory (no ``AT``) until
that save writes its record.
"""

from __future__ import annotations

import json
import os
import zlib
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


def encode(cold: dict[str, Any]) -> bytes:
    """One node's record: its cold properties as JSON, compressed."""
    text = cold.get("text")
    if text is not None and cold.get("text_simplified") == text:  # written once, read back shared
        cold = {**cold, "text_simplified": True}
    return zlib.compress(json.dumps(cold, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def decode(blob: bytes) -> dict[str, Any]:
    """The cold properties of a record (``encode``'s inverse); raises ``ValueError`` when damaged."""
    try:
        cold = json.loads(zlib.decompress(blob).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError) as err:
        raise ValueError(str(err)) from err
    if not isinstance(cold, dict):
        raise ValueError("a record is not a set of properties")
    if cold.get("text_simplified") is True:
        cold["text_simplified"] = cold.get("text")
    return cold


class ColdRecords:
    """The cold properties of the nodes of one graph file, read by position from an open file
    (the file that was read, even after another process has replaced it)."""

    def __init__(self, fh: IO[bytes], path: Path) -> None:
        self._fh, self.path = fh, path

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
        """The cold properties of ``node_id``, whose record is at ``at``."""
        try:
            return decode(self.raw(at))
        except ValueError as err:
            from .embedded_file import GraphFileError

            raise GraphFileError(f"{self.path}: the graph file is damaged (the record of node {node_id!r} "
                                 f"does not read: {err}); {REDO}") from err

    def close(self) -> None:
        self._fh.close()
