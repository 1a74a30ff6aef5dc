"""Reading BKEE (brat, word-segmented) documents as raw text with word, sentence and trigger spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from thoisu.errors import InputError


@dataclass
class BkeeTrigger:
    """A gold event trigger: its span in the raw text and its BKEE type."""

    start: int
    end: int
    type: str


@dataclass
class BkeeDocument:
    """A BKEE document rebuilt as raw text ('_' joining syllables becomes a space; offsets unchanged)."""

    id: str
    text: str
    words: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    triggers: list[BkeeTrigger] = field(default_factory=list)


def read_bkee(directory: Path) -> Iterator[BkeeDocument]:
    """Every document of a BKEE split directory (pairs of .txt and .ann files), in name order."""
    texts = sorted(directory.glob("*.txt"))
    if not texts:
        raise InputError(str(directory), "no BKEE .txt/.ann files in this directory")
    for path in texts:
        yield read_bkee_document(path)


def read_bkee_document(path: Path) -> BkeeDocument:
    """One BKEE document from its .txt path (the .ann beside it holds the triggers)."""
    segmented = path.read_text(encoding="utf-8")
    doc = BkeeDocument(id=path.stem, text=segmented.replace("_", " "))
    offset = 0
    for line in segmented.split("\n"):
        if line.strip():
            doc.sentences.append((offset + len(line) - len(line.lstrip()), offset + len(line.rstrip())))
        position = offset
        for word in line.split(" "):
            if word:
                doc.words.append((position, position + len(word)))
            position += len(word) + 1
        offset += len(line) + 1
    annotations = path.with_suffix(".ann")
    if not annotations.exists():
        raise InputError(str(annotations), "missing: every BKEE .txt needs its .ann beside it")
    events = set()
    spans: dict[str, BkeeTrigger] = {}
    for line in annotations.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("E") and len(fields) > 1:
            events.add(fields[1].split()[0].split(":")[1])
        elif line.startswith("T") and len(fields) > 1 and ";" not in fields[1]:
            label, start, end = fields[1].split()
            spans[fields[0]] = BkeeTrigger(int(start), int(end), label)
    doc.triggers = sorted((spans[t] for t in events if t in spans), key=lambda t: t.start)
    return doc
