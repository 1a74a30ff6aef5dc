"""Vietnamese time expressions: recognition, TIMEX3 values, anchors, and the pipeline step."""

from __future__ import annotations

from pathlib import Path

import pytest

from thoisu.document import Document, Time
from thoisu.errors import InputError
from thoisu.pipeline import default_steps
from thoisu.times import TimeTagger, tag_times

FIXTURES = Path(__file__).parent / "fixtures" / "times"


def _rows(name: str) -> list[list[str]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


CASES = _rows("cases.tsv")
NEGATIVES = [row[0] for row in _rows("negatives.tsv")]


@pytest.mark.parametrize(("anchor", "text", "expression", "kind", "value", "mod"), CASES, ids=[c[2] for c in CASES])
def test_expression_value(anchor: str, text: str, expression: str, kind: str, value: str, mod: str) -> None:
    times = tag_times(text, None if anchor == "-" else anchor)
    found = {t.text: t for t in times}
    assert expression in found, f"{expression!r} not among {list(found)}"
    time = found[expression]
    assert (time.type, time.value, time.mod or "") == (kind, value, mod)
    assert text[time.start : time.end] == expression


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_time(text: str) -> None:
    assert [t.text for t in tag_times(text, "2024-11-19")] == []


def test_unknown_year_stays_unknown() -> None:
    times = tag_times("Ngày 14/12 ông nói, hôm qua trời mưa, tuần trước trời nắng.", None)
    assert [t.value for t in times] == ["XXXX-12-14", "XXXX-XX-XX", "XXXX-WXX"]
    assert all(t.anchor is None for t in times)


@pytest.mark.parametrize("count", ["9" * 12, "9" * 400])
def test_a_count_beyond_the_calendar_is_no_date_and_no_crash(count: str) -> None:
    values = {t.text: t.value for t in tag_times(f"{count} ngày trước, sau {count} tháng, lúc 9h và {count} giờ sau.",
                                                  "2024-01-01")}
    assert values[f"{count} ngày trước"] == "PAST_REF" and values[f"{count} giờ sau"] == "FUTURE_REF"
    assert values[f"{count} tháng"].startswith("P")  # a duration, its amount unknown when it reads as infinity


def test_lookalike_letters_are_read_as_the_patterns_read_them() -> None:
    # "ı" (dotless), "İ" and "ſ" match "i"/"s" in a case-insensitive pattern, but were looked up as written: KeyError
    plain = "Sáng thứ Hai tuần trước, đầu thế kỷ XXI, quý IV/2024, ông cho biết mới đây."
    lookalike = plain.replace("i", "ı").replace("I", "İ").replace("S", "ſ")
    assert len(lookalike) == len(plain)
    values = [(t.start, t.end, t.value) for t in tag_times(lookalike, "2024-05-01")]
    assert values == [(t.start, t.end, t.value) for t in tag_times(plain, "2024-05-01")] and len(values) == 3


def test_text_anchored_expressions_count_from_the_last_time() -> None:
    text = "Ngày 10/1/2022, hai bên họp. 16h cùng ngày, họ ký. Hai ngày sau, họ về. Trước đó hai ngày, họ đến."
    times = tag_times(text, "2021-12-28")
    assert [(t.text, t.value, t.anchor) for t in times] == [
        ("Ngày 10/1/2022", "2022-01-10", None),
        ("16h cùng ngày", "2022-01-10T16:00", "t0"),
        ("Hai ngày sau", "2022-01-12", "t1"),
        ("Trước đó hai ngày", "2022-01-10", "t2"),
    ]


def test_next_week_counts_from_the_week_just_named() -> None:
    text = "Hai bên hẹn gặp ngày 9-1 tới.\nVụ thử có thể diễn ra trong tuần này hoặc tuần sau."
    times = tag_times(text, "2017-12-22")
    assert [(t.text, t.value, t.anchor) for t in times] == [
        ("ngày 9-1 tới", "2018-01-09", "published"),
        ("tuần này", "2017-W51", "published"),
        ("tuần sau", "2017-W52", "t1"),
    ]


def test_no_expression_runs_across_a_line_break() -> None:
    times = tag_times("Đề xuất cho công chức nghỉ 4 ngày\n24 Tháng 12, 2025", None)
    assert [(t.text, t.value) for t in times] == [("4 ngày", "P4D"), ("24 Tháng 12, 2025", "2025-12-24")]


def test_text_anchored_expression_without_earlier_time_uses_publication_date() -> None:
    (time,) = tag_times("Cùng ngày, người phát ngôn Điện Kremlin cho biết.", "2024-11-19")
    assert (time.value, time.anchor) == ("2024-11-19", "published")


def test_sentence_year_fixes_a_partial_date() -> None:
    times = tag_times("Năm ngoái, chiếc xe bị mất lần đầu vào ngày 19-7.", "2018-11-21")
    assert [t.value for t in times] == ["2017", "2017-07-19"]


def test_reported_clause_cue_does_not_set_the_year() -> None:
    text = "Sáng 24-5, ông Thọ xác nhận Thanh tra vừa có quyết định xử phạt."
    assert tag_times(text, "2019-05-23")[0].value == "2019-05-24TMO"


def test_offsets_are_into_the_text_as_given() -> None:
    text = "Hoà bình được ký kết sáng 14/12, thuỷ thủ về sau đó."  # tone marks in the modern placement
    (time,) = tag_times(text, "2024-11-19")
    assert text[time.start : time.end] == time.text == "sáng 14/12"


def test_invalid_anchor_is_an_input_error() -> None:
    with pytest.raises(InputError, match="ISO 8601"):
        tag_times("ngày 14/12", "14/12/2024")


def test_datetime_anchor_is_accepted() -> None:
    assert tag_times("hôm qua", "2024-11-19T09:00:00+07:00")[0].value == "2024-11-18"


def test_step_adds_times_and_keeps_text() -> None:
    text = "Bộ trưởng đã đến Triều Tiên ngày hôm nay (29/11)."
    doc = Document(text=text, published="2024-11-29")
    doc = TimeTagger()(doc)
    assert doc.text == text
    assert [(t.start, t.end, t.value, t.anchor) for t in doc.times] == [(28, 48, "2024-11-29", "published")]


def test_step_numbers_text_anchors_after_existing_times() -> None:
    doc = Document(text="Ngày 10/1/2022 họ họp. Hai ngày sau họ về.")
    doc.times.append(Time(start=0, end=4, value="2022"))  # a time an earlier run added
    doc = TimeTagger()(doc)
    assert [(t.value, t.anchor) for t in doc.times[1:]] == [("2022-01-10", None), ("2022-01-12", "t1")]


def test_default_pipeline_runs_the_time_step() -> None:
    assert any(isinstance(step, TimeTagger) for step in default_steps())
