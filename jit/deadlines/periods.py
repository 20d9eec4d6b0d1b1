"""Lengths of periods ("10d", "72h", "2w", "3m") and calendar arithmetic on dates.

Pure: no Flask, no database, no system clock. Imports only the standard library.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from jit.deadlines.errors import InvalidLength

Unit = Literal["h", "d", "w", "m"]

_UNIT_WORDS: dict[str, tuple[str, str]] = {
    "h": ("hour", "hours"),
    "d": ("day", "days"),
    "w": ("week", "weeks"),
    "m": ("month", "months"),
}
# Upper bounds keep every deadline well inside the covered calendar and catch typos ("300m").
_MAX: dict[str, int] = {"h": 8784, "d": 3660, "w": 520, "m": 120}
_PATTERN = re.compile(r"(\d{1,5})\s*([hdwm])")


@dataclass(frozen=True)
class Length:
    value: int
    unit: Unit

    def __str__(self) -> str:
        return f"{self.value}{self.unit}"

    def words(self) -> str:
        singular, plural = _UNIT_WORDS[self.unit]
        return f"{self.value} {singular if self.value == 1 else plural}"

    @property
    def in_hours(self) -> bool:
        return self.unit == "h"


def parse_length(text: str, *, allow_zero: bool = False) -> Length:
    """Parse ``N`` + unit (h, d, w, m); raise InvalidLength listing the accepted forms."""
    match = _PATTERN.fullmatch(text.strip().lower())
    if match is None:
        raise InvalidLength(text, "expected a whole number followed by h, d, w or m")
    value, unit = int(match.group(1)), match.group(2)
    if value == 0 and not allow_zero:
        raise InvalidLength(text, "the length must be at least 1")
    if value > _MAX[unit]:
        raise InvalidLength(text, f"at most {_MAX[unit]}{unit}")
    return Length(value, unit)  # type: ignore[arg-type]  # unit is one of "hdwm" by the pattern


def add_months(day: date, months: int) -> date:
    """Same day-of-month ``months`` later; if that month is shorter, its last day.

    This is the month rule shared by Reg. 1182/71 Art. 3(2)(c), StPO § 43(1), CPP RO art. 269(3),
    Código Civil art. 5.1 and the Hungarian Be.: 31 January + 1 month = 28 (or 29) February.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_calendar(day: date, length: Length) -> date:
    """The day a day/week/month period ends, counting from (and excluding) ``day``."""
    if length.unit == "d":
        return day + timedelta(days=length.value)
    if length.unit == "w":
        return day + timedelta(weeks=length.value)
    if length.unit == "m":
        return add_months(day, length.value)
    raise ValueError("hour periods are not counted in calendar days")
