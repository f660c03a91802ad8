"""Policy instruments in a provision: what incentive, how much, for whom.

``InstrumentExtractor.find(text, offset)`` reads one provision (normalised text) and
returns ``records.Instrument`` objects.  The vocabulary (instrument types, their
Rothwell–Zegveld category, trigger words, cue words) is ``loaders/data/instruments.json``.

How a provision is read:

1. The text is cut into *segments* at 。;!? and line ends, and each segment into
   *clauses* at commas.  ``(责任单位:…)`` brackets and 《titles》 are blanked first.
2. Every number is found (``quantities.find_quantities``) and given a role:
   ``rate`` (8%, 70%—99%, 0.5倍), ``cap`` (最高/不超过 money), ``amount`` (money given),
   ``fund`` (基金规模1亿元以上), ``threshold`` (a condition: 累计50万元以上的,
   合同金额不低于10万元, 贷款达到2亿元以上的) or nothing.  A number is an incentive
   number only when its clause holds an incentive cue — a grant verb (给予, 予以, 授予…)
   whose phrase contains it, a quantifiable trigger (奖励, 补助, 贴息, 所有权…) or a
   support word with money (给予…1000万元支持).  Targets (达到, 增长, 覆盖率…), budget
   shares (预算…予以安排), a baseline (在现有…基金的基础上), one budget's share of another
   government's grants (市财政对区县补助资金给予50%补助), counts and durations are never
   incentive numbers.
3. Numbers are grouped into instruments in text order: a rate opens an instrument,
   the caps after it join it (the first is ``cap_yuan``, all go to ``caps`` with their
   scope), a second rate opens a new one (其中对技术经纪人的奖励不低于30%), a rate cap
   on a total (累计奖补总额不超过投资总额的50%) joins as a cap.  Thresholds join the
   instrument of their segment, or every earlier one when a segment only states a
   condition (以上奖励单个项目合同金额不低于10万元).
4. The beneficiary of an instrument is read at its first number: the recipient after a
   grant verb in the same clause (给予其管理机构), else the head of the nearest
   ``对…的X`` phrase of the segment, else the nearest beneficiary in the segment, else
   the type's default from the data file.
5. Triggers without numbers (税收优惠, 创新券, 首用…) give unquantified instruments,
   one per type and provision, so the graph knows the tool is used.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .beneficiaries import BeneficiaryMatch, BeneficiaryVocabulary
from .gazetteer import Gazetteer
from .quantities import Quantity, find_quantities
from .records import Instrument
from .responsibility import blank_spans, responsibility_spans
from .vocabulary_files import read_vocabulary
from .word_patterns import literal_alternation, optional_pattern, required_char, scanning_pattern

__all__ = ["DEFAULT_PATH", "InstrumentExtractor", "InstrumentType", "InstrumentVocabulary"]

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "instruments.json"

# a doubled comma ends a sentence too: a copy whose full stops became ,, (…不超过30万元),,已清零企业…)
_SEGMENT_END = re.compile(r"[。;!?\n]|,,")
# a colon between two digits is a matching ratio (1:2), not the end of a clause; in a text
# that writes a thousands separator (1,000万元) the comma between a digit and three more ends
# no clause either (_CLAUSE_END_GROUPED, used only there: the plain form is the faster)
_CLAUSE_END = scanning_pattern(r"[,。;!?\n]|:(?!\s*\d)|(?<!\d):")
_CLAUSE_END_GROUPED = re.compile(r"[。;!?\n]|,(?!(?<=\d,)\d{3}(?!\d))|:(?!\s*\d)|(?<!\d):")
_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")
_TITLE = re.compile(r"《[^《》\n]{0,80}》")
# 对 as a preposition, not inside 对接 / 针对 / 相对 / 对外 …
_DUI = scanning_pattern(r"(?<![针相绝面应核比反配])对(?![接外于象标照应比称话手口齐])")
_DUI_END = re.compile(r"给予|予以|按照|按|,|;|。")
# a rate that a grant follows (…奖励金额的50%给予配套): the grant's own rate
# (…奖金的1:3、1:2给予配套: the rates listed before the grant too)
_GRANT_AFTER = re.compile(r"(?:\s*[、,，和及或]\s*(?:\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s*[:：]\s*\d+(?:\.\d+)?))*"
                          r"\s*(?:的\s*)?(?:比例\s*)?(?:[,，]\s*)?(?:给予|予以)")
_ROLE_NUMBER_KINDS = {"rate", "rate_range", "multiple", "money", "money_range"}
_REFERENCE = re.compile(r"以上|上述|前述|该")
# a clause opening on the grants above (以上奖励最高…, 上述各项补助累计不超过…): its cap limits them all
_ABOVE_ALL = re.compile(r"\s*(?:以上|上述|前述)(?:各项|所有)?(?:奖励|补助|补贴|资助|奖补|支持)")
_SINCE_END = re.compile(r"(?:满|(?<!不)超过|未|起满)\s*$")
_USE_RIGHT = re.compile(r"^\s*的?[^,;。]{0,8}使用权")
_TERM_END = re.compile(r"(?:期限|有效期|连续|最长|最多)\s*(?:为|不超过)?\s*$")
# 500万元以上的, 100万元部分: a sum a case starts from (按50万元的标准: the grant's own standard, no threshold)
_THRESHOLD_AFTER = re.compile(
    r"^\s*(?:\([^()]{0,12}\))?\s*(?:及|或)?(?:以上|以下|以内)?\s*(?:\([^()]{0,12}\))?\s*(?:的(?!\s*标准)|部分)")
# 按每家50万元的标准 / 按2万元/人的标准: a sum stated as the standard a grant is paid by
_STANDARD_AFTER = re.compile(r"^\s*(?:/[^\s,，;；。]{1,4})?\s*的?\s*标准")
_BY_BEFORE = re.compile(r"(?:按照?|以)[^,，;；。]{0,20}$")
# a clause stating only such a standard (按每家企业50万元的标准,): the grant after it, and its cap, are its
_STANDARD_CLAUSE = re.compile(r"\s*(?:按照?|以)[^,，;；。给]{0,20}元\s*(?:/[^\s,，;；。]{1,4})?\s*的?\s*标准\s*[,，]?\s*$")
# 团队最高600万元、个人最高500万元: after a cap, another recipient and its own cap word
_CAP_OF_ANOTHER = re.compile(r"\s*、\s*[\u4e00-\u9fff]{1,8}?(?:最高|不超过|最多)\s*$")
# a line ends a sentence when it ends with one of these, or when the next one opens a numbered item
_HARD_END = "。;!?:"
_ITEM_START = re.compile(r"(?:[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十\d]+[)]|\d+[.、]|"
                         r"第[一二三四五六七八九十百]+[条章节]|[①-⑳]|附件|[-•·●▪◆■]\s)")
# (the last: a bulleted list's item, "- 甲奖:30万元" on a line of its own)
_WHITESPACE = re.compile(r"\s+")
_LIST_LEAD = re.compile(r"[^,,;。]{1,30}[:：]")  # a short line leading a list (其他资助:): a sentence of its own
_HEADING_MAX = 30
_OPEN_ENDS = ("的", "和", "及", "与")  # a short line ending so runs on into the next one: no heading
# a short line with a sentence's end inside it (…做强做大。对主营业务收入) opens the next sentence
# there and runs on into the next line: no heading
_SENTENCE_INSIDE = re.compile(r"[。;!?]")
_BRACKET_CAP_CHARS = 14  # how far before its figure a recipient's bracketed cap opens
_ELLIPSIS_SUBJECT = 6
_CONTINUES = re.compile(r"\s*(?:其中|具体为|具体标准为|标准为|分别为)")
_BASIS_CLAUSE = re.compile(r"\s*(?:[^,;。]{0,20}?)按照?")
_ELLIPSIS_TAIL = re.compile(r"[\s,;。、]+")
_CAP_LIST = re.compile(r"(?:万元|亿元|元|万|亿)\s*(?:、|以及|和|及|或)\s*$")
_CAP_WORD = re.compile(r"最高|不超过|不高于")  # the word that makes a figure a cap, after a grant verb
# 5%、20% / 投资的5%或研发投入10%: rates listed one after the other, or as alternatives on two bases
_LISTED_RATE = re.compile(r"%\s*(?:、|或者|或|和|及)\s*[^,，;；。%给\d]{0,20}\d")
# 其中,…的部分按不超过5%计算: the rate of a step of a grant whose ratio the sentence before left open
_TIER_RATE_BEFORE = re.compile(r"按照?\s*(?:不超过|不高于|最高)?\s*$")
_TIER_RATE_AFTER = re.compile(r"\s*(?:的比例)?\s*(?:计算|计|核定|核算|测算)")
_OPEN_RATIO = re.compile(r"(?:一定|相应)比例")
# …最高不超过2万元、涉外维权最高不超过10万元: a cap listed after a cap, a case named between them
_CASE_CAP_LISTED = re.compile(r"(?:万元|亿元|元)\s*、\s*(?P<case>[\u4e00-\u9fff()]{2,10}?)\s*"
                              r"(?:最高|不超过|不高于)[\u4e00-\u9fff]{0,4}$")
_ELLIPSIS_NOT = re.compile(r"达到|超过|高于|低于|不足|少于|累计|以上|不低于|规模|总额|总计|合计|共计|预算|安排|投资|收入|额")
_TOTAL = re.compile(r"总额|累计|总计|合计")
_REWARD = re.compile(r"奖励")
_RATIO_TEXT = re.compile(r"[:∶比]")
_SPLIT_AFTER_WINDOW = 30  # 8:2比例进行担保本金代偿损失分担: the words up to 分担 after a ratio
_RATIO_AFTER_VERB = re.compile(r"(?:给予|予以)\s*$")  # 给予1:1配套奖励: a ratio right after the grant verb
_HEADING_PUNCT = re.compile(r"[,，;；。!?、]")  # a card's heading is a name, no sentence or list
# a cap with one of these scopes limits all one recipient gets (每家单位每年, 累计): it closes a run
_RUN_SCOPES = frozenset({"per_entity_per_year", "per_year", "per_entity", "total"})
_YEARLY = frozenset({"per_entity_per_year", "per_year"})
# …的项目资助和20万元的安家补贴: a sum after 和/及/、 that the 的 of a grant follows is a grant joined
# to the one before it, no condition
_JOINED_GRANT_BEFORE = re.compile(r"(?:和|及|以及|、|并)\s*$")
# 每件, 每项, 每个产品 right before an amount (or its grant verb): the amount is granted per unit
_PER_UNIT_BEFORE = re.compile(r"每\s*(?:件|项|个|次|台|套|款|篇|部)[\u4e00-\u9fff]{0,4}?\s*(?:给予|奖励|资助|补助|补贴|奖补)?\s*$")
_ANY_FIGURE = re.compile(r"[\d%％]")
_CASE_END = re.compile(r"的\s*[,，]?\s*$")  # 科研院所投保的,: a clause naming a case


@dataclass
class InstrumentType:
    """One instrument type of the vocabulary."""

    code: str
    label: str
    category: str  # supply | environment | demand
    quantifiable: bool
    default_beneficiary: str | None
    triggers: list[str]
    refines: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)


@dataclass
class _Trigger:
    code: str
    start: int
    end: int


class InstrumentVocabulary:
    """Instrument types, triggers and cue words; build with ``InstrumentVocabulary.load``."""

    def __init__(self, data: dict[str, Any], source: str = "<dict>") -> None:
        types = data.get("types")
        if not isinstance(types, list) or not types:
            raise ValueError(f"{source}: expected a non-empty 'types' list of instrument types")
        self.types: dict[str, InstrumentType] = {}
        literal: dict[str, str] = {}
        patterns: list[tuple[str, re.Pattern[str], str | None]] = []  # with a character every match holds
        self._exclude: list[str] = []
        for entry in types:
            try:
                t = InstrumentType(
                    code=entry["code"], label=entry.get("label", entry["code"]), category=entry["category"],
                    quantifiable=bool(entry.get("quantifiable", False)),
                    default_beneficiary=entry.get("default_beneficiary"),
                    triggers=list(entry.get("triggers", [])), refines=list(entry.get("refines", [])),
                    context=list(entry.get("context", [])))
            except KeyError as err:
                raise ValueError(f"{source}: instrument type {entry!r} lacks {err}; every type needs "
                                 "'code' and 'category' (supply, environment or demand)") from None
            if t.category not in ("supply", "environment", "demand"):
                raise ValueError(f"{source}: type {t.code!r} has category {t.category!r}; "
                                 "use supply, environment or demand")
            self.types[t.code] = t
            for word in t.triggers:
                literal.setdefault(word, t.code)
            for pat in entry.get("trigger_patterns", []):
                patterns.append((t.code, re.compile(pat), required_char(pat)))
            self._exclude.extend(entry.get("trigger_exclude", []))
        generic = data.get("generic_support", {})
        self.generic_type: str = generic.get("type", "subsidy")
        self.generic_words: list[str] = list(generic.get("words", []))
        self.grant_verbs: list[str] = list(data.get("grant_verbs", ["给予", "予以"]))
        self.scopes: list[tuple[str, re.Pattern[str]]] = [
            (s["scope"], re.compile("|".join(s["patterns"]))) for s in data.get("scopes", [])]
        self.bases: list[str] = sorted(data.get("bases", []), key=len, reverse=True)
        self.target_cues = re.compile(data.get("target_cues", r"(?:达到|增长)\s*$"))
        self.threshold_cues = re.compile(data.get("threshold_cues", r"(?:累计|达到)\s*$"))
        self.condition_before = re.compile(data.get("condition_before") or "(?!)")
        self.condition_object_after = re.compile(data.get("condition_object_after") or "(?!)")
        self.award_amount_before = optional_pattern(data, "award_amount_before")
        self.listed_threshold_before = optional_pattern(data, "listed_threshold_before")
        self.listed_threshold_after = optional_pattern(data, "listed_threshold_after")
        self.unit_grant_clause = optional_pattern(data, "unit_grant_clause")
        self.fund_size_cues = re.compile(data.get("fund_size_cues", r"规模\s*$"))
        self.goal_opening = optional_pattern(data, "goal_opening")
        self.budget_cues: list[str] = list(data.get("budget_cues", []))
        self.budget_review = re.compile(literal_alternation(data["budget_review"])) if data.get("budget_review") \
            else None
        self.baseline = optional_pattern(data, "baseline")
        self.years_total_before = re.compile(data.get("years_total_before", "(?!)"))
        instalments = data.get("instalments", {})
        self.instalment_opening = re.compile(instalments.get("opening", r"(?!)"))
        self.instalment_split_before = re.compile(instalments.get("split_before", r"(?!)"))
        self.unit_price_after = re.compile(data.get("unit_price_after", {}).get("pattern", r"(?!)"))
        self.unit_price_before = re.compile(data.get("unit_price_before", {}).get("pattern", r"(?!)"))
        self.loan_size_before = re.compile(data.get("loan_size_before", {}).get("pattern", r"(?!)"))
        self.loan_size_named = re.compile(data.get("loan_size_before", {}).get("named", r"(?!)"))
        split = data.get("cost_split", {})
        self.cost_split_before = re.compile(split.get("before", r"(?!)"))
        self.cost_split_after = re.compile(split.get("after", r"(?!)"))
        self.cost_split_each_before = re.compile(split.get("each_before", r"(?!)"))
        self.cost_split_share_before = re.compile(split.get("share_before", r"(?!)"))
        self.cost_split_transfer_before = re.compile(split.get("transfer_before", r"(?!)"))
        self.case_opening = re.compile(data.get("case_opening", {}).get("pattern", r"(?!)"))
        self.class_opening = re.compile(data.get("class_opening", {}).get("pattern", r"(?!)"))
        self.rate_named_before = re.compile(data.get("rate_named_before", {}).get("pattern", r"(?!)"))
        self.rate_standard_before = re.compile(data.get("rate_named_before", {}).get("standard_pattern", r"(?!)"))
        self.capped_rate = re.compile(data.get("rate_named_before", {}).get("capped_rate", r"(?!)"))
        self.not_a_rate_before = re.compile(data.get("not_a_rate_before", {}).get("pattern", r"(?!)"))
        self.programme_total_before = re.compile(data.get("programme_total_before", {}).get("pattern", r"(?!)"))
        self.share_of_award_before = re.compile(data.get("share_of_award_before", {}).get("pattern", r"(?!)"))
        self.share_of_funds_used_before = re.compile(data.get("share_of_funds_used_before", {}).get("pattern", r"(?!)"))
        self.level_share_before = re.compile(data.get("level_share_before", {}).get("pattern", r"(?!)"))
        self.joined_recipient_before = re.compile(data.get("joined_recipient_before", {}).get("pattern", r"(?!)"))
        self.share_of_budget_before = re.compile(data.get("share_of_budget_before", {}).get("pattern", r"(?!)"))
        self.cost_item_share_before = re.compile(data.get("cost_item_share_before", {}).get("pattern", r"(?!)"))
        self.rate_condition_before = re.compile(data.get("rate_condition_before", {}).get("pattern", r"(?!)"))
        whole = data.get("share_of_whole_after", {})
        self.share_of_whole_after = re.compile(whole.get("pattern", r"(?!)"))
        self.share_of_whole_not_before = re.compile(whole.get("not_before", r"(?!)"))
        news = data.get("news_wrapper", {})
        datelines = literal_alternation(news.get("datelines", []))
        self.news_dateline = re.compile(rf"\s*(?:{datelines})") if news.get("datelines") else None
        self.news_headline = re.compile(news["headline"]) if news.get("headline") else None
        self.worked_example = re.compile(data.get("worked_example", {}).get("pattern", r"(?!)"))
        self.budget_line = re.compile(data.get("budget_line", {}).get("pattern", r"(?!)"))
        card = data.get("award_card") or {}
        self.card_body = re.compile(card["body"]) if card.get("body") else None
        self.card_type: str = card.get("type", self.generic_type)
        self.card_heading_max: int = int(card.get("heading_max_chars", 24))
        self.card_heading_not = re.compile(card.get("heading_not", r"(?!)"))
        self._literal = literal
        self._trigger_re = re.compile(literal_alternation(literal)) if literal else None
        self._patterns = patterns
        self._generic_re = re.compile(literal_alternation(self.generic_words)) if self.generic_words else None
        self._verb_re = re.compile(literal_alternation(self.grant_verbs))
        quantifiable = [w for w, code in literal.items() if self.types[code].quantifiable]
        self.amount_after = re.compile(
            "(?:" + literal_alternation(quantifiable) + r")" + data.get("amount_after_trigger", r"(?:经费|资金)?\s*$"))
        # 每年最高补助100万元, 单个项目最高补助额不超过300万元: a cap its clause names with the
        # grant's own word, no total (累计)
        self.cap_with_trigger = re.compile(
            r"(?:最高|不超过)\s*(?:" + literal_alternation(quantifiable)
            + r")(?:金额|资金|经费|额度|额)?\s*(?:为|不超过|不高于)?\s*$")
        # 不超过500万元的补助: the 的 of a cap before the grant it limits, not of a condition (…以上的)
        self.grant_object_after = re.compile(
            r"^\s*(?:\([^()]{0,12}\))?\s*的\s*(?!部分)[^\s,;。!?的]{0,4}?(?:"
            + literal_alternation(quantifiable + self.generic_words) + ")")

    @classmethod
    def load(cls, path: str | Path | None = None) -> InstrumentVocabulary:
        """Read an instrument vocabulary file (default ``loaders/data/instruments.json``)."""
        data, p = read_vocabulary(path, DEFAULT_PATH, "instrument vocabulary")
        return cls(data, str(p))

    def trigger_words(self) -> list[str]:
        """Every literal trigger word and support word (for tokenizer dictionaries)."""
        return sorted(set(self._literal) | set(self.generic_words))

    def takes_a_figure(self, code: str) -> bool:
        """Whether a trigger of type ``code`` is one a granted figure belongs to: the generic
        support word (支持, 扶持) or a quantifiable type (奖励, 补助)."""
        return code == self.generic_type or self.types[code].quantifiable

    def triggers(self, text: str) -> list[_Trigger]:
        """Trigger occurrences in ``text``, leftmost-longest, literal words before patterns."""
        found: list[_Trigger] = []
        if self._trigger_re is not None:
            literal = self._literal
            found = [_Trigger(literal[m.group(0)], m.start(), m.end()) for m in self._trigger_re.finditer(text)]
        # the literal words found do not overlap and come in order: their ends ascend too
        starts = [t.start for t in found]
        ends = [t.end for t in found]
        exclude = tuple(self._exclude)
        for code, pat, needed in self._patterns:
            if needed is not None and needed not in text:
                continue  # no match to find: not scanned
            for m in pat.finditer(text):
                s, e = m.start(), m.end()
                k = bisect_left(starts, e)  # the literal words starting before this match ends
                if (s < e and k and ends[k - 1] > s) or m.group(0).endswith(exclude):
                    continue  # inside a literal word, or an excluded form
                found.append(_Trigger(code, s, e))
        found.sort(key=lambda t: t.start)
        return found

    def generic(self, text: str) -> list[_Trigger]:
        """Support words (支持, 扶持) that count as an incentive only next to money or a rate."""
        if self._generic_re is None:
            return []
        return [_Trigger(self.generic_type, m.start(), m.end()) for m in self._generic_re.finditer(text)]

    def verbs(self, text: str) -> list[tuple[int, int]]:
        """Grant verb occurrences (给予, 予以, …) as ranges."""
        return [(m.start(), m.end()) for m in self._verb_re.finditer(text)]

    def has_verb(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether ``text[start:end]`` holds a grant verb: ``bool(verbs(text[start:end]))``
        without cutting the text (the verbs are plain words, read the same inside a range)."""
        return self._verb_re.search(text, start, len(text) if end is None else end) is not None


