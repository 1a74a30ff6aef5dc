"""The public contract on inputs the corpus sweep found or that callers plausibly send."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path

import pytest

import thoisu
from thoisu.errors import InputError

_spec = importlib.util.spec_from_file_location(
    "crash_sweep", Path(__file__).resolve().parents[1] / "evaluation" / "crash_sweep.py")
crash_sweep = sys.modules.setdefault("crash_sweep", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(crash_sweep)


def test_a_sentence_initial_country_anaphor_keeps_its_capital_as_an_actor() -> None:
    # found by the sweep (VietNews 004589): the actor read "quốc gia này" where the text says "Quốc gia này"
    # (a new paragraph: coreference stops there, the event coder resolves it itself)
    text = "Nga phản đối lệnh trừng phạt của phương Tây.\n\nQuốc gia này tấn công Ukraine."
    doc = thoisu.annotate(text)
    actors = [a for event in doc.events for a in event.sources + event.targets]
    assert ("Quốc gia này", "RUS") in [(a.text, a.entity_id) for a in actors]
    assert crash_sweep.document_problems(doc, given_text=text) == []


def test_the_three_word_country_anaphor_is_resolved_by_coreference() -> None:
    # coreference matched two-word phrases only, so "quốc gia này" never reached it
    doc = thoisu.annotate("Trung Quốc cho biết. Quốc gia này sẽ hợp tác với Việt Nam.")
    assert ("Quốc gia này", "GPE", "CHN") in [(e.text, e.label, e.entity_id) for e in doc.entities]


@pytest.mark.parametrize("text", [
    "Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Nga Vladimir Putin ngày 14/12.\r\n\r\nHai bên ký thỏa thuận.",
    unicodedata.normalize("NFD", "Bộ Ngoại giao Việt Nam phản đối Trung Quốc hôm qua."),  # decomposed tone marks
    "Thủ tướng hoà giải, Bộ Quốc phòng thuỷ quân hoá học ngày 5/3/2024 tại Hà Nội.",  # old-style tone placement
])
def test_annotate_offsets_are_offsets_into_the_callers_text(text: str) -> None:
    doc = thoisu.annotate(text, published="2024-11-18")
    assert doc.text is text or doc.text == text
    assert crash_sweep.document_problems(doc, given_text=text) == []
    assert doc.entities, "nothing found: the invariants were checked on nothing"


def test_annotate_names_a_bad_publication_date() -> None:
    with pytest.raises(InputError, match="2024-13-45"):
        thoisu.annotate("Hà Nội ngày 5/3.", published="2024-13-45")
