"""Linking entity mentions to the knowledge base: ids, GPE, affiliation, role and CAMEO actor code.

The ``Linker`` step, over ``doc.entities`` (the recognizer's PER/ORG/LOC/MISC mentions):

1. links each mention to a KB entry by its whole name (thoisu.entities.kb.alias_key); a mention the recognizer
   labelled wrongly but whose name cannot be anything else ("Thụy Điển" as PER, "NATO" as PER, "Yoon Suk Yeol"
   as LOC) is relabelled;
2. repairs mentions that link to nothing as a whole but hold KB names ("Tổng thống Nga Vladimir Putin" as one
   ORG, "Nga Alexander Fomin" as one PER, a name cut short or split in two): the KB names replace them (see
   ``Linker._repair``); widens a linked mention to the longer KB name around it ("Kremlin" → "Điện Kremlin");
3. labels countries GPE; capitals GPE with their government's CAMEO code when they act politically (subject of
   a political verb or after a relational word, not after a locative word or at the end of an address:
   "Washington tuyên bố", "đàm phán với Kiev" vs "tại Washington", "quận Hoàng Mai, Hà Nội"); seats of
   government ORG ("Điện Kremlin" → RUSGOV);
4. adds the KB names the recognizer missed, never overlapping an existing mention: names of countries, places,
   organizations and people as printed (capitalisation as in the KB), not at the end of a longer proper name.
   Names that are also common words or personal names (Anh, Nga, Mỹ, Đức…) need more (``Linker._context``):
   not after "tiếng", not in a common compound ("Pháp luật"), not among given names ("Anh Tuấn", "Định và
   Anh"), not after an honorific or person noun ("ông Đức", "bị cáo Nga": then the document uses the name for a
   person and its other unsure uses are dropped too), and, at the start of a sentence, only if the same entity
   is named elsewhere. Surnames ("Putin") only after an honorific or a title (with its country);
5. reads the title and affiliation in front of each person (thoisu.entities.roles).

All context words (locative, relational, honorific, political verbs …) are data: thoisu/data/kb/context_words.tsv.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence

from thoisu.document import Document, Entity
from thoisu.entities.kb import (
    AliasMatch,
    KBEntry,
    KnowledgeBase,
    Word,
    alias_key,
    document_words,
    split_words,
)
from thoisu.entities.roles import RoleReader

# which KB types a recognizer label may link to, in order of preference
_TYPES_FOR_LABEL = {
    "PER": ("person", "country", "organization", "place"),
    "LOC": ("country", "place", "seat", "organization", "person"),
    "GPE": ("country", "place", "seat", "organization", "person"),
    "ORG": ("organization", "seat", "country", "place", "person"),
}
_GAP = re.compile(r"[ .'’\-–]{1,3}")  # what may stand between the words of one name
_SENTENCE_OPENERS = set('.!?:;"“”‘’«»()[]…')
_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_VIETNAMESE_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(c|ch|m|n|ng|nh|p|t)?"
)
_COORDINATORS = {"và", "hay", "hoặc", "cùng"}
_VERB_WINDOW = 5  # words after a capital in which a political verb makes it act as its government
_LEFT_CONTEXT_WORDS = 3  # how far before a mention a KB name that overlaps it may begin
KB_MENTION_CONFIDENCE = 0.9  # a mention the linker added from an exact KB name


class Linker:
    """Pipeline step: links ``doc.entities`` to the knowledge base and adds the KB names the recognizer missed."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or KnowledgeBase.default()
        self.roles = RoleReader(self.kb)

    def __call__(self, doc: Document) -> Document:
        """Link, relabel and complete the entity mentions of ``doc``."""
        text = doc.analysis_text
        words = document_words(text)
        keys = [w.key for w in words]
        unlinked = []
        for mention in doc.entities:
            entry = None if mention.entity_id else self._resolve(text[mention.start : mention.end], mention.label)
            if entry is not None:
                self._apply(text, words, mention, entry)
            elif mention.entity_id is None:
                unlinked.append(mention)
        for mention in unlinked:
            if mention.label != "MISC":  # events, laws, nationalities hold names without being them
                self._repair(doc, text, words, keys, mention)
        for mention in list(doc.entities):
            self._widen(doc, text, words, keys, mention)
        doc.entities.extend(self._missing(doc, text, words))
        doc.entities.sort(key=lambda e: (e.start, -e.end))
        for mention in doc.entities:
            if mention.label == "PER":
                self.roles.apply(doc.text, mention, self.roles.read(text, words, doc.entities, mention))
        return doc

    def _resolve(self, name: str, label: str) -> KBEntry | None:
        """The KB entry a recognized mention names, or None when none or several fit its label."""
        keys = [w.key for w in split_words(name)]
        if not keys or label not in _TYPES_FOR_LABEL:
            return None
        full = [m for m in self.kb.matches_at(keys, 0) if m.length == len(keys)]
        for kind in _TYPES_FOR_LABEL[label]:
            # relabelling needs a name that cannot be something else: not a personal name, not a surname alone
            relabel = (label == "PER") != (kind == "person")
            usable = [m for m in full if not relabel or not (m.ambiguous or m.short or m.tagged)]
            chosen = _single(kind, usable)
            if chosen is not None:
                return chosen
        return None

    def _repair(self, doc: Document, text: str, words: Sequence[Word], keys: list[str], mention: Entity) -> None:
        """Replace a mention that links to nothing as a whole by the KB names in it, when they are all its names.

        The recognizer sometimes takes a title, an affiliation and a name as one span ("Tổng thống Nga Vladimir
        Putin" as ORG, "Đức Olaf Scholz" as PER), cuts a name short ("Tổ chức Hiệp ước An ninh Tập") or splits
        one ("Hội đồng An ninh Quốc gia" + "Nhà Trắng"). The KB names overlapping the mention are read from a few
        words before it on ("Chính phủ Đức" for "Đức Wolfgang Buechner") and may run past it, over free text or
        over whole mentions they then replace ("Bộ Ngoại giao" + "Đức Andrea Sasse"). They replace the mention when every capitalised word of it that
        cannot be Vietnamese (a foreign name part) is inside one of them; a PER mention may keep its unknown final
        name ("Nga Ivan Petrov" → "Nga" + PER "Ivan Petrov"). Otherwise the mention stays as it is.
        """
        inside = list(
            range(
                bisect.bisect_left(words, mention.start, key=lambda w: w.start),
                bisect.bisect_right(words, mention.end, key=lambda w: w.end),
            )
        )
        if not inside:
            return
        others = [e for e in doc.entities if e is not mention]
        first = max(inside[0] - _LEFT_CONTEXT_WORDS, 0)
        confirmed = {e.entity_id for e in others if e.entity_id}
        parts: list[Entity] = []
        absorbed: list[Entity] = []

        def blocked(start: int, end: int) -> bool:
            """A name may not overlap a part already found, nor cut through another mention (it may contain one)."""
            return any(p.start < end and start < p.end for p in parts) or any(
                o.start < end and start < o.end and not (start <= o.start and o.end <= end) for o in others
            )

        k = first
        while k <= inside[-1]:
            found = self._name_at(doc, text, words, keys, k, blocked) if keys[k] in self.kb.first_words else None
            if (
                found is None
                or found[1].end <= mention.start
                or (found[2] == "defer" and found[1].entity_id not in confirmed)
            ):
                k += 1
                continue
            parts.append(found[1])
            absorbed += [o for o in others if found[1].start <= o.start and o.end <= found[1].end]
            k += found[0]
        if not parts:
            return
        left = [k for k in inside if not any(p.start <= words[k].start and words[k].end <= p.end for p in parts)]
        names = [k for k in left if text[words[k].start].isupper() and not looks_vietnamese(keys[k])]
        head = [k for k in left if all(words[k].end <= p.start for p in parts)]
        if (  # an organization named by a Vietnamese head, not a title, and a place: "Công ty Xăng dầu Quảng Trị"
            mention.label == "ORG"
            and left
            and not names
            and head == left
            and all(p.end <= mention.end for p in parts)
            and not self.roles.title_ending_at(text, words, words[head[-1]].end)
        ):
            return
        if names:
            tail = left[left.index(names[0]) :]
            contiguous = tail == list(range(tail[0], inside[-1] + 1))
            if mention.label != "PER" or not contiguous or any(p.start > words[tail[0]].start for p in parts):
                return
            start = words[tail[0]].start
            parts.append(
                Entity(start, mention.end, "PER", doc.text[start : mention.end], confidence=mention.confidence)
            )
        for gone in [mention, *absorbed]:
            if gone in doc.entities:
                doc.entities.remove(gone)
        doc.entities.extend(parts)

    def _widen(self, doc: Document, text: str, words: Sequence[Word], keys: list[str], mention: Entity) -> None:
        """Take in the words before a linked mention when they make a longer name of the same entity
        ("Kremlin" → "Điện Kremlin"), if no other mention holds them."""
        if mention.entity_id is None:
            return
        at = bisect.bisect_left(words, mention.start, key=lambda w: w.start)  # by bisection: once per mention
        if at == len(words) or words[at].start != mention.start:
            return
        window = words[max(at - _LEFT_CONTEXT_WORDS, 0)].start
        others = [e for e in doc.entities if e is not mention and e.end > window and e.start < mention.start]
        for k in range(at - 1, max(at - _LEFT_CONTEXT_WORDS, 0) - 1, -1) if at else ():
            if _covered(others, words[k]):
                return
            for match in self.kb.matches_at(keys, k):
                end = words[k + match.length - 1].end
                if end == mention.end and any(e.id == mention.entity_id for e in match.entries):
                    span = words[k : k + match.length]
                    if all(_GAP.fullmatch(text[a.end : b.start]) for a, b in zip(span, span[1:])):
                        mention.start = words[k].start
                        mention.text = doc.text[mention.start : mention.end]
                        return

    def _apply(self, text: str, words: Sequence[Word], mention: Entity, entry: KBEntry) -> None:
        """Set id, label, country and CAMEO code of ``mention`` from its KB entry."""
        mention.entity_id = entry.id
        mention.country = entry.country
        if entry.type == "country":
            mention.label, mention.cameo = "GPE", entry.cameo
        elif entry.type == "place":
            metonym = self.kb.metonyms.get(entry.id)
            acting = metonym is not None and (metonym.always or self._acts_politically(text, words, mention))
            mention.label = metonym.label if acting and metonym else "LOC"
            mention.cameo = metonym.cameo if acting and metonym else None
        elif entry.type in ("organization", "seat"):
            mention.label, mention.cameo = "ORG", entry.cameo
        else:
            mention.label = "PER"

    def _acts_politically(self, text: str, words: Sequence[Word], mention: Entity) -> bool:
        """Whether a capital stands for its government here: not after a locative word ("tại Washington"), and
        either after a relational word ("với Kiev", "phía Kiev") or followed within a few words of its clause by
        a political verb ("Washington tuyên bố", "Minsk và Mátxcơva đã kích hoạt")."""
        first = bisect.bisect_left(words, mention.start, key=lambda w: w.start)
        last = bisect.bisect_left(words, mention.end, key=lambda w: w.end)
        before = [words[k].key for k in range(max(first - 2, 0), first)]
        if any(self.kb.is_context(key, "locative") for key in [*before[-1:], " ".join(before)]):
            return False
        if before and self.kb.is_context(before[-1], "relational"):
            return True
        if (
            first > 0
            and text[words[first - 1].end : mention.start].strip() == ","
            and text[words[first - 1].start].isupper()
            and not self._ends_name(words, first - 1)
        ):
            return False  # the end of an address: "quận Hoàng Mai, Hà Nội cho biết" is the district's police
        for k in range(last + 1, min(last + 1 + _VERB_WINDOW, len(words))):
            if re.search(r"[.!?;:\n()\"“”]", text[words[k - 1].end : words[k].start]):
                return False
            if words[k].key in _COORDINATORS and (k + 1 >= len(words) or not text[words[k + 1].start].isupper()):
                return False  # "Milan hay Paris và người mẫu muốn …": the verb is not the capital's
            for n in (3, 2, 1):
                if self.kb.is_context(" ".join(w.key for w in words[k : k + n]), "political-verb"):
                    return True
        return False

    def _missing(self, doc: Document, text: str, words: Sequence[Word]) -> list[Entity]:
        """Mentions of KB names that no existing mention covers."""
        taken = [(e.start, e.end) for e in doc.entities]

        def blocked(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e in taken)

        keys = [w.key for w in words]
        confirmed = {e.entity_id for e in doc.entities if e.entity_id}
        people: set[str] = set()  # ambiguous names the document uses for a person ("bị cáo Nga")
        found_at: list[tuple[Entity, str, bool]] = []  # mention, verdict, whether its name is ambiguous
        first_words = self.kb.first_words
        past_last = 0  # the word after the last name found: names do not overlap
        for i, key in enumerate(keys):
            if i < past_last or key not in first_words:  # most words start no KB name
                continue
            found = self._name_at(doc, text, words, keys, i, blocked, people.add)
            if found is None:
                continue
            length, mention, verdict = found
            found_at.append(
                (mention, verdict, any(m.ambiguous for m in self.kb.matches_at(keys, i) if m.length == length))
            )
            if verdict == "accept":
                confirmed.add(mention.entity_id)
            past_last = i + length
        return [
            mention
            for mention, verdict, ambiguous in found_at
            if (verdict == "accept" or mention.entity_id in confirmed)
            and not (ambiguous and alias_key(mention.text) in people)
        ]

    def _name_at(
        self,
        doc: Document,
        text: str,
        words: Sequence[Word],
        keys: list[str],
        i: int,
        blocked: Callable[[int, int], bool],
        on_person: Callable[[str], None] | None = None,
    ) -> tuple[int, Entity, str] | None:
        """The longest acceptable KB name at word ``i``: (words it spans, new mention, context verdict), or None.
        Callers skip the words that start no KB name (most words) before calling it."""
        for match in self.kb.matches_at(keys, i):
            if match.tagged:
                continue
            span = words[i : i + match.length]
            start, end = span[0].start, span[-1].end
            if any(not _GAP.fullmatch(text[a.end : b.start]) for a, b in zip(span, span[1:])):
                continue
            if blocked(start, end):
                continue
            entry = _only_entry(match)
            if entry is None or not _case_fits(entry, " ".join(keys[i : i + match.length]), text[start:end]):
                continue
            verdict = self._context(text, words, i, match)
            if verdict == "person" and on_person is not None:
                on_person(" ".join(keys[i : i + match.length]))
            if verdict in ("reject", "person"):
                continue
            mention = Entity(start, end, label="MISC", text=doc.text[start:end], confidence=KB_MENTION_CONFIDENCE)
            self._apply(text, words, mention, entry)
            return match.length, mention, verdict
        return None

    def _context(self, text: str, words: Sequence[Word], i: int, match: AliasMatch) -> str:
        """How a KB name found at word ``i`` reads in its context.

        accept; reject; defer (an ambiguous name opening a sentence: kept if the entity is named elsewhere);
        person (an ambiguous name used for a person here: after an honorific, inside a Vietnamese full name,
        next to other given names; its other unsure uses in the document are dropped too).
        """
        prev = words[i - 1] if i > 0 else None
        gap = text[prev.end : words[i].start] if prev else "\n"
        if match.short:
            introduced = prev is not None and _adjacent(gap) and self._introduces_person(text, words, i - 1)
            return "accept" if introduced and not self._common_compound(text, words, i + match.length) else "reject"
        initial = _sentence_initial(text, words, i)
        after_name = prev is not None and _adjacent(gap) and text[prev.start].isupper()
        if (
            after_name
            and not match.ambiguous
            and looks_vietnamese(prev.key)
            and not _sentence_initial(text, words, i - 1)
            and not self._ends_name(words, i - 1)
        ):
            # the end of a longer proper name ("quận Thủ Đức", "Đỗ Trung Đông"), unless the word before ends a name
            # of its own ("Nga Alexander Fomin") or only opens the sentence
            return "reject"
        if not match.ambiguous:
            return "accept"
        if prev is not None and _adjacent(gap) and self._preceded_by(words, i, "language"):
            return "reject"
        if self._common_compound(text, words, i + match.length):
            return "reject"
        if prev is not None and _adjacent(gap) and self._preceded_by(words, i, "honorific"):
            return "person"
        if after_name and looks_vietnamese(prev.key) and not self._ends_name(words, i - 1):
            return "person"  # "Hồ Phương Nga", "Nguyễn Đức Anh"
        if after_name:
            return "reject"
        if self._next_to_given_name(text, words, i, i + match.length):
            return "person"
        return "defer" if initial else "accept"

    def _common_compound(self, text: str, words: Sequence[Word], j: int) -> bool:
        """Whether the name before word ``j`` and word ``j`` form a common noun ("Pháp luật", "Tập đoàn")."""
        return (
            0 < j < len(words)
            and _adjacent(text[words[j - 1].end : words[j].start])
            and self.kb.is_context(f"{words[j - 1].key} {words[j].key}", "not-a-name")
        )

    def _next_to_given_name(self, text: str, words: Sequence[Word], i: int, j: int) -> bool:
        """Whether words ``i:j`` stand among Vietnamese given names: followed by a capitalised Vietnamese word
        ("Anh Tuấn", "Anh Đức"), or listed or coordinated with a given name that is no KB name ("Anh, Điệp, Quân",
        "Định và Anh", "Nga và Huynh")."""
        keys = [w.key for w in words]

        def given_name(k: int) -> bool:
            word = text[words[k].start : words[k].end]
            return (
                word[0].isupper()
                and looks_vietnamese(word)
                and not self.kb.matches_at(keys, k)
                and not self._ends_name(words, k)
            )

        if j < len(words):
            after = text[words[j - 1].end : words[j].start]
            following = text[words[j].start : words[j].end]
            if _adjacent(after) and following[0].isupper() and looks_vietnamese(following):
                return True  # "Anh Tuấn", "Anh Đức", "Nga Kim"
            if after.strip() == "," and given_name(j):
                return True
            if j + 1 < len(words) and keys[j] == "và" and given_name(j + 1):
                return True
        return i >= 2 and keys[i - 1] == "và" and given_name(i - 2)

    def _preceded_by(self, words: Sequence[Word], i: int, kind: str) -> bool:
        """Whether the one or two words before word ``i`` are a context word of this kind ("ông", "bị cáo")."""
        return any(i - n >= 0 and self.kb.is_context(" ".join(w.key for w in words[i - n : i]), kind) for n in (1, 2))

    def _ends_name(self, words: Sequence[Word], k: int) -> bool:
        """Whether word ``k`` ends the name of a country, place or organization."""
        keys = [w.key for w in words[max(k - self.kb.max_alias_words + 1, 0) : k + 1]]
        return any(
            m.length == len(keys) - a and any(e.type != "person" for e in m.entries)
            for a in range(len(keys))
            for m in self.kb.matches_at(keys, a)
        )

    def _introduces_person(self, text: str, words: Sequence[Word], k: int) -> bool:
        """Whether word ``k`` ends an honorific, a title, or a title and a country ("Bộ trưởng Quốc phòng Nga")."""
        title = self.roles.title_ending_at(text, words, words[k].end)
        if self._preceded_by(words, k + 1, "honorific") or (title is not None and title.title.kind != "nominal"):
            return True
        keys = [w.key for w in words]
        for n in range(1, min(self.kb.max_alias_words, k + 1) + 1):
            if any(
                m.length == n and any(e.type == "country" for e in m.entries)
                for m in self.kb.matches_at(keys, k - n + 1)
            ):
                before = words[k - n].end if k - n >= 0 else None
                if before is not None and text[before : words[k - n + 1].start] == " ":
                    return self.roles.title_ending_at(text, words, before) is not None
        return False


