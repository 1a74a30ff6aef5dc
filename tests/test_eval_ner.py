"""The NER scorer: raw-text rebuilding from CoNLL, gold spans, exact span+type counting."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from thoisu.document import Entity
from thoisu.errors import InputError
from thoisu.evaluate.ner import print_ner_report, read_conll, score_ner

SAMPLE = Path(__file__).parent / "fixtures" / "ner" / "sample.conll"


def test_raw_text_and_gold_spans_are_rebuilt_with_spaces():
    sentences = read_conll(SAMPLE)
    assert len(sentences) == 4
    first = sentences[0]
    assert first.text == "Thứ trưởng Quốc phòng Nga Alexander Fomin đã đến Hà Nội ."
    assert [(first.text[s:e], label) for s, e, label in first.entities] == [
        ("Nga", "LOC"),
        ("Alexander Fomin", "PER"),
        ("Hà Nội", "LOC"),
    ]


def test_long_label_names_map_and_other_types_are_dropped():
    last = read_conll(SAMPLE)[3]
    assert [(last.text[s:e], label) for s, e, label in last.entities] == [
        ("Giải Bóng đá", "MISC"),
        ("Tổng công ty Điện lực", "ORG"),  # an I- tag with no B- opens an entity
    ]
    assert read_conll(SAMPLE)[2].entities == []


def test_exact_span_and_type_counting():
    def tagger(text: str) -> list[Entity]:
        if text.startswith("Thứ"):
            return [
                Entity(22, 25, label="GPE"),  # GPE counts as LOC: right
                Entity(22, 41, label="PER"),  # wrong span
                Entity(49, 55, label="ORG"),  # wrong type
            ]
        return []

    report = score_ner(SAMPLE, lambda texts: [tagger(text) for text in texts], "fixed")
    assert report.labels["LOC"].true_positives == 1
    assert report.labels["LOC"].false_negatives == 1
    assert report.labels["PER"].false_positives == 1
    assert report.labels["PER"].false_negatives == 2
    assert report.labels["ORG"].false_positives == 1
    overall = report.overall()
    assert (overall.true_positives, overall.false_positives) == (1, 2)
    assert overall.precision == pytest.approx(1 / 3)
    assert overall.recall == pytest.approx(1 / 7)
    assert report.overall(("PER", "LOC", "ORG", "MISC")).false_negatives == 7


def test_report_prints_both_systems(tmp_path):
    console = Console(record=True, width=200)
    ours = score_ner(SAMPLE)
    print_ner_report(ours, console, score_ner(SAMPLE, lambda texts: [[] for _ in texts], "nothing"))
    output = console.export_text()
    assert "thoisu F1" in output and "nothing F1" in output and "PER+LOC+ORG" in output


def test_our_recognizer_scores_well_on_the_sample():
    assert score_ner(SAMPLE).overall().f1 >= 0.8


def test_bad_file_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("IMGID:1\nno tab here\n", encoding="utf-8")
    with pytest.raises(InputError, match="token<TAB>tag"):
        read_conll(bad)
    with pytest.raises(InputError, match="cannot read"):
        read_conll(tmp_path / "missing.txt")
