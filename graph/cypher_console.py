"""The read-only Cypher console, guarded in layers.

1. Shape: the query's length and bracket nesting, the parameters' JSON size, nesting and
   number range are checked before Neo4j sees anything (a deeply nested query overflows
   Neo4j's parser and never answers).
2. Text: one statement only; no LOAD CSV, CALL { … } IN TRANSACTIONS, USE or administration
   commands; procedures only from an allowlist. Unicode escapes (``\\u0043``) are decoded as
   Neo4j's parser decodes them, and comments and string literals are blanked, so neither can
   hide a clause. A cheap first filter only: layer 3 decides.
3. Plan: EXPLAIN, then the plan tree is walked. The query type must be ``r``; LoadCSV, IN
   TRANSACTIONS, SHOW/TERMINATE/administration operators, anything planned for the system
   database, and procedure calls whose resolved name is not allowlisted are refused.
4. Execution, never retried: an explicit READ transaction with Neo4j's time limit, run in a
   worker thread the API waits for at most the limit + 0.5 s. Rows stop at ``row_cap`` or
   ``max_bytes`` (counted while streaming; a single oversized record is cut off on the
   socket). On the API's deadline the connection is cut and the server transaction is
   terminated by the id the API finds through its metadata tag.
5. At most ``max_concurrent`` console queries hold the server at once; a slot is released only
   when Neo4j no longer runs the query (a terminated expression can keep a core busy for
   minutes), and beyond the limit the API answers 429 at once.

Every refusal says which rule refused and which setting (POLICYKG_CYPHER_…) changes a limit.
"""

from __future__ import annotations

import json
import logging
import math
import re
import socket
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, DatabaseError, DriverError, Neo4jError, TransientError

from policykg.errors import BusyError, RefusedError, TimeoutExceeded

log = logging.getLogger("policykg.cypher")

ALLOWED_PROCEDURES = (
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
    "db.schema.visualization",
    "db.schema.nodetypeproperties",
    "db.schema.reltypeproperties",
    "db.index.fulltext.querynodes",
    "db.index.fulltext.queryrelationships",
)

# Plan operators (the part before "@database") a read-only console never runs.
REFUSED_OPERATORS = ("LoadCSV", "TransactionApply", "TransactionForeach")
# Administration and schema commands plan as one operator whose name starts with one of these;
# SHOW TRANSACTIONS and TERMINATE TRANSACTIONS are classified read-only ('r') by the planner.
REFUSED_OPERATOR_PREFIXES = (
    "Show", "Terminate", "Create", "Drop", "Alter", "Grant", "Deny", "Revoke", "Rename", "Enable",
    "Start", "Stop", "Assert", "Administration", "Wait",
)
META_KEY = "policykg_console"

