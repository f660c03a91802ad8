"""The independent synthetic corpus (``policykg generate``'s default style): determinism, the
truth of each document against its own text (read back here without the generator's code),
the layouts it covers, and that neither the generator nor its truth touches the extractor."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import opencc
import pytest

from policykg.evaluation import evaluate
from policykg.generator import generate_corpus

N = 40
SEED = 3
_T2S = opencc.OpenCC("t2s.json")
_DEBRIS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")
PACKAGE = Path(__file__).resolve().parents[1] / "policykg"
# the function codes of the evaluation contract
FUNCTIONS = {"science_tech", "finance", "education", "human_resources", "talent", "state_assets", "market_ip",
             "health", "industry_it", "development_reform", "agriculture", "financial_regulation", "taxation",
             "audit", "judicial", "association", "statistics", "data", "natural_resources", "environment",
             "civil_affairs", "general_office", "local_government", "development_zone", "university_institute",
             "state_enterprise", "other"}
_CN = {c: i for i, c in enumerate("零一二三四五六七八九")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("independent")
    generate_corpus(N, SEED, out)
    return out


def _truths(out: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "truth").glob("*.json"))]


def _norm(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _plain(out: Path, truth: dict) -> str:
    """The file as simplified text, pinyin debris removed, full-width forms folded, no white space."""
    text = (out / truth["source"]).read_bytes().decode(truth["encoding"])
    return _norm(_T2S.convert(_DEBRIS.sub("", text)))


def _cn_int(text: str) -> int:
    """一 → 1, 十 → 10, 三十 → 30, 二十五 → 25, 一百 → 100 (written here, not the generator's)."""
    if text == "一百":
        return 100
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN[tens] if tens else 1) * 10 + (_CN[ones] if ones else 0)
    return _CN[text]


def _rates(evidence: str) -> list[float]:
    """The rates a piece of text states: 8%, 百分之十, 三成, 千分之五, 10%—30%, 百分之十至百分之三十."""
    out = [float(m) / 100 for m in re.findall(r"(\d+(?:\.\d+)?)%", evidence)]
    out += [_cn_int(m) / 100 for m in re.findall(r"百分之([一二三四五六七八九十百]+)", evidence)]
    out += [_cn_int(m) / 1000 for m in re.findall(r"千分之([一二三四五六七八九十]+)", evidence)]
    out += [_cn_int(m) / 10 for m in re.findall(r"([一二三四五六七八九])成", evidence)]
    return [round(r, 6) for r in out]


def _yuan(evidence: str) -> float:
    number = float(re.search(r"\d+(?:\.\d+)?", evidence).group())
    return number * (1e8 if "亿元" in evidence else 1e4 if "万元" in evidence else 1)


def test_same_seed_gives_identical_bytes_and_another_seed_differs(corpus, tmp_path):
    again, other = tmp_path / "again", tmp_path / "other"
    generate_corpus(N, SEED, again)
    generate_corpus(N, SEED + 1, other)
    files = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in files:
        assert (corpus / rel).read_bytes() == (again / rel).read_bytes(), rel
    same = [p.name for p in sorted(corpus.glob("*.txt")) if p.read_bytes() == (other / p.name).read_bytes()]
    assert same == []


def _check_clauses(corpus: Path) -> int:
    """Every clause of every truth file is in its text, with its units and an anchor found once; the count."""
    clauses = 0
    for truth in _truths(corpus):
        plain = _plain(corpus, truth)
        assert truth["clauses"], truth["source"]
        for clause in truth["clauses"]:
            text = _norm(clause["text"])
            assert text in plain, (truth["source"], clause["id"])
            assert clause["anchors"] and all(a in text and plain.count(a) == 1 for a in clause["anchors"])
            for group in clause["groups"]:
                assert group
                for unit in group:
                    assert _norm(unit["name"]) in text, (truth["source"], clause["id"], unit["name"])
                    assert unit["function"] in FUNCTIONS and isinstance(unit["lead"], bool)
            clauses += 1
    return clauses


def test_every_clause_of_the_truth_is_in_the_text_with_its_units_and_a_unique_anchor(corpus):
    assert _check_clauses(corpus) > 10 * N / 2


