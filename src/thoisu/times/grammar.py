"""The grammar of Vietnamese time expressions: one compiled regular expression per family, then combination.

Each family ("date", "month", "clock", "duration", …) finds its candidates in the text and reads them into a
``TimeSpec``; overlapping candidates are settled longest first; neighbours are then combined: a clock time with
its date ("16h30 chiều 22/9"), a relative day with the date in brackets ("hôm nay (29/11)"), and the two ends of a
range ("từ 10/11 – 31/12/2024").

A family is scanned only on the lines that hold its need, a regex that every match of it holds (a date "12/3" holds
a digit, a slash and a digit): one fast search in the lowercased text saves most of the slow case-insensitive scans.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import NamedTuple

from thoisu.times.lexicon import Lexicon, Unit
from thoisu.times.spec import Mention, TimeSpec

_FLAGS = re.IGNORECASE
# the characters that a case-insensitive pattern matches to a letter which str.lower() does not turn them into ("ı" is
# an "i" to the regex engine; "İ" lowercases to two characters); tests/test_times_grammar.py checks every code point
_LOWER_CASE_EXCEPTIONS = "İıſ"
AS_READ = str.maketrans(_LOWER_CASE_EXCEPTIONS, "Iis")  # each of them as the letter the regex engine reads: "ı" -> "i"


def _inline(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled with its whitespace kept to one line: an expression never runs across a line break
    (a heading ending "nghỉ 4 ngày" above a dateline "24 Tháng 12, 2025" holds no "ngày 24")."""
    return re.compile(pattern.replace(r"\s", r"[^\S\n]"), flags)


_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_DIGITS = "0123456789"  # what a _DAY or _MONTH opens with
_MONTH = r"(?:0?[1-9]|1[0-2])"
_WORD_START = r"(?<!\w)"
_NUMBER_START = r"(?<![\w/.,:-])"
_NUMBER_END = r"(?![\w/]|[.,:-]\d)"
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n“\"(]\s*)$")
# a connector between the two ends of a range, and the words that open one
_RANGE_GAP = _inline(r"\s*(?:[-–—]|đến|tới|cho\s+đến|đến\s+hết)\s*", _FLAGS)
_RANGE_OPEN = _inline(r"(?:(?<!đáng\s)kể\s+)?từ\s+$", _FLAGS)  # "kể từ", not the "kể" of "đáng kể từ"
_UNTIL_NOW = _inline(r"\s*(?:đến|tới|cho\s+đến)\s+(?:nay|hiện\s+nay|bây\s+giờ)(?!\w)", _FLAGS)
_NOW_AFTER = _inline(r"\s+nay(?!\w)")
_EVENT_AFTER = _inline(r"\s+khi(?!\w)", _FLAGS)  # "1 tháng sau khi gây án": measured from an event (README rule 12)
_FROM_NOW = _inline(r"từ\s+(?:nay|bây\s+giờ)\s+(?:đến|tới)(?:\s+hết)?\s+$", _FLAGS)
_CLOCK_AFTER_DATE = _inline(r"\s*(?:,\s*)?(?:lúc\s+|vào\s+)?", _FLAGS)
_BRACKET_GAP = _inline(r"\s*(?:\(|,)\s*")
_BRACKET_CLOSE = _inline(r"\s*\)")
_CLOCK_CONTEXT_BEFORE = _inline(r"(?:lúc|vào|từ|đến|tới|khoảng|đúng|trước|sau|tận|hồi)\s+$", _FLAGS)
_WEEKDAY_CONTEXT_BEFORE = _inline(r"(?:vào|từ|đến|tới|các|mỗi|và|hoặc|,)\s+$", _FLAGS)
_NOT_A_DURATION_AFTER = _inline(r"\s*(?:tuổi|càng|nào|không\s+xa)(?!\w)", _FLAGS)
# what after an amount keeps it a duration: "10 năm qua", "3 năm nay", "vài năm trở lại đây" (not "3 năm trước")
_DURATION_RELATIONS = ("", "tới", "qua", "vừa qua", "nay", "trở lại đây", "gần đây")
_TEXT_RELATIONS = ("trước đó", "sau", "sau đó")  # an amount with these counts from the last time told (rule 8)
_RANGE_NEEDS = r"\d\s*(?:[-–]|đến|tới)"  # what every range of years, days or dates holds: a number, then its connector
# after a day: "ngày 26/2 vừa qua", "ngày 18-3 sắp tới", "ngày 12/11 tới đây", "ngày 27/3 tới." (a bare "tới" only
# before punctuation or "sẽ": "ngày 10/3 tới ngày 15/3", "hôm 6/8 tới nay", "ngày 5/3 tới Hà Nội" are no suffix)
_DAY_SUFFIX = r"(?:\s+(?P<suf>vừa\s+qua|sắp\s+tới|tới\s+đây|tới(?=\s*[,.;:!?)]|\s*$|\s+sẽ(?!\w))))?"
_SUFFIX_DIRECTIONS = {"vừa qua": "past", "sắp tới": "future", "tới đây": "future", "tới": "future"}
_EVERY = ("hằng", "hàng", "mỗi")  # "hằng tuần": every week
_COORDINATED_DAY = _inline(r"(?<!\w)ngày\s+\d{1,2}\s*(?:và|,)\s*$", _FLAGS)  # the "16-4" of "ngày 15 và 16-4"
_COORDINATED_YEAR = _inline(r"(?<!\w)năm\s+\d{4}\s*$", _FLAGS)  # the "1992" of "năm 1971 và 1992"
_COORDINATED_MONTH_YEAR = _inline(rf"\s*(?:và|,)\s*(?:tháng\s+)?{_MONTH}\s*[/-]\s*((?:19|20)\d\d){_NUMBER_END}", _FLAGS)
_LUNAR_AFTER = _inline(r"\s*\(?\s*(?:âm\s+lịch|al)(?!\w)", _FLAGS)  # "ngày 28/12 âm lịch": no Gregorian value
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DATE_AFTER = _inline(r"\s*(?:[,(]\s*)?(?:ngày\s+|hôm\s+)?\d{1,2}[/.-]\d{1,2}", _FLAGS)

# what a word before a date says about its year: "hôm 27/12" is past; "hôm nay (29/11)", "sáng qua 22/9" name a day
# next to the publication date, so their year is the nearest one whatever the tense of the clause
_LEAD_DIRECTIONS = {"hôm": "past", "nay": "nearest", "qua": "nearest", "sau": "nearest"}

Handler = Callable[[re.Match[str], str], Mention | None]


class _Need(NamedTuple):
    """What every match of a family holds, looked for before the family's scan."""

    regex: re.Pattern[str]
    lowercased: bool  # looked for in the lowercased text (the need of a case-insensitive family)
    text_wide: bool  # found anywhere, it has the family scan the whole text rather than the lines that hold it


