"""Property-based tests: annotate() on generated text never raises and keeps the public contract."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thoisu

# one checker of the contract, shared with the corpus sweep (evaluation/ is a folder of scripts, not a package)
_spec = importlib.util.spec_from_file_location(
    "crash_sweep", Path(__file__).resolve().parents[1] / "evaluation" / "crash_sweep.py")
crash_sweep = sys.modules.setdefault("crash_sweep", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(crash_sweep)
document_problems = crash_sweep.document_problems

SYLLABLES = ["Hà", "Nội", "Việt", "Nam", "thủ", "tướng", "ngày", "tháng", "năm", "hôm", "qua", "Bộ", "Ngoại",
             "giao", "Trung", "Quốc", "Nga", "Mỹ", "tấn", "công", "ký", "kết", "thỏa", "thuận", "cho", "biết",
             "ông", "bà", "Chính", "phủ", "Quốc", "hội", "Thủ", "tướng", "Phạm", "Minh", "Chính", "Putin", "hoá",
             "hóa", "thuỷ", "quân", "đội", "TP.", "HCM", "UBND", "tỉnh", "Đà", "Nẵng", "sáng", "nay", "tuần",
             "trước", "đã", "sẽ", "không", "phản", "đối", "gặp", "hội", "đàm", "với", "tại", "của"]
LATIN_NAMES = ["Joe Biden", "Vladimir Putin", "NATO", "Reuters", "AFP", "Andrea Sasse", "McDonald's", "O'Brien",
               "Jean-Luc", "iPhone", "COVID-19", "G7", "ASEAN", "x", "Ü", "Ångström"]
DATES = ["ngày 12/3/2024", "12/3", "3-4/5", "tháng 5", "tháng 13", "năm 2023", "năm 99", "2024-11-18", "quý II",
         "ngày 31/2", "ngày 0/0/0000", "hôm qua", "tuần tới", "cuối năm", "thế kỷ 21", "10h30", "25:99",
         "năm 1975", "ngày 30 tháng 4 năm 1975", "đầu tháng 1/2025", "2022-W51", "ngày 1-2/3/2024"]
PUNCTUATION = [".", ",", ";", ":", "!", "?", "...", "…", "-", "–", "—", "(", ")", "[", "]", "/", "\\", "%", "&",
               "“", "”", '"', "'", "‘", "’", "«", "»", "„", "''", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\u00a0",
               "\u200b", "\ufeff", "\u2028"]
ODD = ["😀", "👨‍👩‍👧", "🇻🇳", "\u0301", "\u0300\u0323", "a\u0301", "Viê\u0323t", "\ufffd", "\x00", "\x7f", "中国",
       "Россия", "العربية", "𝕏", "ﬁ", "Ⅻ", "²", "٣"]
PIECES = st.one_of(
    st.sampled_from(SYLLABLES), st.sampled_from(LATIN_NAMES), st.sampled_from(DATES),
    st.sampled_from(PUNCTUATION), st.sampled_from(ODD),
    st.integers(min_value=-10**12, max_value=10**15).map(str),
    st.text(min_size=1, max_size=8),  # any code points but lone surrogates
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "Đ", "9", "-", "ệ", "😀", "\u0301"]),
              st.integers(min_value=200, max_value=3000)),  # very long tokens
)
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", ", ", ". "])
TEXTS = st.lists(st.tuples(PIECES, SEPARATORS), max_size=60).map(lambda parts: "".join(p + s for p, s in parts))
PUBLISHED = st.one_of(st.none(), st.sampled_from(["2024-11-18", "2025-01-01T08:30:00+07:00", "1999-12-31"]))


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=PUBLISHED)
def test_annotate_keeps_the_contract_on_generated_text(text: str, published: str | None) -> None:
    doc = thoisu.annotate(text, published)
    assert document_problems(doc, given_text=text) == []


@settings(max_examples=40, deadline=None, database=None)
@given(words=st.lists(st.sampled_from(SYLLABLES + LATIN_NAMES + DATES), min_size=1, max_size=40),
       published=PUBLISHED)
def test_annotate_keeps_the_contract_on_sentences_of_news_words(words: list[str], published: str | None) -> None:
    text = " ".join(words) + "."
    doc = thoisu.annotate(text, published)
    assert document_problems(doc, given_text=text) == []
