"""The policy tokenizer: own jieba instance, vocabulary kept whole, exact offsets, keywords."""

from __future__ import annotations

import json

import jieba
import opencc
import pytest

from policykg.corpus import bundled_paths
from policykg.loaders.tokenizer import PolicyTokenizer, vocabulary_terms


@pytest.fixture(scope="module")
def departments(tmp_path_factory):
    """A departments file of the shape another module writes: string lists, regexes and codes mixed."""
    path = tmp_path_factory.mktemp("deps") / "departments.json"
    path.write_text(json.dumps({
        "departments": ["科技局", "人社局", "地方金融管理局"],
        "functions": [{"code": "science_tech", "patterns": ["科技(创新)?局$", "^人行"]}],
        "synonyms": {"编办": "机构编制委员会办公室"},
        "level_prefixes": {"省": "province"},
        "nested": [[1, None, {"x": "星火推广站"}]],
    }, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tk(departments):
    return PolicyTokenizer(extra_terms=["揭榜挂帅项目"], departments_path=departments)


def test_vocabulary_terms_stay_whole(tk):
    text = "市科技局对技术经纪人和中试平台给予后补助,支持技术转移机构承担揭榜挂帅项目,市人社局配合。"
    words = tk.words(text)
    for term in ("市科技局", "技术经纪人", "中试平台", "后补助", "技术转移机构", "揭榜挂帅项目", "市人社局"):
        assert term in words, (term, words)


def test_departments_file_is_read_defensively(departments):
    terms = set(vocabulary_terms(departments_path=departments))
    assert {"科技局", "市科技局", "省科技局", "地方金融管理局", "编办", "机构编制委员会办公室", "星火推广站"} <= terms
    assert not any("(" in t or "^" in t or "$" in t for t in terms)  # regexes are not words
    assert "science_tech" not in terms
    # a missing or broken file does not stop the tokenizer
    broken = departments.parent / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert "技术经纪人" in vocabulary_terms(departments_path=broken)
    assert "技术经纪人" in vocabulary_terms(departments_path=departments.parent / "absent.json")


def test_offsets_cover_the_text_exactly(tk):
    text = "对购买高校科技成果的企业,按技术交易额的8%给予每家企业每年最高100万元奖励。\n(责任单位:市科技局)"
    tokens = tk.tokens(text)
    assert "".join(w for w, _, _ in tokens) == text
    pos = 0
    for word, start, end in tokens:
        assert (start, text[start:end]) == (pos, word)
        pos = end
    assert pos == len(text)


def test_offsets_on_a_seed(tk):
    path = bundled_paths()[1]
    text = opencc.OpenCC("t2s").convert(path.read_text(encoding="utf-8"))
    tokens = tk.tokens(text)
    assert all(text[s:e] == w for w, s, e in tokens)
    assert tokens[-1][2] == len(text)


def test_own_jieba_loaded_once_and_lazily(departments):
    tk = PolicyTokenizer(departments_path=departments)
    assert tk._jieba is None  # nothing loaded at construction
    first = tk.jieba
    tk.words("科技成果转化")
    tk.keywords("科技成果转化")
    assert tk.jieba is first
    assert first is not jieba.dt and isinstance(first, jieba.Tokenizer)


def test_extra_terms_do_not_leak_between_tokenizers(tk, departments):
    other = PolicyTokenizer(departments_path=departments)
    assert "揭榜挂帅项目" in tk.words("承担揭榜挂帅项目")
    assert "揭榜挂帅项目" not in other.words("承担揭榜挂帅项目")
    assert "揭榜挂帅项目" not in jieba.dt.FREQ or jieba.dt.FREQ.get("揭榜挂帅项目") == 0


def test_keywords_skip_stopwords_numbers_and_departments(tk):
    text = ("支持技术经纪人开展技术转移服务,对技术经纪人按技术交易额的2%给予奖励,技术经纪人每年培训不少于20场,"
            "推动技术经纪人职业化发展。(责任单位:市科技局、市人社局)")
    keys = tk.keywords(text, k=5)
    assert keys[0] == "技术经纪人"
    assert len(keys) <= 5
    for word in ("支持", "推动", "市科技局", "市人社局", "20", "2%"):
        assert word not in keys
