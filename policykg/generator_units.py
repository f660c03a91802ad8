"""责任单位 brackets for synthetic policies: the text to write and the units it names.

A document fixes its style once (which 科技局 variant, separators, development zones, the
collective 各县、市、区人民政府 form …) in ``UnitStyle``; each bracket then draws a lead
department and a random subset of the others. The truth of a unit is the name as the
contract wants it (shared suffixes distributed, aliases and remarks left out) with the
function code that ``loaders/data/departments.json`` gives that name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .loaders.departments import DepartmentVocabulary
from .loaders.records import Region


@dataclass
class Place:
    """The issuing region with what names built from it need."""

    region: Region
    prefix: str  # level character before a department name: 省 / 市 / 州 / 县 / 区
    city: Region | None  # the city of a county, the region itself for a city
    cities: list[Region] = field(default_factory=list)  # for a province: its cities ending in 市

    @property
    def level(self) -> str:
        return self.region.level


@dataclass
class UnitStyle:
    """Per-document choices: the same department is always written the same way."""

    departments: dict[str, list[str]]  # function code → names with level prefix
    alias: dict[str, str]  # name → alias written in brackets after it, e.g. 市市场监管局 → 市知识产权局
    within: str  # separator between departments
    between: str  # separator between kinds of bodies
    zones: list[str]
    share_zone_suffix: bool
    collective: str | None
    university: str
    enterprise: str | None
    financial: list[str]
    label: str
    remark_pending: bool  # the first bracket carries 排第一为牵头单位,下同
    collective_remark: bool
    on_own_line: bool  # 责任单位:… written as a line after the clause instead of in brackets


def _weighted_pick(rng: random.Random, weights: dict[str, float], exclude: set[str]) -> str | None:
    keys = sorted(k for k in weights if k not in exclude and weights[k] > 0)
    if not keys:
        return None
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


class UnitPicker:
    """Draws 责任单位 brackets from the generator vocabulary."""

    def __init__(self, data: dict[str, Any], vocab: DepartmentVocabulary | None = None) -> None:
        self.data = data
        self.vocab = vocab or DepartmentVocabulary.load()
        self.functions = sorted(k for k in data["departments"] if not k.startswith("_"))

    # -- per document ------------------------------------------------------------------

    def style(self, rng: random.Random, place: Place) -> UnitStyle:
        """Fix how this document writes its units."""
        data, level, prefix = self.data, place.level, place.prefix
        departments: dict[str, list[str]] = {}
        for code in self.functions:
            names = data["departments"][code][level]
            chosen = names if code in data["separate_functions"] else [rng.choice(names)]
            departments[code] = [prefix + name for name in chosen]
        alias = {}
        for name, other in sorted(data["aliases"].items()):
            if level != "province" and rng.random() < 0.5:
                alias[prefix + name] = prefix + other
        form = rng.random()
        within, between = ("、", ",") if form < 0.65 else ((",", ",") if form < 0.85 else ("、", "、"))
        short = place.region.short
        zones: list[str] = []
        if level == "city" and rng.random() < 0.5:
            templates = rng.sample(data["zones"], rng.randint(1, 3))
            zones = [t.format(short=short) for t in templates]
        collective = rng.choice(data["collective_governments"][level])
        university = rng.choice(data["universities"]).format(place=short)
        enterprise = rng.choice(data["state_enterprises"][level]).format(lvl=prefix)
        city = place.city or place.region
        financial = [t.format(name=city.name, short=city.short) for t in data["financial_bodies"][level]]
        return UnitStyle(
            departments=departments, alias=alias, within=within, between=between, zones=zones,
            share_zone_suffix=rng.random() < 0.7, collective=collective, university=university,
            enterprise=enterprise, financial=financial, label=rng.choice(data["bracket_labels"]),
            remark_pending=rng.random() < 0.1, collective_remark=bool(zones) and rng.random() < 0.2,
            on_own_line=rng.random() < 0.04,
        )

    # -- per bracket -------------------------------------------------------------------

    def bracket(self, rng: random.Random, style: UnitStyle, place: Place) -> tuple[str, list[dict[str, str]]]:
        """One 责任单位 bracket: (text to write, truth units in order, lead first).

        With ``style.on_own_line`` the text is a line of its own (starting with a line break)."""
        count = rng.choices([1, 2, 3, 4, 5], weights=[30, 30, 20, 12, 8])[0]
        lead_code = _weighted_pick(rng, self.data["lead_weights"], set())
        assert lead_code is not None
        names = [rng.choice(style.departments[lead_code])]
        used = {lead_code}
        weights = self.data["department_weights"]
        while len(names) < count:
            code = _weighted_pick(rng, weights, used)
            if code is None:
                break
            used.add(code)
            names.extend(n for n in rng.sample(style.departments[code], 1) if n not in names)
        units = [self._unit(n) for n in names]
        written = [n + f"({style.alias[n]})" if n in style.alias and rng.random() < 0.7 else n for n in names]
        blocks = [style.within.join(written) + ("等" if rng.random() < 0.06 else "")]

        if rng.random() < 0.2:
            blocks.append(style.university)
            units.append(self._unit(style.university))
        if style.enterprise and rng.random() < 0.04:
            blocks.append(style.enterprise)
            units.append(self._unit(style.enterprise))
        if style.financial and rng.random() < 0.06:
            body = rng.choice(style.financial)
            blocks.append(body)
            units.append(self._unit(body))
        if place.level == "province" and place.cities and rng.random() < 0.2:
            text, names = self._cities(rng, place)
            blocks.append(text)
            units.extend(self._unit(n) for n in names)
        elif style.collective and rng.random() < 0.3:
            text = style.collective
            if style.collective_remark:
                text += self.data["collective_remark"].format(zones="、".join(style.zones))
                style.collective_remark = False
            blocks.append(text)
            # 各县(市、区)人民政府 is one body whose name includes the bracketed levels
            units.append(self._unit(style.collective.replace("(", "").replace(")", "")))
            if style.zones and rng.random() < 0.7:
                text, names = self._zones(style)
                blocks.append(text)
                units.extend(self._unit(n) for n in names)
        listing = style.between.join(blocks)
        if style.remark_pending:
            listing += "," + self.data["lead_remark"]
            style.remark_pending = False
        inner = f"{style.label}:{listing}"
        if style.on_own_line:
            return "\n" + inner, units
        if "(" in listing:
            opener, closer = rng.choice([("(", ")"), ("﹝", "﹞"), ("【", "】")])
        else:
            opener, closer = "(", ")"
        return opener + inner + closer, units

    def _unit(self, name: str) -> dict[str, str]:
        return {"name": name, "function": self.vocab.function_of(name)}

    def _zones(self, style: UnitStyle) -> tuple[str, list[str]]:
        suffix = self.data["zone_suffix"]
        names = [z + suffix for z in style.zones]
        if style.share_zone_suffix:
            return "、".join(style.zones) + suffix, names
        return "、".join(names), names

    @staticmethod
    def _cities(rng: random.Random, place: Place) -> tuple[str, list[str]]:
        """武汉、襄阳、宜昌市人民政府 or 武汉市、襄阳市人民政府: governments sharing a suffix."""
        chosen = rng.sample(place.cities, min(len(place.cities), rng.randint(2, 3)))
        names = [c.name + "人民政府" for c in chosen]
        if rng.random() < 0.6:
            return "、".join(c.short for c in chosen) + "市人民政府", names
        return "、".join(c.name for c in chosen) + "人民政府", names

    def every_name(self, place: Place) -> list[tuple[str, str]]:
        """(name, intended function code) of every body a document of ``place`` may name."""
        out = []
        for code in self.functions:
            for name in self.data["departments"][code][place.level]:
                out.append((place.prefix + name, code))
        short = place.region.short
        out += [(t.format(place=short), "university_institute") for t in self.data["universities"]]
        out += [(t.format(lvl=place.prefix), "state_enterprise") for t in self.data["state_enterprises"][place.level]]
        city = place.city or place.region
        out += [(t.format(name=city.name, short=city.short), "financial_regulation")
                for t in self.data["financial_bodies"][place.level]]
        out += [(c, "local_government") for c in self.data["collective_governments"][place.level]]
        out += [(t.format(short=short) + self.data["zone_suffix"], "development_zone") for t in self.data["zones"]]
        out += [(c.name + "人民政府", "local_government") for c in place.cities]
        return out
