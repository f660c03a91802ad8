"""Regular expressions built from word lists (the vocabularies' terms)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

NEVER = "(?!)"  # a pattern that matches nothing

try:  # the standard library's own parser of regular expressions (re._parser from Python 3.11)
    _sre_parse: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    _sre_parse = importlib.import_module("sre_parse")


def optional_pattern(data: Mapping[str, Any], key: str, flags: int = 0) -> re.Pattern[str]:
    """``data[key]`` compiled with ``flags``, or a pattern that never matches when a data file
    leaves the key out (a form a user's own vocabulary need not give)."""
    return re.compile(data.get(key, NEVER), flags)


def literal_alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest one where several fit.

    It matches exactly what ``"|".join(map(re.escape, words_longest_first))`` matches (and
    backtracks through the same choices), but as a character trie: each position tries
    one branch per next character instead of every word in turn, which is much faster for
    vocabularies of dozens or hundreds of words.  Empty words are ignored; no word gives a
    pattern that never matches.
    """
    branches = literal_branches(words)
    if not branches:
        return NEVER
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def literal_branches(words: Iterable[str]) -> list[str]:
    """The branches of :func:`literal_alternation`, one per first character of the words, each
    opening on that character (none without a word). Joined by ``|`` at the top of a pattern,
    with other branches that open on a literal, they let the engine skip to where a word can
    begin as it skips to one character; a group around them hides that from it."""
    trie: dict[str, Any] = {}
    for word in words:
        if word:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: longer words first, then this one
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    # the root holds no word's end (empty words are left out): its branches stand as they are
    return [re.escape(ch) + build(child) for ch, child in sorted(trie.items())]


def top_level_alternatives(pattern: str) -> list[str]:
    """The branches of ``pattern``'s outermost alternation (``a|(b|c)|d`` → ``a``, ``(b|c)``,
    ``d``), each as written; ``"|".join`` of them gives ``pattern`` back."""
    out: list[str] = []
    depth = 0
    in_class = False
    start = 0
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            # a ] right after [ or [^ is a member of the class, no end of it
            if pattern.startswith("^", i + 1):
                i += 1
            if pattern.startswith("]", i + 1):
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


# what makes one branch depend on another, or on the whole pattern: back references,
# conditionals and flags set for the whole pattern
_BRANCH_COUPLING = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)")


def search_parts(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], ...]:
    """Patterns that ``search`` finds something in exactly when ``re.compile(pattern, flags)``
    does: the branches that open on ``^`` compiled apart from the others.

    A long alternation mixing branches that must start a line with branches that may start
    anywhere is tried branch by branch at every position; apart, the others are tried only
    where one of them can begin (:func:`scanning_pattern`), and the branches that start a
    line only where a line starts: at the text's start (``\\A``) or after a line break, which
    opens their pattern so that the engine finds it as quickly as one character (``^`` with
    ``re.MULTILINE`` is tried at every position). Only for a yes or no: the match found may
    differ.
    """
    branches = top_level_alternatives(pattern)
    anchored = [b for b in branches if b.startswith("^")]
    multiline = bool(flags & re.MULTILINE)
    if not anchored or (len(anchored) == len(branches) and not multiline) or _BRANCH_COUPLING.search(pattern):
        return (re.compile(pattern, flags),)
    free = [b for b in branches if not b.startswith("^")]
    try:
        parts = [scanning_pattern("|".join(free), flags)] if free else []
        if multiline:
            rest = "|".join(b[1:] for b in anchored)
            parts += [re.compile(rf"\A(?:{rest})", flags), re.compile(rf"\n(?:{rest})", flags)]
        else:
            parts.append(re.compile("|".join(anchored), flags))
    except re.error:  # a branch cut where it should not be: the pattern whole
        return (re.compile(pattern, flags),)
    return tuple(parts)


def search_any(parts: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether any of ``parts`` (``search_parts``) finds something in ``text``."""
    return any(p.search(text) is not None for p in parts)


# what a class may hold by name, as written in a class again
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}
# inline flags that leave the characters a part matches as they are (^ and $, the dot, spacing)
_NEUTRAL_FLAGS = re.MULTILINE | re.DOTALL | re.VERBOSE
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")


class _Unknown(Exception):
    """A part of a pattern whose first characters are not read (any character, a negated
    class, a back reference, a flag that changes what characters match)."""


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _class_items(items: list[tuple[Any, Any]]) -> list[str]:
    out = []
    for op, av in items:
        name = op.name
        if name == "LITERAL":
            out.append(_char(av))
        elif name == "RANGE":
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif name == "CATEGORY" and av.name in _CATEGORIES:
            out.append(_CATEGORIES[av.name])
        else:
            raise _Unknown(name)
    return out