_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")
_COMMENT_OR_STRING = re.compile(
    r"""//[^\n]*|/\*.*?(?:\*/|\Z)|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:``|[^`])*`""", re.S
)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)
_IN_TRANSACTIONS = re.compile(r"\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.I)
_NAME = r"(?:`(?:``|[^`])*`|[A-Za-z_][\w]*)"
_CALL_PROC = re.compile(rf"\bCALL\s+({_NAME}(?:\s*\.\s*{_NAME})*)", re.I)
_CALL_SUBQUERY = re.compile(r"\bCALL\s*(?:\([^)]*\)\s*)?\{", re.I)
_WRITE_WORDS = re.compile(
    r"(?<![.$\w])(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|FOREACH|GRANT|DENY|REVOKE|ALTER|RENAME)\b",
    re.I,
)
_ADMIN_START = re.compile(
    r"^\s*(?:CYPHER\b[^\n]*?\s+)?(?:(?:EXPLAIN|PROFILE)\s+)?"
    r"(SHOW|TERMINATE|USE|START|STOP|ENABLE|GRANT|DENY|REVOKE|ALTER|RENAME)\b",
    re.I,
)
_USE_IN_SUBQUERY = re.compile(r"\{\s*USE\b", re.I)

INT64 = 2**63


@dataclass(frozen=True)
class ConsoleLimits:
    """The console's limits; each is a setting (``POLICYKG_CYPHER_<NAME>``)."""

    timeout_s: float = 5.0
    row_cap: int = 1000
    max_bytes: int = 2_000_000
    max_query_chars: int = 5000
    max_nesting: int = 32
    max_params_bytes: int = 65_536
    max_params_depth: int = 16
    max_concurrent: int = 1

    @classmethod
    def from_settings(cls, settings: Any) -> ConsoleLimits:
        """The limits from a ``Settings`` object (its ``cypher_*`` fields)."""
        return cls(**{name: getattr(settings, f"cypher_{name}") for name in cls.__dataclass_fields__})


class ConsoleError(RefusedError):
    """A console query that did not answer rows; ``status``/``error``/``detail`` are the API's."""

    status = 400
    error = "cypher_refused"

    def __init__(self, detail: str, *, status: int | None = None, error: str | None = None) -> None:
        super().__init__(detail)  # ``detail`` is the message (PolicykgError.detail)
        self.reason = detail
        if status is not None:
            self.status = status
        if error is not None:
            self.error = error


class CypherRefused(ConsoleError):
    """A rule of the console refused the query; the detail names the rule and setting."""


class CypherTimeout(ConsoleError, TimeoutExceeded):
    """The query ran longer than the time limit."""

    status = 408
    error = "cypher_timeout"


class CypherBusy(ConsoleError, BusyError):
    """All console slots are taken; ``retry_after`` is in seconds."""

    status = 429
    error = "cypher_busy"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


@dataclass
class CypherResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    notice: str | None = None


@dataclass
class _Run:
    """What the worker thread shares with the waiting request thread."""

    token: str
    done: threading.Event = field(default_factory=threading.Event)
    session: Any = None
    cut: str | None = None  # "bytes" or "deadline" once the API cut the connection
    result: CypherResult | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)  # rows so far, kept when the byte cap cuts in
    error: BaseException | None = None
    reap: bool = False  # the server may still run the query: release the slot when it is gone


