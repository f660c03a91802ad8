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
