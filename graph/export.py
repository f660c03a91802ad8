"""Export the graph from either store: GraphML and GEXF (Gephi), neo4j-admin CSV, JSON.

All formats are written from the store's read primitives, so an export of the embedded
store and of Neo4j holding the same policies are the same.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from . import schema as S
from .store import GraphStore
from .styling import display_name

FORMATS = ("graphml", "gexf", "csv", "json")


def snapshot(store: GraphStore) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every node and relationship of the store, in a stable order."""
    nodes = []
    for label in S.NODE_LABELS:
        nodes += store.find_nodes(label, limit=None)
    rels = []
    for rel_type in S.REL_TYPES:
        rels += store.relationships(rel_type)
    return nodes, rels


def _flat(value: Any) -> Any:
    """GraphML/GEXF attributes are scalars: lists become JSON strings."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_networkx(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> nx.MultiDiGraph[str]:
    """A networkx graph with scalar attributes, ``label`` on nodes and ``type`` on edges."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n in nodes:
        attrs = {k: _flat(v) for k, v in n["properties"].items() if v is not None}
        attrs["node_label"] = n["label"]
        attrs["name"] = str(n["properties"].get("title") or n["properties"].get("name") or n["properties"].get("label")
                            or n["id"])
        g.add_node(n["id"], **attrs)
    for r in rels:
        attrs = {k: _flat(v) for k, v in r["properties"].items() if v is not None}
        g.add_edge(r["start"], r["end"], key=None, rel_type=r["type"], **attrs)
    return g


# GEXF gives these attribute names a meaning of its own: ``start``/``end`` make the graph
# dynamic (time intervals), ``label`` is the drawn name, ``pid`` a parent, edge ``type`` its
# direction and ``weight`` its thickness. The store's properties of those names are written
# under these names instead, as ordinary attributes.
GEXF_RENAMED = {"start": "text_start", "end": "text_end", "label": "numbering", "pid": "pid_value",
                "viz": "viz_value", "type": "type_value", "weight": "weight_value", "id": "id_value"}


def to_gexf_graph(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> nx.MultiDiGraph[str]:
    """A static networkx graph for GEXF: each node's ``label`` is its human name (title, name,
    numbering and heading), each edge's label its relationship type; offsets stay attributes."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(mode="static")
    for n in nodes:
        attrs = {GEXF_RENAMED.get(k, k): _flat(v) for k, v in n["properties"].items() if v is not None and k != "id"}
        g.add_node(n["id"], label=display_name(n), node_label=n["label"], **attrs)
    for i, r in enumerate(rels):
        attrs = {GEXF_RENAMED.get(k, k): _flat(v) for k, v in r["properties"].items() if v is not None}
        g.add_edge(r["start"], r["end"], key=i, id=str(i), label=r["type"], rel_type=r["type"], **attrs)
    return g


def write_neo4j_admin_csv(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], folder: Path) -> list[Path]:
    """One CSV per label and per relationship type, with neo4j-admin import headers."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for label in S.NODE_LABELS:
        rows = [n for n in nodes if n["label"] == label]
        props = sorted({k for n in rows for k in n["properties"]} - {"id"})
        path = folder / f"nodes_{label}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["id:ID", *[_header(label, p) for p in props], ":LABEL"])
            for n in rows:
                w.writerow([n["id"], *[_cell(n["properties"].get(p)) for p in props], label])
        written.append(path)
    for rel_type in S.REL_TYPES:
        rows = [r for r in rels if r["type"] == rel_type]
        props = sorted({k for r in rows for k in r["properties"]})
        path = folder / f"rels_{rel_type}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([":START_ID", *props, ":END_ID", ":TYPE"])
            for r in rows:
                w.writerow([r["start"], *[_cell(r["properties"].get(p)) for p in props], r["end"], rel_type])
        written.append(path)
    return written


def _header(label: str, prop: str) -> str:
    kind = {p.name: p.type for p in S.NODE_LABELS[label].properties}.get(prop, "string")
    suffix = {"integer": ":long", "float": ":double", "boolean": ":boolean", "list<string>": ":string[]"}.get(kind, "")
    return prop + suffix


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def export(store: GraphStore, fmt: str, out: Path) -> list[Path]:
    """Write the store's graph to ``out`` (a file, or a folder for csv); return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    nodes, rels = snapshot(store)
    if fmt == "csv":
        return write_neo4j_admin_csv(nodes, rels, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        out.write_text(json.dumps({"nodes": nodes, "relationships": rels}, ensure_ascii=False, indent=1), "utf-8")
    elif fmt == "graphml":
        nx.write_graphml(to_networkx(nodes, rels), out)
    else:
        nx.write_gexf(to_gexf_graph(nodes, rels), out)
    return [out]