def _firsts(seq: Iterable[tuple[Any, Any]]) -> tuple[list[str], bool]:
    """The class items a match of the parsed sequence ``seq`` can begin with, and whether it
    can match the empty string (then what follows it can begin the match too)."""
    items: list[str] = []
    for op, av in seq:
        name = op.name
        if name == "LITERAL":
            return items + [_char(av)], False
        if name == "IN":
            return items + _class_items(av), False
        if name in _ZERO_WIDTH:
            continue  # an anchor or a look-around: the match begins with what follows it
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, sub = av
            if (add_flags | del_flags) & ~_NEUTRAL_FLAGS:
                raise _Unknown("flags")
            found, empty = _firsts(sub)
        elif name == "ATOMIC_GROUP":
            found, empty = _firsts(av)
        elif name == "BRANCH":
            found, empty = [], False
            for alternative in av[1]:
                alt_found, alt_empty = _firsts(alternative)
                found += alt_found
                empty = empty or alt_empty
        elif name in _REPEATS:
            low, high, sub = av
            if high == 0:
                continue
            found, empty = _firsts(sub)
            empty = empty or low == 0
        else:
            raise _Unknown(name)
        items += found
        if not empty:
            return items, False
    return items, True


def _scanned_quickly(seq: list[tuple[Any, Any]]) -> bool:
    """Whether the engine finds where a match of the parsed ``seq`` can begin on its own: the
    pattern opens on a literal, a class, or alternatives that each open on a literal."""
    while seq and seq[0][0].name == "SUBPATTERN" and not (seq[0][1][1] or seq[0][1][2]):
        seq = seq[0][1][3]
    if not seq:
        return False
    op, av = seq[0]
    if op.name in ("LITERAL", "IN"):
        return True
    return op.name == "BRANCH" and all(alt and alt[0][0].name == "LITERAL" for alt in av[1])


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class (``[...]``) of every character a match of ``pattern`` can begin
    with, or None when that is not known: the pattern can match the empty string, or a match
    can begin with any character (``.``, ``[^…]``), or it uses what is not read here (back
    references, conditionals, inline flags that change which characters match)."""
    try:
        items, empty = _firsts(_sre_parse.parse(pattern, flags))
    except (_Unknown, AttributeError, TypeError, ValueError, re.error):
        return None
    if empty or not items:
        return None
    return "[" + "".join(dict.fromkeys(items)) + "]"


def scanning_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` opened by a lookahead on the characters a match can begin
    with (:func:`first_chars`): the same matches, groups and group numbers.

    Python's engine skips quickly to where a match can begin only when the pattern opens on a
    literal, a class, or alternatives that each open on a literal; a pattern opening on a
    lookbehind, an optional part or alternatives of other kinds is tried whole at every
    position. The lookahead fails there at once. A pattern the engine already scans quickly
    is compiled as it is."""
    try:
        quick = _scanned_quickly(list(_sre_parse.parse(pattern, flags)))
    except (AttributeError, IndexError, TypeError, ValueError, re.error):
        quick = True  # not read: compiled as it is
    firsts = None if quick else first_chars(pattern, flags)
    if firsts is not None:
        try:
            return re.compile(f"(?={firsts})(?:{pattern})", flags)
        except re.error:  # pragma: no cover - a global inline flag, which must open the pattern
            pass
    return re.compile(pattern, flags)


def _required(seq: Iterable[tuple[Any, Any]]) -> str | None:
    for op, av in seq:
        name = op.name
        if name == "LITERAL":
            return chr(av)
        found = None
        if name == "SUBPATTERN" and not (av[1] | av[2]) & ~_NEUTRAL_FLAGS:
            found = _required(av[3])
        elif name in _REPEATS and av[0] >= 1:
            found = _required(av[2])
        if found is not None:
            return found
    return None


def required_char(pattern: str, flags: int = 0) -> str | None:
    """A character that every match of ``pattern`` holds (a literal it must match outside any
    alternative, optional part or look-around), or None when there is none to read: a text
    without that character holds no match, and need not be searched."""
    if flags & re.IGNORECASE:
        return None
    try:
        return _required(_sre_parse.parse(pattern, flags))
    except (AttributeError, IndexError, TypeError, ValueError, re.error):
        return None
