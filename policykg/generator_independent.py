"""Synthetic policies written from an independent vocabulary, with the truth each template records.

``write_policies(n, seed)`` yields, for each of ``n`` policies, the file bytes and the truth in
the evaluation contract's gold shape. Names, phrasings and layouts come from
``generator_vocab.json`` (``generator_names``), written apart from the extractor's
vocabularies, and the truth is what the templates put in the text when they wrote it:

- clause layouts 一、/(一) sections, 一、/(一)/1. nested items, 第X条 articles, 1. items and
  unnumbered paragraphs; a task table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限) as text;
- responsible units as (责任单位:X、Y), 责任单位: on a line after the clause, 【牵头单位】X【配合单位】Y,
  one bracket per task of a clause, 牵头单位: on its own line with
  the units on the next lines, 由X牵头,Y配合, X、Y按职责分工负责 (lead flags per unit);
- incentives with rates (8%, 百分之十, 三成, 千分之五), ranges, caps and amounts;
- metadata header blocks (发文字号:, 成文日期:, 发文机关:), notices, signatures, four date forms;
- citations 《…》 with or without 文号, and forms (《…申请表》) that are not citations.

This module imports nothing from ``policykg.loaders``: the truth cannot borrow the extractor's
knowledge. About 20% of the documents are in traditional characters, 30% in GB18030.
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .generator_names import (
    Namer,
    Place,
    all_places,
    amount_text,
    cap_text,
    load_vocab,
    range_text,
    rate_text,
)
from .generator_text import (
    add_pinyin_debris,
    chinese_numeral,
    encode,
    set_width,
    to_simplified_chars,
    to_traditional,
)

FIRST_DAY = date(2016, 1, 1)
LAST_DAY = date(2025, 12, 31)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{8,}")
_SLOT = re.compile(r"\{(\w+)\}")
_HANZI_DIGITS = "〇一二三四五六七八九"


@dataclass
class _Plan:
    """What is decided for a policy before its text is written (later policies may cite it)."""

    index: int
    name: str
    place: Place
    issued: date
    title: str
    doc_number: str | None
    issuer: str
    cites: list[int] = field(default_factory=list)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = sorted(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _plan(n: int, seed: int, vocab: dict[str, Any]) -> list[_Plan]:
    rng = random.Random(f"independent:{seed}")
    pool = all_places(vocab)
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(rng.randrange(span + 1) for _ in range(n))
    numbers: set[str] = set()
    plans = []
    for i in range(n):
        level = _weighted(rng, vocab["level_mix"])
        place = rng.choice(pool[level])
        issued = FIRST_DAY + timedelta(days=days[i])
        topic = rng.choice(vocab["title_topics"]).format(y=issued.year, y2=issued.year + 2)
        title = (place.name if rng.random() < 0.8 else "") + topic
        doc_number = None
        if rng.random() < 0.7:
            code = rng.choice(vocab["doc_number_codes"][level]).format(abbr=place.abbr, short=place.short)
            opener, closer = rng.choice(vocab["doc_number_brackets"])
            serial = rng.randint(1, 60)
            while f"{code}{issued.year}{serial}" in numbers:
                serial += 1
            numbers.add(f"{code}{issued.year}{serial}")
            doc_number = f"{code}{opener}{issued.year}{closer}{serial}号"
        issuer = rng.choice(vocab["issuers"][level]).format(name=place.name)
        plans.append(_Plan(i, f"policy_{i + 1:05d}", place, issued, title, doc_number, issuer))
    by_province: dict[str, list[int]] = {}
    first_same_day = 0
    for plan in plans:  # cite older numbered policies of the province, or of the same city
        if plan.index and plans[plan.index - 1].issued != plan.issued:
            first_same_day = plan.index
        older = by_province.get(plan.place.province, [])
        older = [j for j in older[:bisect.bisect_left(older, first_same_day)] if plans[j].doc_number
                 and (plans[j].place.level == "province" or plans[j].place.city_short == plan.place.city_short)]
        if older and rng.random() < 0.4:
            plan.cites = sorted(set(rng.sample(older, min(len(older), rng.randint(1, 2)))))
        by_province.setdefault(plan.place.province, []).append(plan.index)
    return plans


def date_text(d: date, form: str) -> str:
    """A date as documents write it: 2021年3月5日, 2021-03-05, 2021.3.5, 二〇二一年三月五日."""
    if form == "dash":
        return d.isoformat()
    if form == "dot":
        return f"{d.year}.{d.month}.{d.day}"
    if form == "hanzi":
        year = "".join(_HANZI_DIGITS[int(c)] for c in str(d.year))
        return f"{year}年{chinese_numeral(d.month)}月{chinese_numeral(d.day)}日"
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass
class _Doc:
    """A policy being written (simplified text, half-width punctuation) and its truth."""

    plan: _Plan
    rng: random.Random
    vocab: dict[str, Any]
    namer: Namer
    sign: str
    sep: str
    layouts: dict[str, int]
    clauses: list[dict[str, Any]] = field(default_factory=list)
    instruments: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, str]] = field(default_factory=list)
    anchor_sources: list[list[str]] = field(default_factory=list)
    used_headings: set[str] = field(default_factory=set)
    used_pairs: set[tuple[str, str]] = field(default_factory=set)
    used_incentives: set[str] = field(default_factory=set)

    def words(self) -> dict[str, str]:
        prefix = self.plan.place.prefix
        return {"this": "本" + prefix, "all": "全" + prefix}

    def heading(self) -> str:
        free = [h for h in self.vocab["clause_headings"] if h not in self.used_headings]
        choice = self.rng.choice(free or self.vocab["clause_headings"])
        self.used_headings.add(choice)
        return choice

    def task(self) -> str:
        """A task of the attached table: an unused heading, or, once a long document has used
        every heading, a new agent-action pair. A repeated task would leave its row (a task,
        units and a deadline) without a run of characters of its own to anchor it."""
        if any(h not in self.used_headings for h in self.vocab["clause_headings"]):
            return self.heading()
        return self.sentence().partition(",")[0]

    def sentence(self) -> str:
        v, rng = self.vocab, self.rng
        for _ in range(40):
            pair = (rng.choice(v["agents"]), rng.choice(v["actions"]))
            if pair not in self.used_pairs:
                break
        self.used_pairs.add(pair)
        return f"{pair[0]}{pair[1]},{rng.choice(v['purposes'])}。"

    def cite(self, ref: tuple[str, dict[str, str]]) -> str:
        text, truth = ref
        # one entry per cited document, however often and in whichever form it is cited
        if not any(c["title"] == truth["title"] or c.get("doc_number") and c.get("doc_number") == truth.get("doc_number")
                   for c in self.citations):
            self.citations.append(truth)
        return text

    def incentive(self, key: str) -> str:
        """An incentive sentence; records one instrument per ';'-separated part of the template."""
        rng, vocab = self.rng, self.vocab
        entries = [e for e in vocab["incentives"] if e["id"] not in self.used_incentives] or vocab["incentives"]
        entry = rng.choice(entries)
        self.used_incentives.add(entry["id"])
        words = vocab["beneficiary_words"][entry["beneficiary"]]
        pools = vocab["number_pools"]
        texts = []
        amounts: set[int] = set()
        for part in entry["text"].split(";"):
            record: dict[str, Any] = {"clause": key, "beneficiary": entry["beneficiary"], "template": entry["id"]}
            evidence: list[str] = []

            def fill(match: re.Match, record=record, evidence=evidence) -> str:
                slot = match.group(1)
                if slot == "rate":
                    text, value = rate_text(rng, pools, self.sign)
                    record["rate"] = value
                elif slot == "range":
                    text, low, high = range_text(rng, pools, self.sign)
                    record["rate_min"], record["rate_max"] = low, high
                elif slot == "cap":
                    text, yuan = cap_text(rng, vocab)
                    record["cap_yuan"] = yuan
                    evidence.append(text)
                    return text
                elif slot == "amount":
                    text, yuan = amount_text(rng, vocab, amounts)
                    amounts.add(yuan)
                    record["amount_yuan"] = yuan
                elif slot == "who":
                    return rng.choice(words)
                else:
                    return self.words()[slot]
                evidence.append(text)
                return text

            texts.append(_SLOT.sub(fill, part))
            record["evidence"] = evidence
            self.instruments.append(record)
        return ";".join(texts)


# -- responsible units -------------------------------------------------------------------------


def _flag(units: list[dict[str, Any]], leads: int) -> list[dict[str, Any]]:
    return [{**u, "lead": i < leads} for i, u in enumerate(units)]


def _units(doc: _Doc, layout: str) -> tuple[str, list[str], list[dict[str, Any]]]:
    """(text to append to the clause's line, lines after it, the group with lead flags)."""
    rng, sep = doc.rng, doc.sep
    units = doc.namer.group(rng)
    names = [u["name"] for u in units]
    if layout in ("bracket", "unit_line"):
        label = rng.choice(doc.vocab["bracket_labels"])
        leads = len(units) if label == "牵头单位" else 1  # a plain list: its first unit leads
        if layout == "unit_line":
            return "", [f"{label}:{sep.join(names)}"], _flag(units, leads)
        opener, closer = rng.choice([("(", ")"), ("(", ")"), ("【", "】")])
        return f"{opener}{label}:{sep.join(names)}{closer}", [], _flag(units, leads)
    if len(units) == 1 and layout in ("lead_assist_brackets", "lead_lines", "by_lead"):
        extra = doc.namer.group(rng, 2)[-1]
        if extra["name"] not in names:
            units.append(extra)
            names.append(extra["name"])
    leads = 2 if len(units) >= 4 and rng.random() < 0.25 else 1
    lead_names, other_names = names[:leads], names[leads:]
    if layout == "lead_assist_brackets":
        lead_label, other_label = rng.choice(doc.vocab["lead_labels"])
        if rng.random() < 0.6:
            text = f"【{lead_label}】{sep.join(lead_names)}"
            text += f"【{other_label}】{sep.join(other_names)}" if other_names else ""
        else:
            text = f"({lead_label}:{sep.join(lead_names)}"
            text += f";{other_label}:{sep.join(other_names)})" if other_names else ")"
        return text, [], _flag(units, leads)
    if layout == "lead_lines":
        lead_label, other_label = rng.choice(doc.vocab["lead_labels"])
        lines = [f"{lead_label}:", *lead_names]
        if other_names:
            lines += [f"{other_label}:", *(other_names if rng.random() < 0.6 else [sep.join(other_names)])]
        return "", lines, _flag(units, leads)
    if layout == "by_lead":
        if other_names:
            form = rng.choice(["由{a}牵头,{b}配合。", "由{a}牵头,会同{b}组织实施。", "此项工作由{a}牵头负责,{b}协同推进。"])
            return form.format(a=sep.join(lead_names), b=sep.join(other_names)), [], _flag(units, leads)
        return f"由{sep.join(lead_names)}负责。", [], _flag(units, leads)
    # by_duty: every unit answers for its own share, none leads
    return f"{sep.join(names)}按职责分工负责。", [], _flag(units, 0)


# -- clauses -----------------------------------------------------------------------------------


def _clause(doc: _Doc, label: str, key: str, with_heading: bool, refs: list[tuple[str, dict[str, str]]]) -> list[str]:
    """One numbered (or unnumbered) clause: its line, and lines after it for units on their own lines."""
    rng = doc.rng
    heading = doc.heading() if with_heading else None
    body = [doc.sentence() for _ in range(rng.choice([1, 1, 2, 2, 3]))]
    if rng.random() < 0.4:
        body.insert(rng.randint(1, len(body)), doc.incentive(key))
    for ref in refs:
        body.append(rng.choice(doc.vocab["clause_cites"]).replace("{ref}", doc.cite(ref)))
    if rng.random() < 0.12:
        form = "《" + rng.choice(doc.vocab["forms"]) + "》"
        body.append(rng.choice(doc.vocab["form_sentences"]).format(form=form))
    layout = _weighted(rng, doc.layouts)
    groups, after = [], []
    if layout == "bracket" and len(body) > 1 and rng.random() < 0.2:  # a bracket per task of the clause
        split = rng.randint(1, len(body) - 1)
        inline, _, group = _units(doc, layout)
        groups.append(group)
        body[split - 1] += inline
    text = "".join(body)
    if layout != "none":
        inline, after, group = _units(doc, layout)
        groups.append(group)
        text += inline
    written = "" if label.startswith("段") else label + (" " if label.endswith("条") else "")  # 第五条 支持…
    line = written + (heading + "。" if heading else "") + text
    doc.clauses.append({"label": label, "id": key, "anchors": [], "groups": groups, "units_layout": layout,
                        "text": "\n".join([line, *after])})
    doc.anchor_sources.append(([heading] if heading else []) + body)
    return [line, *after]


def _body(doc: _Doc, shape: str, refs: list[tuple[str, dict[str, str]]]) -> list[str]:
    """The numbered provisions of the document as lines, in one of the clause layouts."""
    rng, vocab = doc.rng, doc.vocab
    parts = rng.randint(3, 6)
    counts = [rng.randint(1, 5) for _ in range(parts)]
    total = sum(counts)
    cite_at: dict[int, list] = {}
    for ref in refs:
        cite_at.setdefault(rng.randrange(total), []).append(ref)
    part_headings = rng.sample(vocab["part_headings"], parts)
    lines: list[str] = []
    number = section = 0
    with_heading = shape in ("nested", "items", "paragraphs") or rng.random() < 0.7
    numbered_parts = shape != "paragraphs" or rng.random() < 0.5
    for p in range(parts):
        if shape == "articles":
            if rng.random() < 0.5 or p == 0:
                lines.append(f"第{chinese_numeral(p + 1)}章 {part_headings[p]}")
        elif numbered_parts:
            lines.append(f"{chinese_numeral(p + 1)}、{part_headings[p]}")
        sections = [counts[p]] if shape != "nested" else [rng.randint(1, 3) for _ in range(rng.randint(1, 2))]
        for count in sections:
            section_label = ""
            if shape == "nested":
                section += 1
                section_label = f"({chinese_numeral(section)})"
                lines.append(f"{section_label}{doc.heading()}")
            for k in range(count):
                number += 1
                if shape == "sections":
                    label = f"({chinese_numeral(number)})"
                elif shape == "articles":
                    label = f"第{chinese_numeral(number)}条"
                elif shape == "paragraphs":
                    label = f"段{number}"
                elif shape == "nested":
                    label = f"{k + 1}."
                else:
                    label = f"{number}."
                lines += _clause(doc, label, section_label + label, with_heading and shape != "articles",
                                 cite_at.pop(number - 1, []))
    for left in cite_at.values():  # nested documents may have fewer clauses than drawn
        for ref in left:
            lines.append(rng.choice(vocab["clause_cites"]).replace("{ref}", doc.cite(ref)))
    return lines


def _table(doc: _Doc, title: str) -> list[str]:
    """An attached task table written as text: each row a clause with its lead and other units."""
    rng, vocab = doc.rng, doc.vocab
    header = rng.choice(vocab["table_headers"])
    cell = rng.choice([" | ", "\t", " "])
    lines = [rng.choice(["附件", "附件1"]), f"{title}重点任务分工表", cell.join(header)]
    for i in range(1, rng.randint(3, 8) + 1):
        task = doc.task()
        units = doc.namer.group(rng, rng.randint(2, 5))
        names = [u["name"] for u in units]
        year = doc.plan.issued.year + rng.randint(0, 2)
        deadline = rng.choice(vocab["deadlines"]).format(y=year)
        detail = doc.sentence().rstrip("。") if rng.random() < 0.5 else ""
        row = cell.join([str(i), task + ("," + detail if detail else ""), names[0], doc.sep.join(names[1:]), deadline])
        lines.append(row)
        doc.clauses.append({"label": str(i), "id": f"表{i}", "anchors": [], "groups": [_flag(units, 1)],
                            "units_layout": "table", "text": row})
        doc.anchor_sources.append([task] + ([detail] if detail else []))
    return lines


# -- the document ------------------------------------------------------------------------------


def _reference(plans: list[_Plan], j: int, rng: random.Random) -> tuple[str, dict[str, str]]:
    target = plans[j]
    assert target.doc_number is not None
    if rng.random() < 0.5:
        title = f"{target.issuer}关于印发〈{target.title}〉的通知"
    else:
        title = target.title
    return f"《{title}》({target.doc_number})", {"title": title, "doc_number": target.doc_number}


def _national(vocab: dict[str, Any], rng: random.Random) -> tuple[str, dict[str, str]]:
    entry = rng.choice(vocab["national_citations"])
    if entry.get("doc_number") and rng.random() < 0.8:
        return f"《{entry['title']}》({entry['doc_number']})", {"title": entry["title"], "doc_number": entry["doc_number"]}
    return f"《{entry['title']}》", {"title": entry["title"]}


def _set_anchors(doc: _Doc, expected: str) -> None:
    """Give each clause a run of Chinese characters found once in the text a reader recovers."""
    for clause, sources in zip(doc.clauses, doc.anchor_sources, strict=True):
        for source in sources:
            for run in _CJK_RUN.findall(source):
                for piece in (run, run[:16], run[-16:], run[:12]):
                    if len(piece) >= 8 and expected.count(piece) == 1:
                        clause["anchors"] = [piece]
                        break
                if clause["anchors"]:
                    break
            if clause["anchors"]:
                break
        if not clause["anchors"]:
            clause["anchors"] = _any_unique_window(sources, expected)
        if not clause["anchors"]:
            raise RuntimeError(f"no distinctive anchor for clause {clause['id']} of {doc.plan.name}; "
                               "report this with the seed and size used")


def _any_unique_window(sources: list[str], expected: str) -> list[str]:
    """The longest run of at least 8 characters inside ``sources`` found once in ``expected``
    (as a one-item list), or [] when every such run is repeated."""
    runs = [run for source in sources for run in _CJK_RUN.findall(source)]
    for size in range(max((len(r) for r in runs), default=0), 7, -1):
        for run in runs:
            for start in range(len(run) - size + 1):
                piece = run[start:start + size]
                if expected.count(piece) == 1:
                    return [piece]
    return []


def _write(plan: _Plan, plans: list[_Plan], seed: int, vocab: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    rng = random.Random(f"independent:{seed}:{plan.index}")
    place = plan.place
    full = rng.random() < 0.4
    layouts = dict(vocab["unit_layouts"])
    favourite = _weighted(rng, layouts)
    layouts[favourite] *= 5
    layouts.pop("table")
    doc = _Doc(plan, rng, vocab, Namer.for_document(rng, vocab, place), "％" if full and rng.random() < 0.5 else "%",
               "、" if rng.random() < 0.8 else ",", layouts)
    date_form = rng.choice(vocab["date_forms"])
    written = date_text(plan.issued, date_form)
    refs = [_reference(plans, j, rng) for j in plan.cites]
    refs += [_national(vocab, rng) for _ in range(rng.choice([0, 0, 1, 1, 2]))]
    rng.shuffle(refs)
    preamble_refs = refs[:rng.randint(0, min(2, len(refs)))]
    clause_refs = refs[len(preamble_refs):]

    lines: list[str] = []
    has_number = has_date = has_issuer = False
    header = rng.random() < 0.35
    if header:
        keys = rng.choice(vocab["header_keys"])
        fields = {"发文机关": plan.issuer, "发布机构": plan.issuer, "发文字号": plan.doc_number,
                  "文号": plan.doc_number, "成文日期": written,
                  "发布日期": date_text(plan.issued + timedelta(days=rng.randint(1, 9)), date_form),
                  "索引号": f"{rng.randint(10**8, 10**9 - 1)}/{plan.issued.year}-{rng.randint(1, 999):05d}"}
        pairs = [f"{k}:{fields[k]}" for k in keys if fields[k]]
        lines += pairs if rng.random() < 0.7 else ["  ".join(pairs)]
        has_number = bool(plan.doc_number) and any(k in keys for k in ("发文字号", "文号"))
        has_date = "成文日期" in keys
        has_issuer = any(k in keys for k in ("发文机关", "发布机构"))
    cover = rng.random() < 0.55
    if cover:
        quoted = f"《{plan.title}》" if plan.title.startswith("关于") else plan.title
        lines.append(f"{plan.issuer}关于印发{quoted}的通知")
        if plan.doc_number:
            lines.append(plan.doc_number)
            has_number = True
        lines.append(vocab["addressees"][place.level])
        gov = place.prefix + "人民政府"
        lines.append(rng.choice(vocab["notice_bodies"]).format(title=plan.title, gov=gov))
        lines += [plan.issuer, written]
        has_date = has_issuer = True
    lines.append(plan.title)
    words = doc.words()
    doc_word = next((w for end, w in vocab["doc_words"].items() if plan.title.rstrip(")").split("(")[0].endswith(end)),
                    "措施")
    cite = "".join(rng.choice(vocab["preamble_cites"]).replace("{ref}", doc.cite(r)) for r in preamble_refs)
    lines.append(rng.choice(vocab["preambles"]).format(cite=cite, all=words["all"], this=words["this"], doc=doc_word))

    shape = _weighted(rng, vocab["clause_layouts"])
    lines += _body(doc, shape, clause_refs)
    years = rng.choice([2, 3, 5])
    lines.append(rng.choice(vocab["closings"]).format(
        doc=doc_word, ymd=date_text(plan.issued + timedelta(days=rng.randint(0, 30)), date_form), n=years,
        ey=plan.issued.year + years, this=words["this"]))
    if rng.random() < 0.4:
        lines.append(rng.choice(vocab["extras"]))
    if not cover and rng.random() < 0.7:
        lines += [plan.issuer, written]
        has_date = has_issuer = True
    if rng.random() < 0.2 * vocab["unit_layouts"]["table"] / 10:
        lines += _table(doc, plan.title)

    text = ("\n\n" if rng.random() < 0.4 else "\n").join(lines) + "\n"
    text = set_width(text, full)
    traditional = rng.random() < 0.2
    expected = text
    if traditional:
        text = to_traditional(text)
        expected = to_simplified_chars(text)
        if rng.random() < 0.5:
            text = add_pinyin_debris(rng, text, vocab["pinyin"], 0.3)
    _set_anchors(doc, expected)
    encoding = "gb18030" if rng.random() < 0.3 else ("utf-8-sig" if rng.random() < 0.2 else "utf-8")
    crlf = rng.random() < 0.15
    truth: dict[str, Any] = {
        "source": plan.name + ".txt",
        "split": "synthetic-independent",
        "title": set_width(plan.title, full),
        "doc_number": set_width(plan.doc_number, full) if has_number and plan.doc_number else None,
        "date": plan.issued.isoformat() if has_date else None,
        "region": place.name,
        "province": place.province,
        "level": place.level,
        "issued": plan.issued.isoformat(),
        "encoding": encoding,
        "script": "traditional" if traditional else "simplified",
        "line_ending": "crlf" if crlf else "lf",
        "clause_layout": shape,
        "clauses": doc.clauses,
        "instruments": doc.instruments,
        "citations": [{k: set_width(v, full) for k, v in c.items()} for c in doc.citations],
        "cited_sources": [plans[j].name + ".txt" for j in plan.cites],
    }
    if has_issuer:
        truth["issuer"] = plan.issuer
    return encode(text, encoding, crlf), truth


def write_policies(n: int, seed: int) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
    """(file stem, file bytes, truth) of each of ``n`` policies; the same ``n`` and ``seed``
    give the same bytes."""
    vocab = load_vocab()
    plans = _plan(n, seed, vocab)
    for plan in plans:
        payload, truth = _write(plan, plans, seed, vocab)
        yield plan.name, payload, truth
