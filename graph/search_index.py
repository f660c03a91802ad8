"""The embedded store's clause search index: SQLite FTS5 in ``<graph file>.search.sqlite``.

The FTS5 table holds each clause's pre-tokenised text (``search_text.ClauseDoc.tokens``) and
ranks matches with FTS5's ``bm25()``; a side table keeps each clause's id, policy, token count
and token ranges (for snippets), another its facet tokens (filters), and a small table the
counts the common ranking needs (clauses, tokens). FTS5's ``fts5vocab`` gives the clauses per
term.

The index changes in step with the graph: ``EmbeddedStore`` opens a savepoint around each of
its write transactions (released when the graph write succeeds, rolled back when it fails) and
commits the index when it saves the graph file, together with that file's identity (the
``stamp``). A file whose stamp the index does not carry (written by an older policykg, or a
crash between the two) gets its index rebuilt when the store is opened, never on a search.
Without a graph file the index lives in memory.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .search_text import Candidate, ClauseDoc, Stats, term_counts

INDEX_VERSION = "1"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS clause(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
    "policy_id TEXT NOT NULL, length INTEGER NOT NULL, spans TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS clause_policy ON clause(policy_id)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS clause_fts USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS clause_vocab USING fts5vocab(clause_fts, 'row')",
    "CREATE TABLE IF NOT EXISTS facet(facet TEXT NOT NULL, clause INTEGER NOT NULL, "
    "PRIMARY KEY (facet, clause)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS facet_clause ON facet(clause)",
    "CREATE TABLE IF NOT EXISTS totals(name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
)
Stamp = tuple[int, int, int] | None


def index_path(graph_path: Path) -> Path:
    """``<graph file>.search.sqlite``."""
    return graph_path.with_name(graph_path.name + ".search.sqlite")


def match_expression(terms: list[str]) -> str:
    """An FTS5 query needing every term (each quoted as a string)."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


