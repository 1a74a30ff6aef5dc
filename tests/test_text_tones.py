"""Tone-mark placement: one convention, same length."""

import unicodedata

import pytest

from thoisu.text.tones import normalize_tones


@pytest.mark.parametrize(
    "given, expected",
    [
        ("hoà", "hòa"), ("hòa", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("tuỳ", "tùy"),
        ("hoàn", "hoàn"), ("quyết", "quyết"), ("quả", "quả"), ("già", "già"), ("gì", "gì"),
        ("ngoài", "ngoài"), ("khuỷu", "khuỷu"), ("người", "người"), ("thuở", "thuở"),
        ("HOÀ BÌNH", "HÒA BÌNH"), ("Hoá học", "Hóa học"),
    ],
)
def test_traditional_placement(given, expected):
    assert normalize_tones(given) == expected


@pytest.mark.parametrize("word", ["Café", "Erdoğan", "naïve", "Oasinhtơn", "NATO", "19h30"])
def test_foreign_and_non_syllables_untouched(word):
    assert normalize_tones(word) == word


def test_length_preserved_on_real_text():
    text = unicodedata.normalize(
        "NFC", "Thuỵ Điển, Hoà Lan và Phần Lan hoà giải; quân đội thuỷ bộ khoẻ, hoạ sĩ, xoà, loè, thuý."
    )
    result = normalize_tones(text)
    assert len(result) == len(text)
    assert "Thụy" in result and "hòa giải" in result and "thủy" in result