@pytest.mark.parametrize(("n", "seed", "long_one"), [(10, 6, "policy_00006"), (30, 143, "policy_00013")])
def test_a_document_that_uses_up_every_heading_still_gives_each_table_row_its_own_anchor(tmp_path, n, seed, long_one):
    # these corpora stopped with "no distinctive anchor": a long document had used every clause
    # heading before its attached table, whose rows then repeated one (a row is a task, units, a deadline)
    generate_corpus(n, seed, tmp_path)
    assert _check_clauses(tmp_path) > n
    truth = json.loads((tmp_path / "truth" / f"{long_one}.json").read_text(encoding="utf-8"))
    rows = [c for c in truth["clauses"] if c["units_layout"] == "table"]
    tasks = [re.split(r" \| |\t| ", c["text"])[1] for c in rows]
    assert len(rows) >= 3 and len(set(tasks)) == len(tasks), tasks


def test_every_number_of_the_truth_is_written_in_its_clause(corpus):
    checked = 0
    for truth in _truths(corpus):
        texts = {c["id"]: _norm(c["text"]) for c in truth["clauses"]}
        for ins in truth["instruments"]:
            text = texts[ins["clause"]]
            assert all(_norm(e) in text for e in ins["evidence"]), (truth["source"], ins)
            rates = sorted(r for e in ins["evidence"] for r in _rates(_norm(e)))
            assert rates == sorted(ins[k] for k in ("rate", "rate_min", "rate_max") if k in ins), ins
            money = sorted(_yuan(e) for e in ins["evidence"] if "元" in e)
            assert money == sorted(ins[k] for k in ("cap_yuan", "amount_yuan") if k in ins), ins
            checked += 1
    assert checked > N


def test_metadata_and_citations_of_the_truth_are_in_the_text(corpus):
    titles = forms = 0
    for truth in _truths(corpus):
        plain = _plain(corpus, truth)
        assert _norm(truth["title"]) in plain
        if truth["doc_number"]:
            assert _norm(truth["doc_number"]) in plain
        if truth.get("issuer"):
            assert truth["issuer"] in plain
        if truth["date"]:
            y, m, d = (int(x) for x in truth["date"].split("-"))
            assert any(f in plain for f in (f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}.{m}.{d}")) \
                or f"{''.join('〇一二三四五六七八九'[int(c)] for c in str(y))}年" in plain
        quoted = set(re.findall(r"《(.+?)》", plain))
        for citation in truth["citations"]:
            assert _norm(citation["title"]) in quoted
            if citation.get("doc_number"):
                assert _norm(citation["title"]) + "》(" + _norm(citation["doc_number"]) in plain
            titles += 1
        cited = {_norm(c["title"]) for c in truth["citations"]}
        numbers = [c["doc_number"] for c in truth["citations"] if c.get("doc_number")]
        assert len(cited) == len(truth["citations"]) and len(set(numbers)) == len(numbers)  # each document once
        for form in (q for q in quoted if q.endswith(("表", "承诺书"))):
            assert form not in cited  # a form to fill in is not a citation
            forms += 1
    assert titles > 10 and forms > 5


def test_the_corpus_uses_every_layout_and_flags_leads_as_written(tmp_path):
    generate_corpus(80, 7, tmp_path)
    truths = _truths(tmp_path)
    layouts, shapes = set(), {t["clause_layout"] for t in truths}
    for truth in truths:
        for clause in truth["clauses"]:
            layouts.add(clause["units_layout"])
            for group in clause["groups"]:
                leads = [u["lead"] for u in group]
                if clause["units_layout"] == "by_duty":
                    assert not any(leads)
                else:  # leads come first, then the units that assist
                    assert leads[0] and leads == sorted(leads, reverse=True)
    assert layouts == {"bracket", "unit_line", "lead_assist_brackets", "lead_lines", "by_lead", "by_duty", "table",
                       "none"}
    assert any(len(c["groups"]) == 2 for t in truths for c in t["clauses"])  # one bracket per task of a clause
    assert shapes == {"sections", "nested", "articles", "paragraphs", "items"}
    assert {t["level"] for t in truths} == {"province", "city", "county"}
    assert {t["encoding"] for t in truths} == {"utf-8", "utf-8-sig", "gb18030"}
    assert {t["script"] for t in truths} == {"simplified", "traditional"}


def test_the_generator_modules_import_nothing_from_the_extractor():
    for name in ("generator_independent.py", "generator_names.py", "generator_text.py", "generator.py"):
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        modules = [(n.module or "") if isinstance(n, ast.ImportFrom) else a.name for n in top for a in n.names]
        assert not [m for m in modules if "loaders" in m], name


def test_the_generator_runs_with_the_extractor_unavailable(tmp_path):
    """policykg.loaders made unimportable: the corpus and its truth are still written."""
    script = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.startswith("policykg.loaders"):
            raise ImportError("the extractor is not available to the generator")
sys.meta_path.insert(0, Block())
from policykg.generator import generate_corpus
report = generate_corpus(5, 2, {str(tmp_path)!r})
assert not [m for m in sys.modules if m.startswith("policykg.loaders")]
print(report.clauses, report.units)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "truth").glob("policy_*.json"))) == 5


