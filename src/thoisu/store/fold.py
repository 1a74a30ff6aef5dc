"""Diacritic folding for search: "Quân đội Nga" and "quan doi nga" become the same words.

The fold keeps the length of the text (one character in, one character out), so a match found in the folded
text is at the same offsets in the original: snippets are cut and highlighted on the original text.
"""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"\w+")


class _FoldTable(dict):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "đĐ":  # a letter of its own in Unicode, not d with a mark: NFD does not split it
            folded = "d"
        else:
            base = unicodedata.normalize("NFD", char)[0].lower()
            folded = base if len(base) == 1 else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, without tone and vowel marks, đ→d; same length as ``text``."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


def folded_words(text: str) -> list[str]:
    """The words of ``text`` after folding: what a query matches."""
    return WORD.findall(fold(text))
