"""The event coder: PLOVER/CAMEO events and quotes from a document's sentences, entities and times."""

from __future__ import annotations

from collections.abc import Sequence

from thoisu.document import Actor, Document, Entity, Event, EventDate, Quote, Span, Time
from thoisu.events.actors import Participants, attribute, location_of
from thoisu.events.lexicon import NOT_AN_EVENT, Lexicon, load_lexicon
from thoisu.events.modality import modality_of
from thoisu.events.speech import Speech, find_speech
from thoisu.events.triggers import Syllable, TriggerMatch, find_triggers, syllables
from thoisu.text.sentences import split_sentences

_NOMINAL = frozenset({"cuộc", "chuyến", "vòng", "kỳ", "phiên", "buổi", "hội", "lệnh"})
_CLAUSE_PUNCT = ";:"
_COOPERATIVE_INTENT = {"CONSULT": "036", "SUPPORT": "030", "COOPERATE": "030", "AID": "030"}
_STRUCTURE_SCORE = {"pattern": 1.0, "adjacent": 0.8, None: 0.4}
NOMINAL_WINDOW = 20
HOST_A_VISIT = "043"  # CAMEO "Host a visit": the grammatical subject is the host
SPEECH_ACTS = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
FACTUAL = frozenset({"asserted", "reported"})
UNREALIZED = frozenset({"planned", "hypothetical"})
_HAPPENING = frozenset({"diễn ra", "được tổ chức", "tổ chức", "xảy ra", "bắt đầu", "được thực hiện"})  # syllables after a nominal trigger ("cuộc gặp … sẽ không được tổ chức") read for cues


