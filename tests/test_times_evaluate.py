"""Scoring time expressions: gold readers, recognition and value counts, the CLI command."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from thoisu.cli import app
from thoisu.errors import InputError
from thoisu.evaluate.times import Prediction, _same_value, read_gold, read_vlsp, score, thoisu_predict

FIXTURES = Path(__file__).parent / "fixtures" / "times"


def test_vlsp_sentences_become_raw_text_with_datetime_spans() -> None:
    items = read_vlsp(FIXTURES / "vlsp_sample.txt")
    assert [item.id for item in items] == ["1", "2"]
    assert [[item.text[t.start : t.end] for t in item.times] for item in items] == [
        ["2 ngày tới"],
        ["Chiều 22/9", "năm 1995"],
    ]
    assert items[0].text.startswith("Dự báo thời tiết 2 ngày tới Nam Bộ")
    assert all(t.value is None for item in items for t in item.times)


def test_thoisu_on_the_value_sample() -> None:
    result = score(read_gold(FIXTURES / "gold_sample.jsonl"), thoisu_predict())
    # "hôm 27/12" lies in the context before scored_from and is not counted
    assert (result.gold, result.predicted, result.exact, result.overlap) == (2, 2, 2, 2)
    assert (result.valued, result.value_correct) == (2, 2)


def test_overlap_counts_once_and_wrong_values_are_errors() -> None:
    items = read_gold(FIXTURES / "gold_sample.jsonl")[:1]

    def predict(item: object) -> list[Prediction]:
        return [Prediction(34, 43, "2022-01-10"), Prediction(36, 40, "2022-01-10"), Prediction(60, 69, "2022-01-11")]

    result = score(items, predict, errors=5)
    assert (result.exact, result.overlap, result.value_correct) == (1, 2, 1)
    assert len(result.errors) == 1 and "2022-01-11" in result.errors[0]
    assert result.prf(result.overlap) == (pytest.approx(2 / 3), 1.0, pytest.approx(0.8))


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("2024-11-18", "2024-11-18", True),
        ("2024-11-18", "2024-11", False),
        ("@2023-01-19T00:00", "2023-01", True),  # a bare date-time is compared at gold's granularity
        ("@2023-01-19T00:00", "2023-01-19", True),
        ("@2023-01-19T00:00", "XXXX-01-19", False),
        ("@2023-01-19T00:00", "P3D", False),
        (None, "2023", False),
    ],
)
def test_value_comparison(predicted: str | None, gold: str, same: bool) -> None:
    assert _same_value(predicted, gold) is same


def test_missing_gold_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such gold file"):
        read_gold(tmp_path / "absent.jsonl")


def test_cli_prints_the_table() -> None:
    gold = str(FIXTURES / "gold_sample.jsonl")
    result = CliRunner().invoke(app, ["eval", "times", gold, "--no-compare"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "thoisu" in result.output and "1.000" in result.output
