"""Bulk first load of an empty Neo4j: policy graphs → import CSVs → ``neo4j-admin database import full``.

``ImportCsvWriter`` turns extracted ``PolicyGraph`` s into the CSV files of Neo4j's import tool
(headers with ``id:ID``, ``:START_ID``, ``:END_ID`` and typed columns such as ``order:long``
or ``keywords:string[]``), holding the same graph a transactional load writes
(``Neo4jStore.write_policies``): owned nodes and their relationships are streamed to the files
policy by policy; shared nodes are merged over all policies in order (later values win, the
accumulating ``names`` gain new items) and written at the end; a relationship between two
shared nodes is written once, with the first writer's properties. A property keeps the type
its value had in Python (a whole number in a ``float`` property stays an integer, as the
driver stores it): rows whose types differ from the schema's go to a file with their own
header. What CSV cannot carry (an empty list) is kept aside and set with Cypher after the
import (``apply_leftovers``).

``run_import`` runs the import tool (``org.neo4j.cli.AdminTool`` from the jars the local
Neo4j already uses) on a stopped server's home and returns what it reported.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from neo4j import Driver, ManagedTransaction

from . import cypher as Q
from . import schema as S
from .model import PolicyGraph
from .neo4j_store import _merge_shared, stored_props
from .search_text import clause_documents
from .store import chunks, validate_structure

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: never in policy text, unlike ';'
ARRAY_DELIMITER_OPTION = "U+001F"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# schema types → import column types; "json string" is a string
_SCHEMA_KINDS = {"string": "string", "integer": "long", "float": "double", "boolean": "boolean",
                 "list<string>": "string[]", "json string": "string"}
_LIST_KINDS = {"string": "string[]", "long": "long[]", "double": "double[]", "boolean": "boolean[]"}

Header = tuple[tuple[str, str], ...]  # (property, import type) per column after the id / ends


class BulkImportError(RuntimeError):
    """The import could not be prepared or the import tool failed; the message says what to do."""


def value_kind(value: Any) -> str | None:
    """The import column type of ``value`` (``long``, ``string[]`` …); None when a CSV cell
    cannot carry it (an empty list, a list of mixed types, a list item holding the array
    delimiter, anything Neo4j does not store)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list) and value:
        kinds = {value_kind(v) for v in value}
        if len(kinds) != 1:
            return None
        kind = _LIST_KINDS.get(kinds.pop() or "")
        if kind == "string[]" and any(ARRAY_DELIMITER in v for v in value):
            return None
        return kind
    return None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same double
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(map(_text, value))
    return str(value)


def _cell(value: Any) -> str:
    """One CSV field: quoted (so an empty string stays a string), or empty for a missing value."""
    if value is None:
        return ""
    return '"' + _text(value).replace('"', '""') + '"'


def _schema_kinds(props: tuple[S.Prop, ...]) -> dict[str, str]:
    return {p.name: _SCHEMA_KINDS[p.type] for p in props}


_NODE_KINDS = {label: _schema_kinds(spec.properties) for label, spec in S.NODE_LABELS.items()}
# the search document a clause carries in Neo4j (neo4j_store.stored_props)
_NODE_KINDS[S.CLAUSE].update(search_tokens="string", search_spans="long[]", search_facets="string",
                             search_length="long")
for _label in S.LINK_NORM_LABELS:  # the words running-text citations match (stored_props)
    _NODE_KINDS[_label]["link_norm"] = "string"
_REL_KINDS = {name: _schema_kinds(rel.properties) for name, rel in S.REL_TYPES.items()}