def alternation(words: Iterable[str], ignore_case: bool = True) -> str:
    """A regex alternation of the given phrases, any run of spaces between words, written as a trie ("tuần này",
    "tuần sau": "tuần\\s+(?:này|sau)"), so that a phrase that cannot match is given up at its first wrong letter
    instead of each phrase being tried from its start. The matches are those of a flat list sorted longest first:
    only phrases that begin one another can match at the same place, and the longer is tried first. For a
    case-insensitive pattern (``ignore_case``) the phrases are lowercased, as the regex engine compares such a
    pattern's letters, so that "Tết" and "tết …" share a branch and keep that order."""
    trie: dict[str, dict] = {}
    for phrase in set(words):
        node = trie
        for char in phrase.lower() if ignore_case else phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return "(?:" + _trie_branches(trie) + ")"


def _trie_branches(node: dict[str, dict]) -> str:
    """The branches of a trie node: each letter going on, then "" where a phrase ends (so the longer is tried first)."""
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_group(node[char]) for char in sorted(node) if char]
    return "|".join(branches + [""] * ("" in node))


def _trie_group(node: dict[str, dict]) -> str:
    """A trie node's branches, in a group where there are several."""
    return _trie_branches(node) if len(node) == 1 else "(?:" + _trie_branches(node) + ")"


def starting_with(*phrase_lists: Iterable[str]) -> str:
    """A lookahead for the first letters of the given phrases: a pattern that must begin with one of them then fails
    fast at every other position of a text instead of trying each of its alternations there."""
    firsts = sorted({phrase[0] for phrases in phrase_lists for phrase in phrases})
    return "(?=[" + "".join(re.escape(c) for c in firsts) + "])"


