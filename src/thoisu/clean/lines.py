"""One line of flattened page text: its features and its class from those features alone.

The class a line gets here does not look at its neighbours; ``thoisu.clean.flat`` then
reads the lines in order and decides, in context, what belongs to the article. Features:
length in words, sentence shape (terminal punctuation), jusText-style stopword density,
repetition on the page, diacritic-free slug shape, and whole-line patterns and cue headers
from ``data/clean/line_patterns.tsv`` and ``data/clean/cues.tsv``; and, for ``flat`` to
compare a paragraph with the article around it, its content bigrams.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from thoisu.errors import ResourceError

# Classes a line can get from its own features.
CUE = "cue"  # a header that opens a block of other headlines, comments or ads
PATTERN = "pattern"  # matched a line pattern; its reason says which family
SLUG = "slug"  # a diacritic-free slug ("quan doi nga va cac nuoc eu …")
SLUG_PREFIXED = "slug-prefixed"  # a headline behind an image's slug alt text
PARAGRAPH = "paragraph"  # long and sentence-shaped: what article bodies are made of
HEADLINE = "headline"  # a few words, not a finished sentence (or a line repeated on the page)
SHORT = "short"  # one word, a fragment

# Reasons a pattern only names, without removing the line by itself.
LABEL_ONLY_REASONS = frozenset({"banner"})

PARAGRAPH_MIN_WORDS = 8  # a sentence-shaped line this long is a paragraph
UNPUNCTUATED_PARAGRAPH_MIN_WORDS = 41  # a line this long is a paragraph even without final punctuation
PARAGRAPH_MIN_STOPWORD_DENSITY = 0.15  # Vietnamese body text runs at 0.4–0.6 with the bundled list
HEADLINE_MAX_WORDS = 40
CUE_MAX_CHARS = 60
HEADLINE_QUESTION_MAX_WORDS = 30
DIALOGUE_DASHES = ("- ", "– ", "— ")
DIALOGUE_MIN_WORDS = 3
HEADLINE_MAX_CHARS = 250
SLUG_MIN_WORDS = 4
SLUG_PREFIX_MIN_WORDS = 5
TERMINAL = ".!?…"
CLOSERS = "\"'”’»)]›"
SYLLABLE_RE = re.compile(r"[^\W\d_]+")
ASCII_WORD_RE = re.compile(r"[a-z0-9]+")
HYPHEN_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}")
SENTENCE_BREAK_RE = re.compile(r"[.!?…][\"'”’»)]*\s+\S")
CUE_COUNT_RE = re.compile(r"\s*[(\[]\d+[)\]]\s*$")


@dataclass(frozen=True)
class LinePattern:
    """A whole-line pattern and the family of boilerplate it marks."""

    reason: str
    max_chars: int
    regex: re.Pattern[str]  # searched in the case-folded line (case-insensitive search is far slower)
    original: re.Pattern[str]  # the same, case-insensitive, to take named groups from the line as written


@dataclass(frozen=True)
class LineRules:
    """The bundled line patterns, cue headers and stopwords, loaded once."""

    patterns: tuple[LinePattern, ...]
    cues: dict[str, str]  # cue key -> reason of the block it opens
    stopwords: frozenset[str]


@dataclass
class Line:
    """A non-blank line of the page with its features and local class."""

    text: str  # whitespace collapsed
    key: str  # comparison key: case-folded, NFC
    kind: str
    reason: str | None  # the pattern's or cue's reason
    match: re.Match[str] | None  # the pattern match (named groups: site, name)
    words: int
    repeated: bool  # the same line occurs elsewhere on the page

    @property
    def truncated(self) -> bool:
        """Ends in an ellipsis, as teasers cut to length do."""
        return self.text.endswith(("...", "…"))


@lru_cache(maxsize=1)
def line_rules() -> LineRules:
    """The bundled rules of ``data/clean``."""
    patterns = []
    for number, (reason, max_chars, pattern) in _rows("line_patterns.tsv", 3):
        try:
            compiled = (re.compile(pattern), re.compile(pattern, re.IGNORECASE))
            patterns.append(LinePattern(reason, int(max_chars), *compiled))
        except (ValueError, re.error) as error:
            raise ResourceError(f"data/clean/line_patterns.tsv: row {number} is malformed: {error}") from error
    cues = {cue_key(phrase): reason for _, (phrase, reason) in _rows("cues.tsv", 2)}
    stopwords = frozenset(word for _, (word, _frequency) in _rows("stopwords.tsv", 2))
    return LineRules(tuple(patterns), cues, stopwords)


def read_lines(markup: str, rules: LineRules) -> list[Line]:
    """The non-blank lines of ``markup``, each classified from its own features."""
    texts = [" ".join(raw.split()) for raw in markup.splitlines()]
    texts = [unicodedata.normalize("NFC", text) for text in texts if text]
    keys = [text.casefold() for text in texts]
    counts = Counter(keys)
    return [_classify(text, key, counts[key] > 1, rules) for text, key in zip(texts, keys)]


def cue_key(text: str) -> str:
    """How a cue header is compared: case-folded, no trailing colon or count."""
    text = CUE_COUNT_RE.sub("", " ".join(text.split())).rstrip(" :").casefold()
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """``text`` without Vietnamese diacritics ("đ" becomes "d"), as URL slugs are written."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slug_key(text: str) -> str:
    """The slug form of a line: no diacritics, lower case, words only, single spaces."""
    return " ".join(ASCII_WORD_RE.findall(strip_diacritics(text).lower()))


