"""The publication date a page states: HTML metadata, the byline, or the URL — never a guess.

Values are ISO 8601: ``2024-11-19T09:00:00+07:00`` when the page gives a clock time
(Vietnam time unless the page says otherwise), ``2024-11-19`` when it gives only a day.
A relative byline ("2 giờ trước", "Hôm qua") states no date, so it yields none: the
caller's crawl time or today's date are never substituted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

VIETNAM = timezone(timedelta(hours=7))
# Dates outside these years are taken as misreadings (IDs, phone numbers), not publication dates.
FIRST_YEAR, LAST_YEAR = 1995, 2100

# Metadata names in the order they are trusted: the publication time proper first,
# generic "date" fields last. Names are compared lower-cased.
META_KEYS = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dcterms.created",
    "date",
    "dc.date",
    "time",  # the datetime attribute of the byline's <time> element
)
# Byline lines are short; body sentences that merely mention a date are not bylines.
MAX_BYLINE_CHARS = 120
MAX_BYLINE_RESIDUE = 30  # letters left once date, time, weekday and labels are taken out (an author name)
# The byline sits above the article: stop looking once this many body-length paragraphs went by.
BODY_PARAGRAPH_CHARS = 150
MAX_BODY_PARAGRAPHS_BEFORE_BYLINE = 2

CONFIDENCE = {"html-meta": 0.95, "byline": 0.9, "byline-date-only": 0.85, "byline-updated": 0.6, "url": 0.7}


@dataclass(frozen=True)
class Published:
    """A publication date the page states, where it was found and how sure we are."""

    value: str  # ISO 8601: "2024-11-19T09:00:00+07:00" or "2024-11-19"
    source: str  # "html-meta", "byline", "url"
    confidence: float


_DAY_MONTH_YEAR = r"(?P<day>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<year>\d{4})"
_ISO_DATE = r"(?P<iyear>\d{4})-(?P<imonth>\d{1,2})-(?P<iday>\d{1,2})"
_WORDED_DATE = r"(?:ngày\s+)?(?P<wday>\d{1,2})\s+tháng\s+(?P<wmonth>\d{1,2})\s*(?:,\s*|\s+)năm\s+(?P<wyear>\d{4})"
DATE_RE = re.compile(rf"(?<!\d)(?:{_DAY_MONTH_YEAR}|{_ISO_DATE}|{_WORDED_DATE})(?!\d)", re.IGNORECASE)
TIME_RE = re.compile(
    r"(?<![\d/.:])(?P<hour>\d{1,2})\s*(?::|h|giờ)\s*(?P<minute>\d{2})(?:\s*:\s*(?P<second>\d{2}))?"
    r"(?:\s*(?P<half>AM|PM|SA|CH)\b)?(?![\d/])",
    re.IGNORECASE,
)
OFFSET_RE = re.compile(r"\(?\s*(?:GMT|UTC)\s*(?P<sign>[+\-])\s*(?P<hours>\d{1,2})(?::?(?P<mins>\d{2}))?\s*\)?", re.I)
WEEKDAY_RE = re.compile(r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|CN|T[2-7])\b", re.IGNORECASE)
UPDATED_RE = re.compile(r"\b(?:cập\s+nhật|updated?|sửa\s+đổi|chỉnh\s+sửa)\b", re.IGNORECASE)
BYLINE_LABEL_RE = re.compile(
    r"\b(?:cập\s+nhật|updated?|đăng|ngày\s+đăng|xuất\s+bản|published|lúc|ngày|vào|thời\s+gian)\b", re.I
)
RELATIVE_RE = re.compile(
    r"\b(?:\d+\s+(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s+trước|hôm\s+(?:qua|nay|kia)|vừa\s+xong)\b", re.I
)
URL_PATH_DATE_RE = re.compile(r"/(?P<year>(?:19|20)\d{2})[/\-](?P<month>\d{1,2})[/\-](?P<day>\d{1,2})(?=[/\-_.]|$)")
URL_COMPACT_DATE_RE = re.compile(r"[/\-_](?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})(?=\d{0,12}(?:[/\-_.]|$))")
RFC2822_RE = re.compile(r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}\b", re.I)
ISO_RE = re.compile(
    r"^\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|[+\-]\d{2}:?\d{2})?)?\s*$"
)


def find_published(text: str, url: str | None = None, meta: Mapping[str, str] | None = None) -> Published | None:
    """The publication date the page states: HTML metadata, else its byline, else its URL; None if none."""
    if meta:
        found = published_from_meta(meta)
        if found:
            return found
    found = published_from_byline(text)
    if found:
        return found
    return published_from_url(url) if url else None


def published_from_meta(meta: Mapping[str, str]) -> Published | None:
    """The date in HTML metadata values (``article:published_time``, JSON-LD ``datePublished``, …)."""
    by_name = {name.lower(): value for name, value in meta.items() if value}
    names = [name for name in META_KEYS if name in by_name]
    for name in names:
        value = parse_timestamp(str(by_name[name]))
        if value:
            return Published(value, "html-meta", CONFIDENCE["html-meta"])
    return None


def published_from_byline(text: str) -> Published | None:
    """The date on the first byline line above the article body; an "updated" date only if nothing else."""
    updated: str | None = None
    long_paragraphs = 0
    for line in _lines(text):
        if len(line) >= BODY_PARAGRAPH_CHARS:
            long_paragraphs += 1
            if long_paragraphs > MAX_BODY_PARAGRAPHS_BEFORE_BYLINE:
                break
            continue
        value = parse_byline(line)
        if value is None:
            continue
        if UPDATED_RE.search(line):
            updated = updated or value
            continue
        kind = "byline" if "T" in value else "byline-date-only"
        return Published(value, "byline", CONFIDENCE[kind])
    return Published(updated, "byline", CONFIDENCE["byline-updated"]) if updated else None


def parse_byline(line: str) -> str | None:
    """The ISO date/time a short byline line states ("Thứ Ba, 19/11/2024 - 09:00 (GMT+7)"), else None."""
    if len(line) > MAX_BYLINE_CHARS or RELATIVE_RE.search(line):
        return None
    date_match = DATE_RE.search(line)
    if not date_match:
        return None
    day = _date_of(date_match)
    if day is None:
        return None
    rest = line[: date_match.start()] + " " + line[date_match.end() :]
    time_match = TIME_RE.search(rest)
    offset_match = OFFSET_RE.search(rest)
    residue = rest
    for pattern in (TIME_RE, OFFSET_RE, WEEKDAY_RE, BYLINE_LABEL_RE):
        residue = pattern.sub(" ", residue)
    if len(re.sub(r"[\W_]+", "", residue)) > MAX_BYLINE_RESIDUE:
        return None
    if time_match is None:
        return day.isoformat()
    clock = _clock_of(time_match)
    if clock is None:
        return day.isoformat()
    zone = _zone_of(offset_match) if offset_match else VIETNAM
    return datetime(day.year, day.month, day.day, *clock, tzinfo=zone).isoformat()


def parse_timestamp(value: str) -> str | None:
    """An ISO 8601 value from a metadata timestamp (ISO, or a byline-style "19/11/2024 09:00")."""
    iso = ISO_RE.match(value)
    if not iso:
        return _parse_rfc2822(value) or parse_byline(value.strip())
    day = _valid_date(*(int(part) for part in iso["date"].split("-")))
    if day is None:
        return None
    if iso["hour"] is None:
        return day.isoformat()
    clock = _valid_clock(int(iso["hour"]), int(iso["minute"]), int(iso["second"] or 0))
    if clock is None:
        return day.isoformat()
    zone = _parse_zone(iso["zone"]) if iso["zone"] else VIETNAM
    return datetime(day.year, day.month, day.day, *clock, tzinfo=zone).astimezone(VIETNAM).isoformat()


def _parse_rfc2822(value: str) -> str | None:
    """"Tue, 19 Nov 2024 09:00:00 +0700", as RSS and some ``pubdate`` metadata write it."""
    if not RFC2822_RE.search(value):
        return None
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if _valid_date(moment.year, moment.month, moment.day) is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM).isoformat()


def published_from_url(url: str) -> Published | None:
    """The date in a URL path ("/2024/11/19/", "-20241119…"), else None."""
    for pattern in (URL_PATH_DATE_RE, URL_COMPACT_DATE_RE):
        for match in pattern.finditer(url):
            day = _valid_date(int(match["year"]), int(match["month"]), int(match["day"]))
            if day:
                return Published(day.isoformat(), "url", CONFIDENCE["url"])
    return None


def _lines(text: str) -> Iterable[str]:
    for line in text.splitlines():
        line = line.strip()
        if line:
            yield line


def _date_of(match: re.Match[str]) -> date | None:
    if match["day"]:
        return _valid_date(int(match["year"]), int(match["month"]), int(match["day"]))
    if match["iday"]:
        return _valid_date(int(match["iyear"]), int(match["imonth"]), int(match["iday"]))
    return _valid_date(int(match["wyear"]), int(match["wmonth"]), int(match["wday"]))


def _valid_date(year: int, month: int, day: int) -> date | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _clock_of(match: re.Match[str]) -> tuple[int, int, int] | None:
    hour = int(match["hour"])
    half = (match["half"] or "").upper()
    if half in ("PM", "CH") and hour < 12:
        hour += 12
    elif half in ("AM", "SA") and hour == 12:
        hour = 0
    return _valid_clock(hour, int(match["minute"]), int(match["second"] or 0))


def _valid_clock(hour: int, minute: int, second: int) -> tuple[int, int, int] | None:
    if 0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59:
        return hour, minute, second
    return None


def _zone_of(match: re.Match[str]) -> timezone:
    minutes = int(match["hours"]) * 60 + int(match["mins"] or 0)
    if minutes > 14 * 60:
        return VIETNAM
    return timezone(timedelta(minutes=-minutes if match["sign"] == "-" else minutes))


def _parse_zone(zone: str) -> timezone:
    if zone.upper() == "Z":
        return timezone.utc
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
