"""find_targets' fast paths: part-of-speech words equal jieba.posseg's, digit-free text is skipped
without losing the year a paragraph passes on."""

from __future__ import annotations

import opencc
import pytest

from policykg.corpus import bundled_paths
from policykg.loaders import targets
from policykg.loaders.targets import find_targets, pos_words

# Written for these tests: what posseg treats specially — latin and digit runs (glued into
# 'eng'), '.' and '%' inside and outside runs, whitespace (\r\n is one token), full-width text.
SENTENCES = [
    "",
    "挖掘企业有效技术需求",
    "研发经费支出占GDP比重达到3.5%,5G网络覆盖率100%;C++与e-mail、R&D投入_v2.0。",
    "对购买高校科技成果的企业，按技术交易额的8％给予每家企业每年最高100万元奖励。\r\n(责任单位:市科技局)",
    "第一条\t为促进科技成果转化\u3000制定本办法。\n\n  12.5 ab12 .5 x.y 3.14.15 ...",
    "咨詢?yōu)橐惑w 發(fā)展 𠀀 \u9fea 😀 ～ ¥ €",
]


def posseg_reference(text: str) -> list[tuple[str, str]]:
    pos, _segmenter = targets._pos()
    return [(w.word, w.flag) for w in pos.cut(text, HMM=False)]


def test_pos_words_equal_posseg_on_sentences():
    for text in SENTENCES:
        assert pos_words(text) == posseg_reference(text), text
    assert pos_words("挖掘企业有效技术需求")[0] == ("挖掘", "v")


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.name[:3])
def test_pos_words_equal_posseg_on_seeds(path):
    raw = path.read_text(encoding="utf-8")
    for text in (raw, opencc.OpenCC("t2s").convert(raw)):
        assert pos_words(text) == posseg_reference(text)


def test_digit_free_paragraph_passes_its_plan_year_on():
    # the introducing paragraph has no digit at all; its year comes from “十四五”末
    text = "(二)主要目标。\n“十四五”末,全省科技成果转化主要目标是:\n技术合同交易额达到3000亿元。"
    got = [(t.metric, t.value, t.year) for t in find_targets(text)]
    assert got == [("技术合同交易额", pytest.approx(3e11), 2025)]


def test_digit_free_sentences_do_not_break_the_segment_context():
    text = ("推动科技成果转化,加快创新发展。到2025年,全市技术合同成交额达到500亿元,新增高新技术企业200家。"
            "完善服务体系,强化人才支撑。")
    got = [(t.metric, t.value, t.unit, t.year, t.comparator) for t in find_targets(text)]
    assert got == [("技术合同成交额", pytest.approx(5e10), "元", 2025, "at_least"),
                   ("高新技术企业", 200, "家", 2025, "exactly")]


def test_short_metric_borrows_from_a_digit_free_segment_before_it():
    # 数量 alone is too short a metric: it is completed by the previous segment, which has no digit
    got = [(t.metric, t.value, t.year) for t in find_targets("到2025年,全市高新技术企业,数量达到500家。")]
    assert got == [("高新技术企业数量", 500, 2025)]


def test_full_width_digits_are_numbers_too():
    (t,) = find_targets("到2025年,省级技术转移机构达到３００家。")
    assert (t.metric, t.value, t.unit, t.year) == ("省级技术转移机构", 300, "家", 2025)
