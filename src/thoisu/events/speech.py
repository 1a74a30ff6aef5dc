"""Reported speech: who says what with which verb ("Fomin cho biết …", "“…”, ông Putin nói", "Theo X, …")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.document import Actor, Entity
from thoisu.events.actors import actor_from, candidates, groups
from thoisu.events.lexicon import Lexicon
from thoisu.events.triggers import Syllable

_OPEN_QUOTES = "\"“«„"
_CLOSE_QUOTES = "\"”»“"
_LEAD_IN = re.compile(r"[\s:,]*(?:rằng\s+|thêm\s+|là\s+)?[\s:,]*")
_CLAUSE_BREAK = re.compile(r"[;:\"“”()]")
_ACCORDING_TO = re.compile(r"\s*(theo)\s+")
_NOT_CONTENT = re.compile(r"\s+(?:trong|tại|ở|trước|với|về)\b")
_ADJUNCT = re.compile(r"(?:hôm|ngày|tại|trong|vào|khi|sau|trước|hồi|thêm|hôm qua|tối|sáng|chiều)\b")
MAX_VERB_LEN = 3  # syllables in the longest speech verb
MAX_SPEAKER_GAP = 80  # characters between the speaker and the verb ("Fomin ngày 14/12 cho biết")


@dataclass
class Speech:
    """One act of reported speech in a sentence."""

    verb: tuple[int, int]
    speaker: Actor
    content: tuple[int, int]
    is_quote: bool  # False for "Theo X, …" attributions, which have no speech verb


def find_speech(text: str, lower: str, sentence: tuple[int, int], sylls: list[Syllable],
                entities: Sequence[Entity], lexicon: Lexicon) -> list[Speech]:
    """Every speech act in ``sentence``: speech verbs with their speaker and content, and "Theo X," lead-ins."""
    start, end = sentence
    found = []
    according = _according_to(lower, entities, start, end)
    if according:
        found.append(according)
    i = 0
    while i < len(sylls):
        key, verb_end = "", None
        for j in range(i, min(i + MAX_VERB_LEN, len(sylls))):
            key = f"{key} {sylls[j].key}" if key else sylls[j].key
            if key not in lexicon.prefixes:
                break
            if key in lexicon.speech_verbs:
                verb_end = j
        if verb_end is not None:
            speech = _speech_at(text, lower, entities, start, end, (sylls[i].start, sylls[verb_end].end))
            if speech:
                found.append(speech)
            i = verb_end
        i += 1
    return found


def _speech_at(text: str, lower: str, entities: Sequence[Entity], start: int, end: int,
               verb: tuple[int, int]) -> Speech | None:
    runs = groups(lower, [e for e in candidates(lower, entities, start, verb[0]) if e.label != "LOC"])
    speaker_run = None
    if runs:
        gap = lower[runs[-1][-1].end : verb[0]]
        if len(gap) <= MAX_SPEAKER_GAP and not _CLAUSE_BREAK.search(gap):
            speaker_run = runs[-1]
    if speaker_run is None or _NOT_CONTENT.match(lower, verb[1]):
        return None  # no one speaks ("tin đồn cho rằng"), or the verb takes a place, not words ("phát biểu tại")
    speaker = actor_from(speaker_run[-1])
    head = speaker_run[0].start
    comma = lower.rfind(",", start, head)
    after = _LEAD_IN.match(text, verb[1], end).end()
    rest = lower[verb[1] : end].strip(" .")
    postposed = len(rest) < 15 or bool(_ADJUNCT.match(rest))
    if comma > start + 20 and head - comma <= 40 and postposed:
        content = _strip(text, start, comma)  # "…, Tổng thống Putin cho biết hôm thứ Hai"
    elif after < end and text[after] in _OPEN_QUOTES:
        close = next((k for k in range(after + 1, end) if text[k] in _CLOSE_QUOTES), end)
        content = (after + 1, close)
    else:
        content = _strip(text, after, end)
    if content[1] - content[0] < 10:
        return None
    return Speech(verb, speaker, content, is_quote=True)


def _according_to(lower: str, entities: Sequence[Entity], start: int, end: int) -> Speech | None:
    """"Theo X, …": the rest of the sentence is attributed to X."""
    match = _ACCORDING_TO.match(lower, start)
    comma = lower.find(",", start, end)
    if match is None or comma < 0:
        return None
    sources = [e for e in candidates(lower, entities, match.end(), comma) if e.label != "LOC"]
    if not sources:
        return None
    return Speech(match.span(1), actor_from(sources[-1]), (comma + 1, end), is_quote=False)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _OPEN_QUOTES + _CLOSE_QUOTES + ",:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _OPEN_QUOTES + _CLOSE_QUOTES + ".,;:!?"):
        end -= 1
    return start, end
