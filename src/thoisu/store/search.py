"""Full-text search: queries folded like the index, filters, and snippets highlighted on the original text."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from thoisu.errors import InputError
from thoisu.store.fold import fold, folded_words

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')


@dataclass
class Filters:
    """What a search, timeline or question is restricted to; every field optional."""

    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    outlet: str | None = None
    entity: str | None = None  # knowledge-base id: a mention of it or an event actor
    event_type: str | None = None  # PLOVER type
    countries: tuple[str, str] | None = None  # an event between these two countries (either direction)

    def clauses(self, doc: str = "d") -> tuple[list[str], list[Any]]:
        """SQL conditions on the documents table aliased ``doc``, and their parameters."""
        sql: list[str] = []
        params: list[Any] = []
        if self.since:
            sql.append(f"{doc}.published >= ?")
            params.append(_day(self.since, "since").isoformat())
        if self.until:
            sql.append(f"{doc}.published < ?")
            params.append((_day(self.until, "until") + timedelta(days=1)).isoformat())
        if self.outlet:
            sql.append(f"{doc}.outlet = ?")
            params.append(self.outlet)
        if self.entity:
            sql.append(f"(EXISTS (SELECT 1 FROM mentions m WHERE m.doc = {doc}.key AND m.entity_id = ?)"
                       f" OR EXISTS (SELECT 1 FROM event_actors a WHERE a.doc = {doc}.key AND a.entity_id = ?))")
            params += [self.entity, self.entity]
        if self.event_type:
            sql.append(f"EXISTS (SELECT 1 FROM events e WHERE e.doc = {doc}.key AND e.type = ?)")
            params.append(self.event_type.upper())
        if self.countries:
            first, second = (c.upper() for c in self.countries)
            sql.append(
                f"EXISTS (SELECT 1 FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id"
                f" WHERE s.doc = {doc}.key AND s.role = 'source' AND t.role = 'target'"
                f" AND ((s.country = ? AND t.country = ?) OR (s.country = ? AND t.country = ?)))"
            )
            params += [first, second, second, first]
        return sql, params


@dataclass
class Hit:
    """One found document: where it is, how well it matched, and a snippet with the matches marked."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # offsets into snippet
    story_id: str | None = None

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet with every highlight wrapped in ``before`` … ``after``."""
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.snippet[last:start], before, self.snippet[start:end], after]
            last = end
        return "".join(out) + self.snippet[last:]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the marked snippet."""
        return {**asdict(self), "highlights": [list(h) for h in self.highlights], "marked": self.marked()}


@dataclass
class Query:
    """A parsed query: terms every hit must hold, and word runs whose adjacency ranks a hit higher."""

    terms: list[list[str]]  # folded words; a quoted phrase is one term
    runs: list[list[str]]  # unquoted words as typed: Vietnamese words are several syllables ("quan doi")

    def match_expressions(self) -> list[str]:
        """FTS5 MATCH expressions, strictest first: typed runs as phrases, then every word anywhere.

        Terms are quoted so that no word reads as an FTS5 operator.
        """
        phrases = [t for t in self.terms if len(t) > 1] + self.runs
        strict = " AND ".join(_quoted(t) for t in phrases)
        loose = " AND ".join(_quoted(t) for t in self.terms)
        return [strict, loose] if strict != loose else [loose]

    def tsqueries(self) -> list[str]:
        """PostgreSQL tsquery texts (simple configuration), strictest first, like match_expressions."""
        phrases = [t for t in self.terms if len(t) > 1] + self.runs
        strict = " & ".join(_tsphrase(t) for t in phrases)
        loose = " & ".join(_tsphrase(t) for t in self.terms)
        return [strict, loose] if strict != loose else [loose]

    def highlight_terms(self, folded_text: str) -> list[list[str]]:
        """What to mark in a text: a run where it occurs whole, else its words; quoted phrases as they are."""
        marks = [t for t in self.terms if len(t) > 1]
        for run in self.runs:
            whole = len(run) > 1 and _pattern(run).search(folded_text)
            marks += [run] if whole else [[w] for w in run]
        return marks


def parse_query(query: str) -> Query:
    """Split a query into terms and runs, folded like the index (so diacritics are optional both ways)."""
    terms: list[list[str]] = []
    runs: list[list[str]] = [[]]
    for phrase, word in _PHRASE_OR_WORD.findall(query):
        words = folded_words(phrase or word)
        if phrase:
            terms.append(words)
            runs.append([])
        else:
            terms += [[w] for w in words]
            runs[-1] += words
    return Query([t for t in terms if t], [r for r in runs if r])


def snippet(text: str, query: Query, width: int = 240) -> tuple[str, list[tuple[int, int]]]:
    """The window of ``text`` with the most matches of the query, and the matches' offsets inside it."""
    folded = fold(text)
    spans = sorted((m.start(), m.end()) for term in query.highlight_terms(folded) for m in _pattern(term).finditer(folded))
    if not spans:
        start = 0
    else:
        starts = [s for s, _ in spans]  # sorted: the matches in a window are found by bisection, not counted one by one
        best = max(range(len(spans)), key=lambda i: bisect_left(starts, starts[i] + width, lo=i) - i)
        start = max(0, spans[best][0] - width // 6)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace() and end - start < width + 30:
        end += 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    inside = [(s - start + len(prefix), e - start + len(prefix)) for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end].replace("\n", " ") + suffix, inside


def _quoted(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'


def _tsphrase(words: list[str]) -> str:
    return "(" + " <-> ".join("'" + w + "'" for w in words) + ")"


def _pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)")


def pair(text: str | None, option: str) -> tuple[str, str] | None:
    """Two comma-separated codes ("RUS,PRK") as a tuple, upper-cased; None for None."""
    if text is None:
        return None
    parts = [p.strip().upper() for p in text.split(",") if p.strip()]
    if len(parts) != 2:
        raise InputError(option, f"{text!r} is not two comma-separated ids such as RUS,PRK")
    return parts[0], parts[1]


def _day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(name, f"{value!r} is not a date; write it as YYYY-MM-DD") from None
