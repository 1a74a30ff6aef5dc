"""Sentence splitting for Vietnamese news text: regular expressions, one linear pass.

A sentence ends at ".", "!", "?" or an ellipsis (with any closing quotes and brackets after
it) when the next character starts a sentence (an upper-case letter, a digit, an opening
quote or bracket, a dash), and always at the end of a line: lines, and so paragraphs, never
share a sentence. A period does not end a sentence after an abbreviation from
data/text/abbreviations.tsv ("TP.", "PGS.TS."), after an initial ("Bảo Th.", "J. Biden") unless a common sentence opener follows it
(data/text/sentence_openers.tsv: "cháu N. Đây là…"),
after a list number at the start of a sentence ("1. Giới thiệu"), or inside a number,
date, URL or e-mail address (no space follows it there: "3.000", "19.8.2005", "vnexpress.net").
"""

from __future__ import annotations

import re

from thoisu.document import Sentence
from thoisu.text.lexicon import abbreviations, sentence_openers

_LINE = re.compile(r"[^\n]+")
# terminal punctuation, then closing quotes/brackets, then the next non-space character (if any)
_END = re.compile(r"(?:[.!?…]+)[\"'”’»)\]]*(?=\s|$)\s*(\S?)")
_STARTS_SENTENCE = re.compile(r"[^\W\d_]|\d|[\"'“‘«(\[\-–—•*]")
# the token right before a period: up to the last space or opening quote/bracket
_TOKEN_BEFORE = re.compile(r"[^\s\"'“‘«(\[]*\.\Z")
_INITIAL = re.compile(r"[A-ZĐ][bcdfghjklmnpqrstvwxzđ]{0,2}\.")  # a consonant-only capital: "Th.", "J."
_LIST_NUMBER = re.compile(r"\d{1,3}\.|[IVX]{1,4}\.|[a-z]\.")
_SYLLABLE = re.compile(r"[^\W\d_]+")
_LOOKBACK = 40  # longest token examined before a period


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` as spans into it, in order, without surrounding whitespace."""
    no_end = {a.form for a in abbreviations() if not a.can_end}
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        start = _skip_space(text, line.start(), line.end())
        for end in _END.finditer(text, start, line.end()):
            next_char = end.group(1)
            if next_char and (next_char.islower() or not _STARTS_SENTENCE.match(next_char)):
                continue
            stop = end.start(1) if next_char else end.end()
            if _is_period(text, end.start()) and not _period_ends(text, start, end.start(), end.start(1), no_end):
                continue
            stop = _trim(text, start, stop)
            if stop > start:
                sentences.append(Sentence(start, stop))
            start = _skip_space(text, stop, line.end())
        last = _trim(text, start, line.end())
        if last > start:
            sentences.append(Sentence(start, last))
    return sentences


def _is_period(text: str, position: int) -> bool:
    """True when the terminal punctuation at ``position`` is a single period (not "...", "!", "?")."""
    return text[position] == "." and text[position + 1 : position + 2] != "."


def _period_ends(text: str, sentence_start: int, dot: int, following: int, no_end: set[str]) -> bool:
    """Whether the period at ``dot`` ends the sentence that began at ``sentence_start``; ``following`` starts the next word."""
    window = max(sentence_start, dot - _LOOKBACK)
    token = _TOKEN_BEFORE.search(text, window, dot + 1)
    word = token.group() if token else "."
    if word in no_end:
        return False
    if _INITIAL.fullmatch(word):  # "anh T. Sau đó" ends a sentence, "J. Biden" does not
        next_word = _SYLLABLE.match(text, following)
        return bool(next_word) and next_word.group() in sentence_openers()
    return not (token and token.start() == sentence_start and _LIST_NUMBER.fullmatch(word))


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
