"""The policy graph schema: the one list of node labels and relationship types.

Both stores (embedded networkx and Neo4j) use only the labels and types listed
here; every Cypher statement in ``cypher.py`` is generated from these constants,
so a label can never come from user input.  ``docs/schema.md`` is generated from
this module by :func:`render_markdown` (a test keeps it up to date).

Every node has a string ``id`` that is unique across the whole graph and is the
key both stores index.  Nodes *owned* by one policy (the policy itself and its
sections, clauses, instruments and targets) carry ``policy_id`` and are replaced
with their policy; *shared* nodes (departments, functions, regions, beneficiary
and instrument types, cited documents) have ids derived from their natural key
and are shared by every policy that refers to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Prop:
    """A property: its name, value type as stored, and meaning."""

    name: str
    type: str  # "string" | "integer" | "float" | "boolean" | "list<string>" | "json string"
    doc: str


@dataclass(frozen=True)
class NodeLabel:
    """A node label: its natural key, whether policies share it, and its properties."""

    name: str
    key: str  # the natural key the id is derived from
    id_form: str  # how the id is built, for the docs
    shared: bool
    doc: str
    properties: tuple[Prop, ...] = field(default_factory=tuple)

    @property
    def property_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.properties) | {"id"}


@dataclass(frozen=True)
class RelType:
    """A relationship type: which labels it joins and its properties."""

    name: str
    ends: tuple[tuple[str, str], ...]  # allowed (start label, end label) pairs
    doc: str
    properties: tuple[Prop, ...] = field(default_factory=tuple)
    derived: bool = False  # written by cross-policy linking, not by loading a policy


def _p(name: str, type_: str, doc: str) -> Prop:
    return Prop(name, type_, doc)


_SPAN = (
    _p("start", "integer", "start offset in the cleaned text"),
    _p("end", "integer", "end offset (exclusive) in the cleaned text"),
    _p("orig_start", "integer", "start offset in the decoded source text"),
    _p("orig_end", "integer", "end offset in the decoded source text"),
)
_OWNED = (_p("policy_id", "string", "id of the policy that owns this node"),)

POLICY = "Policy"
SECTION = "Section"
CLAUSE = "Clause"
DEPARTMENT = "Department"
FUNCTION = "Function"
REGION = "Region"
BENEFICIARY_TYPE = "BeneficiaryType"
INSTRUMENT = "Instrument"
INSTRUMENT_TYPE = "InstrumentType"
TARGET = "Target"
CITED_DOCUMENT = "CitedDocument"

NODE_LABELS: dict[str, NodeLabel] = {
    n.name: n
    for n in (
        NodeLabel(
            POLICY, "source_key + sha256", "policy:<source_key>@<sha256[:12]>", False,
            "One loaded policy file.",
            (
                _p("source", "string", "path of the file it was read from"),
                _p("source_key", "string", "stable name of the source (one policy per key)"),
                _p("sha256", "string", "sha256 of the file bytes"),
                _p("content_hash", "string", "hash of the graph built from it (changes when extraction changes)"),
                _p("policy_id", "string", "its own id (so owned-node queries include it)"),
                _p("title", "string", "title"),
                _p("doc_number", "string", "文号, e.g. 鄂政办函〔2021〕38号"),
                _p("issuer", "string", "issuing body as written"),
                _p("date", "string", "ISO date of issue"),
                _p("effective_from", "string", "ISO date"),
                _p("effective_until", "string", "ISO date"),
                _p("region", "string", "region it applies to, e.g. 荆州市"),
                _p("province", "string", "province of that region"),
                _p("level", "string", "province | city | county"),
                _p("interpreter", "string", "body responsible for interpretation"),
                _p("format", "string", "txt | html | docx | pdf"),
                _p("encoding", "string", "encoding used to decode the file"),
                _p("warnings", "integer", "number of reading warnings"),
                _p("clause_count", "integer", "number of clauses"),
                _p("corrupted", "json string", "corrupted passages found by the cleaner, JSON list of {start, end, message}"),
            ),
        ),
        NodeLabel(
            SECTION, "policy id + tree path", "<policy id>/n/<path>", False,
            "A node of the document tree that is not a clause: part, section, item with "
            "numbered children, paragraph, preamble, closing.",
            (
                _p("kind", "string", "preamble | part | section | item | paragraph | closing"),
                _p("label", "string", "numbering as written, e.g. 一、"),
                _p("heading", "string", "heading text"),
                _p("text", "string", "its own words: from its start to its first child"),
                *_SPAN,
                _p("order", "integer", "position in document order"),
                _p("path", "string", "tree path, e.g. 2/7"),
                *_OWNED,
            ),
        ),
        NodeLabel(
            CLAUSE, "policy id + tree path", "<policy id>/n/<path>", False,
            "The smallest numbered provision, e.g. (七) or 14.",
            (
                _p("kind", "string", "tree node kind (section | item | part | paragraph | preamble | closing)"),
                _p("label", "string", "numbering as written, e.g. (七)"),
                _p("heading", "string", "heading text"),
                _p("text", "string", "clause text as in the source (cleaned)"),
                _p("text_simplified", "string", "the same in simplified Chinese"),
                *_SPAN,
                _p("keywords", "list<string>", "keywords / topics"),
                _p("order", "integer", "position in document order"),
                _p("path", "string", "tree path"),
                *_OWNED,
            ),
        ),
        NodeLabel(
            DEPARTMENT, "canonical name", "dept:<canonical name>", True,
            "A government department or other responsible body, region-qualified "
            "(市科技局 in 荆州 → 荆州市科学技术局).",
            (
                _p("name", "string", "canonical (region-qualified) name"),
                _p("names", "list<string>", "names as written, accumulated over policies"),
                _p("function", "string", "function code, e.g. science_tech"),
                _p("kind", "string", "government | university_institute | state_enterprise | other"),
            ),
        ),
        NodeLabel(
            FUNCTION, "code", "function:<code>", True, "A department function.",
            (_p("code", "string", "e.g. science_tech"), _p("name_zh", "string", "Chinese name")),
        ),
        NodeLabel(
            REGION, "name", "region:<name>", True, "An administrative region.",
            (_p("name", "string", "e.g. 荆州市"), _p("level", "string", "province | city | county")),
        ),
        NodeLabel(
            BENEFICIARY_TYPE, "code", "beneficiary:<code>", True, "Who a provision benefits.",
            (_p("code", "string", "e.g. enterprise"), _p("name_zh", "string", "Chinese name")),
        ),
        NodeLabel(
            INSTRUMENT, "clause id + provision + index", "<clause id>/i<provision>.<k>", False,
            "An incentive or policy tool with its numbers normalised (rates as fractions, money in yuan).",
            (
                _p("type", "string", "instrument type code"),
                _p("category", "string", "supply | environment | demand"),
                _p("beneficiary", "string", "beneficiary type code"),
                _p("rate", "float", "fraction, 8% → 0.08"),
                _p("rate_min", "float", "fraction"),
                _p("rate_max", "float", "fraction"),
                _p("cap_yuan", "float", "primary cap in yuan"),
                _p("amount_yuan", "float", "fixed amount in yuan"),
                _p("threshold_yuan", "float", "threshold in yuan"),
                _p("scope", "string", "per_entity_per_year | per_project | ..."),
                _p("basis", "string", "e.g. 技术交易额"),
                _p("duration_years", "float", "years"),
                _p("caps", "json string", "every cap, JSON list of {yuan, scope}"),
                _p("text", "string", "the words it was read from"),
                _p("start", "integer", "start offset in the cleaned text"),
                _p("end", "integer", "end offset in the cleaned text"),
                _p("provision", "integer", "index of the provision inside the clause"),
                _p("clause_id", "string", "id of the clause that provides it (so lookups need no join)"),
                _p("clause_label", "string", "label of that clause, e.g. (七)"),
                # denormalised at write time, so that every read is answered from an index
                _p("region", "string", "region of its policy (denormalised from the Policy)"),
                _p("province", "string", "province of its policy (denormalised)"),
                _p("national", "boolean", "true when its policy has no region nor province (a national policy)"),
                _p("policy_date", "string", "ISO date of its policy (denormalised)"),
                _p("lead_ids", "list<string>", "ids of the departments leading its provision (牵头单位; "
                   "where the provision names no responsible unit, the bodies funding it)"),
                _p("co_ids", "list<string>", "ids of the provision's co-responsible departments"),
                _p("lead_functions", "list<string>", "function codes of the lead departments"),
                _p("co_functions", "list<string>", "function codes of the co-responsible departments"),
                _p("has_number", "boolean", "whether it has a rate, cap or amount"),
                _p("sort_key", "string", "policy id, start offset, provision and index: the order lists use"),
                *_OWNED,
            ),
        ),
        NodeLabel(
            INSTRUMENT_TYPE, "code", "itype:<code>", True, "A kind of policy instrument.",
            (
                _p("code", "string", "e.g. reward"),
                _p("category", "string", "supply | environment | demand"),
                _p("name_zh", "string", "Chinese name"),
            ),
        ),
        NodeLabel(
            TARGET, "policy id + index", "<policy id>/t/<k>", False,
            "A quantified target, e.g. 到2026年技术合同成交额达到400亿元.",
            (
                _p("metric", "string", "what is measured"),
                _p("value", "float", "target value"),
                _p("unit", "string", "unit as normalised by the loaders"),
                _p("year", "integer", "target year"),
                _p("comparator", "string", "at_least | exactly | at_most"),
                _p("text", "string", "the words it was read from"),
                _p("start", "integer", "start offset in the cleaned text"),
                _p("end", "integer", "end offset in the cleaned text"),
                *_OWNED,
            ),
        ),
        NodeLabel(
            CITED_DOCUMENT, "normalised 文号, else normalised title", "cited:<key>", True,
            "A document a policy refers to, as written (it may or may not be loaded).",
            (
                _p("key", "string", "normalised 文号 or title"),
                _p("title", "string", "title as cited"),
                _p("doc_number", "string", "文号 as cited"),
                _p("kind", "string", "policy | programme"),
            ),
        ),
    )
}

_ANY_CITER = ((POLICY, POLICY), (POLICY, CITED_DOCUMENT), (CLAUSE, POLICY), (CLAUSE, CITED_DOCUMENT))

REL_TYPES: dict[str, RelType] = {
    r.name: r
    for r in (
        RelType("HAS_SECTION", ((POLICY, SECTION), (SECTION, SECTION)), "Document tree."),
        RelType("HAS_CLAUSE", ((POLICY, CLAUSE), (SECTION, CLAUSE)), "Document tree, down to clauses."),
        RelType(
            "RESPONSIBLE_FOR", ((DEPARTMENT, CLAUSE),), "A unit named as responsible for the clause (after 责任单位, 牵头单位, 配合单位 and the other labels of loaders/data/unit_labels.json, in 由X牵头 phrases or in a task-table row).",
            (
                _p("lead", "boolean", "first unit of its group (牵头单位)"),
                _p("group", "integer", "index of the 责任单位 bracket in the clause"),
                _p("provision", "integer", "index of the provision in the clause"),
                _p("name", "string", "name as written"),
            ),
        ),
        RelType(
            "MENTIONS", ((CLAUSE, DEPARTMENT),), "A body named in running text.",
            (_p("role", "string", "funding | implementing"), _p("name", "string", "name as written")),
        ),
        RelType("PROVIDES", ((CLAUSE, INSTRUMENT),), "A clause provides an instrument."),
        RelType("FOR", ((INSTRUMENT, BENEFICIARY_TYPE),), "Who receives an instrument."),
        RelType("ADDRESSES", ((CLAUSE, BENEFICIARY_TYPE),), "Who a clause addresses."),
        RelType("OF_TYPE", ((INSTRUMENT, INSTRUMENT_TYPE),), "Instrument classification."),
        RelType("HAS_FUNCTION", ((DEPARTMENT, FUNCTION),), "Department function."),
        RelType("IN_REGION", ((POLICY, REGION), (DEPARTMENT, REGION)), "Where a policy applies / a department sits."),
        RelType("ISSUED_BY", ((POLICY, DEPARTMENT),), "The issuing body."),
        RelType(
            "CITES", _ANY_CITER,
            "A reference. To a CitedDocument: written when the policy is loaded. To a Policy: "
            "derived by citation resolution (replaced as a whole by each linking run).",
            (
                _p("text", "string", "the reference as written"),
                _p("via", "string", "doc_number | title | running_text"),
                _p("candidates", "integer", "to a Policy: how many loaded policies the reference could name "
                   "(see Derived links)"),
            ),
        ),
        RelType(
            "SIMILAR_TO", ((CLAUSE, CLAUSE),),
            "Near-duplicate clauses of different policies (policy diffusion); stored once per "
            "pair, from the smaller id to the larger.",
            (_p("score", "float", "Jaccard similarity of character shingles"),),
            derived=True,
        ),
        RelType("PART_OF", ((REGION, REGION),), "county → city → province."),
        RelType(
            "SETS", ((POLICY, TARGET), (CLAUSE, TARGET)), "A quantified target set by a policy or clause."
        ),
    )
}

LABELS: frozenset[str] = frozenset(NODE_LABELS)
REL_TYPE_NAMES: frozenset[str] = frozenset(REL_TYPES)
SHARED_LABELS: tuple[str, ...] = tuple(n.name for n in NODE_LABELS.values() if n.shared)

OWNED_LABELS: tuple[str, ...] = tuple(n.name for n in NODE_LABELS.values() if not n.shared)
# the properties of a section or clause a policy's outline (its tree without texts) shows
OUTLINE_PROPS: tuple[str, ...] = ("kind", "label", "heading", "path", "order")
# A policy owns the nodes it reaches through these (its tree: sections, clauses, their
# instruments and targets); every owned node must be reached, so that a policy's nodes are
# found and replaced by walking from it, with no index on ``policy_id``.
OWNERSHIP_TYPES: tuple[str, ...] = ("HAS_SECTION", "HAS_CLAUSE", "PROVIDES", "SETS")
# shared nodes kept while they touch one of these (see ``orphan rules`` in the docs)
ANCHOR_LABELS: tuple[str, ...] = (POLICY, CLAUSE, INSTRUMENT)

# Neo4j only: a clause's search document (graph.search_text.ClauseDoc): its index tokens joined
# by spaces, their character ranges, its facet tokens and its token count; the full-text index
# ``clause_tokens`` reads the first and third, and the store never returns any of them.
CLAUSE_SEARCH_PROPS: tuple[str, ...] = ("search_tokens", "search_spans", "search_facets", "search_length")
# the nodes whose words running-text citations match; on Neo4j they carry them as ``link_norm``
# (linking.link_norm), text-indexed, so the texts naming a title stem are found by index
LINK_NORM_LABELS: tuple[str, ...] = ("Clause", "Section")
# properties Neo4j keeps for its indexes only (search, incremental linking), in no answer
INDEX_ONLY_PROPS: dict[str, tuple[str, ...]] = {
    "Clause": (*CLAUSE_SEARCH_PROPS, "link_norm"),
    "Section": ("link_norm",),
    "CitedDocument": ("title_key",),
}
DIRECTIONS = ("out", "in", "both")
# Kinds of relationships (type, direction) read together, in one read on stores where a read is a
# round trip (``GraphStore.related_kinds``): what a clause's highlights are made of, the whole
# of a clause's answer, and a policy's citations both ways.
SPAN_KINDS: tuple[tuple[str, str], ...] = (
    ("RESPONSIBLE_FOR", "in"), ("MENTIONS", "out"), ("PROVIDES", "out"), ("ADDRESSES", "out"), ("CITES", "out"))
CLAUSE_KINDS: tuple[tuple[str, str], ...] = (*SPAN_KINDS, ("SIMILAR_TO", "both"))
CITATION_KINDS: tuple[tuple[str, str], ...] = (("CITES", "out"), ("CITES", "in"))  # a policy's answer
RELATED_KIND_SETS: tuple[tuple[tuple[str, str], ...], ...] = (SPAN_KINDS, CLAUSE_KINDS, CITATION_KINDS)
# A node read with its relationships of one kind set (``GraphStore.node_view``) and one extra: a
# policy's outline, or the policies the node and its related nodes belong to (a clause's answer
# names them): an answer's first read, one round trip on Neo4j. (label, kinds, extra)
NODE_VIEWS: tuple[tuple[str, tuple[tuple[str, str], ...], str], ...] = (
    (POLICY, CITATION_KINDS, "outline"), (CLAUSE, CLAUSE_KINDS, "policies"))
# the name each kind of suggestion matches (GET /api/v1/suggest), in the order kinds are listed
SUGGEST_NAMES: dict[str, str] = {POLICY: "title", DEPARTMENT: "name", REGION: "name", BENEFICIARY_TYPE: "name_zh"}
# what the graph browser's search (GET /api/v1/graph/search, ``GraphStore.name_search``) matches:
# nodes of these labels, in this order, each label's by id, whose name-like properties contain
# the text — those of NAME_SEARCH_PROPS the label has, and every name a department is written as
NAME_SEARCH_LABELS: tuple[str, ...] = (DEPARTMENT, POLICY, REGION, FUNCTION, BENEFICIARY_TYPE, INSTRUMENT_TYPE)
NAME_SEARCH_PROPS: tuple[str, ...] = ("name", "title", "doc_number", "code", "name_zh")
NAME_SEARCH_LISTS: tuple[str, ...] = ("names",)


def name_search_props(label: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The single-valued and the list properties of ``label`` the graph browser's search matches."""
    own = NODE_LABELS[check_label(label)].property_names
    return (tuple(p for p in NAME_SEARCH_PROPS if p in own), tuple(p for p in NAME_SEARCH_LISTS if p in own))


