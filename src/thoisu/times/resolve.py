"""Calendar arithmetic: what a time expression says, plus its anchor, becomes a TIMEX3 value.

An unknown year stays unknown: with no anchor, "ngày 14/12" is ``XXXX-12-14`` and "hôm qua" is ``XXXX-XX-XX``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from thoisu.errors import InputError
from thoisu.times.spec import TimeSpec

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_GRANULARITY_NEEDED = {"D": "D", "W": "W", "M": "M", "Q": "M", "Y": "Y"}
_PLACEHOLDER_YEAR = 2000  # stands in for an unknown year in day arithmetic; printed as XXXX


@dataclass(frozen=True)
class Point:
    """A resolved calendar point that later expressions may count from ("hôm sau", "cùng ngày")."""

    year: int | None
    month: int | None = None
    day: int | None = None
    week: bool = False  # the point names a whole ISO week ("tuần này"); its day is the Monday
    hour: int | None = None  # a clock time on the day (or on an unknown day): "30 phút sau" counts from it
    minute: int | None = None


@dataclass(frozen=True)
class Resolution:
    """A TIMEX3 value, what it was resolved against, and the point it names (if it names one)."""

    value: str
    anchor: str | None
    point: Point | None
    type: str | None = None  # the TIMEX3 type, where resolution decides it ("30 phút sau" with no clock told before)


References = dict[str, tuple[Point, str]]  # granularity (T clock, D, W, M, Y) -> the last point with it, its label


def parse_anchor(anchor: str | None) -> date | None:
    """The date of an ISO 8601 date or date-time string; None stays None."""
    if anchor is None:
        return None
    found = _ISO.match(anchor.strip())
    try:
        return date(int(found[1]), int(found[2]), int(found[3])) if found else _invalid(anchor)
    except ValueError:
        return _invalid(anchor)


def _invalid(anchor: str) -> date:
    raise InputError(anchor, "the anchor (publication date) must be an ISO 8601 date such as 2024-11-19")


class Resolver:
    """Resolves specs against one publication date (or none) and the references the text has set so far."""

    def __init__(self, anchor: date | None) -> None:
        self.anchor = anchor

    def resolve(self, spec: TimeSpec, direction: str | None, references: References) -> Resolution:
        """The TIMEX3 value of ``spec``; ``direction`` is the tense of its clause (past, future or None).

        A direction the expression states itself wins; "nearest" (a date written next to "hôm nay") ignores the
        clause's tense and takes the year nearest to the anchor.
        """
        direction = spec.direction or direction
        if spec.fixed_value:
            return Resolution(spec.fixed_value, None, None)
        if spec.decade or spec.century:
            return Resolution(spec.decade or spec.century or "", None, None)
        calendar_fields = (spec.year, spec.month, spec.quarter, spec.half)
        if spec.relative_unit and all(field is None for field in calendar_fields):
            try:
                return self._relative(spec, direction, references)
            except OverflowError:  # "999999999999 ngày trước": a count beyond any calendar
                return Resolution("FUTURE_REF" if direction == "future" else "PAST_REF", None, None)
        if spec.weekday:
            return self._weekday(spec, direction)
        if spec.hour is not None and spec.year is None and spec.month is None:
            return self._clock(spec, references)
        return self._calendar(spec, direction)

    def _relative(self, spec: TimeSpec, direction: str | None, references: References) -> Resolution:
        unit = spec.relative_unit or "D"
        offset = spec.relative_offset
        if offset is None or (offset != int(offset) or unit not in _GRANULARITY_NEEDED) and unit[0] != "T":
            return Resolution("FUTURE_REF" if direction == "future" else "PAST_REF", None, None)
        if unit[0] == "T":
            return _clock_offset(unit[1:], offset, references.get("T"))
        offset = int(offset)
        base, label = self._base(spec.reference, _GRANULARITY_NEEDED[unit], references)
        if base is None:
            unknown = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "Y": "XXXX"}[unit]
            if unit == "W" and spec.weekday:
                unknown = f"XXXX-WXX-{spec.weekday}"
            elif unit == "W" and spec.weekend:
                unknown = "XXXX-WXX-WE"
            return Resolution(unknown + (_time_suffix(spec) if unit == "D" else ""), None, None)
        if unit == "D":
            day = _as_date(base) + timedelta(days=offset)
            point = Point(day.year if base.year else None, day.month, day.day, hour=spec.hour, minute=spec.minute)
            return Resolution(_day_value(point) + _time_suffix(spec), label, point)
        if unit == "W":
            monday = _as_date(base) - timedelta(days=_as_date(base).weekday()) + timedelta(weeks=offset)
            if spec.weekday:
                day = monday + timedelta(days=spec.weekday - 1)
                point = Point(day.year if base.year else None, day.month, day.day)
                return Resolution(_day_value(point) + _time_suffix(spec), label, point)
            iso_year, week, _ = monday.isocalendar()
            point = Point(monday.year if base.year else None, monday.month, monday.day, week=True)
            if base.year is None:
                return Resolution("XXXX-WXX" + ("-WE" if spec.weekend else ""), label, point)
            return Resolution(f"{iso_year}-W{week:02d}" + ("-WE" if spec.weekend else ""), label, point)
        year = base.year
        if unit == "Y":
            point = Point(None if year is None else year + offset)
            return Resolution(_year_text(point.year), label, point)
        months = (year or _PLACEHOLDER_YEAR) * 12 + (base.month or 1) - 1 + offset * (3 if unit == "Q" else 1)
        shifted_year = months // 12 if year is not None else None
        if unit == "Q":
            return Resolution(f"{_year_text(shifted_year)}-Q{months % 12 // 3 + 1}", label, Point(shifted_year))
        point = Point(shifted_year, months % 12 + 1)
        return Resolution(f"{_year_text(shifted_year)}-{point.month:02d}", label, point)

    def _weekday(self, spec: TimeSpec, direction: str | None) -> Resolution:
        weekday = spec.weekday or 1
        if spec.relative_unit == "W":
            return self._relative(spec, direction, {})
        if self.anchor is None:
            return Resolution(f"XXXX-WXX-{weekday}" + _time_suffix(spec), None, None)
        if direction == "future":
            day = self.anchor + timedelta(days=(weekday - self.anchor.isoweekday()) % 7 or 7)
        else:
            day = self.anchor - timedelta(days=(self.anchor.isoweekday() - weekday) % 7)
        point = Point(day.year, day.month, day.day)
        return Resolution(_day_value(point) + _time_suffix(spec), "published", point)

    def _clock(self, spec: TimeSpec, references: References) -> Resolution:
        base, label = self._base("text", "D", references)
        if base is None:
            return Resolution("XXXX-XX-XX" + _time_suffix(spec), None, Point(None, hour=spec.hour, minute=spec.minute))
        point = replace(base, week=False, hour=spec.hour, minute=spec.minute)
        return Resolution(_day_value(base) + _time_suffix(spec), label, point)

    def _calendar(self, spec: TimeSpec, direction: str | None) -> Resolution:
        year, label = spec.year, None
        if spec.yearly and spec.month:
            return Resolution(f"XXXX-{spec.month:02d}", None, None)
        if year is None and self.anchor is not None:
            label = "published"
            if spec.relative_unit == "Y":
                year = self.anchor.year + int(spec.relative_offset or 0)
            elif spec.month or spec.quarter:
                year = self._choose_year(spec, direction)
            else:
                year = self.anchor.year
        if spec.day and spec.month:
            point = Point(year, spec.month, spec.day, hour=spec.hour, minute=spec.minute)
            return Resolution(_day_value(point) + _time_suffix(spec), label, point)
        if spec.month:
            return Resolution(f"{_year_text(year)}-{spec.month:02d}", label, Point(year, spec.month))
        if spec.quarter:
            return Resolution(f"{_year_text(year)}-Q{spec.quarter}", label, Point(year))
        if spec.half:
            return Resolution(f"{_year_text(year)}-H{spec.half}", label, Point(year))
        if spec.season:
            return Resolution(f"{_year_text(year)}-{spec.season}", label, Point(year))
        return Resolution(_year_text(year), label, Point(year))

    def _choose_year(self, spec: TimeSpec, direction: str | None) -> int:
        """The year that puts a partial date on the side of the anchor its clause's tense says (else the nearest)."""
        anchor = self.anchor
        assert anchor is not None

        def distance(year: int) -> int:
            if spec.quarter:
                return (year * 4 + spec.quarter) - (anchor.year * 4 + (anchor.month - 1) // 3 + 1)
            if spec.day and spec.month:
                day = min(spec.day, calendar.monthrange(year, spec.month)[1])
                return (date(year, spec.month, day) - anchor).days
            return (year * 12 + (spec.month or 1)) - (anchor.year * 12 + anchor.month)

        candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
        if direction == "past":
            return max(y for y in candidates if distance(y) <= 0)
        if direction == "future":
            return min(y for y in candidates if distance(y) >= 0)
        return min(candidates, key=lambda y: (abs(distance(y)), distance(y) > 0))

    def _base(self, reference: str, granularity: str, references: References) -> tuple[Point | None, str | None]:
        if reference == "text" and granularity in references:
            return references[granularity]
        if self.anchor is None:
            return None, None
        return Point(self.anchor.year, self.anchor.month, self.anchor.day), "published"


def _clock_offset(unit: str, offset: float, base: tuple[Point, str] | None) -> Resolution:
    """"30 phút sau" (unit M, offset 30) counted from the last clock time told; with none (or in seconds) the
    amount stays a duration."""
    if base is None or unit == "S":
        return Resolution(f"PT{abs(offset):g}{unit}", None, None, "DURATION")
    point, label = base
    start = datetime.combine(_as_date(point), time(point.hour or 0, point.minute or 0))
    moment = start + timedelta(minutes=offset * (60 if unit == "H" else 1))
    if point.day is None:
        shifted = Point(None, hour=moment.hour, minute=moment.minute)
        return Resolution(f"XXXX-XX-XXT{moment:%H:%M}", label, shifted, "TIME")
    shifted = Point(moment.year if point.year else None, moment.month, moment.day, hour=moment.hour, minute=moment.minute)
    return Resolution(f"{_day_value(shifted)}T{moment:%H:%M}", label, shifted, "TIME")


def fill_range(start: TimeSpec, end: TimeSpec) -> tuple[TimeSpec, TimeSpec]:
    """The two ends of a range, the start taking the year (and month) it leaves out from the end."""
    if start.year is None and end.year is not None and start.relative_unit is None and (start.month or start.day):
        later = (start.month or 0) > (end.month or 13)
        start = replace(start, year=end.year - 1 if later else end.year)
    if start.day and start.month is None and end.month:
        start = replace(start, month=end.month)
    return start, end


def follow_start(end: TimeSpec, start_spec: TimeSpec, start: Point | None) -> TimeSpec:
    """The end of a range that leaves its year (or its day) out, placed after its resolved start: "từ 21/5 – 31/5"
    ends in the start's year, "từ 23h30 ngày 26/9 đến 0h30" on the day after the start's."""
    if end.year is not None or end.relative_unit or start is None:
        return end
    if end.hour is not None and not end.month and start.day is not None and start_spec.hour is not None:
        day = _as_date(start) + timedelta(days=1 if end.hour < start_spec.hour else 0)
        return replace(end, year=day.year if start.year else None, month=day.month, day=day.day)
    if not end.month or start.year is None:
        return end
    return replace(end, year=start.year + (1 if end.month < (start.month or 0) else 0))


def _as_date(point: Point) -> date:
    year = point.year or _PLACEHOLDER_YEAR
    month = point.month or 1
    return date(year, month, min(point.day or 1, calendar.monthrange(year, month)[1]))


def _year_text(year: int | None) -> str:
    return "XXXX" if year is None else f"{year:04d}"


def _day_value(point: Point) -> str:
    return f"{_year_text(point.year)}-{point.month or 0:02d}-{point.day or 0:02d}"


def _time_suffix(spec: TimeSpec) -> str:
    if spec.hour is not None:
        return f"T{spec.hour:02d}:{spec.minute or 0:02d}"
    return f"T{spec.part_of_day}" if spec.part_of_day else ""