def sentence_shaped(text: str) -> bool:
    """Ends like a finished sentence (closing quotes and brackets aside)."""
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINAL


def stopword_density(text: str, stopwords: frozenset[str]) -> float:
    """The share of syllables that are stopwords (jusText's measure)."""
    syllables = SYLLABLE_RE.findall(text.lower())
    if not syllables:
        return 0.0
    return sum(map(stopwords.__contains__, syllables)) / len(syllables)


def content_bigrams(text: str, stopwords: frozenset[str]) -> set[str]:
    """Pairs of adjacent syllables, not both stopwords: what a paragraph shares with its own article."""
    syllables = SYLLABLE_RE.findall(text.lower())
    return {f"{a} {b}" for a, b in zip(syllables, syllables[1:]) if a not in stopwords or b not in stopwords}


def is_slug(text: str) -> bool:
    """A diacritic-free, lower-case run of words or a hyphenated URL slug."""
    if HYPHEN_SLUG_RE.fullmatch(text):
        return True
    words = text.split()
    return len(words) >= SLUG_MIN_WORDS and all(ASCII_WORD_RE.fullmatch(word) for word in words)


def slug_prefix_length(text: str) -> int:
    """How many leading words form a slug in front of a real headline (0 when none)."""
    words = text.split()
    count = 0
    for word in words:
        if not ASCII_WORD_RE.fullmatch(word):
            break
        count += 1
    if count < SLUG_PREFIX_MIN_WORDS or count == len(words):
        return 0
    following = words[count]
    return count if following[0].isupper() or not following.isascii() else 0


def _classify(text: str, key: str, repeated: bool, rules: LineRules) -> Line:
    words, length = len(text.split()), len(text)
    line = Line(text, key, SHORT, None, None, words, repeated)
    cue = rules.cues.get(cue_key(text)) if length <= CUE_MAX_CHARS else None
    if cue:
        line.kind, line.reason = CUE, cue
        return line
    for pattern in rules.patterns:
        if pattern.max_chars and length > pattern.max_chars:
            continue
        if pattern.regex.search(key):
            line.reason = pattern.reason
            line.match = pattern.original.search(text) if pattern.original.groupindex else None
            if pattern.reason not in LABEL_ONLY_REASONS:
                line.kind = PATTERN
                return line
            break
    if is_slug(text):
        line.kind = SLUG
    elif slug_prefix_length(text):
        line.kind = SLUG_PREFIXED
    elif not repeated and _paragraph_shaped(text, words, rules.stopwords):
        line.kind = PARAGRAPH
    elif repeated or (2 <= words <= HEADLINE_MAX_WORDS and length <= HEADLINE_MAX_CHARS and text[-1] not in ":,;"):
        line.kind = HEADLINE
    return line


def _paragraph_shaped(text: str, words: int, stopwords: frozenset[str]) -> bool:
    """Long enough, finished like a sentence, dense in stopwords, and not a one-question headline."""
    dialogue = text.startswith(DIALOGUE_DASHES)  # a turn of reported dialogue: "- Sao vậy?"
    if words < (DIALOGUE_MIN_WORDS if dialogue else PARAGRAPH_MIN_WORDS):
        return False
    if words < UNPUNCTUATED_PARAGRAPH_MIN_WORDS and not sentence_shaped(text):
        return False
    if not dialogue and _headline_question(text, words):
        return False
    return stopword_density(text, stopwords) >= PARAGRAPH_MIN_STOPWORD_DENSITY


def _headline_question(text: str, words: int) -> bool:
    """One short question or exclamation and nothing else: how headlines end, paragraphs seldom do."""
    stripped = text.rstrip(CLOSERS + " ")
    if not stripped.endswith(("?", "!")) or words > HEADLINE_QUESTION_MAX_WORDS:
        return False
    return not SENTENCE_BREAK_RE.search(stripped[:-1])


def _rows(name: str, width: int) -> list[tuple[int, list[str]]]:
    try:
        text = resources.files("thoisu").joinpath("data", "clean", name).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ResourceError(f"data/clean/{name} is missing; reinstall thoisu") from error
    rows = []
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.startswith("#")]
    for number, line in lines[1:]:  # the first row names the columns
        fields = line.split("\t")
        if len(fields) != width or not all(fields):
            raise ResourceError(f"data/clean/{name}: line {number} needs {width} tab-separated columns: {line!r}")
        rows.append((number, fields))
    return rows