class EventCoder:
    """Pipeline step: codes events (type, mode, CAMEO, actors, date, place, modality) and quotes."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()

    def __call__(self, doc: Document) -> Document:
        """Add ``doc.events`` and ``doc.quotes``; works with whatever sentences/tokens/entities/times exist."""
        text, lower = doc.text, _lowercase(doc.analysis_text)
        sentences = [(s.start, s.end) for s in doc.sentences or split_sentences(text)]  # no segmenter ran: split here
        starts = {t.start for t in doc.tokens} if doc.tokens else None
        ends = {t.end for t in doc.tokens} if doc.tokens else None
        entities = sorted(doc.entities, key=lambda e: (e.start, -e.end))
        names = [e for e in entities if e.label != "MISC"]
        times = sorted((t for t in doc.times if _is_date(t)), key=lambda t: t.start)
        events: list[Event] = []
        quotes: list[Quote] = []
        anchor: Time | None = None  # the last time expression read: later sentences inherit it
        for start, end in sentences:
            sylls = syllables(doc.analysis_text, start, end)
            speeches = find_speech(text, lower, (start, end), sylls, entities, self.lexicon)
            quotes.extend(
                Quote(s.content[0], s.content[1], speaker=s.speaker, verb=Span(*s.verb)) for s in speeches if s.is_quote
            )
            in_sentence = [t for t in times if start <= t.start < end]
            matches = [
                m for m in find_triggers(sylls, self.lexicon, starts, ends)
                if m.entry.type != NOT_AN_EVENT
                # part of a name: "Hội nghị thượng đỉnh G20" is not a meeting report by itself
                and not any(e.start <= m.start and m.end <= e.end for e in names)
            ]
            for match in matches:
                event = self._code(doc, lower, entities, (start, end), sylls, speeches, in_sentence, anchor, match,
                                   matches)
                _merge(events, event)
            if in_sentence:
                anchor = in_sentence[-1]
        doc.events = events
        doc.quotes = quotes
        return doc

    def _code(self, doc: Document, lower: str, entities: Sequence[Entity], sentence: tuple[int, int],
              sylls: list[Syllable], speeches: list[Speech], times: list[Time], anchor: Time | None,
              match: TriggerMatch, matches: list[TriggerMatch]) -> Event:
        entry = match.entry
        speech = _governing_speech(speeches, match)
        region = speech.content if speech else _clause(lower, sentence, match)
        previous = max((m for m in matches if m.start < match.start), key=lambda m: m.start, default=None)
        sides = attribute(doc.text, lower, entities, region[0], region[1], (match.start, match.end), entry,
                          self.lexicon, previous)
        if entry.code.cameo == HOST_A_VISIT:
            sides.sources, sides.targets = sides.targets, sides.sources  # PLOVER: the visitor acts, the host receives
        cue = _modality(sylls, region, match, self.lexicon)
        speech_act = speech is not None and speech.speaker is not None and not sides.sources and entry.type in SPEECH_ACTS
        if speech_act:
            sides.sources, sides.how = [speech.speaker], "pattern"  # the statement is the event: the speaker acts
        modality = cue or ("reported" if speech and not speech_act else "asserted")
        date_region = (sentence[0], speech.verb[1]) if speech_act else region
        code = entry.code
        if modality == "planned" and entry.type in _COOPERATIVE_INTENT:
            code = self.lexicon.codes_by_cameo[_COOPERATIVE_INTENT[entry.type]]  # CAMEO codes intent, not the act
        return Event(
            type=entry.type,
            trigger=Span(match.start, match.end),
            sentence=Span(*sentence),
            mode=entry.mode,
            cameo=code.cameo,
            goldstein=code.goldstein,
            quad_class=code.quad_class,
            sources=sides.sources,
            targets=sides.targets,
            reciprocal=sides.reciprocal,
            location=location_of(lower, entities, sentence[0], sentence[1], (match.start, match.end),
                                 [m.start for m in matches]),
            date=_date(doc, times, date_region, anchor, match, inside_only=speech is not None and modality in UNREALIZED),
            mentions=[Span(match.start, match.end)],
            modality=modality,
            attributed_to=speech.speaker if speech else None,
            confidence=_confidence(entry.weight, sides),
        )


def _lowercase(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_date(time: Time) -> bool:
    return time.type in ("DATE", "TIME") and bool(time.value) and not time.value.startswith("P")


def _governing_speech(speeches: list[Speech], match: TriggerMatch) -> Speech | None:
    inside = [s for s in speeches if s.content[0] <= match.start and match.end <= s.content[1]
              and not (s.verb[0] <= match.start < s.verb[1])]
    return min(inside, key=lambda s: s.content[1] - s.content[0]) if inside else None


def _clause(lower: str, sentence: tuple[int, int], match: TriggerMatch) -> tuple[int, int]:
    """The part of the sentence around the trigger between ';' or ':' marks."""
    start, end = sentence
    before = max(lower.rfind(p, start, match.start) for p in _CLAUSE_PUNCT)
    after = [i for i in (lower.find(p, match.end, end) for p in _CLAUSE_PUNCT) if i >= 0]
    return (before + 1 if before >= 0 else start), (min(after) if after else end)


def _modality(sylls: list[Syllable], region: tuple[int, int], match: TriggerMatch, lexicon: Lexicon) -> str | None:
    before = [s for s in sylls if region[0] <= s.start and s.end <= match.start]
    clause_start = max((i + 1 for i, s in enumerate(before) if s.key in ("nhưng", "song", "còn")), default=0)
    modality = modality_of(before[clause_start:], lexicon)
    if modality is None and _is_nominal(sylls, match):
        after = [s for s in sylls if s.start >= match.end and s.end <= region[1]][:NOMINAL_WINDOW]
        keys = [s.key for s in after]
        predicate = next((i for i in range(len(keys)) for p in _HAPPENING
                          if keys[i : i + len(p.split())] == p.split()), None)
        if predicate is not None:  # "cuộc gặp … sẽ không thể được tổ chức": cues on the meeting's own predicate
            modality = modality_of(after[:predicate], lexicon, anywhere=True)
    return modality


def _is_nominal(sylls: list[Syllable], match: TriggerMatch) -> bool:
    first = next((i for i, s in enumerate(sylls) if s.start == match.start), None)
    if first is None:
        return False
    return sylls[first].key in _NOMINAL or (first > 0 and sylls[first - 1].key in _NOMINAL)


def _date(doc: Document, times: list[Time], region: tuple[int, int], anchor: Time | None,
          match: TriggerMatch, inside_only: bool) -> EventDate:
    """The nearest time expression of the trigger's region, else the running anchor, else publication.

    For planned or hypothetical events in reported speech only the speech's own times govern: "hôm 27/12 …
    cho biết … sẽ đàm phán" does not date the talks to the day they were announced.
    """
    local = [t for t in times if region[0] <= t.start < region[1]] or ([] if inside_only else times)
    if local:
        nearest = min(local, key=lambda t: match.start - t.end if t.end <= match.start else t.start - match.end)
        return EventDate(nearest.value, Span(nearest.start, nearest.end))
    if anchor is not None:
        return EventDate(anchor.value, Span(anchor.start, anchor.end))
    return EventDate(doc.published[:10] if doc.published else None, None, from_published=True)


def _confidence(weight: float, sides: Participants) -> float:
    structure = _STRUCTURE_SCORE[sides.how]
    found = 0.6 + 0.25 * bool(sides.sources) + 0.15 * bool(sides.targets)
    return round(weight * structure * found, 2)


def _actor_keys(event: Event) -> frozenset[str]:
    """Who takes part, by country when known: "nước này" and "Trung tâm … của Nga" are both Russia."""
    return frozenset(_actor_key(a) for a in event.sources + event.targets)


def _actor_key(actor: Actor) -> str:
    if actor.cameo and len(actor.cameo) >= 3 and actor.cameo[:3].isalpha():
        return actor.cameo[:3]
    return actor.entity_id or " ".join(actor.text.lower().split())


def _dates_compatible(a: EventDate | None, b: EventDate | None) -> bool:
    """Dates that can be the same day: equal where both are known ('X' and missing tail match anything)."""
    if a is None or b is None or a.from_published or b.from_published or not a.value or not b.value:
        return True
    return all(x == y or "X" in (x, y) for x, y in zip(a.value, b.value, strict=False))


def _same_parties(a: frozenset[str], b: frozenset[str]) -> bool:
    """Equal, or one names part of a pair the other names ("cuộc họp" of Ukraine and NATO, then "Klochko")."""
    return bool(a) and bool(b) and (a == b or ((a < b or b < a) and max(len(a), len(b)) <= 2))


def _modalities_compatible(a: str, b: str) -> bool:
    return a == b or {a, b} <= FACTUAL


def _merge(events: list[Event], event: Event) -> None:
    """Add ``event``, or add its trigger as a mention of the same real-world event already coded.

    Same event: same type and mode, the same participants by country (or part of the same pair), both factual or
    of the same modality, and dates that can be the same day.
    """
    keys = _actor_keys(event)
    if keys:
        for known in events:
            known_keys = _actor_keys(known)
            if (known.type == event.type and known.mode == event.mode and _same_parties(known_keys, keys)
                    and _modalities_compatible(known.modality, event.modality)
                    and _dates_compatible(known.date, event.date)):
                known.mentions.append(event.trigger)
                known.confidence = max(known.confidence or 0.0, event.confidence or 0.0)
                return
    events.append(event)
