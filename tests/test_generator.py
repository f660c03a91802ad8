"""The synthetic corpus generator, seed style: determinism, files and truth, encodings, numbers,
citations, and a generated sample read back by the real pipeline. The independent style (the
default) is tested in tests/test_generator_independent.py."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import opencc
import pytest

from policykg.generator import generate_corpus, load_data, places
from policykg.generator_text import chinese_numeral, money_text
from policykg.generator_units import UnitPicker
from policykg.loaders.contract import document_dict
from policykg.loaders.departments import DepartmentVocabulary
from policykg.loaders.pipeline import Pipeline

N = 20
SEED = 11
_T2S = opencc.OpenCC("t2s.json")
_DEBRIS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate_corpus(N, SEED, out, style="seed")
    return out


def _truths(out: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "truth").glob("*.json"))]


def _plain(out: Path, truth: dict) -> str:
    """The file as simplified text with pinyin debris removed and full-width forms folded."""
    text = (out / truth["source"]).read_bytes().decode(truth["encoding"])
    text = unicodedata.normalize("NFKC", _T2S.convert(_DEBRIS.sub("", text)))
    return re.sub(r"\s", "", text)


def _value(evidence: str) -> float:
    """Parse 8% / 1.5亿元 / 100万元 / 5000元 written by the generator, independently of it."""
    evidence = unicodedata.normalize("NFKC", evidence)
    number = float(re.match(r"[\d.]+", evidence).group())
    if evidence.endswith("%"):
        return round(number / 100, 6)
    return number * {"亿元": 1e8, "万元": 1e4}.get(evidence[-2:], 1)


def test_same_seed_gives_identical_bytes_and_another_seed_differs(corpus, tmp_path):
    again, other = tmp_path / "again", tmp_path / "other"
    generate_corpus(N, SEED, again, style="seed")
    generate_corpus(N, SEED + 1, other, style="seed")
    files = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in files:
        assert (corpus / rel).read_bytes() == (again / rel).read_bytes(), rel
    differing = [p.name for p in sorted(corpus.glob("*.txt")) if p.read_bytes() != (other / p.name).read_bytes()]
    assert len(differing) == N


def test_writes_n_policies_and_a_truth_for_each(corpus):
    texts = sorted(p.name for p in corpus.iterdir() if p.is_file())
    assert len(texts) == N and all(name.endswith(".txt") for name in texts)
    truths = _truths(corpus)
    assert [t["source"] for t in truths] == texts
    for truth in truths:
        assert truth["title"] and truth["region"] and truth["province"] and truth["clauses"]
        assert truth["level"] in ("province", "city", "county")
        assert len({c["label"] for c in truth["clauses"]}) == len(truth["clauses"])  # labels identify clauses
    levels = {t["level"] for t in truths}
    assert levels == {"province", "city", "county"}


def test_encodings_and_scripts_are_as_declared(corpus):
    truths = _truths(corpus)
    assert {t["encoding"] for t in truths} == {"utf-8", "utf-8-sig", "gb18030"}
    assert {t["script"] for t in truths} == {"simplified", "traditional"}
    for truth in truths:
        data = (corpus / truth["source"]).read_bytes()
        text = data.decode(truth["encoding"])
        assert data.startswith(b"\xef\xbb\xbf") == (truth["encoding"] == "utf-8-sig")
        if truth["encoding"] == "gb18030":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
        # simplified text is left alone by a traditional → simplified conversion; traditional is not
        assert (_T2S.convert(text) == text) == (truth["script"] == "simplified"), truth["source"]


def test_truth_numbers_are_written_in_the_text(corpus):
    checked = 0
    for truth in _truths(corpus):
        text = _plain(corpus, truth)
        for ins in truth["instruments"]:
            values = [ins[k] for k in ("rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan") if k in ins]
            assert values and len(values) == len(ins["evidence"])
            for evidence in ins["evidence"]:
                assert unicodedata.normalize("NFKC", evidence) in text, (truth["source"], evidence)
            assert sorted(_value(e) for e in ins["evidence"]) == sorted(float(v) for v in values)
            checked += 1
    assert checked > 20


def test_truth_departments_are_written_in_the_text(corpus):
    for truth in _truths(corpus):
        text = _plain(corpus, truth)
        for clause in truth["clauses"]:
            assert any(a in text for a in clause["anchors"])
            for group in clause["groups"]:
                assert group, "a group has at least its lead unit"
                for unit in group:
                    if unit["function"] not in ("development_zone", "local_government"):
                        assert unit["name"] in text, (truth["source"], unit["name"])


def test_citations_point_only_to_older_policies_of_the_same_province(tmp_path):
    generate_corpus(200, 5, tmp_path, style="seed")
    truths = {t["source"]: t for t in _truths(tmp_path)}
    cited = 0
    for truth in truths.values():
        text = _plain(tmp_path, truth)
        numbers = {truths[s]["doc_number"] for s in truth["cited_sources"]}
        for source in truth["cited_sources"]:
            assert truths[source]["issued"] < truth["issued"]
            assert truths[source]["province"] == truth["province"]
            assert truths[source]["title"].replace("(", "").replace(")", "")[:10] in text
        for number in truth["citations"]:
            assert number in numbers and number != truth["doc_number"]
            assert unicodedata.normalize("NFKC", number).replace("〔", "") in text.replace("〔", "")
            cited += 1
    assert cited > 5


def test_function_codes_match_the_department_vocabulary():
    vocab = DepartmentVocabulary.load()
    picker = UnitPicker(load_data(), vocab)
    for level, pool in sorted(places().items()):
        for place in (pool[0], pool[len(pool) // 2], pool[-1]):
            for name, code in picker.every_name(place):
                assert vocab.function_of(name.replace("(", "").replace(")", "")) == code, (level, name)


def test_pipeline_reads_the_sample_and_finds_every_truth_clause(corpus):
    pipeline = Pipeline()
    found = total = 0
    for truth in _truths(corpus):
        doc = document_dict(pipeline.read(corpus / truth["source"]))
        texts = [(c["label"], re.sub(r"\s", "", c["text_simplified"])) for c in doc["clauses"]]
        for clause in truth["clauses"]:
            total += 1
            hits = [label for label, text in texts if any(a in text for a in clause["anchors"])]
            found += hits == [clause["label"]]
    assert total > 100 and found == total


def test_a_second_run_replaces_the_first(tmp_path):
    generate_corpus(6, 1, tmp_path, style="seed")
    generate_corpus(3, 1, tmp_path)
    assert len(list(tmp_path.glob("*.txt"))) == 3 and len(list((tmp_path / "truth").glob("*.json"))) == 3


def test_rejects_an_empty_corpus(tmp_path):
    with pytest.raises(ValueError, match="at least 1"):
        generate_corpus(0, 1, tmp_path)


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (14, "十四"), (20, "二十"), (34, "三十四")])
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


@pytest.mark.parametrize(("yuan", "text"), [(1_000_000, "100万元"), (150_000_000, "1.5亿元"),
                                            (25_000, "2.5万元"), (1_000_000_000, "10亿元"), (5_000, "5000元")])
def test_money_text(yuan, text):
    assert money_text(yuan) == text