@lru_cache(maxsize=1)
def _default_vocabulary() -> InstrumentVocabulary:
    return InstrumentVocabulary.load()


@dataclass
class _Number:
    q: Quantity
    role: str  # rate | cap | amount | fund | threshold | duration
    clause: tuple[int, int]
    in_grant: tuple[int, int, str | None] | None  # the grant phrase holding it, with its trigger type
    card: bool = False  # a sum of an award card (国家级50万元、省级30万元): an amount of its own


@dataclass
class _Draft:
    ins: Instrument
    anchor: int  # position of the first number, for type and beneficiary
    anchor_role: str
    segment: tuple[int, int]
    clause: tuple[int, int]
    clauses: set[tuple[int, int]] = field(default_factory=set)  # every clause holding one of its numbers
    cap_clause: tuple[int, int] | None = None  # the clause of its first money cap
    detailed: bool = False  # a grant of a ratio left open whose rates the sentence after it states


class InstrumentExtractor:
    """Finds instruments in provisions; create once and reuse (vocabularies are read once)."""

    def __init__(self, vocab: InstrumentVocabulary | None = None,
                 beneficiaries: BeneficiaryVocabulary | None = None) -> None:
        self.vocab = vocab or _default_vocabulary()
        self.beneficiaries = beneficiaries or BeneficiaryVocabulary.load()

    # ----------------------------------------------------------------- public
    def find(self, text: str, offset: int = 0) -> list[Instrument]:
        """Instruments of one provision; ``start``/``end`` are ``offset`` + position in ``text``.

        Lines wrapped inside a sentence (PDF and web layouts) are read joined, and spaces
        inside words and numbers (最高不超 过 20 万元) are read past.
        """
        joined, where = join_wrapped_lines(text)
        result = self._find(joined)
        for ins in result:
            if ins.start is not None:
                start, end = ins.start, ins.end or ins.start
                if where is not None:
                    start = where[start] if start < len(where) else len(text)
                    end = where[end - 1] + 1 if 0 < end <= len(where) else start
                ins.text = text[start:end].strip()
                ins.start = start + offset
                ins.end = end + offset
        return result

    def _find(self, text: str) -> list[Instrument]:
        work = self._mask(text)
        quantities = find_quantities(work)
        found = self.vocab.triggers(work)
        if not quantities and not found:
            return []  # an instrument holds a number or a trigger word: none to read
        bens = self.beneficiaries.matches(work)
        triggers = [t for t in found if not _strictly_inside(t, bens)]
        generic = self.vocab.generic(work)
        drafts: list[_Draft] = []
        carry: list[float] = []  # thresholds stated before the instrument they condition
        cuts = _Cuts(work)
        # 发放考察支持。个人最高2万元,团队最高10万元;…: sentences of caps detailing a grant
        # stated without a figure just before them
        details = False
        card_open = False  # the segment before was a card of awards (科技奖:国家级50万元、省级30万元;)
        for seg in cuts.segments:
            card_from = self._card_from(work, seg, card_open)
            card_open = card_from is not None
            seg_drafts = self._quantified(work, seg, quantities, triggers, generic, bens, drafts, carry, cuts,
                                          details, card_from)
            drafts.extend(seg_drafts)
            if not seg_drafts:
                details = not any(seg[0] <= q.start < seg[1] for q in quantities) and (
                    self.vocab.has_verb(work, seg[0], seg[1])
                    or any(seg[0] <= t.start < seg[1] and self.vocab.types[t.code].quantifiable for t in triggers)
                    or any(seg[0] <= g.start < seg[1] for g in generic))
            else:
                details = details and all(d.ins.cap_yuan is not None and not _is_rated(d.ins)
                                          and d.ins.amount_yuan is None for d in seg_drafts)
        _share_caps_over_rates(work, drafts)
        _pair_listed_caps(drafts)
        for d in drafts:
            self._finish(work, d, triggers, generic, bens, cuts)
        result = [d.ins for d in drafts if not d.detailed]
        result.extend(self._unquantified(work, triggers, bens, quantities, drafts, cuts))
        result.sort(key=lambda i: i.start or 0)
        return result

    # --------------------------------------------------------------- helpers
    def _is_heading(self, work: str, seg: tuple[int, int], last: bool) -> bool:
        """A segment that is a line of its own, short, without a comma or a full stop: a heading
        (奖励对象及范围). Alone in its provision it must also be shorter and hold no grant verb."""
        body = work[seg[0]:seg[1]].strip()
        if not body or body[-1] in "。;!?" or any(c in body for c in ",,;:") or len(body) > _HEADING_MAX:
            return False
        if last:
            return len(body) <= _HEADING_MAX // 2 and not self.vocab.has_verb(body)
        return work[seg[1] - 1] == "\n"

    def _news_lines(self, text: str) -> list[tuple[int, int]]:
        """Lines that retell or illustrate a policy and grant nothing: news around it (a headline,
        a lead paragraph opened by a dateline), worked examples (示例:某企业获…) and the items of
        an organ's own budget (人员经费:74.31万元)."""
        v = self.vocab
        out = []
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            headline = v.news_headline.match(line.strip()) if v.news_headline is not None else None
            if (v.news_dateline is not None and v.news_dateline.match(line)) or (
                    headline is not None and _is_place(headline.group("place"))) or v.worked_example.match(line) \
                    or v.budget_line.match(line):
                out.append((start, end))
            start = end + 1
        return out

    def _mask(self, text: str) -> str:
        spans = responsibility_spans(text) + [(m.start(), m.end()) for m in _TITLE.finditer(text)]
        spans += self._news_lines(text)
        return blank_spans(text, spans)

    def _grant_phrases(self, work: str, clause: tuple[int, int], triggers: list[_Trigger],
                       generic: list[_Trigger]) -> list[tuple[int, int, str | None]]:
        """Ranges from a grant verb to the first trigger after it in the clause, with that trigger's type."""
        out: list[tuple[int, int, str | None]] = []
        body = work[clause[0]:clause[1]]
        for vs, ve in self.vocab.verbs(body):
            vs, ve = vs + clause[0], ve + clause[0]
            after = [t for t in triggers + generic if ve <= t.start < clause[1]
                     and self.vocab.takes_a_figure(t.code)]
            after = after or [t for t in triggers if ve <= t.start < clause[1]]
            if after:
                first = min(after, key=lambda t: (t.start, -(t.end - t.start)))
                out.append((vs, first.end, first.code))
            else:
                out.append((vs, clause[1], None))
        return out

    def _yearly_cap_of_unit_amount(self, work: str, current: _Draft, clause: tuple[int, int], q: Quantity) -> bool:
        """Whether a cap on what one recipient gets in a year (单个企业年度资助总额不超过50万元)
        follows an amount granted per unit (每件5000元, 每项奖励10万元): the yearly sum of those
        amounts is what it limits, so it caps that amount, though it names a 总额."""
        return self._scope(work[clause[0]:q.start]) == "per_entity_per_year" \
            and _PER_UNIT_BEFORE.search(work, max(current.clause[0], current.anchor - 8), current.anchor) is not None

    def _role(self, work: str, q: Quantity, clause: tuple[int, int], seg: tuple[int, int],
              grant: tuple[int, int, str | None] | None, clause_has_trigger: bool,
              seg_has_fund: bool) -> str | None:
        v = self.vocab
        prefix = work[clause[0]:q.start]
        after = work[q.end:q.end + 16]
        clause_text = work[clause[0]:clause[1]]
        if any(c in clause_text for c in v.budget_cues) and self._budgets(clause_text):
            return None
        if q.kind == "years":
            if _SINCE_END.search(prefix[-3:]):
                return None
            if q.qualifier == "at_most" or _USE_RIGHT.match(after) or _TERM_END.search(prefix):
                return "duration"
            return None
        if q.kind not in _ROLE_NUMBER_KINDS:
            return None
        if self._in_baseline(work, q, clause):
            return None  # 在目前设立的4亿元基金的基础上: the state a provision sets out from, no grant
        if q.kind in ("money", "money_range"):
            if v.unit_price_after.match(after) or v.unit_price_before.search(prefix[-16:]):
                return None  # 单价不超过80元/平方米/月, 每月每平方米最高20元: a price standard, not the grant's figure
            if v.loan_size_before.search(prefix[-12:]) or self._after_loan_size(work, seg, q):
                return None  # 单户贷款额度最高1000万元: the size of a loan a bank lends, no grant
            if v.programme_total_before.search(prefix[-24:]):
                return None  # 本项目每年资助总额不超过300万元: what the programme may spend, no one's grant
            if v.level_share_before.search(work, max(seg[0], q.start - 48), q.start):
                return None  # 给予30万元的奖补,其中市本级给予15万元: one level's part of the total granted
            if v.goal_opening.search(work, seg[0], q.start) and v.target_cues.search(prefix[-8:]):
                return None  # 力争到2030年,基金规模达2万亿元: a goal's figure, no fund's size
            if v.fund_size_cues.search(prefix[-8:]) and seg_has_fund:
                return "fund"
            if v.listed_threshold_before.search(prefix[-60:]) \
                    and v.listed_threshold_after.match(work, q.end, q.end + 60):
                return "threshold"  # 达到500万元、1000万元、3000万元的: each figure of a list of thresholds
            if grant is None and _THRESHOLD_AFTER.match(after) and not (
                    (q.qualifier == "max" or (clause_has_trigger and _JOINED_GRANT_BEFORE.search(prefix[-3:])))
                    and v.grant_object_after.match(after)):
                return "threshold"
            if v.condition_before.search(prefix[-16:]) \
                    and v.condition_object_after.match(work[q.end:q.end + _CONDITION_WINDOW]):
                return "threshold"  # 营业收入不超过5000万元的企业: a figure of the applicant's own, no cap
            if q.qualifier not in ("max", "at_most", "at_least") and _STANDARD_AFTER.match(after) \
                    and _BY_BEFORE.search(prefix):
                return "amount"  # 按每家企业50万元的标准,给予…: the sum granted for each, a standard
            if q.qualifier == "max" or (q.qualifier == "at_most" and grant is not None):
                return "cap"  # 最高50万元, 给予100万元以内的资助: the grant's upper limit
            if grant is not None:
                return "amount"
            if q.qualifier != "at_least" and (
                    v.amount_after.search(prefix[-10:])
                    or v.award_amount_before.search(work, max(seg[0], q.start - 10), q.start)):
                # 再补助经费1万元, 奖励5万元, 支持金额50万元, 奖补额度:50万元: the number granted
                # (争取…奖补资金200万元以上, no grant verb: a sum to be won, no grant)
                return "amount"
            if v.target_cues.search(prefix[-8:]):
                return None
            if q.qualifier in ("at_least", "min") or v.threshold_cues.search(prefix[-12:]):
                return "threshold"
            return "amount" if clause_has_trigger else None
        # rates, ranges, multiples
        if self._cost_split(work, q, clause):
            return None  # 省、市按1:1比例…给予资助: how two levels of government share the cost
        if _unbased_ratio(work, q, clause):
            return None  # 给予1:1配套奖励: matches a grant it does not name, no rate of a basis
        if v.target_cues.search(prefix[-8:]) or (q.kind == "multiple" and v.not_a_rate_before.search(prefix[-16:])):
            return None
        if q.kind in ("rate", "rate_range") and v.share_of_award_before.search(prefix[-30:]) \
                and not _GRANT_AFTER.match(work, q.end, q.end + 40):
            return None  # 奖励总额的70%, 奖励资金的50%、40%: a share of an award, not one of its own
        if q.kind in ("rate", "rate_range") \
                and v.share_of_funds_used_before.search(work, max(seg[0], q.start - 100), q.start):
            return None  # 奖补资金…其中用于人员激励的应不少于60%: how a grant is spent, no incentive
        if q.kind == "rate" and v.share_of_budget_before.search(prefix[-12:]) \
                and not _GRANT_AFTER.match(work, q.end, q.end + 40):
            return None  # 不低于省级科技专项资金的25%: a share of a budget, not an incentive
        if q.kind in ("rate", "rate_range") and v.cost_item_share_before.search(prefix[-40:]):
            return None  # 劳务费比例提高到资助经费…的30%: how project funds may be spent, no incentive
        if q.kind == "rate" and v.rate_condition_before.search(prefix[-6:]) and _THRESHOLD_AFTER.match(after) \
                and not v.grant_object_after.match(after):
            return None  # 不足5%的按照实际利率…: the case set apart, a condition, no rate of its own
        if q.kind in ("rate", "rate_range") and v.share_of_whole_after.match(work, q.end, q.end + 12) \
                and not v.share_of_whole_not_before.search(prefix[-12:]):
            return None  # 科技奖80%以上奖励…的成果: the share of the awards some use gets, no rate of its own
        if grant is not None or clause_has_trigger:
            return "rate"
        if q.kind == "rate" and len(prefix.strip()) <= 6 and v.rate_named_before.search(work, seg[0], clause[0]):
            return "rate"  # 补助比例可适当放大,最高不超过20%: the ratio the clause before names
        if q.kind == "rate" and v.capped_rate.match(prefix) and v.rate_standard_before.search(work, seg[0], clause[0]):
            return "rate"  # 资助标准根据级别有所差异,一般不超过销售额的30%: the rate of the standard named before
        return None

    def _instalment(self, work: str, seg: tuple[int, int], clause: tuple[int, int]) -> bool:
        """Whether ``clause`` opens with a year or stage of payment (第一年给予…) after a grant its
        sentence split over years or stages (分三年共给予60万元奖励): its sum is an instalment."""
        return clause[0] > seg[0] and self.vocab.instalment_opening.match(work, clause[0]) is not None \
            and self.vocab.instalment_split_before.search(work, seg[0], clause[0]) is not None

    def _budgets(self, clause_text: str) -> bool:
        """Whether a clause holding a budget cue sets a budget aside (预算…予以安排), not only
        reviews an applicant's budget (进行预算评估后按…的30%给予支持)."""
        review = self.vocab.budget_review
        if review is None or review.search(clause_text) is None:
            return True
        rest = review.sub("", clause_text)
        return any(c in rest for c in self.vocab.budget_cues)

    def _quantified(self, work: str, seg: tuple[int, int], quantities: list[Quantity],
                    triggers: list[_Trigger], generic: list[_Trigger], bens: list[BeneficiaryMatch], earlier: list[_Draft],
                    carry: list[float], cuts: _Cuts, details: bool = False,
                    card_from: int | None = None) -> list[_Draft]:
        v = self.vocab
        seg_q = [q for q in quantities if seg[0] <= q.start < seg[1]]
        if not seg_q:
            return []
        seg_triggers = [t for t in triggers if seg[0] <= t.start < seg[1]]
        seg_has_fund = any(t.code in ("fund", "special_fund") for t in seg_triggers)
        seg_has_cue = card_from is not None or any(v.types[t.code].quantifiable for t in seg_triggers) \
            or v.has_verb(work, seg[0], seg[1]) or any(seg[0] <= g.start < seg[1] for g in generic)
        dui = self._dui_phrases(work, seg, cuts)
        numbers: list[_Number] = []
        seg_clauses = cuts.clauses(seg)
        # 给予奖励。其中国家级100万元,省级50万元: the sentence details the grant before it
        continues = details or (bool(_CONTINUES.match(work, seg[0]))
                                and (bool(earlier) or v.has_verb(work, 0, seg[0])))
        for ci, clause in enumerate(seg_clauses):
            grants = self._grant_phrases(work, clause, triggers, generic)
            clause_triggers = [t for t in seg_triggers if clause[0] <= t.start < clause[1]
                               and v.types[t.code].quantifiable]
            clause_generic = [g for g in generic if clause[0] <= g.start < clause[1]]
            for q in seg_q:
                if not clause[0] <= q.start < clause[1]:
                    continue
                if q.kind == "money" and v.years_total_before.search(work, max(seg[0], q.start - 12), q.start):
                    continue  # 每年补助10万元,补助三年,共30万元: the total of a yearly grant, no grant of its own
                if q.kind == "money" and self._instalment(work, seg, clause):
                    continue  # 分三年共给予60万元奖励,第一年给予30万元: a part of the grant before, paid that year
                grant = next((g for g in grants if g[0] <= q.start and q.end <= g[1]), None)
                has_trigger = bool(clause_triggers) or (bool(clause_generic) and q.kind != "count")
                role = self._role(work, q, clause, seg, grant, has_trigger, seg_has_fund)
                card = role is None and card_from is not None and q.start >= card_from \
                    and q.kind == "money" and q.qualifier == "exact"
                if card:
                    role = "amount"  # 科技奖:国家级50万元、省级30万元: each sum of the card is granted
                if role is None and self._unit_grant(work, q, clause) and (
                        v.has_verb(work) or any(v.types[t.code].quantifiable for t in triggers)):
                    role = "amount"  # 每孵化或引进国家高新技术企业5万元: the sum granted for each
                    seg_has_cue = True
                if role is None and q.kind in ("rate", "rate_range") and _BASIS_CLAUSE.match(work, clause[0]) \
                        and not self._cost_split(work, q, clause) and ci + 1 < len(seg_clauses) \
                        and self._grants_in(work, seg_clauses[ci + 1], seg_triggers, generic):
                    # 按照实际投入的30%,给予最高2000万元的资金支持 / 按其投资额的15%,最高50万元补助
                    role = "rate"
                if role is None and q.kind == "rate" and ci > 0 and any(n.role == "rate" for n in numbers) \
                        and v.joined_recipient_before.match(work[clause[0]:q.start]) \
                        and v.has_verb(work, seg[0], clause[0]):
                    # 给予供给方5%,最高200万元和受让方10%,最高400万元的资助: the grant's rate for the
                    # second recipient, joined to the first's cap
                    role = "rate"
                if role is None and continues and q.kind in ("rate", "rate_range") \
                        and _TIER_RATE_BEFORE.search(work, clause[0], q.start) and _TIER_RATE_AFTER.match(work, q.end):
                    role = "rate"  # 给予一定比例的奖励,最高500万元。其中,…的部分按不超过5%计算: a step's rate
                if role is None and _elliptical(work, q, clause) and (
                        any(n.role in ("amount", "cap") for n in numbers) or (seg_has_cue and not numbers)
                        or continues):
                    # 给予…100万元奖励,省级50万元 / 给予运行经费支持,每年20万元
                    role = "cap" if q.qualifier == "max" else "amount"
                if role == "duration" and any(d[0] <= q.start < d[1] for d in dui):
                    role = None  # a condition of who qualifies (满2年且5年内…的基金), not a duration
                if role:
                    numbers.append(_Number(q, role, clause, grant, card))
        drafts: list[_Draft] = []
        current: _Draft | None = None
        pending: list[float] = []
        durations: list[float] = []

        def new(n: _Number) -> _Draft:
            d = _Draft(Instrument(type="", category="", beneficiary=None, start=seg[0], end=seg[1]),
                       n.q.start, n.role, seg, n.clause)
            d.clauses.add(n.clause)
            drafts.append(d)
            return d

        for k_n, n in enumerate(numbers):
            q = n.q
            if n.role == "duration":
                durations.append(q.value or 0)
                continue
            if n.role == "threshold":
                value = q.value if q.value is not None else q.min
                if current is not None and current.ins.threshold_yuan is None:
                    current.ins.threshold_yuan = value
                else:
                    pending.append(value or 0)
                continue
            if n.role == "cap" and current is None and self._closes_run(work, n, seg, cuts, bens):
                run = _uncapped_run(earlier, None)
                if run:
                    # …按0.5%给予奖励;…按0.1%给予奖励。每家单位每年累计奖励金额不超过5万元。: a cap
                    # on all one recipient gets, in a sentence of its own, closes every figure before it
                    for d in run:
                        self._add_cap(work, d.ins, q, n.clause, d.clause[0])
                        d.clauses.add(n.clause)
                    continue
            if n.role in ("cap", "amount", "fund") and not seg_has_cue and not continues and current is None:
                # a cap stated on its own after an instrument (…给予奖励。单个企业最高100万元。)
                if n.role == "cap" and earlier and earlier[-1].ins.cap_yuan is None:
                    self._add_cap(work, earlier[-1].ins, q, n.clause, n.clause[0])
                continue
            if n.role == "rate":
                clause_text = work[n.clause[0]:q.start]
                if (current is not None and current.ins.rate is not None and q.qualifier == "max"
                        and _TOTAL.search(clause_text)):
                    scope = self._scope(work[n.clause[0]:q.start]) or "total"
                    current.ins.caps.append({"rate": _rate_value(q), "scope": scope,
                                             "basis": self._basis(work, q, n.clause)})
                    current.clauses.add(n.clause)
                    continue
                if current is None or current.ins.rate is not None or current.ins.rate_min is not None \
                        or current.clause != n.clause:
                    current = new(n)
                _set_rate(current.ins, q)
                current.ins.basis = self._basis(work, q, n.clause)
            elif n.role == "cap":
                if current is None or (current.ins.rate is None and current.ins.rate_min is None
                                       and _listed_after_cap(work, current.ins, q)):
                    current = new(n)  # 分别给予最高15万元、7万元: one cap for each case
                elif n.clause == current.clause and current.ins.cap_yuan is not None and not _is_rated(current.ins) \
                        and current.ins.amount_yuan is None and k_n \
                        and v.has_verb(work, numbers[k_n - 1].q.end, q.start):
                    # 甲类企业给予不超过20万元奖励、乙类企业给予不超过10万元奖励: a cap its own verb
                    # grants in the same clause is a grant of its own
                    current = new(n)
                elif n.clause == current.clause and current.ins.cap_yuan is not None and not _is_rated(current.ins) \
                        and current.ins.amount_yuan is None and k_n \
                        and _CAP_OF_ANOTHER.match(work, numbers[k_n - 1].q.end, q.start):
                    # 给予团队最高600万元、个人最高500万元资助: each recipient named before its own cap
                    current = new(n)
                elif current.ins.cap_yuan is not None and _bracketed_cap(work, q, bens):
                    # 年度补助总额最高300万元(高校院所最高150万元): the cap of another recipient
                    current = new(n)
                elif n.clause == current.cap_clause and _is_rated(current.ins) \
                        and (case := _CASE_CAP_LISTED.search(work, n.clause[0], q.start)) is not None \
                        and not _TOTAL.search(case.group("case")) and self._scope(case.group("case")) is None:
                    # 按20%给予补助,补助额度国内最高不超过2万元、涉外最高不超过10万元: one rate, a
                    # cap for each case the list names, each case an instrument with the rate
                    rated = current.ins
                    current = new(n)
                    _take_rate(current.ins, rated)
                elif n.clause != current.clause and (_is_rated(current.ins) or current.ins.amount_yuan is not None) \
                        and current.cap_clause is not None and current.cap_clause not in (current.clause, n.clause) \
                        and self._parallel_cap(work, current.cap_clause, n.clause, q):
                    # 按…给予10%的补助,甲类车间补助最高200万元,乙类工厂补助最高800万元 / 每1000万元
                    # 给予3万元奖励,现有企业最高奖励300万元,新引入企业最高奖励500万元: one rate (one
                    # sum per step), a cap for each case its own clause names, each case an instrument
                    granted = current.ins
                    current = new(n)
                    _take_rate(current.ins, granted)
                    if not _is_rated(granted):
                        current.ins.amount_yuan, current.ins.threshold_yuan = granted.amount_yuan, granted.threshold_yuan
                elif n.clause != current.clause and (_ABOVE_ALL.match(work, n.clause[0]) or (
                        current.ins.amount_yuan is not None and not _is_rated(current.ins)
                        and _TOTAL.search(work, n.clause[0], q.start)
                        and not self._yearly_cap_of_unit_amount(work, current, n.clause, q))):
                    # …奖励70万元,以上奖励最高100万元: one limit on all the grants above; 给予2万元奖补,
                    # 累计获得奖补不超过3万元: a limit on the sum of the grants, no cap of the amount
                    current = new(n)
                elif n.clause in (current.clause, current.cap_clause) and _is_rated(current.ins) \
                        and _listed_after_cap(work, current.ins, q):
                    # 按30%、最高100万元和200万元给予补助 / 按50%给予支持,最高分别不超过500万元和
                    # 300万元: one rate, a cap for each tier
                    rated = current.ins
                    current = new(n)
                    _take_rate(current.ins, rated)
                elif n.clause != current.clause and current.ins.cap_yuan is not None and not _is_rated(current.ins) \
                        and current.ins.amount_yuan is None and (
                            self._recipient_cap(work, q, n.clause, bens)
                            or any(current.clause[1] <= c[0] < n.clause[0] and v.case_opening.match(work, c[0])
                                   for c in seg_clauses)
                            or v.class_opening.match(work, n.clause[0]) is not None
                            or n.in_grant is not None or self._granted_cap(work, q, n.clause)
                            or self._worded_cap(work, q, n.clause)
                            or (current.ins.scope in _YEARLY and self._scope(work[n.clause[0]:q.start]) == "total")):
                    # 个人最高2万元,团队最高10万元: a cap for another recipient; …,被认定为示范
                    # 空间的,最高100万元 / A类最高200万元,B类最高160万元: a cap for another case or grade;
                    # 本年度…不超过100万元,累计…不超过300万元: a yearly and a cumulative limit, two instruments;
                    # …给予最高500万元补助,给予最高300万元补助: a grant of its own in its clause
                    current = new(n)
                elif n.clause != current.clause and current.ins.cap_yuan is None and current.anchor_role != "fund" \
                        and self._granted_cap(work, q, n.clause) and (
                            not _is_rated(current.ins) or self._granted_cap(work, None, current.clause)) \
                        and not _STANDARD_CLAUSE.match(work, current.clause[0], current.clause[1]):
                    # 分别给予一次性补助200万元和500万元,分别给予最高补助800万元和1000万元 / 按20%予以
                    # 补助,给予每个品种最高补助50万元: a cap its own clause grants, after an amount or a
                    # rate its clause grants, is a grant of its own, no limit of the one before
                    current = new(n)
                elif n.clause != current.clause and current.ins.cap_yuan is None and current.anchor_role != "fund" \
                        and self._scope(work[n.clause[0]:q.start]) in _RUN_SCOPES:
                    # 给予20万元基础奖励,超过部分按0.6‰给予奖励,单个机构每年奖励金额最高100万元: a cap
                    # on all one recipient gets a year closes the base and every step before it
                    # (a limit per recipient that names no year reaches no fixed award of the sentences
                    # before, 分别给予50万元、20万元奖补;…给予1:1配套奖励,每个企业最高不超过20万元: other
                    # cases of their own, while the rates of steps before it share it)
                    yearly = self._scope(work[n.clause[0]:q.start]) in _YEARLY
                    for d in _uncapped_run(earlier + drafts, current):
                        if not (yearly or d in drafts or _is_rated(d.ins)):
                            continue
                        self._add_cap(work, d.ins, q, n.clause, d.clause[0])
                        d.clauses.add(n.clause)
                elif n.clause != current.clause and _is_rated(current.ins) and current.ins.cap_yuan is None:
                    # …及以下部分按0.5%给予奖励,超过部分按0.3%给予奖励,每家每年最高100万元:
                    # a cap in a clause of its own closes every rate of the run before it
                    for d in _uncapped_rates_before(drafts, current):
                        self._add_cap(work, d.ins, q, n.clause, d.clause[0])
                        d.clauses.add(n.clause)
                elif n.clause == current.clause and _is_rated(current.ins) and current.ins.cap_yuan is None:
                    # 分别按5%、20%给予最高100万元补助: the rates listed before one cap share it
                    for d in _uncapped_rates_before(drafts, current):
                        if d.clause == current.clause and _LISTED_RATE.search(work, d.anchor, current.anchor + 1):
                            self._add_cap(work, d.ins, q, n.clause, d.clause[0])
                self._add_cap(work, current.ins, q, n.clause, current.clause[0])
                if current.cap_clause is None:
                    current.cap_clause = n.clause
            elif n.role == "amount":
                if current is None or current.ins.amount_yuan is not None or current.ins.cap_yuan is not None \
                        or current.ins.rate is not None:
                    current = new(n)
                    if n.card:
                        current.anchor_role = "card"
                if q.kind == "money_range":
                    # 给予30-50万元奖励: no fixed amount, a grant of up to its top figure
                    self._add_cap(work, current.ins, Quantity("money", q.max, None, None, q.start, q.end,
                                                              "max"), n.clause, current.clause[0])
                else:
                    current.ins.amount_yuan = q.value
            elif n.role == "fund":
                current = new(n)
                current.anchor_role = "fund"
                current.ins.amount_yuan = q.value if q.value is not None else q.min
            if current is not None:
                current.clauses.add(n.clause)
                if current.ins.threshold_yuan is None and (pending or carry):
                    current.ins.threshold_yuan = (pending or carry).pop(0)
        if continues and drafts and earlier and all(_is_rated(d.ins) and d.ins.cap_yuan is None for d in drafts):
            left_open = earlier[-1]
            if left_open.ins.cap_yuan is not None and not _is_rated(left_open.ins) \
                    and left_open.ins.amount_yuan is None and _OPEN_RATIO.search(work, *left_open.segment):
                # 按销售额给予一定比例的奖励,最高500万元。其中,…按不超过10%计算,…按不超过5%计算:
                # the rates of the grant whose ratio was left open, each with its cap
                left_open.detailed = True
                for d in drafts:
                    for cap in left_open.ins.caps:
                        d.ins.caps.append(dict(cap))
                    d.ins.cap_yuan, d.ins.scope = left_open.ins.cap_yuan, left_open.ins.scope
        if continues and len(drafts) > 1 and earlier and _is_rated(earlier[-1].ins) \
                and earlier[-1].ins.cap_yuan is None and not earlier[-1].detailed \
                and all(d.ins.cap_yuan is not None and d.ins.amount_yuan is None and not _is_rated(d.ins)
                        for d in drafts):
            # 按…的50%给予配套扶持。其中,国家级最高3000万元,省、市级最高500万元: the rate with the
            # cap of each level, one instrument each
            earlier[-1].detailed = True
            for d in drafts:
                _take_rate(d.ins, earlier[-1].ins)
        if durations:
            for d in drafts:
                d.ins.duration_years = d.ins.duration_years or durations[0]
        if pending and not drafts and (seg_has_cue or _REFERENCE.search(work[seg[0]:seg[1]])):
            if earlier:  # 以上奖励单个项目合同金额不低于10万元: a condition on what came before
                for d in earlier:
                    if d.ins.threshold_yuan is None:
                        d.ins.threshold_yuan = pending[0]
            else:  # …200万元以上的企业,给予补助。…按50%给予奖励: a condition on what follows
                carry.extend(pending)
        return drafts

    def _card_from(self, work: str, seg: tuple[int, int], carried: bool) -> int | None:
        """Where the sums of a card of awards start in the segment (after 科技奖: in
        科技奖:国家级50万元、省级30万元;), or None when the segment is no card. A segment of
        such sums alone carries on the card of the segment before it (``carried``). The card's
        heading may close a sentence's first clauses (资助期限为三年,资助额度为:自然科学类30万元,…)."""
        body = self.vocab.card_body
        if body is None:
            return None
        colon = work.find(":", seg[0], seg[1])  # the text is width-folded: a colon is written :
        if colon < 0:
            return seg[0] if carried and body.fullmatch(work, seg[0], seg[1]) else None
        comma = work.rfind(",", seg[0], colon)
        heading = work[comma + 1 if comma >= 0 else seg[0]:colon].strip()
        label = _ITEM_START.match(heading)
        heading = heading[label.end():].strip() if label else heading
        if not heading or len(heading) > self.vocab.card_heading_max or _HEADING_PUNCT.search(heading) \
                or self.vocab.card_heading_not.search(heading):
            return None
        return colon + 1 if body.fullmatch(work, colon + 1, seg[1]) else None

    def _unit_grant(self, work: str, q: Quantity, clause: tuple[int, int]) -> bool:
        """A sum ending a clause that is only 每, a verb of bringing in and what is brought in
        (每孵化或引进国家高新技术企业5万元): the sum granted for each one."""
        return q.kind == "money" and q.qualifier == "exact" \
            and self.vocab.unit_grant_clause.fullmatch(work, clause[0], q.start) is not None \
            and not _ELLIPSIS_TAIL.sub("", work[q.end:clause[1]])

    def _grants_in(self, work: str, clause: tuple[int, int], triggers: list[_Trigger],
                   generic: list[_Trigger]) -> bool:
        """Whether ``clause`` grants something: a grant verb (给予) or a quantifiable incentive word (补助)."""
        return self.vocab.has_verb(work, clause[0], clause[1]) or any(
            clause[0] <= t.start < clause[1] and self.vocab.takes_a_figure(t.code)
            for t in (*triggers, *generic))

    def _after_loan_size(self, work: str, seg: tuple[int, int], q: Quantity) -> bool:
        """Whether ``q`` follows, with no grant verb between, a sentence opening that sets a loan
        amount per kind of borrower (贷款额度按照企业类别划分,其中甲类企业最高为3000万元)."""
        named = list(self.vocab.loan_size_named.finditer(work, seg[0], q.start))
        return bool(named) and not self.vocab.has_verb(work, named[-1].end(), q.start)

    def _cost_split(self, work: str, q: Quantity, clause: tuple[int, int]) -> bool:
        """A ratio that shares a grant's cost between two levels of government (市、区按1:1比例),
        or the part each of them pays (市财政和区财政按照各50%比例)."""
        if q.kind == "rate" and self.vocab.cost_split_each_before.search(
                work, max(clause[0], q.start - 16), q.start) is not None:
            return True
        if q.kind == "rate" and self.vocab.cost_split_share_before.search(
                work, max(clause[0], q.start - 24), q.start) is not None \
                and not _GRANT_AFTER.match(work, q.end, q.end + 40):
            return True  # 省级财政负担支持资金的60%: the part of a grant's cost one level pays
        if q.kind in ("rate", "rate_range") and self.vocab.cost_split_transfer_before.search(
                work, max(clause[0], q.start - 40), q.start) is not None:
            return True  # 市财政对区、县(市)实际补助资金给予50%补助: one budget's share of another's grants
        return bool(_RATIO_TEXT.search(q.text)) and (
            self.vocab.cost_split_before.search(work, max(clause[0], q.start - 12), q.start) is not None
            or self.vocab.cost_split_after.match(work[q.end:q.end + _SPLIT_AFTER_WINDOW]) is not None)

    def _in_baseline(self, work: str, q: Quantity, clause: tuple[int, int]) -> bool:
        """Whether ``q`` stands inside a phrase setting out from what exists (在…的基础上) that
        grants nothing itself."""
        for m in self.vocab.baseline.finditer(work, clause[0], clause[1]):
            if m.start() < q.start and q.end <= m.end():
                return not self.vocab.has_verb(work, m.start(), m.end())
        return False

    def _closes_run(self, work: str, n: _Number, seg: tuple[int, int], cuts: _Cuts,
                    bens: list[BeneficiaryMatch]) -> bool:
        """A cap opening a sentence that grants nothing itself (每家单位每年累计奖励金额不超过5万元):
        a limit on all one recipient gets, not a case of its own (对…最高…, 被认定为…的, 最高…).
        Clauses before it may only say how the grant is paid (补贴采取后补助方式,每家企业每年最高
        补贴30万元): no figure, recipient or case (…的,) of their own."""
        q = n.q
        before = work[n.clause[0]:q.start]
        if self._scope(before) not in _RUN_SCOPES:
            return False
        opening = [c for c in cuts.clauses(seg) if c[1] <= n.clause[0]]
        for c in opening:
            body = work[c[0]:c[1]]
            if _CASE_END.search(body) or self.vocab.case_opening.match(work, c[0]) \
                    or any(c[0] <= b.start < c[1] for b in bens) or _ANY_FIGURE.search(body):
                return False
        return not self.vocab.has_verb(work, seg[0], seg[1]) and not _DUI.search(work, seg[0], q.start) \
            and not self.vocab.case_opening.match(work, n.clause[0])

    def _granted_cap(self, work: str, q: Quantity | None, clause: tuple[int, int]) -> bool:
        """With ``q``: a cap whose clause grants it, a grant verb before its 最高 (给予每个品种最高
        补助50万元, not 最高给予50万元) and no scope limiting all one recipient gets (每家每年).
        Without: a clause that holds a grant verb (…的20%予以补助)."""
        if q is None:
            return self.vocab.has_verb(work, clause[0], clause[1])
        before = work[clause[0]:q.start]
        verbs = self.vocab.verbs(before)
        if not verbs or self._scope(before) in _RUN_SCOPES:
            return False
        return _CAP_WORD.search(before, verbs[0][1]) is not None

    def _parallel_cap(self, work: str, first: tuple[int, int], clause: tuple[int, int], q: Quantity) -> bool:
        """Whether the cap in ``clause`` is the cap of another case beside the one in ``first``, both
        clauses naming their case before the cap word (甲类车间补助最高200万元,乙类工厂补助最高800万元):
        different cases, one scope, no total (累计, 总额) that would limit the sum of them."""
        subjects = []
        for c, end in ((first, None), (clause, q.start)):
            text = work[c[0]:end if end is not None else c[1]]
            word = _CAP_WORD.search(text)
            if word is None or _TOTAL.search(text):
                return False
            subject = _WHITESPACE.sub("", text[:word.start()])
            if len(subject) < 2 or self.vocab.has_verb(subject) or _REFERENCE.match(subject):
                return False
            subjects.append((subject, self._scope(text[:word.start()])))
        return subjects[0][0] != subjects[1][0] and subjects[0][1] == subjects[1][1]

    def _worded_cap(self, work: str, q: Quantity, clause: tuple[int, int]) -> bool:
        """A cap its clause states as a grant of its own, the grant's word between 最高 and the
        figure (单个企业一年最高补助200万元, 每家机构每年最高补助100万元), no total (累计, 总额)."""
        before = work[clause[0]:q.start]
        return self.vocab.cap_with_trigger.search(before) is not None and _TOTAL.search(before) is None

    def _recipient_cap(self, work: str, q: Quantity, clause: tuple[int, int], bens: list[BeneficiaryMatch]) -> bool:
        """A cap whose clause names, before it, a recipient and no scope (团队单次最高10万元): the
        cap of another case, not a second limit of the instrument before it (每家企业每年最高…)."""
        return any(clause[0] <= b.start and b.end <= q.start for b in bens) \
            and self._scope(work[clause[0]:q.start]) is None

    def _add_cap(self, work: str, ins: Instrument, q: Quantity, clause: tuple[int, int], since: int) -> None:
        """Add a money cap; its scope is read in its clause, else from the instrument's first clause on."""
        value = q.value if q.value is not None else q.max
        scope = self._scope(work[clause[0]:q.start]) or self._scope(work[since:q.start])
        ins.caps.append({"yuan": value, "scope": scope})
        if ins.cap_yuan is None:
            ins.cap_yuan = value
            ins.scope = scope

    def _scope(self, text: str) -> str | None:
        for scope, pat in self.vocab.scopes:
            if pat.search(text):
                return scope
        return None

    def _basis(self, work: str, q: Quantity, clause: tuple[int, int]) -> str | None:
        before = work[clause[0]:q.start]
        found = list(re.finditer(r"按照?其?", before))
        m = found[-1] if found else None
        phrase = before[m.end():] if m else before
        # 按X的8% / 按X给予8%: the basis is X; 按照规定获得70% has none
        ending = re.search(r"(?:的|给予|予以)\s*(?:最高|不超过|不得超过|不高于|不低于|不少于)?\s*$", phrase)
        if not ending:
            return None
        phrase = phrase[:ending.start()]
        phrase = re.sub(r"^(?:不超过|不低于|最高)", "", phrase)
        for base in self.vocab.bases:
            if base in phrase:
                return base
        phrase = re.sub(r"^(?:上年度|当年|年度|以上实现|以上|其)+", "", phrase).strip()
        if m and 0 < len(phrase) <= 20:
            return phrase
        return None

    def _dui_phrases(self, work: str, seg: tuple[int, int], cuts: _Cuts) -> list[tuple[int, int]]:
        out = cuts.dui.get(seg)
        if out is not None:
            return out
        out = cuts.dui[seg] = []
        for m in _DUI.finditer(work, seg[0], seg[1]):
            end = _DUI_END.search(work, m.end(), seg[1])
            out.append((m.end(), end.start() if end else seg[1]))
        return out

    def _recipient(self, work: str, pos: int, clause: tuple[int, int], bens: list[BeneficiaryMatch], cuts: _Cuts) -> str | None:
        """The beneficiary right after a grant verb in the clause (给予其管理机构奖励), nearest to ``pos``."""
        recipients = cuts.recipients.get(clause)
        if recipients is None:
            recipients = cuts.recipients[clause] = self._recipients(work, clause, bens)
        best: tuple[int, str] | None = None
        for vs, code in recipients:
            dist = abs(vs - pos)
            if best is None or dist < best[0]:
                best = (dist, code)
        return best[1] if best else None

    def _recipients(self, work: str, clause: tuple[int, int], bens: list[BeneficiaryMatch]) -> list[tuple[int, str]]:
        """(grant verb position, beneficiary right after it) for every grant verb of the clause."""
        vocab = self.vocab
        body = work[clause[0]:clause[1]]
        verbs = [(s + clause[0], e + clause[0]) for s, e in vocab.verbs(body)]
        verbs += [(m.start() + clause[0], m.end() + clause[0]) for m in _REWARD.finditer(body)]
        out = []
        for vs, ve in verbs:
            stop = next((t.start for t in vocab.triggers(work[ve:clause[1]]) if t.start > 0), clause[1] - ve) + ve
            inside = [b for b in bens if ve <= b.start and b.end <= stop]
            if inside:
                out.append((vs, inside[0].code))
        return out

    def _beneficiary(self, work: str, pos: int, seg: tuple[int, int], clause: tuple[int, int],
                     bens: list[BeneficiaryMatch], default: str | None, cuts: _Cuts) -> str | None:
        # (a) the recipient right after a grant verb in the same clause
        recipient = self._recipient(work, pos, clause, bens, cuts)
        if recipient:
            return recipient
        # (b) the head of the nearest 对…的X phrase before the number
        phrases = [p for p in self._dui_phrases(work, seg, cuts) if p[0] <= pos]
        if phrases:
            ps, pe = phrases[-1]
            inside = [b for b in bens if ps <= b.start and b.end <= pe]
            last_de = work.rfind("的", ps, pe)
            head = [b for b in inside if b.start > last_de] if last_de >= 0 else []
            if head:
                return head[0].code
            if inside:
                return inside[0].code
        # (c) the nearest beneficiary of the segment, before the number first
        before = [b for b in bens if seg[0] <= b.start and b.end <= pos]
        if before:
            k = len(before) - 1
            while k and work[before[k - 1].end:before[k].start] in _LISTED:
                k -= 1  # 高校院所、医疗卫生机构等单位…: the head of the list the text enumerates
            return before[k].code
        after = [b for b in bens if pos <= b.start and b.end <= seg[1]]
        if after:
            return after[0].code
        return default

    def _type(self, work: str, d: _Draft, triggers: list[_Trigger], generic: list[_Trigger], cuts: _Cuts) -> str:
        v = self.vocab
        seg, clause, pos = d.segment, d.clause, d.anchor
        if d.anchor_role == "fund":
            fund = [t for t in triggers if seg[0] <= t.start < seg[1] and t.code in ("fund", "special_fund")]
            return min(fund, key=lambda t: abs(t.start - pos)).code if fund else "fund"
        grants_clause = self._grant_phrases(work, clause, triggers, generic)
        holding = [g for g in grants_clause if g[0] <= pos < g[1] and g[2]]
        if holding:
            return holding[0][2]  # type: ignore[return-value]
        quant = [t for t in triggers if v.types[t.code].quantifiable]
        in_clause = [t for t in quant if clause[0] <= t.start < clause[1]]
        seg_grants: list[tuple[int, int, str | None]] = []
        for c in cuts.clauses(seg):
            seg_grants.extend(g for g in self._grant_phrases(work, c, triggers, generic) if g[2])
        clause_grants = [g for g in seg_grants if clause[0] <= g[0] < clause[1]]

        def nearest_trigger(ts: list[_Trigger]) -> str | None:
            if not ts:
                return None
            after = [t for t in ts if t.start >= pos]
            return (after[0] if after else ts[-1]).code

        def nearest_grant(gs: list[tuple[int, int, str | None]]) -> str | None:
            return min(gs, key=lambda g: abs(g[0] - pos))[2] if gs else None

        steps: list[Callable[[], str | None]] = [lambda: nearest_grant(clause_grants)]
        if d.anchor_role == "rate":
            steps += [lambda: nearest_trigger(in_clause), lambda: nearest_grant(seg_grants)]
        else:
            steps += [lambda: nearest_grant(seg_grants), lambda: nearest_trigger(in_clause)]
        steps.append(lambda: nearest_trigger([t for t in quant if seg[0] <= t.start < seg[1]]))
        # a sentence detailing the grant before it (…给予一次性奖励。其中国家级100万元): that grant's type
        steps.append(lambda: next((t.code for t in reversed(quant) if t.start < seg[0]), None))
        for step in steps:
            code = step()
            if code:
                return code
        return v.card_type if d.anchor_role == "card" else v.generic_type

    def _refine(self, work: str, code: str, seg: tuple[int, int]) -> str:
        seg_text = work[seg[0]:seg[1]]
        for t in self.vocab.types.values():
            if code in t.refines and any(c in seg_text for c in t.context):
                return t.code
        return code

    def _finish(self, work: str, d: _Draft, triggers: list[_Trigger], generic: list[_Trigger],
                bens: list[BeneficiaryMatch], cuts: _Cuts) -> None:
        code = self._refine(work, self._type(work, d, triggers, generic, cuts), d.segment)
        t = self.vocab.types.get(code)
        d.ins.type = code
        d.ins.category = t.category if t else "supply"
        default = t.default_beneficiary if t else None
        d.ins.beneficiary = self._beneficiary(work, d.anchor, d.segment, d.clause, bens, default, cuts)
        if d.ins.scope is None:  # no cap: the scope of the amount itself (一次性奖励50万元)
            d.ins.scope = self._scope(work[d.clause[0]:d.anchor])

    def _unquantified(self, work: str, triggers: list[_Trigger], bens: list[BeneficiaryMatch], quantities: list[Quantity],
                      drafts: list[_Draft], cuts: _Cuts) -> list[Instrument]:
        """One instrument without numbers per trigger type not already quantified in the provision."""
        present = {d.ins.type for d in drafts}
        used_clauses = {c for d in drafts for c in d.clauses}
        found: dict[str, list[tuple[_Trigger, tuple[int, int], tuple[int, int]]]] = {}
        for k, seg in enumerate(cuts.segments):
            if self._is_heading(work, seg, last=k + 1 == len(cuts.segments)):
                continue  # 奖励对象及范围: a heading names a topic, it grants nothing
            for t in triggers:
                if not seg[0] <= t.start < seg[1]:
                    continue
                clause = next((c for c in cuts.clauses(seg) if c[0] <= t.start < c[1]), seg)
                if clause in used_clauses:
                    continue  # the trigger of a quantified instrument (…补贴费用不得超过3万元)
                code = self._refine(work, t.code, seg)
                if code not in present:
                    found.setdefault(code, []).append((t, seg, clause))
        out: list[Instrument] = []
        for code, hits in found.items():
            itype = self.vocab.types[code]
            t, seg, clause = hits[0]
            beneficiary = next((r for r in (self._recipient(work, h.start, c, bens, cuts) for h, _, c in hits) if r),
                               None)
            if beneficiary is None:
                beneficiary = self._beneficiary(work, t.start, seg, clause, bens, itype.default_beneficiary, cuts)
            ins = Instrument(type=code, category=itype.category, beneficiary=beneficiary, start=seg[0], end=seg[1])
            for q in quantities:
                if q.kind == "years" and seg[0] <= q.start < seg[1] and _USE_RIGHT.match(
                        work[q.end:q.end + 16]):
                    ins.duration_years = q.value
            out.append(ins)
        return out


