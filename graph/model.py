"""Turn one loaded ``Document`` into the nodes and relationships of the policy graph.

``build_policy_graph`` is pure: no store, no I/O except reading the vocabularies
(names of functions, instrument and beneficiary types) from ``loaders/data``.
Ids are derived from content so that loading the same file twice gives the same
graph: the policy id from its source key and the file's sha256, owned nodes from
the policy id and their place in the document tree, shared nodes from their key.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..loaders.cleaning import to_simplified as simplify_text
from ..loaders.records import Citation, Document, Node, Target
from . import schema as S

NodeRow = tuple[str, str, dict[str, Any]]  # (id, label, properties)
RelRow = tuple[str, str, str, dict[str, Any]]  # (type, start id, end id, properties)


@dataclass
class PolicyGraph:
    """The subgraph of one policy: its own nodes, the shared nodes it refers to, and relationships."""

    policy_id: str
    source_key: str
    sha256: str
    content_hash: str
    nodes: list[NodeRow] = field(default_factory=list)
    rels: list[RelRow] = field(default_factory=list)

    def labels(self) -> dict[str, str]:
        """Map node id → label for the nodes of this graph."""
        return {nid: label for nid, label, _ in self.nodes}


# --- normalisation shared with linking -------------------------------------------------

_OPEN = "〔［[【(（{｛"
_CLOSE = "〕］]】)）}｝"
_PRINT_NOTICE = re.compile(r"关于(?:印发|转发|发布|颁布)[《〈<]?(.+?)[》〉>]?的(?:通知|函|决定|公告)$")
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]+")


def to_simplified(text: str) -> str:
    """Width-fold (NFKC), then the loaders' conversion to simplified characters, variant
    characters included (陜 → 陕): a search folds its words as the extracted text was folded."""
    return simplify_text(unicodedata.normalize("NFKC", text))


def normalize_doc_number(doc_number: str) -> str:
    """A 文号 in one form: simplified, half-width, no spaces, 〔〕 for every bracket."""
    s = re.sub(r"\s+", "", to_simplified(doc_number))
    s = s.translate(str.maketrans(_OPEN + _CLOSE, "〔" * len(_OPEN) + "〕" * len(_CLOSE)))
    return s


def normalize_text(text: str) -> str:
    """Simplified, lower-case, with everything but letters, digits and CJK removed."""
    return _NOT_WORD.sub("", to_simplified(text).lower())


def normalize_title(title: str) -> str:
    """A title in matching form: 《》 stripped, 关于印发〈X〉的通知 → X, punctuation removed."""
    s = re.sub(r"\s+", "", to_simplified(title)).strip("《》〈〉<>\"'“”")
    m = _PRINT_NOTICE.search(s)
    if m:
        s = m.group(1)
    return normalize_text(s)


# --- vocabularies ------------------------------------------------------------------------

_NAME_KEYS = ("name_zh", "zh", "name", "label", "title")


def _entries(data: Any) -> dict[str, dict[str, Any]]:
    """Read a vocabulary in any of the plain shapes: {code: {...}}, {code: "名"}, [{"code": ...}]."""
    out: dict[str, dict[str, Any]] = {}
    if isinstance(data, list):
        for item in data:
            if isinstance(item, dict):
                code = item.get("code") or item.get("id") or item.get("key")
                if isinstance(code, str):
                    out[code] = item
    elif isinstance(data, dict):
        for key, value in data.items():
            if key.startswith("_"):
                continue
            if isinstance(value, dict) and ("code" in value or any(k in value for k in _NAME_KEYS)):
                out[key] = value
            elif isinstance(value, str):
                out[key] = {"name_zh": value}
            elif isinstance(value, (dict, list)):
                out.update(_entries(value))  # e.g. {"functions": [...]}
    return out


@cache
def vocabulary(*filenames: str) -> dict[str, dict[str, Any]]:
    """Entries by code from the loaders' data files; a missing or unreadable file gives none."""
    out: dict[str, dict[str, Any]] = {}
    for name in filenames:
        try:
            text = (resources.files("policykg.loaders") / "data" / name).read_text(encoding="utf-8")
            out.update({k: v for k, v in _entries(json.loads(text)).items() if k not in out})
        except (OSError, ValueError, ModuleNotFoundError):
            continue
    return out


