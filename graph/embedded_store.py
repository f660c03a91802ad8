"""The embedded graph store: a networkx MultiDiGraph kept in memory and saved to one file.

Zero setup: ``EmbeddedStore.open(path)`` reads the file when it exists.  Its format
(:mod:`.embedded_file`) is networkx's adjacency dicts pickled with nothing but plain data in
them (reading it runs no code) together with the store's indexes, behind a magic line and
before a trailer with lengths and CRC-32s, so an open builds the graph in C instead of
inserting every node and edge in Python, and a file cut short or damaged is refused; older
formats are still read and converted when opened. The texts, keywords and ranges of clauses,
sections, instruments and targets stay in the file (:mod:`.embedded_cold`) and are read by
position when an answer shows the node (``_props``).  ``save()`` writes ``<file>.<pid>.tmp`` next to
it, flushes it to disk and renames it over the old one, so a reader (the API server) only
ever sees a whole file and a crash never leaves a torn one; a temporary file a killed
process left behind is removed by the next open or save.

Writers take ``fcntl.flock`` on ``<file>.lock`` (see :mod:`.file_lock`): ``exclusive()``
holds it around a whole load, re-reading the file first when another process replaced it
since it was read, so two loads run one after the other and both end up in the file; a
``save()`` outside it takes the lock for the write and refuses, rather than overwrite it,
a file another process replaced.

Memory is what limits the size of an embedded graph, so short strings that repeat across
nodes (ids, policy ids, types, keywords) are interned: each is stored once, however many
properties, edges and indexes refer to it; and relationships of equal type and properties
share one attribute dict (``embedded_file.CompactGraph``).

A policy write is atomic in memory: every change is recorded in an undo log and
reversed if anything fails before the write completes.
"""

from __future__ import annotations

import gc
import io
import itertools
import logging
import os
import sys
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import networkx as nx

from . import schema as S
from .embedded_cold import AT, COLD_PROPS, ColdRecords
from .embedded_file import (
    FILE_VERSION,
    LEGACY_FORMAT,
    CompactGraph,
    GraphFileError,
    Moved,
    count_relationships,
    is_binary,
    no_gc,
    read_graph,
    read_legacy,
    restore_nodes,
    write_graph,
)
from .file_lock import DEFAULT_LOCK_TIMEOUT_S, FileLock
from .linking import link_norm, policy_link_keys
from .model import PolicyGraph, normalize_doc_number, normalize_title, region_id
from .row_cache import RowCache
from .rw_lock import RWLock
from .search_index import ClauseIndex
from .search_text import Filters, analyzer, candidate_count, clause_documents, match_spans, rank
from .store import (
    BATCH_ROWS,
    POLICY_FACETS,
    DepartmentRole,
    DerivedLinks,
    Group,
    InstrumentQuery,
    InstrumentSort,
    Link,
    LinkJournal,
    LinkText,
    NodeView,
    Reference,
    Role,
    StoreUnavailable,
    WriteStatus,
    check_filters,
    check_link,
    check_page,
    check_value,
    clause_row_order,
    department_instrument_order,
    department_row,
    group_keys,
    group_provisions,
    in_force_on,
    instrument_matches,
    instrument_order,
    name_matches,
    node_dict,
    owning_policy,
    parse_order,
    path_rels,
    policy_facet,
    policy_matches,
    rel_dict,
    sort_outline,
    sort_related,
    sort_rels,
    validate_structure,
)
from .suggest import NameIndex, Suggestion

_T = TypeVar("_T")
_K = TypeVar("_K")
_V = TypeVar("_V")
log = logging.getLogger(__name__)
FILE_FORMAT = LEGACY_FORMAT
__all__ = ["FILE_FORMAT", "FILE_VERSION", "EmbeddedStore", "GraphFileError"]
INTERN_MAX_CHARS = 64  # longer strings (clause texts) rarely repeat
_NO_PROPS: dict[str, Any] = {}  # shared by every edge without properties; never mutated
# Instrument properties the embedded store indexes (value → instrument ids; a list indexes each item)
INSTRUMENT_INDEXED = ("type", "category", "beneficiary", "region", "province", "national",
                      "lead_ids", "co_ids", "lead_functions", "co_functions")


DEPARTMENT_LISTS_KEPT = 256  # departments whose read-ordered lists the store keeps (the most recently built)
# searches whose best clauses (ids, scores, match ranges) are kept until the next write, the most
# recently asked: a common word ranks tens of thousands of clauses, a repeated search none
SEARCHES_KEPT = 256


@dataclass(frozen=True)
class _DepartmentFacts:
    """What the department list shows of a department: the clauses it leads and co-owns, in
    all and per policy (``{policy id: [lead, co]}``, for dated counts), and its region."""

    lead: int
    co: int
    region: str | None
    per_policy: dict[str, list[int]]


class _ClauseRow(NamedTuple):
    """A clause a department is responsible for, as its lists keep it (a tuple, a third of a
    dict's memory: 256 departments' lists are kept); ``_clause_page`` gives the rows as dicts."""

    id: str
    label: Any
    heading: Any
    policy_id: Any
    lead: bool
    provision: Any


@dataclass(frozen=True)
class _DepartmentLists:
    """One department's lists in the order its reads give them: clause rows (``clause_row_order``),
    instrument ids per (role, type) (``department_instrument_order``) and the (clause, provision)
    pairs it shares with each other department."""

    clauses: list[_ClauseRow]
    instruments: dict[tuple[str, str], list[str]]
    partners: dict[str, set[tuple[str, Any]]]


class IdSets(dict[Any, Any]):
    """An index of key → set of node ids (``defaultdict(set)`` for writes) whose sets a file
    read hands over as tuples and become sets only when first asked for by key: an open then
    builds no hash table (about 2.4 million entries at 10,000 policies), and entries no answer
    asks for never take a set's memory. ``items()`` and ``values()`` give them as stored (a tuple
    or a set): for reading only."""

    def __missing__(self, key: Any) -> set[str]:
        value: set[str] = set()
        dict.__setitem__(self, key, value)
        return value

    def __getitem__(self, key: Any) -> set[str]:
        value = dict.__getitem__(self, key)
        if type(value) is tuple:
            value = set(value)
            dict.__setitem__(self, key, value)
        return value  # type: ignore[no-any-return]

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default

    def peek(self, key: Any, default: Any = ()) -> tuple[str, ...] | set[str]:
        """The entry as held (a tuple or a set), no set made of it: for a caller that only walks
        it once (a sort, a copy into a list)."""
        return dict.get(self, key, default)  # type: ignore[no-any-return]

    def fill(self) -> None:
        """Make every entry still held as a tuple its set now."""
        for key, value in dict.items(self):
            if type(value) is tuple:
                dict.__setitem__(self, key, set(value))

    def stored(self) -> dict[Any, tuple[str, ...]]:
        """The index as a file keeps it: plain tuples, which a read takes back without hashing."""
        return {key: value if type(value) is tuple else tuple(value) for key, value in dict.items(self)}


def _compact(value: Any, lists: dict[tuple[Any, ...], list[Any]] | None = None) -> Any:
    """``value`` with its short strings (also inside lists) interned; a list of short strings
    equal to one in ``lists`` is that list (the table learns each new one)."""
    if isinstance(value, str):
        return sys.intern(value) if len(value) <= INTERN_MAX_CHARS else value
    if isinstance(value, list):
        items = [_compact(item) for item in value]
        if lists is None or not all(isinstance(item, str) and len(item) <= INTERN_MAX_CHARS for item in items):
            return items
        return lists.setdefault(tuple(items), items)
    return value


def compact_props(props: dict[str, Any], lists: dict[tuple[Any, ...], list[Any]] | None = None) -> dict[str, Any]:
    """A copy of ``props`` with short strings interned and a simplified text equal to the
    text stored as the same string (most documents are written in simplified characters).

    With ``lists``, equal lists of short strings (an instrument's ``lead_ids``, ``co_functions``…,
    the same for every instrument of a provision and often of a whole city) are one shared
    list object, in memory and in the file: stored properties are replaced, never changed in
    place, so sharing them is safe."""
    out = {sys.intern(key): _compact(value, lists) for key, value in props.items()}
    if out.get("text_simplified") is not None and out.get("text_simplified") == out.get("text"):
        out["text_simplified"] = out["text"]
    return out


def default_graph_path() -> Path:
    """``$POLICYKG_DATA_DIR/policykg.graph``, or ``var/policykg.graph`` under the working directory."""
    return Path(os.environ.get("POLICYKG_DATA_DIR", "var")) / "policykg.graph"


def lock_path(path: Path | None) -> Path:
    """The lock file beside a graph file (``<file>.lock``); it stays there between loads."""
    assert path is not None
    return path.with_name(path.name + ".lock")


