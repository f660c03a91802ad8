"""``policykg cypher "QUERY"``: a read-only query on Neo4j through the API console's guard.

The query passes the same checks as ``POST /api/v1/cypher`` (``graph/cypher_console.py``:
read-only plans, time, row and size limits from the ``POLICYKG_CYPHER_*`` settings) and is
printed as an aligned table, CSV or JSON.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Any

FORMATS = ("table", "csv", "json")


def cell(value: Any) -> str:
    """A value as one line of text: nodes and maps as JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if ord(ch) >= 0x1100 and not 0xFF61 <= ord(ch) <= 0xFFDC else 1 for ch in text)


def as_table(columns: list[str], rows: list[list[Any]]) -> str:
    """Columns padded to their widest cell, a rule under the header."""
    texts = [[cell(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in texts]) for i, c in enumerate(columns)]
    pad = lambda s, w: s + " " * (w - _width(s))  # noqa: E731
    lines = [" | ".join(pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip() for r in texts]
    return "\n".join(lines) + "\n"


def as_csv(columns: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue()


def render(fmt: str, columns: list[str], rows: list[list[Any]], truncated: bool) -> str:
    """The answer in ``fmt`` (table | csv | json)."""
    if fmt == "json":
        return json.dumps({"columns": columns, "rows": rows, "row_count": len(rows), "truncated": truncated},
                          ensure_ascii=False, indent=2, default=str) + "\n"
    return (as_csv if fmt == "csv" else as_table)(columns, rows)


def cmd_cypher(args: argparse.Namespace) -> int:
    """Run one read-only query on Neo4j; exit 0 with rows, 2 when the console refuses it."""
    from .graph.cypher_console import ConsoleError, ConsoleLimits, CypherConsole
    from .settings import Settings
    from .stores import open_store

    try:
        params = json.loads(args.params) if args.params else {}
    except ValueError as err:
        print(f"policykg cypher: --params is not valid JSON ({err}); e.g. --params '{{\"region\": \"荆州市\"}}'",
              file=sys.stderr)
        return 2
    settings = Settings(store="neo4j")
    opened = open_store(settings)
    try:
        console = CypherConsole(opened.driver, settings.neo4j_database, ConsoleLimits.from_settings(settings))
        try:
            result = console.run(args.query, params)
        except ConsoleError as err:
            print(f"policykg cypher: {err.error}: {err.detail}", file=sys.stderr)
            return 2
    finally:
        opened.close()
    sys.stdout.write(render(args.format, result.columns, result.rows, result.truncated))
    note = f"{len(result.rows)} rows" + (" (truncated: add a LIMIT)" if result.truncated else "")
    print(note + (f"; {result.notice}" if result.notice else ""), file=sys.stderr)
    return 0


def add_parser(sub: Any) -> None:
    """The ``cypher`` subcommand."""
    p = sub.add_parser("cypher", help="run a read-only Cypher query on Neo4j",
                       description="Run a read-only Cypher query on the Neo4j store through the same guard "
                       "as the API's console (POLICYKG_CYPHER_* limits), and print the rows.")
    p.add_argument("query", help='the query, e.g. "MATCH (p:Policy) RETURN p.title LIMIT 5"')
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--params", help="query parameters as a JSON object")
    p.set_defaults(func=cmd_cypher)