_LISTED = frozenset({"、", "和", "及", "与"})  # what joins two beneficiaries of one list


def join_wrapped_lines(text: str) -> tuple[str, list[int] | None]:
    """``text`` with wrapped lines joined and spaces inside words removed, and for each of its
    characters the position it came from in ``text`` (None when nothing changed).

    A line break stays (as one ``\n``) after 。;!?: and before a numbered item or 附件, and after
    a short line without commas (a heading); any other break, and any space that is not between
    two ASCII letters or digits, goes.
    """
    if "\n" not in text and " " not in text and "\u3000" not in text and "\t" not in text:
        return text, None
    pieces: list[str] = []
    where: list[int] = []
    pos = 0
    line_start = 0
    for m in _WHITESPACE.finditer(text):
        a, b = m.start(), m.end()
        pieces.append(text[pos:a])
        where.extend(range(pos, a))
        pos = b
        keep: str | None = None
        if "\n" in m.group():
            line = text[line_start:a]
            line_start = text.rfind("\n", a, b) + 1
            after = text[b:text.find("\n", b) if "\n" in text[b:] else len(text)].strip()
            if (not line.strip() or line.rstrip()[-1] in _HARD_END or _ITEM_START.match(text, b)
                    or _LIST_LEAD.fullmatch(after)
                    or (len(line.strip()) <= _HEADING_MAX and not any(c in line for c in ",,")
                        and not line.rstrip().endswith(_OPEN_ENDS) and not _SENTENCE_INSIDE.search(line))):
                keep = "\n"
        elif 0 < a and b < len(text) and text[a - 1].isascii() and text[a - 1].isalnum() \
                and text[b].isascii() and text[b].isalnum():
            keep = " "
        if keep:
            pieces.append(keep)
            where.append(a)
    pieces.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(pieces), where


