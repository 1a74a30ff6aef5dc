"""Vietnamese word segmentation: syllables joined into words by a CRF ("Hà Nội", "thiết lập").

Text is cut into units (syllables, numbers, dates, URLs, abbreviations, punctuation) by one
regular expression; a CRF tags each unit B (starts a word) or I (continues the previous
one). Features come from the unit and its neighbours and from a dictionary of
multi-syllable words; everything that depends on a unit alone is computed once per distinct
unit and cached, so segmenting costs a few dictionary look-ups per syllable.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from underthesea_core import CRFTagger

from thoisu.document import Token
from thoisu.errors import ResourceError
from thoisu.text.lexicon import abbreviation_pattern
from thoisu.text.tones import normalize_tones

MODEL_DIR = resources.files("thoisu") / "data" / "models" / "words"
MODEL_FILE = "crf.model"
DICTIONARY_FILE = "dictionary.txt"

_LETTER = r"[^\W\d_]"
# each match is the whitespace before a unit, then the unit: findall then yields every unit and,
# from the lengths alone, its offsets (between units there is only whitespace: ``\S`` matches anything else)
_SPACE_AND_UNIT = re.compile(
    r"(\s*)("
    + "|".join(
        [
            r"(?:https?://|www\.)[^\s<>\"'“”]*[^\s<>\"'“”.,;:!?)\]]",  # URL
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
            r"\w+(?:\.\w+)*\.(?:vn|com|net|org|gov|edu|info)\b",  # bare domain: vnexpress.net
            r"\d+" + _LETTER + r"[\w-]*",  # code starting with digits: 43H-016, 4G
            r"\d+(?:[.,:/-]\d+)*%?",  # number, date, time, percent: 3.000, 3,2, 19-8-2005, 14/12, 95%
            r"[A-ZĐ]+(?:\.[A-ZĐ]+)+\.?",  # dotted acronym: TP.HCM, T.Ư
            abbreviation_pattern(),  # TP., PGS.TS., Mr.
            r"(?<!\w)[B-DF-HJ-NP-TV-ZĐ][bcdfghjklmnpqrstvwxzđ]?\.(?=\s*[\w,)])",  # initial: H., Th., J.
            r"[\w\u0300-\u036f]+(?:[-'’][\w\u0300-\u036f]+)*",  # syllable (maybe decomposed), Wai-kru, COVID-19
            r"\.{2,}|…",  # ellipsis
            r"\S",  # any other punctuation, one character at a time
        ]
    )
    + ")"
)

_DIGIT = re.compile(r"\d")  # numbers are keyed by shape: "2005" and "1975" both read "0000"

# unit shapes: a small closed set, cheap to combine
_LOWER, _TITLE, _UPPER, _NUMBER, _PUNCT, _MIXED = "l", "t", "u", "n", "p", "m"


def units(text: str) -> list[tuple[int, int]]:
    """Spans of the units (syllables, numbers, punctuation…) of ``text``, in order."""
    _, bounds = unit_bounds(text)
    return list(zip(bounds[1::2], bounds[2::2]))


def unit_bounds(text: str, start: int = 0) -> tuple[list[str], list[int]]:
    """The units of ``text`` and their offsets plus ``start``: unit k spans ``bounds[2k + 1]`` to ``bounds[2k + 2]``."""
    pieces = list(itertools.chain.from_iterable(_SPACE_AND_UNIT.findall(text)))  # space, unit, space, unit…
    return pieces[1::2], list(itertools.accumulate(map(len, pieces), initial=start))


def _shape(unit: str) -> str:
    """The unit's shape letter: number, punctuation, lower, upper, title or mixed case."""
    if unit[0].isdigit():
        return _NUMBER
    if not unit[0].isalpha():
        return _PUNCT
    if unit.islower():
        return _LOWER
    if unit.isupper():
        return _UPPER
    if unit.istitle():
        return _TITLE
    return _MIXED