def is_shared_pair(start_label: str, end_label: str) -> bool:
    """A relationship between two shared nodes (HAS_FUNCTION, PART_OF, …) exists once, whoever writes it."""
    return start_label in SHARED_LABELS and end_label in SHARED_LABELS


# properties that accumulate over policies instead of being overwritten
ACCUMULATING_PROPS: dict[str, tuple[str, ...]] = {DEPARTMENT: ("names",)}

ORPHAN_RULES = (
    "Department, BeneficiaryType, InstrumentType and CitedDocument nodes are removed when no "
    "Policy, Clause or Instrument is related to them any more.",
    "Function nodes are removed when no Department has that function.",
    "Region nodes are removed when nothing is IN_REGION or PART_OF them (repeated up the hierarchy).",
    "A relationship between two shared nodes (HAS_FUNCTION, a department's IN_REGION, PART_OF) is stored "
    "once however many policies imply it, and stays while both its nodes do.",
)


def check_label(label: str) -> str:
    """Return ``label`` if the schema has it, else raise ``ValueError`` naming the allowed ones."""
    if label not in NODE_LABELS:
        raise ValueError(f"unknown node label {label!r}; use one of {sorted(NODE_LABELS)}")
    return label


def check_rel_type(rel_type: str) -> str:
    """Return ``rel_type`` if the schema has it, else raise ``ValueError``."""
    if rel_type not in REL_TYPES:
        raise ValueError(f"unknown relationship type {rel_type!r}; use one of {sorted(REL_TYPES)}")
    return rel_type