def vocab_name(entry: dict[str, Any] | None, code: str) -> str:
    """The Chinese name of a vocabulary entry, or the code when there is none."""
    for key in _NAME_KEYS:
        value = (entry or {}).get(key)
        if isinstance(value, str) and value:
            return value
    return code


FUNCTION_FILES = ("functions.json", "departments.json")
INSTRUMENT_FILES = ("instruments.json",)
BENEFICIARY_FILES = ("beneficiaries.json",)


# --- ids ----------------------------------------------------------------------------------


def policy_id(source_key: str, sha256: str) -> str:
    """Id of a policy: its source key and the first 12 hex digits of the file's sha256."""
    return f"policy:{source_key}@{sha256[:12]}"


def department_id(canonical: str) -> str:
    return f"dept:{canonical}"


def function_id(code: str) -> str:
    return f"function:{code}"


def region_id(name: str) -> str:
    return f"region:{name}"


def beneficiary_id(code: str) -> str:
    return f"beneficiary:{code}"


def instrument_type_id(code: str) -> str:
    return f"itype:{code}"


def cited_key(citation: Citation) -> str:
    """Natural key of a cited document: its normalised 文号, else its normalised title."""
    if citation.doc_number:
        return "no:" + normalize_doc_number(citation.doc_number)
    return "title:" + normalize_title(citation.title)


def cited_id(key: str) -> str:
    return f"cited:{key}"


# --- building -----------------------------------------------------------------------------