class Grammar:
    """Finds time expressions in a text and reads what each says."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        lex = lexicon
        self._needs: dict[re.Pattern[str], _Need] = {}  # family pattern -> what every match of it holds
        self._inside_mods = {w: m for w, (m, place) in lex.modifiers.items() if place == "inside"}
        self._before_mods = {w: m for w, (m, place) in lex.modifiers.items() if place == "before"}
        pod = alternation(lex.parts_of_day)
        months_en = alternation(lex.months_en, ignore_case=False)  # English month names are matched case-sensitively
        fuzzy = alternation(self._inside_mods)
        month_words = alternation(lex.months)
        count_words = [w for w, v in lex.numbers.items() if v not in ("X", "0.5") and float(v) < 100]
        unknown_words = [w for w, v in lex.numbers.items() if v == "X" and w != "hàng"]
        unknown = alternation(unknown_words)
        number = (
            r"(?:\d+(?:[.,]\d+)?(?:\s*(?:[-–]|hoặc|đến|tới)\s*\d+)?"
            rf"|{alternation(count_words)}(?:\s+{alternation(count_words + ['trăm'])}){{0,3}}"
            rf"|(?:hàng|{unknown})\s+(?:chục|trăm|nghìn)|hàng(?=\s+th[ậế])|{unknown}|nửa)"
        )
        unit = alternation(lex.units)
        # what every amount ends with: a digit or one of these words
        amount_ends = alternation(count_words + unknown_words + ["trăm", "chục", "nghìn", "hàng", "nửa"])
        self._amount = _inline(rf"({number})\s+({unit})(\s+rưỡi)?", _FLAGS)
        self._number_before = _inline(rf"(?<!\w)(?:{number})\s+$", _FLAGS)
        relatives = alternation(lex.relatives)
        weekdays = alternation(lex.weekdays)
        seasons = alternation(lex.seasons)
        sets = alternation(lex.sets)
        year_suffix = r"(?:năm\s+nay|năm\s+ngoái|năm\s+trước|năm\s+tới|năm\s+sau|vừa\s+qua|này|tới)"
        self._sound_after = _inline(rf"\s+{alternation(lex.sound_words)}(?!\w)", _FLAGS)
        self._quantity_after = _inline(rf"\s*{alternation(lex.quantity_words)}(?!\w)", _FLAGS)
        self._name_before = _inline(rf"(?<!\w)(?<!thời\s){alternation(lex.name_contexts)}\s+$", _FLAGS)
        self._weekly_after = _inline(
            rf"(?:\s*(?:,|và|hoặc)\s*{weekdays})+\s+(?:{'|'.join(_EVERY)})\s+tuần(?!\w)", _FLAGS
        )
        self._mod_before = _inline(rf"(?<!\w)({alternation(self._before_mods)})\s+$", _FLAGS)
        day_leads = ["ngày", "hôm", "mùng", "mồng"]
        leads = "|".join(day_leads)
        self.families: list[tuple[str, re.Pattern[str], Handler]] = [
            (
                "date",
                self._needing(
                    r"\d[/.-]\d",
                    rf"{_NUMBER_START}{starting_with(lex.parts_of_day, day_leads, _DIGITS)}"
                    rf"(?:(?P<pod>{pod})(?:\s*(?P<open>\()\s*|\s+))?(?:(?P<lead>{leads})\s+)?"
                    rf"(?P<d>{_DAY})(?P<sep>[/.-])(?P<m>{_MONTH})(?:(?P=sep)(?P<y>\d{{4}}))?(?(open)\s*\)|{_NUMBER_END})"
                    + _DAY_SUFFIX,
                    _FLAGS,
                ),
                self._date,
            ),
            (
                "date",
                self._needing(
                    "tháng",
                    rf"{_WORD_START}{starting_with(lex.parts_of_day, day_leads, _DIGITS)}"
                    rf"(?:(?P<pod>{pod})\s+)?(?:(?P<lead>{leads})\s+)?"
                    rf"(?P<d>{_DAY})\s+tháng\s+(?P<m>{_MONTH})(?:\s*,\s*(?P<y>\d{{4}})|\s+năm\s+(?P<y2>\d{{4}}))?"
                    rf"{_NUMBER_END}{_DAY_SUFFIX}",
                    _FLAGS,
                ),
                self._date,
            ),
            (
                "date",
                self._needing(
                    r"(?:19|20)\d\d-",
                    rf"{_NUMBER_START}(?P<y>(?:19|20)\d\d)-(?P<m>{_MONTH})-(?P<d>{_DAY}){_NUMBER_END}",
                    0,
                ),
                self._date,
            ),
            (
                "date",
                self._needing(  # "các ngày 15 và 16-4": the first day takes the month (and year) of the second
                    r"\d\s*(?:và|,)\s*\d",
                    rf"{_WORD_START}(?P<lead>ngày)\s+(?P<d>{_DAY})(?=\s*(?:và|,)\s*(?:ngày\s+)?{_DAY}(?P<sep>[/.-])"
                    rf"(?P<m>{_MONTH})(?:(?P=sep)(?P<y>\d{{4}}))?{_NUMBER_END})",
                    _FLAGS,
                    text_wide=True,  # "ngày 15 và ngày 16-4" does not hold it: the need keeps what it always found
                ),
                self._date,
            ),
            (
                "date",
                self._needing(  # "đêm 22 rạng sáng 23/9": the night that runs into the dated morning
                    "rạng",
                    rf"{_WORD_START}(?:đêm|khuya)\s+(?:ngày\s+)?(?P<d0>{_DAY})(?:[/.-](?P<m0>{_MONTH}))?\s+rạng\s+"
                    rf"(?:sáng\s+)?(?:ngày\s+)?(?P<d>{_DAY})(?P<sep>[/.-])(?P<m>{_MONTH})(?:(?P=sep)(?P<y>\d{{4}}))?"
                    rf"{_NUMBER_END}",
                    _FLAGS,
                ),
                self._night,
            ),
            (
                "date",
                self._needing(
                    r"(?:nay|qua|sau)\s*(?:\(\s*)?\d",
                    rf"{_WORD_START}{starting_with(lex.parts_of_day, ['ngày', 'hôm', 'nay', 'qua'])}"
                    rf"(?:(?P<pod>{pod})\s+)?(?P<lead>(?:ngày\s+)?hôm\s+(?:nay|qua|sau)|nay|qua)"
                    rf"\s*(?P<open>\(\s*)?(?P<d>{_DAY})(?P<sep>[/.-])(?P<m>{_MONTH})(?:(?P=sep)(?P<y>\d{{4}}))?"
                    rf"(?(open)\s*\)|{_NUMBER_END})",
                    _FLAGS,
                ),
                self._date,
            ),
            (
                "date",
                self._needing(  # page chrome in English: "26 Feb, 08:54 PM", "Feb 26, 2025"; case-sensitive names
                    months_en,
                    rf"{_NUMBER_START}(?:(?P<d>{_DAY})\s+(?P<mon>{months_en})\.?"
                    rf"|(?P<mon2>{months_en})\.?\s+(?P<d2>{_DAY}))(?!\w)"
                    rf"(?:,?\s+(?P<y>(?:19|20)\d\d)(?!\d))?(?:,?\s+(?P<h>[01]?\d):(?P<mi>[0-5]\d)\s*(?P<ampm>[AP]M))?(?!\w)",
                    0,
                ),
                self._english_date,
            ),
            (
                "month",
                self._needing(
                    "tháng",
                    rf"{_WORD_START}{starting_with(self._inside_mods, ['tháng'])}"
                    rf"(?:(?P<fz>{fuzzy})\s+)?(?P<t>tháng)\s+(?:(?P<m>{_MONTH})(?!\d)|(?P<mw>{month_words}))"
                    rf"(?:\s*[/-]\s*(?P<y>\d{{4}})|\s*,\s*(?P<y2>\d{{4}})|\s+năm\s+(?P<y3>\d{{3,4}})"
                    rf"|\s+(?P<rel>{year_suffix}|hàng\s+năm|hằng\s+năm))?{_NUMBER_END}",
                    _FLAGS,
                ),
                self._month,
            ),
            (
                "month",
                self._needing(
                    r"\d[/-]\d{4}", rf"{_NUMBER_START}(?P<m>{_MONTH})[/-](?P<y>(?:1[89]|20)\d\d){_NUMBER_END}", _FLAGS
                ),
                self._month,
            ),
            (
                "year",
                self._needing(
                    r"\d{3}",
                    rf"{_WORD_START}{starting_with(self._inside_mods, ['năm', 'niên', 'sn', 'kể', 'từ', 'đến', 'tới', 'và', 'hoặc'])}"
                    rf"(?:(?P<fz>{fuzzy})\s+)?(?P<lead>năm\s+học|niên\s+khóa|năm\s+tài\s+chính|năm\s+mới|năm|sn"
                    rf"|(?:kể\s+)?từ|đến|tới|và|hoặc)\s+(?P<y>\d{{4}}|\d{{3}}){_NUMBER_END}",
                    _FLAGS,
                ),
                self._year,
            ),
            (
                "year",
                self._needing(
                    r"sinh\s+năm", rf"{_WORD_START}sinh\s+năm\s+(?P<yy>[1-9]\d)(?![\w/]|[.,:-]\d)", _FLAGS
                ),
                self._year,
            ),
            (
                "range",
                self._needing(
                    _RANGE_NEEDS,
                    rf"{_NUMBER_START}(?:(?P<lead>từ\s+năm|năm\s+học|niên\s+khóa|năm|từ)\s+)?(?P<y1>\d{{4}})"
                    rf"\s*(?:[-–]|đến(?:\s+hết)?|tới)\s*(?:năm\s+)?(?P<y2>\d{{4}}){_NUMBER_END}",
                    _FLAGS,
                ),
                self._year_range,
            ),
            (
                "range",
                self._needing(
                    _RANGE_NEEDS,
                    rf"{_NUMBER_START}{starting_with(lex.parts_of_day, ['từ', 'ngày', 'các'], _DIGITS)}"
                    rf"(?:(?P<pod>{pod})\s+)?(?:(?P<lead>từ\s+ngày|từ|(?<!\d\s)ngày|các\s+ngày)\s+)?(?P<d1>{_DAY})"
                    rf"\s*(?:[-–]|đến|tới)\s*(?:ngày\s+)?(?P<d2>{_DAY})(?P<sep>[/.-])(?P<m>{_MONTH})"
                    rf"(?:(?P=sep)(?P<y>\d{{4}}))?{_NUMBER_END}",
                    _FLAGS,
                ),
                self._day_range,
            ),
            (
                "range",
                self._needing(
                    _RANGE_NEEDS,
                    rf"{_NUMBER_START}(?:(?P<lead>từ\s+ngày|từ|ngày)\s+)?(?P<d1>{_DAY})(?P<s1>[/.-])(?P<m1>{_MONTH})"
                    rf"(?:(?P=s1)(?P<y1>\d{{4}}))?\s*(?:[-–]|đến|tới)\s*(?:ngày\s+)?(?P<d2>{_DAY})(?P<s2>[/.-])"
                    rf"(?P<m2>{_MONTH})(?:(?P=s2)(?P<y2>\d{{4}}))?{_NUMBER_END}",
                    _FLAGS,
                ),
                self._date_range,
            ),
            (
                "range",
                self._needing(
                    "tháng",
                    rf"{_WORD_START}(?:từ\s+)?tháng\s+(?P<m1>{_MONTH})\s*(?:[-–]|đến|tới)\s*(?:tháng\s+)?(?P<m2>{_MONTH})"
                    rf"(?:\s*[/-]\s*(?P<y>\d{{4}})|\s+năm\s+(?P<y2>\d{{4}}))?{_NUMBER_END}",
                    _FLAGS,
                ),
                self._month_range,
            ),
            (
                "quarter",
                self._needing(
                    "quý",
                    rf"{_WORD_START}(?:(?P<fz>{fuzzy})\s+)?quý\s+(?P<q>IV|I{{1,3}}|[1-4])"
                    rf"(?:\s*[/-]\s*(?P<y>\d{{4}})|\s+năm\s+(?P<y2>\d{{4}})|\s+(?P<rel>{year_suffix}))?{_NUMBER_END}",
                    _FLAGS,
                ),
                self._quarter,
            ),
            (
                "half",
                self._needing(
                    "nửa|tháng",
                    rf"{_WORD_START}(?:nửa|(?:6|sáu)\s+tháng)\s+(?P<h>đầu|cuối)\s+năm"
                    rf"(?:\s+(?P<y>\d{{4}})|\s+(?P<rel>nay|ngoái|trước|tới|sau)(?!\w))?{_NUMBER_END}",
                    _FLAGS,
                ),
                self._half,
            ),
            (
                "decade",
                self._needing(
                    r"(?:những|các)\s+năm\s+\d|thập\s+(?:niên|kỷ)",
                    rf"{_WORD_START}(?:(?P<fz>{fuzzy})\s+)?(?:những\s+năm|thập\s+niên|thập\s+kỷ|các\s+năm)\s+"
                    rf"(?P<dd>\d0|\d{{3}}0)s?(?!\w)",
                    _FLAGS,
                ),
                self._decade,
            ),
            (
                "decade",
                self._needing(
                    "thế", rf"{_WORD_START}(?:(?P<fz>{fuzzy})\s+)?thế\s+k[ỷỉ]\s+(?P<c>[IVX]+|\d{{1,2}})(?!\w)", _FLAGS
                ),
                self._century,
            ),
            (
                "season",
                self._needing(
                    rf"{seasons}(?:\s+năm)?\s+\d{{3}}",
                    rf"{_WORD_START}{starting_with(self._inside_mods, lex.seasons)}"
                    rf"(?:(?P<fz>{fuzzy})\s+)?(?P<s>{seasons})(?:\s+năm)?\s+"
                    rf"(?P<y>\d{{4}}|\d{{3}}){_NUMBER_END}",
                    _FLAGS,
                ),
                self._season,
            ),
            (
                "relative",
                self._needing(
                    relatives,
                    rf"{_WORD_START}{starting_with(self._inside_mods, lex.parts_of_day, lex.relatives)}"
                    rf"(?<!những\s)(?<!các\s)(?<!bao\s)(?:(?P<fz>{fuzzy})\s+)?(?:(?P<pod>{pod})\s+)?"
                    rf"(?P<rel>{relatives})(?!\w)",
                    _FLAGS,
                ),
                self._relative,
            ),
            (
                "relative",
                self._needing(
                    rf"{pod}\s+(?:nay|qua|mai)",
                    rf"{_WORD_START}{starting_with(lex.parts_of_day)}(?P<pod>{pod})\s+(?P<short>nay|qua|mai)(?!\w)",
                    _FLAGS,
                ),
                self._relative,
            ),
            (
                "relative",
                self._needing(
                    rf"{fuzzy}\s+(?:tuần|tháng|năm|quý)",
                    rf"{_WORD_START}{starting_with(self._inside_mods)}(?P<fz>{fuzzy})\s+(?P<unit>tuần|tháng|năm|quý)(?!\w)"
                    r"(?!\s+(?:\d|học|tài|này|nay|trước|sau|tới(?!\s+nay(?!\w))|qua|ngoái|đó))",
                    _FLAGS,
                ),
                self._relative,
            ),
            (
                "weekday",
                self._needing(
                    weekdays,
                    rf"{_WORD_START}{starting_with(lex.parts_of_day, ['ngày', 'hôm'], lex.weekdays)}"
                    rf"(?:(?P<pod>{pod})\s+)?(?:(?P<lead>ngày|hôm)\s+)?(?P<wd>{weekdays})"
                    r"(?:\s+(?P<wk>tuần\s+này|tuần\s+trước|tuần\s+qua|tuần\s+sau|tuần\s+tới|tuần\s+kế\s+tiếp|tuần\s+kế|đầu\s+tuần|cuối\s+tuần"
                    r"|vừa\s+qua|tới|này|hằng\s+tuần|hàng\s+tuần|mỗi\s+tuần))?(?!\w)",
                    _FLAGS,
                ),
                self._weekday,
            ),
            (
                "clock",
                self._needing(
                    r"\d(?:\s?h|g|:|\s+giờ)",
                    rf"{_NUMBER_START}(?P<h>[01]?\d|2[0-3])(?:\s?h(?P<mi>[0-5]\d)?(?:\s*phút)?|g(?=\s+(?:ngày|hôm|{pod})(?!\w))"
                    rf"|:(?P<mi2>[0-5]\d)(?::[0-5]\d)?"
                    rf"|\s+giờ(?:\s+(?P<mi3>[0-5]?\d)(?:\s+phút)?|\s+(?P<half>rưỡi))?)"
                    rf"(?:\s+(?P<pod>{pod})(?!\s+(?:ngày\s+|hôm\s+)?\d|\s+(?:nay|qua|mai|hôm)(?!\w)))?(?![\w:]|[.,]\d)",
                    _FLAGS,
                ),
                self._clock,
            ),
            (
                "duration",
                self._needing(
                    rf"(?:\d|{amount_ends})\s+{unit}",
                    rf"{_NUMBER_START}(?:(?P<pre>cách\s+đây|trước\s+đó|sau\s+đó)(?:\s+(?P<about>khoảng|chừng|hơn|gần))?\s+)?"
                    rf"(?<!thứ\s)(?P<body>{number}\s+{unit}(?:\s+rưỡi)?(?:\s+{number}\s+{unit}){{0,3}})"
                    r"(?:\s+(?P<post>trước\s+đó|sau\s+đó|về\s+trước|trước(?!\s+khi(?!\w))|sau(?!\s+khi(?!\w))|tới|vừa\s+qua|qua|nữa|nay"
                    r"|trở\s+lại\s+đây|gần\s+đây))?(?!\w)(?!\s+\d(?!\d?\s*[-–/]\s*\d))",  # "2 ngày 30 – 31/10", not "3 tháng 4"
                    _FLAGS,
                ),
                self._duration,
            ),
            (
                "duration",
                self._needing(
                    r"\dh\s+(?:vừa|qua|tới|nay|trở)",
                    rf"{_NUMBER_START}(?P<hours>\d{{1,3}})h\s+(?:vừa\s+qua|qua|tới|nay|trở\s+lại\s+đây)(?!\w)",
                    _FLAGS,
                ),
                self._hours,
            ),
            (
                "set",
                self._needing("tháng", rf"{_WORD_START}ngày\s+(?P<d>{_DAY})\s+(?:hàng|hằng|mỗi)\s+tháng(?!\w)", _FLAGS),
                self._set,
            ),
            ("set", self._needing(sets, rf"{_WORD_START}(?P<v>{sets})(?!\w)(?!\s+một\s)", _FLAGS), self._set),
        ]
        self._priority = {name: rank for rank, name in enumerate(["range", "clock", "date", "month", "half", "weekday"])}
        self._distinct_needs = tuple(set(self._needs.values()))  # families may share one need: looked for once

    def find(self, text: str) -> list[Mention]:
        """Every time expression in ``text``, in order, overlaps settled and neighbours combined. ``text`` is read as
        the patterns read it: its lookalike letters ("ı", "İ", "ſ") replaced by ``AS_READ``, as the tagger does."""
        candidates = []
        lines = self._lines_holding_needs(text)
        everywhere = [(0, len(text))]
        for _, pattern, handler in self.families:
            for start, end in lines[self._needs[pattern]] if pattern in self._needs else everywhere:
                # no pattern matches a line break; the scan sees one character past the line's, so that "$" there
                # still fails as it does in the whole text
                for match in pattern.finditer(text, start, min(len(text), end + 2)):
                    if match.start() > end:
                        break
                    mention = handler(match, text)
                    if mention is not None:
                        candidates.append(mention)
        candidates.sort(key=lambda m: (m.start - m.end, self._priority.get(m.family, 9), m.start))
        taken: list[Mention] = []
        for mention in candidates:
            if all(mention.end <= t.start or mention.start >= t.end for t in taken):
                taken.append(mention)
        taken.sort(key=lambda m: m.start)
        return self._combine(taken, text)

    def _needing(self, needed: str, pattern: str, flags: int, text_wide: bool = False) -> re.Pattern[str]:
        """``pattern`` compiled, noted as matching only on the lines where ``needed`` (a regex, within the span of
        every match) is found: most lines have no date, most texts no "tháng", "quý", weekday nor number range, and
        the family's scan skips them. The need of a case-insensitive pattern is written in lower case and looked for
        case-sensitively in the lowercased text, where the regex engine jumps to its first letters instead of trying
        every position. A ``text_wide`` need, which not every match holds, is looked for as it always was: with the
        pattern's flags, anywhere in the text."""
        compiled = _inline(pattern, flags)
        if text_wide:
            self._needs[compiled] = _Need(re.compile(needed, flags), lowercased=False, text_wide=True)
            return compiled
        if flags & re.IGNORECASE and needed != needed.lower():
            raise ValueError(f"the need of a case-insensitive pattern is written in lower case: {needed!r}")
        lowercased = bool(flags & re.IGNORECASE)
        self._needs[compiled] = _Need(_inline(needed, flags & ~re.IGNORECASE), lowercased, text_wide=False)
        return compiled

    def _lines_holding_needs(self, text: str) -> dict[_Need, list[tuple[int, int]]]:
        """For each need, the (start, end) of the lines of ``text`` that hold it."""
        lowered = text.lower()  # as long as ``text``: the lookalike "İ", whose lowercase is two characters, is gone
        everywhere = [(0, len(text))]
        lines: dict[_Need, list[tuple[int, int]]] = {}
        for need in self._distinct_needs:
            haystack = lowered if need.lowercased else text
            if need.text_wide:
                lines[need] = everywhere if need.regex.search(haystack) else []
            else:
                spans = lines[need] = []
                for found in need.regex.finditer(haystack):
                    if not spans or found.start() > spans[-1][1]:  # not on the line already noted
                        end = text.find("\n", found.start())
                        spans.append((text.rfind("\n", 0, found.start()) + 1, len(text) if end < 0 else end))
        return lines

    # families -----------------------------------------------------------------------------------------

    def _date(self, match: re.Match[str], text: str) -> Mention | None:
        groups = match.groupdict()
        day, month = int(match["d"]), int(match["m"])
        year = groups.get("y") or groups.get("y2")
        lead, pod, sep = groups.get("lead"), groups.get("pod"), groups.get("sep")
        if _fold(lead or "") in ("nay", "qua") and not pod:
            return None  # "qua 22/9" is "through 22/9"; only "sáng qua 22/9" names the day
        if not (lead or pod):
            if self._is_name(text, match.start()):
                return None
            coordinated = _COORDINATED_DAY.search(text, max(0, match.start() - 16), match.start())
            if sep and not year and (sep != "/" or day < month <= 4) and not coordinated:
                return None  # "3-1" is a score, "22.9" a number, "1/3" a third
        if not _valid_day(day, month) or _LUNAR_AFTER.match(text, match.end()):
            return None
        suffix = _fold(groups.get("suf") or "")
        spec = TimeSpec(
            year=int(year) if year else None,
            month=month,
            day=day,
            part_of_day=self._pod(pod),
            direction=_SUFFIX_DIRECTIONS.get(suffix) or _LEAD_DIRECTIONS.get(_fold(lead or "").split(" ")[-1]),
        )
        if spec.part_of_day:
            spec.type = "TIME"
        return Mention(match.start(), match.end(), spec, "date")

    def _night(self, match: re.Match[str], text: str) -> Mention | None:
        day, month, year = int(match["d0"]), int(match["m"]), int(match["y"]) if match["y"] else None
        first_month = int(match["m0"]) if match["m0"] else month if day < int(match["d"]) else month - 1 or 12
        if year is not None and first_month > month:
            year -= 1  # "đêm 31/12 rạng sáng 1/1/2019" is the night of 31 December 2018
        if not _valid_day(day, first_month):
            return None
        spec = TimeSpec(type="TIME", year=year, month=first_month, day=day, part_of_day="NI")
        return Mention(match.start(), match.end(), spec, "date")

    def _english_date(self, match: re.Match[str], text: str) -> Mention | None:
        day, month = int(match["d"] or match["d2"]), self.lexicon.months_en[match["mon"] or match["mon2"]]
        if not _valid_day(day, month) or "May" in (match["mon"], match["mon2"]) and not (match["y"] or match["h"]):
            return None  # "lớp 1 May mắn": Vietnamese "may", not the month
        spec = TimeSpec(year=int(match["y"]) if match["y"] else None, month=month, day=day)
        if match["h"]:
            hour = int(match["h"]) % 12 + (12 if match["ampm"] == "PM" else 0)
            spec.type, spec.hour, spec.minute = "TIME", hour, int(match["mi"])
        return Mention(match.start(), match.end(), spec, "date")

    def _month(self, match: re.Match[str], text: str) -> Mention | None:
        groups = match.groupdict()
        if groups.get("mw"):
            word = match["mw"]
            if word[0].islower() and word.lower() not in ("giêng", "chạp"):
                return None  # "năm tháng", "tháng năm": not a month name
            if match["t"][0].isupper() and self._after_name(text, match.start()) or self._is_name(text, match.start()):
                return None  # "Cách mạng Tháng Tám"
            month = self.lexicon.months[_fold(word)]
        else:
            month = int(match["m"])
        if not groups.get("t") and self._is_name(text, match.start()):
            return None
        year = groups.get("y") or groups.get("y2") or groups.get("y3")
        shared = None if year or groups.get("rel") else _COORDINATED_MONTH_YEAR.match(text, match.end())
        if shared:  # "tháng 4 và 6/2019": the first month is in the year written after the second
            year = shared[1]
        spec = TimeSpec(year=int(year) if year else None, month=month, mod=self._inside_mod(groups.get("fz")))
        self._apply_suffix(spec, groups.get("rel"))
        if spec.yearly:
            spec.type = "SET"
        return Mention(match.start(), match.end(), spec, "month")

    def _year(self, match: re.Match[str], text: str) -> Mention | None:
        if match.groupdict().get("yy"):  # "sinh năm 78": a birth year in the 1900s
            return Mention(match.start(), match.end(), TimeSpec(year=1900 + int(match["yy"])), "year")
        year, lead = int(match["y"]), _fold(match["lead"])
        start = match.start()
        if lead not in ("năm", "năm học", "niên khóa", "năm tài chính", "năm mới"):
            # "SN 1995" (born in), "từ 2016": only the year is the expression, and only a plausible one
            if not 1900 <= year <= 2099 or match["fz"] or self._quantity_after.match(text, match.end()):
                return None
            if lead in ("và", "hoặc") and not _COORDINATED_YEAR.search(text, max(0, match.start() - 12), match.start()):
                return None  # only a year coordinated with a written one: "năm 1971 và 1992", not "và 1992 người"
            start = match.start("y")
        elif year < 100:
            return None
        return Mention(start, match.end(), TimeSpec(year=year, mod=self._inside_mod(match["fz"])), "year")

    def _year_range(self, match: re.Match[str], text: str) -> Mention | None:
        first, last = int(match["y1"]), int(match["y2"])
        if not first < last <= first + 200 or self._quantity_after.match(text, match.end()):
            return None
        if not match["lead"] and not (1000 <= first and last <= 2100):
            return None
        return Mention(match.start(), match.end(), TimeSpec(year=first), "range", TimeSpec(year=last))

    def _day_range(self, match: re.Match[str], text: str) -> Mention | None:
        first, last, month = int(match["d1"]), int(match["d2"]), int(match["m"])
        year = int(match["y"]) if match["y"] else None
        if not (match["lead"] or match["pod"] or match["sep"] == "/" or year) or not first < last:
            return None
        if not _valid_day(last, month):
            return None
        pod = self._pod(match["pod"])
        start = TimeSpec(year=year, month=month, day=first, part_of_day=pod)
        return Mention(match.start(), match.end(), start, "range", replace(start, day=last))

    def _date_range(self, match: re.Match[str], text: str) -> Mention | None:
        if not (match["lead"] or "/" in (match["s1"], match["s2"]) or match["y2"]):
            return None
        days = (int(match["d1"]), int(match["m1"])), (int(match["d2"]), int(match["m2"]))
        if not all(_valid_day(d, m) for d, m in days) or self._is_name(text, match.start()):
            return None
        start, end = (TimeSpec(year=int(y) if y else None, month=m, day=d) for (d, m), y in zip(days, (match["y1"], match["y2"])))
        return Mention(match.start(), match.end(), start, "range", end)

    def _month_range(self, match: re.Match[str], text: str) -> Mention | None:
        first, last = int(match["m1"]), int(match["m2"])
        year = match["y"] or match["y2"]
        if not first < last:
            return None
        start = TimeSpec(year=int(year) if year else None, month=first)
        return Mention(match.start(), match.end(), start, "range", replace(start, month=last))

    def _quarter(self, match: re.Match[str], text: str) -> Mention | None:
        q = match["q"]
        quarter = int(q) if q.isdigit() else _roman_value(q.upper())
        year = match["y"] or match["y2"]
        spec = TimeSpec(year=int(year) if year else None, quarter=quarter, mod=self._inside_mod(match["fz"]))
        self._apply_suffix(spec, match["rel"])
        return Mention(match.start(), match.end(), spec, "quarter")

    def _half(self, match: re.Match[str], text: str) -> Mention | None:
        spec = TimeSpec(year=int(match["y"]) if match["y"] else None, half=1 if _fold(match["h"]) == "đầu" else 2)
        self._apply_suffix(spec, f"năm {match['rel']}" if match["rel"] else None)
        return Mention(match.start(), match.end(), spec, "half")

    def _decade(self, match: re.Match[str], text: str) -> Mention | None:
        if _NOT_A_DURATION_AFTER.match(text, match.end()):
            return None  # "bước vào những năm 70 tuổi": an age
        digits = match["dd"]
        decade = digits[:3] if len(digits) == 4 else "19" + digits[0]
        return Mention(match.start(), match.end(), TimeSpec(decade=decade, mod=self._inside_mod(match["fz"])), "decade")

    def _century(self, match: re.Match[str], text: str) -> Mention | None:
        numeral = match["c"]
        if numeral.isdigit():
            number = int(numeral)
        elif numeral.upper() == numeral and _roman_value(numeral):
            number = _roman_value(numeral)
        else:
            return None
        if not 1 <= number <= 21:
            return None
        spec = TimeSpec(century=f"{number - 1:02d}", mod=self._inside_mod(match["fz"]))
        return Mention(match.start(), match.end(), spec, "decade")

    def _season(self, match: re.Match[str], text: str) -> Mention | None:
        word = _fold(match["s"])
        if not word.startswith("mùa") and (len(match["y"]) < 4 or match["s"] == "thu" and "năm" not in match[0]):
            return None  # "thu 168 triệu", "thu 2018 tấn": the verb "thu" (collect), not autumn
        season = self.lexicon.seasons[word]
        spec = TimeSpec(year=int(match["y"]), season=season, mod=self._inside_mod(match["fz"]))
        return Mention(match.start(), match.end(), spec, "season")

    def _relative(self, match: re.Match[str], text: str) -> Mention | None:
        groups = match.groupdict()
        mod = self._inside_mod(groups.get("fz"))
        if groups.get("rel"):
            rel = _fold(match["rel"])
            if rel.endswith("tới") and (
                _NOW_AFTER.match(text, match.end()) or _RANGE_OPEN.search(text, max(0, match.start() - 10), match.start())
            ):
                return None  # "từ đầu năm tới nay", "từ đầu năm tới những ngày cuối năm": "tới" is "until"
            if (
                rel.endswith(("sau", "trước"))
                and _EVENT_AFTER.match(text, match.end())
                and self._number_before.search(text, max(0, match.start() - 20), match.start())
            ):
                return None  # "gần 1 tháng sau khi gây án": the amount is a duration before an event (README rule 12)
            if rel == "năm này" and not mod:
                return None  # "có năm này năm khác"; only "cuối năm này" (the end of this year) is a time
            relative = self.lexicon.relatives[rel]
            unit, offset, reference = relative.unit, relative.offset, relative.reference
        elif groups.get("short"):
            unit, reference = "D", "published"
            offset = {"nay": 0, "qua": -1, "mai": 1}[_fold(match["short"])]
        else:
            unit, offset = {"tuần": "W", "tháng": "M", "năm": "Y", "quý": "Q"}[_fold(match["unit"])], 0
            reference = "sentence" if unit == "Y" else "published"  # "cuối năm": the year its sentence has fixed
        spec = TimeSpec(relative_unit=unit, relative_offset=offset, reference=reference, mod=mod)
        spec.part_of_day = self._pod(groups.get("pod"))
        if spec.part_of_day:
            spec.type = "TIME"
        if unit == "W" and mod == "END":
            spec.weekend, spec.mod = True, None  # "cuối tuần": the weekend
        return Mention(match.start(), match.end(), spec, "relative")

    def _weekday(self, match: re.Match[str], text: str) -> Mention | None:
        name = match["wd"]
        weekday = self.lexicon.weekdays[_fold(name)]
        words = name.split()
        named = len(words) == 2 and words[1][0].isupper() and not words[1][0].isdigit()
        sunday = weekday == 7 and not name.isupper()
        context = (
            match["pod"]
            or match["lead"]
            or match["wk"]
            or _WEEKDAY_CONTEXT_BEFORE.search(text, max(0, match.start() - 8), match.start())
            or _DATE_AFTER.match(text, match.end())
        )
        if not (named or sunday or context):
            return None  # "lần thứ hai": an ordinal, not Tuesday
        spec = TimeSpec(weekday=weekday, part_of_day=self._pod(match["pod"]))
        week = _fold(match["wk"] or "")
        if week.endswith(" tuần") and week.split()[0] in _EVERY or self._weekly_after.match(text, match.end()):
            # "chủ nhật hằng tuần", "thứ sáu, thứ bảy, chủ nhật hằng tuần": a weekday every week
            value = f"XXXX-WXX-{weekday}" + (f"T{spec.part_of_day}" if spec.part_of_day else "")
            return Mention(match.start(), match.end(), TimeSpec(type="SET", fixed_value=value), "set")
        if spec.part_of_day:
            spec.type = "TIME"
        if week in ("tuần trước", "tuần qua"):
            spec.relative_unit, spec.relative_offset = "W", -1
        elif week in ("tuần sau", "tuần tới", "tuần kế tiếp", "tuần kế"):
            spec.relative_unit, spec.relative_offset = "W", 1
        elif week in ("tuần này", "này", "đầu tuần", "cuối tuần"):
            spec.relative_unit, spec.relative_offset = "W", 0
        elif week == "tới":
            spec.direction = "future"
        elif week == "vừa qua" or (match["lead"] or "").lower() == "hôm":
            spec.direction = "past"
        return Mention(match.start(), match.end(), spec, "weekday")

    def _clock(self, match: re.Match[str], text: str) -> Mention | None:
        hour = int(match["h"])
        minute_text = match["mi"] or match["mi2"] or match["mi3"]
        minute = 30 if match["half"] else int(minute_text or 0)
        spoken = "giờ" in match.group(0).lower()
        ratio = match["mi2"] is not None and len(match["h"]) == 1  # "1:10" is a ratio unless a clock context says
        if (
            (spoken and not (match["pod"] or minute_text or match["half"]) or ratio)
            and not _CLOCK_CONTEXT_BEFORE.search(text, max(0, match.start() - 10), match.start())
            and not _DATE_AFTER.match(text, match.end())
        ):
            return None  # "2 giờ" alone is two hours, a duration
        spec = TimeSpec(type="TIME", hour=_day_hour(hour, self._pod(match["pod"])), minute=minute)
        return Mention(match.start(), match.end(), spec, "clock")

    def _duration(self, match: re.Match[str], text: str) -> Mention | None:
        body = match["body"]
        if _fold(body) in ("năm tháng", "nửa đêm") or _NOT_A_DURATION_AFTER.match(text, match.end()):
            return None  # "những năm tháng" (the years), "nửa đêm", "6 tháng tuổi", "ngày càng", "một ngày nào đó"
        parts: list[tuple[float | None, Unit]] = []
        post, end, previous_end = match["post"], match.end(), 0
        for amount_match in self._amount.finditer(body):
            unit = self.lexicon.units[_fold(amount_match[2])]
            after_unit = match.start("body") + amount_match.end()
            if _fold(amount_match[2]) == "tiếng" and self._sound_after.match(text, after_unit):
                return None  # "một tiếng nói", "một tiếng vang": a sound, not an hour
            if parts and _unit_rank(unit) >= _unit_rank(parts[-1][1]):
                # "5 phút một ngày" is five minutes a day (a rate), not one duration: keep the first part
                post, end = None, match.start("body") + previous_end
                break
            amount = self._amount_value(amount_match[1])
            if amount is not None and amount_match[3]:
                amount += 0.5
            parts.append((amount, unit))
            previous_end = amount_match.end()
        if not parts:
            return None
        if post and post[0].isupper():  # "liên tục 2 ngày Sau đó, …": the capital opens the next sentence
            post, end = None, match.start("body") + previous_end
        relation = _fold(match["pre"] or post or "")
        mod_before = self._mod_before.search(text, max(0, match.start() - 12), match.start())
        mod_word = match["about"] or (mod_before[1] if mod_before else None)
        mod = self._before_mods[_fold(mod_word)] if mod_word else None
        amount, unit = parts[0]
        known_clock = unit.clock and amount is not None  # "30 phút trước" stays a duration; "ít giờ trước" is PAST_REF
        # "30 phút sau", "trước đó 2 giờ": counted from the last clock time told (rule 8); the resolver keeps the
        # amount a duration when the text has told none
        clock_from_text = known_clock and len(parts) == 1 and relation in _TEXT_RELATIONS
        if not clock_from_text and (
            relation in _DURATION_RELATIONS or len(parts) > 1 or known_clock or unit.letter in ("DE", "CE", "Q")
        ):
            value = "P" + ("T" if unit.clock and all(u.clock for _, u in parts) else "")
            value += "".join(f"{_number(a)}{u.letter}" for a, u in parts)
            spec = TimeSpec(type="DURATION", fixed_value=value, mod=mod)
            return Mention(match.start(), end, spec, "duration")
        sign = -1 if relation in ("trước", "trước đó", "về trước", "cách đây") else 1
        reference = "text" if relation in _TEXT_RELATIONS else "published"
        spec = TimeSpec(
            type="TIME" if clock_from_text else "DATE",
            relative_unit=("T" if unit.clock else "") + unit.letter,  # "TM" minutes, not "M" months
            relative_offset=None if amount is None else sign * amount,
            reference=reference,
            direction="past" if sign < 0 else "future",
            mod=mod,
        )
        return Mention(match.start(), end, spec, "relative")

    def _hours(self, match: re.Match[str], text: str) -> Mention | None:
        if _CLOCK_CONTEXT_BEFORE.search(text, max(0, match.start() - 10), match.start()):
            return None  # "lúc 20h qua": a clock time, not twenty hours
        spec = TimeSpec(type="DURATION", fixed_value=f"PT{int(match['hours'])}H")
        return Mention(match.start(), match.end(), spec, "duration")

    def _set(self, match: re.Match[str], text: str) -> Mention | None:
        groups = match.groupdict()
        value = f"XXXX-XX-{int(groups['d']):02d}" if groups.get("d") else self.lexicon.sets[_fold(match["v"])]
        return Mention(match.start(), match.end(), TimeSpec(type="SET", fixed_value=value), "set")

    # combination ------------------------------------------------------------------------------------

    def _combine(self, mentions: list[Mention], text: str) -> list[Mention]:
        out: list[Mention] = []
        for mention in mentions:
            joined = self._join(out[-1], mention, text) if out else None
            if joined is not None:
                out[-1] = joined
            else:
                out.append(_open_ended(mention, text))
        return out

    def _join(self, previous: Mention, mention: Mention, text: str) -> Mention | None:
        """``previous`` and ``mention`` read as one expression, or None when they stay two."""
        gap = text[previous.end : mention.start]
        pair = (previous.family, mention.family)
        if pair == ("clock", "set") and not gap.strip() and mention.spec.fixed_value == "P1D":
            clock = f"T{previous.spec.hour or 0:02d}:{previous.spec.minute or 0:02d}"
            return Mention(previous.start, mention.end, TimeSpec(type="SET", fixed_value="XXXX-XX-XX" + clock), "set")
        day_without_clock = previous.spec.day and previous.spec.hour is None
        if pair == ("date", "clock") and day_without_clock and _CLOCK_AFTER_DATE.fullmatch(gap):
            # "2017-09-22 15:33", "ngày 14/12 lúc 19h30"
            spec = replace(previous.spec.merged(mention.spec), type="TIME", part_of_day=None)
            return Mention(previous.start, mention.end, spec, "date")
        daily = mention.spec.relative_unit in (None, "D") and not gap.strip(" ,")
        if previous.family == "clock" and mention.family in ("date", "relative", "weekday") and daily:
            # "16h30 chiều 22/9", "12h50 cùng ngày"; "9h tối 5/3" is 21:00
            spec = replace(mention.spec.merged(previous.spec), type="TIME", part_of_day=None)
            spec.hour = _day_hour(spec.hour or 0, mention.spec.part_of_day)
            return Mention(previous.start, mention.end, spec, "date")
        end = previous.range_end
        clock_range = previous.family == "range" and end is not None and end.hour is not None and previous.spec.hour is not None
        if clock_range and end is not None and mention.family == "date" and daily and not previous.spec.day:
            # "từ 9h30 đến 11h30 ngày 3/4": both clock times on the day written after them
            day = replace(mention.spec, type="TIME", part_of_day=None)
            return Mention(previous.start, mention.end, day.merged(previous.spec), "range", day.merged(end))
        named_day = previous.family in ("relative", "weekday") or previous.spec.weekday and previous.spec.day is None
        if named_day and mention.family == "date" and _BRACKET_GAP.fullmatch(gap):
            # "hôm nay (29/11)", "thứ Hai, 14/12", "21h thứ Ba, ngày 25/4/2017": the written date says which day
            bracketed = "(" in gap or previous.spec.weekday and not mention.spec.part_of_day
            if bracketed and previous.spec.relative_unit in (None, "D"):
                close = _BRACKET_CLOSE.match(text, mention.end) if "(" in gap else None
                spec = replace(mention.spec, part_of_day=mention.spec.part_of_day or previous.spec.part_of_day)
                if spec.hour is None and previous.spec.hour is not None:
                    spec.hour, spec.minute = previous.spec.hour, previous.spec.minute
                if spec.part_of_day or spec.hour is not None:
                    spec.type = "TIME"
                return Mention(previous.start, close.end() if close else mention.end, spec, "date")
        if _is_point(previous) and _is_point(mention) and _RANGE_GAP.fullmatch(gap):
            opened = _RANGE_OPEN.search(text, max(0, previous.start - 10), previous.start)
            if opened or gap.strip() in ("-", "–", "—"):  # "từ 10/11 đến 31/12/2024", "10/11 – 31/12/2024"
                start = opened.start() if opened else previous.start
                return Mention(start, mention.end, previous.spec, "range", mention.spec)
        return None

    # helpers ----------------------------------------------------------------------------------------

    def _pod(self, word: str | None) -> str | None:
        return self.lexicon.parts_of_day[_fold(word)] if word else None

    def _inside_mod(self, word: str | None) -> str | None:
        return self._inside_mods[_fold(word)] if word else None

    def _amount_value(self, words: str) -> float | None:
        folded = _fold(words)
        if re.match(r"\d", folded):
            if re.search(r"[-–]|hoặc|đến|tới", folded):
                return None  # "2 - 3 tháng": an amount we do not know exactly
            if _THOUSANDS.fullmatch(folded):
                return float(folded.replace(".", ""))  # "1.000 ngày": a thousand days, not one
            return float(folded.replace(",", "."))
        tokens = folded.split()
        if any(self.lexicon.numbers.get(t) == "X" for t in tokens) or tokens[-1] in ("trăm", "nghìn"):
            return None
        return _spelled_number(tokens, self.lexicon.numbers)

    def _apply_suffix(self, spec: TimeSpec, suffix: str | None) -> None:
        word = _fold(suffix or "")
        if word in ("hàng năm", "hằng năm"):
            spec.yearly = True
        elif word in ("năm nay", "này"):
            spec.relative_unit, spec.relative_offset = "Y", 0
        elif word in ("năm ngoái", "năm trước"):
            spec.relative_unit, spec.relative_offset = "Y", -1
        elif word in ("năm tới", "năm sau"):
            spec.relative_unit, spec.relative_offset = "Y", 1
        elif word == "vừa qua":
            spec.direction = "past"
        elif word == "tới":
            spec.direction = "future"

    def _is_name(self, text: str, start: int) -> bool:
        return bool(self._name_before.search(text, max(0, start - 16), start))

    def _after_name(self, text: str, start: int) -> bool:
        """Whether a capitalized word not opening a sentence stands right before ``start`` ("Cách mạng Tháng Tám")."""
        before = text[max(0, start - 30) : start].rstrip()
        last = re.search(r"(\S+)$", before)
        if not last or not last[1][0].isupper():
            return False
        return not _SENTENCE_START.search(before[: last.start()])


