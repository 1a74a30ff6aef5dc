"""Bytes to Unicode NFC text: the encodings Vietnamese pages come in, told apart by how Vietnamese they read.

Unicode pages are recognized by their byte order mark, by the NUL pattern of UTF-16, or by being valid
UTF-8. Anything else is one of the single-byte encodings of the 1990s and 2000s: Windows-1258, TCVN3
(ABC, the .VnTime fonts) or VNI-Windows (the VNI fonts). They cannot be told apart by their bytes alone,
so each is tried and the one whose words are well-formed Vietnamese syllables wins; a page's own
``<meta charset>`` is followed when it reads at least as well as the others.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from thoisu.errors import InputError, ResourceError
from thoisu.text.language import vietnamese_syllable_balance

_MAGIC = (  # leading bytes of the binary formats that end up among saved pages
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
SNIFF_BYTES = 8192  # the head of the file that binary and UTF-16 detection look at
SCORE_CHARS = 200_000  # how much of a page the encoding candidates are scored on; more changes nothing
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b >= 0x20 or b in b"\t\n\v\f\r\x1b")
_MAX_CONTROL_SHARE = 0.05  # text has next to none; compressed or image data has about 1 in 10
_UTF16_NUL_SHARE = 0.3  # share of NUL high bytes in BOM-less UTF-16 (ASCII markup alone gives ~1.0)
_BROWSER_ALIASES = {"ascii": "cp1252", "latin-1": "cp1252", "iso8859-1": "cp1252"}  # as browsers read them
_VIETNAMESE = ("cp1258", "tcvn3", "vni")  # the single-byte candidates, in the order that wins ties
_META_CHARSET = re.compile(  # <meta charset=…>, <meta http-equiv=… content="…; charset=…">, <?xml encoding=…?>
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding=["']([A-Za-z0-9._:-]+)""", re.I
)
# Windows-1252 punctuation (curly quotes, dashes, €) on bytes 0x80-0x9F, which Latin-1 leaves as controls
_C1_TO_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_CP1252_TO_C1 = {ord(char): b for b, char in _C1_TO_CP1252.items()}
_BEYOND_SINGLE_BYTE = re.compile("[^\x00-\xff" + "".join(_C1_TO_CP1252.values()) + "]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_UTF8_VALID_PER_BROKEN = 10  # legacy Vietnamese bytes almost never form UTF-8 sequences: they have far fewer
_MIXED_MIN_UTF8_SEQUENCES = 8  # in lines that are valid UTF-8: a real UTF-8 part of a page, not legacy bytes by chance
_REPAIR_MARGIN = 3  # accented words that must read better before text that arrived as str is converted


class LegacyCharset:
    """A Vietnamese font encoding: byte sequences that stand for letters, Windows-1252 for the other bytes."""

    def __init__(self, name: str, table: dict[bytes, str]) -> None:
        self.name = name
        self._letters = {sequence.decode("latin-1"): letter for sequence, letter in table.items()}
        self._sequences = {letter: sequence for sequence, letter in table.items()}
        longest_first = sorted(self._letters, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, longest_first)))

    def decode(self, data: bytes) -> str:
        """``data`` as Unicode NFC text."""
        glyphs = self._pattern.sub(lambda m: self._letters[m.group()], data.decode("latin-1"))
        return unicodedata.normalize("NFC", glyphs.translate(_C1_TO_CP1252))

    def encode(self, text: str) -> bytes:
        """``text`` in this encoding; raises ValueError for a character it cannot write."""
        return b"".join(self._encode_char(char) for char in unicodedata.normalize("NFC", text))

    def _encode_char(self, char: str) -> bytes:
        if char in self._sequences:
            return self._sequences[char]
        if char.isascii():
            return char.encode("ascii")
        if ord(char) in _CP1252_TO_C1:
            return bytes([_CP1252_TO_C1[ord(char)]])
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((mark for mark in decomposed[1:] if mark in self._sequences), None)
        if tone:
            # a capital with a tone that the table lacks: the base, then the combining tone (TCVN3)
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            return self._encode_char(base) + self._sequences[tone]
        raise ValueError(f"{char!r} cannot be written in {self.name}")


