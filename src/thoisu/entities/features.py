"""Syllables of raw Vietnamese text and the CRF features the entity recognizer reads.

The recognizer tags syllables, not words, so it needs no word segmenter. A syllable is a
run of letters/digits (with inner hyphens, apostrophes and dots: "Jong-un", "TP.HCM",
"50.000"); every other non-space character is a syllable of its own.

Features per syllable: identity (lowercase), shape, script (Vietnamese diacritics, plain
Latin, digits, punctuation), the share of capitalized uses in unlabeled news, word
clusters at three granularities learned from unlabeled news, affixes of non-Vietnamese
words, a ±2 window of these (±3 for the lowercase form), word bigrams, matches of
knowledge-base names, and how the same form is used in the sentences around it
(``story_features``: a common word that the story keeps capitalizing mid-sentence, "gặp
Bốn", is a name there). The features are grouped in slots (one form as seen from each
window position, one pair of neighbours) so that the recognizer can sum a slot's weights
once per distinct form or pair and tag a sentence by adding cached score vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from thoisu.entities.model_files import read_rows

SYLLABLE = re.compile(r"\w+(?:[-'’.]\w+)*|\S")
# after these a capital letter may just open a (quoted) sentence
SENTENCE_OPENERS = frozenset({".", "!", "?", ":", '"', "“", "…", "-", "–", "(", "[", "'", "‘"})
_ASCII_ALPHA = re.compile(r"[A-Za-z]+")
_VN_ONSETS = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]")


def syllable_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the syllables and punctuation marks of ``text``."""
    return [m.span() for m in SYLLABLE.finditer(text)]


def shape(form: str) -> str:
    """A coarse orthographic shape: Aa, AA, a, 0, mixed classes, or the punctuation itself."""
    if form.isdigit():
        return "0"
    if form.isalpha():
        if form.islower():
            return "a"
        if form.isupper():
            return "AA" if len(form) > 1 else "A"
        if form[0].isupper():
            return "Aa" if form[1:].islower() else "AaA"
        return "aA"
    if not any(c.isalnum() for c in form):
        return form
    classes = []
    for c in form:
        k = "A" if c.isupper() else "a" if c.isalpha() else "0" if c.isdigit() else "-"
        if not classes or classes[-1] != k:
            classes.append(k)
    return "".join(classes)


def script(form: str) -> str:
    """vn (has Vietnamese letters), latin (plain ASCII letters), foreign (ASCII, not a Vietnamese syllable), num, other."""
    if form.isdigit():
        return "num"
    if _ASCII_ALPHA.fullmatch(form):
        return "latin" if _VN_ONSETS.match(form.lower()) and len(form) <= 7 else "foreign"
    if form.isalpha():
        return "vn"
    return "other"


class Gazetteer:
    """Known names (syllable sequences) and what kind of name each is."""

    def __init__(self, entries: dict[tuple[str, ...], str]) -> None:
        self.entries = entries
        lengths: dict[str, set[int]] = {}
        for name in entries:
            lengths.setdefault(name[0], set()).add(len(name))
        self.lengths = {first: sorted(ls, reverse=True) for first, ls in lengths.items()}  # by first syllable, longest first

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        """Read a ``kind<TAB>name`` file (syllables separated by spaces; '#' lines are comments; first kind wins)."""
        entries: dict[tuple[str, ...], str] = {}
        for _, (kind, name) in read_rows(path, "gazetteer", "kind<TAB>name", columns=2):
            entries.setdefault(tuple(name.split(" ")), kind)
        return cls(entries)

    def matches(self, forms: Sequence[str]) -> list[tuple[int, int, str]]:
        """(first, past-last, kind) of the longest known names, greedy left to right."""
        found = []
        i = 0
        n = len(forms)
        lengths = self.lengths
        while i < n:
            for length in lengths.get(forms[i], ()):
                kind = self.entries.get(tuple(forms[i : i + length])) if i + length <= n else None
                if kind:
                    found.append((i, i + length, kind))
                    i += length
                    break
            else:
                i += 1
        return found

    def tags(self, forms: Sequence[str]) -> list[str]:
        """Per syllable, B-/I-<kind> of the known name covering it (see ``matches``), or ''."""
        out = [""] * len(forms)
        for first, last, kind in self.matches(forms):
            out[first] = "B-" + kind
            for j in range(first + 1, last):
                out[j] = "I-" + kind
        return out


