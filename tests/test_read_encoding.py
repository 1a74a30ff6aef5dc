"""Decoding bytes to Unicode NFC: Unicode forms, Windows-1258, TCVN3, VNI, binary files, mojibake repair."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from thoisu.errors import InputError
from thoisu.text.encoding import decode, legacy_charset, repair_legacy

FIXTURES = Path(__file__).parent / "fixtures" / "read"
ARTICLE = (
    "Thủ tướng Phạm Minh Chính đã tiếp Bộ trưởng Ngoại giao Hoa Kỳ tại Hà Nội. Hai bên nhất trí thúc đẩy "
    "quan hệ Đối tác chiến lược toàn diện, tăng cường hợp tác kinh tế, thương mại và khắc phục hậu quả chiến tranh."
)
SENTENCES = [
    ARTICLE,
    "Quốc hội thông qua Luật Đất đai (sửa đổi) với 432/477 đại biểu tán thành, chiếm 87,47%.",
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI ĐỀ NGHỊ XỬ LÝ NGHIÊM “những sai phạm” — theo Ủy ban Kiểm tra.",
    "Ông Nguyễn Phú Trọng nói: \"Chúng ta phải kiên quyết, kiên trì đấu tranh phòng, chống tham nhũng\".",
    "Khuỷu tay, ngoằn ngoèo, nghiêng ngả, quyết định, giữ gìn, thuở ấy, khuya khoắt, oẳn tù tì.",
]


def cp1258_form(text: str) -> str:
    """Tone marks as separate combining characters, the form Windows-1258 writes."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tones)
    return "".join(out)


@pytest.mark.parametrize("charset", ["tcvn3", "vni"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_legacy_round_trip(charset: str, sentence: str) -> None:
    data = legacy_charset(charset).encode(sentence)
    assert not data.isascii() and sentence.encode("utf-8") != data
    assert decode(data, "page") == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_windows_1258_round_trip(sentence: str) -> None:
    assert decode(cp1258_form(sentence).encode("cp1258"), "page") == sentence


def test_tcvn3_file_written_by_glibc_iconv() -> None:
    assert decode((FIXTURES / "tcvn3.txt").read_bytes(), "tcvn3.txt") == ARTICLE


def test_vni_page_typed_in_vni_glyphs_despite_its_western_meta_charset() -> None:
    text = decode((FIXTURES / "vni.html").read_bytes(), "vni.html")
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc" in text
    assert 'charset="windows-1252"' in text  # the markup is left as it was


def test_vni_capitals() -> None:
    assert decode("VIEÄT NAM ÑOÅI MÔÙI".encode("cp1252"), "page") == "VIỆT NAM ĐỔI MỚI"


def test_windows_1258_page() -> None:
    text = decode((FIXTURES / "cp1258.html").read_bytes(), "cp1258.html")
    assert ARTICLE in text and unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("name", ["utf8_bom.html", "utf16le_nobom.txt", "utf16be_nobom.txt", "utf16_bom.txt"])
def test_unicode_files(name: str) -> None:
    text = decode((FIXTURES / name).read_bytes(), name)
    assert ARTICLE in text
    assert not text.startswith("\ufeff")


def test_decomposed_utf8_comes_out_nfc() -> None:
    assert decode(unicodedata.normalize("NFD", ARTICLE).encode("utf-8"), "page") == ARTICLE


def test_declared_charset_of_another_language_is_followed() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Президент России</p>'
    assert decode(page.encode("cp1251"), "page") == page


def test_declared_charset_that_does_not_fit_the_bytes_is_ignored() -> None:
    page = '<meta charset="utf-8"><p>' + ARTICLE + "</p>"
    assert ARTICLE in decode(legacy_charset("vni").encode(page), "page")


def test_western_page_stays_western() -> None:
    page = "<p>Le président a annoncé une réforme à Paris, l'été dernier.</p>"
    assert decode(page.encode("cp1252"), "page") == page


def test_png_is_binary() -> None:
    with pytest.raises(InputError, match=r"image\.png: binary file \(PNG image\), not a text or HTML page"):
        decode((FIXTURES / "image.png").read_bytes(), "image.png")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"text\x01\x02\x03\x04\x05\x06" * 100, "control bytes"),
        (b"ab\x00\x00\x00\x01" * 100, "NUL bytes"),
    ],
)
def test_binary_content(data: bytes, what: str) -> None:
    with pytest.raises(InputError, match=what):
        decode(data, "upload.bin")


def test_repair_vni_mojibake() -> None:
    mojibake = legacy_charset("vni").encode(ARTICLE).decode("cp1252")
    assert repair_legacy(mojibake) == ARTICLE


def test_repair_tcvn3_mojibake_read_as_latin_1() -> None:
    mojibake = legacy_charset("tcvn3").encode(ARTICLE).decode("latin-1")
    assert repair_legacy(mojibake) == ARTICLE


@pytest.mark.parametrize(
    "text",
    [ARTICLE, "Tôi là ai", "Café crème brûlée à Paris, été.", "Smörgåsbord für Müller", "plain ascii"],
)
def test_repair_leaves_other_text_alone(text: str) -> None:
    assert repair_legacy(text) == text


def test_utf8_page_of_vni_glyphs_is_repaired() -> None:
    # a VNI page saved by a browser as UTF-8: the glyphs became Latin-1 letters
    page = ("<p>" + legacy_charset("vni").encode(ARTICLE).decode("cp1252") + "</p>").encode("utf-8")
    assert decode(page, "page") == "<p>" + ARTICLE + "</p>"


def test_utf8_with_a_few_broken_bytes_stays_utf8() -> None:
    cut_off = ARTICLE.encode("utf-8") + " tại Hà Nội".encode("utf-8")[:-1]  # the last "ộ" cut in half
    assert decode(cut_off, "page").startswith(ARTICLE + " tại Hà N")
    stray = ARTICLE.encode("utf-8") + b" \x93quoted\x94"  # two Windows-1252 quotes pasted in
    assert decode(stray, "page").startswith(ARTICLE)


def test_declared_windows_1258_that_reads_worse_than_tcvn3_is_overruled() -> None:
    page = '<meta charset="windows-1258"><p>' + ARTICLE + "</p>"
    assert ARTICLE in decode(legacy_charset("tcvn3").encode(page), "page")


def test_declared_windows_1258_is_followed() -> None:
    page = '<meta charset="windows-1258"><p>' + ARTICLE + "</p>"
    assert ARTICLE in decode(cp1258_form(page).encode("cp1258"), "page")
