"""The events of the five sample pages against the gold file, through the whole pipeline (thoisu.analyze).

Skipped, with the reason, while the recognizer, linker and time tagger are not all registered in
``pipeline.default_steps()`` (the coder needs linked entities and resolved times to code actors and dates).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

import pytest

import thoisu
from thoisu.clean import clean
from thoisu.document import Document, Event
from thoisu.evaluate.actors import same_side
from thoisu.pipeline import default_steps
from thoisu.read.page import Page

ROOT = Path(__file__).resolve().parents[1]
GOLD = [json.loads(line) for line in (Path(__file__).parent / "fixtures/events/samples_events.jsonl").open(encoding="utf-8")]
NEEDED = {"Recognizer", "Linker", "TimeTagger", "EventCoder"}


@lru_cache(maxsize=1)
def missing_steps() -> frozenset[str]:
    return frozenset(NEEDED - {type(step).__name__ for step in default_steps()})


@cache
def analyzed(sample: str) -> Document:
    return thoisu.analyze((ROOT / "examples" / f"{sample}.txt").read_text(encoding="utf-8"))


def find_event(doc: Document, context: str, trigger: str) -> Event | None:
    """The event one of whose mentions covers ``trigger`` inside the unique ``context`` of the article."""
    start = doc.text.index(context) + context.index(trigger)
    return next((e for e in doc.events for m in e.mentions if m.start <= start < m.end), None)


@pytest.mark.parametrize("gold", [pytest.param(g, id=f"{g['sample'][:3]}-{g['trigger']}",
                                               marks=[pytest.mark.xfail(reason=g["reasoning"])] if g.get("known_miss") else [])
                                  for g in GOLD])
def test_sample_event(gold: dict) -> None:
    if missing_steps():
        pytest.skip(f"pipeline.default_steps() lacks {sorted(missing_steps())}: actors and dates need them")
    doc = analyzed(gold["sample"])
    event = find_event(doc, gold["context"], gold["trigger"])
    assert event is not None, f"no event at {gold['trigger']!r}"
    assert event.type == gold["type"]
    if "mode" in gold:
        assert event.mode == gold["mode"]
    assert event.modality == gold["modality"]
    if gold.get("reciprocal"):
        assert event.reciprocal
        assert same_side(gold["sources"] + gold["targets"], event.sources + event.targets)
    else:
        if "sources" in gold:
            assert same_side(gold["sources"], event.sources)
        if "targets" in gold:
            assert same_side(gold["targets"], event.targets)
    if "date" in gold:
        assert event.date is not None and event.date.value == gold["date"]
    if "location" in gold:
        assert event.location is not None and gold["location"].lower() in event.location.text.lower()
    if "attributed_to" in gold:
        assert event.attributed_to is not None and gold["attributed_to"].lower() in event.attributed_to.text.lower()
    assert len(event.mentions) >= gold.get("min_mentions", 1)


def test_gold_file_names_real_triggers() -> None:
    """Every gold context occurs once in its cleaned article and holds its trigger (guards the fixture itself)."""
    for gold in GOLD:
        page = (ROOT / "examples" / f"{gold['sample']}.txt").read_text(encoding="utf-8")
        body = clean(Page(source=gold["sample"], content=page)).text
        assert body.count(gold["context"]) == 1 and gold["trigger"] in gold["context"], gold
        assert gold["type"] in PLOVER_TYPES and gold["reasoning"]


PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
