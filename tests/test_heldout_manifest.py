"""benchmarks/heldout_manifest.json: the list of the held-out real documents (texts and gold live
outside the repository). Its shape, its totals, and that no document is one of the dev set."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HELDOUT = json.loads((REPO / "benchmarks" / "heldout_manifest.json").read_text(encoding="utf-8"))
DEVSET = json.loads((REPO / "benchmarks" / "devset_manifest.json").read_text(encoding="utf-8"))
FIELDS = ("clauses", "units", "leads", "instruments", "citations")


def test_every_document_has_its_source_size_and_hand_counts() -> None:
    docs = HELDOUT["documents"]
    assert len(docs) >= 20
    assert [d["number"] for d in docs] == [f"{i:03d}" for i in range(1, len(docs) + 1)]
    for d in docs:
        assert d["source_url"].startswith(("http://", "https://")), d["number"]
        assert isinstance(d["characters"], int) and d["characters"] > 0, d["number"]
        assert d["title"] is None or d["title"].strip(), d["number"]
        assert d["layout"].strip(), d["number"]
        judged = d["judged"]
        assert all(isinstance(judged[f], int) and judged[f] >= 0 for f in FIELDS), d["number"]
        assert judged["leads"] <= judged["units"], d["number"]
        assert set(judged["metadata"]) <= {"title", "doc_number", "date", "region", "issuer"}, d["number"]


def test_totals_are_the_sums_of_the_documents() -> None:
    docs = HELDOUT["documents"]
    assert HELDOUT["totals"]["documents"] == len(docs)
    for field in FIELDS:
        assert HELDOUT["totals"][field] == sum(d["judged"][field] for d in docs), field


def test_no_document_is_in_the_dev_set() -> None:
    dev_urls = {d["source_url"] for d in DEVSET["documents"]}
    dev_titles = {d["title"] for d in DEVSET["documents"] if d["title"]}
    for d in HELDOUT["documents"]:
        assert d["source_url"] not in dev_urls, d["number"]
        assert d["title"] is None or d["title"] not in dev_titles, d["number"]
    urls = [d["source_url"] for d in HELDOUT["documents"]]
    assert len(urls) == len(set(urls))