def test_vocabulary_function_codes_are_the_contracts():
    vocab = json.loads((PACKAGE / "generator_vocab.json").read_text(encoding="utf-8"))
    assert {d["function"] for d in vocab["departments"]} | set(vocab["regional_bodies"]) <= FUNCTIONS


def test_scoring_an_extraction_of_the_corpus_runs(corpus):
    """A smoke test: the truth has the gold shape and every figure is a fraction (no target)."""
    from policykg.loaders.contract import document_dict
    from policykg.loaders.pipeline import Pipeline

    pipeline = Pipeline()
    truths = _truths(corpus)[:4]
    predictions = [document_dict(pipeline.read(corpus / t["source"])) for t in truths]
    summary = evaluate(predictions, truths)["summary"]
    for name in ("clauses", "units", "leads", "instruments", "citations"):
        assert 0.0 <= summary[name]["f1"] <= 1.0


def test_rejects_an_unknown_style(tmp_path):
    with pytest.raises(ValueError, match="independent, seed"):
        generate_corpus(2, 1, tmp_path, style="other")


def test_a_prediction_that_repeats_the_truth_scores_one(corpus):
    """The truth is gold the scorer reads: every clause, unit, lead, instrument and citation of it
    is addressable, so a prediction written from it scores 1.0 on every field."""
    golds = _truths(corpus)
    preds = []
    for g in golds:
        clauses = [{"label": c["label"], "text": c["text"], "citations": [],
                    "responsible": [u for grp in c["groups"] for u in grp],
                    "instruments": [{k: v for k, v in i.items() if k in ("rate", "rate_min", "rate_max", "cap_yuan",
                                                                          "amount_yuan")}
                                    for i in g["instruments"] if i["clause"] == c["id"]]}
                   for c in g["clauses"]]
        preds.append({"source": g["source"], "title": g["title"], "doc_number": g["doc_number"], "date": g["date"],
                      "region": g["region"], "issuer": g.get("issuer"), "citations": g["citations"],
                      "clauses": clauses})
    summary = evaluate(preds, golds)["summary"]
    assert summary["units"]["tp"] > 100 and summary["leads"]["tp"] > 50 and summary["instruments"]["tp"] > 20
    for name in ("clauses", "units", "leads", "instruments", "citations"):
        assert summary[name]["f1"] == 1.0, name
    assert summary["metadata_acc"] == 1.0


def test_an_anchor_falls_back_to_the_longest_unrepeated_part_of_a_repeated_sentence():
    from policykg.generator_independent import _any_unique_window

    source = "推动科技型中小企业组建专业化技术转移服务团队"
    expected = f"一、{source}。\n二、推动科技型中小企业开展技术经纪人专业化培训。\n三、鼓励金融机构组建专业化技术转移服务团队。"
    anchor = _any_unique_window([source], expected)
    assert len(anchor) == 1 and anchor[0] in source and expected.count(anchor[0]) == 1 and len(anchor[0]) >= 8
    assert _any_unique_window([source], expected + source) == []