class SyllableFeatures:
    """Turns a sentence's syllable forms into CRF feature lists, caching per-form features."""

    def __init__(self, clusters: dict[str, tuple[str, ...]], capitalized: dict[str, str], names: Gazetteer) -> None:
        self.clusters = clusters
        self.capitalized = capitalized
        self.names = names
        # tuples, not lists: once the collector sees they hold only strings it stops tracking them
        self._cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    def form_slots(self, form: str) -> tuple[tuple[str, ...], ...]:
        """Features of one form, eight slots: itself mid-sentence, itself sentence-initially, then as seen from -1, +1,
        -2, +2, -3, +3."""
        cached = self._cache.get(form)
        if cached is not None:
            return cached
        lower = form.lower()
        sh = shape(form)
        sc = script(form)
        cl = self.clusters.get(form) or self.clusters.get(lower) or ("-", "-", "-")
        cap = self.capitalized.get(lower, "?")
        own = [f"w={lower}", f"s={sh}", f"k={sc}", f"c1={cl[0]}", f"c2={cl[1]}", f"c3={cl[2]}", f"r={cap}", f"sr={sh}|{cap}"]
        if sc in ("foreign", "latin") and len(form) > 3:
            own += [f"x2={lower[-2:]}", f"x3={lower[-3:]}", f"p3={lower[:3]}"]
        # At the start of a sentence capitals say nothing: the shape features get their own names there.
        initial = [f"^{feat}" if feat.startswith(("s=", "sr=")) else feat for feat in own]
        result = (tuple(own), tuple(initial))
        for offset in ("-1", "+1", "-2", "+2"):
            near = offset in ("-1", "+1")
            feats = [f"{offset}w={lower}", f"{offset}s={sh}", f"{offset}c2={cl[1]}"]
            if near:
                feats += [f"{offset}c3={cl[2]}", f"{offset}r={cap}", f"{offset}k={sc}"]
            result += (tuple(feats),)
        result += ((f"-3w={lower}",), (f"+3w={lower}",))
        if len(self._cache) < 500_000:
            self._cache[form] = result
        return result

    def initial(self, forms: Sequence[str]) -> list[bool]:
        """Per syllable, whether it may open a sentence (first, or after an opener), where capitals mean little."""
        return [i == 0 or forms[i - 1] in SENTENCE_OPENERS for i in range(len(forms))]

    @staticmethod
    def bigram_slots(left: str, right: str) -> tuple[tuple[str], ...]:
        """Features of a pair of neighbouring forms (lowercase), four slots: as seen from the right one,
        from the left one, from the syllable after the pair, from the syllable before it."""
        pair = f"{left}|{right}"
        return ((f"b-={pair}",), (f"b+={pair}",), (f"b--={pair}",), (f"b++={pair}",))

    def context(self, forms: Sequence[str], around: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
        """Per syllable, the features that depend on the sentences around it (``around``: the syllable's
        ``story_features``), then those that depend on the whole sentence (``edge_items``)."""
        out: list[list[str]] = [list(features) for features in around] if around else [[] for _ in forms]
        for i, feature in self.edge_items(forms):
            out[i].append(feature)
        return out

    def edge_items(self, forms: Sequence[str]) -> list[tuple[int, str]]:
        """(syllable index, feature) pairs of the features that depend on the whole sentence: its edges (BOS, EOS)
        and the known names matched in it (a syllable's own tag, then its left and right neighbour's); a syllable's
        features come in that order."""
        n = len(forms)
        items = [(0, "BOS"), (n - 1, "EOS")] if n else []
        tags = self.names.tags(forms)
        if any(tags):
            for i, tag in enumerate(tags):
                if tag:
                    items.append((i, "kb=" + tag))
                if i and tags[i - 1]:
                    items.append((i, "kb-=" + tags[i - 1]))
                if i < n - 1 and tags[i + 1]:
                    items.append((i, "kb+=" + tags[i + 1]))
        return items

    def sentence(self, forms: Sequence[str], around: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
        """All feature strings, one list per syllable: form slots of the ±3 window, bigram slots, ``context``."""
        n = len(forms)
        per = [self.form_slots(f) for f in forms]
        lowers = [f.lower() for f in forms]
        pairs = [self.bigram_slots(lowers[k], lowers[k + 1]) for k in range(n - 1)]
        out = []
        for i, (initial, extra) in enumerate(zip(self.initial(forms), self.context(forms, around))):
            feats = list(per[i][1] if initial else per[i][0])
            if i:
                feats += per[i - 1][2] + pairs[i - 1][0]
            if i > 1:
                feats += per[i - 2][4] + pairs[i - 2][2]
            if i < n - 1:
                feats += per[i + 1][3] + pairs[i][1]
            if i < n - 2:
                feats += per[i + 2][5] + pairs[i + 1][3]
            if i > 2:
                feats += per[i - 3][6]
            if i < n - 3:
                feats += per[i + 3][7]
            out.append(feats + extra)
        return out


_SHARES = ("none", "0", "lo", "hi", "all")
# the "d=" feature of each share, by how the syllable is written (capital or not, at a sentence opening or not)
_SHARE_CAPITAL = {share: f"d={share}|A" for share in _SHARES}
_SHARE_LOWER = {share: f"d={share}|a" for share in _SHARES}
_SHARE_OPENING = {share: f"d={share}|^A" for share in _SHARES}
_SHARE_OPENING_LOWER = {share: f"d={share}|^a" for share in _SHARES}


def story_features(sentences: Sequence[Sequence[str]], window: int) -> list[list[list[str]]]:
    """Per syllable of each sentence, what the other sentences within ``window`` before and after say of its form.

    "d=": how they write the lowercase form mid-sentence (not after a sentence opener): "none" when they do not
    use it there, else the share written with a capital ("0", "lo" below half, "hi", "all"), joined with how this
    syllable is written ("A", "a"; "^" in front at a sentence opening). "dp=", "dn=": for a capitalized syllable,
    each word (lowercase) found right before or after the same form there ("tập đoàn Unilever": "dp=đoàn").
    """
    lowers = [[form.lower() for form in forms] for forms in sentences]
    openings = [[i == 0 or forms[i - 1] in SENTENCE_OPENERS for i in range(len(forms))] for forms in sentences]
    uses: list[dict[str, list[int]]] = [{} for _ in sentences] if len(sentences) > 1 else []
    neighbours: list[dict[str, dict[str, int]]] = [{} for _ in uses]
    for forms, low, opens, counts, near in zip(sentences, lowers, openings, uses, neighbours):
        last = len(forms) - 1
        for i, form in enumerate(forms):
            first = form[:1]
            if not first.isalpha():
                continue
            if not opens[i]:
                pair = counts.get(low[i])
                if pair is None:
                    pair = counts[low[i]] = [0, 0]
                pair[0] += 1
                pair[1] += first.isupper()
            if first.isupper():
                if i and forms[i - 1][:1].isalpha():
                    words = near.setdefault(form, {})
                    word = "dp=" + low[i - 1]
                    words[word] = words.get(word, 0) + 1
                if i < last and forms[i + 1][:1].isalpha():
                    words = near.setdefault(form, {})
                    word = "dn=" + low[i + 1]
                    words[word] = words.get(word, 0) + 1
    total: dict[str, list[int]] = {}
    total_neighbours: dict[str, dict[str, int]] = {}

    def add(k: int, sign: int) -> None:
        for lower, (seen, capital) in uses[k].items():
            pair = total.get(lower)
            if pair is None:
                pair = total[lower] = [0, 0]
            pair[0] += sign * seen
            pair[1] += sign * capital
        for form, words in neighbours[k].items():
            counts = total_neighbours.setdefault(form, {})
            for word, n in words.items():
                counts[word] = counts.get(word, 0) + sign * n

    for k in range(min(window, len(uses))):
        add(k, 1)
    out = []
    nothing = (0, 0)
    for k, (forms, low, opens) in enumerate(zip(sentences, lowers, openings)):
        if uses:  # slide the window: sentence k + window comes in, k - window - 1 goes out
            if k + window < len(uses):
                add(k + window, 1)
            if k - window - 1 >= 0:
                add(k - window - 1, -1)
        own = uses[k] if uses else {}
        own_neighbours = neighbours[k] if uses else {}
        shares: dict[str, str] = {}  # lowercase form -> share of capitals elsewhere, once per sentence
        feats: list[list[str]] = []
        for i, form in enumerate(forms):
            first = form[:1]
            if not first.isalpha():
                feats.append([])
                continue
            lower = low[i]
            share = shares.get(lower)
            if share is None:
                seen, capital = total.get(lower, nothing)
                mine = own.get(lower, nothing)
                seen, capital = seen - mine[0], capital - mine[1]
                if seen <= 0:
                    share = "none"
                else:
                    share = "0" if capital == 0 else "all" if capital == seen else "lo" if 2 * capital < seen else "hi"
                shares[lower] = share
            if first.isupper():
                here = [_SHARE_OPENING[share] if opens[i] else _SHARE_CAPITAL[share]]
                if form in total_neighbours:
                    mine_neighbours = own_neighbours.get(form, {})
                    here += [w for w, n in total_neighbours[form].items() if n > mine_neighbours.get(w, 0)]
            else:
                here = [_SHARE_OPENING_LOWER[share] if opens[i] else _SHARE_LOWER[share]]
            feats.append(here)
        out.append(feats)
    return out


def load_clusters(path: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Read ``form<TAB>coarse<TAB>mid<TAB>fine<TAB>capitalized-bucket`` rows into cluster and capitalization maps."""
    clusters: dict[str, tuple[str, ...]] = {}
    capitalized: dict[str, str] = {}
    for _, parts in read_rows(path, "word clusters", "5 tab-separated columns", columns=5):
        clusters[parts[0]] = (parts[1], parts[2], parts[3])
        if parts[4]:
            capitalized[parts[0].lower()] = parts[4]
    return clusters, capitalized
