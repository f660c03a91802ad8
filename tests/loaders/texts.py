"""Helpers the loader tests share: a text's metadata, a text read as a policy file, the units
of a running text."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.metadata import extract_metadata
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import CleanText, Document, Node
from policykg.loaders.responsibility import extract_provisions


def meta(text: str, tree: Node | None = None) -> dict[str, str | None]:
    """The metadata of ``text`` taken as already clean, under ``tree`` or a bare document node."""
    clean = CleanText(text, text, text, list(range(len(text) + 1)))
    return extract_metadata(clean, tree if tree is not None else Node("document", None, None, 0, len(text)),
                            "test.txt")


def read(pipeline: Pipeline, tmp_path: Path, text: str) -> Document:
    """``text`` written to a .txt file and read by the whole pipeline."""
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    return pipeline.read(path)


def inline_units(text: str) -> list[tuple[str, bool]]:
    """(name, lead) of each unit the provisions of a running text name, in order."""
    return [(u.name, u.lead) for p in extract_provisions(text, 0, len(text), None) for u in p.units]


def clause_units(doc: Document) -> list[tuple[str | None, list[tuple[str, bool]]]]:
    """(label, [(unit, lead)]) of each clause of a document read by the pipeline."""
    return [(c.label, [(u.name, u.lead) for p in c.provisions for u in p.units]) for c in doc.clauses]