# --------------------------------------------------------------------------- layers 1 and 2
def decode_unicode_escapes(query: str) -> str:
    r"""The query with ``\uXXXX`` / ``\UXXXXXXXX`` decoded, as Neo4j's parser reads it."""

    def repl(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _UNICODE_ESCAPE.sub(repl, query)


def blank_comments_and_strings(query: str, keep_identifiers: bool = False) -> str:
    """The query with comments removed and string (and, unless kept, backtick) literals emptied."""

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok.startswith("//") or tok.startswith("/*"):
            return " "
        if keep_identifiers and tok.startswith("`"):
            return tok
        return tok[0] + tok[-1]

    return _COMMENT_OR_STRING.sub(repl, query)


def nesting_depth(code: str) -> int:
    """The deepest nesting of (), [] and {} in already blanked query text."""
    depth = deepest = 0
    for ch in code:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return deepest


def _procedure_name(raw: str) -> str:
    parts = [p.strip() for p in raw.split(".")]
    return ".".join(p[1:-1].replace("``", "`") if p.startswith("`") else p for p in parts).lower()


def check_text(query: str, limits: ConsoleLimits | None = None) -> None:
    """Layers 1 and 2: refuse what a read-only console never runs, before the database sees it."""
    limits = limits or ConsoleLimits()
    if not query or not query.strip():
        raise CypherRefused("The query is empty. Send {\"query\": \"MATCH (n) RETURN n LIMIT 5\"}.")
    if len(query) > limits.max_query_chars:
        raise CypherRefused(
            f"The query has {len(query)} characters; the limit is {limits.max_query_chars} "
            "(setting POLICYKG_CYPHER_MAX_QUERY_CHARS). Shorten it or pass values as $params."
        )
    text = decode_unicode_escapes(query)
    code = blank_comments_and_strings(text)
    depth = nesting_depth(code)
    if depth > limits.max_nesting:
        raise CypherRefused(
            f"The query nests brackets {depth} deep; the limit is {limits.max_nesting} "
            "(setting POLICYKG_CYPHER_MAX_NESTING). Flatten the expression."
        )
    if ";" in code.strip().rstrip(";"):
        raise CypherRefused("Only one statement per request: remove the extra ';'-separated statements.")
    if _LOAD_CSV.search(code):
        raise CypherRefused("LOAD CSV is not allowed in the read-only console.")
    if _IN_TRANSACTIONS.search(code):
        raise CypherRefused("CALL { … } IN TRANSACTIONS is not allowed in the read-only console.")
    admin = _ADMIN_START.search(code)
    if admin or _USE_IN_SUBQUERY.search(code):
        word = admin.group(1).upper() if admin else "USE"
        raise CypherRefused(
            f"{word} is an administration command or a database switch; the console runs plain read "
            "queries on its own database only."
        )
    if _CALL_SUBQUERY.search(code) and _WRITE_WORDS.search(code):
        raise CypherRefused("Subqueries that write are not allowed in the read-only console.")
    for raw in _CALL_PROC.findall(blank_comments_and_strings(text, keep_identifiers=True)):
        name = _procedure_name(raw)
        if name not in ALLOWED_PROCEDURES:
            raise CypherRefused(f"Procedure {name} is not allowed. Allowed: {', '.join(ALLOWED_PROCEDURES)}.")
    write = _WRITE_WORDS.search(code)
    if write:
        raise CypherRefused(f"{write.group(1).upper()} writes or administers the database; the console is read-only.")


def check_params(params: Any, limits: ConsoleLimits | None = None) -> None:
    """Layer 1 for parameters: JSON size, nesting depth, and numbers Cypher can hold."""
    limits = limits or ConsoleLimits()
    if not isinstance(params, dict):
        raise CypherRefused("params must be a JSON object of name → value.")
    stack: list[tuple[Any, int]] = [(params, 1)]
    while stack:  # iterative: a 10,000-deep value must not overflow Python's stack either
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limits.max_params_depth:
                raise CypherRefused(
                    f"The parameters nest deeper than {limits.max_params_depth} levels "
                    "(setting POLICYKG_CYPHER_MAX_PARAMS_DEPTH). Flatten them."
                )
            items = value.values() if isinstance(value, dict) else value
            stack.extend((v, depth + 1) for v in items)
        elif isinstance(value, bool) or value is None or isinstance(value, str):
            continue
        elif isinstance(value, int):
            if not -INT64 <= value < INT64:
                raise CypherRefused(
                    f"The parameter integer {value} does not fit Cypher's 64-bit INTEGER; send it as a "
                    "string or a float."
                )
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise CypherRefused("Parameters must be finite numbers (no NaN or Infinity).")
        else:
            raise CypherRefused(f"Unsupported parameter value of type {type(value).__name__}.")
    size = len(json.dumps(params, ensure_ascii=False).encode())
    if size > limits.max_params_bytes:
        raise CypherRefused(
            f"The parameters are {size} bytes of JSON; the limit is {limits.max_params_bytes} "
            "(setting POLICYKG_CYPHER_MAX_PARAMS_BYTES)."
        )


# ------------------------------------------------------------------------------------ layer 3
def plan_operators(plan: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every operator of an EXPLAIN plan tree (the driver's dict form), parents first."""
    out: list[dict[str, Any]] = []
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.get("children") or []))
    return out


def check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    """Layer 3: decide on what Neo4j will execute, whatever the text looked like."""
    if not plan:
        raise CypherRefused("Neo4j gave no plan for this statement, so it is not a plain read query; "
                            "the console runs only MATCH/RETURN-style reads.")
    if query_type != "r":
        kinds = {"s": "a schema or administration command", "w": "a write", "rw": "a read-write query"}
        raise CypherRefused(f"The planner classifies this query as {query_type!r} "
                            f"({kinds.get(query_type or '', 'not a read')}), not read-only ('r').")
    for op in plan_operators(plan):
        kind, _, where = str(op.get("operatorType", "")).partition("@")
        if where == "system":
            raise CypherRefused(f"{kind} is an administration command on the system database; not allowed.")
        if kind in REFUSED_OPERATORS:
            what = "LOAD CSV" if kind == "LoadCSV" else "CALL { … } IN TRANSACTIONS"
            raise CypherRefused(f"{what} is not allowed in the read-only console (plan operator {kind}).")
        if kind.startswith(REFUSED_OPERATOR_PREFIXES):
            raise CypherRefused(
                f"{kind} is an administration or schema command (SHOW …, TERMINATE …, CREATE/DROP …); "
                "the console runs plain read queries only."
            )
        if kind == "ProcedureCall":
            details = str((op.get("args") or {}).get("Details", ""))
            name = _procedure_name(details.split("(", 1)[0])
            if name not in ALLOWED_PROCEDURES:
                raise CypherRefused(f"Procedure {name} is not allowed. Allowed: {', '.join(ALLOWED_PROCEDURES)}.")


# --------------------------------------------------------------------------- the console
class CypherConsole:
    """Runs researchers' read-only queries against Neo4j, within the limits."""

    def __init__(self, driver: neo4j.Driver, database: str, limits: ConsoleLimits | None = None) -> None:
        self.driver = driver
        self.database = database
        self.limits = limits or ConsoleLimits()
        self._slots = threading.BoundedSemaphore(self.limits.max_concurrent)
        self.server_warnings: list[str] = []
        self.server_checked = False

    @property
    def timeout_s(self) -> float:
        return self.limits.timeout_s

    def _session(self, **extra: Any) -> neo4j.Session:
        return self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS, **extra)

    def explain(self, query: str, params: dict[str, Any], token: str | None = None,
                run: _Run | None = None) -> tuple[str, dict[str, Any] | None]:
        """The planner's query type (r, rw, w, s) and plan tree; Neo4j's own refusal as CypherRefused."""
        meta = {META_KEY: token or uuid.uuid4().hex}
        with self._session() as session:
            if run is not None:
                run.session = session
            try:
                summary = session.run(neo4j.Query("EXPLAIN " + query, timeout=self.timeout_s, metadata=meta),
                                      params).consume()
            except ClientError as err:
                raise ConsoleError(f"Neo4j cannot plan this query: {err.message}", error="cypher_invalid") from err
        return summary.query_type or "", summary.plan

    def run(self, query: str, params: dict[str, Any] | None = None) -> CypherResult:
        """All the layers; answers within the time limit + 0.5 s whatever Neo4j does."""
        params = params if params is not None else {}
        check_text(query, self.limits)
        check_params(params, self.limits)
        if not self._slots.acquire(blocking=False):
            wait = math.ceil(self.timeout_s + 1)
            raise CypherBusy(
                f"{self.limits.max_concurrent} console queries are already running (setting "
                f"POLICYKG_CYPHER_MAX_CONCURRENT); retry in {wait} s.", wait)
        run = _Run(token=uuid.uuid4().hex)
        worker = threading.Thread(target=self._work, args=(run, query, params), name="cypher-console", daemon=True)
        try:
            worker.start()
            deadline = time.monotonic() + self.timeout_s + 0.5
            self._watch(run, deadline)
        except BaseException:
            run.reap = True
            raise
        finally:
            if run.reap or not run.done.is_set():
                threading.Thread(target=self._reap, args=(run,), name="cypher-reaper", daemon=True).start()
            else:
                self._slots.release()
        if not run.done.is_set() or run.cut == "deadline":
            raise self._timeout()
        if run.error is not None:
            raise run.error
        assert run.result is not None
        return run.result

    def _watch(self, run: _Run, deadline: float) -> None:
        """Wait for the worker; cut its connection on the deadline or when one record outgrows the byte cap."""
        while not run.done.wait(0.02):
            if time.monotonic() >= deadline:
                run.cut = "deadline"
                run.reap = True
                _cut_connection(run.session)
                run.done.wait(0.3)  # the worker unblocks at once; the answer does not wait for it
                return
            if run.cut is None and _receiving_bytes(run.session) > self.limits.max_bytes:
                run.cut = "bytes"
                run.reap = True
                _cut_connection(run.session)

    def _timeout(self) -> CypherTimeout:
        warn = f" Note: {' '.join(self.server_warnings)}" if self.server_warnings else ""
        return CypherTimeout(
            f"The query ran longer than the time limit of {self.timeout_s:g} s: the setting "
            f"POLICYKG_CYPHER_TIMEOUT_S. Narrow the query (LIMIT, labels, indexed properties) or raise it.{warn}"
        )

    def _work(self, run: _Run, query: str, params: dict[str, Any]) -> None:
        try:
            query_type, plan = self.explain(query, params, run.token, run)
            check_plan(query_type, plan)
            run.result = self._execute(run, query, params)
        except BaseException as err:  # noqa: BLE001 - handed to the request thread
            if run.cut == "bytes":  # the socket was cut on purpose: answer the rows read so far
                run.result = CypherResult(run.columns, run.rows, True, self._bytes_notice(len(run.rows)))
            else:
                run.error = self._translate(run, err)
        finally:
            run.done.set()

    def _execute(self, run: _Run, query: str, params: dict[str, Any]) -> CypherResult:
        cap, max_bytes = self.limits.row_cap, self.limits.max_bytes
        rows = run.rows
        with self._session(fetch_size=min(cap + 1, 500)) as session:
            run.session = session
            tx = session.begin_transaction(timeout=self.timeout_s, metadata={META_KEY: run.token})
            try:
                result = tx.run(query, params)
                columns = run.columns = list(result.keys())
                used = 2
                for record in result:
                    if len(rows) == cap:
                        return CypherResult(columns, rows, True,
                                            f"Only the first {cap} rows are shown: the row cap is the setting "
                                            "POLICYKG_CYPHER_ROW_CAP (add LIMIT to the query, or raise the setting).")
                    row = [to_json(v) for v in record.values()]
                    size = len(json.dumps(row, ensure_ascii=False, default=str).encode()) + 1
                    if used + size > max_bytes:
                        return CypherResult(columns, rows, True, self._bytes_notice(len(rows)))
                    used += size
                    rows.append(row)
                return CypherResult(columns, rows, False)
            finally:
                if run.cut is None:
                    tx.close()

    def _bytes_notice(self, shown: int) -> str:
        return (f"Only the first {shown} rows are shown: the answer reached the byte cap of "
                f"{self.limits.max_bytes} bytes, the setting POLICYKG_CYPHER_MAX_BYTES "
                "(return fewer or smaller values, or raise the setting).")

    def _translate(self, run: _Run, err: BaseException) -> BaseException:
        """Neo4j's and the driver's errors as console errors in the one shape."""
        if isinstance(err, ConsoleError):
            return err
        if run.cut == "deadline":
            return self._timeout()
        if isinstance(err, RecursionError):
            return ConsoleError("The answer nests values too deeply to send as JSON; return flatter values.",
                                error="cypher_invalid")
        if isinstance(err, Neo4jError):
            code = err.code or ""
            message = err.message or str(err)
            if "TransactionTimedOut" in code or code.endswith("Transaction.Terminated") or "Terminated" in code:
                run.reap = True  # the server may still be computing: keep the slot until it stops
                return self._timeout()
            if "MemoryPoolOutOfMemory" in code or "MemoryLimit" in code or "OutOfMemory" in code:
                run.reap = True
                return ConsoleError(
                    f"Neo4j stopped the query at its transaction memory limit ({message}). Narrow the query; "
                    "the limit is Neo4j's db.memory.transaction.max (POLICYKG_NEO4J_TX_MEMORY for the local "
                    "server).", error="cypher_memory_limit")
            if isinstance(err, ClientError) or code == "Neo.DatabaseError.Statement.ExecutionFailed":
                # ExecutionFailed is what 5.26 raises for statements that cannot run as written,
                # e.g. shortestPath from a node to itself.
                return ConsoleError(f"Neo4j refused the query: {message}", error="cypher_invalid")
            if isinstance(err, TransientError):
                return ConsoleError(f"Neo4j is busy or short of resources ({code}: {message}); retry shortly.",
                                    status=503, error="cypher_unavailable")
            if isinstance(err, DatabaseError):
                log.error("Neo4j database error on a console query: %s %s", code, message)
                return ConsoleError(f"Neo4j failed while running the query ({code}); check Neo4j's debug.log.",
                                    status=500, error="cypher_database_error")
        if isinstance(err, (DriverError, OSError)):
            run.reap = True
            return ConsoleError("Neo4j is unreachable; start it with `policykg neo4j start` (or check NEO4J_URI).",
                                status=503, error="store_unavailable")
        return err

    # ------------------------------------------------------------------ slots and the server
    def _reap(self, run: _Run) -> None:
        """Terminate the query's server transactions, and free its slot once Neo4j no longer runs them."""
        give_up = time.monotonic() + max(600.0, 60 * self.timeout_s)
        try:
            while True:
                ids = self._server_transactions(run.token)
                if not ids and run.done.is_set():
                    return
                if ids:
                    self._terminate(ids)
                if time.monotonic() > give_up:
                    log.warning("console query %s still runs on Neo4j; its slot is released anyway", run.token)
                    return
                time.sleep(0.5)
        except Exception as err:  # noqa: BLE001 - a failing check must not keep the slot forever
            log.warning("could not check the console query's server transaction: %s", err)
            run.done.wait(self.timeout_s + 1)
        finally:
            self._slots.release()

    def _server_transactions(self, token: str) -> list[str]:
        """Ids of Neo4j's transactions tagged with this console query's token (the API's own command)."""
        with self.driver.session(database=self.database) as session:
            records = session.run(neo4j.Query(SHOW_OWN_TRANSACTIONS, timeout=10), key=META_KEY, token=token)
            return [r["id"] for r in records]

    def _terminate(self, ids: list[str]) -> None:
        with self.driver.session(database=self.database) as session:
            session.run(neo4j.Query(TERMINATE_TRANSACTIONS, timeout=10), ids=ids).consume()

    def check_server(self) -> list[str]:
        """Warnings about a Neo4j whose settings leave the console open (read by the API at start)."""
        try:
            with self.driver.session(database=self.database) as session:
                values = {r["name"]: r["value"] for r in session.run(
                    neo4j.Query(SHOW_SAFETY_SETTINGS, timeout=10), names=list(SAFETY_SETTINGS))}
        except Exception as err:  # noqa: BLE001 - a warning, never a refusal to start
            warnings = [f"Could not read the Neo4j server's settings ({type(err).__name__}); LOAD CSV file access "
                        "and transaction limits are unchecked."]
        else:
            warnings = safety_warnings(values)
        for w in warnings:
            log.warning("Cypher console: %s", w)
        self.server_warnings = warnings
        self.server_checked = True
        return warnings

    def describe(self) -> dict[str, Any]:
        """The console's limits, layers and server warnings, for GET /api/v1/cypher."""
        return {"limits": asdict(self.limits), "allowed_procedures": list(ALLOWED_PROCEDURES),
                "server_checked": self.server_checked, "server_warnings": self.server_warnings}