def check_direction(direction: str) -> str:
    """Return ``direction`` if it is one of out / in / both."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}; use one of {list(DIRECTIONS)}")
    return direction


def check_property(label: str, prop: str) -> str:
    """Return ``prop`` if ``label`` has it (used for ordering and filters)."""
    if prop not in NODE_LABELS[check_label(label)].property_names:
        raise ValueError(
            f"{label} has no property {prop!r}; use one of {sorted(NODE_LABELS[label].property_names)}"
        )
    return prop


def render_markdown() -> str:
    """Render the schema as the Markdown of ``docs/schema.md``."""
    out = [
        "# policykg graph schema",
        "",
        "Generated from `graph/schema.py` by `policykg.graph.schema.render_markdown()`; "
        "do not edit by hand (`python -m policykg.graph.schema > docs/schema.md`).",
        "",
        "Both stores (the embedded networkx store and Neo4j) hold exactly this schema and answer "
        "the same queries with the same values. Every node has a string `id`, unique across the "
        "graph (a uniqueness constraint per label in Neo4j). Property values are strings, numbers, "
        "booleans or lists of strings; structured values are JSON strings; missing values are "
        "absent, never null.",
        "",
        "Owned nodes (a policy and its sections, clauses, instruments, targets) carry `policy_id` "
        "and are replaced together when the policy's file changes; each is reached from its Policy "
        f"through {', '.join(OWNERSHIP_TYPES)}. Shared nodes are keyed by their natural key and shared "
        "by all policies.",
        "",
        "## Nodes",
        "",
    ]
    for n in NODE_LABELS.values():
        out += [
            f"### {n.name}",
            "",
            n.doc,
            "",
            f"- key: {n.key}; id: `{n.id_form}`; {'shared' if n.shared else 'owned by one policy'}",
            "",
            "| property | type | meaning |",
            "|---|---|---|",
            "| id | string | unique id |",
        ]
        out += [f"| {p.name} | {p.type} | {p.doc} |" for p in n.properties]
        out.append("")
    out += ["## Relationships", ""]
    for r in REL_TYPES.values():
        ends = ", ".join(f"{a} → {b}" for a, b in r.ends)
        out += [f"### {r.name}", "", r.doc, "", f"- {ends}" + ("; derived" if r.derived else ""), ""]
        if r.properties:
            out += ["| property | type | meaning |", "|---|---|---|"]
            out += [f"| {p.name} | {p.type} | {p.doc} |" for p in r.properties]
            out.append("")
    out += ["## Removing shared nodes", ""]
    out += [f"- {rule}" for rule in ORPHAN_RULES]
    out += [
        "",
        "## Indexes",
        "",
        "- a uniqueness constraint on `id` for every label;",
        "- `source_key` on Policy, `code` on the type labels, `function` on Department, `type` on "
        "Instrument, `doc_number` on Policy;",
        "- for the lists of the whole corpus: `date` on Policy and `sort_key` on Instrument. The list of every "
        "policy (newest first) and of every instrument (policy and document order) read a page from these "
        "indexes in their order (a partial top: offset plus limit entries, not the corpus); their totals, the "
        "policies' facets, the regions, the node and relationship counts and the instruments counted per code "
        "(the beneficiary list) are figures kept under the data version (below), read once per write, not on "
        "every answer;",
        "- for the API's per-resource reads: `region` and `province` on Policy; `category`, `beneficiary`, `region`, "
        "`province`, `national` and `sort_key` on Instrument. Each read (instrument lists and their "
        "filters, compare cells and counts, beneficiary views, a department's provisions) starts from one "
        "of these, or from a Department or Function found by `id`, and walks to the instruments from "
        "there (`RESPONSIBLE_FOR`/`MENTIONS` → Clause → `PROVIDES`); the embedded store keeps the same "
        "Instrument properties (and the lead/co department ids and functions) in maps from value to ids, "
        "maintained on every write and delete and built when the file is read;",
        "- an Instrument carries what these reads filter on, copied at write time: its policy's region, "
        "province and date, whether it is national, the ids and functions of the units leading and "
        "co-responsible for its provision, whether it has a number, and the key that orders lists "
        "(policy, then document order); all are recomputed when the policy is loaded again;",
        "- a department's own reads (`department_summary`, `department_clauses`, `department_instruments`) "
        "start from the Department found by `id` and walk its `RESPONSIBLE_FOR` clauses (and, for "
        "instruments, the department anchor above); counts and ordering are done in the query and only a "
        "page is returned (`ORDER BY … SKIP/LIMIT`). The undated department list orders by each "
        "department's `RESPONSIBLE_FOR` degree, which Neo4j reads from the node without reading the "
        "relationships; no further index is needed. The embedded store keeps, per department, its clause "
        "rows and its instrument ids per role and type in read order, built from its own relationships "
        "and the value index on its first read after a write (the 256 most recently built are kept), so "
        "a page is a slice;",
        "- no index on `policy_id`: a policy's nodes are reached from the Policy (match "
        "`(p:Policy {id: $id})` and walk its tree), which spares every write an index entry per node;",
        "- full-text index `clause_tokens` with the `whitespace` analyzer on the Neo4j-only properties "
        "`Clause.search_tokens` (the clause's jieba tokens, joined by spaces) and `Clause.search_facets` "
        "(filter tokens); `search_spans` and `search_length` keep the tokens' ranges and count; the "
        "store's answers never include these (the embedded store keeps the same documents in an "
        "SQLite FTS5 index beside the graph file, `<graph file>.search.sqlite`);",
        "- text indexes on `Policy.title`, `Department.name`, `Region.name`, `BeneficiaryType.name_zh` "
        "for suggestions.",
        "",
        "## Search",
        "",
        "`search_clauses(query, limit, filters)` cuts the query (folded to simplified Chinese) with "
        "jieba as the clause texts were cut (`graph/search_text.py`; a text also yields the dictionary "
        "words inside its longer words) and returns the clauses holding every query token and filter "
        "facet (region or province, year, instrument type, beneficiary type). Each index proposes its "
        "best matches by its own BM25 (at least 200, ten times the limit); they are ordered by one "
        "BM25 formula over statistics both stores count alike (clauses, tokens, clauses per term), "
        "then by id, so both stores give the same list. Each hit carries the ranges of the matched "
        "tokens in `text_simplified`.",
        "",
        "## Derived links",
        "",
        "`policykg.graph.linking` writes CITES to a loaded Policy (by 文号, else normalised title, else a "
        "policy's title stem of 10+ characters named in running text; never to itself or to a later "
        "policy). A 文号 names its document: the citation links to every loaded policy with that 文号 "
        "(copies of one document). A title or stem names ONE policy, because many places issue policies "
        "of the same title (《关于促进科技成果转化的若干措施》): the candidates are the loaded policies "
        "of that title the citing policy may cite; one candidate is linked; among several, the one of "
        "the citing policy's own region, else one of its province (its region or, for a provincial policy, "
        "its province is that province), else a national one (neither region nor province), the latest "
        "issued first (then the smallest id); when none of them is in one of those places the citation "
        "is ambiguous and stays unresolved (only its CITES to the CitedDocument remains). Every CITES to "
        "a Policy records `candidates`, how many policies the reference could have named, so a choice "
        "among several is visible. Both stores resolve with the same code. The linking also writes "
        "SIMILAR_TO between clauses of different policies (exact Jaccard of character "
        "trigrams ≥ 0.25, candidates from MinHash LSH). Each run replaces all links of its kind.",
        "",
        "Rebuilds run one at a time (`GraphStore.rebuild_derived_links`), so concurrent loads end with the "
        "links of the whole graph, each once. In Neo4j a rebuild first takes a lease on the node "
        "`(:PolicykgLock {id: 'derived-links'})` (outside the schema, unique by constraint `policykg_lock_id`; "
        "no read, count or export includes it): its `holder` and `expires_at`, set in a transaction that "
        "holds the node's write lock, renewed every 30 s while the rebuild runs and given back at its end "
        "(a holder that died frees it after 120 s). It then computes the links from the committed graph, "
        "reads the stored links a page of start nodes at a time, deletes those no longer found (and every "
        "copy of a doubled one) and MERGEs the new or changed ones, each step in transactions of at most "
        "5,000 rows (`graph/neo4j_links.py`), so no transaction grows with the corpus. A step that fails "
        "stops the rebuild with the step's name; `policykg relink` runs it again and writes only what "
        "differs. The embedded store's loads are serialised by its "
        "file lock.",
        "",
        "### Incremental relinking",
        "",
        "A policy's citations depend only on its own references and texts and on the loaded policies "
        "that their keys name: a normalised 文号 (`no:`), a normalised title (`title:`) or a title stem "
        "(`stem:`, `linking.policy_link_keys`). So after a load, a removal or a replacement, "
        "`linking.link_all` resolves again only the policies written and those with a reference or a "
        "running text matching a key that a written or removed policy had or has, and replaces only "
        "their CITES to policies; the result is the one resolving every policy gives (tested on both "
        "stores). A document cited by 文号 takes the title of its last writer, so a write that changes "
        "it also relinks the policies citing it (`doc:` keys). Those policies are found by index: on "
        "Neo4j a cited document by its id or its `title_key` (normalised title, range index "
        "`cited_title_key`), a running text by its `link_norm` (the words as running-text matching sees "
        "them: simplified, lower-case, letters, digits and CJK only; on every Clause and Section, in the "
        "trigram TEXT indexes `clause_link_norm` and `section_link_norm`, queried with `CONTAINS` per "
        "stem). These three properties exist for the indexes: no answer returns them. What changed is "
        "kept by each write: on Neo4j in its change note (`PolicykgChange.link_policies` and "
        "`link_keys`), and `PolicykgDataVersion.links_epoch`/`links_version` name the data version the "
        "links were last complete for (a keep of the stored figures deletes no note after it); the "
        "embedded store keeps the same in memory since its file was read. When what changed cannot be "
        "told (never linked by this version, a clear, an import, a note of an older policykg, a "
        "version without a note, the embedded file read anew) and for `policykg relink`, every policy "
        "is resolved, after the keys the nodes written before them lack are stored. SIMILAR_TO is "
        "computed over every clause each time.",
        "",
        "## Data version (Neo4j)",
        "",
        "Some figures of a read walk much of the graph although they change only with the data: the "
        "search ranking's corpus statistics (every clause read for `count` and `sum(search_length)`) and "
        "each query term's document frequency (every full-text match counted), a department's counts "
        "(its clauses led and co-owned, their policies and regions, per date) and, in the department "
        "list, each listed department's lead/co split (its `RESPONSIBLE_FOR` relationships read). The "
        "embedded store keeps such figures until its next write; Neo4j, written by several processes and "
        "outside loads, keeps a version in the database instead. The node `(:PolicykgDataVersion {id: "
        "'data'})` (a bookkeeping label like the lock's, `cypher.MARKER_LABELS`: no read, count or "
        "export includes it and clearing keeps it; unique by constraint `policykg_data_version_id`) "
        "holds `version`, raised by every write of policy data in the transaction of the write, as its "
        "last statement (writing, replacing or deleting policies, each batch of a derived-link rebuild, "
        "clearing, the steps after a bulk import), and `epoch`, drawn when the node is created (setting "
        "up the schema creates it; an import replaces the database, so the steps after it start a new "
        "epoch). `Neo4jStore` keeps those figures (`graph/figure_cache.py`: scalars and small tuples, at "
        "most 8,192, least recently used out first) under the (epoch, version) it read first, by one "
        "index seek, in the read's transaction, and reuses them while a read finds the same version; a "
        "search reads the version before it waits for the full-text index, so no kept figure is older "
        "than its version. A database written by an older policykg has no version node until its next "
        "load, `relink` or clear: its reads then compute every figure as before.",
        "",
        "## Stored figures (Neo4j)",
        "",
        "A department's answer counts and orders everything the department holds, and a column of the "
        "comparison everything a region holds: at 100,000 policies a city bureau holds some 16,000 clauses. "
        "So the end of every load, `relink` and `remove` on Neo4j (`GraphStore.keep_figures`, "
        "`graph/stored_figures.py`) computes the figures of the API's default answers once and stores each "
        "as a node `(:PolicykgFigure {key, epoch, version, value})`: `key` the figure's key as JSON (unique "
        "by constraint `policykg_figure_key`), `epoch`/`version` the data version it was computed under, "
        "`value` the figure as JSON. Stored are the corpus's kept figures (counts, regions, the policies' "
        "facets, the beneficiary types' counts) and every function's 24 departments responsible for most "
        "clauses (a department answer's counterparts); per department its counts, instrument grid (5 per "
        "role and type) with the instrument rows of that grid as the answer shows them (each with its "
        "clause, policy and departments: `GraphStore.kept_rows`), first 50 clauses, 20 partners and lead/co "
        "split; per region its comparison columns (by function and by instrument type, lead and any role, 5 "
        "per cell) with the rows of each cell as a comparison shows them (a page's cells read in one "
        "query: `GraphStore.kept_rows_each`), its instrument totals and the "
        "first 50 rows of its instrument list (in list order and by "
        "cap, largest first); per beneficiary type and place (a region with the regions "
        "containing it, or everywhere) the number of provisions its answer pages through and the first page "
        "of that answer (50 provisions with their instruments' rows; whether each is in force is decided "
        "when it is read). So a default department, beneficiary or comparison answer reads a few stored "
        "values, not "
        "hundreds of instruments with their clauses, policies and departments. A read asks the database for a "
        "figure its process does not hold (one index seek) before computing it from the data, and uses a "
        "stored figure only when its version is the database's: after any later write the figures are "
        "computed from the data again until the next load stores them anew. Figures of other versions are "
        "deleted when new ones are stored; clearing deletes them with the data. They are derived data, like "
        "the derived links: a Cypher query over every node (`MATCH (n)`) sees them, one that names a "
        "policykg label does not.",
        "",
        "A load that changed a few policies does not compute every figure again. Every write of policies "
        "also creates, in its transaction and under the version it raised, a change note "
        "`(:PolicykgChange {epoch, version, departments, regions, national})`: the ids of the departments "
        "related to the policies written and removed (`RESPONSIBLE_FOR`, `MENTIONS`, `ISSUED_BY`), their "
        "regions and provinces (of the policy and of its instruments), and whether one of their instruments "
        "applies nationally; each batch of a derived-link rebuild notes that it touched none of these. The "
        "data version node's `figures_version` names the version whose stored figures are complete (every "
        "default figure computed under it, no write in between). When it is set and every version since has "
        "a note, the keep computes the corpus's own figures again and, of the others, only those about what "
        "the notes name: those departments (and the partner lists and instrument rows of the departments "
        "sharing a clause with them, which show a partner's names, function and kind), the regions of those "
        "provinces, the places containing those regions, every place of a beneficiary type that appeared or "
        "went, the instrument and beneficiary pages and the comparison columns' rows of the places where an "
        "instrument's row shows one of "
        "those departments; "
        "a national instrument makes every region and place count. The other figures are moved to the new "
        "version unchanged (their `version` set), and the notes up to it are deleted. A version without a "
        "note (a clear, a bulk import, a database written by an older policykg) makes the keep compute every "
        "figure, and so do `policykg relink` and stored figures of other kinds than this policykg stores (the "
        "data version node's `figures_kinds` lists those stored with `figures_version`). Change notes are derived data like the figures: clearing deletes them.",
        "",
        "## Embedded store file",
        "",
        "The embedded store keeps the graph in one file, by default "
        "`$POLICYKG_DATA_DIR/policykg.graph` (`var/policykg.graph` when the variable is unset), "
        "written atomically (`<file>.<pid>.tmp`, fsync, then rename) under `fcntl.flock` on `<file>.lock`; "
        "a save refuses to overwrite a file another process replaced since it was read. The file (format "
        "version 3, `graph/embedded_file.py`) is the magic line `policykg-graph\\0binary3`, then the records, "
        "then networkx's node and adjacency dicts pickled (protocol 5) with nothing but plain data in them (the "
        "reader refuses any class or function, so opening runs no code), then a trailer with the length and "
        "CRC-32 of the records and of the pickle: a file cut short or damaged is refused with what to do. The "
        "properties no read of the store filters, counts or sorts by (`graph/embedded_cold.py` `COLD_PROPS`: "
        "the text, simplified text, keywords and character ranges of clauses, sections, instruments and "
        "targets) are not in the pickle: they are compressed records, per policy one for its clauses and "
        "sections, one for its instruments and one for its targets (node id → properties, JSON "
        "compressed with zlib), and each such node's data dict in the pickle holds where its record is "
        "(`at`: offset << 32 | length). They stay on disk: an answer that shows a node reads its record by "
        "position from the file the store read (the last 64 records read are kept decoded); a node written "
        "since the last save keeps them in memory until that save. Relationships of equal type and "
        "properties share one attribute dict, and equal lists of short strings in node properties (an "
        "instrument's `lead_ids`, `co_functions`…) one list, in the file and in memory. The pickle also holds "
        "the number of relationships per type (`rel_counts`), so that the health check answers without walking "
        "every relationship, and the store's label, policy, source and value indexes (`indexes`, each entry a "
        "tuple of ids), so that an open takes them instead of building them; an entry becomes a set when first "
        "asked for, and `policykg serve` makes them all sets before it freezes the graph. Files of version 2 (magic `policykg-graph\\0binary`, every "
        "property in the pickle) and version 1 (JSON, "
        '`{"format": "policykg-graph", "version": 1, ...}`) still open and are converted to version 3 by the '
        "open (with a warning naming the file; by the next save when another process holds the file's lock "
        "then). `benchmarks/embedded_open_benchmark.py` measures the open in version 1 and the current format; "
        "`benchmarks/embedded_serve_benchmark.py` the open, `policykg serve`'s ready time and its memory after "
        "a fixed warm-up on a copy of a store. The clause search index beside the file "
        "(`<file>.search.sqlite`) is rebuilt from the graph when it is missing or stale; a damaged one is "
        "refused with its path and what to do (delete it). "
        "Inside one process the store's reads run together and a write runs alone (a readers-writer lock, "
        "`graph/rw_lock.py`; a waiting write goes before new reads). The open reads the graph (and fills the "
        "indexes of an older file in one pass) with the garbage collector paused, then freezes what it read "
        "(`gc.freeze`) before collection resumes, so no collection walks it. The compare matrix's cells "
        "(region × function, "
        "instrument type or beneficiary) are sorted id lists built on the first compare after each write, so "
        "a cell's count is a length and its first instruments a slice. An instrument list whose filters are "
        "all index entries (region, regions, type, category, beneficiary, department or function in a role, "
        "with or without a date; not a rate or cap range) is the intersection of those entries (set "
        "operations, no property read), sorted by each instrument's place in the list order asked for (by "
        "cap, by rate or in document order: a map from id to place built by one sort of every instrument on "
        "first use after each write). The rows of the default answers that Neo4j stores after a load "
        "(`GraphStore.kept_rows`: a department's instrument grid, a region's first instrument pages, a "
        "beneficiary's first page, the comparison's cells) are kept in memory by the embedded store from the "
        "first answer that computes them until the next write, the most recently used up to 40,000 rows "
        "(`graph/row_cache.py`, about 60 MB at 10,000 policies; the API process over Neo4j keeps those it "
        "read or computed in the same way, under the data version read in the answer's transaction, so a "
        "repeated answer does not read its stored rows again); so are the best clauses (ids, scores, match "
        "ranges) of the 256 most recent searches, so a common word is ranked once per write, not on every "
        "search.",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    print(render_markdown(), end="")