class ClauseIndex:
    """One SQLite connection to a clause index; the caller serialises access (the store's lock)."""

    def __init__(self, graph_path: Path | None) -> None:
        self.path = index_path(graph_path) if graph_path is not None else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn: sqlite3.Connection | None = None
        self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path) if self.path else ":memory:", isolation_level=None,
                               check_same_thread=False, timeout=60.0)
        self._conn = conn
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # readers (the API) never wait for a load's writes
            conn.execute("PRAGMA synchronous=NORMAL")
            for statement in _SCHEMA:
                conn.execute(statement)
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError) and "locked" in str(err):
                raise
            from .embedded_file import GraphFileError

            conn.close()
            self._conn = None
            raise GraphFileError(f"{self.path}: the search index beside the graph file is damaged ({err}); "
                                 "delete it: the next open rebuilds it from the graph file") from err
        if self._meta("version") not in (None, INDEX_VERSION):
            conn.execute("BEGIN")
            self._reset_tables()
            conn.execute("COMMIT")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection, opened again after ``close`` (a closed store may still be read, as before)."""
        return self._conn if self._conn is not None else self._connect()

    # --- transactions ------------------------------------------------------------------------

    def begin(self) -> None:
        """Open a savepoint for one graph write (inside the index's pending transaction)."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
        self.conn.execute("SAVEPOINT graph_write")

    def end(self, ok: bool) -> None:
        """Keep (``ok``) or undo the changes since ``begin``; they stay uncommitted until ``commit``."""
        if not ok:
            self.conn.execute("ROLLBACK TO graph_write")
        self.conn.execute("RELEASE graph_write")

    def commit(self, stamp: Stamp) -> None:
        """Make the pending changes durable, as the index of the graph file ``stamp`` identifies."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
        self._set_meta("stamp", json.dumps(stamp))
        self._set_meta("version", INDEX_VERSION)
        self.conn.execute("COMMIT")

    def matches(self, stamp: Stamp) -> bool:
        """Whether the committed index is the one of the graph file ``stamp`` identifies."""
        return self._meta("version") == INDEX_VERSION and self._meta("stamp") == json.dumps(stamp)

    def rebuild(self, docs: Iterable[ClauseDoc], stamp: Stamp) -> None:
        """Replace the whole index with ``docs`` and commit it for ``stamp``."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.execute("BEGIN")
        self._reset_tables()
        self.add(docs)
        self.commit(stamp)

    def close(self) -> None:
        if self._conn is None:
            return
        if self.path is None:
            return  # an index in memory is the only copy: keep it while the store lives
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")  # unsaved writes: the graph file does not have them either
        self._conn.close()
        self._conn = None

    # --- changes -----------------------------------------------------------------------------

    def add(self, docs: Iterable[ClauseDoc]) -> None:
        """Index clauses (a clause id already indexed is replaced)."""
        clauses = tokens = 0
        for doc in docs:
            old = self.conn.execute("SELECT rowid FROM clause WHERE id = ?", (doc.id,)).fetchone()
            if old is not None:
                self._remove_rows([old[0]])
            cur = self.conn.execute("INSERT INTO clause(id, policy_id, length, spans) VALUES (?, ?, ?, ?)",
                                    (doc.id, doc.policy_id, doc.length, json.dumps(doc.spans)))
            rowid = cur.lastrowid
            self.conn.execute("INSERT INTO clause_fts(rowid, tokens) VALUES (?, ?)", (rowid, doc.tokens))
            self.conn.executemany("INSERT OR IGNORE INTO facet(facet, clause) VALUES (?, ?)",
                                  [(f, rowid) for f in doc.facets.split()])
            clauses += 1
            tokens += doc.length
        self._bump(clauses, tokens)

    def remove_policy(self, policy_id: str) -> None:
        """Drop every clause of a policy."""
        rows = [r[0] for r in self.conn.execute("SELECT rowid FROM clause WHERE policy_id = ?", (policy_id,))]
        self._remove_rows(rows)

    def clear(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
        self._reset_tables()

    def _remove_rows(self, rows: list[int]) -> None:
        if not rows:
            return
        tokens = 0
        for rowid in rows:
            (length,) = self.conn.execute("SELECT length FROM clause WHERE rowid = ?", (rowid,)).fetchone()
            tokens += length
            self.conn.execute("DELETE FROM clause_fts WHERE rowid = ?", (rowid,))
            self.conn.execute("DELETE FROM clause WHERE rowid = ?", (rowid,))
            self.conn.execute("DELETE FROM facet WHERE clause = ?", (rowid,))
        self._bump(-len(rows), -tokens)

    def _reset_tables(self) -> None:
        for table in ("clause", "clause_fts", "facet", "totals"):
            self.conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    def _bump(self, clauses: int, tokens: int) -> None:
        for name, delta in (("clauses", clauses), ("tokens", tokens)):
            self.conn.execute("INSERT INTO totals(name, value) VALUES (?, ?) "
                              "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value", (name, delta))

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    # --- reads -------------------------------------------------------------------------------

    def stats(self, terms: list[str]) -> Stats:
        """Clauses, tokens and clauses per term, as the common ranking needs them."""
        totals = dict(self.conn.execute("SELECT name, value FROM totals").fetchall())
        df = {t: 0 for t in terms}
        for term, doc in self.conn.execute(
                f"SELECT term, doc FROM clause_vocab WHERE term IN ({','.join('?' * len(terms))})", terms):
            df[term] = int(doc)
        return Stats(int(totals.get("clauses", 0)), int(totals.get("tokens", 0)), df)

    def candidates(self, terms: list[str], facets: list[str], count: int) -> list[Candidate]:
        """The best ``count`` clauses holding every term and facet, by FTS5's ``bm25()``."""
        # FTS5 ranks inside its own scan when the query orders by rank alone with a LIMIT, reading
        # the stored tokens of the best rows only; ties at the cut are broken by the common ranking
        where = "clause_fts MATCH ?"
        params: list[object] = [match_expression(terms)]
        for facet in facets:
            where += " AND rowid IN (SELECT clause FROM facet WHERE facet = ?)"
            params.append(facet)
        sql = (f"SELECT c.id, f.tokens, c.length FROM (SELECT rowid, tokens FROM clause_fts WHERE {where} "
               "ORDER BY rank LIMIT ?) f JOIN clause c ON c.rowid = f.rowid")
        params.append(count)
        return [Candidate(cid, term_counts(tokens, terms), length)
                for cid, tokens, length in self.conn.execute(sql, params)]

    def spans(self, ids: list[str]) -> dict[str, tuple[str, list[int]]]:
        """Tokens and token ranges of the clauses ``ids``."""
        out: dict[str, tuple[str, list[int]]] = {}
        for cid, tokens, spans in self.conn.execute(
                "SELECT c.id, f.tokens, c.spans FROM clause c JOIN clause_fts f ON f.rowid = c.rowid "
                f"WHERE c.id IN ({','.join('?' * len(ids))})", ids):
            out[cid] = (tokens, json.loads(spans))
        return out

    def clause_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM clause").fetchone()[0])
