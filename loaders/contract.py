"""The extraction contract: a ``Document`` as the JSON object ``policykg extract`` prints.

The scored fields are those of the evaluation contract (source, title, doc_number, date,
citations, clauses with label/text/responsible/instruments/citations); the rest
(structure, metadata, targets, warnings, offsets) is there for users of the output.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .citations import unique_citations
from .records import Citation, Document, Node


def citation_dict(c: Citation) -> dict[str, Any]:
    return {"title": c.title, "doc_number": c.doc_number, "kind": c.kind, "start": c.start, "end": c.end}


def clause_dict(doc: Document, node: Node) -> dict[str, Any]:
    """One clause in the contract shape."""
    clean = doc.clean
    orig_start, orig_end = clean.orig_span(node.start, node.end)
    responsible = []
    mentions = []
    instruments = []
    beneficiaries: list[str] = []
    for p in node.provisions:
        for u in p.units:
            responsible.append(
                {"name": u.name, "canonical": u.canonical, "function": u.function, "kind": u.kind,
                 "lead": u.lead, "group": u.group, "aliases": u.aliases, "provision": p.index}
            )
        mentions += [{**asdict(m), "provision": p.index} for m in p.mentions]
        instruments += [{**asdict(i), "provision": p.index} for i in p.instruments]
        beneficiaries += [b for b in p.beneficiaries if b not in beneficiaries]
    return {
        "label": node.label,
        "heading": node.heading,
        "path": node.path,
        "text": clean.text[node.start : node.end].strip(),
        "text_simplified": clean.simplified[node.start : node.end].strip(),
        "start": node.start,
        "end": node.end,
        "orig_start": orig_start,
        "orig_end": orig_end,
        "provisions": [
            {"index": p.index, "start": p.start, "end": p.end, "units_text": p.units_text} for p in node.provisions
        ],
        "responsible": responsible,
        "mentions": mentions,
        "beneficiaries": beneficiaries,
        "instruments": instruments,
        "citations": [citation_dict(c) for c in node.citations],
        "targets": [asdict(t) for t in node.targets],
        "keywords": node.keywords,
    }


def structure_dict(doc: Document, node: Node) -> dict[str, Any]:
    """The document tree without text, for a table of contents."""

    def entry(n: Node) -> dict[str, Any]:
        return {"kind": n.kind, "label": n.label, "heading": n.heading, "start": n.start, "end": n.end,
                "is_clause": n.is_clause, "path": n.path, "children": []}

    top = entry(node)
    pending = [(node, top)]  # not recursive: the depth of a tree depends on its input
    while pending:
        current, out = pending.pop()
        for child in current.children:
            out["children"].append(entry(child))
            pending.append((child, out["children"][-1]))
    return top


def document_dict(doc: Document) -> dict[str, Any]:
    """One document in the contract shape."""
    src = doc.source
    return {
        "source": src.path.rsplit("/", 1)[-1],
        "path": src.path,
        "format": src.format,
        "encoding": src.encoding,
        "sha256": src.sha256,
        "part": doc.part,
        "title": doc.title,
        "doc_number": doc.doc_number,
        "date": doc.date,
        "issuer": doc.issuer,
        "effective_from": doc.effective_from,
        "effective_until": doc.effective_until,
        "region": doc.region,
        "province": doc.province,
        "level": doc.level,
        "interpreter": doc.interpreter,
        "citations": [citation_dict(c) for c in unique_citations(doc.citations)],
        "targets": [asdict(t) for t in doc.targets],
        "warnings": [w.to_dict() for w in doc.warnings],
        "structure": structure_dict(doc, doc.tree),
        "clauses": [clause_dict(doc, n) for n in doc.clauses],
    }