def decode(data: bytes, source: str) -> str:
    """``data`` as Unicode NFC text; raises InputError when it is a binary file rather than text."""
    head = data[:SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise _binary(source, what)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return _finish(data[len(bom) :].decode(encoding, errors="replace"))
    utf16 = _bomless_utf16(head)
    if utf16:
        try:
            return _finish(data.decode(utf16))
        except UnicodeDecodeError:
            pass
    _reject_binary(head, source)
    try:
        return _finish(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return _finish(data.decode("utf-8", errors="replace"))
    if mixed := _decode_mixed_lines(data, _declared_charset(head)):
        return _finish(mixed)
    return _decode_single_byte(data, _declared_charset(head))


def repair_legacy(text: str) -> str:
    """``text`` converted from VNI/TCVN3/Windows-1258 when it is such a page read as Latin-1; else unchanged."""
    glyph_bytes = _as_single_bytes(text)
    if glyph_bytes is None or glyph_bytes.isascii():
        return text
    sample = glyph_bytes[:SCORE_CHARS]
    current = vietnamese_syllable_balance(unicodedata.normalize("NFC", text[:SCORE_CHARS]))
    best, best_score = None, max(current, 0) + _REPAIR_MARGIN - 1
    for encoding in _VIETNAMESE:
        try:
            score = vietnamese_syllable_balance(_decode_as(encoding, sample))
        except UnicodeDecodeError:
            continue
        if score > best_score:
            best, best_score = encoding, score
    return _decode_as(best, glyph_bytes, errors="replace") if best else text


def legacy_charset(name: str) -> LegacyCharset:
    """The bundled legacy charset ``name`` ("tcvn3" or "vni")."""
    return _legacy_charsets()[name]


def _finish(text: str) -> str:
    return unicodedata.normalize("NFC", repair_legacy(text))


def _binary(source: str, what: str) -> InputError:
    return InputError(source, f"binary file ({what}), not a text or HTML page")


def _reject_binary(head: bytes, source: str) -> None:
    if not head:
        return
    nul = head.count(0)
    if nul * 100 > len(head):
        raise _binary(source, f"{nul} NUL bytes in the first {len(head)}")
    control = len(head.translate(None, _NOT_CONTROL_BYTES))
    if control > _MAX_CONTROL_SHARE * len(head):
        raise _binary(source, f"{100 * control // len(head)}% control bytes")


def _bomless_utf16(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is mostly NUL, as in UTF-16 without a byte order mark."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    half = len(head) // 2
    even_nul, odd_nul = head[0::2].count(0) / half, head[1::2].count(0) / half
    if odd_nul >= _UTF16_NUL_SHARE and even_nul < 0.02:
        return "utf-16-le"
    if even_nul >= _UTF16_NUL_SHARE and odd_nul < 0.02:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 with a few broken bytes (a cut-off last character, a stray byte)."""
    sample = data[:SCORE_CHARS]
    valid = len(_UTF8_SEQUENCE.findall(sample))
    broken = sample.decode("utf-8", errors="replace").count("\ufffd") - sample.count("\ufffd".encode())
    return valid >= _UTF8_VALID_PER_BROKEN * broken


def _declared_charset(head: bytes) -> str | None:
    """The Python codec name of the page's own ``<meta charset>`` or XML declaration, if it names one."""
    match = _META_CHARSET.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup((match.group(1) or match.group(2)).decode("ascii")).name
    except LookupError:
        return None
    return _BROWSER_ALIASES.get(name, name)


def _decode_mixed_lines(data: bytes, declared: str | None) -> str | None:
    """A UTF-8 page with whole lines in a single-byte encoding (a pasted block, an old template's footer), each line
    decoded in its own encoding; None when the UTF-8 lines hold too little beyond ASCII to be more than a fluke."""
    lines = data.splitlines(keepends=True)
    legacy = [not _is_utf8(line) for line in lines]
    multibyte = sum(len(_UTF8_SEQUENCE.findall(line)) for line, bad in zip(lines, legacy) if not bad)
    if multibyte < _MIXED_MIN_UTF8_SEQUENCES:
        return None
    encoding = _single_byte_encoding(b"".join(line for line, bad in zip(lines, legacy) if bad), declared)
    return "".join(_decode_as(encoding, line, "replace") if bad else line.decode() for line, bad in zip(lines, legacy))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_single_byte(data: bytes, declared: str | None) -> str:
    """Non-UTF-8 bytes decoded with the candidate whose words read most like Vietnamese."""
    return _decode_as(_single_byte_encoding(data, declared), data, errors="replace")


def _single_byte_encoding(data: bytes, declared: str | None) -> str:
    """The single-byte candidate whose words read most like Vietnamese.

    The declared charset, when it fits the bytes, wins ties and is used when no candidate reads as Vietnamese
    (a page in another language); without one, such a page is read as Windows-1252.
    """
    cut = data.rfind(b" ", 0, SCORE_CHARS) if len(data) > SCORE_CHARS else -1
    sample = data[:cut] if cut > 0 else data  # a space never splits a multi-byte character
    fallback = "cp1252"
    scores: dict[str, int] = {}
    for encoding in ((declared,) if declared and not declared.startswith("utf") else ()) + _VIETNAMESE:
        try:
            scores.setdefault(encoding, vietnamese_syllable_balance(_decode_as(encoding, sample)))
        except UnicodeDecodeError:
            continue  # bytes this encoding does not have: not this one
        if encoding == declared:
            fallback = declared
    best = max(scores, key=scores.__getitem__, default=fallback)  # the first of equals: the declared one
    return best if scores.get(best, 0) > 0 else fallback


def _decode_as(encoding: str, data: bytes, errors: str = "strict") -> str:
    """``data`` decoded as ``encoding``, a bundled legacy charset or a Python codec, in NFC."""
    charsets = _legacy_charsets()
    if encoding in charsets:
        return charsets[encoding].decode(data)
    return unicodedata.normalize("NFC", data.decode(encoding, errors))


def _as_single_bytes(text: str) -> bytes | None:
    """The bytes ``text`` was read from, if it was read as Latin-1 or Windows-1252; None if it was not."""
    if _BEYOND_SINGLE_BYTE.search(text):
        return None  # the usual case, Unicode Vietnamese: found at the first ạ, đ, ư … without a full pass
    return text.translate(_CP1252_TO_C1).encode("latin-1")


@lru_cache(maxsize=1)
def _legacy_charsets() -> dict[str, LegacyCharset]:
    return {name: LegacyCharset(name, _read_table(name)) for name in ("tcvn3", "vni")}


def _read_table(name: str) -> dict[bytes, str]:
    path = resources.files("thoisu") / "data" / "encodings" / f"{name}.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"encoding table {name}.tsv cannot be read: {exc}") from exc
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    if not rows or rows[0][:2] != ["bytes", "unicode"]:
        raise ResourceError(f"encoding table {name}.tsv: expected the header bytes / unicode / name")
    try:
        return {bytes.fromhex(row[0]): row[1] for row in rows[1:]}
    except (ValueError, IndexError) as exc:
        raise ResourceError(f"encoding table {name}.tsv: malformed row ({exc})") from exc
