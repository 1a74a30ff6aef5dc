"""Linking entity mentions to the knowledge base: ids, GPE, affiliation, role and CAMEO actor code.

The ``Linker`` step, over ``doc.entities`` (the recognizer's PER/ORG/LOC/MISC mentions):

1. links each mention to a KB entry by its name (thoisu.entities.kb.alias_key); a PER mention whose words begin
   with a title, honorific or country ("Nga Alexander Fomin") is linked by its longest person-name suffix;
   a PER or LOC mention that is plainly a country or organization ("Thụy Điển", "NATO") is relabelled;
2. relabels countries GPE, and capitals GPE with their government's CAMEO code when they act politically (not
   after a locative word: "Washington tuyên bố" vs "tại Washington"); seats of government ("Điện Kremlin") ORG;
3. adds the KB names the recognizer missed, never overlapping an existing mention: full names of countries,
   places, organizations and people as printed (capitalisation as in the KB). Names that are also common words
   or personal names (Anh, Nga, Mỹ, Đức…) need more: not right after another capitalised word or an honorific
   or "tiếng", not right before a capitalised Vietnamese syllable ("Anh Tuấn"), and, at the start of a sentence,
   the same entity named elsewhere in the document. Surnames ("Putin") only after a title or an honorific;
4. reads the title and affiliation in front of each person (thoisu.entities.roles).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from thoisu.document import Document, Entity
from thoisu.entities.kb import AliasMatch, KBEntry, KnowledgeBase, Word, alias_key, split_words
from thoisu.entities.roles import RoleReader

# which KB types a recognizer label may link to, in order of preference
_TYPES_FOR_LABEL = {
    "PER": ("person", "country", "organization", "place"),
    "LOC": ("country", "place", "seat", "organization", "person"),
    "GPE": ("country", "place", "seat", "organization", "person"),
    "ORG": ("organization", "seat", "country", "place", "person"),
}
_GAP = re.compile(r"[ .'’\-–]{1,3}")  # what may stand between the words of one name
_SENTENCE_OPENERS = set(".!?:;\"“”‘’«»()[]…")
_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_VIETNAMESE_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(c|ch|m|n|ng|nh|p|t)?")
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
        words = split_words(text)
        unlinked = []
        for mention in doc.entities:
            entry = None if mention.entity_id else self._resolve(text[mention.start : mention.end], mention.label)
            if entry is not None:
                self._apply(words, mention, entry)
            elif mention.entity_id is None:
                unlinked.append(mention)
        for mention in unlinked:
            self._repair(doc, text, words, mention)
        for mention in list(doc.entities):
            self._widen(doc, text, words, mention)
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

    def _repair(self, doc: Document, text: str, words: Sequence[Word], mention: Entity) -> None:
        """Replace a mention that links to nothing as a whole by the KB names in it, when they are all its names.

        The recognizer sometimes takes a title, an affiliation and a name as one span ("Tổng thống Nga Vladimir
        Putin" as ORG, "Đức Olaf Scholz" as PER), cuts a name short ("Tổ chức Hiệp ước An ninh Tập") or splits
        one ("Hội đồng An ninh Quốc gia" + "Nhà Trắng"). The KB names overlapping the mention are read from a few
        words before it on ("Chính phủ Đức" for "Đức Wolfgang Buechner") and may run past it, over free text or
        over whole mentions they then replace. They replace the mention when every capitalised word of it that
        cannot be Vietnamese (a foreign name part) is inside one of them; a PER mention may keep its unknown final
        name ("Nga Ivan Petrov" → "Nga" + PER "Ivan Petrov"). Otherwise the mention stays as it is.
        """
        keys = [w.key for w in words]
        inside = [k for k, w in enumerate(words) if mention.start <= w.start and w.end <= mention.end]
        if not inside:
            return
        others = [e for e in doc.entities if e is not mention]
        first = inside[0]
        while first > inside[0] - _LEFT_CONTEXT_WORDS and first > 0 and not _covered(others, words[first - 1]):
            first -= 1
        confirmed = {e.entity_id for e in others if e.entity_id}
        parts: list[Entity] = []
        absorbed: list[Entity] = []
        k = first
        while k <= inside[-1]:
            def blocked(start: int, end: int) -> bool:
                return any(s < end and start < e for s, e in ((p.start, p.end) for p in parts)) or any(
                    o.start < end and start < o.end and not (start <= o.start and o.end <= end) for o in others)
            found = self._name_at(doc, text, words, keys, k, blocked)
            if found is None or found[1].end <= mention.start or (found[2] == "defer" and found[1].entity_id not in confirmed):
                k += 1
                continue
            parts.append(found[1])
            absorbed += [o for o in others if found[1].start <= o.start and o.end <= found[1].end]
            k += found[0]
        if not parts:
            return
        left = [k for k in inside if not any(p.start <= words[k].start and words[k].end <= p.end for p in parts)]
        names = [k for k in left if text[words[k].start].isupper() and not looks_vietnamese(keys[k])]
        if names:
            tail = left[left.index(names[0]) :]
            contiguous = tail == list(range(tail[0], inside[-1] + 1))
            if mention.label != "PER" or not contiguous or any(p.start > words[tail[0]].start for p in parts):
                return
            start = words[tail[0]].start
            parts.append(Entity(start, mention.end, "PER", doc.text[start : mention.end], confidence=mention.confidence))
        for gone in [mention, *absorbed]:
            if gone in doc.entities:
                doc.entities.remove(gone)
        doc.entities.extend(parts)

    def _widen(self, doc: Document, text: str, words: Sequence[Word], mention: Entity) -> None:
        """Take in the words before a linked mention when they make a longer name of the same entity
        ("Kremlin" → "Điện Kremlin"), if no other mention holds them."""
        if mention.entity_id is None:
            return
        keys = [w.key for w in words]
        at = next((k for k, w in enumerate(words) if w.start == mention.start), None)
        others = [e for e in doc.entities if e is not mention]
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

    def _apply(self, words: Sequence[Word], mention: Entity, entry: KBEntry) -> None:
        """Set id, label, country and CAMEO code of ``mention`` from its KB entry."""
        mention.entity_id = entry.id
        mention.country = entry.country
        if entry.type == "country":
            mention.label, mention.cameo = "GPE", entry.cameo
        elif entry.type == "place":
            metonym = self.kb.metonyms.get(entry.id)
            acting = metonym is not None and (metonym.always or not self._after_locative(words, mention.start))
            mention.label = metonym.label if acting and metonym else "LOC"
            mention.cameo = metonym.cameo if acting and metonym else None
        elif entry.type in ("organization", "seat"):
            mention.label, mention.cameo = "ORG", entry.cameo
        else:
            mention.label = "PER"

    def _after_locative(self, words: Sequence[Word], start: int) -> bool:
        i = next((k for k in range(len(words) - 1, -1, -1) if words[k].end <= start), None)
        if i is None:
            return False
        candidates = [words[i].key] + ([f"{words[i - 1].key} {words[i].key}"] if i > 0 else [])
        return any(self.kb.context.get(c) == "locative" for c in candidates)

    def _missing(self, doc: Document, text: str, words: Sequence[Word]) -> list[Entity]:
        """Mentions of KB names that no existing mention covers."""
        taken = [(e.start, e.end) for e in doc.entities]

        def blocked(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e in taken)

        keys = [w.key for w in words]
        confirmed = {e.entity_id for e in doc.entities if e.entity_id}
        added: list[Entity] = []
        deferred: list[Entity] = []
        i = 0
        while i < len(words):
            found = self._name_at(doc, text, words, keys, i, blocked)
            if found is None:
                i += 1
                continue
            length, mention, verdict = found
            (deferred if verdict == "defer" else added).append(mention)
            if verdict != "defer":
                confirmed.add(mention.entity_id)
            i += length
        added.extend(m for m in deferred if m.entity_id in confirmed)
        return added

    def _name_at(
        self, doc: Document, text: str, words: Sequence[Word], keys: list[str], i: int, blocked: Callable[[int, int], bool]
    ) -> tuple[int, Entity, str] | None:
        """The longest acceptable KB name at word ``i``: (words it spans, new mention, context verdict), or None."""
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
            if verdict == "reject":
                continue
            mention = Entity(start, end, label="MISC", text=doc.text[start:end], confidence=KB_MENTION_CONFIDENCE)
            self._apply(words, mention, entry)
            return match.length, mention, verdict
        return None

    def _context(self, text: str, words: Sequence[Word], i: int, match: AliasMatch) -> str:
        """accept, defer (sentence-initial ambiguous name: needs the entity elsewhere) or reject."""
        if not (match.ambiguous or match.short):
            return "accept"
        prev = words[i - 1] if i > 0 else None
        gap = text[prev.end : words[i].start] if prev else "\n"
        if match.short:
            return "accept" if prev is not None and gap == " " and self._introduces_person(text, words, i - 1) else "reject"
        initial = "\n" in gap or (gap.strip() and gap.strip()[-1] in _SENTENCE_OPENERS)
        if prev is not None and gap == " ":
            if self.kb.context.get(prev.key) in ("honorific", "language") or text[prev.start].isupper():
                return "reject"
        j = i + match.length
        if j < len(words) and text[words[j - 1].end : words[j].start] == " ":
            following = text[words[j].start : words[j].end]
            if following[0].isupper() and looks_vietnamese(following):
                return "reject"
        return "defer" if initial else "accept"


    def _introduces_person(self, text: str, words: Sequence[Word], k: int) -> bool:
        """Whether word ``k`` ends an honorific, a title, or a title and a country ("Bộ trưởng Quốc phòng Nga")."""
        if self.kb.context.get(words[k].key) == "honorific" or self.roles.title_ending_at(text, words, words[k].end):
            return True
        keys = [w.key for w in words]
        for n in range(1, min(self.kb.max_alias_words, k + 1) + 1):
            if any(m.length == n and any(e.type == "country" for e in m.entries) for m in self.kb.matches_at(keys, k - n + 1)):
                before = words[k - n].end if k - n >= 0 else None
                if before is not None and text[before : words[k - n + 1].start] == " ":
                    return self.roles.title_ending_at(text, words, before) is not None
        return False


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