def split_row(props: dict[str, Any], schema_kinds: dict[str, str]) -> tuple[Header, list[Any], dict[str, Any]]:
    """(header, values, leftovers) of one row: every schema column (its type from the value, or
    the schema's when missing), then the row's other properties by name; ``leftovers`` holds
    the properties a CSV cell cannot carry."""
    header: list[tuple[str, str]] = []
    values: list[Any] = []
    leftovers: dict[str, Any] = {}
    extra = sorted(k for k in props if k not in schema_kinds and k != "id")
    for name in [*schema_kinds, *extra]:
        value = props.get(name)
        kind = schema_kinds.get(name) if value is None else value_kind(value)
        if value is not None and kind is None:
            leftovers[name] = value
            value, kind = None, schema_kinds.get(name)
        if kind is None:  # an extra property that is missing or cannot be written: no column
            continue
        header.append((name, kind))
        values.append(value)
    return tuple(header), values, leftovers


@dataclass
class ImportFiles:
    """The CSV files of one import and what they hold."""

    folder: Path
    nodes: list[tuple[str, Path]] = field(default_factory=list)  # (label, file)
    relationships: list[tuple[str, Path]] = field(default_factory=list)  # (type, file)
    node_count: int = 0
    relationship_count: int = 0
    # after the import: properties to set by id, per label; relationships to create, per
    # (type, start label, end label)
    leftover_props: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    leftover_rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)

    def size_bytes(self) -> int:
        """Bytes of every CSV file."""
        return sum(p.stat().st_size for _, p in [*self.nodes, *self.relationships])


