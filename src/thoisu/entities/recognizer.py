"""Named-entity recognition on raw Vietnamese text: a syllable-level CRF (PER, ORG, LOC, MISC).

The model (trained by ``evaluation/train_ner.py`` on VLSP 2016; see
``data/models/ner/PROVENANCE.md``) tags each syllable B-/I-/O; spans are character
offsets into ``doc.text``. Turning LOC mentions of countries and cities into GPE is the
linker's job.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from underthesea_core import CRFTagger

from thoisu.document import Document, Entity
from thoisu.entities.features import Gazetteer, SyllableFeatures, load_clusters, syllable_spans
from thoisu.errors import ResourceError
from thoisu.text.tones import normalize_tones

MODEL_DIR = Path(str(files("thoisu") / "data" / "models" / "ner"))
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)]*\s+(?=[\"“«(]?[^\W\d_])|\n\s*")


class Recognizer:
    """Pipeline step: adds PER/ORG/LOC/MISC entity mentions to ``doc.entities``."""

    def __init__(self, model_dir: Path = MODEL_DIR, rules: bool = True) -> None:
        model = model_dir / "ner.crfsuite"
        if not model.is_file():
            raise ResourceError(f"NER model not found at {model}; reinstall thoisu or run evaluation/train_ner.py")
        clusters, capitalized = load_clusters(model_dir / "clusters.tsv")
        known = Gazetteer.load(model_dir / "kb_names.tsv")
        self.features = SyllableFeatures(clusters, capitalized, {"g": Gazetteer.load(model_dir / "gazetteer.tsv"), "kb": known})
        self.rules = NameRules(model_dir / "rules.tsv", known) if rules else None
        self.tagger = CRFTagger()
        try:
            self.tagger.load(str(model))
        except Exception as exc:  # the Rust loader raises plain exceptions on a corrupt file
            raise ResourceError(f"cannot load NER model {model}: {exc}") from exc

    def __call__(self, doc: Document) -> Document:
        """Add the entity mentions of every sentence of ``doc``."""
        text = doc.analysis_text
        spans = [(s.start, s.end) for s in doc.sentences] or sentence_spans(text)
        for start, end in spans:
            for entity in self._tag(text[start:end], start):
                entity.text = doc.text[entity.start : entity.end]
                doc.entities.append(entity)
        return doc

    def recognize(self, text: str) -> list[Entity]:
        """Entity mentions of one sentence, offsets into ``text``."""
        entities = self._tag(normalize_tones(text), 0)
        for entity in entities:
            entity.text = text[entity.start : entity.end]
        return entities

    def _tag(self, text: str, offset: int) -> list[Entity]:
        spans = syllable_spans(text)
        if not spans:
            return []
        forms = [text[s:e] for s, e in spans]
        found = decode_bio(self.tagger.tag(self.features.sentence(forms)))
        if self.rules:
            found = self.rules.apply(forms, found)
        return [Entity(offset + spans[i][0], offset + spans[j - 1][1], label=label) for i, j, label in found]


class NameRules:
    """Corrections of the CRF's entities by knowledge-base names, configured by a ``kind/label/actions`` file."""

    def __init__(self, path: Path, names: Gazetteer) -> None:
        self.names = names
        self.kinds: dict[str, tuple[str, frozenset[str]]] = {}
        try:
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
        except OSError as exc:
            raise ResourceError(f"cannot read NER rules {path}: {exc}; reinstall thoisu") from exc
        for line in lines[1:]:
            parts = line.split("\t")
            if len(parts) != 3:
                raise ResourceError(f"{path}: expected kind<TAB>label<TAB>actions, got {line!r}")
            self.kinds[parts[0]] = (parts[1], frozenset(parts[2].split(",")))

    def _with(self, action: str, matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        return [(a, b, self.kinds[k][0]) for a, b, k in matches if k in self.kinds and action in self.kinds[k][1]]

    def apply(self, forms: list[str], entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The entities (syllable ranges) after stripping titles, splitting, relabelling and adding names."""
        matches = self.names.matches(forms)
        titles = self._with("strip", matches)
        splits = {a: (b, label) for a, b, label in self._with("split", matches)}
        exact = {(a, b): label for a, b, label in self._with("relabel", matches)}
        out: list[tuple[int, int, str]] = []
        for i, j, label in entities:
            after_title = False
            for a, b, _ in titles:
                if a <= i <= b and b < j and forms[b][:1].isupper():  # a title, then a name
                    i, after_title = max(i, b), True
                elif a <= i and j <= b:
                    i = j  # the whole entity is a title
            if i >= j:
                continue
            if after_title and i in splits and splits[i][0] < j:
                end, place_label = splits[i]
                out.append((i, end, place_label))
                i, label = end, "PER"
                while j < len(forms) and forms[j][:1].isupper() and j not in splits:
                    j += 1
            out.append((i, j, exact.get((i, j), label)))
        for a, b, label in self._with("add", matches):
            if all(b <= i or j <= a for i, j, _ in out):
                out.append((a, b, label))
        return sorted(out)


def decode_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first, past-last, label) index ranges of the entities in a BIO tag sequence."""
    out: list[tuple[int, int, str]] = []
    current: list | None = None
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current and current[2] == label:
            current[1] = i + 1
            continue
        if current:
            out.append(tuple(current))
        current = [i, i + 1, label] if prefix in ("B", "I") else None
    if current:
        out.append(tuple(current))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans by a simple rule (end punctuation before a capital, or a line break), for documents not yet split."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
