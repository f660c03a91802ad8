"""A readers-writer lock for the embedded store: reads run together, a write runs alone.

``read()`` lets any number of threads in at once; ``write()`` waits until every reader has
left and keeps new readers out meanwhile (a waiting writer goes first, so a stream of reads
cannot starve a load). Both are re-entrant in the thread that holds them: a thread holding
the write lock may read and write again (a load's linking reads the store it writes), and a
thread already reading may read again (a read built from other reads) even while a writer
waits. A reader may not ask for the write lock: that would wait for itself, so it is refused.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class RWLock:
    """Shared reads, exclusive re-entrant writes, writers first."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0  # threads inside read() (each counted once, however deep)
        self._writer: int | None = None  # ident of the thread holding write()
        self._write_depth = 0
        self._writers_waiting = 0
        self._local = threading.local()  # this thread's read depth

    def _read_depth(self) -> int:
        return getattr(self._local, "depth", 0)

    @contextmanager
    def read(self) -> Iterator[None]:
        """Hold the lock for reading (shared with other readers)."""
        me = threading.get_ident()
        depth = self._read_depth()
        if self._writer == me or depth:
            self._local.depth = depth + 1  # already inside: no wait, or a waiting writer would deadlock us
            try:
                yield
            finally:
                self._local.depth = depth
            return
        with self._cond:
            while self._writer is not None or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        self._local.depth = 1
        try:
            yield
        finally:
            self._local.depth = 0
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        """Hold the lock alone (re-entrant in this thread)."""
        me = threading.get_ident()
        if self._writer == me:
            self._write_depth += 1
            try:
                yield
            finally:
                self._write_depth -= 1
            return
        if self._read_depth():
            raise RuntimeError("a thread reading the store cannot start writing it; finish the read first")
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writer is not None or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writer, self._write_depth = me, 1
        try:
            yield
        finally:
            with self._cond:
                self._writer, self._write_depth = None, 0
                self._cond.notify_all()

    def readers(self) -> int:
        """How many threads are reading now (for tests and diagnostics)."""
        with self._cond:
            return self._readers

    def writers_waiting(self) -> int:
        """How many threads wait to write now (for tests and diagnostics)."""
        with self._cond:
            return self._writers_waiting
