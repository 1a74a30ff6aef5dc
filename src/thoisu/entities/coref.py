"""Within-document coreference: short and descriptive mentions resolve to the entity named in full.

The ``Coreference`` step runs after the linker. Its rules are conservative: a mention is resolved or added only
when exactly one candidate fits.

1. Person chains. A PER mention of two or more words ("Alexander Fomin") heads a chain keyed by its last word
   (the surname of a foreign name, the given name by which the Vietnamese press names Vietnamese people). A
   one-word PER mention equal to that key ("Fomin" in "ông Fomin", "Thứ trưởng Fomin") takes the chain's entity
   id, country and CAMEO code. A chain whose head the KB does not know gets the document-local id
   ``local:<ascii name>``. Keys shared by two different people are left alone.
2. Missed short mentions. The key word of a chain, capitalised and not inside another mention, becomes a PER
   mention of the chain when it follows an honorific or a title ("ông Fomin"), or anywhere when it cannot be a
   Vietnamese syllable (a foreign surname such as "Peskov").
3. Leaders named by title. A title followed by a country and no name ("nhà lãnh đạo Nga", "Tổng thống Nga cho
   biết") resolves to the one person of the document with that country and role ("nhà lãnh đạo" = head of state,
   else head of government); the new PER mention covers the title words, the country stays its own mention.
   Not after a plural marker ("các Tổng thống Mỹ").
4. Country anaphors. "nước này", "quốc gia này" resolve to the last country named before them in the same
   paragraph; the new mention is GPE. Not in the idiom "đến nước này" ("to this point").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from thoisu.document import Document, Entity
from thoisu.entities.kb import KnowledgeBase, Word, document_words, split_words
from thoisu.entities.linker import looks_vietnamese
from thoisu.entities.roles import RoleReader

_PLURAL = {"các", "những", "hai", "ba"}
_LEADER_ROLES = ("head_of_state", "head_of_government")
_ALPHA3 = re.compile(r"[A-Z]{3}")
_MAX_ANAPHOR_DISTANCE = 600  # characters back to the country an anaphor may refer to
CHAIN_CONFIDENCE = 0.8
NOMINAL_CONFIDENCE = 0.7


class Coreference:
    """Pipeline step: resolves later mentions of people, leaders and countries within one document."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or KnowledgeBase.default()
        self.roles = RoleReader(self.kb)
        # first words of "nước này", "quốc gia này": only there can a country anaphor start
        self._anaphor_starts = {
            key.partition(" ")[0] for key, kinds in self.kb.context.items() if "country-anaphor" in kinds
        }

    def __call__(self, doc: Document) -> Document:
        """Resolve and add coreferent mentions in ``doc.entities``."""
        text = doc.analysis_text
        words = document_words(text)
        heads = self._person_chains(doc, text)
        doc.entities.extend(self._missed_short_mentions(doc, text, words, heads))
        doc.entities.sort(key=lambda e: (e.start, -e.end))
        doc.entities.extend(self._leaders_by_title(doc, text, words))
        doc.entities.extend(self._country_anaphors(doc, text, words))
        doc.entities.sort(key=lambda e: (e.start, -e.end))
        return doc

    def _person_chains(self, doc: Document, text: str) -> dict[str, Entity]:
        """Link one-word PER mentions to the full name they shorten; the chain heads by key word."""
        people = [e for e in doc.entities if e.label == "PER"]
        heads: dict[str, Entity] = {}
        shared: set[str] = set()
        for mention in people:
            names = self._name_words(text, mention)
            if len(names) < 2:
                continue
            if mention.entity_id is None:
                mention.entity_id = "local:" + _ascii_slug(mention.text)
            key = names[-1].key
            if key in heads and heads[key].entity_id != mention.entity_id:
                shared.add(key)
            heads.setdefault(key, mention)
        for key in shared:
            del heads[key]
        for mention in people:
            names = self._name_words(text, mention)
            head = heads.get(names[-1].key) if len(names) == 1 else None
            if head is not None:
                _join(mention, head)
        return heads

    def _name_words(self, text: str, mention: Entity) -> list[Word]:
        """The words of a PER mention without an honorific or title the recognizer included ("ông Fomin")."""
        names = split_words(text[mention.start : mention.end])
        for n in (2, 1):
            if len(names) > n and self.kb.is_context(" ".join(w.key for w in names[:n]), "honorific"):
                names = names[n:]
                break
        for k in range(min(self.kb.max_title_words, len(names) - 1), 0, -1):
            if " ".join(w.key for w in names[:k]) in self.kb.titles:
                return names[k:]
        return names

    def _missed_short_mentions(
        self, doc: Document, text: str, words: Sequence[Word], heads: dict[str, Entity]
    ) -> list[Entity]:
        added = []
        for i, word in enumerate(words):
            head = heads.get(word.key)
            if head is None or not text[word.start].isupper() or _covered(doc.entities, word.start, word.end):
                continue
            prev = words[i - 1] if i > 0 else None
            honorific = any(
                i - n >= 0 and self.kb.is_context(" ".join(w.key for w in words[i - n : i]), "honorific")
                for n in (1, 2)
            )
            introduced = (
                prev is not None
                and text[prev.end : word.start] == " "
                and (honorific or self.roles.title_ending_at(text, words, prev.end) is not None)
            )
            if introduced or not looks_vietnamese(text[word.start : word.end]):
                mention = Entity(
                    word.start, word.end, "PER", doc.text[word.start : word.end], confidence=CHAIN_CONFIDENCE
                )
                _join(mention, head)
                reading = self.roles.read(text, words, doc.entities, mention)
                if reading is not None and reading.main.title.kind != "nominal":
                    mention.role = doc.text[reading.main.start : reading.main.end]
                added.append(mention)
        return added

    def _leaders_by_title(self, doc: Document, text: str, words: Sequence[Word]) -> list[Entity]:
        people = [e for e in doc.entities if e.label == "PER" and e.entity_id]
        added = []
        for country in doc.entities:
            if (
                country.label != "GPE"
                or country.entity_id != country.country
                or text[country.start - 1 : country.start] != " "
            ):
                continue
            found = self.roles.title_ending_at(text, words, country.start - 1)
            if (
                found is None
                or _covered(doc.entities, found.start, found.end)
                or self._named_after(doc, text, country.end)
            ):
                continue
            before = [w for w in words if w.end <= found.start][-1:]
            if before and before[0].key in _PLURAL:
                continue
            wanted = _LEADER_ROLES if found.title.role == "leader" else (found.title.role,)
            for role in wanted:
                ids = {p.entity_id: p for p in people if p.country == country.country and role in self._role_keys(p)}
                if len(ids) == 1:
                    person = next(iter(ids.values()))
                    mention = Entity(
                        found.start,
                        found.end,
                        "PER",
                        doc.text[found.start : found.end],
                        person.entity_id,
                        country=person.country,
                        cameo=person.cameo,
                        confidence=NOMINAL_CONFIDENCE,
                    )
                    if found.title.kind != "nominal":
                        mention.role = mention.text
                    added.append(mention)
                    break
        return added

    def _named_after(self, doc: Document, text: str, end: int) -> bool:
        """Whether a name follows position ``end``: a PER mention after a separator ("Hàn Quốc, Yoon Suk Yeol"),
        or a capitalised word right after a space ("Nga Vladimir Putin" that the recognizer missed)."""
        rest = text[end : end + 3]
        stripped = rest.lstrip(" ,-–")
        at = end + len(rest) - len(stripped)
        if any(e.start == at and e.label == "PER" for e in doc.entities):
            return True
        return rest[:1] == " " and rest[1:2].isupper()

    def _role_keys(self, person: Entity) -> set[str]:
        keys = set()
        if person.role and (title := self.kb.title(person.role)) is not None:
            keys.add(title.role)
        entry = self.kb.get(person.entity_id) if person.entity_id else None
        if entry is not None and entry.type == "person" and entry.kind:
            keys.add(entry.kind)
        return keys

    def _country_anaphors(self, doc: Document, text: str, words: Sequence[Word]) -> list[Entity]:
        countries = [e for e in doc.entities if e.label == "GPE" and e.entity_id and _ALPHA3.fullmatch(e.entity_id)]
        added = []
        for i in range(len(words) - 1):
            if words[i].key.partition(" ")[0] not in self._anaphor_starts:
                continue
            # "nước này" is two words, "quốc gia này" three
            n = next((n for n in (2, 3) if self.kb.is_context(" ".join(w.key for w in words[i : i + n]),
                                                               "country-anaphor")), None)
            if n is None or any(text[a.end : b.start] != " " for a, b in zip(words[i : i + n], words[i + 1 : i + n])):
                continue
            start, end = words[i].start, words[i + n - 1].end
            blocker = i > 0 and self.kb.is_context(words[i - 1].key, "anaphor-blocker")
            overlapping = [e for e in doc.entities if e.start < end and start < e.end]
            # the phrase names no one: an unlinked entity inside it ("Quốc" of "Quốc gia này" read as a name,
            # the country named just before capitalizing it) gives way to the anaphor
            if blocker or any(e.entity_id or e.start < start or end < e.end for e in overlapping):
                continue
            before = [
                c
                for c in countries
                if c.end <= start and start - c.end <= _MAX_ANAPHOR_DISTANCE and "\n\n" not in text[c.end : start]
            ]
            if before:
                last = before[-1]
                for stray in overlapping:
                    doc.entities.remove(stray)
                added.append(
                    Entity(
                        start,
                        end,
                        "GPE",
                        doc.text[start:end],
                        last.entity_id,
                        country=last.country,
                        cameo=last.cameo,
                        confidence=NOMINAL_CONFIDENCE,
                    )
                )
        return added


def _join(mention: Entity, head: Entity) -> None:
    """Give ``mention`` the identity of the chain head, keeping what it already says about itself."""
    mention.entity_id = head.entity_id
    mention.country = mention.country or head.country
    mention.cameo = mention.cameo or head.cameo


def _covered(entities: Sequence[Entity], start: int, end: int) -> bool:
    return any(e.start < end and start < e.end for e in entities)


def _ascii_slug(name: str) -> str:
    """ "Nguyễn Thụy Bá Linh" → "nguyen-thuy-ba-linh"."""
    folded = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
