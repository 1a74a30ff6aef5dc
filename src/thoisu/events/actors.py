"""Who did what to whom: an event's actors from the sentence's structure around its trigger.

Patterns, strongest first: "giữa A và/với B" (reciprocal, both sides), a nominal trigger's possessor ("lệnh bắt
giam của A đối với B"), an "A - B" pair after a symmetric trigger ("thượng đỉnh Mỹ - Triều"), a coordinated
subject of a symmetric trigger ("A và B hội đàm"), passive "A bị/được B <trigger>", "do A dẫn đầu", then subject
before / object after the trigger, an aside between them skipped ("A (tỉnh X) bắt giữ B", "A - người … - cáo buộc B").
Coordinated lists ("Anh, Pháp, Phần Lan và Thụy Điển") stay together as one side. Places after "tại", "ở", "trên
địa bàn", … (and the places listed after them) are where, not who. No one is found on both sides of one event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from thoisu.document import Actor, Entity
from thoisu.events.lexicon import Lexicon, TriggerEntry
from thoisu.events.triggers import TriggerMatch

ACTOR_LABELS = frozenset({"PER", "ORG", "GPE", "LOC"})
PLACE_LABELS = frozenset({"LOC", "GPE"})
# "tại/ở (thủ đô) X", "trên địa bàn X", "khu vực (tây) X", "bán đảo X": X is where
_LOCATIVE = re.compile(r"\b(?:(?:tại|ở)(?:\s+\w+){0,2}|(?:địa bàn|khu vực|vùng|eo biển|bán đảo)(?:\s+\w+)?)\s*$")
_PLACE_LIST = re.compile(r"\s*(?:,|\(|và)\s*")  # between the places of "xã X, huyện Y (tỉnh Z)"
_INTER = "liên "  # "inter-": "liên Triều"
_DESTINATION = re.compile(r"\b(?:đến|tới|sang|thăm)\s*$")
_TITLE_WORDS = (r"(?:\s+(?:người đồng cấp|người đứng đầu|ông|bà|các nước|nước|phía|lãnh đạo|tổng thống|thủ tướng"
                r"|chủ tịch|ngoại trưởng|bộ trưởng|thứ trưởng|các|tư lệnh|đại diện|quốc phòng|ngoại giao|lực lượng"
                r"|ban lãnh đạo|nhà lãnh đạo|quân đội|giới chức|bộ quốc phòng|bộ ngoại giao|phái đoàn|phe))*")
_COORDINATION = re.compile(r"^\s*(?:,|,?\s*và|,?\s*cùng với|,?\s*cùng|,?\s*hoặc|,?\s*cũng như)" + _TITLE_WORDS + r"\s*$")
_CLAUSE_BREAK = re.compile(r"[;:\"“”()]")
_PASSIVE = re.compile(r"\b(?:bị|được|nhận được)\b")
# "bị (ông) Tài đâm": the doer follows; not "bị cáo Sơn" (the defendant), not "biết được Sơn" (came to know)
_PASSIVE_AGENT = re.compile(r"(?<!biết\s)\b(?:bị|được)\s+(?:(?:ông|bà|anh|chị|cô|chú|em|cháu|đối tượng|nhóm)\s+)?$")
_BETWEEN = re.compile(r"\bgiữa\b")
_TOPIC = re.compile(r"\b(?:về|nhằm|để|liên quan)\b")  # "hội đàm về Ukraine": a topic, not the other side
_OF = re.compile(r"\s+của\s+")
_NOMINALIZER = re.compile(r"\b(?:cuộc|chuyến|lệnh|biện pháp|các|những|việc|sự|vụ)\s+$")  # "các biện pháp <trigger>"
_AGAINST = re.compile(r"\s*(?:đối với|nhằm vào|chống lại|chống|với)\s+(?:\w+\s+){0,2}?")
_BY = re.compile(r"\s*(?:bởi|từ)\s+")
_WITH = re.compile(r"\b(?:với|cùng với)\b")
_ANAPHOR = re.compile(r"\b(?:nước này|quốc gia này|phía này)\b")
_SECTOR_TAIL = r"\s+(?:các nước\s+|nước\s+|của\s+)?$"
_COORDINATED = re.compile(r"(?:,\s*|\s+)(?:và|rồi|đồng thời)\s+$")  # "A tiếp B …, và thúc giục C": A's second predicate
# an aside's closing mark, then at most auxiliaries before the trigger: "… Washington Post - đã cáo buộc", "… ) vừa"
_ASIDE_CLOSE = re.compile(r"(\)|[-–—])(?:\s+(?:đã|vừa|sẽ|đang|cũng|còn|mới|lại|từng|liên tục))*\s*$")
_PAIR_DASH = re.compile(r"\s*[-–]\s*")
_PAIR_BREAK = re.compile(r"[,;:\"“”()]|\b(?:của|với|và|giữa)\b")  # the pair must name the trigger's own sides
_LED_BY = re.compile(r"\bdo\b(.{1,80}?)\b(?:dẫn đầu|đứng đầu|chủ trì)\b")
MAX_SUBJECT_GAP = 120  # characters between the subject and its trigger
MAX_ASIDE = 150  # characters inside a "( … )" or " - … - " aside between a subject and its trigger
MAX_PAIR_GAP = 30  # characters between a symmetric trigger and an "A - B" pair naming its sides
MAX_OBJECT_GAP = 50  # characters between a trigger and its object
MAX_WITH_OBJECT_GAP = 90  # … when "với" introduces it ("cuộc họp … với đại diện của … Triều Tiên")
MAX_PLACE_DISTANCE = 200  # characters between a trigger and its "tại X" place
MAX_LED_BY_GAP = 40  # characters between "do X dẫn đầu" and the trigger it governs
MAX_FRONTED_GAP = 40  # characters between the comma closing a fronted phrase and the main subject


@dataclass
class Participants:
    """The sides of an event and how they were found."""

    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    reciprocal: bool = False
    how: str | None = None  # "pattern", "adjacent" or None


@dataclass
class _Sides:
    """The entities found on each side, before they become actors."""

    sources: list[Entity] = field(default_factory=list)
    targets: list[Entity] = field(default_factory=list)
    reciprocal: bool = False
    how: str | None = None


def actor_from(entity: Entity, sector: str | None = None) -> Actor:
    """The event participant for a linked entity mention, with its CAMEO actor code (+ sector for a bare country)."""
    code = entity.cameo or entity.country
    if code is None and entity.label == "GPE" and entity.entity_id and len(entity.entity_id) == 3:
        code = entity.entity_id.upper()
    if code and sector and len(code) == 3:
        code += sector
    return Actor(entity.start, entity.end, text=entity.text, entity_id=entity.entity_id, cameo=code)


def sector_before(lower: str, position: int, lexicon: Lexicon) -> str | None:
    """The CAMEO role suffix the words right before ``position`` give ("bộ quốc phòng các nước" -> GOVMIL)."""
    window = lower[max(0, position - 40) : position]
    for phrase, suffix in lexicon.sectors.items():
        if phrase in window and re.search(r"\b" + re.escape(phrase) + _SECTOR_TAIL, window):
            return suffix
    return None


def _country_of(entity: Entity) -> str | None:
    """The country an entity stands for or belongs to (ISO alpha-3), if known."""
    if entity.country:
        return entity.country
    if entity.label == "GPE" and entity.entity_id and len(entity.entity_id) == 3:
        return entity.entity_id.upper()
    return None


def with_anaphors(text: str, lower: str, entities: Sequence[Entity], start: int, end: int) -> list[Entity]:
    """``entities`` plus "nước này"-style mentions in ``[start, end)``, resolved to the last country before them."""
    added = []
    for match in _ANAPHOR.finditer(lower, start, end):
        if any(e.start <= match.start() and match.end() <= e.end for e in entities):
            continue  # already a mention (coreference resolved it): a copy would hide both as "nested"
        antecedent = next((e for e in reversed(entities) if e.end <= match.start() and _country_of(e)), None)
        if antecedent is not None:
            country = _country_of(antecedent)
            added.append(Entity(match.start(), match.end(), label="GPE", text=text[match.start() : match.end()],
                                entity_id=country, country=country))
    return sorted([*entities, *added], key=lambda e: (e.start, -e.end)) if added else list(entities)


def is_locative(lower: str, entity: Entity) -> bool:
    """True for a place introduced by "tại"/"ở" ("tại Geneva", "ở vùng Biển Baltic")."""
    return entity.label in PLACE_LABELS and _introduced_as_place(lower, entity)


def _introduced_as_place(lower: str, entity: Entity) -> bool:
    """Whether "tại", "ở", "trên địa bàn", "khu vực" … introduce the mention as where something happens."""
    return bool(_LOCATIVE.search(lower[max(0, entity.start - 30) : entity.start]))


def is_destination(lower: str, entity: Entity) -> bool:
    """True for a place someone goes to ("đến Triều Tiên", "thăm Minsk")."""
    return entity.label in PLACE_LABELS and bool(_DESTINATION.search(lower[max(0, entity.start - 20) : entity.start]))


def candidates(lower: str, entities: Sequence[Entity], start: int, end: int) -> list[Entity]:
    """Entities in ``[start, end)`` that can take part in an event, outermost only, affiliations dropped."""
    inside = [e for e in entities if start <= e.start and e.end <= end and e.label in ACTOR_LABELS]
    outer = [e for e in inside if not any(o is not e and o.start <= e.start and e.end <= o.end for o in inside)]
    kept = []
    where: Entity | None = None  # the last place or premises left out as where the event happens
    for i, e in enumerate(outer):
        following = outer[i + 1] if i + 1 < len(outer) else None
        # "Nga Vladimir Putin": the country right before a person is that person's affiliation
        if e.label in PLACE_LABELS and following and following.label == "PER" and _affiliation(lower, e, following):
            continue
        if e.label != "PER" and (_introduced_as_place(lower, e) or (
                where is not None and e.label in PLACE_LABELS and _PLACE_LIST.fullmatch(lower[where.end : e.start]))):
            where = e  # a place or an organization's premises ("tại TAND TP. Hòa Bình"), and the places that
            continue  # follow it in a list ("trên địa bàn xã Lạc Thịnh, huyện Yên Thủy"): where, not who
        if lower.endswith(_INTER, max(0, e.start - len(_INTER)), e.start) or lower[e.start : e.end] == "liên triều":
            continue  # "thượng đỉnh liên Triều" (the name read with or without "liên"): inter-Korean, no one named
        kept.append(e)
    return kept


def _affiliation(lower: str, place: Entity, person: Entity) -> bool:
    """"Nga Vladimir Putin", "Tổng thống Hàn Quốc, Yoon Suk Yeol": the country before a person is theirs."""
    gap = lower[place.end : person.start].strip()
    if not gap:
        return True
    return gap == "," and (person.country is None or _country_of(place) in (None, person.country))


def groups(lower: str, entities: list[Entity], affiliations: Sequence[Entity] = ()) -> list[list[Entity]]:
    """Coordinated runs of entities: "Anh, Pháp, Phần Lan và Thụy Điển" is one group.

    ``affiliations`` (countries before a person's name) may stand in the joint: "Trump và người đồng cấp Nga Putin".
    """
    runs: list[list[Entity]] = []
    for e in entities:
        if runs and _COORDINATION.match(_without(lower, runs[-1][-1].end, e.start, affiliations)):
            runs[-1].append(e)
        else:
            runs.append([e])
    return runs


def _without(lower: str, start: int, end: int, spans: Sequence[Entity]) -> str:
    """``lower[start:end]`` with the given entity mentions cut out."""
    pieces, position = [], start
    for e in spans:
        if start <= e.start and e.end <= end:
            pieces.append(lower[position : e.start])
            position = e.end
    return "".join(pieces) + lower[position:end]


def attribute(text: str, lower: str, entities: Sequence[Entity], start: int, end: int, trigger: tuple[int, int],
              entry: TriggerEntry, lexicon: Lexicon, previous: TriggerMatch | None = None) -> Participants:
    """The sources and targets of the event triggered at ``trigger`` within the clause region ``[start, end)``;
    ``previous`` is the trigger before it in the sentence, if any."""
    everyone = with_anaphors(text, lower, entities, start, end)
    ents = candidates(lower, everyone, start, end)
    if not ents:
        return Participants()
    t_start, t_end = trigger
    runs = groups(lower, ents, [e for e in everyone if e.label in PLACE_LABELS])
    found = (
        _between(lower, runs, t_start, t_end, end)
        or _possessor(lower, runs, t_start, t_end)
        or (_pair_after(lower, ents, t_end, end) if entry.symmetric else None)
        or _coordinated(lower, runs, start, t_start, t_end, previous, entry)
        or _passive(lower, runs, start, t_start, t_end)
        or _led_by(lower, runs, start, t_start, t_end, previous)
        or _subject_object(lower, runs, t_start, t_end, entry)
    )
    run_sectors = [sector_before(lower, run[0].start, lexicon) for run in runs]
    sectors = {id(e): sector for run, sector in zip(runs, run_sectors) for e in run}
    sources, targets = _not_their_own_recipients(lower, found.sources, found.targets)
    return Participants(
        [actor_from(e, sectors[id(e)]) for e in sources],
        [actor_from(e, sectors[id(e)]) for e in targets],
        found.reciprocal,
        found.how,
    )


def _not_their_own_recipients(lower: str, sources: list[Entity], targets: list[Entity]) -> tuple[list[Entity], list[Entity]]:
    """The sides without anyone found on both. The object next to the trigger is the surer side ("công an … bắt giữ
    đối tượng Bằng", "Bằng" misread at the sentence's start), unless the source is a passive agent ("được Sơn đồng ý")."""
    both = {_identity(e) for e in sources} & {_identity(e) for e in targets}
    if not both:
        return sources, targets
    if any(_identity(e) in both and _PASSIVE_AGENT.search(lower, max(0, e.start - 20), e.start) for e in sources):
        return sources, [e for e in targets if _identity(e) not in both]
    return [e for e in sources if _identity(e) not in both], targets


def _identity(entity: Entity) -> str:
    """Who an entity mention is: its linked id, else its words."""
    return entity.entity_id or " ".join(entity.text.split()).casefold()


def _object_after(lower: str, runs: list[list[Entity]], t_end: int) -> list[Entity]:
    for run in runs:
        if run[0].start >= t_end:
            gap = lower[t_end : run[0].start]
            limit = MAX_WITH_OBJECT_GAP if _WITH.search(gap) else MAX_OBJECT_GAP
            if len(gap) <= limit and "," not in gap and not _CLAUSE_BREAK.search(gap) and not _TOPIC.search(gap):
                return run
            return []
    return []


def _pair_after(lower: str, ents: list[Entity], t_end: int, end: int) -> _Sides | None:
    """"hội đàm thượng đỉnh Triều Tiên - Mỹ", "đàm phán thương mại Mỹ - Trung": the pair named by a dash after a
    symmetric trigger, reciprocal."""
    after = [e for e in ents if t_end <= e.start < min(end, t_end + MAX_PAIR_GAP + 1)]
    for first, second in pairwise(after):
        if _PAIR_DASH.fullmatch(lower[first.end : second.start]) and not _PAIR_BREAK.search(lower[t_end : first.start]):
            return _Sides([first], [second], reciprocal=True, how="pattern")
    return None


def _possessor(lower: str, runs: list[list[Entity]], t_start: int, t_end: int) -> _Sides | None:
    """"các biện pháp trừng phạt của Liên Hiệp Quốc đối với Bình Nhưỡng", "chuyến thăm của ông Tập": a nominal
    trigger's possessor is its doer, whatever the clause's subject does; "đối với/nhằm vào Y" after it, the target."""
    of = _OF.match(lower, t_end)
    if of is None or not _NOMINALIZER.search(lower, max(0, t_start - 20), t_start):
        return None
    after = [run for run in runs if run[0].start >= t_end]
    if not after or after[0][0].start != of.end():
        return None
    doer, rest = after[0], after[1:]
    target = rest[0] if rest and _AGAINST.fullmatch(lower[doer[-1].end : rest[0][0].start]) else []
    return _Sides(list(doer), list(target), how="pattern")


def _between(lower: str, runs: list[list[Entity]], t_start: int, t_end: int, end: int) -> _Sides | None:
    """"giữa A và B", "giữa A với B" after (or right before) the trigger: reciprocal, A and B both sides."""
    match = _BETWEEN.search(lower, t_end, min(end, t_end + 60))
    if match is None:
        return None
    after = [run for run in runs if run[0].start >= match.end()]
    if not after:
        return None
    first = after[0]
    partner = next((r for r in after[1:] if _WITH.search(lower[first[-1].end : r[0].start])), None)
    if partner is not None:
        side_a, side_b = first, partner
    elif len(first) >= 2:
        side_a, side_b = first[:1], first[1:]
    else:
        return None
    return _Sides(list(side_a), list(side_b), reciprocal=True, how="pattern")


def _coordinated(lower: str, runs: list[list[Entity]], start: int, t_start: int, t_end: int,
                 previous: TriggerMatch | None, entry: TriggerEntry) -> _Sides | None:
    """"A tiếp B do C dẫn đầu, và thúc giục …": a predicate joined by "và" to the one before shares its subject.

    Not after a request: in "B yêu cầu K đền tiền và xin lỗi" the one asked (K) does both verbs.
    """
    if previous is None or previous.start < start or previous.entry.type == "REQUEST":
        return None
    if not _COORDINATED.search(lower, previous.end, t_start) or _CLAUSE_BREAK.search(lower, previous.end, t_start):
        return None
    found = _subject_object(lower, runs, previous.start, t_end, entry)
    return _Sides(found.sources, _object_after(lower, runs, t_end), how="pattern") if found.sources else None


def _passive(lower: str, runs: list[list[Entity]], start: int, t_start: int, t_end: int) -> _Sides | None:
    """"A bị B tấn công" / "A bị tấn công (bởi B)": the subject suffers, the agent acts."""
    window_start = max(start, t_start - 60)
    marks = list(_PASSIVE.finditer(lower, window_start, t_start))
    if not marks:
        return None
    mark, mark_end = marks[-1].start(), marks[-1].end()
    agent = next((r for r in runs if r[0].start >= mark_end and r[-1].end <= t_start), None)
    # the marker binds the trigger: nothing but the agent may stand between them ("A bị (B) tấn công")
    between = lower[mark_end : agent[0].start] + lower[agent[-1].end : t_start] if agent else lower[mark_end:t_start]
    if len(between.split()) > 2:
        return None
    patient = next((r for r in reversed(runs) if r[-1].end <= mark), None)
    if patient is None or _CLAUSE_BREAK.search(lower[patient[-1].end : mark]) or mark - patient[-1].end > 60:
        return None
    if agent is None:
        by_agent = _BY.match(lower, t_end)
        following = _object_after(lower, runs, t_end)
        agent = following if by_agent and following else None
    return _Sides(list(agent or []), list(patient), how="pattern")


def _led_by(lower: str, runs: list[list[Entity]], start: int, t_start: int, t_end: int,
            previous: TriggerMatch | None) -> _Sides | None:
    """"(phái đoàn từ A) do B dẫn đầu ... <trigger> (với C)": the delegation's leader and sender act,
    unless another trigger comes between (the delegation does that one)."""
    match = None
    for candidate in _LED_BY.finditer(lower, start, t_start):
        match = candidate
    if match is None or t_start - match.end() > MAX_LED_BY_GAP or (previous and previous.start >= match.end()):
        return None
    leaders = [e for r in runs for e in r if match.start(1) <= e.start and e.end <= match.end(1)]
    if not leaders:
        return None
    sender = [e for r in runs for e in r if match.start() - 40 <= e.start and e.end <= match.start()]
    return _Sides(list(sender[-1:] + leaders), list(_object_after(lower, runs, t_end)), how="pattern")


def _subject_object(lower: str, runs: list[list[Entity]], t_start: int, t_end: int,
                    entry: TriggerEntry) -> _Sides:
    """The nearest group before the trigger acts on the nearest group after it."""
    subject: list[Entity] = []
    companion: list[Entity] = []
    before = [run for run in runs if run[-1].end <= t_start]
    aside = _aside_before(lower, t_start)
    if aside:  # "Jeff Bezos - người sở hữu tờ The Washington Post - đã cáo buộc": the aside's names are not the subject
        before = [run for run in before if run[-1].end <= aside[0]]
    while before and all(is_destination(lower, e) for e in before[-1]):
        before = before[:-1]  # "Putin … đã tới Minsk … để tiến hành cuộc đàm phán": Minsk is where, not who
    if before:
        gap = lower[before[-1][-1].end : t_start]
        if aside and before[-1][-1].end <= aside[0]:
            gap = lower[before[-1][-1].end : aside[0]] + lower[aside[1] : t_start]
        if len(gap) <= MAX_SUBJECT_GAP and not _CLAUSE_BREAK.search(gap):
            subject = [e for e in before[-1] if not is_destination(lower, e)]
        if subject and len(before) >= 2 and _WITH.fullmatch(lower[before[-2][-1].end : before[-1][0].start].strip()):
            companion = before[-2]
    obj = _object_after(lower, runs, t_end)
    if obj and _OF.match(lower, t_end) and not subject:
        subject, obj = obj, []  # "chuyến thăm của Bộ trưởng Belousov": the possessor makes the visit
    if not subject and not before:
        subject = _fronted_subject(lower, runs, t_end)
    if entry.symmetric and companion:
        return _Sides(list(companion), list(subject), reciprocal=True, how="pattern")
    if entry.symmetric and not obj and len(subject) >= 2:
        partner = _partner_with(lower, subject)
        return _Sides(list(subject[:partner]), list(subject[partner:]), reciprocal=True, how="pattern")
    reciprocal = entry.symmetric and bool(subject) and bool(obj) and bool(_WITH.search(lower[t_end : obj[0].start]))
    if not subject and not obj:
        return _Sides()
    return _Sides(list(subject), list(obj), reciprocal=reciprocal, how="adjacent")


def _aside_before(lower: str, t_start: int) -> tuple[int, int] | None:
    """The "( … )" or " - … - " aside closing right before a trigger (auxiliaries aside), as (open, close) offsets."""
    close = _ASIDE_CLOSE.search(lower, max(0, t_start - MAX_SUBJECT_GAP), t_start)
    if close is None:
        return None
    mark = close[1]
    opening = lower.rfind("(" if mark == ")" else f" {mark} ", max(0, close.start(1) - MAX_ASIDE), close.start(1))
    return (opening, close.end(1)) if opening >= 0 else None


def _fronted_subject(lower: str, runs: list[list[Entity]], t_end: int) -> list[Entity]:
    """"Phát biểu trong cuộc họp …, Thứ trưởng Fomin nói": a fronted phrase's doer is the main clause's subject."""
    comma = lower.find(",", t_end)
    if comma < 0 or _CLAUSE_BREAK.search(lower[t_end:comma]):
        return []
    run = next((r for r in runs if r[0].start > comma), None)
    if run is None or run[0].start - comma > MAX_FRONTED_GAP:
        return []
    return run


def _partner_with(lower: str, run: list[Entity]) -> int:
    """Where the second side of a coordinated subject starts ("A với B", else after the first member)."""
    for i in range(1, len(run)):
        if _WITH.search(lower[run[i - 1].end : run[i].start]):
            return i
    return 1


def location_of(lower: str, entities: Sequence[Entity], start: int, end: int, trigger: tuple[int, int],
                others: Sequence[int]) -> Actor | None:
    """The place after "tại"/"ở" that belongs to this trigger: the nearest one after it (else before it) with no
    other trigger in between ("cuộc gặp … thả … bắt giữ … đụng độ ở eo biển Kerch": Kerch is the clash's)."""
    places = [e for e in entities if start <= e.start and e.end <= end and is_locative(lower, e)]
    after = [e for e in places if e.start >= trigger[1] and not any(trigger[1] <= o < e.start for o in others)]
    before = [e for e in places if e.end <= trigger[0] and not any(e.end <= o < trigger[0] for o in others)]
    chosen = after[0] if after else (before[-1] if before else None)
    return actor_from(chosen) if chosen else None
