"""The bundled seed policies' own text (policykg/corpus/), for the walks to check the answers a
view shows against the source they came from rather than against another answer of the API.

Texts are compared simplified (the 湖北 seed is written in traditional characters), with all
whitespace removed and full-width letters, digits and signs folded (NFKC), as the loaders read them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from policykg.graph.model import to_simplified

SEEDS = Path(__file__).resolve().parents[2] / "policykg" / "corpus"
# a word of each seed's title, by the region it is a policy of
TITLE_WORDS = {"荆州市": "荆州市促进科技成果转化", "武汉市": "武汉市促进科技成果转化", "湖北省": "汉襄宜",
               "周口市": "周口市支持科技成果转化", "岳阳市": "岳阳市促进科技成果转移转化"}


def fold(text: str) -> str:
    """``text`` simplified, NFKC-folded, without whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", to_simplified(text)))


@cache
def seed_text(region: str) -> str:
    """The folded text of the bundled seed that is a policy of ``region``."""
    word = TITLE_WORDS[region]
    for path in sorted(SEEDS.glob("*.txt")):
        text = fold(path.read_text("utf-8"))
        if word in text[:400]:
            return text
    raise AssertionError(f"no bundled seed names {word}: the bundled corpus changed")


def issued(region: str) -> str:
    """The date the seed of ``region`` is signed with (its last 年月日 date), as YYYY-MM-DD."""
    y, m, d = re.findall(r"(20\d\d)年(\d{1,2})月(\d{1,2})日", seed_text(region))[-1]
    return f"{y}-{int(m):02d}-{int(d):02d}"


def in_seed(region: str, fragment: str) -> bool:
    """Whether ``fragment`` (folded) is written in the seed of ``region``."""
    return fold(fragment) in seed_text(region)
