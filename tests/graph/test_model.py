"""The policy graph model: ids, schema conformance, properties, shared nodes, the schema doc."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

import pytest

from policykg.graph import schema as S
from policykg.graph.model import (
    build_policy_graph,
    normalize_doc_number,
    normalize_title,
)
from policykg.graph.store import check_value, validate_structure
from policykg.loaders.records import Citation, Instrument

REPO = Path(__file__).resolve().parents[2]


def _sample(hand_document, **kwargs):
    C = hand_document.Clause
    reward = Instrument("reward", "supply", "enterprise", rate=0.08, cap_yuan=1_000_000.0,
                        caps=[{"yuan": 1_000_000, "scope": "per_entity_per_year"}], text="按8%给予奖励")
    parts = [
        ("一、深化赋权改革", [
            C("(一)", "支持高校开展职务科技成果赋权改革。(责任单位:市科技局、市教育局)",
              units=[("市科技局", "测试市科学技术局", "science_tech", True, 0),
                     ("市教育局", "测试市教育局", "education", False, 0)]),
            C("(二)", "对购买科技成果的企业按技术交易额的8%给予奖励，参照《湖北省促进科技成果转化条例》执行。"
                      "到2026年技术合同成交额达到400亿元。(责任单位:市科技局)",
              units=[("市科技局", "测试市科学技术局", "science_tech", True, 0)],
              instruments=[reward], beneficiaries=["enterprise"],
              mentions=[("市财政局", "测试市财政局", "finance", "funding")]),
        ]),
    ]
    defaults = dict(citations=[("湖北省促进科技成果转化条例", None)],
                    targets=[("技术合同成交额", 400e8, "yuan", 2026)])
    defaults.update(kwargs)
    return hand_document("测试市促进科技成果转化若干措施", parts, **defaults)


def _by_label(pg):
    out: dict[str, list] = {}
    for nid, label, props in pg.nodes:
        out.setdefault(label, []).append((nid, props))
    return out


def test_ids_are_stable_and_derived_from_source_key_and_content(hand_document):
    doc = _sample(hand_document)
    a, b = build_policy_graph(doc, "a.txt"), build_policy_graph(_sample(hand_document), "a.txt")
    assert a.nodes == b.nodes and a.rels == b.rels and a.content_hash == b.content_hash
    assert a.policy_id == f"policy:a.txt@{doc.source.sha256[:12]}"
    other_key = build_policy_graph(doc, "b.txt")
    assert other_key.policy_id != a.policy_id
    owned = [nid for nid, label, _ in a.nodes if label in S.OWNED_LABELS and label != S.POLICY]
    assert owned and all(nid.startswith(a.policy_id + "/") for nid in owned)
    assert len({nid for nid, _, _ in a.nodes}) == len(a.nodes)


def test_changed_text_changes_policy_id_but_not_shared_ids(hand_document):
    a = build_policy_graph(_sample(hand_document), "a.txt")
    b = build_policy_graph(_sample(hand_document, date="2024-02-02", preamble="为加快成果转化，制定本措施。"), "a.txt")
    assert a.policy_id != b.policy_id and a.content_hash != b.content_hash
    shared = lambda pg: {nid for nid, label, _ in pg.nodes if label in S.SHARED_LABELS}  # noqa: E731
    assert shared(a) == shared(b)
    assert "dept:测试市科学技术局" in shared(a)


def test_graph_uses_only_schema_labels_types_and_storable_values(hand_document):
    pg = build_policy_graph(_sample(hand_document), "a.txt")
    labels = validate_structure(pg)  # raises on a label, type or endpoint outside the schema
    assert set(labels.values()) <= S.LABELS
    for _, _, props in pg.nodes:
        for key, value in props.items():
            assert value is not None
            check_value(key, value)
    for rel_type, _, _, props in pg.rels:
        assert set(props) <= {p.name for p in S.REL_TYPES[rel_type].properties}
        for key, value in props.items():
            check_value(key, value)
    for label, items in _by_label(pg).items():
        for _, props in items:
            assert set(props) <= S.NODE_LABELS[label].property_names, label


def test_clause_section_and_policy_properties(hand_document):
    doc = _sample(hand_document)
    pg = build_policy_graph(doc, "a.txt")
    nodes = _by_label(pg)
    (pid, policy), = nodes[S.POLICY]
    assert policy["title"] == "测试市促进科技成果转化若干措施" and policy["region"] == "测试市"
    assert policy["clause_count"] == 2 and policy["sha256"] == doc.source.sha256
    assert "doc_number" not in policy  # None is omitted
    clauses = dict(nodes[S.CLAUSE])
    first = clauses[f"{pid}/n/1/1"]
    assert first["label"] == "(一)" and first["text"].startswith("(一)支持高校")
    assert doc.source.text[first["orig_start"]:first["orig_end"]].startswith("(一)支持高校")
    sections = dict(nodes[S.SECTION])
    assert sections[f"{pid}/n/1"]["text"] == "一、深化赋权改革"  # own words only, not its clauses
    assert sections[f"{pid}/n/0"]["kind"] == "preamble"
    rels = Counter((t, s, e) for t, s, e, _ in pg.rels)
    assert rels[("HAS_CLAUSE", f"{pid}/n/1", f"{pid}/n/1/1")] == 1
    assert rels[("HAS_SECTION", pid, f"{pid}/n/1")] == 1


def test_responsibility_instruments_mentions_and_beneficiaries(hand_document):
    pg = build_policy_graph(_sample(hand_document), "a.txt")
    pid = pg.policy_id
    second = f"{pid}/n/1/2"
    resp = [(s, props) for t, s, e, props in pg.rels if t == "RESPONSIBLE_FOR" and e == f"{pid}/n/1/1"]
    assert resp == [("dept:测试市科学技术局", {"lead": True, "group": 0, "provision": 0, "name": "市科技局"}),
                    ("dept:测试市教育局", {"lead": False, "group": 0, "provision": 0, "name": "市教育局"})]
    rels = {(t, s, e) for t, s, e, _ in pg.rels}
    ins = f"{second}/i0.0"
    assert {("PROVIDES", second, ins), ("OF_TYPE", ins, "itype:reward"), ("FOR", ins, "beneficiary:enterprise"),
            ("ADDRESSES", second, "beneficiary:enterprise"), ("MENTIONS", second, "dept:测试市财政局"),
            ("HAS_FUNCTION", "dept:测试市科学技术局", "function:science_tech"),
            ("IN_REGION", "dept:测试市科学技术局", "region:测试市"),
            ("PART_OF", "region:测试市", "region:湖北省"), ("IN_REGION", pid, "region:测试市"),
            ("ISSUED_BY", pid, "dept:测试市人民政府")} <= rels
    props = dict((nid, p) for nid, _, p in pg.nodes)[ins]
    assert props["rate"] == 0.08 and props["cap_yuan"] == 1_000_000.0
    assert json.loads(props["caps"]) == [{"yuan": 1_000_000, "scope": "per_entity_per_year"}]
    dept = dict((nid, p) for nid, _, p in pg.nodes)["dept:测试市科学技术局"]
    assert dept == {"id": "dept:测试市科学技术局", "name": "测试市科学技术局", "names": ["市科技局"],
                    "function": "science_tech", "kind": "government"}


def test_citations_targets_and_self_reference(hand_document):
    C = hand_document.Clause
    doc = hand_document(
        "测试市促进科技成果转化若干措施",
        [("一、总则", [C("(一)", "依据《国务院关于印发促进科技成果转移转化行动方案的通知》(国发〔2016〕28号)，"
                               "落实《测试市促进科技成果转化若干措施》。")])],
        preamble="根据《国务院关于印发促进科技成果转移转化行动方案的通知》制定本措施。",
        citations=[("测试市促进科技成果转化若干措施", None)],
        targets=[],
    )
    # in the clause with its 文号; in the preamble without: both must be one CitedDocument
    title = "国务院关于印发促进科技成果转移转化行动方案的通知"
    text = doc.clean.text
    doc.citations += [Citation(title, "国发〔2016〕28号", "policy", text.rfind(title) - 1, text.rfind(title) + 40),
                      Citation(title, None, "policy", text.find(title) - 1, text.find(title) + len(title) + 1)]
    pg = build_policy_graph(doc, "a.txt")
    cited = [(nid, p) for nid, label, p in pg.nodes if label == S.CITED_DOCUMENT]
    assert [nid for nid, _ in cited] == ["cited:no:国发〔2016〕28号"]  # its own title is no citation
    cites = sorted((s, e, p["via"]) for t, s, e, p in pg.rels if t == "CITES")
    assert cites == [(pg.policy_id, "cited:no:国发〔2016〕28号", "title"),  # first mention: the preamble
                     (f"{pg.policy_id}/n/1/1", "cited:no:国发〔2016〕28号", "doc_number")]


def test_targets_set_by_clause_or_policy(hand_document):
    pg = build_policy_graph(_sample(hand_document), "a.txt")
    sets = [(s, e) for t, s, e, _ in pg.rels if t == "SETS"]
    assert sets == [(f"{pg.policy_id}/n/1/2", f"{pg.policy_id}/t/0")]
    target = dict((nid, p) for nid, _, p in pg.nodes)[f"{pg.policy_id}/t/0"]
    assert target["value"] == 400e8 and target["year"] == 2026


def test_normalisation_of_titles_and_doc_numbers():
    assert normalize_title("《省人民政府办公厅关于印发〈湖北省促进科技成果转化行动方案(2024—2026年)〉的通知》") == \
        "湖北省促进科技成果转化行动方案20242026年"
    assert normalize_title("湖北·漢襄宜國家科技成果轉移轉化示范區建設方案") == "湖北汉襄宜国家科技成果转移转化示范区建设方案"
    assert normalize_title("关于加快科技成果转化的意见") == "关于加快科技成果转化的意见"
    assert normalize_doc_number("鄂政辦發[2024]25號") == normalize_doc_number("鄂政办发〔2024〕25号")


def test_schema_doc_is_up_to_date():
    doc = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    assert doc == S.render_markdown(), "docs/schema.md is stale: python -m policykg.graph.schema > docs/schema.md"


def test_schema_lookups_reject_unknown_names():
    with pytest.raises(ValueError, match="unknown node label"):
        S.check_label("Person")
    with pytest.raises(ValueError, match="unknown relationship type"):
        S.check_rel_type("KNOWS")
    with pytest.raises(ValueError, match="has no property"):
        S.check_property("Clause", "n.text) DETACH DELETE n //")


def test_every_owned_node_hangs_from_its_policy(seed_graphs):
    """A policy's nodes are replaced by walking its tree, so a node the tree misses, or one
    claiming another policy, is refused before anything is written."""
    pg = copy.deepcopy(seed_graphs[0])
    instrument = next(nid for nid, label, _ in pg.nodes if label == S.INSTRUMENT)
    pg.rels = [r for r in pg.rels if not (r[0] == "PROVIDES" and r[2] == instrument)]
    with pytest.raises(ValueError, match="not part of the policy's tree"):
        validate_structure(pg)
    pg = copy.deepcopy(seed_graphs[0])
    next(props for _, label, props in pg.nodes if label == S.CLAUSE)["policy_id"] = "policy:other"
    with pytest.raises(ValueError, match="has policy_id 'policy:other'"):
        validate_structure(pg)


def test_seed_corpus_builds(seed_graphs):
    assert len(seed_graphs) == 5
    for pg in seed_graphs:
        validate_structure(pg)
        labels = Counter(label for _, label, _ in pg.nodes)
        assert labels[S.POLICY] == 1 and labels[S.CLAUSE] >= 10, pg.source_key
    jingzhou = seed_graphs[0]
    ids = {nid for nid, _, _ in jingzhou.nodes}
    assert "dept:荆州市科学技术局" in ids
    # the same department is one shared node, related to many clauses
    assert sum(1 for t, s, _, _ in jingzhou.rels if t == "RESPONSIBLE_FOR" and s == "dept:荆州市科学技术局") >= 10
