"""A real local Neo4j Community (5.26 LTS) that policykg starts by itself.

Neo4j runs embedded in a small Java launcher (``neo4j_server/PolicykgNeo4j.java``) with its
Bolt connector on localhost. The jars come from Maven Central through Maven (once, cached in
``<home>/lib``); the launcher runs with the JDK's single-file source mode, so nothing is
compiled ahead. Needs Java 17+ and Maven 3.8+.

Layout under ``home`` (default ``./var/neo4j``): ``lib/`` jars, ``data/`` store,
``logs/neo4j.log`` launcher output (Neo4j's own ``debug.log`` sits beside it), ``neo4j.pid``.

Command line: ``python -m policykg.graph.neo4j_local start|stop|status [--home DIR]
[--port N] [--password PW] [--tx-timeout 120s] [--tx-memory 256m] [--tx-memory-total 640m]``.

The server is safe by default behind the read-only Cypher console: LOAD CSV file URLs are off,
the import folder is an empty ``<home>/import``, and transactions have time and memory limits.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from typing import IO, Any

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from policykg.errors import SetupError

SERVER_DIR = Path(__file__).resolve().parent / "neo4j_server"
POM = SERVER_DIR / "pom.xml"
LAUNCHER = SERVER_DIR / "PolicykgNeo4j.java"

DEFAULT_PORT = 7687
DEFAULT_PASSWORD = "policykg-local"
USER = "neo4j"
READY_PREFIX = "POLICYKG_NEO4J_READY"
JARS_MARKER = ".policykg-neo4j-jars.json"
LOG_NAME = "neo4j.log"
PID_NAME = "neo4j.pid"
LOG_ROTATE_BYTES = 5 * 1024 * 1024
# Safe defaults for a server behind a read-only console: every transaction is time- and
# memory-limited (Neo4j's own defaults are no limit at all).
DEFAULT_TX_TIMEOUT = "120s"
DEFAULT_TX_MEMORY = "256m"
DEFAULT_TX_MEMORY_TOTAL = "640m"
DEFAULT_HEAP = "1g"
DEFAULT_PAGE_CACHE = "256m"

# -Xms small: the JVM's default initial heap (1/64 of RAM) costs ~100 MiB of RSS for nothing.
# The opens are the ones Neo4j's own server scripts pass: without them the page cache and
# Netty fall back to slower buffer handling and log warnings.
JVM_BASE_OPTIONS = (
    "-Xms128m",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)

INSTALL_HINT = "install Maven / Java 17, or set NEO4J_URI to an existing Neo4j"


class Neo4jLocalError(SetupError, RuntimeError):
    """The local Neo4j could not be prepared, started or stopped; the message says why."""

    error = "neo4j_local_failed"


def neo4j_version() -> str:
    """The Neo4j version pinned in ``neo4j_server/pom.xml`` (the single place it is set)."""
    match = re.search(r"<neo4j\.version>\s*([^<\s]+)\s*</neo4j\.version>", POM.read_text("utf-8"))
    if not match:
        raise Neo4jLocalError(f"{POM} has no <neo4j.version> property")
    return match.group(1)


def default_home() -> Path:
    """``$POLICYKG_NEO4J_HOME`` or ``<cwd>/var/neo4j``."""
    env = os.environ.get("POLICYKG_NEO4J_HOME")
    return Path(env) if env else Path.cwd() / "var" / "neo4j"


def default_password() -> str:
    """``$NEO4J_PASSWORD`` or policykg's local default."""
    return os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD


