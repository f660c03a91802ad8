"""Is every view of the explorer interactive in < 1 s, and every answer < 1 MB, at N policies?

Generates N policies (default 300, `policykg generate`), loads them into a fresh store, serves
the app (`policykg serve`) and opens every view in headless Chromium (Debian's chromium), at
1440×900:

* time to interactive: milliseconds from navigation start until the view's content is on
  screen (its ready selector, checked at every animation frame), best of 3;
* largest answer: the largest API answer (bytes of body, uncompressed; the OpenAPI schema for
  /docs) the page asked for while showing the view, until the network was idle.

Prints a table (view, ms, largest answer, pass/fail against 1 s and 1 MB). `--json FILE`
writes the figures; `--report results/report.md` puts them into that file's section
"Explorer (N generated policies)", replacing an earlier one.

    .venv/bin/python benchmarks/explorer_benchmark.py [--policies 300] [--store embedded|neo4j]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_benchmark import POLICYKG, ROOT, free_port, wait_until_serving  # noqa: E402
from report import replace_section  # noqa: E402

CHROMIUM = os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
LIMIT_MS = 1000
LIMIT_BYTES = 1_000_000
READY_TIMEOUT_MS = 60_000
RUNS = 3  # visits per view; the best time counts (the machine's other work only ever adds time)
COMPARE_REGIONS = 8
ASK_WORD = "奖励"  # a word every generated corpus's clauses hold
SMALL_CELL = 5  # instruments per compare cell in the extra row (the API's default is 20)
REPORT_BEGIN = "<!-- explorer:begin -->"
REPORT_END = "<!-- explorer:end -->"


@dataclass(frozen=True)
class View:
    """One screen of the explorer: its address (query string or path) and what shows it is ready."""

    name: str
    address: str
    ready: str


@dataclass
class Figure:
    """What was measured for one view."""

    view: str
    ms: float  # time to interactive, best of the runs; inf when the view never became ready
    bytes: int  # largest API answer the view asked for
    largest: str  # the API path of that answer
    answers: int  # API answers the view asked for


def is_answer(url: str) -> bool:
    """Whether a response the page received is an API answer (the JSON API, or the OpenAPI schema)."""
    path = url.split("?", 1)[0]
    return "/api/" in path or path.endswith("/openapi.json")


def short_path(url: str, width: int = 60) -> str:
    """An answer's path and query, decoded and cut to ``width`` characters, for the table."""
    path = unquote(url.split("://", 1)[-1].split("/", 1)[-1] if "://" in url else url)
    path = "/" + path.lstrip("/")
    return path if len(path) <= width else path[: width - 1] + "…"


def verdict(ms: float, size: int, limit_ms: float = LIMIT_MS, limit_bytes: int = LIMIT_BYTES) -> bool:
    """True when a view is interactive within ``limit_ms`` and no answer reaches ``limit_bytes``."""
    return math.isfinite(ms) and ms < limit_ms and size < limit_bytes


def misses(figure: Figure) -> list[str]:
    """The targets a view misses, in words ("time", "size"); empty when it meets both."""
    out = []
    if not (math.isfinite(figure.ms) and figure.ms < LIMIT_MS):
        out.append("time")
    if figure.bytes >= LIMIT_BYTES:
        out.append("size")
    return out


def _ms(ms: float) -> str:
    return f"{ms:,.0f}" if math.isfinite(ms) else "not ready"


def table(figures: list[Figure]) -> str:
    """The figures as a Markdown table: view, ms to interactive, largest answer, pass/fail."""
    lines = [f"| view | ms to interactive | largest answer (bytes) | largest answer from | < {LIMIT_MS} ms, < 1 MB |",
             "|---|---:|---:|---|---|"]
    for f in figures:
        result = "pass" if verdict(f.ms, f.bytes) else "FAIL (" + ", ".join(misses(f)) + ")"
        lines.append(f"| {f.view} | {_ms(f.ms)} | {f.bytes:,} | `{f.largest or '–'}` | {result} |")
    return "\n".join(lines)


STYLES = {"independent": "independent style", "seed": "seed style"}