def _listed_after_cap(work: str, ins: Instrument, q: Quantity) -> bool:
    """Whether ``q`` follows the instrument's cap right after a 、 (最高15万元、7万元)."""
    return (ins.cap_yuan is not None and ins.amount_yuan is None
            and _CAP_LIST.search(work[max(0, q.start - 8):q.start]) is not None)


def _bracketed_cap(work: str, q: Quantity, bens: list[BeneficiaryMatch]) -> bool:
    """A cap in a bracket right after a sum, the bracket naming a recipient before it
    (最高300万元(高校院所最高150万元)): the cap that recipient gets instead."""
    open_at = work.rfind("(", max(0, q.start - _BRACKET_CAP_CHARS), q.start)
    if open_at < 0 or ")" in work[open_at:q.start] or not work[:open_at].rstrip().endswith("元"):
        return False
    return any(open_at < b.start and b.end <= q.start for b in bens)


def _elliptical(work: str, q: Quantity, clause: tuple[int, int]) -> bool:
    """A clause, or an item of a list in one (国家级100万元、省级50万元), that is only a short
    subject and money (省级50万元, 市级为30万元): it repeats the grant of the clause before it
    for another case."""
    if q.kind not in ("money", "money_range"):
        return False
    start = max(clause[0], work.rfind("、", clause[0], q.start) + 1)
    stop = work.find("、", q.end, clause[1])
    before = work[start:q.start].strip()
    after = _ELLIPSIS_TAIL.sub("", work[q.end:clause[1] if stop < 0 else stop])
    return 0 < len(before) <= _ELLIPSIS_SUBJECT and not after and not _ELLIPSIS_NOT.search(before)


