"""Is every view of the explorer interactive in < 1 s, and every answer < 1 MB, at N policies?

Generates N policies (default 300, `policykg generate`), loads them into a fresh embedded store,
serves the app (`policykg serve`) and then, for each view:

* the API answers the page asks for: size in bytes and time (best of 3, one client);
* the view in headless Chromium (Debian's chromium): milliseconds from navigation start until
  the view's content is on screen (its ready selector), best of 2.

Figures are printed, not asserted; `--json FILE` writes them too.

    .venv/bin/python benchmarks/explorer_benchmark.py [--policies 300] [--store embedded|neo4j]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_benchmark import POLICYKG, ROOT, free_port, wait_until_serving  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
LIMIT_MS = 1000
LIMIT_BYTES = 1_000_000


def pick(client: httpx.Client) -> dict[str, str]:
    """Real ids to show: a department, a policy, a clause with similar clauses, two regions."""
    policies = client.get("/api/v1/policies", params={"limit": 200}).json()
    regions = [f["value"] for f in policies.get("facets", {}).get("region", [])][:2]
    dept = client.get("/api/v1/departments", params={"limit": 1}).json()["items"][0]["id"]
    policy = policies["items"][0]["id"]
    clause = None
    for p in policies["items"][:40]:
        doc = client.get(f"/api/v1/policies/{quote(p['id'], safe='')}/document").json()
        for node in doc["nodes"]:
            if node["is_clause"] and client.get(f"/api/v1/clauses/{quote(node['id'], safe='')}").json().get("similar"):
                clause = node["id"]
                break
        if clause:
            break
    return {"dept": dept, "policy": policy, "clause": clause or "", "regions": ",".join(regions)}


def views(ids: dict[str, str]) -> list[tuple[str, dict[str, str], list[str], str]]:
    """(name, page state, API paths the view asks for, CSS selector of its content)."""
    q = lambda s: quote(s, safe="")  # noqa: E731
    return [
        ("graph", {"view": "graph", "node": ids["dept"]}, [f"/api/v1/graph/{q(ids['dept'])}"], "#network[data-state=ready]"),
        ("reader", {"view": "reader", "policy": ids["policy"]}, [f"/api/v1/policies/{q(ids['policy'])}/document"], ".view-reader article.doc-clause, .view-reader section.doc-section"),
        ("clause", {"view": "clause", "id": ids["clause"]}, [f"/api/v1/clauses/{q(ids['clause'])}"], "blockquote.clause-text"),
        ("compare", {"view": "compare"}, ["/api/v1/compare", "/api/v1/policies?limit=1"], "table.matrix, .view-compare .notice"),
        ("research: mix (all regions)", {"view": "research", "tab": "mix"}, ["/api/v1/research/instrument-mix"], "table.mix-table"),
        ("research: network (all regions)", {"view": "research", "tab": "network"}, ["/api/v1/research/co-responsibility"], "table.network-table"),
        ("research: diffusion", {"view": "research", "tab": "diffusion", "clause": ids["clause"]}, [f"/api/v1/research/diffusion/{q(ids['clause'])}"], "ol.diffusion-list li"),
        ("search (API only: 奖励)", {"view": "graph", "node": ids["dept"]}, ["/api/v1/search?q=%E5%A5%96%E5%8A%B1"], "#network[data-state=ready]"),
    ]


def measure_api(client: httpx.Client, paths: list[str]) -> tuple[int, float]:
    size, worst = 0, 0.0
    for path in paths:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            r = client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
            r.raise_for_status()
        size = max(size, len(r.content))
        worst = max(worst, min(times))
    return size, worst


def measure_pages(base: str, rows: list[tuple[str, dict[str, str], list[str], str]]) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, state, _, ready in rows:
            best = float("inf")
            for _ in range(2):
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                t0 = time.perf_counter()
                page.goto(f"{base}/?{urlencode(state)}")
                page.locator(ready).first.wait_for(timeout=60_000)
                best = min(best, (time.perf_counter() - t0) * 1000)
                page.close()
            out[name] = best
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=300)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--json", help="write the figures to this JSON file too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([*POLICYKG, "generate", "--policies", str(args.policies), "--out", str(corpus)],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        env = {**os.environ, "POLICYKG_DATA_DIR": str(Path(tmp) / "var"), "POLICYKG_STORE": args.store}
        t0 = time.perf_counter()
        subprocess.run([*POLICYKG, "load", "--quiet", str(corpus)], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        print(f"{args.policies} generated policies loaded into {args.store} in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        server = subprocess.Popen([*POLICYKG, "serve", "--port", str(port)], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(server, base, 600)
            with httpx.Client(base_url=base, timeout=120) as client:
                rows = views(pick(client))
                api = {name: measure_api(client, paths) for name, _, paths, _ in rows}
            pages = measure_pages(base, rows)
        finally:
            server.terminate()
            server.wait(timeout=30)
    figures = []
    print(f"\n{'view':34} {'largest answer':>15} {'API ms':>8} {'page ms':>8}  within limits")
    for name, *_ in rows:
        size, ms = api[name]
        ok = size < LIMIT_BYTES and pages[name] < LIMIT_MS
        figures.append({"view": name, "bytes": size, "api_ms": round(ms, 1), "page_ms": round(pages[name], 1), "ok": ok})
        print(f"{name:34} {size:>15,} {ms:>8.1f} {pages[name]:>8.1f}  {'yes' if ok else 'NO'}")
    if args.json:
        Path(args.json).write_text(json.dumps({"policies": args.policies, "store": args.store, "views": figures},
                                              ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
