"""InstrumentVocabulary.has_verb: a grant verb inside a range of a text, read without cutting it."""

from __future__ import annotations

import pytest

from policykg.loaders.instruments import InstrumentVocabulary


@pytest.fixture(scope="module")
def vocab() -> InstrumentVocabulary:
    return InstrumentVocabulary.load()


@pytest.mark.parametrize("text", [
    "对新认定的企业给予一次性奖励。",
    "项目完成后予以补助,单个项目最高20万元。",
    "企业应当按时提交申报材料。",
    "",
])
def test_has_verb_says_what_verbs_finds(vocab: InstrumentVocabulary, text: str) -> None:
    assert vocab.has_verb(text) == bool(vocab.verbs(text))


def test_has_verb_reads_only_the_range(vocab: InstrumentVocabulary) -> None:
    text = "申报材料齐全。经评审合格的,给予奖励。"
    at = text.index("给予")
    assert vocab.has_verb(text, at, at + 2)
    assert not vocab.has_verb(text, 0, at)
    assert not vocab.has_verb(text, 0, at + 1)  # a verb cut by the range's end is none
    assert not vocab.has_verb(text, at + 1)  # nor one cut by its start
    for start, end in [(0, len(text)), (3, 12), (12, 3), (0, 99)]:
        assert vocab.has_verb(text, start, end) == bool(vocab.verbs(text[start:end]))
