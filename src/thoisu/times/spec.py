"""What a recognized time expression says, before it is resolved against an anchor."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass
class TimeSpec:
    """The calendar fields an expression fixes; what it leaves as None is filled (or kept unknown) on resolution."""

    type: str = "DATE"  # DATE, TIME, DURATION, SET
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None  # 1, 2: the first or second half of a year ("nửa cuối năm", "6 tháng đầu năm")
    season: str | None = None  # SP, SU, FA, WI
    decade: str | None = None  # "198"
    century: str | None = None  # "16"
    weekday: int | None = None  # ISO 1 = Monday
    weekend: bool = False
    part_of_day: str | None = None  # MO, MI, AF, EV, NI
    hour: int | None = None
    minute: int | None = None
    relative_unit: str | None = None  # D, W, M, Y: counted from a reference
    relative_offset: float | None = None  # None with a relative_unit: an unknown amount ("vài ngày trước")
    reference: str = "published"  # "published", "text" (the last time mentioned before) or "sentence" (the year its
    # sentence has fixed, else the publication date: "Chiều 29-12, tại cuộc họp báo cuối năm")
    fixed_value: str | None = None  # values that need no anchor: "P2.5M", "PAST_REF", "P1Y"
    mod: str | None = None
    direction: str | None = None  # "past"/"future" said inside the expression itself ("hôm", "vừa qua", "tới")
    yearly: bool = False  # "tháng 4 hằng năm": a SET

    def merged(self, other: TimeSpec) -> TimeSpec:
        """This spec with the fields ``other`` fixes and this one does not."""
        updates = {  # "is" tests: hour 0 ("0h30 ngày 13/9") is a value, not an empty field
            name: value
            for name, value in vars(other).items()
            if _filled(value) and value not in ("published", "DATE") and not _filled(getattr(self, name))
        }
        return replace(self, **updates)


def _filled(value: object) -> bool:
    return value is not None and value is not False


@dataclass
class Mention:
    """A recognized expression: its span in the text and what it says (a range has an ``end`` spec too)."""

    start: int
    end: int
    spec: TimeSpec
    family: str  # the grammar family that recognized it: "date", "clock", "duration", …
    range_end: TimeSpec | None = None
