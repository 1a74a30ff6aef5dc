"""Language detection: Vietnamese against the languages a Vietnamese news crawl also picks up."""

from __future__ import annotations

import time

import pytest

from thoisu.text.language import detect_language, is_vietnamese_syllable, vietnamese_syllable_balance

VIETNAMESE = (
    "Quân đội Nga và các nước EU đã tập trung lực lượng gần biên giới. Theo hãng tin Reuters, "
    "Bộ Quốc phòng Nga cho biết các cuộc tập trận sẽ kéo dài đến cuối tháng."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (VIETNAMESE, "vi"),
        (
            "Ngoại trưởng Antony Blinken nói với báo giới: \"The United States stands with its partners "
            "in the region\", sau cuộc gặp với Thủ tướng Phạm Minh Chính tại Hà Nội hôm thứ Hai.",
            "vi",
        ),
        (
            "Prime Minister Pham Minh Chinh met Nguyễn Phú Trọng and US Secretary of State Antony Blinken "
            "in Hanoi on Monday to discuss trade, security and the South China Sea.",
            "en",
        ),
        ("Le président de la République a annoncé une réforme des retraites pour les salariés.", "fr"),
        ("Der Bundeskanzler hat die Reform der Rente angekündigt und sich mit den Ländern getroffen.", "de"),
        ("El presidente del Gobierno anunció que la reforma se aprobará en el Congreso.", "es"),
        ("中国外交部发言人表示，双方将继续加强合作，推动两国关系发展。", "zh"),
        ("日本の首相は、記者会見で経済対策を発表した。", "ja"),
        ("Президент России заявил, что переговоры продолжатся на следующей неделе.", "ru"),
        ("대한민국 정부는 오늘 새로운 경제 정책을 발표했다.", "ko"),
        ("12345 67890 !!! ---", "und"),
        ("", "und"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_looks_only_at_the_start_of_a_huge_text() -> None:
    huge = (VIETNAMESE + " ") * 40 + "the of and " * 2_000_000  # read whole, it would be English
    start = time.perf_counter()
    assert detect_language(huge) == "vi"
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("word", ["việt", "nghiêng", "quyết", "khuỷu", "ngoằn", "gì", "thuở", "được", "tháp"])
def test_vietnamese_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["vieät", "vieọt", "thàp", "été", "müller", "strength", "việtt"])
def test_not_vietnamese_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def test_syllable_balance_counts_only_accented_words() -> None:
    assert vietnamese_syllable_balance("Việt Nam và Hoa Kỳ") == 3
    assert vietnamese_syllable_balance("Vieät Nam vaø Hoa Kyø") == -3