class ImportCsvWriter:
    """Writes policy graphs as import CSVs under ``folder``; see the module docstring."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._files: dict[tuple[str, str, Header], tuple[Path, IO[str]]] = {}
        self._shared: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self._shared_rels: dict[tuple[str, str, str], tuple[str, str, dict[str, Any]]] = {}
        self._sources: set[str] = set()
        self._leftover_props: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._leftover_rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        self.node_count = 0
        self.relationship_count = 0

    def _file(self, kind: str, name: str, header: Header) -> IO[str]:
        key = (kind, name, header)
        entry = self._files.get(key)
        if entry is None:
            path = self.folder / f"{kind}_{name}_{len(self._files)}.csv"
            fh = path.open("w", encoding="utf-8", newline="")
            first = ["id:ID"] if kind == "nodes" else [":START_ID", ":END_ID"]
            fh.write(",".join([*first, *(f"{p}:{k}" for p, k in header)]) + "\n")
            entry = self._files[key] = (path, fh)
        return entry[1]

    def add_policy(self, pg: PolicyGraph) -> None:
        """Write one policy's owned nodes and relationships; merge its shared nodes.

        Raises ``ValueError`` (and writes nothing of it) when its structure is invalid or its
        source key was written already (two files named alike: load them without --bulk)."""
        validate_structure(pg)
        if pg.source_key in self._sources:
            raise ValueError(f"another file of this load has the same source key {pg.source_key!r}; "
                             "load such files without --bulk (the later one then replaces the earlier)")
        labels = pg.labels()
        lines: list[tuple[str, str, Header, str]] = []
        leftover_props: list[tuple[str, dict[str, Any]]] = []
        leftover_rels: list[tuple[tuple[str, str, str], dict[str, Any]]] = []
        shared: list[tuple[str, str, dict[str, Any]]] = []
        docs = {doc.id: doc for doc in clause_documents(pg.nodes, pg.rels)}
        for nid, label, props in pg.nodes:
            if label in S.SHARED_LABELS:
                shared.append((label, nid, props))
                continue
            header, values, leftovers = split_row(stored_props(label, props, docs.get(nid)), _NODE_KINDS[label])
            lines.append(("nodes", label, header, ",".join([_cell(nid), *map(_cell, values)])))
            if leftovers:
                leftover_props.append((label, {"id": nid, "props": leftovers}))
        shared_rels: list[tuple[tuple[str, str, str], tuple[str, str, dict[str, Any]]]] = []
        for rel_type, start, end, props in pg.rels:
            start_label, end_label = labels[start], labels[end]
            if S.is_shared_pair(start_label, end_label):
                shared_rels.append(((rel_type, start, end), (start_label, end_label, props)))
                continue
            header, values, leftovers = split_row(props, _REL_KINDS[rel_type])
            if leftovers:  # created with all its properties after the import
                leftover_rels.append(((rel_type, start_label, end_label), {"start": start, "end": end, "props": props}))
                continue
            lines.append(("rels", rel_type, header, ",".join([_cell(start), _cell(end), *map(_cell, values)])))
        # the whole policy is prepared: now record it
        self._sources.add(pg.source_key)
        for kind, name, header, line in lines:
            self._file(kind, name, header).write(line + "\n")
            if kind == "nodes":
                self.node_count += 1
            else:
                self.relationship_count += 1
        for label, row in leftover_props:
            self._leftover_props[label].append(row)
        for key, row in leftover_rels:
            self._leftover_rels[key].append(row)
        self.relationship_count += len(leftover_rels)
        for label, nid, props in shared:
            merged = self._shared[label]
            seen = merged.get(nid)
            merged[nid] = dict(props) if seen is None else _merge_shared(label, seen, props)
        for key, value in shared_rels:
            self._shared_rels.setdefault(key, value)  # the first writer's properties stay, like MERGE

    def finish(self) -> ImportFiles:
        """Write the shared nodes and relationships, close every file and return them."""
        for label, merged in self._shared.items():
            for nid, props in merged.items():
                # an accumulated list left empty is no property (cypher.MERGE_NODES sets it to null)
                kept = {k: v for k, v in props.items()
                        if v is not None and k != "id" and not (v == [] and k in S.ACCUMULATING_PROPS.get(label, ()))}
                header, values, leftovers = split_row(kept, _NODE_KINDS[label])
                self._file("nodes", label, header).write(",".join([_cell(nid), *map(_cell, values)]) + "\n")
                self.node_count += 1
                if leftovers:
                    self._leftover_props[label].append({"id": nid, "props": leftovers})
        for (rel_type, start, end), (start_label, end_label, props) in self._shared_rels.items():
            header, values, leftovers = split_row(props, _REL_KINDS[rel_type])
            self.relationship_count += 1
            if leftovers:
                self._leftover_rels[(rel_type, start_label, end_label)].append(
                    {"start": start, "end": end, "props": props})
                continue
            self._file("rels", rel_type, header).write(",".join([_cell(start), _cell(end), *map(_cell, values)]) + "\n")
        files = ImportFiles(self.folder, node_count=self.node_count, relationship_count=self.relationship_count,
                            leftover_props=dict(self._leftover_props), leftover_rels=dict(self._leftover_rels))
        for (kind, name, _), (path, fh) in self._files.items():
            fh.close()
            (files.nodes if kind == "nodes" else files.relationships).append((name, path))
        self._files.clear()
        return files


@dataclass
class ImportResult:
    """What the import tool reported."""

    nodes: int
    relationships: int
    properties: int
    seconds: float  # its own "IMPORT DONE in …"
    wall_seconds: float  # including the JVM's start
    output: str

    @property
    def relationships_per_s(self) -> float:
        """Relationships per second of the tool's own time."""
        return self.relationships / self.seconds if self.seconds > 0 else 0.0


_DURATION = re.compile(r"(\d+)(ms|h|m|s)\b")
_UNIT_S = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


def parse_import_output(output: str, wall_seconds: float = 0.0) -> ImportResult:
    """Read ``IMPORT DONE in 1m 2s 345ms`` and the ``Imported:`` counts of the tool's output."""
    done = re.search(r"IMPORT DONE in ([^.\n]*)", output)
    if done is None:
        raise BulkImportError(f"the import tool did not report IMPORT DONE; its output ends:\n{output[-2000:]}")
    seconds = sum(int(n) * _UNIT_S[u] for n, u in _DURATION.findall(done.group(1)))

    def count(what: str) -> int:
        found = re.search(rf"(\d+) {what}\b", output[done.start():])
        return int(found.group(1)) if found else 0

    return ImportResult(count("nodes"), count("relationships"), count("properties"), seconds, wall_seconds, output)


