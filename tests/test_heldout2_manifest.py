"""benchmarks/heldout2_manifest.json: the list of the second held-out set of real documents (texts
and gold live outside the repository). Its shape, its totals, and that no document is one of the
dev set or of the first held-out set."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks"
HELDOUT2 = json.loads((BENCH / "heldout2_manifest.json").read_text(encoding="utf-8"))
EARLIER = [json.loads((BENCH / name).read_text(encoding="utf-8"))
           for name in ("devset_manifest.json", "heldout_manifest.json")]
FIELDS = ("clauses", "units", "leads", "instruments", "citations")
METADATA = {"title", "doc_number", "date", "region", "issuer"}


def test_every_document_has_its_source_size_and_hand_counts() -> None:
    docs = HELDOUT2["documents"]
    assert len(docs) >= 25
    assert [d["number"] for d in docs] == [f"{i:03d}" for i in range(1, len(docs) + 1)]
    for d in docs:
        assert d["source_url"].startswith(("http://", "https://")), d["number"]
        assert isinstance(d["characters"], int) and d["characters"] > 0, d["number"]
        assert d["title"] is None or d["title"].strip(), d["number"]
        assert d["layout"].strip(), d["number"]
        judged = d["judged"]
        assert all(isinstance(judged[f], int) and judged[f] >= 0 for f in FIELDS), d["number"]
        assert judged["leads"] <= judged["units"], d["number"]
        assert set(judged["metadata"]) <= METADATA, d["number"]


def test_totals_are_the_sums_of_the_documents() -> None:
    docs = HELDOUT2["documents"]
    assert HELDOUT2["totals"]["documents"] == len(docs)
    for field in FIELDS:
        assert HELDOUT2["totals"][field] == sum(d["judged"][field] for d in docs), field


def test_the_set_judges_units_and_incentives() -> None:
    # the first held-out set had no unit at all: this one must say something about them
    docs = HELDOUT2["documents"]
    assert sum(d["judged"]["units"] > 0 for d in docs) >= 2
    assert sum(d["judged"]["instruments"] > 0 for d in docs) >= 3


def test_no_document_is_in_the_dev_set_or_the_first_held_out_set() -> None:
    urls = {d["source_url"] for m in EARLIER for d in m["documents"]}
    titles = {d["title"] for m in EARLIER for d in m["documents"] if d["title"]}
    for d in HELDOUT2["documents"]:
        assert d["source_url"] not in urls, d["number"]
        assert d["title"] is None or d["title"] not in titles, d["number"]
    own = [d["source_url"] for d in HELDOUT2["documents"]]
    assert len(own) == len(set(own))
