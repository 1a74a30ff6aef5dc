"""Tone-mark placement normalized to one convention, without changing string length.

Vietnamese writes the same syllable two ways: "hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/"khỏe".
For analysis (matching, search, lexicons) we use the traditional placement that most of
the press uses ("hòa", "thủy", "Thụy Điển"):

* a vowel carrying a shape mark (ă â ê ô ơ ư) takes the tone; in "ươ" the ơ does;
* the u of "qu" and the i of "gi" belong to the onset, not the vowel group;
* otherwise a single vowel takes it; of two vowels the first does in an open syllable
  ("hòa", "múa") and the second before a final consonant ("hoàn", "quyết");
  of three vowels the middle one does ("ngoài", "khuỷu").

In NFC every toned vowel is one code point, so moving a tone never changes the length:
offsets computed on the normalized text are offsets into the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_SHAPED = set("ăâêôơưĂÂÊÔƠƯ")
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_CODAS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
_WORD = re.compile(r"\b([^\W\d_]{2,7})\b")  # captured: split() keeps the words, at the odd indices
_TONED = re.compile("[" + _TONES + "]")


@lru_cache(maxsize=256)  # a document's text is normalized for its id twice in cleaning and again for analysis_text
def normalize_tones(text: str) -> str:
    """``text`` (NFC) with tone marks placed by the traditional convention."""
    pieces = _WORD.split(text)  # no match object nor callback per word, as sub() would take
    pieces[1::2] = map(_syllable, pieces[1::2])
    return "".join(pieces)


@lru_cache(maxsize=65536)
def _syllable(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = _TONED.findall(decomposed)
    if len(tones) != 1:
        return word
    bare = unicodedata.normalize("NFC", _TONED.sub("", decomposed))
    if len(bare) != len(word):
        return word
    target = _tone_position(bare)
    if target is None:
        return word
    toned = unicodedata.normalize("NFC", unicodedata.normalize("NFD", bare[target]) + tones[0])
    result = bare[:target] + toned + bare[target + 1 :]
    return result if len(result) == len(word) else word


def _tone_position(bare: str) -> int | None:
    """Index of the letter that carries the tone in a toneless syllable, or None if not Vietnamese."""
    lower = bare.lower()
    first = next((i for i, c in enumerate(lower) if c in _VOWELS), None)
    if first is None:
        return None
    if lower[first] in "ui" and first > 0 and lower[first - 1 : first + 1] in ("qu", "gi"):
        if first + 1 < len(lower) and lower[first + 1] in _VOWELS:
            first += 1
    end = first
    while end < len(lower) and lower[end] in _VOWELS:
        end += 1
    if lower[end:] not in _CODAS or any(c in _VOWELS for c in lower[end:]):
        return None
    group = range(first, end)
    if not 1 <= len(group) <= 3:
        return None
    shaped = [i for i in group if lower[i] in _SHAPED]
    if shaped:
        return shaped[-1]  # "ươ": the ơ; otherwise the only shaped vowel
    if len(group) == 1:
        return first
    if len(group) == 2:
        return first + 1 if lower[end:] else first
    return first + 1