def clean_props(props: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` and empty lists (a missing property is absent, never null or [])."""
    return {k: v for k, v in props.items() if v is not None and v != []}


class _Builder:
    """Collects nodes (merged by id) and relationships (deduplicated) in insertion order."""

    def __init__(self) -> None:
        self.nodes: dict[str, tuple[str, dict[str, Any]]] = {}
        self.rels: dict[tuple[Any, ...], RelRow] = {}

    def node(self, nid: str, label: str, props: dict[str, Any]) -> str:
        props = clean_props({"id": nid, **props})
        if nid in self.nodes:
            _, old = self.nodes[nid]
            for key in S.ACCUMULATING_PROPS.get(label, ()):
                if key in props:
                    props[key] = old.get(key, []) + [x for x in props[key] if x not in old.get(key, [])]
            old.update(props)
        else:
            self.nodes[nid] = (label, props)
        return nid

    def rel(self, rel_type: str, start: str, end: str, props: dict[str, Any] | None = None) -> None:
        props = clean_props(props or {})
        key = (rel_type, start, end, json.dumps(props, sort_keys=True, ensure_ascii=False))
        self.rels.setdefault(key, (rel_type, start, end, props))


def _span(doc: Document, start: int, end: int) -> dict[str, int]:
    try:
        orig_start, orig_end = doc.clean.orig_span(start, end)
    except IndexError:
        return {"start": start, "end": end}
    return {"start": start, "end": end, "orig_start": orig_start, "orig_end": orig_end}


def _region_nodes(b: _Builder, doc: Document) -> str | None:
    """Region of the policy (and its province, PART_OF); returns the policy's region id."""
    province_id = None
    if doc.province:
        province_id = b.node(region_id(doc.province), S.REGION, {"name": doc.province, "level": "province"})
    if doc.region and doc.region != doc.province:
        rid = b.node(region_id(doc.region), S.REGION, {"name": doc.region, "level": doc.level})
        if province_id:
            b.rel("PART_OF", rid, province_id)
        return rid
    return province_id


def _department(b: _Builder, doc: Document, canonical: str, name: str, function: str | None,
                kind: str | None) -> str:
    did = b.node(department_id(canonical), S.DEPARTMENT,
                 {"name": canonical, "names": [name], "function": function or None, "kind": kind or None})
    if function:
        entry = vocabulary(*FUNCTION_FILES).get(function)
        fid = b.node(function_id(function), S.FUNCTION, {"code": function, "name_zh": vocab_name(entry, function)})
        b.rel("HAS_FUNCTION", did, fid)
    for region in (doc.region, doc.province):
        if region and canonical.startswith(region):
            b.rel("IN_REGION", did, region_id(region))
            break
    return did


def _beneficiary(b: _Builder, code: str) -> str:
    entry = vocabulary(*BENEFICIARY_FILES).get(code)
    return b.node(beneficiary_id(code), S.BENEFICIARY_TYPE, {"code": code, "name_zh": vocab_name(entry, code)})


def _corrupted(doc: Document) -> str | None:
    """The cleaner's corrupted passages (cleaned-text offsets) as a JSON list, for the reader."""
    found = [{"start": w.start, "end": w.end, "message": w.message} for w in doc.warnings
             if w.code == "corrupted_text" and w.start is not None and w.end is not None]
    return json.dumps(found, ensure_ascii=False) if found else None


def _tree_nodes(tree: Node) -> list[tuple[Node, Node | None]]:
    """(node, parent) for every node to store: not the root, nothing inside a clause."""
    out: list[tuple[Node, Node | None]] = []

    def visit(node: Node, parent: Node | None) -> None:
        out.append((node, parent))
        if not node.is_clause:
            for child in node.children:
                visit(child, node)

    for child in tree.children:
        visit(child, None)
    return out


def _unique_paths(items: list[tuple[Node, Node | None]]) -> dict[int, str]:
    paths: dict[int, str] = {}
    seen: set[str] = set()
    for i, (node, _) in enumerate(items):
        path = node.path or f"#{i}"
        while path in seen:
            path += "+"
        seen.add(path)
        paths[id(node)] = path
    return paths


def _collect(doc: Document, attr: str, key: Callable[[Any], Any]) -> list[Any]:
    items: dict[Any, Any] = {}
    for item in [*getattr(doc, attr), *(x for n in doc.tree.walk() for x in getattr(n, attr))]:
        items.setdefault(key(item), item)
    return sorted(items.values(), key=lambda x: (x.start, x.end))


def _clause_at(clauses: list[tuple[int, int, str]], pos: int) -> str | None:
    for start, end, cid in clauses:
        if start <= pos < end:
            return cid
    return None


def build_policy_graph(doc: Document, source_key: str) -> PolicyGraph:
    """Build the policy subgraph of ``doc``; ``source_key`` names the source (e.g. its file name)."""
    sha = doc.source.sha256
    pid = policy_id(source_key, sha)
    b = _Builder()
    text, simplified = doc.clean.text, doc.clean.simplified
    items = _tree_nodes(doc.tree)
    clause_count = sum(1 for n, _ in items if n.is_clause)
    b.node(pid, S.POLICY, {
        "policy_id": pid, "source": doc.source.path, "source_key": source_key, "sha256": sha,
        "title": doc.title, "doc_number": doc.doc_number, "issuer": doc.issuer, "date": doc.date,
        "effective_from": doc.effective_from, "effective_until": doc.effective_until,
        "region": doc.region, "province": doc.province, "level": doc.level,
        "interpreter": doc.interpreter, "format": doc.source.format, "encoding": doc.source.encoding,
        "warnings": len(doc.warnings), "clause_count": clause_count,
        "corrupted": _corrupted(doc),
    })
    rid = _region_nodes(b, doc)
    if rid:
        b.rel("IN_REGION", pid, rid)
    if doc.issuer:
        b.rel("ISSUED_BY", pid, _department(b, doc, doc.issuer, doc.issuer, None, "government"))

    paths = _unique_paths(items)
    clause_spans: list[tuple[int, int, str]] = []
    for order, (node, parent) in enumerate(items):
        nid = f"{pid}/n/{paths[id(node)]}"
        parent_id = f"{pid}/n/{paths[id(parent)]}" if parent is not None else pid
        common = {"kind": node.kind, "label": node.label, "heading": node.heading, **_span(doc, node.start, node.end),
                  "order": order, "path": paths[id(node)], "policy_id": pid}
        if not node.is_clause:
            own_end = node.children[0].start if node.children else node.end
            b.node(nid, S.SECTION, {**common, "text": text[node.start:own_end].strip()})
            b.rel("HAS_SECTION", parent_id, nid)
            continue
        b.node(nid, S.CLAUSE, {**common, "text": text[node.start:node.end].strip(),
                               "text_simplified": simplified[node.start:node.end].strip(),
                               "keywords": list(node.keywords)})
        b.rel("HAS_CLAUSE", parent_id, nid)
        clause_spans.append((node.start, node.end, nid))
        _clause_content(b, doc, node, nid, pid)

    for k, target in enumerate(_collect(doc, "targets", _target_key)):
        tid = b.node(f"{pid}/t/{k}", S.TARGET, {
            "metric": target.metric, "value": target.value, "unit": target.unit, "year": target.year,
            "comparator": target.comparator, "text": target.text, "start": target.start, "end": target.end,
            "policy_id": pid})
        b.rel("SETS", _clause_at(clause_spans, target.start) or pid, tid)

    _citations(b, doc, pid, clause_spans)
    nodes = [(nid, label, props) for nid, (label, props) in b.nodes.items()]
    rels = list(b.rels.values())
    digest = hashlib.sha256(json.dumps([nodes, rels], sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    nodes[0][2]["content_hash"] = digest
    return PolicyGraph(pid, source_key, sha, digest, nodes, rels)


def _target_key(t: Target) -> tuple[Any, ...]:
    return (t.start, t.end, t.metric)


def _clause_content(b: _Builder, doc: Document, node: Node, cid: str, pid: str) -> None:
    """Departments, mentions, instruments and beneficiaries of one clause."""
    itypes = vocabulary(*INSTRUMENT_FILES)
    for prov in node.provisions:
        for unit in prov.units:
            did = _department(b, doc, unit.canonical or unit.name, unit.name, unit.function, unit.kind)
            b.rel("RESPONSIBLE_FOR", did, cid,
                  {"lead": unit.lead, "group": unit.group, "provision": prov.index, "name": unit.name})
        for mention in prov.mentions:
            did = _department(b, doc, mention.canonical or mention.name, mention.name, mention.function, None)
            b.rel("MENTIONS", cid, did, {"role": mention.role, "name": mention.name})
        for code in prov.beneficiaries:
            b.rel("ADDRESSES", cid, _beneficiary(b, code))
        owners = provision_owners(prov)
        for k, ins in enumerate(prov.instruments):
            numbers = (ins.rate, ins.rate_min, ins.rate_max, ins.cap_yuan, ins.amount_yuan)
            iid = b.node(f"{cid}/i{prov.index}.{k}", S.INSTRUMENT, {
                **owners, "region": doc.region, "province": doc.province, "policy_date": doc.date,
                "national": True if not doc.region and not doc.province else None,
                "has_number": any(n is not None for n in numbers),
                "sort_key": instrument_sort_key(pid, ins.start, prov.index, k),
                "type": ins.type, "category": ins.category, "beneficiary": ins.beneficiary,
                "rate": ins.rate, "rate_min": ins.rate_min, "rate_max": ins.rate_max, "cap_yuan": ins.cap_yuan,
                "amount_yuan": ins.amount_yuan, "threshold_yuan": ins.threshold_yuan, "scope": ins.scope,
                "basis": ins.basis, "duration_years": ins.duration_years,
                "caps": json.dumps(ins.caps, ensure_ascii=False, sort_keys=True) if ins.caps else None,
                "text": ins.text or None, "start": ins.start, "end": ins.end, "provision": prov.index,
                "clause_id": cid, "clause_label": node.label, "policy_id": pid})
            b.rel("PROVIDES", cid, iid)
            entry = itypes.get(ins.type)
            tid = b.node(instrument_type_id(ins.type), S.INSTRUMENT_TYPE, {
                "code": ins.type, "category": ins.category or (entry or {}).get("category"),
                "name_zh": vocab_name(entry, ins.type)})
            b.rel("OF_TYPE", iid, tid)
            if ins.beneficiary:
                bid = _beneficiary(b, ins.beneficiary)
                b.rel("FOR", iid, bid)
                b.rel("ADDRESSES", cid, bid)


def instrument_sort_key(pid: str, start: int | None, provision: int, k: int) -> str:
    """The order instruments are listed in by both stores: policy, then document order."""
    return f"{pid}|{start or 0:010d}|{provision:04d}|{k:04d}"


def provision_owners(prov: Any) -> dict[str, list[str]]:
    """Who owns the instruments of a provision: ``lead_ids`` / ``lead_functions`` are its
    lead units (牵头单位, the first unit of each 责任单位 group), ``co_ids`` / ``co_functions``
    the other responsible units; a provision naming no responsible unit is owned by the
    bodies it names as funding it. Stored on each Instrument so reads need no join."""
    lead: list[Any] = [u for u in prov.units if u.lead]
    co: list[Any] = [u for u in prov.units if not u.lead]
    if not prov.units:
        lead = [m for m in prov.mentions if m.role == "funding"]
    lead_ids = _unique(department_id(u.canonical or u.name) for u in lead)
    co_ids = [d for d in _unique(department_id(u.canonical or u.name) for u in co) if d not in lead_ids]
    return {"lead_ids": lead_ids, "co_ids": co_ids,
            "lead_functions": _unique(u.function for u in lead if u.function),
            "co_functions": _unique(u.function for u in co if u.function)}


def _unique(items: Any) -> list[str]:
    return sorted(set(items))


def _citations(b: _Builder, doc: Document, pid: str, clause_spans: list[tuple[int, int, str]]) -> None:
    """CitedDocument nodes and CITES from the policy and from the clause the reference sits in."""
    own_title = normalize_title(doc.title) if doc.title else None
    own_number = normalize_doc_number(doc.doc_number) if doc.doc_number else None
    citations = _collect(doc, "citations", lambda c: (c.start, c.end, c.title, c.doc_number))
    numbered = {normalize_title(c.title): cited_key(c) for c in citations if c.doc_number}
    cited_from: set[tuple[str, str]] = set()
    for c in citations:
        title_key = normalize_title(c.title)
        if (own_title and title_key == own_title) or (
            own_number and c.doc_number and normalize_doc_number(c.doc_number) == own_number
        ):
            continue  # the policy naming itself (e.g. in its 印发 notice)
        key = numbered.get(title_key, cited_key(c)) if not c.doc_number else cited_key(c)
        if key in ("title:", "no:"):
            continue
        did = b.node(cited_id(key), S.CITED_DOCUMENT,
                     {"key": key, "title": c.title or None, "doc_number": c.doc_number, "kind": c.kind})
        written = doc.clean.text[c.start:c.end] if 0 <= c.start < c.end <= len(doc.clean.text) else ""
        props = {"text": written.strip() or f"《{c.title}》", "via": "doc_number" if c.doc_number else "title"}
        for start in (pid, _clause_at(clause_spans, c.start)):
            if start and (start, did) not in cited_from:  # one CITES per citing node and document
                cited_from.add((start, did))
                b.rel("CITES", start, did, props)
