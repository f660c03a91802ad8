"""The fast HMM-free segmenter and TF-IDF tags give exactly jieba's own words and tags."""

from __future__ import annotations

import jieba.analyse
import opencc
import pytest

from policykg.corpus import bundled_paths
from policykg.loaders import tokenizer as tokenizer_module
from policykg.loaders.responsibility import responsibility_spans
from policykg.loaders.tokenizer import _KEYWORD_JUNK, KEYWORD_WINDOW, NoHmmSegmenter, PolicyTokenizer

# Written for these tests: mixed Han/latin/digits, full- and half-width punctuation, every kind of
# whitespace jieba treats specially (\r\n as one token), characters outside jieba's Han range,
# policykg vocabulary words (user dictionary) and an extra term.
SENTENCES = [
    "",
    "市科技局对技术经纪人和中试平台给予后补助,支持技术转移机构承担揭榜挂帅项目,市人社局配合。",
    "研发经费支出占GDP比重达到3.5%,5G网络覆盖率100%;C++与e-mail、R&D投入_v2.0。",
    "对购买高校科技成果的企业，按技术交易额的8％给予每家企业每年最高100万元奖励。\r\n(责任单位:市科技局)",
    "第一条\t为促进科技成果转化\u3000制定本办法。\n\n一、总体要求  (一)指导思想",
    "abc123 ABC xyz 2024年12月31日 No.7 H7N9 3D打印 B超 T恤 iPhone15Pro",
    "鄂政办发〔2024〕25号《关于印发行动方案(2024—2026年)的通知》“十四五”末",
    "咨詢?yōu)橐惑w 發(fā)展 區(qū)域 𠀀𠀁 \u9fea\u9fff 😀 ～ ¥ €",
    "技术技术技术 经纪人经纪人 转化转化转化转化 ......... ---+++### &&&",
]


