"""Cleaning decoded policy text while keeping provenance.

``clean_text`` removes what is not part of the policy (pinyin annotations left by
web converters such as 發(fā), broken characters, web-page boilerplate, control and
zero-width characters, surrounding whitespace) and returns three aligned forms of the
same length (original script, simplified, normalised for matching) with an ``origin``
table mapping every cleaned character back to ``SourceText.text``.

Cleaning only ever *deletes* characters (or replaces a line break by ``\\n``), so the
origin table is a strictly increasing list; it is built from slices, never char by char.

Boilerplate patterns live in ``loaders/data/boilerplate.json`` and are matched against
the simplified, width-folded text, so they work for traditional script as well.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import CleanText, SourceText, Warning_
from .word_patterns import scanning_pattern

BOILERPLATE_PATH = Path(__file__).resolve().parent / "data" / "boilerplate.json"

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü\u0300-\u036f"  # \u0300-\u036f: decomposed tone marks
_VOWELS = f"aeiouv{_TONED}"
_SYLLABLE = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWELS}]{{1,6}}(?:ng|n|r)?"
# A parenthesised pinyin syllable carrying a tone mark: (fā), （chuàng）. Plain ASCII such as
# (ABC) or (de) is never matched. A page may leave a space inside it: (chuàng ).
_PINYIN_PAREN = re.compile(rf"[(（][ \u3000]?(?=[a-z]*[{_TONED}]){_SYLLABLE}[ \u3000]?[)）]")
# the same annotations written without tone marks (關(guan) 於(yu)), a space often after them: read
# only in a text carrying at least _PLAIN_PINYIN_MIN of them right after characters, never a lone
# (de) or (ABC)
_PINYIN_PLAIN = re.compile(rf"[(（](?<=[{_CJK}][(（])(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv]{{1,4}}(?:ng|n|r)?[)）]"
                           rf"(?:[ \u3000](?=[{_CJK}]))?")
_PLAIN_PINYIN_MIN = 3
_PINYIN_PAREN_BEFORE = re.compile(rf"{_PINYIN_PAREN.pattern}$")
# …the same annotation cut off where an excerpt stops (部分的補(b): read only in a text that
# carries such annotations elsewhere
_PINYIN_CUT = re.compile(rf"(?<=[{_CJK}])[(（][a-z{_TONED}]{{1,6}}(?=\n|\Z)")
_CJK_CHAR = re.compile(f"[{_CJK}]")
# Mojibake left where a converter failed: '?' fused with pinyin fragments, e.g. ?yōu) or ?;a(chǎn),
# several characters in a row lost at once (?jǐn)?shù)字: the second '?' opens the next one).
_FRAGMENT = rf"\?[;:,]?(?:[a-z{_TONED}]+[)）]?|[(（][a-z{_TONED}]+[)）])+"
_BROKEN_FRAGMENT = re.compile(rf"{_FRAGMENT}(?:{_FRAGMENT})*\??")  # opening on '?': searched as a literal
_HAS_TONE = re.compile(f"[{_TONED}]")
# Nonsense characters that usually follow such a fragment: a few CJK and a stray Latin letter.
_MOJIBAKE_TAIL = re.compile(rf"[{_CJK}]{{1,4}}[A-Za-z](?![A-Za-z])")
# U+FFFD, or runs of '?' inside Chinese text, stand for characters lost in an earlier conversion
# (a single '?' is a legitimate half-width question mark).
_REPLACEMENT = re.compile(rf"\ufffd+|(?<=[{_CJK}])\?{{2,}}(?=[{_CJK}])")

_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_CRLF = re.compile(r"\r(?=\n)")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufeff]+")
_SPACE = " \t\u2000-\u200a\u202f\u205f"  # in the normalised form NBSP and U+3000 are already " "
_SPACE_RUN = re.compile(rf"[{_SPACE}]+")
_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")
_LEADING_BREAKS = re.compile(r"\A\n+")
# a date the text gives elsewhere; not a site's clock greeting the reader (今天是2031年6月11日 星期二)
_OTHER_DATE = re.compile(r"(?<!今天是)(?<!今日是)(?<!今天)(?<!今日)\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}")
_HEADER_CHARS = 4000  # a header is short: a page's date line past this is debris

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0xFE59: 0x28, 0xFE5A: 0x29, 0xFE5D: 0x3014, 0xFE5E: 0x3015})
# small form variants (﹐﹑﹒﹔﹕﹖﹗: 2﹒ numbers an item as 2. does), folded as NFKC folds them
_FOLD.update({0xFE50: 0x2C, 0xFE51: 0x3001, 0xFE52: 0x2E, 0xFE54: 0x3B, 0xFE55: 0x3A, 0xFE56: 0x3F, 0xFE57: 0x21})


class _CharMap:
    """``str.translate`` for a table of single characters, done with ``str.replace``.

    ``translate`` looks every character up one by one and is slow on CJK text; replacing
    only the characters that occur is many times faster.  No replacement may itself be a
    key, so the order of the replacements does not matter.
    """

    def __init__(self, table: dict[int, int] | dict[int, str]) -> None:
        self.table = {chr(k): v if isinstance(v, str) else chr(v) for k, v in table.items()}
        if set(self.table) & set(self.table.values()):
            raise ValueError("a replacement character is itself replaced")
        self.chars = re.compile(f"[{re.escape(''.join(self.table))}]")

    def __call__(self, text: str) -> str:
        for ch in set(self.chars.findall(text)):
            text = text.replace(ch, self.table[ch])
        return text


_fold = _CharMap(_FOLD)
_break_lines = _CharMap(_LINE_BREAKS)
_variant_maps: dict[int, tuple[dict[int, str], _CharMap | None]] = {}


def _replace_variants(text: str, table: dict[int, str]) -> str:
    """``text.translate(table)``, with a ``_CharMap`` of the table when it is one (single
    characters, none replaced by another key)."""
    known = _variant_maps.get(id(table))
    if known is None or known[0] is not table:
        charmap = None
        if all(isinstance(v, str) and len(v) == 1 for v in table.values()):
            try:
                charmap = _CharMap(table)
            except ValueError:
                pass
        if len(_variant_maps) > 16:
            _variant_maps.clear()
        known = _variant_maps[id(table)] = (table, charmap)
    return known[1](text) if known[1] is not None else text.translate(table)


@dataclass(frozen=True)
class Boilerplate:
    """Compiled boilerplate rules: whole lines and trailing fragments to remove."""

    lines: re.Pattern[str]
    tails: re.Pattern[str]
    leads: re.Pattern[str] = re.compile("(?!)")  # a fragment opening a line, the text after it kept
    inserted: re.Pattern[str] = re.compile("(?!)")  # a fragment a hacked page inserted anywhere
    inserted_words: tuple[str, ...] = ()  # one of them is in every inserted fragment: searched first
    header_date: re.Pattern[str] = re.compile("(?!)")  # a boilerplate line kept in the header
    header_end: re.Pattern[str] = re.compile("(?!)")  # the first line after the header
    header_lone_date: re.Pattern[str] = re.compile("(?!)")  # kept only when the text has no other date
    variants: dict[int, str] = field(default_factory=dict)  # variant characters OpenCC keeps (陜 → 陕)


def load_boilerplate(path: Path | str = BOILERPLATE_PATH) -> Boilerplate:
    """Compile the boilerplate rules of a JSON file (see ``data/boilerplate.json`` for the format)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        line_patterns = list(data["line_patterns"])
        tail_patterns = list(data["tail_patterns"])
        lead_patterns = list(data.get("lead_patterns") or [])
        inserted_patterns = list(data.get("inserted_patterns") or [])
        inserted_words = tuple(str(w) for w in data.get("inserted_words") or [] if w)
        variants = {ord(old): new for old, new in dict(data.get("variant_characters") or {}).items()
                    if len(old) == 1 and len(new) == 1}
        header_patterns = [data.get("header_date_pattern") or "(?!)", data.get("header_end_pattern") or "(?!)",
                           data.get("header_lone_date_pattern") or "(?!)"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ValueError(
            f"{path}: cannot load boilerplate rules ({err}); it must be a JSON object with "
            "'line_patterns' and 'tail_patterns' lists"
        ) from None
    for pattern in line_patterns + tail_patterns + lead_patterns + inserted_patterns + header_patterns:
        try:
            re.compile(pattern)
        except re.error as err:
            raise ValueError(f"{path}: invalid boilerplate pattern {pattern!r}: {err}") from None
    space = f"[{_SPACE}]*"
    lines = "|".join(f"(?:{p})" for p in line_patterns) or "(?!)"
    tails = "|".join(f"(?:{p})" for p in tail_patterns) or "(?!)"
    leads = "|".join(f"(?:{p})" for p in lead_patterns) or "(?!)"
    inserted = "|".join(f"(?:{p})" for p in inserted_patterns) or "(?!)"
    return Boilerplate(
        lines=re.compile(rf"^{space}(?:{lines}){space}(?:$\n?)", re.M),  # the line and its break
        tails=scanning_pattern(rf"{space}(?:{tails})[^\n]*", re.M),
        leads=re.compile(rf"^{space}(?:{leads}){space}", re.M),
        inserted=scanning_pattern(inserted),
        inserted_words=inserted_words,
        header_date=re.compile(header_patterns[0]),
        header_end=re.compile(header_patterns[1], re.M),
        header_lone_date=re.compile(header_patterns[2]),
        variants=variants,
    )


_boilerplate: Boilerplate | None = None
_converter = None
_char_cache: dict[str, str] = {}


def _default_boilerplate() -> Boilerplate:
    global _boilerplate
    if _boilerplate is None:
        _boilerplate = load_boilerplate()
    return _boilerplate


def _opencc() -> Any:
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s.json")
    return _converter


def to_simplified(text: str, variants: dict[int, str] | None = None) -> str:
    """Convert to simplified Chinese with OpenCC t2s, keeping exactly the same length, then
    replace the variant characters OpenCC keeps (陜 → 陕; ``variants``, by default those of
    ``data/boilerplate.json``). The one conversion of the project: the extracted text and
    the search of the stores (graph.model) both read through it.

    The text is converted at once; any line whose length changed is converted again on
    its own and, if that still changes its length, character by character.
    """
    table = _default_boilerplate().variants if variants is None else variants
    converter = _opencc()
    converted: str = converter.convert(text)
    if len(converted) == len(text) and converted.count("\n") == text.count("\n"):
        if [len(line) for line in converted.split("\n")] == [len(line) for line in text.split("\n")]:
            return _replace_variants(converted, table) if table else converted
    out: list[str] = []
    for line in text.split("\n"):
        result = converter.convert(line)
        if len(result) != len(line):
            result = "".join(_simplify_char(ch) for ch in line)
        out.append(result)
    joined = "\n".join(out)
    return _replace_variants(joined, table) if table else joined


def _simplify_char(ch: str) -> str:
    result = _char_cache.get(ch)
    if result is None:
        result = _opencc().convert(ch)
        if len(result) != 1:
            result = ch
        _char_cache[ch] = result
    return result


# a letter O typed for a zero inside a figure (5O万元, 1O%, 2O0元): between a digit and a
# digit, a unit of money or a percent sign
_LETTER_ZERO = re.compile(r"(?<=\d)[Oo]+(?=\d|[万亿千百元%])")
# a superlative a site masked with an asterisk (advertising rules forbid 最 on some sites): *高
# before a figure, or before a word of granting or limiting and a figure (*高1000万元, *高补贴300万元/家,
# *高不超过5万元), is 最高; *高 before anything else (世界**高科技园区, *高校3所) is left as it is
_MASKED_MOST = re.compile(r"\*(?=高\s*(?:奖励|补贴|补助|资助|支持|扶持|给予|可达|可获|不超过|达到|为)?\s*\d)")


def normalize(simplified: str) -> str:
    """Fold full-width ASCII (U+FF01–FF5E), U+3000, NBSP and small-form brackets, read a letter
    O inside a figure as the zero it stands for and a masked 最 (*高50万元) as 最; same length."""
    folded = _fold(simplified)
    if "O" in folded or "o" in folded:
        folded = _LETTER_ZERO.sub(lambda m: "0" * len(m.group()), folded)
    if "*高" in folded:
        folded = _MASKED_MOST.sub("最", folded)
    return folded


def clean_text(source: SourceText, boilerplate: Boilerplate | None = None) -> CleanText:
    """Clean a decoded document, keeping an origin table back to ``source.text``.

    Removes pinyin debris (發(fā) → 發), broken pinyin fragments (flagged as
    ``corrupted_text`` warnings), web boilerplate, ``\\r``, control and zero-width
    characters, whitespace at line ends and extra blank lines (at most one blank line is
    kept, single line breaks are kept).  ``boilerplate`` defaults to the rules of
    ``data/boilerplate.json``.
    """
    rules = boilerplate or _default_boilerplate()
    raw = source.text
    text = _break_lines(raw)  # same length: lone \r and other breaks become \n
    origin = list(range(len(raw) + 1))

    # 1. characters that are not text: \r of \r\n, invisible and control characters,
    #    pinyin annotations and broken fragments.
    spans = [m.span() for m in _CRLF.finditer(raw)]
    spans += [m.span() for m in _INVISIBLE.finditer(text)]
    pending: list[tuple[int, int, int, str]] = []  # (orig start, orig end, orig_start, message)
    broken = {i for b_start, b_end in _broken_fragments(text, spans, pending) for i in range(b_start, b_end)}
    annotated = False  # pinyin annotations removed: a cut-off one at a line's end goes too
    for match in _PINYIN_PAREN.finditer(text):
        start, end = match.span()
        if start in broken:
            continue
        annotated = True
        spans.append((start, end))
        if start == 0 or not _CJK_CHAR.match(text, start - 1):
            pending.append(_warning_place(text, start, end, f"stray pinyin {match.group()!r} removed"))
    plain = [m.span() for m in _PINYIN_PLAIN.finditer(text)] if "(" in text or "（" in text else []
    if len(plain) >= _PLAIN_PINYIN_MIN:
        spans += [span for span in plain if span[0] not in broken]
    if annotated:
        spans += [m.span() for m in _PINYIN_CUT.finditer(text)]
    for match in _REPLACEMENT.finditer(text) if "\ufffd" in text or "??" in text else ():
        snippet = text[max(0, match.start() - 4) : match.end() + 4]
        pending.append(
            (match.start(), match.end(), match.start(),
             f"unreadable characters in {snippet!r} (kept as they are); check this passage against "
             "the original document")
        )
    text, origin = _delete(spans, text, origin)

    # 2. lines: surrounding spaces and boilerplate, matched on the simplified folded form.
    simplified = to_simplified(text, rules.variants)
    normalized = normalize(simplified)
    spans = _edge_spaces(normalized)
    spans += _boilerplate_lines(normalized, rules)
    spans += [m.span() for m in rules.tails.finditer(normalized)]
    spans += [m.span() for m in rules.leads.finditer(normalized)]
    if any(word in normalized for word in rules.inserted_words):
        spans += [m.span() for m in rules.inserted.finditer(normalized)]
    text, origin, simplified, normalized = _delete(spans, text, origin, simplified, normalized)

    # 3. blank lines: at most one in a row, none at the start or end.
    spans = [(m.start() + 2, m.end()) for m in _EXTRA_BLANK_LINES.finditer(text)] if "\n\n\n" in text else []
    spans += [m.span() for m in _LEADING_BREAKS.finditer(text)]
    if text.endswith("\n"):
        spans.append((len(text.rstrip("\n")), len(text)))
    text, origin, simplified, normalized = _delete(spans, text, origin, simplified, normalized)

    warnings = [
        Warning_(
            code="corrupted_text",
            message=message,
            start=bisect_left(origin, orig_from, 0, len(text)),
            end=bisect_left(origin, orig_to, 0, len(text)),
            orig_start=orig_start,
        )
        for orig_from, orig_to, orig_start, message in sorted(pending)
    ]
    return CleanText(text=text, simplified=simplified, normalized=normalized, origin=origin, warnings=warnings)


def _boilerplate_lines(normalized: str, rules: Boilerplate) -> list[tuple[int, int]]:
    """Spans of the boilerplate lines, except the header's lines that carry a publishing
    date (发布时间: …): the metadata reads the date there."""
    spans = [m.span() for m in rules.lines.finditer(normalized)]
    if spans and spans[0][0] < _HEADER_CHARS:
        body = rules.header_end.search(normalized)
        header_end = body.start() if body else len(normalized)
        kept = [(a, b) for a, b in spans if a < header_end and rules.header_date.search(normalized, a, b)]
        if not kept:  # a bare 日期: label dates the page only when nothing else does
            lone = [(a, b) for a, b in spans if a < header_end and rules.header_lone_date.search(normalized, a, b)]
            if lone and not any(_OTHER_DATE.search(normalized[:a]) or _OTHER_DATE.search(normalized[b:]) for a, b in lone[:1]):
                kept = lone[:1]
        spans = [span for span in spans if span not in kept]
    return spans


def _edge_spaces(text: str) -> list[tuple[int, int]]:
    """Runs of spaces that begin or end a line (found as runs first: much faster than
    trying ``^`` and ``$`` at every position)."""
    spans = []
    for m in _SPACE_RUN.finditer(text):
        start, end = m.span()
        if start == 0 or text[start - 1] == "\n" or end == len(text) or text[end] == "\n":
            spans.append((start, end))
    return spans


def _broken_fragments(
    text: str, spans: list[tuple[int, int]], pending: list[tuple[int, int, int, str]]
) -> list[tuple[int, int]]:
    """Find '?'+pinyin mojibake, schedule its removal and a warning; return the fragments."""
    found: list[tuple[int, int]] = []
    for match in _BROKEN_FRAGMENT.finditer(text):
        if not _HAS_TONE.search(match.group()):
            continue
        start, end = match.span()
        found.append((start, end))
        spans.append((start, end))
        pending.append(_warning_place(text, start, end, f"broken pinyin fragment {match.group()!r} removed"))
    return found


def _warning_place(text: str, start: int, end: int, what: str) -> tuple[int, int, int, str]:
    """The source range a corruption warning points at: the fragment with its neighbours."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = start
    for _ in range(2):  # two real characters before the fragment, skipping pinyin annotations
        debris = _PINYIN_PAREN_BEFORE.search(text, max(line_start, before - 9), before)
        if debris:
            before = debris.start()
        before = max(line_start, before - 1)
    tail = _MOJIBAKE_TAIL.match(text, end)
    after = tail.end() if tail else min(line_end, end + 1)
    snippet = text[before:after]
    message = (
        f"corrupted characters in the source near {snippet!r}: {what}; the words around it may be "
        "garbled, check this passage against the original document"
    )
    return before, after, start, message


def _delete(spans: Iterable[tuple[int, int]], text: str, origin: list[int], *aligned: str) -> tuple[Any, ...]:
    """Remove the union of ``spans`` from ``text``, its ``origin`` table and aligned strings.

    Returns ``(text, origin)`` or, with aligned strings, ``(text, origin, *aligned)``.
    """
    keep: list[tuple[int, int]] = []
    position = 0
    for start, end in sorted(spans):
        if start > position:
            keep.append((position, start))
        position = max(position, end)
    if position < len(text):
        keep.append((position, len(text)))
    if len(keep) == 1 and keep[0] == (0, len(text)):
        return (text, origin, *aligned)
    new_origin: list[int] = []
    for start, end in keep:
        new_origin += origin[start:end]
    new_origin.append(origin[-1])
    cut = ["".join([s[a:b] for a, b in keep]) for s in (text, *aligned)]
    return (cut[0], new_origin, *cut[1:])
