"""Replacing the derived links in Neo4j in bounded steps, one rebuild at a time.

A rebuild (``Neo4jStore.rebuild_derived_links``) used to run in one transaction that held the
lock for as long as the links took to compute and read every stored link: at 10,000 policies
it outlived ``db.transaction.timeout`` and the links were never written. Here every step is a
transaction of its own whose size does not grow with the corpus:

1. take the lease on the lock node (``cypher.TAKE_LINK_LOCK``), waiting while another rebuild
   holds it; a thread renews it while this rebuild runs;
2. compute the links (the caller's reads);
3. read the stored links a page of start nodes at a time (``cypher.DERIVED_PAGE``);
4. delete the links no longer found and MERGE the new or changed ones, ``batch_rows`` per
   transaction, each raising the data version (``cypher.BUMP_DATA_VERSION``);
5. give the lease back.

A failure raises :class:`LinkingError`, naming the step and what to do; the policies stay
loaded, and running the linking again (``policykg relink``) converges, since it writes only
what differs from what is stored.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction, Session
from neo4j.exceptions import DriverError, Neo4jError

from policykg.errors import PolicykgError

from . import cypher as Q
from .store import BATCH_ROWS, Link, chunks

LEASE_MS = 120_000  # a holder that died frees the lock after this long
LOCK_WAIT_S = 3600.0  # how long a rebuild waits for another one to finish
READ_PAGE = 10_000  # start nodes per page of stored links
T = TypeVar("T")
Key = tuple[str, str, str]  # (relationship type, start label, end label)
Rows = dict[Key, list[dict[str, Any]]]


class LinkingError(PolicykgError):
    """A rebuild of the derived links that stopped; the message names the step and what to do."""

    status = 503
    error = "linking_failed"

    def __init__(self, step: str, cause: BaseException | str, written: str) -> None:
        reason = cause if isinstance(cause, str) else _describe(cause)
        super().__init__(
            f"Linking the policies (citations, similar clauses) stopped while {step}: {reason}. The policies "
            f"themselves are loaded; {written}. Run `policykg relink` to link again (it writes only what "
            "differs); if a step timed out, the Neo4j server's db.transaction.timeout is shorter than one "
            "step of at most a few thousand rows takes: raise it or lower its load.")
        self.step = step


def _describe(err: BaseException) -> str:
    if isinstance(err, Neo4jError):
        return f"Neo4j answered {err.code}"
    return type(err).__name__


class _Lease:
    """The lock node's lease, renewed by a thread until released."""

    def __init__(self, driver: Driver, database: str, lease_ms: int) -> None:
        self.driver, self.database, self.lease_ms = driver, database, lease_ms
        self.holder = uuid.uuid4().hex
        self.lost = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _run(self, work: Callable[[ManagedTransaction], T]) -> T:
        with _session(self.driver, self.database) as session:
            return session.execute_write(work)

    def _try_take(self, tx: ManagedTransaction) -> bool:
        tx.run(Q.TOUCH_LINK_LOCK).consume()  # the node's write lock first, then read the holder
        return bool(tx.run(Q.TAKE_LINK_LOCK, holder=self.holder, lease_ms=self.lease_ms).single(strict=True)["taken"])

    def take(self, wait_s: float) -> None:
        deadline = time.monotonic() + wait_s
        pause = 0.05
        while not self._run(self._try_take):
            if time.monotonic() > deadline:
                raise LinkingError("waiting for another linking run to finish",
                                   f"it still held the lock after {wait_s:.0f} s", "nothing was changed")
            time.sleep(pause)
            pause = min(1.0, pause * 2)
        self._thread = threading.Thread(target=self._renew, name="policykg-link-lease", daemon=True)
        self._thread.start()

    def _renew(self) -> None:
        while not self._stop.wait(self.lease_ms / 4000):
            try:
                held = self._run(lambda tx: tx.run(Q.RENEW_LINK_LOCK, holder=self.holder, lease_ms=self.lease_ms)
                                 .single(strict=True)["held"])
            except (Neo4jError, DriverError):
                continue  # try again at the next beat; the lease outlives a few misses
            if not held:
                self.lost = True
                return

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        try:
            self._run(lambda tx: tx.run(Q.RELEASE_LINK_LOCK, holder=self.holder).consume())
        except (Neo4jError, DriverError):
            pass  # the lease expires by itself


def _session(driver: Driver, database: str) -> Session:
    # "unknown relationship type" notices are expected before the first links exist
    return driver.session(database=database, notifications_disabled_classifications=["UNRECOGNIZED"])


@contextmanager
def _step(name: str, written: Callable[[], str]) -> Iterator[None]:
    try:
        yield
    except (Neo4jError, DriverError) as err:
        raise LinkingError(name, err, written()) from err


def _read_page(tx: ManagedTransaction, query: str, after: str, limit: int) -> list[Any]:
    return list(tx.run(query, after=after, limit=limit))


def _read_rows(tx: ManagedTransaction, query: str, ids: list[str]) -> list[Any]:
    return list(tx.run(query, ids=ids))


def _write_rows(tx: ManagedTransaction, query: str, rows: list[dict[str, Any]]) -> None:
    tx.run(query, rows=rows).consume()
    tx.run(Q.BUMP_DATA_VERSION).consume()  # last: the reads' kept figures go with the change
    # derived links are in no stored figure but the corpus's counts, which every keep computes again
    tx.run(Q.NOTE_CHANGE, departments=[], regions=[], national=False, link_policies=[], link_keys=[]).consume()