def temp_path(path: Path, pid: int) -> Path:
    """The temporary file process ``pid`` writes before renaming it over ``path``."""
    return path.with_name(f"{path.name}.{pid}.tmp")


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove the temporary files of ``path`` that killed writers left; call it holding the file lock
    (only the holder writes one, so every one found then is a dead writer's)."""
    removed = []
    for tmp in path.parent.glob(f"{path.name}.*.tmp"):
        if tmp.name[len(path.name) + 1:-len(".tmp")].isdigit():
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot sync a directory
    finally:
        os.close(fd)


SHARED_KEPT = 16  # (regions, date) selections whose department pairs shared_responsibility keeps


def _title_key(props: dict[str, Any]) -> str | None:
    """A cited document's normalised title (what a reference by title matches)."""
    title = props.get("title")
    return normalize_title(title) if title else None


class EmbeddedStore:
    """A ``GraphStore`` over an in-memory networkx MultiDiGraph persisted to one file."""

    def __init__(self, path: Path | str | None = None, lock_timeout: float = DEFAULT_LOCK_TIMEOUT_S) -> None:
        self.path = Path(path) if path is not None else None
        self.file_lock = FileLock(lock_path(self.path), lock_timeout) if self.path is not None else None
        self._file_id: tuple[int, int, int] | None = None  # (inode, size, mtime) of the file last read or written
        self.g: CompactGraph = CompactGraph()
        self._by_label: IdSets = IdSets()
        self._by_policy: IdSets = IdSets()
        self._by_source: dict[str, str] = {}
        self._clauses = ClauseIndex(self.path)  # the clause search index (graph.search_index)
        self._names: NameIndex | None = None  # suggestions, built on first use after each write
        self._rel_counts: dict[str, int] | None = None  # relationships per type, counted once after each write
        # (group, role) → region → key → instrument ids in cell order: built on first use after each write
        self._cells: dict[tuple[str, str], dict[str, dict[str, list[str]]]] = {}
        # (sort, descending, numbered_first) → instrument id → its place in that list order: built on
        # first use after each write, so a page of any index-only query is its matches sorted by place
        self._orders: dict[tuple[InstrumentSort, bool, bool], dict[str, int]] = {}
        self._derive_lock = threading.Lock()  # held while one reader builds the cells or an order (_derived)
        self._rows = RowCache()  # the rows of answers (kept_rows), under the write generation below
        self._generation = 0  # bumped whenever what is derived from the graph is dropped
        # (terms, filter tokens, limit, date) → the search's best clauses, until the next write (SEARCHES_KEPT)
        self._searches: OrderedDict[tuple[Any, ...], list[tuple[str, float, list[list[int]]]]] = OrderedDict()
        self._dept_facts: dict[str, _DepartmentFacts] = {}  # department → its counts and region, until a write
        # department → its lists in read order (_DepartmentLists), the most recently built ones, until a write
        self._dept_lists: dict[str, _DepartmentLists] = {}
        self._dept_lists_lock = threading.Lock()
        # (regions, date) → every pair of departments sharing clauses, strongest first, until a write
        self._shared: dict[tuple[tuple[str, ...] | None, str | None], list[tuple[int, str, str]]] = {}
        # (property, value) → ids: Instruments by INSTRUMENT_INDEXED, Policies by region
        self._by_value: IdSets = IdSets()
        self._lists: dict[tuple[Any, ...], list[Any]] = {}  # the shared property lists (compact_props)
        self.visits = 0  # nodes the per-resource reads looked at (tests check they do not scan)
        self._dirty = False
        self._convert = False  # read from a file in the older format: rewrite it on the next save
        self._records: ColdRecords | None = None  # the cold properties of the nodes read from the file
        self._lock = RWLock()  # reads run together, writes alone (see graph.rw_lock)
        self._search_lock = threading.Lock()
        self._undo: list[Callable[[], None]] | None = None
        # what policy writes changed since the derived links were complete (None: not known, as
        # after reading the file); ``_writes`` counts the policy writes, its version
        self._journal: LinkJournal | None = None
        self._writes = 0

    # --- file ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, lock_timeout: float = DEFAULT_LOCK_TIMEOUT_S) -> EmbeddedStore:
        """Open the graph file at ``path`` (default :func:`default_graph_path`); a missing file is an
        empty graph. ``lock_timeout``: how long a write waits for another process's load to end."""
        store = cls(path if path is not None else default_graph_path(), lock_timeout)
        assert store.path is not None and store.file_lock is not None
        if store.file_lock.try_acquire():  # nobody is writing: temporary files left are a dead writer's
            try:
                remove_stale_temps(store.path)
            finally:
                store.file_lock.release()
        store._read_file()
        store._sync_search_index()
        if store._convert:
            store._convert_now()
        return store

    def _convert_now(self) -> None:
        """Rewrite a file read in an older format in the current one now, unless another process
        holds its lock (then the next save does it)."""
        assert self.path is not None and self.file_lock is not None
        if not self.file_lock.try_acquire():
            return
        self.file_lock.release()
        log.warning("%s: converting the graph file to format version %d (once; older policykg versions "
                    "cannot read it afterwards)", self.path, FILE_VERSION)
        try:
            self.save()
        except (OSError, GraphFileError, StoreUnavailable) as err:
            # a folder this process cannot write, a file replaced or a load begun meanwhile: the
            # graph read is whole, the next save converts the file
            log.warning("%s: not converted (%s); the next load converts it", self.path, err)

    def _read_file(self) -> None:
        """Read the graph file (what it holds now) into this store."""
        assert self.path is not None
        try:
            fh = self.path.open("rb")
        except FileNotFoundError:
            self._file_id = None
            return
        with fh:  # the file read is the one opened, even if a writer replaces it meanwhile
            st = os.fstat(fh.fileno())
            self._file_id = _identity(st)
            self._load(fh, self.path, st.st_size)

    def _file_changed(self) -> bool:
        """Whether another process replaced (or removed) the graph file since this store read or wrote it."""
        assert self.path is not None
        try:
            return _identity(os.stat(self.path)) != self._file_id
        except FileNotFoundError:
            return self._file_id is not None

    def one_read(self, answer: Callable[[], _T]) -> _T:
        """``answer()``: each read of it holds the store's read lock, so it already sees whole loads."""
        return answer()

    def read_ahead(self, keys: list[tuple[Any, ...]]) -> None:
        """See ``GraphStore.read_ahead``: the kept parts are in this process; nothing to read."""

    def kept_rows(self, key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
        """See ``GraphStore.kept_rows``: computed from the store's indexes on first use and kept
        in memory until the next write (or the file changes), the most recently used up to
        ``row_cache.ROWS_BUDGET`` rows. Callers only read them."""
        return self.kept_rows_each([key], lambda missing: {k: compute() for k in missing})[key]

    def kept_rows_each(self, keys: list[tuple[Any, ...]],
                       compute: Callable[[list[tuple[Any, ...]]], dict[tuple[Any, ...], _T]]
                       ) -> dict[tuple[Any, ...], _T]:
        """See ``GraphStore.kept_rows_each``: those kept are read from memory (``kept_rows``),
        the others computed in one call and kept."""
        generation = self._generation
        found: dict[tuple[Any, ...], _T] = self._rows.get_many(generation, keys)
        missing = [key for key in keys if key not in found]
        if missing:
            computed = compute(missing)
            self._rows.put_many(generation, computed)
            found.update(computed)
        return found

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the graph file's lock for a whole load: wait (up to the lock timeout) for another
        process's load to end, work on the file's latest content (re-read if it changed), and save
        before letting go. Raises ``GraphFileBusy`` when the wait times out."""
        if self.path is None or self.file_lock is None:
            yield
            return
        with self._lock.write(), self.file_lock:
            remove_stale_temps(self.path)
            if self._file_changed():
                if self._dirty:
                    raise GraphFileError(f"{self.path} was replaced by another process while this one had unsaved "
                                         "changes; load the policies again")
                self._reset()
                self._read_file()
                self._sync_search_index()
            yield
            self.save()

    def _reset(self) -> None:
        self.g = CompactGraph()
        self._journal = None
        self._records = None
        self._by_label.clear()
        self._by_policy.clear()
        self._by_source.clear()
        self._by_value.clear()
        self._names = None
        self._rel_counts = None
        self._dirty = self._convert = False
        self._forget_derived()
        self._lists = {}
        # The graph read was frozen (see _load), and networkx's cached views make a cycle with it:
        # collect it now, before the next read freezes whatever is left over again.
        gc.unfreeze()
        gc.collect()

    def _forget_derived(self) -> None:
        """Drop what is derived from the graph and kept between reads (after a write or a read of the file)."""
        self._cells, self._orders, self._dept_facts, self._dept_lists, self._shared = {}, {}, {}, {}, {}
        self._generation += 1
        self._rows.move_to(self._generation)
        with self._search_lock:
            self._searches.clear()

    def _load(self, fh: Any, path: Path, size: int) -> None:
        """Read the graph file ``fh`` (``size`` bytes) into this (empty) store."""
        try:
            head = fh.read(64)
        except OSError as err:
            raise GraphFileError(f"{path}: cannot read the graph file ({err}); "
                                 "delete it and load the policies again") from err
        if is_binary(head):
            with no_gc():  # the graph and the indexes are millions of objects: no collection meanwhile
                self.g, version = read_graph(fh, path, size)
                self._rel_counts = self.g.saved_rel_counts
                if not self._take_indexes(self.g.saved_indexes):
                    self._index_all()
                self.g.saved_indexes = None
                # The graph just read lives as long as the store: keep the collector from walking its
                # millions of objects again on every full collection (a pause for every request then),
                # starting now (frozen before collection resumes: not even walked once).
                gc.freeze()
            if version == FILE_VERSION:
                self._records = ColdRecords(os.fdopen(os.dup(fh.fileno()), "rb", buffering=0), path)
            else:
                self._convert = True
        else:  # version 1: JSON
            fh.seek(0)
            read_legacy(io.TextIOWrapper(fh, encoding="utf-8"), path, self._add_node, self._put_edge)
            self._convert = True
        self._dirty = False

    def save(self) -> None:
        """Write the graph file atomically if anything changed since the last save.

        Under the file lock: the graph goes to ``<file>.<pid>.tmp`` in the same folder, is
        flushed to disk and renamed over the file. Raises ``GraphFileError`` rather than
        overwrite a file another process replaced since this store read it (its policies
        would be lost), and ``GraphFileBusy`` when another load holds the lock too long."""
        with self._lock.write():
            if self.path is None or self.file_lock is None or not (self._dirty or self._convert):
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.file_lock:
                remove_stale_temps(self.path)
                if self._file_changed():
                    raise GraphFileError(
                        f"{self.path} was replaced by another process since it was read; not overwriting it. "
                        "Load the policies again (loads wait for each other and keep every policy)")
                self._file_id = self._replace_file()
                self._clauses.commit(self._file_id)
            self._dirty = self._convert = False

    def _replace_file(self) -> tuple[int, int, int]:
        """Write the graph to a temporary file, fsync it, rename it over the graph file; the new file's identity."""
        assert self.path is not None
        tmp = temp_path(self.path, os.getpid())
        moved: Moved = []  # nodes now pointing at their records in the new file
        records = None
        try:
            with tmp.open("wb") as fh:
                self._write_file(fh, moved)
                fh.flush()
                os.fsync(fh.fileno())
                ident = _identity(os.fstat(fh.fileno()))
            records = ColdRecords.open(tmp, self.path)  # the new file, whatever name it has next
            os.replace(tmp, self.path)
        except BaseException:
            restore_nodes(moved)  # the nodes point at their records in the file they were read from again
            if records is not None:
                records.close()
            tmp.unlink(missing_ok=True)
            raise
        if self._records is not None:
            self._records.close()
        self._records = records
        _fsync_dir(self.path.parent)  # the rename itself survives a power cut
        return ident

    def _write_file(self, fh: Any, moved: Moved) -> None:
        """The graph, in the file format of :mod:`.embedded_file` (the nodes it changes noted in ``moved``)."""
        indexes = {"by_label": self._by_label.stored(), "by_policy": self._by_policy.stored(),
                   "by_source": self._by_source, "by_value": self._by_value.stored()}
        write_graph(fh, self.g, self._relationship_counts(), self._records, moved, indexes)

    def close(self) -> None:
        self.save()
        self._clauses.close()

    def ensure_schema(self) -> None:
        """Nothing to create: the embedded store keeps its indexes in memory."""

    # --- primitive changes (each records its inverse while a write is open) ----------

    def _record(self, inverse: Callable[[], None]) -> None:
        if self._undo is not None:
            self._undo.append(inverse)

    def _add_node(self, nid: str, label: str, props: dict[str, Any]) -> None:
        nid, label, props = sys.intern(nid), sys.intern(label), compact_props(props, self._lists)
        if "id" in props:
            props["id"] = nid
        self.g.add_node(nid, label=label, props=props)
        self._index_node(nid, label, props)
        self._record(lambda: self._remove_node(nid))

    def _take_indexes(self, saved: dict[str, Any] | None) -> bool:
        """Use the indexes the file kept (written with the graph by the same save); False when
        it kept none (a file of version 2) or they do not have the shape of this version's."""
        if saved is None:
            return False
        parts = [saved.get(key) for key in ("by_label", "by_policy", "by_source", "by_value")]
        if not all(isinstance(part, dict) for part in parts):
            return False
        by_label, by_policy, by_source, by_value = parts
        assert isinstance(by_label, dict) and isinstance(by_policy, dict) and isinstance(by_source, dict) \
            and isinstance(by_value, dict)
        self._by_label = IdSets(by_label)
        self._by_policy = IdSets(by_policy)
        self._by_source = by_source
        self._by_value = IdSets(by_value)
        return True

    def _index_all(self) -> None:
        """Enter every node of a graph just read in the indexes: ``_index_node`` for each, in one
        tight loop (the open of a large file spends most of its time here otherwise)."""
        by_label: dict[str, list[str]] = defaultdict(list)
        by_policy: dict[str, list[str]] = defaultdict(list)
        valued = {S.INSTRUMENT: INSTRUMENT_INDEXED, S.POLICY: ("region", "province"), S.DEPARTMENT: ("function",)}
        by_value = self._by_value
        for nid, data in self.g._node.items():
            label, props = data["label"], data["props"]
            by_label[label].append(nid)
            if "policy_id" in props:
                by_policy[props["policy_id"]].append(nid)
            keys = valued.get(label)
            if keys is None:
                continue
            if label == S.POLICY:
                self._by_source[props["source_key"]] = nid
            for key in keys:
                value = props.get(key)
                if value is None:
                    continue
                for item in value if isinstance(value, list) else (value,):
                    if item is not None:
                        by_value[(label, key, item)].add(nid)
        for label, ids in by_label.items():
            self._by_label[label].update(ids)
        for pid, ids in by_policy.items():
            self._by_policy[pid].update(ids)

    def _index_node(self, nid: str, label: str, props: dict[str, Any]) -> None:
        """Enter a node of the graph in the indexes (also for every node of a file read)."""
        self._by_label[label].add(nid)
        if label == S.POLICY:
            self._by_source[props["source_key"]] = nid
        if "policy_id" in props:
            self._by_policy[props["policy_id"]].add(nid)
        self._index_values(nid, label, props, add=True)

    def _index_values(self, nid: str, label: str, props: dict[str, Any], add: bool) -> None:
        """Add ``nid`` to (or remove it from) the value indexes of its label."""
        keys: tuple[str, ...]
        if label == S.INSTRUMENT:
            keys = INSTRUMENT_INDEXED
        elif label == S.POLICY:
            keys = ("region", "province")
        elif label == S.DEPARTMENT:
            keys = ("function",)
        else:
            return
        for key in keys:
            value = props.get(key)
            for item in value if isinstance(value, list) else [value]:
                if item is None:
                    continue
                entry = (label, key, item)
                if add:
                    self._by_value[entry].add(nid)
                else:
                    ids = self._by_value.get(entry)
                    if ids is not None:
                        ids.discard(nid)
                        if not ids:
                            del self._by_value[entry]

    def _remove_node(self, nid: str) -> None:
        label: str = self.g.nodes[nid]["label"]
        props = self._props(nid)
        edges = [(u, v, k, dict(d)) for u, v, k, d in self.g.in_edges(nid, keys=True, data=True)]
        edges += [(u, v, k, dict(d)) for u, v, k, d in self.g.out_edges(nid, keys=True, data=True) if u != v]
        self.g.remove_node(nid)
        self._by_label[label].discard(nid)
        if label == S.POLICY and self._by_source.get(props.get("source_key", "")) == nid:
            del self._by_source[props["source_key"]]
        if "policy_id" in props:
            self._by_policy[props["policy_id"]].discard(nid)
            if not self._by_policy[props["policy_id"]]:
                del self._by_policy[props["policy_id"]]
        self._index_values(nid, label, props, add=False)

        def restore() -> None:
            self._add_node(nid, label, props)
            for u, v, k, d in edges:
                self.g.add_edge(u, v, key=k, **d)

        self._record(restore)

    def _set_props(self, nid: str, props: dict[str, Any]) -> None:
        old = dict(self._props(nid))
        self._replace_props(nid, compact_props(props, self._lists))
        self._record(lambda: self._replace_props(nid, old))

    def _replace_props(self, nid: str, props: dict[str, Any]) -> None:
        data = self.g.nodes[nid]
        self._index_values(nid, data["label"], data["props"], add=False)
        data["props"] = props  # every property: none left on disk
        data.pop(AT, None)
        self._index_values(nid, data["label"], props, add=True)

    def _add_edge(self, rel_type: str, start: str, end: str, props: dict[str, Any]) -> None:
        for key, value in props.items():
            check_value(key, value)
        key = self._put_edge(rel_type, start, end, props)
        self._record(lambda: self.g.remove_edge(start, end, key))

    def _put_edge(self, rel_type: str, start: str, end: str, props: dict[str, Any]) -> Any:
        """Add an edge between existing nodes (ids interned: the edge shares their strings; its
        attribute dict is shared with the edges of equal type and properties)."""
        return self.g.add_shared_edge(sys.intern(start), sys.intern(end), sys.intern(rel_type),
                                      compact_props(props) if props else _NO_PROPS)

    def _remove_edge(self, start: str, end: str, key: Any) -> None:
        data = dict(self.g.edges[start, end, key])
        self.g.remove_edge(start, end, key)
        self._record(lambda: self.g.add_edge(start, end, key=key, **data))

    def _transaction(self, work: Callable[[], _T]) -> _T:
        """Run ``work`` so that it either completes or leaves the graph as it was."""
        with self._lock.write():
            self._undo = []
            self._clauses.begin()  # the search index changes with the graph, or not at all
            try:
                result = work()
            except BaseException:
                log, self._undo = self._undo, None  # inverses must not record
                for inverse in reversed(log):
                    inverse()
                self._clauses.end(ok=False)
                raise
            finally:
                self._undo = None
            self._clauses.end(ok=True)
            self._dirty = True
            self._names = None
            self._rel_counts = None
            self._forget_derived()
            return result

    # --- writes ------------------------------------------------------------------------

    def write_policy(self, pg: PolicyGraph) -> WriteStatus:
        """Write one policy atomically; see ``GraphStore.write_policy``."""
        validate_structure(pg)
        with self._lock.write():
            old = self._by_source.get(pg.source_key)
            if old == pg.policy_id and self.g.nodes[old]["props"].get("content_hash") == pg.content_hash:
                return "unchanged"
            return self._transaction(lambda: self._write(pg, old))

    def write_policies(self, pgs: list[PolicyGraph]) -> list[WriteStatus]:
        """Write several policies atomically, all or none; see ``GraphStore.write_policies``."""
        for pg in pgs:
            validate_structure(pg)

        def unchanged(pg: PolicyGraph) -> bool:
            old = self._by_source.get(pg.source_key)
            return old == pg.policy_id and self.g.nodes[old]["props"].get("content_hash") == pg.content_hash

        def work() -> list[WriteStatus]:
            statuses: list[WriteStatus] = []
            for pg in pgs:
                if unchanged(pg):
                    statuses.append("unchanged")
                else:
                    statuses.append(self._write(pg, self._by_source.get(pg.source_key), collect=False))
            if "replaced" in statuses:
                self._collect_orphans()
            return statuses

        with self._lock.write():
            if all(unchanged(pg) for pg in pgs):
                return ["unchanged"] * len(pgs)  # nothing to write, nothing to save
            return self._transaction(work)

    def _note_link_change(self, policy_id: str, props: dict[str, Any], doc_ids: Iterable[str] = ()) -> None:
        """Note in the link journal (undone with the transaction) a policy written or removed."""
        journal = self._journal
        self._writes += 1
        if journal is None:
            return
        before = (set(journal.policies), set(journal.keys))

        def undo() -> None:
            journal.policies, journal.keys = before
            self._writes -= 1

        self._record(undo)
        journal.policies.add(policy_id)
        journal.keys.update(policy_link_keys(props.get("title"), props.get("doc_number")))
        journal.keys.update(f"doc:{did}" for did in doc_ids)

    def _cited_titles(self, pg: PolicyGraph) -> dict[str, str | None]:
        """The normalised titles of the stored cited documents ``pg`` names by 文号."""
        return {nid: _title_key(self.g.nodes[nid]["props"]) for nid, label, _ in pg.nodes
                if label == S.CITED_DOCUMENT and nid in self.g}

    def _write(self, pg: PolicyGraph, old: str | None, collect: bool = True) -> WriteStatus:
        if old is not None:
            self._note_link_change(old, self._props(old))
            self._delete_owned(old)
        titles = self._cited_titles(pg)
        for nid, label, props in pg.nodes:
            for key, value in props.items():
                check_value(key, value)
            if nid in self.g:
                self._merge_node(nid, label, props)
            else:
                self._add_node(nid, label, props)
        for rel_type, start, end, props in pg.rels:
            if S.is_shared_pair(self.g.nodes[start]["label"], self.g.nodes[end]["label"]) and any(
                    d["type"] == rel_type for d in (self.g.get_edge_data(start, end) or {}).values()):
                continue  # stored once, like MERGE
            self._add_edge(rel_type, start, end, props)
        self._clauses.add(clause_documents(pg.nodes, pg.rels))
        # a cited document's title is its last writer's: the references to it may resolve anew
        retitled = [nid for nid, title in titles.items() if _title_key(self.g.nodes[nid]["props"]) != title]
        self._note_link_change(pg.policy_id, pg.nodes[0][2], retitled)
        if old is not None:
            if collect:
                self._collect_orphans()
            return "replaced"
        return "created"

    def _merge_node(self, nid: str, label: str, props: dict[str, Any]) -> None:
        current = self.g.nodes[nid]
        if current["label"] != label:
            raise ValueError(f"node {nid!r} is a {current['label']}, not a {label}")
        now = self._props(nid)
        merged = {**now, **props}
        for key in S.ACCUMULATING_PROPS.get(label, ()):
            old = now.get(key, [])
            merged[key] = old + [x for x in props.get(key, []) if x not in old]
        self._set_props(nid, merged)

    def _delete_owned(self, policy_id: str) -> None:
        self._clauses.remove_policy(policy_id)
        for nid in sorted(self._by_policy.get(policy_id, ())):
            self._remove_node(nid)

    def _anchored(self, nid: str) -> bool:
        labels = {self.g.nodes[m]["label"] for m in (*self.g.successors(nid), *self.g.predecessors(nid))}
        return bool(labels & set(S.ANCHOR_LABELS))

    def _collect_orphans(self) -> None:
        """Remove shared nodes nothing uses any more (rules in ``schema.ORPHAN_RULES``)."""
        for label in (S.DEPARTMENT, S.BENEFICIARY_TYPE, S.INSTRUMENT_TYPE, S.CITED_DOCUMENT):
            for nid in sorted(self._by_label[label]):
                if not self._anchored(nid):
                    self._remove_node(nid)
        for nid in sorted(self._by_label[S.FUNCTION]):
            if not any(d["type"] == "HAS_FUNCTION" for _, _, d in self.g.in_edges(nid, data=True)):
                self._remove_node(nid)
        while True:
            unused = [nid for nid in sorted(self._by_label[S.REGION])
                      if not any(d["type"] in ("IN_REGION", "PART_OF") for _, _, d in self.g.in_edges(nid, data=True))]
            if not unused:
                break
            for nid in unused:
                self._remove_node(nid)

    def delete_policy(self, source_key: str) -> bool:
        """Remove the policy loaded from ``source_key``; False when there is none."""
        with self._lock.write():
            old = self._by_source.get(source_key)
            if old is None:
                return False

            def work() -> None:
                self._note_link_change(old, self._props(old))
                self._delete_owned(old)
                self._collect_orphans()

            self._transaction(work)
            return True

    def set_derived_links(self, cites: list[Link] | None = None, similar: list[Link] | None = None,
                          cites_of: Collection[str] | None = None) -> None:
        """Replace the derived CITES (to a Policy; with ``cites_of`` only those from these policies
        and their clauses) and/or SIMILAR_TO relationships."""
        for link in cites or ():
            check_link(link, "CITES")
        for link in similar or ():
            check_link(link, "SIMILAR_TO")
        of = None if cites_of is None else set(cites_of)

        def replaced_cites(u: str) -> bool:
            if of is None:
                return True
            data = self.g.nodes[u]
            return u in of if data["label"] == S.POLICY else data["props"].get("policy_id") in of

        def work() -> None:
            doomed = [(u, v, k) for u, v, k, d in self.g.edges(keys=True, data=True)
                      if (similar is not None and d["type"] == "SIMILAR_TO")
                      or (cites is not None and d["type"] == "CITES" and self.g.nodes[v]["label"] == S.POLICY
                          and replaced_cites(u))]
            for u, v, k in doomed:
                self._remove_edge(u, v, k)
            for link in [*(cites or ()), *(similar or ())]:
                if self._label(link.start) == link.start_label and self._label(link.end) == link.end_label:
                    self._add_edge(link.type, link.start, link.end, link.props)

        with self._lock.write():
            self._transaction(work)

    def keep_figures(self, progress: Callable[[str], None] | None = None, incremental: bool = True) -> int:
        """See ``GraphStore.keep_figures``: the embedded store's answers read its own indexes."""
        return 0

    def rebuild_derived_links(self, compute: Callable[[], DerivedLinks],
                              scope: Callable[[], Collection[str] | None] | None = None) -> DerivedLinks:
        """Compute and replace the derived links (a load holds ``exclusive()``: nobody else writes);
        see ``GraphStore.rebuild_derived_links`` for ``scope``."""
        with self._lock.write():
            citing = scope() if scope is not None else None
            cites, similar = compute()
            self.set_derived_links(cites=cites, similar=similar, cites_of=citing)
            return cites, similar

    # --- incremental linking -------------------------------------------------------------

    def link_journal(self) -> LinkJournal:
        """See ``GraphStore.link_journal``: kept in memory since the links were last complete in
        this process (not known after the file is read)."""
        with self._lock.read():
            if self._journal is None:
                return LinkJournal(version=self._writes, known=False)
            return LinkJournal(set(self._journal.policies), set(self._journal.keys), self._writes)

    def mark_links_complete(self, version: Any) -> None:
        """See ``GraphStore.mark_links_complete``."""
        with self._lock.write():
            self._journal = LinkJournal(version=version) if version == self._writes else None

    def prepare_link_keys(self) -> None:
        """Nothing to store: the embedded store computes keys when it looks for them."""

    def resolved_citation_count(self) -> int:
        with self._lock.read():
            return sum(1 for _, v, d in self.g.edges(data=True)
                       if d["type"] == "CITES" and self.g.nodes[v]["label"] == S.POLICY)

    def citing_policies(self, keys: Collection[str]) -> set[str]:
        """See ``GraphStore.citing_policies``: the cited documents' keys are computed from their
        properties; a stem's running texts are found by reading every text (no index)."""
        keys = set(keys)
        found: set[str] = set()
        with self._lock.read():
            for did in sorted(self._by_label.get(S.CITED_DOCUMENT, ())):
                props = self.g.nodes[did]["props"]
                doc_keys = {f"doc:{did}"}
                if props.get("doc_number"):
                    doc_keys.add("no:" + normalize_doc_number(props["doc_number"]))
                if props.get("title"):
                    doc_keys.add(f"title:{_title_key(props)}")
                if doc_keys & keys:
                    found.update(u for u, _, d in self.g.in_edges(did, data=True)
                                 if d["type"] == "CITES" and self.g.nodes[u]["label"] == S.POLICY)
        stems = [k[len("stem:"):] for k in keys if k.startswith("stem:")]
        if stems:
            for label in (S.CLAUSE, S.SECTION):
                for _, policy_id, text, _ in self.link_texts(label):
                    if policy_id not in found:
                        norm = link_norm(text)
                        if any(stem in norm for stem in stems):
                            found.add(policy_id)
        return found

    def link_texts_of(self, label: str, policy_ids: Collection[str]) -> Iterator[LinkText]:
        S.check_label(label)
        with self._lock.read():
            ids = sorted(nid for pid in policy_ids for nid in self._by_policy.get(pid, ())
                         if self.g.nodes[nid]["label"] == label)
            out = []
            for nid in ids:
                p = self._props(nid)
                out.append((nid, p.get("policy_id", ""), p.get("text_simplified") or p.get("text", ""), p.get("label")))
        return iter(out)

    def references_of(self, policy_ids: Collection[str] | None) -> list[Reference]:
        with self._lock.read():
            if policy_ids is None:
                starts: Iterable[str] = [*self._by_label.get(S.POLICY, ()), *self._by_label.get(S.CLAUSE, ())]
            else:
                starts = [nid for pid in policy_ids if pid in self.g
                          for nid in (pid, *self._by_policy.get(pid, ())) if self.g.nodes[nid]["label"] in
                          (S.POLICY, S.CLAUSE)]
            out: list[tuple[str, str, Reference]] = []
            for start in starts:
                label = self.g.nodes[start]["label"]
                policy_id = start if label == S.POLICY else self.g.nodes[start]["props"].get("policy_id", "")
                for _, end, d in self.g.out_edges(start, data=True):
                    if d["type"] != "CITES" or self.g.nodes[end]["label"] != S.CITED_DOCUMENT:
                        continue
                    doc = self.g.nodes[end]["props"]
                    out.append((start, end, (start, label, policy_id, d["props"].get("text", ""),
                                             doc.get("doc_number"), doc.get("title"))))
        out.sort(key=lambda row: (row[0], row[1]))
        return [row for _, _, row in out]

    def clear(self) -> None:
        with self._lock.write():
            self.g.clear()
            self._journal = None
            self._by_label.clear()
            self._by_policy.clear()
            self._by_source.clear()
            self._clauses.clear()
            self._names = None
            self._rel_counts = None
            self._by_value.clear()
            self._forget_derived()
            self._dirty = True

    # --- reads -------------------------------------------------------------------------

    def _label(self, nid: str) -> str | None:
        data = self.g.nodes.get(nid)
        return data["label"] if data else None

    # networkx's edge views cost more than the walk itself on nodes with thousands of
    # relationships (a city's bureau at 10,000 policies): the hot reads walk its adjacency dicts

    def _out(self, nid: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
        """(end node, relationship properties) of each ``rel_type`` relationship leaving ``nid``,
        in the order networkx's ``out_edges`` gives them."""
        return [(v, d["props"]) for v, keyed in self.g._succ[nid].items() for d in keyed.values()
                if d["type"] == rel_type]

    def _in(self, nid: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
        """(start node, relationship properties) of each ``rel_type`` relationship into ``nid``,
        in the order networkx's ``in_edges`` gives them."""
        return [(u, d["props"]) for u, keyed in self.g._pred[nid].items() for d in keyed.values()
                if d["type"] == rel_type]

    def _props(self, nid: str) -> dict[str, Any]:
        """Every property of a node: those in memory and those it keeps on disk (embedded_cold)."""
        data = self.g._node[nid]
        at = data.get(AT)
        if at is None:
            return data["props"]  # type: ignore[no-any-return]
        assert self._records is not None
        return {**data["props"], **self._records.read(at, nid)}

    def _node(self, nid: str) -> dict[str, Any]:
        return node_dict(nid, self.g._node[nid]["label"], self._props(nid))

    def _nodes(self, nids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """``_node`` of each of ``nids`` (all in the graph), by id, reading each record of cold
        properties once."""
        nodes = self.g._node
        ids = list(dict.fromkeys(nids))
        stored = [(nodes[n][AT], n) for n in ids if nodes[n].get(AT) is not None]
        cold = self._records.read_many(stored) if stored and self._records is not None else {}
        return {n: node_dict(n, nodes[n]["label"], {**nodes[n]["props"], **cold[n]} if n in cold else nodes[n]["props"])
                for n in ids}

    def fill_indexes(self) -> None:
        """Make the index entries a file read handed over as tuples sets now, all at once.

        A short-lived process (a load, a command) makes only the sets it asks for; a server
        calls this before it takes the graph out of the garbage collector's reach
        (``gc.freeze``): sets made one by one after that would be walked by every full
        collection, which measurably slows every request under load."""
        with self._lock.read():
            for index in (self._by_label, self._by_policy, self._by_value):
                index.fill()

    def _relationship_counts(self) -> dict[str, int]:
        """Relationships per type: from the file read or the last count, counted again only after a write."""
        if self._rel_counts is None:
            self._rel_counts = count_relationships(self.g)
        return self._rel_counts

    def counts(self) -> dict[str, dict[str, int]]:
        with self._lock.read():
            rels = {t: 0 for t in S.REL_TYPES}
            rels.update(self._relationship_counts())
            return {"nodes": {label: len(self._by_label.get(label, ())) for label in S.NODE_LABELS},
                    "relationships": rels}

    def get_node(self, node_id: str, label: str | None = None) -> dict[str, Any] | None:
        with self._lock.read():
            node = self._node(node_id) if node_id in self.g else None
            return node if node is None or label is None or node["label"] == S.check_label(label) else None

    def find_nodes(self, label: str, filters: dict[str, Any] | None = None, limit: int | None = 100,
                   offset: int = 0, order_by: str | None = None) -> list[dict[str, Any]]:
        S.check_label(label)
        filters = check_filters(label, filters)
        check_page(limit, offset)
        prop, desc = parse_order(label, order_by)
        with self._lock.read():
            rows = []
            candidates = self._by_label.get(label, set())
            if isinstance(filters.get("policy_id"), str):  # the nodes of one policy: use its index
                candidates = self._by_policy.get(filters["policy_id"], set()) & candidates
            # properties kept on disk are read for every candidate only when a filter or the order
            # needs them; else only for the page
            cold = COLD_PROPS.get(label, frozenset())
            whole = bool(cold.intersection(filters) or prop in cold)
            for nid in candidates:
                props = {**(self._props(nid) if whole else self.g.nodes[nid]["props"]), "id": nid}
                if all(k in props and props[k] == v for k, v in filters.items()):
                    rows.append(props)
            rows.sort(key=lambda p: p["id"])
            if prop != "id" or desc:
                present = sorted((p for p in rows if p.get(prop) is not None), key=lambda p: p[prop], reverse=desc)
                missing = [p for p in rows if p.get(prop) is None]
                rows = missing + present if desc else present + missing  # Neo4j: nulls last ascending, first descending
            end = None if limit is None else offset + limit
            rows = rows[offset:end]
            if cold and not whole:
                rows = [{**self._props(p["id"]), "id": p["id"]} for p in rows]
        return [node_dict(p["id"], label, p) for p in rows]

    def related(self, node_id: str, rel_type: str, direction: str = "out") -> list[tuple[dict[str, Any], dict[str, Any]]]:
        S.check_rel_type(rel_type)
        S.check_direction(direction)
        with self._lock.read():
            if node_id not in self.g:
                return []
            out: list[tuple[dict[str, Any], dict[str, Any]]] = []
            if direction in ("out", "both"):
                out += [(dict(d["props"]), self._node(v)) for _, v, d in self.g.out_edges(node_id, data=True)
                        if d["type"] == rel_type]
            if direction in ("in", "both"):
                out += [(dict(d["props"]), self._node(u)) for u, _, d in self.g.in_edges(node_id, data=True)
                        if d["type"] == rel_type]
            return sort_related(out)

    def related_many(self, node_ids: list[str], rel_type: str, direction: str = "out"
                     ) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
        # in memory a read per node costs no round trip
        return {i: self.related(i, rel_type, direction) for i in node_ids}

    def related_kinds(self, node_ids: list[str], kinds: tuple[tuple[str, str], ...]
                      ) -> dict[tuple[str, str], dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]]:
        return {key: self.related_many(node_ids, *key) for key in kinds}

    def node_view(self, node_id: str, label: str, kinds: tuple[tuple[str, str], ...]) -> NodeView | None:
        extra = next((x for lab, k, x in S.NODE_VIEWS if (lab, k) == (S.check_label(label), kinds)), None)
        if extra is None:
            raise ValueError(f"no view of {label} with {kinds}: use one of schema.NODE_VIEWS")
        with self._lock.read():
            node = self.get_node(node_id, label)
            if node is None:
                return None
            related = {key: by_id[node_id] for key, by_id in self.related_kinds([node_id], kinds).items()}
            if extra == "outline":
                return NodeView(node, related, outline=self.policy_outline(node_id))
            named = {node["properties"].get("policy_id"),
                     *(other["properties"].get("policy_id") for items in related.values() for _, other in items)}
            policies = self.get_nodes(sorted(i for i in named if i), S.POLICY)
            return NodeView(node, related, policies={n["id"]: n for n in policies})

    def neighbourhood(self, node_id: str, depth: int = 1, limit: int = 200, in_force_on: str | None = None
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        with self._lock.read():
            if node_id not in self.g:
                return [], []
            in_force = self._in_force(in_force_on)
            chosen = [node_id]
            seen = {node_id}
            frontier = [node_id]
            for _ in range(depth):
                found: set[str] = set()
                for nid in frontier:
                    found.update(self.g.successors(nid))
                    found.update(self.g.predecessors(nid))
                frontier = sorted(n for n in found - seen if in_force(n))
                room = limit - len(chosen)
                frontier = frontier[:max(0, room)]
                chosen += frontier
                seen.update(frontier)
                if not frontier or len(chosen) >= limit:
                    break
            keep = set(chosen)
            rels = [rel_dict(d["type"], u, v, d["props"])
                    for u in chosen for _, v, d in self.g.out_edges(u, data=True) if v in keep]
            return [self._node(n) for n in chosen], sort_rels(rels)

    def _sync_search_index(self) -> None:
        """Rebuild the search index from the graph unless it is the index of the file just read."""
        if self._clauses.matches(self._file_id):
            return
        docs = []
        for pid in sorted(self._by_label.get(S.POLICY, ())):
            owned = sorted(self._by_policy.get(pid, set()) | {pid})
            nodes = [(nid, self.g.nodes[nid]["label"], self._props(nid)) for nid in owned]
            rels = [(d["type"], u, v, d["props"]) for nid, label, _ in nodes if label == S.CLAUSE
                    for u, v, d in self.g.out_edges(nid, data=True) if d["type"] == "ADDRESSES"]
            docs.extend(clause_documents(nodes, rels))
        self._clauses.rebuild(docs, self._file_id)

    def shortest_path(self, start: str, end: str, max_hops: int, in_force_on: str | None = None
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        with self._lock.read():
            ids = self._shortest_ids(start, end, max_hops, in_force_on)
            if ids is None:
                return [], []
            rels = [rel_dict(d["type"], u, v, d["props"])
                    for u in ids for _, v, d in self.g.out_edges(u, data=True) if v in ids]
            return [self._node(n) for n in ids], path_rels(ids, rels)

    def _shortest_ids(self, start: str, end: str, max_hops: int, in_force_on: str | None = None) -> list[str] | None:
        """Ids of the smallest-by-ids shortest undirected path, through nodes in force on
        ``in_force_on`` besides its ends, or None (caller holds the lock)."""
        if start not in self.g or end not in self.g:
            return None
        if start == end:
            return [start]
        undirected: Any = self.g.to_undirected(as_view=True)
        if in_force_on is not None:
            in_force = self._in_force(in_force_on)
            undirected = nx.subgraph_view(undirected, filter_node=lambda n: n in (start, end) or in_force(n))
        try:
            hops = int(nx.shortest_path_length(undirected, start, end))
        except nx.NetworkXNoPath:
            return None
        if hops > max_hops:
            return None
        # distances to ``end``; then from ``start`` always step to the smallest id one hop
        # nearer: the smallest path by ids among the shortest, as Neo4j's ORDER BY picks it
        dist = nx.single_source_shortest_path_length(undirected, end, cutoff=hops - 1)
        path = [start]
        for remaining in range(hops - 1, -1, -1):
            path.append(min(n for n in undirected.neighbors(path[-1]) if dist.get(n) == remaining))
        return path

    def search_clauses(self, query: str, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
        """See ``GraphStore.search_clauses``: candidates from the FTS5 index, ranked by ``search_text.rank``."""
        terms = analyzer().query_tokens(query)
        if not terms or limit <= 0:
            return []
        filters = filters or Filters()
        on = filters.in_force_on
        key = (tuple(terms), tuple(filters.tokens()), limit, on)
        with self._lock.read():
            generation = self._generation
            with self._search_lock:
                found = self._searches.get(key)
                if found is not None:
                    self._searches.move_to_end(key)
                else:  # one SQLite connection: one search on it at a time
                    hits = self._clauses.candidates(terms, filters.tokens(), candidate_count(limit, on is not None))
                    in_force = self._in_force(on)
                    candidates = [c for c in hits if c.id in self.g and in_force(c.id)]
                    top = rank(candidates, terms, self._clauses.stats(terms), limit)
                    spans = self._clauses.spans([cid for cid, _ in top])
                    found = [(cid, score, match_spans(*spans[cid], terms)) for cid, score in top]
                    if generation == self._generation:
                        self._searches[key] = found
                        while len(self._searches) > SEARCHES_KEPT:
                            self._searches.popitem(last=False)
            return [{**self._node(cid), "score": score, "matches": matches} for cid, score, matches in found]

    def suggest(self, q: str, limit: int = 10) -> list[Suggestion]:
        """See ``GraphStore.suggest``: from the sorted name index."""
        with self._lock.read():
            if self._names is None:
                self._names = NameIndex(
                    Suggestion(label, nid, name) for label, prop in S.SUGGEST_NAMES.items()
                    for nid in self._by_label.get(label, ())
                    if isinstance(name := self.g.nodes[nid]["props"].get(prop), str) and name)
            return self._names.suggest(q, limit)

    def name_search(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """See ``GraphStore.name_search``: names are kept in memory, so each label's nodes are
        checked in id order until ``limit`` are found."""
        found: list[str] = []
        with self._lock.read():
            for label in S.NAME_SEARCH_LABELS:
                props, lists = S.name_search_props(label)
                for nid in sorted(self._by_label.get(label, ())):
                    if len(found) >= limit:
                        break
                    p = self.g.nodes[nid]["props"]
                    values = [p.get(k) for k in props] + [x for k in lists for x in p.get(k) or ()]
                    if any(isinstance(v, str) and q in v for v in values):
                        found.append(nid)
            return [self._node(nid) for nid in found]

    def link_texts(self, label: str) -> Iterator[LinkText]:
        S.check_label(label)
        with self._lock.read():
            ids = sorted(self._by_label.get(label, ()))
        for start in range(0, len(ids), BATCH_ROWS):
            with self._lock.read():  # a page under the lock: a write between pages waits no longer
                for nid in ids[start:start + BATCH_ROWS]:
                    if not self.g.has_node(nid):
                        continue  # deleted since the ids were taken
                    p = self._props(nid)
                    yield nid, p.get("policy_id", ""), p.get("text_simplified") or p.get("text", ""), p.get("label")

    def all_policies(self) -> list[dict[str, Any]]:
        with self._lock.read():
            return [self._node(nid) for nid in sorted(self._by_label.get(S.POLICY, ()))]

    def relationships(self, rel_type: str, limit: int | None = None) -> list[dict[str, Any]]:
        S.check_rel_type(rel_type)
        with self._lock.read():
            rels = sort_rels([rel_dict(d["type"], u, v, d["props"]) for u, v, d in self.g.edges(data=True)
                              if d["type"] == rel_type])
        return rels if limit is None else rels[:limit]

    # --- per-resource reads ------------------------------------------------------------

    def _ids_with(self, key: str, values: Any) -> set[str]:
        out: set[str] = set()
        for value in values:
            out |= self._by_value.get((S.INSTRUMENT, key, value), set())
        return out

    def _filter_entries(self, q: InstrumentQuery, held: bool = False) -> list[list[Any]] | None:
        """One option per filter of ``q``: the index entries whose union holds exactly the
        instruments that pass that filter (an instrument matches ``q`` when it is in every
        option). None when ``q`` filters on nothing. ``held``: the entries as held (tuples or
        sets, ``IdSets.peek``), for a caller that only walks them; else as sets."""
        empty: set[str] = set()

        def entries(key: str, values: Any) -> list[Any]:
            if held:
                return [self._by_value.peek((S.INSTRUMENT, key, value)) for value in values]
            return [self._by_value.get((S.INSTRUMENT, key, value), empty) for value in values]

        options: list[list[set[str]]] = []
        if q.region is not None:
            options.append(entries("region", [q.region]) + (entries("province", [q.region]) if q.within else []))
        if q.regions is not None:
            options.append(entries("region", q.regions) + (entries("national", [True]) if q.national else []))
        for key, kind in (("department", "ids"), ("function", "functions")):
            wanted = getattr(q, key)
            if wanted is not None:
                roles = {"lead": ["lead"], "co": ["co"], "any": ["lead", "co"]}[q.role]
                options.append([e for role in roles for e in entries(f"{role}_{kind}", [wanted])])
        for key in ("type", "category", "beneficiary"):
            if getattr(q, key) is not None:
                options.append(entries(key, [getattr(q, key)]))
        if not options:
            return None
        options.sort(key=lambda sets: sum(map(len, sets)))
        return options

    def _instrument_candidates(self, q: InstrumentQuery) -> set[str]:
        """The smallest index entry that contains every instrument ``q`` can match. Each option
        is a union of index sets, sized before any is copied: a read of a small department
        does not copy the tens of thousands of ids of its type."""
        options = self._filter_entries(q)
        if options is None:
            return set(self._by_label.get(S.INSTRUMENT, ()))
        best = options[0]
        found = best[0] if len(best) == 1 else set().union(*best)
        for other in options[1:]:  # narrowed by every other single index entry (the smaller set is walked)
            if len(other) == 1:
                found = found & other[0]
        return found

    @staticmethod
    def _index_only(q: InstrumentQuery) -> bool:
        """Whether every filter of ``q`` is an index entry (no rate or cap range)."""
        return all(v is None for v in (q.min_rate, q.max_rate, q.min_cap, q.max_cap))

    def _matching_ids(self, q: InstrumentQuery) -> list[str]:
        """The ids of the instruments matching ``q``, for a ``q`` that is ``_index_only``: the
        smallest option's ids kept when every other option holds them, no property read."""
        options = self._filter_entries(q, held=True)
        if options is None:
            found: Iterable[str] = self._by_label.peek(S.INSTRUMENT)
        elif len(options) == 1:
            # one filter: its entries walked once into the list, as held (no set made and kept)
            entries = [entry for entry in options[0] if entry]
            found = entries[0] if len(entries) == 1 else dict.fromkeys(itertools.chain(*entries)).keys()
            self.visits += len(found)
        else:
            options = self._filter_entries(q)  # intersections: the entries as sets
            assert options is not None
            first, others = options[0], options[1:]
            found = first[0] if len(first) == 1 else set().union(*first)
            self.visits += len(found)
            for other in others:  # set intersections walk the smaller side
                kept: set[str] = set()
                for entry in other:
                    kept |= found & entry
                found = kept
        if q.in_force_on is None:
            return list(found)
        in_force = self._in_force(q.in_force_on)
        return [nid for nid in found if in_force(nid)]

    def _order(self, sort: InstrumentSort, descending: bool, numbered_first: bool) -> dict[str, int]:
        """Instrument id → its place in the list order ``instrument_order`` gives: one sort of
        every instrument on first use after a write (caller holds the lock)."""
        def build() -> dict[str, int]:
            nodes = self.g.nodes
            ordered = sorted(self._by_label.peek(S.INSTRUMENT),
                             key=lambda nid: instrument_order(nodes[nid]["props"], sort, descending, numbered_first,
                                                              nid))
            return {nid: place for place, nid in enumerate(ordered)}

        return self._derived(self._orders, (sort, descending, numbered_first), build)

    def _derived(self, kept: dict[_K, _V], key: _K, build: Callable[[], _V]) -> _V:
        """``kept[key]``, built by ``build()`` on first use: by one reader while the others wait
        (readers building it side by side would each hold a copy, tens of MB, at once)."""
        value = kept.get(key)
        if value is None:
            with self._derive_lock:
                value = kept.get(key)
                if value is None:
                    value = kept[key] = build()
        return value

    def _sorted_ids(self, q: InstrumentQuery, sort: InstrumentSort, descending: bool,
                    numbered_first: bool) -> list[str]:
        """The ids matching ``q`` in list order; from index entries and the kept order when ``q`` is
        ``_index_only``, else by reading and sorting the matches (caller holds the lock)."""
        if self._index_only(q):
            ids = self._matching_ids(q)
            ids.sort(key=self._order(sort, descending, numbered_first).__getitem__)
            return ids
        found = self._matching(q)
        found.sort(key=lambda p: instrument_order(p, sort, descending, numbered_first))
        return [p["id"] for p in found]

    def _in_force(self, on: str | None) -> Callable[[str], bool]:
        """Whether a node belongs to no policy or to one in force on ``on`` (every one when None),
        each policy checked once (caller holds the lock)."""
        if on is None:
            return lambda _nid: True
        nodes, policies = self.g.nodes, {}

        def ok(nid: str) -> bool:
            data = nodes[nid]
            pid = owning_policy(data["label"], nid, data["props"])
            if pid is None:
                return True
            if pid not in policies:
                policies[pid] = pid in nodes and in_force_on(nodes[pid]["props"], on)
            return policies[pid]

        return ok

    def _matching(self, q: InstrumentQuery) -> list[dict[str, Any]]:
        out = []
        candidates = self._instrument_candidates(q)
        self.visits += len(candidates)
        in_force = self._in_force(q.in_force_on)
        for nid in candidates:
            props = {**self.g.nodes[nid]["props"], "id": nid}
            if instrument_matches(props, q) and in_force(nid):
                out.append(props)
        return out

    # The compare matrix's cells (regions × functions, types or beneficiaries) as sorted lists,
    # so that a cell's count is a length and its first instruments a slice.

    def _cell_index(self, group: Group, role: Role) -> dict[str, dict[str, list[str]]]:
        """region → key (``group_keys``) → ids of the instruments of that cell, in cell order
        (those with a number first, then policy and document order): one pass over the
        instruments on first use after a write."""
        role = role if group == "function" else "lead"  # only a function's keys depend on the role
        return self._derived(self._cells, (group, role), lambda: self._build_cell_index(group, role))

    def _build_cell_index(self, group: Group, role: Role) -> dict[str, dict[str, list[str]]]:
        """The cells of ``_cell_index``, from one pass over the instruments."""
        nodes = self.g.nodes
        found: dict[str, dict[str, list[tuple[int, str, str]]]] = defaultdict(lambda: defaultdict(list))
        for nid in self._by_label.peek(S.INSTRUMENT):
            props = nodes[nid]["props"]
            entry = (0 if props.get("has_number") else 1, props.get("sort_key") or "", nid)
            for key in group_keys(props, group, role):
                found[props.get("region") or ""][key].append(entry)
        return {region: {key: [e[2] for e in sorted(entries)] for key, entries in keys.items()}
                for region, keys in found.items()}

    @staticmethod
    def _cell_shape(q: InstrumentQuery) -> tuple[Group, str] | None | bool:
        """Whether ``q`` asks for cells of the matrix: regions, a role, a date and at most one
        of function, type or beneficiary. False: it does not; None: it does, without a key
        (every cell of the regions); else (group, key): the cells of that key."""
        if q.regions is None or q.national or q.region is not None or q.department is not None \
                or q.category is not None or any(v is not None for v in (q.min_rate, q.max_rate, q.min_cap, q.max_cap)):
            return False
        keys: tuple[tuple[Group, str | None], ...] = (("function", q.function), ("type", q.type),
                                                      ("beneficiary", q.beneficiary))
        given = [(g, v) for g, v in keys if v is not None]
        return False if len(given) > 1 else given[0] if given else None

    def _cell_lists(self, q: InstrumentQuery, group: Group) -> Iterator[tuple[str, str, list[str]]]:
        """(region, key, ids in cell order) of every non-empty cell of ``q``'s regions, kept to
        the instruments in force on ``q.in_force_on`` when it is given (the stored list itself
        when not: callers must not change it)."""
        index = self._cell_index(group, q.role)
        in_force = self._in_force(q.in_force_on)
        for region in dict.fromkeys(q.regions or ()):
            for key, ids in index.get(region, {}).items():
                kept = ids if q.in_force_on is None else [i for i in ids if in_force(i)]
                if kept:
                    yield region, key, kept

    def instrument_page(self, q: InstrumentQuery, sort: InstrumentSort = None, descending: bool = True,
                        numbered_first: bool = False, limit: int = 50, offset: int = 0) -> tuple[list[str], int]:
        check_page(limit, offset)
        shape = self._cell_shape(q)
        with self._lock.read():
            if isinstance(shape, tuple) and sort is None and numbered_first \
                    and len(set(q.regions or ())) == 1:  # one cell of the matrix: a slice of its list
                ids = self._cell_index(shape[0], q.role).get((q.regions or ("",))[0], {}).get(shape[1], [])
                if q.in_force_on is not None:
                    in_force = self._in_force(q.in_force_on)
                    ids = [i for i in ids if in_force(i)]
                return ids[offset:offset + limit], len(ids)
            ids = self._sorted_ids(q, sort, descending, numbered_first)
        return ids[offset:offset + limit], len(ids)

    def provision_page(self, q: InstrumentQuery, limit: int = 50, offset: int = 0) -> tuple[list[list[str]], int]:
        check_page(limit, offset)
        with self._lock.read():
            ids = self._sorted_ids(q, None, True, False)
        groups = group_provisions(ids)
        return groups[offset:offset + limit], len(groups)

    def instrument_details(self, ids: list[str]) -> list[dict[str, Any]]:
        out = []
        # instruments of a page often share a provision, and its departments recur across the
        # page: each provision's departments are read, and each department built, once per call
        # (rows share them: callers only read them)
        provisions: dict[tuple[Any, Any], tuple[list[Any], list[Any]]] = {}
        departments: dict[str, dict[str, Any]] = {}

        def department(nid: str) -> dict[str, Any]:
            node = departments.get(nid)
            if node is None:
                node = departments[nid] = self._node(nid)
            return node

        with self._lock.read():
            instruments = self._nodes(i for i in ids if self._label(i) == S.INSTRUMENT)
            for iid in ids:
                if iid not in instruments:
                    continue
                props = self.g.nodes[iid]["props"]
                cid, pid, provision = props.get("clause_id"), props.get("policy_id"), props.get("provision")
                policy = self.g.nodes[pid]["props"] if pid in self.g else {}
                found = provisions.get((cid, provision))
                if found is None:
                    responsible, mentions = [], []
                    if cid in self.g:
                        responsible = [(dict(rel), department(u)) for u, rel in self._in(cid, "RESPONSIBLE_FOR")
                                       if rel.get("provision") == provision]
                        mentions = [(dict(rel), department(v)) for v, rel in self._out(cid, "MENTIONS")]
                    found = provisions[(cid, provision)] = (sort_related(responsible), sort_related(mentions))
                out.append({"instrument": instruments[iid],
                            "policy": {k: policy.get(k) for k in ("title", "region", "province")},
                            "responsible": found[0], "mentions": found[1]})
        return out

    def instrument_counts(self, q: InstrumentQuery, group: Group) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        with self._lock.read():
            if self._cell_shape(q) is None:  # the matrix's cells: their lengths
                return {(region, key): len(ids) for region, key, ids in self._cell_lists(q, group)}
            for props in self._matching(q):
                for key in group_keys(props, group, q.role):
                    counts[(props.get("region") or "", key)] += 1
        return dict(counts)

    def instrument_cells(self, q: InstrumentQuery, group: Group, keys: list[str],
                         limit: int) -> dict[tuple[str, str], list[str]]:
        wanted = set(keys)
        cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        with self._lock.read():
            if self._cell_shape(q) is None:  # the first ids of each cell's list
                return {(region, key): ids[:limit] for region, key, ids in self._cell_lists(q, group)
                        if key in wanted and limit > 0}
            for props in self._matching(q):
                for key in group_keys(props, group, q.role) & wanted:
                    cells[(props.get("region") or "", key)].append(props)
        return {cell: [p["id"] for p in sorted(found, key=lambda p: instrument_order(p, None, True, True))[:limit]]
                for cell, found in cells.items()}

    def instrument_grid(self, q: InstrumentQuery, group: Group, limit: int) -> dict[tuple[str, str], tuple[int, list[str]]]:
        with self._lock.read():
            if self._cell_shape(q) is None:  # from the cell index: lengths and slices
                return {(region, key): (len(ids), ids[:limit]) for region, key, ids in self._cell_lists(q, group)}
            counts = self.instrument_counts(q, group)
            cells = self.instrument_cells(q, group, sorted({key for _, key in counts}), limit)
        return {cell: (n, cells.get(cell, [])) for cell, n in counts.items()}

    def top_regions(self, limit: int) -> list[tuple[str, int]]:
        with self._lock.read():
            found = [(str(value), len(ids)) for (label, key, value), ids in self._by_value.items()
                     if label == S.POLICY and key == "region"]
        return sorted(found, key=lambda r: (-r[1], r[0]))[:limit]

    def region_list(self) -> list[tuple[str, str | None, int]]:
        with self._lock.read():
            found = []
            for (label, key, value), ids in self._by_value.items():
                if label == S.POLICY and key == "region" and ids:
                    provinces = [p for p in (self.g.nodes[i]["props"].get("province") for i in ids) if p is not None]
                    found.append((str(value), min(provinces) if provinces else None, len(ids)))
        return sorted(found)

    def _department_facts(self, did: str) -> _DepartmentFacts:
        """The clauses a department leads and is co-responsible for, in all and per policy, and
        its region's name: read from its relationships once, kept until the next write."""
        facts = self._dept_facts.get(did)
        if facts is None:
            per_policy: dict[str, list[int]] = {}
            nodes = self.g.nodes
            for v, rel in self._out(did, "RESPONSIBLE_FOR"):
                per_policy.setdefault(nodes[v]["props"].get("policy_id"), [0, 0])[0 if rel.get("lead") else 1] += 1
            lead = sum(n_lead for n_lead, _ in per_policy.values())
            co = sum(n_co for _, n_co in per_policy.values())
            regions = [v for v, _ in self._out(did, "IN_REGION")]
            region = nodes[min(regions)]["props"].get("name") if regions else None
            facts = self._dept_facts[did] = _DepartmentFacts(lead, co, region, per_policy)
        return facts

    def _department_region(self, did: str) -> str | None:
        return self._department_facts(did).region

    def _dated_counts(self, facts: _DepartmentFacts, in_force: Callable[[str], bool]) -> tuple[int, int]:
        """(lead, co) of the clauses of the policies ``in_force`` keeps (each policy checked once)."""
        lead = co = 0
        for pid, (n_lead, n_co) in facts.per_policy.items():
            if pid is not None and pid in self.g and in_force(pid):
                lead, co = lead + n_lead, co + n_co
        return lead, co

    def department_page(self, region: str | None = None, function: str | None = None, name: str | None = None,
                        limit: int = 50, offset: int = 0, in_force_on: str | None = None
                        ) -> tuple[list[dict[str, Any]], int]:
        check_page(limit, offset)
        with self._lock.read():
            if region is not None:
                rid = f"region:{region}"
                candidates = {u for u, _ in self._in(rid, "IN_REGION")
                              if self._label(u) == S.DEPARTMENT} if rid in self.g else set()
            elif function is not None:
                candidates = set(self._by_value.get((S.DEPARTMENT, "function", function), ()))
            else:
                candidates = set(self._by_label.get(S.DEPARTMENT, ()))
            self.visits += len(candidates)
            in_force = self._in_force(in_force_on)
            found = []
            for did in candidates:
                props = self.g.nodes[did]["props"]
                if function is not None and props.get("function") != function:
                    continue
                if name is not None and not name_matches(props, name):
                    continue
                facts = self._department_facts(did)
                lead, co = (facts.lead, facts.co) if in_force_on is None else self._dated_counts(facts, in_force)
                if in_force_on is not None and lead + co == 0:
                    continue
                found.append((-(lead + co), did, lead, co))
            found.sort()
            rows = [department_row(self._node(did), self._department_region(did), lead, co)
                    for _, did, lead, co in found[offset:offset + limit]]
        return rows, len(found)

    def _department_lists(self, did: str) -> _DepartmentLists:
        """A department's clauses, instruments and partners in read order: built from its own
        relationships and the instrument index's entries for it (never from the corpus) on its
        first read after a write, and kept for the most recently read departments."""
        with self._dept_lists_lock:
            found = self._dept_lists.get(did)
        if found is not None:
            return found
        nodes, pred = self.g._node, self.g._pred  # the adjacency dicts: this walk is the answer's cost
        rows: list[dict[str, Any]] = []
        partners: dict[str, set[tuple[str, Any]]] = defaultdict(set)
        for cid, rel in self._out(did, "RESPONSIBLE_FOR"):
            cp = nodes[cid]["props"]
            provision = rel.get("provision")
            rows.append({"id": cid, "label": cp.get("label"), "heading": cp.get("heading"),
                         "policy_id": cp.get("policy_id"), "lead": bool(rel.get("lead")), "provision": provision})
            for other, keyed in pred[cid].items():
                if other != did:
                    for data in keyed.values():
                        if data["type"] == "RESPONSIBLE_FOR" and data["props"].get("provision") == provision:
                            partners[other].add((cid, provision))
        rows.sort(key=clause_row_order)
        kept = [_ClauseRow(**row) for row in rows]
        instruments: dict[tuple[str, str], list[str]] = {}
        for role in ("lead", "co"):
            by_type: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
            for iid in self._by_value.get((S.INSTRUMENT, f"{role}_ids", did), ()):
                props = nodes[iid]["props"]
                if props.get("type") is not None:
                    by_type[props["type"]].append(department_instrument_order(props, iid))
            for code, keys in by_type.items():
                instruments[(role, code)] = [key[-1] for key in sorted(keys)]
        lists = _DepartmentLists(kept, instruments, dict(partners))
        self.visits += len(rows) + sum(map(len, instruments.values()))
        with self._dept_lists_lock:
            while len(self._dept_lists) >= DEPARTMENT_LISTS_KEPT:
                del self._dept_lists[next(iter(self._dept_lists))]
            self._dept_lists[did] = lists
        return lists

    def _is_department(self, did: str) -> bool:
        return did in self.g and self._label(did) == S.DEPARTMENT

    def department_partners(self, department_id: str, limit: int = 20, in_force_on: str | None = None
                            ) -> list[tuple[dict[str, Any], int]]:
        with self._lock.read():
            if not self._is_department(department_id):
                return []
            shared = self._department_lists(department_id).partners
            if in_force_on is not None:
                in_force = self._in_force(in_force_on)
                shared = {k: kept for k, v in shared.items() if (kept := {e for e in v if in_force(e[0])})}
            ranked = sorted(((-len(v), k) for k, v in shared.items()))[:limit]
            return [(self._node(k), -n) for n, k in ranked]

    def _clause_page(self, rows: list[_ClauseRow], limit: int, offset: int) -> list[dict[str, Any]]:
        """The rows of the page as dicts with their policy's title (caller holds the lock)."""
        page = []
        for row in rows[offset:offset + limit]:
            pid = row.policy_id
            title = self.g.nodes[pid]["props"].get("title") if pid in self.g else None
            page.append({**row._asdict(), "policy_title": title})
        return page

    def department_summary(self, department_id: str, in_force_on: str | None = None, per_type: int = 20,
                           clause_limit: int = 200) -> dict[str, Any]:
        check_page(per_type, 0)
        check_page(clause_limit, 0)
        with self._lock.read():
            if not self._is_department(department_id):
                return {"lead": 0, "co": 0, "policies": 0, "regions": 0, "instruments": {}, "clauses": [],
                        "region": None}
            lists = self._department_lists(department_id)
            rows, instruments = lists.clauses, lists.instruments
            if in_force_on is not None:
                in_force = self._in_force(in_force_on)
                rows = [r for r in rows if in_force(r.id)]
                instruments = {key: kept for key, ids in instruments.items() if (kept := [i for i in ids if in_force(i)])}
            pids = {r.policy_id for r in rows if r.policy_id in self.g}
            regions = {self.g.nodes[p]["props"].get("region") for p in pids} - {None}
            lead = sum(1 for r in rows if r.lead)
            return {"lead": lead, "co": len(rows) - lead, "policies": len(pids), "regions": len(regions),
                    "instruments": {key: (len(ids), ids[:per_type]) for key, ids in instruments.items()},
                    "clauses": self._clause_page(rows, clause_limit, 0),
                    "region": self._department_region(department_id)}

    def department_clauses(self, department_id: str, in_force_on: str | None = None, limit: int = 200,
                           offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        check_page(limit, offset)
        with self._lock.read():
            if not self._is_department(department_id):
                return [], 0
            rows = self._department_lists(department_id).clauses
            if in_force_on is not None:
                in_force = self._in_force(in_force_on)
                rows = [r for r in rows if in_force(r.id)]
            return self._clause_page(rows, limit, offset), len(rows)

    def department_instruments(self, department_id: str, role: DepartmentRole, type: str,
                               in_force_on: str | None = None, limit: int = 20, offset: int = 0
                               ) -> tuple[list[str], int]:
        check_page(limit, offset)
        with self._lock.read():
            if not self._is_department(department_id):
                return [], 0
            ids = self._department_lists(department_id).instruments.get((role, type), [])
            if in_force_on is not None:
                in_force = self._in_force(in_force_on)
                ids = [i for i in ids if in_force(i)]
            return ids[offset:offset + limit], len(ids)

    def policy_page(self, region: str | None = None, level: str | None = None, year: int | None = None,
                    issuer: str | None = None, text: str | None = None, limit: int = 20,
                    offset: int = 0) -> tuple[list[dict[str, Any]], int, dict[str, dict[str, int]]]:
        check_page(limit, offset)
        with self._lock.read():
            if region is not None:
                candidates = (self._by_value.get((S.POLICY, "region", region), set())
                              | self._by_value.get((S.POLICY, "province", region), set()))
            else:
                candidates = set(self._by_label.get(S.POLICY, ()))
            self.visits += len(candidates)
            found = [{**self.g.nodes[pid]["props"], "id": pid} for pid in candidates]
        found = [p for p in found if policy_matches(p, level, year, issuer, text)]
        found.sort(key=lambda p: (p.get("date") or "", p["id"]), reverse=True)
        facets: dict[str, dict[str, int]] = {f: defaultdict(int) for f in POLICY_FACETS}
        for p in found:
            for f in POLICY_FACETS:
                value = policy_facet(p, f)
                if value is not None:
                    facets[f][value] += 1
        page = [node_dict(p["id"], S.POLICY, p) for p in found[offset:offset + limit]]
        return page, len(found), {f: dict(counts) for f, counts in facets.items()}

    # --- research views (graph/research.py) --------------------------------------------------

    def get_nodes(self, node_ids: list[str], label: str | None = None) -> list[dict[str, Any]]:
        with self._lock.read():
            found = self._nodes(n for n in sorted(set(node_ids)) if n in self.g)
            return [n for n in found.values() if label is None or n["label"] == S.check_label(label)]

    def policy_outline(self, policy_id: str) -> list[dict[str, Any]]:
        with self._lock.read():
            out = []
            for nid in self._by_policy.get(policy_id, ()):
                label = self._label(nid)
                if label in (S.SECTION, S.CLAUSE):
                    props = self.g.nodes[nid]["props"]
                    out.append(node_dict(nid, label, {k: props[k] for k in S.OUTLINE_PROPS if props.get(k) is not None}))
        return sort_outline(out)

    def _policies_in_regions(self, regions: list[str] | None, on: str | None) -> list[tuple[str, str]]:
        """(region name, policy id) for the policies of the regions in force on ``on``."""
        rids = sorted(self._by_label.get(S.REGION, ())) if regions is None else [region_id(r) for r in regions]
        out = []
        for rid in rids:
            if rid not in self.g or self._label(rid) != S.REGION:
                continue
            name = self.g.nodes[rid]["props"].get("name")
            for pid, _ in self._in(rid, "IN_REGION"):
                if self._label(pid) == S.POLICY and in_force_on(self.g.nodes[pid]["props"], on):
                    out.append((name, pid))
        return out

    def _clauses_of(self, policy_id: str) -> list[str]:
        return [n for n in self._by_policy.get(policy_id, ()) if self._label(n) == S.CLAUSE]

    def instrument_mix(self, regions: list[str] | None, in_force_on: str | None
                       ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        with self._lock.read():
            groups: dict[tuple[Any, Any, Any], tuple[set[str], set[str]]] = {}
            per_region: dict[str, set[str]] = defaultdict(set)
            for region, pid in self._policies_in_regions(regions, in_force_on):
                per_region[region].add(pid)
                for cid in self._clauses_of(pid):
                    for iid, _ in self._out(cid, "PROVIDES"):
                        props = self.g.nodes[iid]["props"]
                        instruments, policies = groups.setdefault(
                            (region, props.get("type"), props.get("category")), (set(), set()))
                        instruments.add(iid)
                        policies.add(pid)
        mix = [{"region": r, "type": t, "category": c, "instruments": len(i), "policies": len(p)}
               for (r, t, c), (i, p) in groups.items()]
        mix.sort(key=lambda row: (row["region"], row["type"] is None, row["type"] or ""))
        return mix, [{"region": r, "policies": len(p)} for r, p in sorted(per_region.items())]

    def shared_responsibility(self, regions: list[str] | None, in_force_on: str | None,
                              limit: int) -> list[dict[str, Any]]:
        key = (None if regions is None else tuple(regions), in_force_on)
        with self._lock.read():
            counted = self._shared.get(key)
            if counted is None:
                shared: dict[tuple[str, str], set[str]] = defaultdict(set)
                for _, pid in self._policies_in_regions(regions, in_force_on):
                    for cid in self._clauses_of(pid):
                        depts = sorted({u for u, _ in self._in(cid, "RESPONSIBLE_FOR") if self._label(u) == S.DEPARTMENT})
                        for i, a in enumerate(depts):
                            for b in depts[i + 1:]:
                                shared[(a, b)].add(cid)
                counted = sorted((-len(c), a, b) for (a, b), c in shared.items())
                # kept for the next reader until a write (which clears it under the write lock);
                # a few selections at a time, however many a client asks for
                if len(self._shared) >= SHARED_KEPT:
                    self._shared.clear()
                self._shared[key] = counted
        return [{"a": a, "b": b, "shared": -n} for n, a, b in counted[:limit]]

    def similar_clauses(self, clause_id: str) -> list[dict[str, Any]]:
        with self._lock.read():
            if clause_id not in self.g or self._label(clause_id) != S.CLAUSE:
                return []
            rows = [{"id": v, "score": d["props"].get("score")}
                    for _, v, d in self.g.out_edges(clause_id, data=True) if d["type"] == "SIMILAR_TO"]
            rows += [{"id": u, "score": d["props"].get("score")}
                     for u, _, d in self.g.in_edges(clause_id, data=True) if d["type"] == "SIMILAR_TO"]
        return sorted(rows, key=lambda row: row["id"])

    def cites_among(self, policy_ids: list[str]) -> list[dict[str, Any]]:
        wanted = set(policy_ids)
        found: set[tuple[str, str]] = set()
        with self._lock.read():
            for pid in wanted:
                if self._label(pid) != S.POLICY:
                    continue
                for nid in {pid} | set(self._by_policy.get(pid, ())):
                    for _, qid, d in self.g.out_edges(nid, data=True):
                        if d["type"] == "CITES" and qid in wanted and qid != pid and self._label(qid) == S.POLICY:
                            found.add((pid, qid))
        return [{"start": a, "end": b} for a, b in sorted(found)]