def _unbased_ratio(work: str, q: Quantity, clause: tuple[int, int]) -> bool:
    """A matching ratio (1:1) right after a grant verb with no basis named before it in its
    clause (给予1:0.5配套奖励, not 按所得奖金1:1的比例配套): it says the grant matches another
    grant the provision does not name, so it is no rate of the grant's own."""
    if q.kind != "rate" or not _RATIO_TEXT.search(q.text):
        return False
    before = work[clause[0]:q.start]
    return _RATIO_AFTER_VERB.search(before) is not None and "按" not in before


def _strictly_inside(t: _Trigger, bens: list[BeneficiaryMatch]) -> bool:
    """A trigger inside a longer beneficiary term (基金 of 股权投资基金) is not a trigger."""
    return any(b.start <= t.start and t.end <= b.end and (b.end - b.start) > (t.end - t.start) for b in bens)


class _Cuts:
    """The segments of one provision and the clauses of each, cut once and shared by the steps,
    with the 对… phrases of each segment and the grant recipients of each clause once read."""

    def __init__(self, work: str) -> None:
        self.work = work
        self.segments = _spans(work, _SEGMENT_END)
        self.grouped = _THOUSANDS.search(work) is not None  # 1,000万元: that comma ends no clause
        self._clauses: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.dui: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.recipients: dict[tuple[int, int], list[tuple[int, str]]] = {}

    def clauses(self, seg: tuple[int, int]) -> list[tuple[int, int]]:
        found = self._clauses.get(seg)
        if found is None:
            ends = _CLAUSE_END_GROUPED if self.grouped else _CLAUSE_END
            found = self._clauses[seg] = _spans(self.work, ends, seg)
        return found


