"""Texts printed in traditional characters (a traditional copy of a mainland notice, a news item
reposted by a traditional-script site) are read as their simplified form: every rule sees the
simplified text, while what a record keeps as the text (clause text, offsets) is the text as printed.
A simplified text goes through unchanged."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.cleaning import clean_text, to_simplified
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import Document, SourceText

from .texts import read

_SIMPLIFIED = ("甲市促进科技成果转化若干措施\n"
               "为加快科技成果在本市转化,制定以下措施。\n"
               "一、对新认定的国家级科技企业孵化器,给予一次性100万元奖励。(责任单位:市科技局、市财政局)\n"
               "二、对企业购买高校科技成果并在本市转化的,按技术合同成交额的10%给予补助,最高不超过50万元。"
               "(责任单位:市科技局,乙县人民政府)\n"
               "甲市人民政府办公室\n2024年3月5日\n")
_TRADITIONAL = ("甲市促進科技成果轉化若干措施\n"
                "為加快科技成果在本市轉化,制定以下措施。\n"
                "一、對新認定的國家級科技企業孵化器,給予一次性100萬元獎勵。(責任單位:市科技局、市財政局)\n"
                "二、對企業購買高校科技成果並在本市轉化的,按技術合同成交額的10%給予補助,最高不超過50萬元。"
                "(責任單位:市科技局,乙縣人民政府)\n"
                "甲市人民政府辦公室\n2024年3月5日\n")

_NEWS_SIMPLIFIED = ("甲市出台措施支持科技成果转化\n"
                    "本报讯 近日,甲市人民政府办公室印发《甲市促进科技成果转化若干措施》(以下简称《措施》),"
                    "明确3年投入2亿元支持科技成果在本市转化。\n"
                    "《措施》提出,对新认定的国家级科技企业孵化器,给予一次性100万元奖励;"
                    "对企业购买高校科技成果的,最高给予50万元补助。\n")
_NEWS_TRADITIONAL = ("甲市出臺措施支持科技成果轉化\n"
                     "本報訊 近日,甲市人民政府辦公室印發《甲市促進科技成果轉化若干措施》(以下簡稱《措施》),"
                     "明確3年投入2億元支持科技成果在本市轉化。\n"
                     "《措施》提出,對新認定的國家級科技企業孵化器,給予一次性100萬元獎勵;"
                     "對企業購買高校科技成果的,最高給予50萬元補助。\n")


def _source(text: str) -> SourceText:
    return SourceText(path="test.txt", format="txt", encoding="utf-8", text=text, sha256="", size_bytes=0)


def _extracted(doc: Document) -> list[tuple[object, ...]]:
    """Per clause: its label, then per provision its units and its figures."""
    return [(c.label, [([(u.name, u.lead, u.function) for u in p.units],
                        [(i.type, i.amount_yuan, i.cap_yuan, i.rate) for i in p.instruments])
                       for p in c.provisions])
            for c in doc.clauses]


def test_the_sample_texts_are_the_same_text_in_both_scripts() -> None:
    assert to_simplified(_TRADITIONAL) == _SIMPLIFIED
    assert to_simplified(_NEWS_TRADITIONAL) == _NEWS_SIMPLIFIED


def test_a_traditional_text_gives_the_records_of_its_simplified_form(pipeline: Pipeline, tmp_path: Path) -> None:
    simplified = read(pipeline, tmp_path, _SIMPLIFIED)
    traditional = read(pipeline, tmp_path, _TRADITIONAL)
    assert _extracted(traditional) == _extracted(simplified)
    first, second = _extracted(traditional)
    # the unit bracket: lead first, names in simplified characters (乙縣 → 乙县)
    assert first[1][0][0] == [("市科技局", True, "science_tech"), ("市财政局", False, "finance")]
    assert second[1][0][0][1][0] == "乙县人民政府"
    # the incentives: 100萬元 one-off, 10% capped at 50萬元
    assert first[1][0][1] == [("reward", 1000000.0, None, None)]
    assert second[1][0][1] == [("subsidy", None, 500000.0, 0.1)]
    for field in ("title", "issuer", "date", "region", "level"):
        assert getattr(traditional, field) == getattr(simplified, field), field
    assert traditional.title == "甲市促进科技成果转化若干措施"
    assert traditional.issuer == "甲市人民政府办公室"


def test_clause_text_and_offsets_keep_the_traditional_characters(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _TRADITIONAL)
    clause = doc.clauses[0]
    assert doc.clean.text[clause.start:clause.end].startswith("一、對新認定的國家級科技企業孵化器")
    assert doc.clean.simplified[clause.start:clause.end].startswith("一、对新认定的国家级科技企业孵化器")
    a, b = doc.clean.orig_span(clause.start, clause.end)
    assert doc.source.text[a:b] == doc.clean.text[clause.start:clause.end]
    for provision in clause.provisions:
        for ins in provision.instruments:
            assert ins.start is not None and ins.end is not None
            assert "萬元" in doc.clean.text[ins.start:ins.end] or "%" in doc.clean.text[ins.start:ins.end]


def test_a_traditional_news_lead_is_read_as_a_news_item(pipeline: Pipeline, tmp_path: Path) -> None:
    simplified = read(pipeline, tmp_path, _NEWS_SIMPLIFIED)
    traditional = read(pipeline, tmp_path, _NEWS_TRADITIONAL)
    assert simplified.clauses == [] and traditional.clauses == []
    assert traditional.title == simplified.title == "甲市促进科技成果转化若干措施"


def test_a_simplified_text_is_left_byte_identical(pipeline: Pipeline, tmp_path: Path) -> None:
    for text in (_SIMPLIFIED, _NEWS_SIMPLIFIED):
        assert to_simplified(text) == text
        clean = clean_text(_source(text))
        assert clean.simplified == clean.text == text.strip()
    doc = read(pipeline, tmp_path, _SIMPLIFIED)
    assert [doc.clean.text[c.start:c.end] for c in doc.clauses] == \
        [doc.clean.simplified[c.start:c.end] for c in doc.clauses]


def test_words_are_converted_as_words_not_character_by_character() -> None:
    # 畫 alone is 画, but 計畫 (the Taiwan spelling of a plan) is 计划: a character table taking
    # the first reading of each character would give 计画 and miss the title
    assert to_simplified("甲市科技創新行動計畫(2024-2026年)") == "甲市科技创新行动计划(2024-2026年)"
    assert to_simplified("規劃圖畫") == "规划图画"


def test_variant_characters_outside_the_converter_are_replaced() -> None:
    assert to_simplified("乙縣鹽堿地改良") == "乙县盐碱地改良"


def test_several_characters_lost_in_a_row_to_pinyin_mojibake_go_as_one_fragment() -> None:
    # a pinyin-annotated traditional page whose converter lost 數 and the next character:
    # ?jǐn)?shù) goes whole, no 'shù)' is left in the text
    clean = clean_text(_source("甲市3年投入1億元支持?jǐn)?shù)字經(jīng)濟發展。"))
    assert clean.text == "甲市3年投入1億元支持字經濟發展。"
    (warning,) = clean.warnings
    assert warning.code == "corrupted_text" and "?jǐn)?shù)" in warning.message
    clean = clean_text(_source("補助在10萬元以?xún)?nèi)價(jià)值的15%以下。"))
    assert clean.text == "補助在10萬元以價值的15%以下。"
