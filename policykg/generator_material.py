"""Seed material for the synthetic corpus: clause sentences, headings and pinyin debris.

The bundled seed policies are read with the real pipeline; each clause's simplified text
loses its label, heading and 责任单位 brackets and is split into sentences. Only sentences
that carry no quantity (元, %, 万, 亿 …), no citation (《》, 〔〕) and no place name are
kept, so that the generator knows every number, unit and reference it puts in a document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .corpus import bundled_paths

# Quantities that an extractor may read as an incentive, and references to other documents.
_UNSAFE = re.compile(r"[元%％万亿倍《》〈〉〔〕\[\]【】<>]|[A-Za-z]")
# Text that would be read as a label if it started a line.
_LABEL_START = re.compile(r"^(?:\d|[(（][一二三四五六七八九十]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章条])")
# 在荆/在汉: a one-character place abbreviation.
_PLACE_ABBREV = re.compile(r"在[\u4e00-\u9fff](?:高校|企业|院所|转化|实现|设立|落地|留|使用)")
_PINYIN = re.compile(r"([\u4e00-\u9fff])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)[)）]")
_TONED = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]")
_LEVEL_WORDS = re.compile(r"(我|全|本)(市|省|县|区)")
_HEADING_UNSAFE = re.compile(r"[\d()（）]")
# A sentence must hold a run of Chinese characters long enough to identify its clause.
_DISTINCTIVE = re.compile(r"[\u4e00-\u9fff]{10,}")


@dataclass
class SeedMaterial:
    """Reusable text harvested from the seed policies (simplified Chinese, half-width punctuation)."""

    sentences: list[str] = field(default_factory=list)  # narrative sentences ending in 。
    headings: list[str] = field(default_factory=list)  # clause headings (no final 。)
    part_headings: list[str] = field(default_factory=list)
    pinyin: dict[str, str] = field(default_factory=dict)  # traditional character → toned syllable


def _half_width(text: str) -> str:
    """Fold full-width ASCII punctuation to half-width (，→, （→( …)."""
    return text.translate({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})


def _place_names() -> tuple[set[str], int]:
    """Full names of every region and short names of provinces and cities (county short
    names are ordinary words such as 公安, so they are left out)."""
    from .loaders.gazetteer import Gazetteer

    names: set[str] = set()
    for region in Gazetteer.load().regions:
        names.add(region.name)
        if region.level != "county" and len(region.short) >= 2:
            names.add(region.short)
    return names, max(len(n) for n in names)


def _names_place(sentence: str, names: set[str], longest: int) -> bool:
    for i in range(len(sentence)):
        for length in range(2, min(longest, len(sentence) - i) + 1):
            if sentence[i:i + length] in names:
                return True
    return False


def _usable(sentence: str, avoid: Sequence[str], names: set[str], longest: int,
            lengths: tuple[int, int] = (12, 220)) -> bool:
    if not lengths[0] <= len(sentence) <= lengths[1] or _UNSAFE.search(sentence) or _LABEL_START.search(sentence):
        return False
    if any(word in sentence for word in avoid) or _PLACE_ABBREV.search(sentence):
        return False
    return not _names_place(sentence, names, longest)


def _level_neutral(sentence: str) -> str:
    """我市/全省/本县 → placeholders the generator fills with the document's own level."""
    return _LEVEL_WORDS.sub(lambda m: {"我": "{my}", "全": "{all}", "本": "{this}"}[m.group(1)], sentence)


def harvest(paths: Sequence[Path] | None = None, avoid: Sequence[str] = ()) -> SeedMaterial:
    """Read the seed policies (default: the bundled corpus) and collect reusable material.

    ``avoid``: words that disqualify a sentence (closing cues such as 有效期, bracket labels).
    """
    from .loaders.pipeline import Pipeline

    pipeline = Pipeline()
    names, longest = _place_names()
    material = SeedMaterial()
    seen: set[str] = set()
    for path in sorted(paths if paths is not None else bundled_paths()):
        doc = pipeline.read(path)
        simplified = doc.clean.simplified
        for match in _PINYIN.finditer(doc.source.text):
            if _TONED.search(match.group(2)):
                material.pinyin.setdefault(match.group(1), match.group(2))
        for node in doc.tree.walk():
            heading = _half_width(node.heading or "").strip().rstrip("。")
            if node.kind == "part" and _usable(heading, avoid, names, longest, (4, 25)) \
                    and not _HEADING_UNSAFE.search(heading):
                heading = _level_neutral(heading)
                if heading not in material.part_headings:
                    material.part_headings.append(heading)
        for node in doc.clauses:
            text = simplified[node.start:node.end]
            cuts = sorted((p.bracket_start - node.start, p.bracket_end - node.start)
                          for p in node.provisions if p.bracket_start is not None)
            for start, end in reversed(cuts):
                text = text[:start] + "。" + text[end:]
            text = _half_width(text)
            label = _half_width(node.label or "")
            if text.startswith(label):
                text = text[len(label):]
            heading = _half_width(node.heading or "").strip().rstrip("。")
            if heading and text.startswith(heading):
                text = text[len(heading):]
                if _usable(heading, avoid, names, longest, (6, 25)) and not _HEADING_UNSAFE.search(heading):
                    heading = _level_neutral(heading)
                    if heading not in material.headings:
                        material.headings.append(heading)
            for line in text.split("\n"):
                line = line.strip().lstrip("—-·").strip()  # noqa: B005 (a set of bullet characters)
                for piece in line.split("。"):
                    piece = piece.strip(" ;,")  # noqa: B005 (a set of characters)
                    if not piece:
                        continue
                    sentence = _level_neutral(piece) + "。"
                    if sentence not in seen and _DISTINCTIVE.search(piece) and _usable(piece, avoid, names, longest):
                        seen.add(sentence)
                        material.sentences.append(sentence)
    if len(material.sentences) < 40 or len(material.headings) < 10 or len(material.part_headings) < 5:
        raise ValueError(
            f"the seed policies gave too little material ({len(material.sentences)} sentences, "
            f"{len(material.headings)} headings, {len(material.part_headings)} part headings); "
            "pass seed files with numbered clauses"
        )
    return material


@lru_cache(maxsize=4)
def cached_material(paths: tuple[Path, ...] | None, avoid: tuple[str, ...]) -> SeedMaterial:
    """``harvest`` once per process for the same seeds (reading them takes seconds)."""
    return harvest(list(paths) if paths is not None else None, avoid)