def stored_links(driver: Driver, database: str, keys: list[Key], page: int = READ_PAGE
                 ) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """(type, start id, end id) → the stored links of these kinds (several when doubled), each
    ``{"start_label", "end_label", "props"}``; read ``page`` start nodes per transaction."""
    stored: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    with _session(driver, database) as session:
        for key in keys:
            rel_type, start_label, end_label = key
            after = ""
            while True:
                records = session.execute_read(_read_page, Q.DERIVED_PAGE[key], after, page)
                for r in records:
                    if r["end"] is not None:
                        stored[(rel_type, r["start"], r["end"])].append(
                            {"start_label": start_label, "end_label": end_label, "props": dict(r["props"])})
                if not records:
                    break
                if len({r["start"] for r in records}) < page:
                    break
                after = records[-1]["start"]  # rows come in the page's id order
    return stored


def link_changes(stored: dict[tuple[str, str, str], list[dict[str, Any]]], wanted: list[Link],
                 kinds: set[str]) -> tuple[Rows, Rows]:
    """(rows to delete, rows to merge) by key: what turns the ``stored`` links of ``kinds`` into ``wanted``."""
    wanted_links = {(link.type, link.start, link.end): link for link in wanted}
    deletes: Rows = defaultdict(list)
    merges: Rows = defaultdict(list)
    for (rel_type, start, end), records in stored.items():
        if rel_type not in kinds:
            continue
        if (rel_type, start, end) not in wanted_links or len(records) > 1:  # gone, or doubled: every copy goes
            deletes[(rel_type, records[0]["start_label"], records[0]["end_label"])].append({"start": start, "end": end})
    for key, link in wanted_links.items():
        records = stored.get(key, [])
        props = {k: v for k, v in link.props.items() if v is not None}
        if len(records) != 1 or records[0]["props"] != props:
            merges[(link.type, link.start_label, link.end_label)].append(
                {"start": link.start, "end": link.end, "props": props})
    return deletes, merges


def stored_cites_of(driver: Driver, database: str, policy_ids: list[str], batch_rows: int
                    ) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """``stored_links`` of the derived CITES from ``policy_ids`` and their clauses only."""
    stored: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    with _session(driver, database) as session:
        for batch in chunks(policy_ids, batch_rows):
            for r in session.execute_read(_read_rows, Q.DERIVED_CITES_OF, batch):
                stored[("CITES", r["start"], r["end"])].append(
                    {"start_label": r["start_label"], "end_label": "Policy", "props": dict(r["props"])})
    return stored


def rebuild(driver: Driver, database: str, compute: Callable[[], tuple[list[Link] | None, list[Link] | None]],
            batch_rows: int = BATCH_ROWS, page: int = READ_PAGE, lease_ms: int = LEASE_MS, wait_s: float = LOCK_WAIT_S,
            scope: Callable[[], Collection[str] | None] | None = None) -> tuple[list[Link] | None, list[Link] | None]:
    """Compute and replace the derived links (a kind computed as None stays as it is), in the
    steps of the module docstring (``page`` start nodes per read of the stored links,
    ``batch_rows`` changes per write); returns what ``compute`` returned. ``scope``, called
    first under the lock: when it returns policy ids, only the stored CITES of those policies
    (and their clauses) are read and replaced by the computed ones."""
    lease = _Lease(driver, database, lease_ms)
    unchanged = "the derived links are as they were"
    with _step("taking the linking lock", lambda: unchanged):
        lease.take(wait_s)
    try:
        with _step("reading the graph to compute the links", lambda: unchanged):
            cites_of = scope() if scope is not None else None
            cites, similar = compute()
        kinds = {kind for kind, links in (("CITES", cites), ("SIMILAR_TO", similar)) if links is not None}
        keys = [key for key in Q.MERGE_DERIVED if key[0] in kinds and not (key[0] == "CITES" and cites_of is not None)]
        with _step("reading the stored links", lambda: unchanged):
            stored = stored_links(driver, database, keys, page)
            if cites_of is not None and "CITES" in kinds:
                stored.update(stored_cites_of(driver, database, sorted(cites_of), batch_rows))
        deletes, merges = link_changes(stored, [*(cites or ()), *(similar or ())], kinds)
        batches = [(Q.DELETE_DERIVED[key], rows) for key, all_rows in deletes.items()
                   for rows in chunks(all_rows, batch_rows)]
        batches += [(Q.MERGE_DERIVED[key], rows) for key, all_rows in merges.items()
                    for rows in chunks(all_rows, batch_rows)]
        done = 0

        def written() -> str:
            return (f"{done} of {len(batches)} batches of link changes were written (the links are partly "
                    "replaced)" if done else unchanged)

        with _session(driver, database) as session:
            for statement, rows in batches:
                if lease.lost:
                    raise LinkingError("writing the links", "its lock expired (the process stalled longer than "
                                       f"{lease_ms / 1000:.0f} s)", written())
                with _step(f"writing batch {done + 1} of {len(batches)} of link changes", written):
                    session.execute_write(_write_rows, statement, rows)
                done += 1
    finally:
        lease.release()
    return cites, similar
