"""Names and numbers of the independent synthetic corpus, from ``generator_vocab.json`` only.

Places, department names (with the function code the vocabulary assigns them), regional
bodies, and incentive numbers written as policies write them (8%, 百分之十, 三成, 千分之五,
10%—30%, 最高100万元). Nothing here reads the extractor's vocabularies: the truth of a
generated document is what these functions return alongside the text they wrote.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .generator_text import chinese_numeral, money_text, rate_value

VOCAB_PATH = Path(__file__).resolve().parent / "generator_vocab.json"


@lru_cache(maxsize=2)
def load_vocab(path: Path = VOCAB_PATH) -> dict[str, Any]:
    """Read the independent generator vocabulary (``generator_vocab.json``)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ValueError(f"cannot read the generator vocabulary {path}: {err}; restore the file from the "
                         "policykg package") from None


@dataclass(frozen=True)
class Place:
    """A region a synthetic policy comes from, with what names built from it need."""

    name: str
    short: str
    abbr: str
    level: str  # province / city / county
    province: str
    city_short: str  # the city of a county, the region itself for a city, the capital for a province

    @property
    def prefix(self) -> str:
        """The level character written before a department: 省 / 市 / 县 / 区."""
        return self.name[-1]


def all_places(vocab: dict[str, Any]) -> dict[str, list[Place]]:
    """Every place of the vocabulary, by level, in file order."""
    out: dict[str, list[Place]] = {"province": [], "city": [], "county": []}
    for prov in vocab["places"]:
        capital = prov["cities"][0]["short"]
        out["province"].append(Place(prov["name"], prov["short"], prov["abbr"], "province", prov["name"], capital))
        for city in prov["cities"]:
            out["city"].append(Place(city["name"], city["short"], city["abbr"], "city", prov["name"], city["short"]))
            for county in city["counties"]:
                short = county[:-1] if len(county) > 2 else county
                out["county"].append(Place(county, short, short[:1], "county", prov["name"], city["short"]))
    return out


@dataclass
class Namer:
    """How one document names its units: one form per department, level prefix or full region name."""

    place: Place
    forms: dict[str, str]  # function code → department name as this document writes it
    bodies: dict[str, list[str]]  # function code → regional bodies this document may name
    lead_weights: dict[str, int]
    weights: dict[str, int]
    used: list[str] = field(default_factory=list)

    @classmethod
    def for_document(cls, rng: random.Random, vocab: dict[str, Any], place: Place) -> Namer:
        """Fix the names of one document (the same department is written the same way)."""
        full = rng.random() < 0.2
        former = rng.random() < 0.15
        prefix = place.name if full else place.prefix
        level = place.level
        forms, lead_weights, weights = {}, {}, {}
        for dept in vocab["departments"]:
            pool = dept.get(level) or dept["forms"]
            if former and dept.get("former") and rng.random() < 0.5:
                pool = dept["former"]
            form = rng.choice(pool).replace("{t}", "厅" if level == "province" else "局")
            forms[dept["function"]] = prefix + form
            lead_weights[dept["function"]] = dept["lead"]
            weights[dept["function"]] = dept["weight"]
        bodies = {}
        for code, by_level in sorted(vocab["regional_bodies"].items()):
            bodies[code] = [t.format(name=place.name, short=place.short, city_short=place.city_short)
                            for t in by_level[level]]
        return cls(place, forms, bodies, lead_weights, weights)

    def group(self, rng: random.Random, count: int | None = None) -> list[dict[str, Any]]:
        """Units for one responsibility list: a lead department first, then others (no repeats)."""
        count = count or rng.choices([1, 2, 3, 4, 5, 6], weights=[22, 30, 22, 13, 8, 5])[0]
        codes = sorted(self.forms)
        lead = rng.choices(codes, weights=[self.lead_weights[c] for c in codes])[0]
        units = [{"name": self.forms[lead], "function": lead}]
        taken = {lead}
        while len(units) < count:
            if rng.random() < 0.15:
                code = rng.choice(sorted(self.bodies))
                name = rng.choice(self.bodies[code])
            else:
                free = [c for c in codes if c not in taken and self.weights[c] > 0]
                if not free:
                    break
                code = rng.choices(free, weights=[self.weights[c] for c in free])[0]
                taken.add(code)
                name = self.forms[code]
            if name not in [u["name"] for u in units]:
                units.append({"name": name, "function": code})
        return units


# -- numbers -----------------------------------------------------------------------------------


def _hanzi_number(n: int) -> str:
    """1..99 as written in 百分之二十五; 100 as 一百."""
    return "一百" if n == 100 else chinese_numeral(n)


def rate_text(rng: random.Random, pools: dict[str, list[Any]], sign: str) -> tuple[str, float]:
    """A rate as policies write it (8%, 百分之十, 三成, 千分之五) and its value as a fraction."""
    kind = rng.choices(["digits", "hanzi", "tenths", "permille"], weights=[62, 14, 12, 12])[0]
    if kind == "tenths":
        pct = rng.choice(pools["tenths"])
        return chinese_numeral(pct // 10) + "成", rate_value(pct)
    if kind == "permille":
        pct = rng.choice(pools["permille"])
        return "千分之" + chinese_numeral(round(pct * 10)), rate_value(pct)
    pct = rng.choice(pools["percent"])
    if kind == "hanzi":
        return "百分之" + _hanzi_number(pct), rate_value(pct)
    return f"{pct:g}{sign}", rate_value(pct)


def range_text(rng: random.Random, pools: dict[str, list[Any]], sign: str) -> tuple[str, float, float]:
    """A range of rates (10%—30%, 10%-30%, 10%至30%, 百分之十至百分之三十) and its bounds."""
    low, high = rng.choice(pools["ranges"])
    form = rng.choice(["dash", "dash", "hyphen", "zhi", "hanzi"])
    if form == "hanzi":
        text = f"百分之{_hanzi_number(low)}至百分之{_hanzi_number(high)}"
    else:
        joint = {"dash": "—", "hyphen": "-", "zhi": "至"}[form]
        text = f"{low}{sign}{joint}{high}{sign}"
    return text, rate_value(low), rate_value(high)


def cap_text(rng: random.Random, vocab: dict[str, Any]) -> tuple[str, int]:
    """A ceiling (最高100万元, 不超过50万元 …) and its value in yuan."""
    yuan = rng.choice(vocab["number_pools"]["caps"])
    return rng.choice(vocab["cap_forms"]).format(m=money_text(yuan)), yuan


def amount_text(rng: random.Random, vocab: dict[str, Any], not_: set[int]) -> tuple[str, int]:
    """An amount of money (20万元, 1.5亿元) not among ``not_``, and its value in yuan."""
    pool = [y for y in vocab["number_pools"]["amounts"] if y not in not_]
    yuan = rng.choice(pool)
    return money_text(yuan), yuan
