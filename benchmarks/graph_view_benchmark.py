"""How long a big graph takes to become interactive: pyvis defaults against the page's options.

Generates a synthetic neighbourhood of N nodes (default 1,000) in the shape of
``GET /api/v1/graph/{id}``, serves it with the page's real static files from a small local
HTTP server, and loads it in headless Chromium twice:

* pyvis defaults: the HTML pyvis itself generates (physics on, dynamic smooth edges,
  1,000 stabilisation iterations); the time to vis-network's ``stabilizationIterationsDone``
  and to ``stabilized`` is printed (capped at --cap seconds);
* the page: ``/?view=graph&node=…`` with its own options (seeded positions, capped
  iterations, then physics off); the time until the layout is frozen and the graph is
  interactive is printed.

Times are milliseconds since navigation start. Printed, not asserted.

    .venv/bin/python benchmarks/graph_view_benchmark.py --nodes 1000
"""

from __future__ import annotations

import argparse
import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

from policykg.web.assets import static_dir, vis_network_dir

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
START = "dept:基准市科学技术局"
FUNCTIONS = ["science_tech", "finance", "education", "human_resources", "market_ip", "industry_it"]
REGIONS = ["荆州市", "武汉市", "襄阳市", "宜昌市"]


def synthetic_graph(n: int, seed: int = 7) -> dict:
    """A connected graph of n nodes (departments, clauses, instruments, ...) and ~1.5 n edges."""
    rng = random.Random(seed)
    kinds = ["Clause"] * 5 + ["Department"] * 2 + ["Instrument"] * 2 + ["Policy", "BeneficiaryType"]
    nodes = [{"id": START, "type": "Department", "label": "基准市科学技术局", "title": "基准市科学技术局",
              "group": "Department", "color": None, "shape": None, "properties": {"function": "science_tech"}}]
    for i in range(1, n):
        kind = rng.choice(kinds)
        props: dict = {"region": rng.choice(REGIONS)}
        if kind == "Department":
            props["function"] = rng.choice(FUNCTIONS)
        if kind == "Instrument":
            props.update(type=rng.choice(["reward", "subsidy", "fund"]), beneficiary="enterprise", rate=0.08)
        label = f"{kind} {i} 条款第{i}项"
        nodes.append({"id": f"bench:{i}", "type": kind, "label": label, "title": label, "group": kind,
                      "color": None, "shape": None, "properties": props})
    edges = []
    for i in range(1, n):
        parent = nodes[rng.randrange(max(1, i // 3))]["id"] if i > 1 else START
        edges.append({"id": f"e{i}", "from": parent, "to": nodes[i]["id"], "type": "RESPONSIBLE_FOR", "label": ""})
    for j in range(n // 2):
        a, b = rng.sample(range(n), 2)
        edges.append({"id": f"x{j}", "from": nodes[a]["id"], "to": nodes[b]["id"], "type": "SIMILAR_TO", "label": ""})
    return {"center": START, "nodes": nodes, "edges": edges, "truncated": False, "total_neighbours": n - 1}


def pyvis_default_html(graph: dict) -> str:
    """The page pyvis generates for this graph with its default options, instrumented."""
    from pyvis.network import Network

    net = Network(height="900px", width="100%", cdn_resources="in_line")
    for node in graph["nodes"]:
        net.add_node(node["id"], label=node["label"], title=node["title"])
    for edge in graph["edges"]:
        net.add_edge(edge["from"], edge["to"])
    html = net.generate_html()
    hook = (
        "network = new vis.Network(container, data, options);\n"
        "network.on('stabilizationIterationsDone', () => { window.__iterationsDone = performance.now(); });\n"
        "network.on('stabilized', () => { window.__stabilized = window.__stabilized || performance.now(); });\n"
    )
    marker = "network = new vis.Network(container, data, options);"
    if marker not in html:
        raise RuntimeError("the pyvis template changed: cannot instrument it")
    return html.replace(marker, hook, 1)


class Handler(BaseHTTPRequestHandler):
    graph: dict = {}
    pyvis_html: str = ""

    def log_message(self, *args) -> None:  # quiet
        pass

    def send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def json(self, data, status: int = 200) -> None:
        self.send(status, json.dumps(data, ensure_ascii=False).encode(), "application/json")

    def file(self, path: Path) -> None:
        types = {".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8"}
        if not path.is_file():
            self.json({"error": "not_found", "detail": str(path), "status": 404}, 404)
            return
        self.send(200, path.read_bytes(), types.get(path.suffix, "application/octet-stream"))

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = unquote(urlparse(self.path).path)
        if path == "/":
            self.file(static_dir() / "index.html")
        elif path == "/pyvis.html":
            self.send(200, self.pyvis_html.encode(), "text/html; charset=utf-8")
        elif path.startswith("/static/vendor/"):
            self.file(vis_network_dir() / Path(path).name)
        elif path.startswith("/static/"):
            self.file(static_dir() / Path(path).name)
        elif path == "/api/v1/health":
            self.json({"status": "ok", "store": "embedded", "version": "bench", "counts": {"nodes": {}, "relationships": {}}})
        elif path.startswith("/api/v1/graph/"):
            self.json(self.graph)
        elif path == "/api/v1/policies":
            self.json({"items": [], "total": 0, "limit": 20, "offset": 0, "facets": {}})
        else:
            self.json({"error": "not_found", "detail": f"no {path} in the benchmark server", "status": 404}, 404)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=1000, help="graph size (default 1000)")
    parser.add_argument("--cap", type=float, default=90.0, help="give up on pyvis defaults after this many seconds")
    parser.add_argument("--skip-pyvis", action="store_true", help="measure only the page")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    graph = synthetic_graph(args.nodes)
    Handler.graph = graph
    Handler.pyvis_html = "" if args.skip_pyvis else pyvis_default_html(graph)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"graph: {len(graph['nodes'])} nodes, {len(graph['edges'])} edges")

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        # offline: anything not served locally (pyvis' bootstrap CDN links) is refused
        context.route(lambda url: not url.startswith(base), lambda route: route.abort())
        page = context.new_page()

        page.goto(f"{base}/?view=graph&node={START}&limit={args.nodes}")
        page.wait_for_function("() => document.querySelector('#network')?.dataset.state === 'ready' && window.policykgGraph?.timing",
                               timeout=60_000, polling=50)
        t = page.evaluate("() => ({...window.policykgGraph.timing, readyAt: window.policykgGraph.timing.readyAt})")
        print(f"policykg page: interactive (layout frozen) at {t['readyAt']:.0f} ms after navigation "
              f"(fetch {t['fetchMs']:.0f} ms, layout {t['layoutMs']:.0f} ms, {t['iterations']} iterations, "
              f"{t['nodes']} nodes, {t['edges']} edges)")

        if not args.skip_pyvis:
            started = time.monotonic()
            page.goto(f"{base}/pyvis.html")
            try:
                page.wait_for_function("() => window.__stabilized !== undefined", timeout=args.cap * 1000, polling=250)
            except Exception:  # noqa: BLE001 - the cap was reached
                pass
            done = page.evaluate("() => [window.__iterationsDone ?? null, window.__stabilized ?? null]")
            wall = time.monotonic() - started
            fmt = lambda v: f"{v:.0f} ms" if v is not None else f"not within {args.cap:.0f} s"  # noqa: E731
            print(f"pyvis defaults: stabilisation iterations done at {fmt(done[0])}, "
                  f"stabilized at {fmt(done[1])} (waited {wall:.1f} s)")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
