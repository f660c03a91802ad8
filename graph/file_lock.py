"""An exclusive lock between processes on a lock file (``fcntl.flock``), waited for a bounded time.

The kernel releases a flock when its holder dies, also by SIGKILL, so a killed load never
leaves a stale lock.  The holder's pid is written into the file, for the waiting message.
Worker processes forked while the lock is held close their inherited copy of it at once:
otherwise an orphaned worker of a killed load would keep the lock for ever.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .store import StoreUnavailable

DEFAULT_LOCK_TIMEOUT_S = 600.0
_POLL_S = 0.05

_held_fds: set[int] = set()  # lock file descriptors this process holds


def _close_in_child() -> None:
    for fd in list(_held_fds):
        try:
            os.close(fd)
        except OSError:
            pass
    _held_fds.clear()


os.register_at_fork(after_in_child=_close_in_child)


class FileLockTimeout(StoreUnavailable):
    """Another process held the lock for longer than the wait allowed."""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class FileLock:
    """``with FileLock(path, timeout):`` — exclusive between processes, re-entrant within one."""

    def __init__(self, path: Path, timeout: float = DEFAULT_LOCK_TIMEOUT_S,
                 on_wait: Callable[[str], None] | None = _say) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.on_wait = on_wait
        self._fd: int | None = None
        self._depth = 0
        self._mutex = threading.RLock()

    def holder(self) -> int | None:
        """The pid written by the process that holds (or last held) the lock, if readable."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)

    def _took(self, fd: int) -> None:
        self._fd, self._depth = fd, 1
        _held_fds.add(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never waits."""
        self._mutex.acquire()
        if self._depth:
            self._depth += 1
            return True
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            self._mutex.release()
            return False
        self._took(fd)
        return True

    def acquire(self) -> None:
        """Take the lock, waiting up to ``timeout`` seconds; ``FileLockTimeout`` after that."""
        if self.try_acquire():
            return
        self._mutex.acquire()
        fd = self._open()
        deadline = time.monotonic() + self.timeout
        told = False
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    pass
                if not told and self.on_wait is not None:
                    self.on_wait(f"policykg: waiting for another process (pid {self.holder() or '?'}) to finish "
                                 f"writing {self.path.with_suffix('')} (at most {self.timeout:g} s)…")
                    told = True
                if time.monotonic() >= deadline:
                    raise FileLockTimeout(
                        f"{self.path.with_suffix('')} is still being written by another policykg process "
                        f"(pid {self.holder() or '?'}) after {self.timeout:g} s. Wait for it to finish and run "
                        "the command again, or allow a longer wait with POLICYKG_LOCK_TIMEOUT_S.")
                time.sleep(_POLL_S)
        except BaseException:
            os.close(fd)
            self._mutex.release()
            raise
        self._took(fd)

    def release(self) -> None:
        """Let go of one ``acquire``; the lock is released with the outermost one."""
        if not self._depth:
            raise RuntimeError("release of a lock that is not held")
        self._depth -= 1
        if not self._depth and self._fd is not None:
            fd, self._fd = self._fd, None
            _held_fds.discard(fd)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        self._mutex.release()

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
