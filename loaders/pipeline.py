"""The reading pipeline: one policy file in, one ``Document`` out.

read (bytes → text, encoding reported) → clean (provenance kept) → structure
(document tree, provisions) → metadata and references → actors and instruments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .citations import find_citations
from .cleaning import clean_text
from .errors import ReadError
from .extraction import Extractor
from .metadata import extract_metadata
from .readers import iter_policy_files, read_source
from .records import CleanText, Document
from .structure import build_tree
from .targets import find_targets


@dataclass
class LoadFailure:
    """A file that could not be turned into a document."""

    path: str
    reason: str


def title_as_written(clean: CleanText, title: str | None) -> str | None:
    """The title with the punctuation of the document (（2016—2018年） stays full-width),
    in simplified Chinese; metadata finds it in the width-folded text."""
    if not title:
        return title
    pattern = r"\s*".join(re.escape(ch) for ch in title)
    m = re.search(pattern, clean.normalized)
    if not m:
        return title
    return re.sub(r"\s+", "", clean.simplified[m.start() : m.end()])


class Pipeline:
    """Turns policy files into documents. Create once and reuse: it owns the tokenizer."""

    def __init__(self, extractor: Extractor | None = None) -> None:
        self.extractor = extractor or Extractor()

    def read(self, path: Path | str) -> Document:
        """Read one file into a fully extracted ``Document``; raises ``ReadError``."""
        path = Path(path)
        source = read_source(path)
        clean = clean_text(source)
        tree = build_tree(clean)
        meta = extract_metadata(clean, tree, path.name)
        meta["title"] = title_as_written(clean, meta.get("title"))
        doc = Document(source=source, clean=clean, tree=tree, **meta)
        text = clean.normalized
        doc.citations = find_citations(text, 0, own_doc_number=doc.doc_number, own_title=doc.title)
        for node in tree.walk():
            if node.kind == "document":
                continue
            if node.is_clause or not node.children:
                node.citations = [c for c in doc.citations if node.start <= c.start < node.end]
        doc.targets = find_targets(text, 0)
        for node in tree.walk():
            if node.kind != "document" and (node.is_clause or not node.children):
                node.targets = [t for t in doc.targets if node.start <= t.start < node.end]
        self.extractor.extract(doc)
        doc.warnings = [*source.warnings, *clean.warnings]
        return doc

    def read_many(self, paths: Iterable[Path | str]) -> Iterator[Document | LoadFailure]:
        """Read every policy file under ``paths`` (files or folders), never stopping on a bad one."""
        for path in iter_policy_files(paths):
            try:
                yield self.read(path)
            except ReadError as err:
                yield LoadFailure(str(path), err.reason)
