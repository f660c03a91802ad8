"""An incremental load into a Neo4j store that exists: where its time goes, and whether the
stored figures it keeps and the links it relinks incrementally are the ones computing
everything again gives.

    NEO4J_URI=bolt://localhost:7699 NEO4J_PASSWORD=… .venv/bin/python benchmarks/incremental_figures.py FILE_OR_DIR…

Loads the files as ``policykg load`` does (``policykg.loading.load_paths``: write, link the
whole graph, keep the default answers' figures) and prints one JSON line: seconds in all, in
linking and in keeping the figures, how many figures were computed and how many carried to the
new version unchanged. With ``--check`` it then dumps every stored figure, computes them all
again (``keep_figures(incremental=False)``, timed: the keep a load made before) and counts the
figures whose value differs. With ``--check-links`` it reads every derived link, relinks the
whole graph (``link_all(incremental=False)``, timed: the linking every load made before) and
counts the links that differ (CITES with via, text and candidates; SIMILAR_TO with scores). The
linking's seconds are split into citations and similar clauses. The store is written: use a
copy of one you care about.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from typing import Any


def stored_figures(store: Any) -> dict[str, str]:
    """Every stored figure, key → value (JSON text)."""
    from policykg.graph import cypher as Q

    return {r["key"]: r["value"] for r in store._read(f"MATCH (f:{Q.FIGURE_LABEL}) RETURN f.key AS key, f.value AS value")}


def derived_links(store: Any) -> set[tuple[str, str, str, str]]:
    """Every derived link: CITES to a policy and SIMILAR_TO, with their properties."""
    from policykg.graph.store import props_key

    return {(rel_type, r["start"], r["end"], props_key(r["properties"]))
            for rel_type in ("CITES", "SIMILAR_TO") for r in store.relationships(rel_type)
            if rel_type == "SIMILAR_TO" or r["end"].startswith("policy:")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="policy files or folders to load")
    parser.add_argument("--check", action="store_true", help="compute every figure afterwards and compare")
    parser.add_argument("--check-links", action="store_true", help="relink the whole graph afterwards and compare")
    args = parser.parse_args(argv)

    import policykg.graph.linking as linking
    import policykg.loading as loading
    from policykg.settings import Settings
    from policykg.stores import open_store

    opened = open_store(Settings(), "neo4j", purpose="load")
    store = opened.store
    seconds: dict[str, float] = {}
    messages: list[str] = []

    def timed(name: str, fn: Any) -> Any:
        def run(*a: Any, **k: Any) -> Any:
            t0 = time.monotonic()
            try:
                return fn(*a, **k)
            finally:
                seconds[name] = round(time.monotonic() - t0, 1)
        return run

    keep = store.keep_figures
    link_all = loading.link_all  # type: ignore[attr-defined]
    loading.link_all = timed("link_s", link_all)  # type: ignore[attr-defined]
    resolve, similar = linking.resolve_citations, linking.link_similar_clauses
    linking.resolve_citations = timed("link_citations_s", resolve)  # type: ignore[assignment]
    linking.link_similar_clauses = timed("link_similar_s", similar)  # type: ignore[assignment]
    journals: list[Any] = []
    read_journal = store.link_journal

    def link_journal() -> Any:
        journals.append(read_journal())
        return journals[-1]

    store.link_journal = link_journal  # the one the load's relink reads
    store.keep_figures = timed("figures_s", lambda *a, **k: keep(messages.append))
    t0 = time.monotonic()
    report = loading.load_paths(store, args.paths)
    out: dict[str, Any] = {"load_s": round(time.monotonic() - t0, 1), **seconds, "summary": report.summary(),
                           "figures_kept": report.figures_kept,
                           "link_incremental": journals[0].known if journals else None,
                           "link_policies_written": len(journals[0].policies) if journals else None}
    found = next((m for m in (re.search(r"stored (\d+) figures .*?\((.*)\)", t) for t in messages) if m), None)
    if found:
        out["figures_computed"] = int(found.group(1))
        carried = re.search(r"(\d+) carried", found.group(2))
        out["figures_carried"] = int(carried.group(1)) if carried else 0
    if args.check_links:
        incremental_links = derived_links(store)
        incremental_seconds = dict(seconds)
        t1 = time.monotonic()
        link_all(store, incremental=False)
        out["full_link_s"] = round(time.monotonic() - t1, 1)
        out["full_link_citations_s"], out["full_link_similar_s"] = seconds["link_citations_s"], seconds["link_similar_s"]
        seconds.update(incremental_seconds)
        full_links = derived_links(store)
        out["links_differing"] = len(incremental_links ^ full_links)
        out["links_full"] = len(full_links)
    if args.check:
        incremental = stored_figures(store)
        t1 = time.monotonic()
        keep(incremental=False)
        out["full_keep_s"] = round(time.monotonic() - t1, 1)
        full = stored_figures(store)
        out["figures_differing"] = sum(incremental.get(k) != full.get(k) for k in set(incremental) | set(full))
        out["figures_full"] = len(full)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