SHOW_OWN_TRANSACTIONS = (
    "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData[$key] = $token RETURN transactionId AS id"
)
TERMINATE_TRANSACTIONS = "TERMINATE TRANSACTIONS $ids"
SHOW_SAFETY_SETTINGS = "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value"
SAFETY_SETTINGS = {
    "dbms.security.allow_csv_import_from_file_urls": "LOAD CSV may read the server's files: set it to false.",
    "db.memory.transaction.max": "a query's memory is unlimited: set e.g. 256m.",
    "db.memory.transaction.total.max": "all queries' memory together is unlimited: set e.g. 640m.",
    "db.transaction.timeout": "transactions have no server-side time limit: set e.g. 120s.",
}


def safety_warnings(values: dict[str, str]) -> list[str]:
    """What is unsafe in a server's settings for the console (``name → value`` as SHOW SETTINGS gives)."""
    out = []
    for name, advice in SAFETY_SETTINGS.items():
        value = str(values.get(name, "")).strip().lower()
        if name not in values:
            out.append(f"Neo4j setting {name} could not be read; {advice}")
        elif name.endswith("file_urls"):
            if value != "false":
                out.append(f"Neo4j setting {name}={value}: {advice}")
        elif re.fullmatch(r"0+(?:\.0+)?\s*(?:b|s|ms|m|h|d|kib|mib|gib)?", value):
            out.append(f"Neo4j setting {name}={value}: {advice}")
    return out


def _connection(session: Any) -> Any:
    return getattr(session, "_connection", None) if session is not None else None


def _receiving_bytes(session: Any) -> int:
    """Bytes of the Bolt message being received on the session's connection (0 when unknown)."""
    try:
        return int(_connection(session).inbox._buffer.used)
    except (AttributeError, TypeError, ValueError):
        return 0


def _cut_connection(session: Any) -> None:
    """Shut the session's socket from another thread: the worker's read fails at once and Neo4j
    sees the client gone. The driver drops the broken connection from its pool."""
    conn = _connection(session)
    sock = getattr(getattr(conn, "socket", None), "_socket", None)
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def to_json(value: Any) -> Any:
    """A driver value as JSON: nodes and relationships as dicts, the rest as is."""
    if isinstance(value, neo4j.graph.Node):
        props = dict(value)
        return {"id": props.get("id", value.element_id), "labels": sorted(value.labels), "properties": props}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "type": value.type,
            "start": dict(value.start_node).get("id") if value.start_node else None,
            "end": dict(value.end_node).get("id") if value.end_node else None,
            "properties": dict(value),
        }
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [to_json(n) for n in value.nodes], "relationships": [to_json(r) for r in value.relationships]}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
