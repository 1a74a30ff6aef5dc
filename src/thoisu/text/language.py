"""Which language a text is in, and how much of it reads as Vietnamese syllables.

Vietnamese is told apart by its letters: words carrying the marks only Vietnamese uses (ă đ ơ ư and the
stacked tone letters ạ ấ ề ỗ …) that are also well-formed syllables. Other Latin-script languages are
told apart by their function words, other scripts by their code points.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources

from thoisu.errors import ResourceError

SAMPLE_CHARS = 5000  # enough words to decide; keeps detection O(1) on huge pages

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_STOP_FINALS = {"c", "ch", "p", "t"}
_STOP_TONES = {"\u0301", "\u0323"}
_WORD = re.compile(r"[^\W\d_]+")
# letters Vietnamese uses and the other Latin-script languages do not
_VIETNAMESE_ONLY = set("ăđơưĩũĂĐƠƯĨŨ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
_SCRIPTS = (  # (first, last code point, language)
    (0x0400, 0x04FF, "ru"),
    (0x0370, 0x03FF, "el"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"),
    (0x1780, 0x17FF, "km"),
    (0x3040, 0x30FF, "ja"),
    (0xAC00, 0xD7AF, "ko"),
    (0x3400, 0x9FFF, "zh"),
)
_IN_SCRIPTS = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last, _ in _SCRIPTS) + "]")
_VIETNAMESE_WORD_SHARE = 0.08  # Vietnamese prose has 25-50 % such words; a quoted Vietnamese name far fewer
_FUNCTION_WORD_SHARE = 0.08  # running text in any language has 25 %+ function words; a word list far fewer


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language ``text`` is written in ("vi", "en", "zh", …), or "und"."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS])
    script = _script_language(sample)
    if script:
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return "und"
    vietnamese = 0
    for word in words:  # counted only until the share is reached, a few hundred words into Vietnamese prose
        if not _VIETNAMESE_ONLY.isdisjoint(word) and is_vietnamese_syllable(word):
            vietnamese += 1
            if vietnamese / len(words) >= _VIETNAMESE_WORD_SHARE:
                return "vi"
    hits = Counter(lang for w in words for lang in _function_words().get(w, ()))
    if not hits:
        return "und"
    lang, count = hits.most_common(1)[0]
    if lang == "vi" and sum(map(is_vietnamese_syllable, words)) < 0.8 * len(words):
        return "und"  # unaccented function words alone are too weak unless every word is a syllable
    return lang if count / len(words) >= _FUNCTION_WORD_SHARE else "und"


def vietnamese_syllable_balance(text: str) -> int:
    """Accented words of ``text`` that are Vietnamese syllables, minus those that are not."""
    balance = 0
    for word in _WORD.findall(text):
        if not word.isascii():
            balance += 1 if is_vietnamese_syllable(word.lower()) else -1
    return balance


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """Whether the lower-case NFC ``word`` is a well-formed Vietnamese syllable (onset, vowels, final, tone)."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    parts = _syllable_parts()
    for onset in parts.onsets:
        if not bare.startswith(onset):
            continue
        rest = bare[len(onset) :]
        for final in parts.finals:
            if final and not rest.endswith(final):
                continue
            vowel = rest[: len(rest) - len(final)]
            if final:
                if vowel in parts.closed and (final not in _STOP_FINALS or set(tones) <= _STOP_TONES):
                    return True
            elif vowel in parts.open:
                return True
    return False


class _SyllableParts:
    """Onsets, finals and vowel groups of Vietnamese spelling, from the bundled table."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.onsets = [""] + [r[1] for r in rows if r[0] == "onset"]
        self.finals = [""] + [r[1] for r in rows if r[0] == "final"]
        vowels = [r for r in rows if r[0] == "vowel"]
        self.open = {r[1] for r in vowels if r[2] == "yes"}
        self.closed = {r[1] for r in vowels if r[3] == "yes"}


@lru_cache(maxsize=1)
def _syllable_parts() -> _SyllableParts:
    rows = _read_table("vietnamese_syllables.tsv", ("part", "letters", "open", "closed"))
    for row in rows:
        row.extend([""] * (4 - len(row)))
    return _SyllableParts(rows)


@lru_cache(maxsize=1)
def _function_words() -> dict[str, tuple[str, ...]]:
    languages: dict[str, list[str]] = {}
    for lang, word in _read_table("function_words.tsv", ("language", "word")):
        languages.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in languages.items()}


def _read_table(name: str, header: tuple[str, ...]) -> list[list[str]]:
    path = resources.files("thoisu") / "data" / "language" / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"language table {name} cannot be read: {exc}") from exc
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    if not rows or tuple(rows[0][: len(header)]) != header:
        raise ResourceError(f"language table {name}: expected the header {' / '.join(header)}")
    return rows[1:]


def _script_language(sample: str) -> str | None:
    """The language of the dominant non-Latin script, when most letters are in one."""
    counts: Counter[str] = Counter()
    letters = sum(map(str.isalpha, sample))
    for char in _IN_SCRIPTS.findall(sample):  # only the few characters that can be in a script scanned in Python
        if not char.isalpha():
            continue
        code = ord(char)
        for first, last, lang in _SCRIPTS:
            if first <= code <= last:
                counts[lang] += 1
                break
    if not counts:
        return None
    lang, count = counts.most_common(1)[0]
    if count * 2 < letters:
        return None
    if lang == "zh" and counts["ja"]:
        return "ja"  # Japanese mixes kana into Han text
    return lang
