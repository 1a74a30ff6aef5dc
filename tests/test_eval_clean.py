"""The cleaning scorer: the measure itself, the gold format, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from thoisu.cli import app
from thoisu.errors import InputError
from thoisu.evaluate.clean import bag_of_tokens_prf, print_clean_report, score_clean, tokens

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def test_tokens_are_case_folded_words_without_punctuation() -> None:
    assert tokens("Theo RT, ông Putin nói: “Không”.") == ["theo", "rt", "ông", "putin", "nói", "không"]


def test_bag_of_tokens_counts_repeats_and_ignores_order() -> None:
    assert bag_of_tokens_prf("b a", "a b") == (1.0, 1.0, 1.0)
    precision, recall, f1 = bag_of_tokens_prf("a a b c", "a b")
    assert (precision, recall) == (0.5, 1.0) and f1 == pytest.approx(2 / 3)
    assert bag_of_tokens_prf("", "a") == (0.0, 0.0, 0.0)
    assert bag_of_tokens_prf("", "") == (1.0, 1.0, 1.0)


def test_the_five_samples_score_at_least_098_on_every_page() -> None:
    report = score_clean(FIXTURES / "samples_gold.jsonl")
    assert len(report.rows) == 5
    for row in report.rows:
        assert row.error is None, row.source
        assert row.f1 >= 0.98, (row.source, row.f1)
        assert row.title_match and row.date_match and row.date_exact, row.source
        assert row.captions_found == row.captions_gold and not row.agencies_missing and row.outlet_match
    assert report.title_accuracy == 1.0 and report.date_accuracy == 1.0


def test_wrong_output_scores_low(tmp_path: Path) -> None:
    gold = {"page": "Tiêu đề\n\nMột đoạn văn bản dài của bài báo, có đủ các từ như và, của, được, cho.",
            "kind": "text", "text": "Hoàn toàn khác nội dung", "title": "Khác", "published": "2024-01-01"}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    (row,) = score_clean(path).rows
    assert row.f1 < 0.2 and not row.title_match and not row.date_match


def test_a_rejected_page_scores_zero_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"page": "Trang chủ\nĐăng nhập\n", "kind": "text", "text": "Bài báo", "title": None,
                                "published": None}) + "\n", encoding="utf-8")
    (row,) = score_clean(path).rows
    assert row.f1 == 0.0 and row.error


def test_malformed_gold_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="gold.jsonl:1"):
        score_clean(path)
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON object"):
        score_clean(path)


def test_report_prints_every_page() -> None:
    console = Console(record=True, width=160)
    print_clean_report(score_clean(FIXTURES / "synthetic_gold.jsonl"), console)
    output = console.export_text()
    assert "festival.txt" in output and "wrapped.txt" in output and "mean of 3" in output


def test_eval_clean_command() -> None:
    result = CliRunner().invoke(app, ["eval", "clean", str(FIXTURES / "samples_gold.jsonl")])
    assert result.exit_code == 0, result.output
    assert "mean of 5" in result.output and "1.000" in result.output


def test_shingles_punish_text_out_of_order() -> None:
    assert bag_of_tokens_prf("a b c d e", "a b c d e", shingle=4) == (1.0, 1.0, 1.0)
    assert bag_of_tokens_prf("d e a b c", "a b c d e", shingle=4)[2] == 0.0
    assert bag_of_tokens_prf("a b", "a b", shingle=4) == (1.0, 1.0, 1.0)
