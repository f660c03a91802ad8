"""Regular expressions built from word lists (the vocabularies' terms)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

NEVER = "(?!)"  # a pattern that matches nothing


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
    trie: dict[str, Any] = {}
    for word in words:
        if word:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}
    if not trie:
        return "(?!)"

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: longer words first, then this one
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return build(trie)


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
    anywhere is tried branch by branch at every position; apart, the branches that start a
    line fail at once where no line starts, and the others share a quick test of their first
    character. Only for a yes or no: the match found may differ.
    """
    branches = top_level_alternatives(pattern)
    anchored = [b for b in branches if b.startswith("^")]
    if not anchored or len(anchored) == len(branches) or _BRANCH_COUPLING.search(pattern):
        return (re.compile(pattern, flags),)
    try:
        parts = (re.compile("|".join(b for b in branches if not b.startswith("^")), flags),
                 re.compile("|".join(anchored), flags))
    except re.error:  # a branch cut where it should not be: the pattern whole
        return (re.compile(pattern, flags),)
    return parts


def search_any(parts: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether any of ``parts`` (``search_parts``) finds something in ``text``."""
    return any(p.search(text) is not None for p in parts)