def _spans(text: str, sep: re.Pattern[str], within: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """Non-blank pieces of ``text`` (or of the range ``within``) cut after each separator."""
    lo, hi = within or (0, len(text))
    out, start = [], lo
    for m in sep.finditer(text, lo, hi):
        end = m.start()
        if end > start and not text[start:end].isspace():
            out.append((start, end + 1))
        start = m.end()
    if hi > start and not text[start:hi].isspace():
        out.append((start, hi))
    return out


def _rate_value(q: Quantity) -> float | None:
    return q.value if q.value is not None else q.max


def _set_rate(ins: Instrument, q: Quantity) -> None:
    if q.kind == "rate_range":
        ins.rate_min, ins.rate_max = q.min, q.max
    else:
        ins.rate = q.value


@lru_cache(maxsize=1024)
def _is_place(name: str) -> bool:
    """兰州, 甘肃省: a name the gazetteer knows (not 奖励标准 or 支持方式)."""
    return Gazetteer.load().lookup(name) is not None


def _is_rated(ins: Instrument) -> bool:
    return ins.rate is not None or ins.rate_min is not None


def _take_rate(ins: Instrument, rated: Instrument) -> None:
    """Give ``ins`` the rate (or rate band) and basis of ``rated``: one rate over several cases."""
    ins.rate, ins.rate_min, ins.rate_max, ins.basis = rated.rate, rated.rate_min, rated.rate_max, rated.basis


def _uncapped_run(drafts: list[_Draft], current: _Draft | None) -> list[_Draft]:
    """The instruments without a cap just before ``current`` (else at the end of ``drafts``),
    rates and amounts, back to the last one with a cap or a fund; nearest last."""
    run: list[_Draft] = []
    end = drafts.index(current) if current is not None else len(drafts)
    for d in reversed(drafts[:end]):
        if d.ins.cap_yuan is not None or d.anchor_role == "fund" or d.ins.caps:
            break
        run.append(d)
    return run[::-1]


_CONDITION_WINDOW = 48  # what follows a figure of the applicant's own, up to the kind of applicant (…且营业收入…的企业)


def _share_caps_over_rates(work: str, drafts: list[_Draft]) -> None:
    """A cap opened by the grants it limits (以上补助最高为500万元, 上述资助单个企业最高不超过…) after
    rates without a cap of their own caps each of those rates, and is no instrument of its own
    (after fixed amounts it stays one: a limit on their sum, not a cap of either)."""
    for d in drafts:
        ins = d.ins
        if ins.cap_yuan is None or _is_rated(ins) or ins.amount_yuan is not None or d.anchor_role == "fund" \
                or not _ABOVE_ALL.match(work, d.clause[0]):
            continue
        run = [r for r in _uncapped_run(drafts, d) if not r.detailed]
        if run and all(_is_rated(r.ins) and r.ins.amount_yuan is None for r in run):
            for r in run:
                r.ins.cap_yuan, r.ins.caps = ins.cap_yuan, [dict(cap) for cap in ins.caps]
                r.ins.scope = r.ins.scope or ins.scope
                r.clauses.add(d.clause)
            d.detailed = True


def _pair_listed_caps(drafts: list[_Draft]) -> None:
    """Rates listed in order and caps listed in the same order (分别按其收入的1%、0.8%、0.5%给予奖励,
    每年最高1000万元、500万元、300万元): the i-th rate takes the i-th cap. Read one by one, every
    rate took the first cap and the last rate the others; when the caps are as many as the rates,
    each rate keeps its own and the copies of the last rate are dropped."""
    i = 0
    while i < len(drafts):
        first = drafts[i]
        run = []
        for d in drafts[i:]:
            if not _is_rated(d.ins) or d.ins.amount_yuan is not None or d.ins.cap_yuan is None \
                    or d.ins.cap_yuan != first.ins.cap_yuan or d.detailed:
                break
            run.append(d)
        cap_clause = run[-1].cap_clause if run else None
        if any(d.cap_clause != cap_clause and cap_clause not in d.clauses for d in run):
            run = []
        rest = []
        for d in drafts[i + len(run):]:
            if not run or d.cap_clause != cap_clause or d.detailed or not _is_rated(d.ins) \
                    or (d.ins.rate, d.ins.rate_min, d.ins.rate_max) != (run[-1].ins.rate, run[-1].ins.rate_min,
                                                                        run[-1].ins.rate_max):
                break
            rest.append(d)
        rates = {(d.ins.rate, d.ins.rate_min, d.ins.rate_max) for d in run}
        if cap_clause is None or len(run) < 2 or len(rates) != len(run) or len(rest) != len(run) - 1:
            i += max(1, len(run))
            continue
        caps = [run[0].ins.cap_yuan, *[d.ins.cap_yuan for d in rest]]
        for d, cap in zip(run, caps, strict=True):
            d.ins.cap_yuan = cap
            d.ins.caps = [{"yuan": cap, "scope": d.ins.scope}]
        for d in rest:
            d.detailed = True
        i += len(run) + len(rest)


def _uncapped_rates_before(drafts: list[_Draft], current: _Draft) -> list[_Draft]:
    """The rate instruments without a cap just before ``current`` in its segment, nearest last."""
    run: list[_Draft] = []
    for d in reversed(drafts[:drafts.index(current)]):
        if not _is_rated(d.ins) or d.ins.cap_yuan is not None or d.ins.amount_yuan is not None:
            break
        run.append(d)
    return run[::-1]