def report_section(runs: list[tuple[str, list[Figure]]], policies: int, store: str, env: dict[str, Any],
                   note: str = "", runs_per_view: int = 3) -> str:
    """The Markdown section of results/report.md, between its markers: a table per generator style."""
    styles = " ".join(style for style, _ in runs)
    lines = [REPORT_BEGIN, f"## Explorer ({policies} generated policies)", "",
             f"`benchmarks/explorer_benchmark.py --policies {policies} --store {store} --style {styles}`, "
             f"commit {env['commit']}, {env['date']}, {env['cores']} cores, load average {env['load_average']} at the "
             "end. Headless Chromium at 1440×900, a fresh browser context (empty cache) per visit; time to "
             f"interactive is from navigation start until the view's content shows (checked at every animation "
             f"frame; best of {runs_per_view}); the "
             f"largest answer is the largest API body the page asked for. {note}".rstrip()]
    for style, figures in runs:
        passed = sum(verdict(f.ms, f.bytes) for f in figures)
        lines += ["", f"{STYLES.get(style, style)}: {passed} of {len(figures)} views meet both targets.", "",
                  table(figures)]
    lines += ["", REPORT_END]
    return "\n".join(lines) + "\n"


def write_report(section: str, path: Path) -> None:
    """Put ``section`` into ``path``, replacing an earlier one."""
    replace_section(path, section, REPORT_BEGIN, REPORT_END)


def pick(client: httpx.Client) -> dict[str, str]:
    """Real ids to show: a department, a policy, a clause with a similar one, regions to compare."""
    policies = client.get("/api/v1/policies", params={"limit": 200}).json()
    regions = [f["value"] for f in policies.get("facets", {}).get("region", [])]
    dept = client.get("/api/v1/departments", params={"limit": 1}).json()["items"][0]["id"]
    clause, similar = "", ""
    for p in policies["items"][:40]:
        doc = client.get(f"/api/v1/policies/{quote(p['id'], safe='')}/document").json()
        for node in doc["nodes"]:
            if not node["is_clause"]:
                continue
            found = client.get(f"/api/v1/clauses/{quote(node['id'], safe='')}").json().get("similar") or []
            if found:
                clause, similar = node["id"], found[0]["clause"]["id"]
                break
        if clause:
            break
    beneficiary = client.get("/api/v1/beneficiaries").json()["items"][0]["code"]  # the one with most instruments
    return {"dept": dept, "policy": policies["items"][0]["id"], "clause": clause, "similar": similar,
            "regions": ",".join(regions[:COMPARE_REGIONS]), "region_count": str(len(regions)),
            "region": regions[0] if regions else "", "beneficiary": beneficiary,
            "date": policies["items"][0].get("date") or "2024-01-01"}  # the newest policy's date


def views(ids: dict[str, str]) -> list[View]:
    """Every view of the explorer, with the ids to show in it."""
    def at(**state: str) -> str:
        return "/?" + urlencode(state)

    graph = "#network[data-state=ready]"
    return [
        View("graph: start page", "/", ".start-points li button"),
        View("graph: a department", at(view="graph", node=ids["dept"]), graph),
        View("graph: department details", at(view="graph", node=ids["dept"]), "#details .details-body h4"),
        View("graph: as a list", at(view="graph", node=ids["dept"], **{"as": "list"}), "ul.node-list li"),
        View("reader: policy list", at(view="reader"), "table.policies tbody tr"),
        View("reader: one policy", at(view="reader", policy=ids["policy"]),
             ".view-document p.doc-text"),
        View("clause", at(view="clause", id=ids["clause"]), "blockquote.clause-text"),
        View(f"compare: default ({ids['region_count']} regions loaded)", at(view="compare"), "table.matrix"),
        View(f"compare: {COMPARE_REGIONS} regions", at(view="compare", regions=ids["regions"]), "table.matrix"),
        View(f"compare: {COMPARE_REGIONS} regions, {SMALL_CELL} per cell",
             at(view="compare", regions=ids["regions"], cell_limit=str(SMALL_CELL)), "table.matrix"),
        View("research: instrument mix (all regions)", at(view="research", tab="mix"), "table.mix-table tbody tr"),
        View("research: co-responsibility (all regions)", at(view="research", tab="network"), "table.network-table tbody tr"),
        View("research: diffusion", at(view="research", tab="diffusion", clause=ids["clause"]), "ol.diffusion-list li"),
        View("side by side", at(view="pair", a=ids["clause"], b=ids["similar"]), ".pair-grid article.pair-side"),
        View(f"ask: search {ASK_WORD}", at(view="ask", q=ASK_WORD), "li.ask-hit"),
        View(f"ask: search {ASK_WORD} in one region", at(view="ask", q=ASK_WORD, region=ids["region"]), "li.ask-hit"),
        View("what can I get: a type in a region", at(view="benefits", beneficiary=ids["beneficiary"],
                                                     region=ids["region"]), "li.benefit"),
        View("what can I get: a type, in force on a date", at(view="benefits", beneficiary=ids["beneficiary"],
                                                              in_force_on=ids["date"]), "li.benefit"),
        View("graph: a department, in force on a date", at(view="graph", node=ids["dept"], in_force_on=ids["date"]),
             graph),
        View("bureau: list", at(view="bureau"), "table.department-list tbody tr"),
        View("bureau: one department", at(view="bureau", id=ids["dept"]), "section.bureau-role li.cell-instrument"),
        View("Cypher console", at(view="cypher"), ".view-cypher .explain, .view-cypher textarea.cypher-editor"),
        View("API docs (/docs)", "/docs", ".opblock"),
    ]