class Featurizer:
    """CRF features of a unit sequence, with per-unit parts cached across calls."""

    _CACHE_LIMIT = 500_000

    def __init__(self, dictionary: frozenset[str]) -> None:
        self.dictionary = dictionary
        self.openings = frozenset(" ".join(word.split(" ")[:2]) for word in dictionary)  # first two syllables
        self._cache: dict[str, tuple[str, str, str, str, str]] = {}

    def _unit(self, unit: str) -> tuple[str, str, str, str, str]:
        """Key, shape and the key's feature strings at offsets -1, 0 and +1; computed once per surface form."""
        if len(self._cache) > self._CACHE_LIMIT:
            self._cache.clear()
        key = _DIGIT.sub("0", normalize_tones(unicodedata.normalize("NFC", unit.lower())))
        parts = (key, _shape(unit), "-1:" + key, "0:" + key, "1:" + key)
        self._cache[unit] = parts
        return parts

    def features(self, words: list[str]) -> list[tuple[str, ...]]:
        """One feature tuple per unit of ``words`` (the units' surface strings)."""
        if not words:
            return []
        cache = self._cache
        parts = [cache[w] if w in cache else self._unit(w) for w in words]
        n = len(words)
        keys, shape_letters, lefts, centres, rights = zip(*parts)  # the parts as columns
        padded = ["<s>", "<s>", *keys, "</s>", "</s>"]
        # bigrams[j] joins padded[j] and padded[j + 1]; unit i sits at padded[i + 2]
        bigrams = [a + " " + b for a, b in itertools.pairwise(padded)]
        shapes = "^" + "".join(shape_letters) + "$"
        return list(
            zip(
                centres,
                ("-1:<s>", *lefts[:-1]),
                (*rights[1:], "1:</s>"),
                ["-1,0:" + b for b in bigrams[1 : n + 1]],
                ["0,1:" + b for b in bigrams[2 : n + 2]],
                ["-2,-1:" + b for b in bigrams[:n]],
                ["1,2:" + b for b in bigrams[3 : n + 3]],
                ["s:" + shapes[i : i + 3] for i in range(n)],
                *self._dictionary_features(keys, bigrams),
            )
        )

    def _dictionary_features(self, keys: Sequence[str], bigrams: list[str]) -> tuple[list[str], list[str]]:
        """Per unit: the longest dictionary words joining it to the previous unit, ending before it, starting at it."""
        n = len(keys)
        d = self.dictionary
        starting = [0] * n
        ending = [0] * (n + 1)  # ending[i]: longest word ending just before unit i
        joining = [0] * n
        openings = self.openings
        for i in [i for i in range(n - 1) if bigrams[i + 2] in openings]:
            two = bigrams[i + 2]
            three = two + " " + keys[i + 2] if i + 2 < n else ""
            if i + 3 < n and three + " " + keys[i + 3] in d:
                length = 4
            elif three in d:
                length = 3
            elif two in d:
                length = 2
            else:
                continue
            starting[i] = length
            ending[i + length] = max(ending[i + length], length)
            for j in range(i + 1, i + length):
                joining[j] = max(joining[j], length)
        return (
            [_DICTIONARY[j][e][s] for j, e, s in zip(joining, ending, starting)],
            [_JOINING[j] for j in joining],
        )


_DICTIONARY = [[[f"d:{j}{e}{s}" for s in range(5)] for e in range(5)] for j in range(5)]
_JOINING = [f"j:{length}" for length in range(5)]


class WordSegmenter:
    """Splits text into words with the bundled CRF model, loaded once."""

    def __init__(self, model_dir: Path | None = None) -> None:
        directory = Path(str(MODEL_DIR)) if model_dir is None else model_dir
        model_path = directory / MODEL_FILE
        dictionary_path = directory / DICTIONARY_FILE
        for path in (model_path, dictionary_path):
            if not path.is_file():
                raise ResourceError(f"word segmentation resource missing: {path}; reinstall thoisu")
        self.featurizer = Featurizer(read_dictionary(dictionary_path))
        self.tagger = CRFTagger()
        try:
            self.tagger.load(str(model_path))
        except Exception as error:  # the Rust loader raises plain exceptions
            raise ResourceError(f"word segmentation model unreadable: {model_path}: {error}") from error

    def tags(self, words: list[str]) -> list[str]:
        """B/I tags of a sequence of unit strings."""
        if not words:
            return []
        return self.tagger.tag(self.featurizer.features(words))

    def segment(self, text: str, start: int = 0) -> list[Token]:
        """Word tokens of ``text``, with offsets shifted by ``start`` (the position of ``text`` in a document)."""
        words, bounds = unit_bounds(text, start)
        if not words:
            return []
        tags = self.tags(words)
        # a word starts at each unit not tagged I (and at the first unit, whatever its tag)
        firsts = [0, *(k for k in range(1, len(tags)) if tags[k] != "I")]
        return [Token(bounds[2 * a + 1], bounds[2 * b]) for a, b in zip(firsts, [*firsts[1:], len(tags)])]


def read_dictionary(path: Path) -> frozenset[str]:
    """Multi-syllable words, one a line, lower case, syllables separated by one space ('#' lines are comments)."""
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.rstrip("\n") for line in lines if line.strip() and not line.startswith("#"))
