"""GEXF export: a static graph Gephi draws with readable names, offsets kept as attributes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from policykg.graph.export import export

NS = {"g": "http://www.gexf.net/1.2draft"}


@pytest.fixture(scope="module")
def gexf_file(tmp_path_factory, seed_graphs):
    from policykg.graph.embedded_store import EmbeddedStore
    from policykg.graph.linking import link_all

    folder = tmp_path_factory.mktemp("gexf")
    store = EmbeddedStore.open(folder / "policykg.graph")
    for pg in seed_graphs:
        store.write_policy(pg)
    link_all(store)
    [out] = export(store, "gexf", folder / "graph.gexf")
    store.close()
    return out


def test_gexf_is_a_static_graph_without_time_intervals(gexf_file):
    root = ET.parse(gexf_file).getroot()
    graph = root.find("g:graph", NS)
    assert graph.get("mode") == "static"
    assert graph.get("timeformat") is None
    for element in (*root.iter(f"{{{NS['g']}}}node"), *root.iter(f"{{{NS['g']}}}edge")):
        assert element.get("start") is None and element.get("end") is None, element.attrib


def test_gexf_labels_are_names_and_offsets_are_attributes(gexf_file):
    g = nx.read_gexf(gexf_file)
    assert g.number_of_nodes() > 100 and g.number_of_edges() > 100
    kinds = {}
    for node, data in g.nodes(data=True):
        kinds.setdefault(data["node_label"], []).append((node, data))
    policy_id, policy = kinds["Policy"][0]
    assert policy["label"] == policy["title"] and policy["label"] != policy_id
    dept_id, dept = next((n, d) for n, d in kinds["Department"] if n == "dept:荆州市科学技术局")
    assert dept["label"] == "荆州市科学技术局"
    clause_id, clause = kinds["Clause"][0]
    assert clause["label"] != clause_id and clause["label"].startswith(clause["numbering"])
    assert isinstance(clause["text_start"], int) and clause["text_end"] > clause["text_start"]
    edge_types = {d["label"] for _, _, d in g.edges(data=True)}
    assert {"RESPONSIBLE_FOR", "HAS_CLAUSE"} & edge_types