def _open_ended(mention: Mention, text: str) -> Mention:
    """``mention`` widened to a range that runs to or from now: "từ đầu năm 2017 đến nay", "từ nay tới 2020"."""
    if not _is_point(mention):
        return mention
    now = _UNTIL_NOW.match(text, mention.end)
    opened = _RANGE_OPEN.search(text, max(0, mention.start - 10), mention.start)
    if now and opened:  # a range that runs up to now started in the past
        start = replace(mention.spec, direction=mention.spec.direction or "past")
        return Mention(opened.start(), now.end(), start, "range", TimeSpec(fixed_value="PRESENT_REF"))
    begun = _FROM_NOW.search(text, max(0, mention.start - 20), mention.start)
    if begun:
        return Mention(begun.start(), mention.end, TimeSpec(fixed_value="PRESENT_REF"), "range", mention.spec)
    return mention


def _day_hour(hour: int, part_of_day: str | None) -> int:
    """The 24-hour clock hour of "9h tối" (21), "2h chiều" (14); "12h đêm" is midnight at the end of its day (24)."""
    if part_of_day in ("AF", "EV") and hour < 12 or part_of_day == "NI" and 6 <= hour <= 12:
        return hour + 12
    return hour


def _is_point(mention: Mention) -> bool:
    return mention.family in ("date", "month", "year", "quarter", "half", "season", "decade", "clock", "weekday") or (
        mention.family == "relative" and mention.spec.relative_offset is not None and mention.spec.fixed_value is None
    )