def _tail(path: Path, lines: int = 20) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            return "".join(deque(fh, maxlen=lines))
    except FileNotFoundError:
        return "(no log written)"


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class LocalNeo4j:
    """One local Neo4j server: its jars, store, logs and process, all under ``home``.

    ``lib_dir`` (default ``$POLICYKG_NEO4J_LIB`` or ``<home>/lib``) lets several homes share
    one jar cache. ``tx_timeout`` (Neo4j duration such as ``"60s"``; ``"0"`` is none) sets
    ``db.transaction.timeout``, ``tx_memory`` ``db.memory.transaction.max`` and
    ``tx_memory_total`` ``db.memory.transaction.total.max`` (byte sizes such as ``"256m"``);
    their defaults come from ``$POLICYKG_NEO4J_TX_TIMEOUT`` (120s), ``$POLICYKG_NEO4J_TX_MEMORY``
    (256m) and ``$POLICYKG_NEO4J_TX_MEMORY_TOTAL`` (640m). LOAD CSV file URLs are always off and
    the import directory is the empty ``<home>/import``. ``heap`` is the JVM's -Xmx
    (``$POLICYKG_NEO4J_HEAP``, 1g), ``page_cache`` Neo4j's page cache (``$POLICYKG_NEO4J_PAGE_CACHE``,
    256m: raise both for a corpus of tens of thousands of policies); ``jvm_args`` (default ``$POLICYKG_NEO4J_JVM_OPTS``) are
    added to the java command line. ``exit_with``: the pid of a process whose end stops the
    server (a test run's own server, which must not outlive a run that was killed).
    """

    def __init__(
        self,
        home: Path | str | None = None,
        bolt_port: int = DEFAULT_PORT,
        password: str | None = None,
        java: str = "java",
        mvn: str = "mvn",
        *,
        lib_dir: Path | str | None = None,
        tx_timeout: str | None = None,
        tx_memory: str | None = None,
        tx_memory_total: str | None = None,
        heap: str | None = None,
        page_cache: str | None = None,
        jvm_args: list[str] | None = None,
        exit_with: int | None = None,
    ) -> None:
        self.home = Path(home if home is not None else default_home()).resolve()
        self.bolt_port = int(bolt_port)
        self.password = password if password is not None else default_password()
        self.java = java
        self.mvn = mvn
        env_lib = os.environ.get("POLICYKG_NEO4J_LIB")
        lib = lib_dir if lib_dir is not None else (env_lib or self.home / "lib")
        self.lib_dir = Path(lib).resolve()
        self.tx_timeout = tx_timeout or os.environ.get("POLICYKG_NEO4J_TX_TIMEOUT") or DEFAULT_TX_TIMEOUT
        self.tx_memory = tx_memory or os.environ.get("POLICYKG_NEO4J_TX_MEMORY") or DEFAULT_TX_MEMORY
        self.tx_memory_total = (
            tx_memory_total or os.environ.get("POLICYKG_NEO4J_TX_MEMORY_TOTAL") or DEFAULT_TX_MEMORY_TOTAL
        )
        self.heap = heap or os.environ.get("POLICYKG_NEO4J_HEAP") or DEFAULT_HEAP
        self.page_cache = page_cache or os.environ.get("POLICYKG_NEO4J_PAGE_CACHE") or DEFAULT_PAGE_CACHE
        env_jvm = shlex.split(os.environ.get("POLICYKG_NEO4J_JVM_OPTS", ""))
        self.jvm_args = list(jvm_args) if jvm_args is not None else env_jvm
        self.exit_with = exit_with
        self._proc: subprocess.Popen[bytes] | None = None
        if len(self.password) < 8:
            raise Neo4jLocalError("the Neo4j password needs at least 8 characters (Neo4j's minimum)")

    # ----------------------------------------------------------------- paths and properties
    @property
    def uri(self) -> str:
        """Bolt URI of this server: ``bolt://localhost:PORT``."""
        return f"bolt://localhost:{self.bolt_port}"

    @property
    def log_path(self) -> Path:
        """Launcher output (stdout and stderr of the JVM)."""
        return self.home / "logs" / LOG_NAME

    @property
    def pid_path(self) -> Path:
        """File holding the JVM's process id while it runs."""
        return self.home / PID_NAME

    # ------------------------------------------------------------------------------ java
    def _java_problem(self) -> str | None:
        try:
            out = subprocess.run(
                [self.java, "-version"], capture_output=True, text=True, timeout=30, check=False
            )
        except (FileNotFoundError, PermissionError):
            return f"Java not found ('{self.java}'): {INSTALL_HINT}"
        except subprocess.TimeoutExpired:
            return f"'{self.java} -version' did not answer within 30 s"
        match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
        if not match:
            return f"could not read the Java version from '{self.java} -version': {out.stderr.strip()}"
        major = int(match.group(1))
        if major == 1 and match.group(2):  # "1.8.0_392" style
            major = int(match.group(2))
        if major < 17:
            return f"Java {major} found at '{self.java}', Neo4j 5.26 needs Java 17 or newer: {INSTALL_HINT}"
        return None

    def java_version_ok(self) -> bool:
        """True when ``java`` is Java 17 or newer; ``check_java`` gives the reason otherwise."""
        return self._java_problem() is None

    def check_java(self) -> None:
        """Raise Neo4jLocalError with a clear message unless Java 17+ is available."""
        problem = self._java_problem()
        if problem:
            raise Neo4jLocalError(problem)

    # ------------------------------------------------------------------------------ jars
    def jars_complete(self) -> bool:
        """True when ``lib_dir`` holds every jar of the pinned Neo4j version."""
        try:
            marker = json.loads((self.lib_dir / JARS_MARKER).read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return False
        if marker.get("neo4j_version") != neo4j_version():
            return False
        jars = marker.get("jars") or []
        return bool(jars) and all((self.lib_dir / name).is_file() for name in jars)

    def ensure_jars(self) -> Path:
        """Resolve Neo4j's jars from Maven Central into ``lib_dir`` unless already there.

        Runs ``mvn -q -f <pom> dependency:copy-dependencies`` into a scratch folder and swaps
        it in only when complete, under a file lock so parallel runs download once.
        """
        if self.jars_complete():
            return self.lib_dir
        self.lib_dir.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.lib_dir.with_name(self.lib_dir.name + ".lock")
        with lock_path.open("w") as lock:
            _lock_file(lock)
            if self.jars_complete():  # another process finished while we waited
                return self.lib_dir
            self._resolve_jars()
        return self.lib_dir

    def _resolve_jars(self) -> None:
        version = neo4j_version()
        scratch = self.lib_dir.with_name(f"{self.lib_dir.name}.partial-{os.getpid()}")
        shutil.rmtree(scratch, ignore_errors=True)
        cmd = [
            self.mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
            "-DincludeScope=runtime", f"-DoutputDirectory={scratch}",
        ]
        shown = " ".join(cmd)
        if shutil.which(self.mvn) is None:
            raise Neo4jLocalError(f"Maven not found ('{self.mvn}'), needed to run: {shown}\n{INSTALL_HINT}")
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
        except subprocess.TimeoutExpired as exc:
            shutil.rmtree(scratch, ignore_errors=True)
            raise Neo4jLocalError(f"Maven did not finish within 30 min: {shown}\n{INSTALL_HINT}") from exc
        jars = sorted(p.name for p in scratch.glob("*.jar")) if scratch.is_dir() else []
        needed = {f"neo4j-{version}.jar", f"neo4j-bolt-{version}.jar"}
        if out.returncode != 0 or not needed <= set(jars):
            shutil.rmtree(scratch, ignore_errors=True)
            detail = "\n".join((out.stdout + out.stderr).strip().splitlines()[-20:])
            raise Neo4jLocalError(
                f"resolving Neo4j {version} jars failed (exit {out.returncode}): {shown}\n"
                f"{detail}\n{INSTALL_HINT}"
            )
        marker = {"neo4j_version": version, "jars": jars}
        (scratch / JARS_MARKER).write_text(json.dumps(marker, indent=1), "utf-8")
        if self.lib_dir.exists():  # an older version's jars must not mix in
            foreign = [p.name for p in self.lib_dir.iterdir() if p.suffix != ".jar" and p.name != JARS_MARKER]
            if foreign:
                shutil.rmtree(scratch, ignore_errors=True)
                raise Neo4jLocalError(
                    f"{self.lib_dir} holds files that are not Neo4j jars ({', '.join(foreign[:3])}); "
                    f"point the jar cache (lib_dir / POLICYKG_NEO4J_LIB) at a folder of its own"
                )
            shutil.rmtree(self.lib_dir)
        scratch.rename(self.lib_dir)

    # --------------------------------------------------------------------------- process
    def _read_pid(self) -> int | None:
        try:
            return int(self.pid_path.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def _alive(self, pid: int) -> bool:
        """True while ``pid`` is a live (not zombie) launcher of this home."""
        if self._proc is not None and self._proc.pid == pid:
            return self._proc.poll() is None
        with contextlib.suppress(ChildProcessError, OSError):
            if os.waitpid(pid, os.WNOHANG)[0] == pid:  # our child, now reaped
                return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        proc = Path(f"/proc/{pid}")
        if proc.is_dir():  # Linux: skip zombies and pids reused by another program
            with contextlib.suppress(OSError):
                if proc.joinpath("stat").read_text().split(")")[-1].split()[0] == "Z":
                    return False
                cmdline = proc.joinpath("cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                return "PolicykgNeo4j" in cmdline and str(self.home) in cmdline
        return True

    def _running_pid(self) -> int | None:
        pid = self._read_pid()
        return pid if pid is not None and self._alive(pid) else None

    def _driver(self, password: str | None = None, timeout: float = 5.0) -> Driver:
        return GraphDatabase.driver(
            self.uri,
            auth=(USER, self.password if password is None else password),
            connection_timeout=timeout,
            connection_acquisition_timeout=timeout,
            max_connection_pool_size=1,
        )

    def _answers(self, timeout: float = 5.0) -> bool:
        """True when Bolt accepts our password and runs ``RETURN 1``.

        A refused password raises at once: waiting longer would not help and Neo4j locks the
        user after a few failures.
        """
        try:
            with self._driver(timeout=timeout) as driver:
                driver.verify_connectivity()
                records, _, _ = driver.execute_query("RETURN 1 AS ok")
                return bool(records[0]["ok"] == 1)
        except AuthError as exc:
            raise Neo4jLocalError(
                f"Neo4j at {self.uri} refuses the password for user {USER}; it was started with "
                f"another one: stop it and start again with this password ({exc.code})"
            ) from exc
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError):
            return False

    def command(self) -> list[str]:
        """The java command line that runs the launcher (the password goes in the environment)."""
        cmd = [self.java, f"-Xmx{self.heap}", *JVM_BASE_OPTIONS, *self.jvm_args]
        cmd += ["-cp", str(self.lib_dir / "*"), str(LAUNCHER)]
        cmd += ["--home", str(self.home), "--port", str(self.bolt_port), "--page-cache", self.page_cache]
        cmd += ["--tx-timeout", self.tx_timeout, "--tx-memory", self.tx_memory,
                "--tx-memory-total", self.tx_memory_total]
        if self.exit_with:
            cmd += ["--exit-with", str(self.exit_with)]
        return cmd

    def start(self, timeout: float = 120) -> str:
        """Start Neo4j in the background unless it already runs; return the Bolt URI once a
        real query answers. Raises Neo4jLocalError (with the log's last lines) on failure."""
        deadline = time.monotonic() + timeout
        pid = self._running_pid()
        if pid is not None:
            port = _cmdline_port(pid)
            if port is not None and port != self.bolt_port:
                raise Neo4jLocalError(
                    f"the Neo4j of {self.home} already runs on port {port} (pid {pid}); "
                    f"stop it first to move it to port {self.bolt_port}"
                )
            if self._answers():
                return self.uri
            return self._wait_ready(pid, deadline, log_offset=0)  # still starting
        self.check_java()
        self.ensure_jars()
        if not _port_free(self.bolt_port):
            raise Neo4jLocalError(
                f"port {self.bolt_port} on localhost is already in use by another program: "
                f"choose another port (--port) or set NEO4J_URI to the Neo4j listening there"
            )
        (self.home / "logs").mkdir(parents=True, exist_ok=True)
        self._rotate_log()
        with self.log_path.open("ab") as log:
            log.write(f"--- policykg neo4j start {_dt.datetime.now().isoformat(timespec='seconds')}\n".encode())
            log.flush()
            offset = log.tell()
            env = dict(os.environ, POLICYKG_NEO4J_PASSWORD=self.password)
            self._proc = subprocess.Popen(
                self.command(), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                cwd=self.home, env=env, start_new_session=True,
            )
        self.pid_path.write_text(f"{self._proc.pid}\n")
        try:
            return self._wait_ready(self._proc.pid, deadline, log_offset=offset)
        except Neo4jLocalError as exc:
            if not self._alive(self._proc.pid):
                raise
            self.stop(timeout=30)
            raise Neo4jLocalError(f"{exc}\nThe half-started server was stopped.") from exc

    def _wait_ready(self, pid: int, deadline: float, log_offset: int) -> str:
        while True:
            if not self._alive(pid):
                self.pid_path.unlink(missing_ok=True)
                code = self._proc.returncode if self._proc is not None and self._proc.pid == pid else None
                raise Neo4jLocalError(
                    f"Neo4j exited during start (exit code {code}); last lines of {self.log_path}:\n"
                    f"{_tail(self.log_path)}"
                )
            if self._ready_line_seen(log_offset) and self._answers():
                return self.uri
            if time.monotonic() > deadline:
                raise Neo4jLocalError(
                    f"Neo4j did not answer on {self.uri} in time (a slow machine may need a longer "
                    f"timeout); last lines of {self.log_path}:\n{_tail(self.log_path)}"
                )
            time.sleep(0.3)

    def _ready_line_seen(self, offset: int) -> bool:
        try:
            with self.log_path.open("rb") as fh:
                fh.seek(offset)
                return READY_PREFIX.encode() in fh.read()
        except FileNotFoundError:
            return False

    def _rotate_log(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            if self.log_path.stat().st_size > LOG_ROTATE_BYTES:
                self.log_path.replace(self.log_path.with_suffix(".log.1"))

    def stop(self, timeout: float = 60) -> bool:
        """Stop the server: SIGTERM (clean shutdown), SIGKILL after ``timeout`` seconds.

        Returns True when a running server was stopped, False when none was running.
        """
        pid = self._running_pid()
        if pid is None:
            self.pid_path.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        if not self._wait_gone(pid, timeout):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            self._wait_gone(pid, 10)
        self.pid_path.unlink(missing_ok=True)
        self._proc = None
        return True

    def _wait_gone(self, pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self._alive(pid):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)
        return True

    def status(self) -> dict[str, Any]:
        """``running`` (process alive), ``ready`` (answers Bolt), ``pid``, ``uri``, ``version``
        and ``edition`` (from ``CALL dbms.components()`` when ready), ``home``, ``log``."""
        pid = self._running_pid()
        info: dict[str, Any] = {
            "running": pid is not None, "ready": False, "pid": pid, "uri": self.uri,
            "version": None, "edition": None, "home": str(self.home), "log": str(self.log_path),
        }
        if pid is None:
            return info
        try:
            with self._driver(timeout=5.0) as driver:
                records, _, _ = driver.execute_query(
                    "CALL dbms.components() YIELD name, versions, edition "
                    "WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version, edition"
                )
            if records:
                info.update(ready=True, version=records[0]["version"], edition=records[0]["edition"])
        except (AuthError, ServiceUnavailable, SessionExpired, Neo4jError, OSError):
            pass
        return info


def _cmdline_port(pid: int) -> int | None:
    """The ``--port`` a running launcher was given (Linux only; None when unknown)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return None
    for flag, value in zip(args, args[1:], strict=False):
        if flag == "--port" and value.isdigit():
            return int(value)
    return None


def _lock_file(fh: IO[Any]) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; parallel first runs may both download
        return
    fcntl.flock(fh.fileno(), fcntl.LOCK_EX)


def running_port(home: Path | str | None = None) -> int | None:
    """The Bolt port the Neo4j of ``home`` (default :func:`default_home`) runs on; None when
    it is not running or the port cannot be told."""
    pid = LocalNeo4j(home, password=DEFAULT_PASSWORD)._running_pid()
    return _cmdline_port(pid) if pid is not None else None


def main(argv: list[str] | None = None) -> int:
    """``start|stop|status`` for scripts. Exit 0 on success; ``status`` exits 3 when stopped.

    Without ``--port``, start uses 7687 and stop/status the port the server of ``--home`` runs on."""
    parser = argparse.ArgumentParser(
        prog="python -m policykg.graph.neo4j_local", description="policykg's local Neo4j server"
    )
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--home", type=Path, default=None, help="server folder (default ./var/neo4j)")
    parser.add_argument("--port", type=int, default=None,
                        help=f"Bolt port on localhost (start: default {DEFAULT_PORT}; stop/status: where it runs)")
    parser.add_argument("--password", default=None, help="password of user neo4j (or $NEO4J_PASSWORD)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for start/stop")
    parser.add_argument("--tx-timeout", default=None, help=f"db.transaction.timeout (default {DEFAULT_TX_TIMEOUT})")
    parser.add_argument("--tx-memory", default=None, help=f"db.memory.transaction.max (default {DEFAULT_TX_MEMORY})")
    parser.add_argument("--tx-memory-total", default=None,
                        help=f"db.memory.transaction.total.max (default {DEFAULT_TX_MEMORY_TOTAL})")
    parser.add_argument("--heap", default=None, help=f"the JVM's -Xmx (or $POLICYKG_NEO4J_HEAP; default {DEFAULT_HEAP})")
    parser.add_argument("--page-cache", default=None,
                        help=f"Neo4j's page cache (or $POLICYKG_NEO4J_PAGE_CACHE; default {DEFAULT_PAGE_CACHE})")
    args = parser.parse_args(argv)
    try:
        port = args.port or (args.command != "start" and running_port(args.home)) or DEFAULT_PORT
        server = LocalNeo4j(args.home, port, args.password, tx_timeout=args.tx_timeout,
                            tx_memory=args.tx_memory, tx_memory_total=args.tx_memory_total, heap=args.heap,
                            page_cache=args.page_cache)
        if args.command == "start":
            print(server.start(timeout=args.timeout))
            return 0
        if args.command == "stop":
            print("stopped" if server.stop(timeout=args.timeout) else "not running")
            return 0
        info = server.status()
        print(json.dumps(info, indent=2))
        return 0 if info["running"] else 3
    except Neo4jLocalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
