"""The grammar's needs: what every match of a family holds, looked for in the lowercased text before its scan."""

from __future__ import annotations

import re
import sys

import pytest

from thoisu.times import TimeTagger, tag_times
from thoisu.times.grammar import _LOWER_CASE_EXCEPTIONS

# one expression of each family that is skipped where its need is absent
NEEDED = [
    "họp ngày 12/3",
    "lúc 9h30",
    "trong năm 2019",
    "họp vào thứ hai tuần sau",
    "mùa xuân năm 2019",
    "hôm nay trời mưa",
    "sáng nay",
    "cuối tuần",
    "tập thể dục hằng ngày",
    "nghỉ 3 ngày",
    "ông sinh năm 90",
    "tháng 12/2019",
    "lúc 2019-05-04",
    "20h qua",
    "từ 2015 đến 2018",
    "quý 3/2019",
    "đêm 22 rạng sáng 23/9",
    "ngày 15 và 16-4",
    "những năm 1990",
    "thế kỷ 20",
    "nửa đầu năm 2019",
    "ngày 5 hàng tháng",
]


def test_lowercasing_gives_the_letter_the_regex_engine_reads_but_for_the_exceptions() -> None:
    """Every character that a case-insensitive pattern reads as a letter of a need lowercases to that letter, except
    exactly the listed ones (the needs are looked for in the lowercased text)."""
    needs = TimeTagger().grammar._needs.values()
    letters = {char for need in needs if need.lowercased for char in need.regex.pattern if char.isalpha()}
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    exceptions = set()
    for char in set(re.findall(f"[{''.join(sorted(letters))}]", every_character, re.IGNORECASE)):
        readings = {letter for letter in letters if re.fullmatch(re.escape(letter), char, re.IGNORECASE)}
        if char.lower() not in readings:
            exceptions.add(char)
    assert exceptions == set(_LOWER_CASE_EXCEPTIONS)


@pytest.mark.parametrize("text", NEEDED)
def test_capitals_do_not_hide_a_need(text: str) -> None:
    found = [(t.text.lower(), t.value) for t in tag_times(text, "2018-06-15")]
    assert found
    assert [(t.text.lower(), t.value) for t in tag_times(text.upper(), "2018-06-15")] == found


def test_a_character_that_lowercases_to_no_letter_still_lets_its_expression_be_found() -> None:
    # the regex engine reads the long s "ſ" as an "s", but "ſinh".lower() holds no "sinh"
    assert [(t.text, t.value) for t in tag_times("Ông ſinh năm 90.", "2018-06-15")] == [("ſinh năm 90", "1990")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "$" after a line's last expression is not the end of the text: "tới" before a line break is no suffix
        ("Họp ngày 27/3 tới\nHà Nội", [("ngày 27/3", "2018-03-27")]),
        ("Họp ngày 27/3 tới\n", [("ngày 27/3 tới", "2018-03-27")]),
        (
            "a\nHọp ngày 27/3 tới\nb\nngày 28/3 tới",
            [("ngày 27/3", "2018-03-27"), ("ngày 28/3 tới", "2018-03-28")],
        ),
        # the coordinated day is looked for where "1 và 2" stands anywhere in the text, as it always was
        ("ngày 15 và ngày 16-4", [("ngày 16-4", "2018-04-16")]),
        ("Có 1 và 2 người.\nngày 15 và ngày 16-4", [("ngày 15", "2018-04-15"), ("ngày 16-4", "2018-04-16")]),
        ("Anh ı: ngày 15 và ngày 16-4", [("ngày 16-4", "2018-04-16")]),
    ],
)
def test_lines_are_scanned_as_parts_of_the_whole_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in tag_times(text, "2018-03-01")] == expected
