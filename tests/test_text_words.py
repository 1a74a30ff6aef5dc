"""Word segmentation with the bundled CRF model, and the segmentation pipeline step."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from thoisu.document import Document
from thoisu.errors import ResourceError
from thoisu.text.segment import Segmenter
from thoisu.text.words import WordSegmenter, units

FIXTURES = Path(__file__).parent / "fixtures" / "text"


@pytest.fixture(scope="module")
def segmenter() -> WordSegmenter:
    return WordSegmenter()


def words_of(segmenter: WordSegmenter, text: str) -> list[str]:
    return [t.text_in(text) for t in segmenter.segment(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hai nước đã thiết lập quan hệ ngoại giao.", ["thiết lập", "quan hệ", "ngoại giao"]),
        ("Thủ tướng Chính phủ làm việc tại Hà Nội.", ["Thủ tướng", "Chính phủ", "làm việc", "Hà Nội"]),
        ("Bác sĩ báo tin bệnh nhân bị ung thư.", ["Bác sĩ", "bệnh nhân", "ung thư"]),
        ("Người dân Thành phố Hồ Chí Minh đón năm mới.", ["Hồ Chí Minh"]),
    ],
)
def test_known_words_are_single_tokens(segmenter: WordSegmenter, text: str, expected: list[str]) -> None:
    words = words_of(segmenter, text)
    for word in expected:
        assert word in words, words


def test_punctuation_numbers_dates_and_urls_stay_whole(segmenter: WordSegmenter) -> None:
    text = "Ngày 14/12, giá tăng 3,2% lên 3.000 đồng (xem https://vnexpress.net/gia-xang-123.html)."
    words = words_of(segmenter, text)
    assert {"14/12", "3,2%", "3.000", "https://vnexpress.net/gia-xang-123.html"} <= set(words)
    assert words[-2:] == [")", "."]
    assert "," in words and "(" in words


def test_units_keep_abbreviations_and_split_punctuation() -> None:
    text = 'TAND TP. Đà Nẵng, PGS.TS. Lê Minh nói: "xong".'
    assert [text[a:b] for a, b in units(text)] == [
        "TAND", "TP.", "Đà", "Nẵng", ",", "PGS.TS.", "Lê", "Minh", "nói", ":", '"', "xong", '"', ".",
    ]  # fmt: skip


def test_offsets_round_trip_with_start(segmenter: WordSegmenter) -> None:
    prefix = "Tiêu đề. "
    sentence = "Bộ Ngoại giao Nga ra tuyên bố phản đối."
    tokens = segmenter.segment(sentence, start=len(prefix))
    document = prefix + sentence
    assert [t.text_in(document) for t in tokens] == [t.text_in(sentence) for t in segmenter.segment(sentence)]
    assert "".join(t.text_in(document).replace(" ", "") for t in tokens) == sentence.replace(" ", "")
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))
    assert "Ngoại giao" in [t.text_in(document) for t in tokens]


def test_tone_spelling_does_not_change_words(segmenter: WordSegmenter) -> None:
    old, new = "Hai bên đã hoà giải xung đột.", "Hai bên đã hòa giải xung đột."
    assert [(t.start, t.end) for t in segmenter.segment(old)] == [(t.start, t.end) for t in segmenter.segment(new)]
    assert "hòa giải" in words_of(segmenter, new)


def test_empty_text(segmenter: WordSegmenter) -> None:
    assert segmenter.segment("") == []
    assert segmenter.segment("   ") == []


def test_missing_model_is_a_resource_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="reinstall"):
        WordSegmenter(tmp_path)


def test_segmenter_step_fills_sentences_and_tokens() -> None:
    text = (FIXTURES / "article.txt").read_text(encoding="utf-8")
    doc = Segmenter()(Document(text=text))
    assert doc.text == text
    starts = [text[s.start : s.start + 12] for s in doc.sentences]
    assert starts == [
        "Ngày 25/2, T",
        "Từ tháng 10/",
        "Người bị lừa",
        "Tin lời, vợ ",
        "PGS.TS. Nguy",
        "Thông tin ch",
        "Bạn đọc có t",
    ]
    words = [t.text_in(text) for t in doc.tokens]
    assert {"Đà Nẵng", "Hồ Xuân Huy", "lừa đảo", "tài sản", "https://baodanang.vn/phap-luat.html"} <= set(words)
    assert "toasoan@baodanang.vn" in words
    # every token lies inside one sentence, in order, and tokens cover all non-space text of the sentences
    sentence_of = iter(doc.sentences)
    sentence = next(sentence_of)
    for token in doc.tokens:
        while token.start >= sentence.end:
            sentence = next(sentence_of)
        assert sentence.start <= token.start < token.end <= sentence.end
    assert "".join("".join(w.split()) for w in words) == "".join(text.split())