# The first element matching a selector, if it is on screen (a box of some size, not hidden).
SHOWN = """(selector) => {
  const e = document.querySelector(selector);
  if (!e) return false;
  const box = e.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden";
}"""


def wait_until_shown(page: Any, selector: str) -> None:
    """Wait until ``selector`` is on screen, checking at every animation frame.

    Playwright's own locator wait backs off to one check every 500 ms after the first few
    hundred, which would add up to half a second to a view that is ready at 0.6 s; a check per
    frame (about 16 ms) measures when the view is really there.
    """
    page.wait_for_function(SHOWN, arg=selector, polling="raf", timeout=READY_TIMEOUT_MS)


def measure_view(browser: Any, base: str, view: View, runs: int = RUNS) -> Figure:
    """Open ``view`` ``runs`` times in fresh pages: best time to interactive, largest API answer."""
    best, size, largest, answers = math.inf, 0, "", 0
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        page = context.new_page()
        seen: list[Any] = []
        page.on("response", lambda r, seen=seen: seen.append(r) if is_answer(r.url) else None)
        t0 = time.perf_counter()
        try:
            page.goto(base + view.address, wait_until="commit")
            wait_until_shown(page, view.ready)
            best = min(best, (time.perf_counter() - t0) * 1000)
            page.wait_for_load_state("networkidle", timeout=READY_TIMEOUT_MS)
        except Exception as err:  # noqa: BLE001 - a view that never gets ready is a figure, not a crash
            print(f"  {view.name}: not ready ({type(err).__name__})", file=sys.stderr)
        for response in seen:
            try:
                n = len(response.body())
            except Exception:  # noqa: BLE001 - an aborted request has no body
                continue
            if n > size:
                size, largest = n, short_path(response.url)
        answers = max(answers, len(seen))
        context.close()
    return Figure(view.name, best, size, largest, answers)


def measure(base: str, rows: list[View]) -> list[Figure]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return [measure_view(browser, base, v) for v in rows]
        finally:
            browser.close()


def environment() -> dict[str, Any]:
    """Commit, date and machine load, for the report."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=False).stdout.strip()
    return {"commit": commit, "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="minutes"),
            "cores": os.cpu_count(), "load_average": [round(x, 1) for x in os.getloadavg()]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=300)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--style", choices=list(STYLES), nargs="+", default=["independent"],
                        help="`policykg generate --style`, one run each; seed spreads the policies over far more regions")
    parser.add_argument("--json", help="write the figures to this JSON file too")
    parser.add_argument("--report", help="put the figures into this Markdown report (results/report.md)")
    parser.add_argument("--note", default="", help="a sentence added to the report section")
    args = parser.parse_args()
    runs = [(style, run(args.policies, args.store, style)) for style in args.style]
    for style, figures in runs:
        print(f"\n{STYLES[style]}:\n{table(figures)}")
    if args.json:
        Path(args.json).write_text(json.dumps({"policies": args.policies, "store": args.store, "runs": {
            style: [asdict(f) for f in figures] for style, figures in runs}}, ensure_ascii=False, indent=1), "utf-8")
    if args.report:
        section = report_section(runs, args.policies, args.store, environment(), args.note, RUNS)
        write_report(section, Path(args.report))
        print(f"wrote the section of {args.report}")


def run(policies: int, store: str, style: str) -> list[Figure]:
    """Generate, load and serve ``policies`` policies of ``style``; measure every view."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([*POLICYKG, "generate", "--policies", str(policies), "--style", style, "--out", str(corpus)],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        env = {**os.environ, "POLICYKG_DATA_DIR": str(Path(tmp) / "var"), "POLICYKG_STORE": store}
        t0 = time.perf_counter()
        subprocess.run([*POLICYKG, "load", "--quiet", str(corpus)], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        print(f"{policies} generated policies ({style} style) loaded into {store} in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        server = subprocess.Popen([*POLICYKG, "serve", "--port", str(port)], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(server, base, 600)
            with httpx.Client(base_url=base, timeout=120) as client:
                rows = views(pick(client))
            return measure(base, rows)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