def import_command(lib_dir: Path, files: ImportFiles, database: str, *, java: str = "java", heap: str = "1g",
                   threads: int | None = None) -> list[str]:
    """The java command line of ``neo4j-admin database import full`` for ``files``.

    The database name comes right after ``full``: the file lists of ``--nodes`` and
    ``--relationships`` would take it as one more file."""
    cmd = [java, f"-Xmx{heap}", "-cp", str(lib_dir / "*"), ADMIN_TOOL, "database", "import", "full", database,
           "--overwrite-destination=true", "--multiline-fields=true",
           f"--array-delimiter={ARRAY_DELIMITER_OPTION}", f"--report-file={files.folder / 'import.report'}"]
    if threads:
        cmd.append(f"--threads={threads}")
    cmd += [f"--nodes={label}={path}" for label, path in files.nodes]
    cmd += [f"--relationships={rel_type}={path}" for rel_type, path in files.relationships]
    return cmd


def run_import(home: Path, lib_dir: Path, files: ImportFiles, database: str = "neo4j", *, java: str = "java",
               heap: str = "1g", timeout_s: float = 6 * 3600) -> ImportResult:
    """Import ``files`` into ``database`` of the (stopped) Neo4j whose home is ``home``,
    replacing what it holds: the caller checks that it is empty."""
    cmd = import_command(lib_dir, files, database, java=java, heap=heap)
    env = dict(os.environ, NEO4J_HOME=str(home))
    env.pop("NEO4J_CONF", None)  # the home's own (absent) configuration, as the embedded server has
    started = time.monotonic()
    try:
        out = subprocess.run(cmd, env=env, cwd=home, capture_output=True, text=True, timeout=timeout_s, check=False)
    except (FileNotFoundError, PermissionError) as exc:
        raise BulkImportError(f"Java not found ('{java}'): install Java 17 or newer") from exc
    except subprocess.TimeoutExpired as exc:
        raise BulkImportError(f"the import did not finish within {timeout_s:.0f} s") from exc
    output = out.stdout + out.stderr
    if out.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-25:])
        raise BulkImportError(f"neo4j-admin database import failed (exit {out.returncode}):\n{tail}\n"
                              f"The CSV files are kept in {files.folder} for a look.")
    return parse_import_output(output, time.monotonic() - started)


def count_nodes(driver: Driver, database: str) -> int:
    """Nodes in ``database`` other than the derived-links lock (0: empty for a bulk load)."""
    # "unknown label" is expected: an empty database has never seen the lock's label
    with driver.session(database=database, notifications_disabled_classifications=["UNRECOGNIZED"]) as session:
        record = session.run(Q.COUNT_NODES_BUT_LOCK).single(strict=True)
    return int(record["nodes"])


def _run_rows(tx: ManagedTransaction, query: str, rows: list[dict[str, Any]]) -> None:
    tx.run(query, rows=rows).consume()
    tx.run(Q.BUMP_DATA_VERSION).consume()


def _bump_version(tx: ManagedTransaction) -> None:
    tx.run(Q.BUMP_DATA_VERSION).consume()


def apply_leftovers(driver: Driver, database: str, files: ImportFiles, batch: int = 1000) -> None:
    """Set the properties and create the relationships the CSVs could not carry, then raise the
    data version (``cypher.BUMP_DATA_VERSION``) for the import itself: the import wrote outside
    any transaction and replaced the database, version node included, so the version is created
    anew here (a new epoch) when nothing else did."""
    with driver.session(database=database) as session:
        for label, rows in files.leftover_props.items():
            for part in chunks(rows, batch):
                session.execute_write(_run_rows, Q.BULK_SET_PROPS[label], part)
        for key, rows in files.leftover_rels.items():
            for part in chunks(rows, batch):
                session.execute_write(_run_rows, Q.BULK_CREATE_RELS[key], part)
        session.execute_write(_bump_version)