_UNIT_ORDER = ("S", "TM", "H", "D", "W", "M", "Q", "Y", "DE", "CE")  # "TM": minutes, the clock part's M


def _unit_rank(unit: Unit) -> int:
    return _UNIT_ORDER.index("TM" if unit.clock and unit.letter == "M" else unit.letter)


def _fold(words: str) -> str:
    return " ".join(words.lower().split())


def _valid_day(day: int, month: int) -> bool:
    return day <= (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, char in enumerate(numeral):
        value = values[char]
        total += -value if i + 1 < len(numeral) and values[numeral[i + 1]] > value else value
    return total


def _spelled_number(tokens: list[str], numbers: dict[str, str]) -> float | None:
    """The value of a spelled-out number: "mười lăm" 15, "hai mươi mốt" 21, "một trăm" 100, "nửa" 0.5."""
    total, current = 0.0, 0.0
    for token in tokens:
        value = numbers.get(token)
        if value is None:
            return None
        number = float(value)
        if token in ("mươi", "mười", "chục") and current:
            current *= 10
        elif token == "trăm":
            total += (current or 1) * 100
            current = 0
        else:
            current += number
    return total + current


def _number(value: float | None) -> str:
    if value is None or not math.isfinite(value):  # a run of hundreds of digits reads as infinity
        return "X"
    return str(int(value)) if value == int(value) else f"{value:g}"