class JiebaNoHmm:
    """jieba's own precise-mode cut with the HMM off, as the reference tokenizer for TFIDF."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        self.tokenizer = tokenizer

    def cut(self, text: str, *args, **kwargs):
        return self.tokenizer.cut(text, HMM=False)


@pytest.fixture(scope="module")
def tk():
    return PolicyTokenizer(extra_terms=["揭榜挂帅项目"])


@pytest.fixture(scope="module")
def reference(tk):
    tfidf = jieba.analyse.TFIDF()
    tfidf.tokenizer = JiebaNoHmm(tk.jieba)
    tfidf.set_stop_words(str(tk._stopwords_path))
    return tfidf


@pytest.fixture(scope="module")
def seed_texts():
    raw = [p.read_text(encoding="utf-8") for p in bundled_paths()]
    t2s = opencc.OpenCC("t2s")
    return raw + [t2s.convert(t) for t in raw]


def test_cut_equals_jieba_on_sentences(tk):
    for text in SENTENCES:
        assert tk.segmenter.cut(text) == list(tk.jieba.cut(text, HMM=False)), text


def test_cut_equals_jieba_on_seeds(tk, seed_texts):
    assert len(seed_texts) >= 10
    for text in seed_texts:
        assert tk.segmenter.cut(text) == list(tk.jieba.cut(text, HMM=False))


def test_user_dictionary_words_stay_whole(tk):
    words = tk.segmenter.cut(SENTENCES[1])
    for term in ("市科技局", "技术经纪人", "中试平台", "揭榜挂帅项目", "市人社局"):
        assert term in words, (term, words)


def test_run_words_are_the_words_inside_han_runs(tk):
    text = SENTENCES[2]
    words = tk.segmenter.run_words(text)
    assert "".join(words) == "".join(jieba.re_han_default.findall(text))
    # everything cut() yields beyond run_words() is a single character or whitespace
    extra = list(tk.segmenter.cut(text))
    for word in words:
        extra.remove(word)
    assert all(len(w) == 1 or not w.strip() for w in extra), extra


def test_the_c_route_is_built():
    """The install compiles loaders/_route.c; a machine with a C compiler must have it."""
    assert tokenizer_module._route is not None
    assert PolicyTokenizer().segmenter.native


@pytest.fixture(params=["native", "python"])
def native(request):
    return request.param == "native"


def test_c_and_python_routes_agree(tk, seed_texts):
    native = NoHmmSegmenter(tk.jieba, native=True)
    python = NoHmmSegmenter(tk.jieba, native=False)
    assert native.native and not python.native
    for text in SENTENCES + seed_texts:
        for run in jieba.re_han_default.split(text)[1::2]:
            assert native.run_ends(run) == python.run_ends(run), run
        assert native.cut(text) == python.cut(text)


def test_c_and_python_tag_weights_agree(tk, seed_texts):
    """The TF-IDF weights computed in C are the Python ones: same words, order and floats."""
    native = NoHmmSegmenter(tk.jieba, native=True)
    python = NoHmmSegmenter(tk.jieba, native=False)
    tfidf = tk.tfidf
    # upper-case latin words are looked up in lower case among the stop words (THE, And)
    latin = "THE Tech And 揭榜挂帅项目 OF the R&D投入 揭榜挂帅项目"
    windows = [*SENTENCES, latin]
    for text in seed_texts[:5]:
        windows += [text[i:i + KEYWORD_WINDOW] for i in range(0, len(text), 97)]
    for window in windows:
        args = (window, tfidf.stop_words, tfidf.idf_freq, tfidf.median_idf)
        assert list(native.tag_weights(*args).items()) == list(python.tag_weights(*args).items()), window
    weights = native.tag_weights(latin, tfidf.stop_words, tfidf.idf_freq, tfidf.median_idf)
    assert "THE" not in weights and "And" not in weights and "Tech" in weights
    assert list(weights)[:2] == ["Tech", "揭榜挂帅项目"]


def test_words_added_later_are_seen(native):
    tokenizer = jieba.Tokenizer()
    segmenter = NoHmmSegmenter(tokenizer, native=native)
    text = "推进概念验证中心建设"
    assert "概念验证中心" not in segmenter.cut(text)
    tokenizer.add_word("概念验证中心")
    assert "概念验证中心" in segmenter.cut(text)
    assert segmenter.cut(text) == list(tokenizer.cut(text, HMM=False))


def test_equal_scores_take_the_longer_first_word(tmp_path, native):
    """甲乙|丙 and 甲|乙丙 score exactly the same (the same two log-frequencies, added in either
    order); jieba then takes the longer first word, and so must the segmenter."""
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲乙 10\n丙 5\n甲 5\n乙丙 10\n丁 3\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    tokenizer.tmp_dir = str(tmp_path)  # jieba's dictionary cache stays with the test
    segmenter = NoHmmSegmenter(tokenizer, native=native)
    for text in ("甲乙丙", "丁甲乙丙丁", "甲乙丙甲乙丙", "甲乙丙 x甲乙丙"):
        expected = list(tokenizer.cut(text, HMM=False))
        assert segmenter.cut(text) == expected, text
    assert segmenter.cut("甲乙丙") == ["甲乙", "丙"]


def test_single_latin_letters_and_digits_are_glued(tmp_path, native):
    """Single-character words that are ASCII letters or digits join up, as in jieba's cut;
    a dictionary word of several latin characters stays a word of its own."""
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲 5\n乙 5\nab 50\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    tokenizer.tmp_dir = str(tmp_path)
    segmenter = NoHmmSegmenter(tokenizer, native=native)
    for text in ("x1y2甲", "甲ab乙", "甲abc乙12", "9甲9", "ab"):
        assert segmenter.cut(text) == list(tokenizer.cut(text, HMM=False)), text
    assert segmenter.cut("甲x1y2乙") == ["甲", "x1y2", "乙"]


def test_tfidf_tags_equal_extract_tags(tk, reference, seed_texts):
    windows = [s for s in SENTENCES if s]
    for text in seed_texts[:5]:
        windows += [text[i:i + KEYWORD_WINDOW] for i in range(0, len(text), 61)]
    windows.append("技术转移 成果转化 技术转移 成果转化 平台")  # equal weights keep first-seen order
    for window in windows:
        for top in (0, 5, 24):
            assert tk.tfidf_tags(window, top=top) == reference.extract_tags(window, topK=top), window
    # jieba's own extract_tags over the fast segmenter agrees too, on a whole document
    assert tk.tfidf.extract_tags(seed_texts[0], topK=40) == reference.extract_tags(seed_texts[0], topK=40)


def test_tied_weights_keep_first_occurrence_order(tk):
    # two words absent from the IDF table get the same (median) weight when equally frequent
    tags = tk.tfidf_tags("揭榜挂帅项目与中试平台", top=0)
    assert tags.index("揭榜挂帅项目") < tags.index("中试平台")
    tags = tk.tfidf_tags("中试平台与揭榜挂帅项目", top=0)
    assert tags.index("中试平台") < tags.index("揭榜挂帅项目")


def test_keywords_equal_jieba_extract_tags(tk, reference, seed_texts):
    """keywords() = jieba's extract_tags on the masked opening window, junk removed."""
    for text in seed_texts[5:]:
        for start in range(0, len(text), 150):
            clause = text[start:start + 400]
            masked = clause
            for a, b in responsibility_spans(clause):
                masked = masked[:a] + " " * (b - a) + masked[b:]
            tags = reference.extract_tags(masked[:KEYWORD_WINDOW], topK=24)
            assert tk.keywords(clause) == [t for t in tags if not _KEYWORD_JUNK.match(t)][:8], clause