def _adjacent(gap: str) -> bool:
    """Whether two words are separated by spaces only, on one line."""
    return gap != "" and gap.isspace() and "\n" not in gap


def _sentence_initial(text: str, words: Sequence[Word], k: int) -> bool:
    """Whether word ``k`` opens a sentence, line or quotation (so its capital letter says nothing)."""
    if k == 0:
        return True
    gap = text[words[k - 1].end : words[k].start]
    return "\n" in gap or bool(gap.strip()) and gap.strip()[-1] in _SENTENCE_OPENERS


def _covered(entities: Sequence[Entity], word: Word) -> bool:
    return any(e.start < word.end and word.start < e.end for e in entities)


def _single(kind: str, matches: Sequence[AliasMatch]) -> KBEntry | None:
    """The one entry of type ``kind`` among the matches, or None when there is none or more than one."""
    entries = {e.id: e for m in matches for e in m.entries if e.type == kind}
    return next(iter(entries.values())) if len(entries) == 1 else None


def _only_entry(match: AliasMatch) -> KBEntry | None:
    entries = {e.id: e for e in match.entries}
    return next(iter(entries.values())) if len(entries) == 1 else None


def _case_fits(entry: KBEntry, key: str, surface: str) -> bool:
    """Whether ``surface`` is capitalised like one of the entry's names with this key (proper-name evidence)."""
    names = [n for n in entry.names + entry.short_names if alias_key(n) == key]
    if not names:  # composed institution ("Bộ Quốc phòng Nga")
        return surface[0].isupper()
    for name in names:
        if len(name) > 1 and name.isupper():
            if surface.isupper():
                return True
        elif name[0].isupper():
            if surface[0].isupper():
                return True
        elif surface[0] == name[0] or surface[0].isupper():
            return True
    return False


def looks_vietnamese(word: str) -> bool:
    """Whether a word could be a Vietnamese syllable (so a capitalised one may be part of a personal name)."""
    if any(c in _VIETNAMESE_LETTERS for c in word):
        return True
    if any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word)):
        return True
    return _VIETNAMESE_SYLLABLE.fullmatch(word.lower()) is not None
