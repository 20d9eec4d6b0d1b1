"""Counting methods shared by all rules: Reg. 1182/71, exact hours, plain calendar, fixed date.

Pure: no Flask, no database, no system clock (a start instant is always given). Imports only the
standard library and this package's ``periods``/``calendars``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from jit.deadlines.calendars import WorkCalendar, readings
from jit.deadlines.periods import Length, add_calendar


@dataclass(frozen=True)
class Counted:
    """The last day of a day/week/month period and how it was found."""

    due_date: date
    steps: tuple[str, ...]


# A day-counting method: (day of the event, length, calendar) -> last day + explanation.
DayCounter = Callable[[date, Length, WorkCalendar], Counted]


def fmt(day: date) -> str:
    return f"{day.isoformat()} ({day.strftime('%A')})"


def roll_forward(day: date, calendar: WorkCalendar, article: str) -> tuple[date, list[str]]:
    """Move a last day that is not a working day to the next working day, naming each day."""
    steps: list[str] = []
    while (reason := calendar.closed(day)) is not None:
        steps.append(f"{fmt(day)} is not a working day ({reason}); {article} moves the end on.")
        day += timedelta(days=1)
    return day, steps


def has_working_days(first: date, last: date, calendar: WorkCalendar, wanted: int) -> bool:
    """Whether [first, last] holds at least ``wanted`` working days (stops once it knows)."""
    found, day = 0, first
    while day <= last and found < wanted:
        found += calendar.closed(day) is None
        day += timedelta(days=1)
    return found >= wanted


def ensure_two_working_days(
    event: date, end: date, calendar: WorkCalendar, article: str
) -> tuple[date, list[str]]:
    """Extend ``end`` until (event, end] holds two working days (1182/71 Art. 3(5); Atw art. 2)."""
    steps: list[str] = []
    while not has_working_days(event + timedelta(days=1), end, calendar, 2):
        end += timedelta(days=1)
        steps.append(
            f"{article}: the period must include two working days; extended to {fmt(end)}."
        )
    return end, steps


def period_end_step(event: date, length: Length, end: date, rule_text: str) -> str:
    if length.unit == "d":
        how = f"day {length.value} after the event is {fmt(end)}"
    elif length.unit == "w":
        how = f"the same weekday {length.words()} later is {fmt(end)}"
    else:
        how = (
            f"the same date {length.words()} later (or the last day of that month if it has no "
            f"such date) is {fmt(end)}"
        )
    return f"{rule_text} the day of the event, {fmt(event)}, is not counted; {how}."


def eu_1182_71(event: date, length: Length, calendar: WorkCalendar) -> Counted:
    """Regulation (EEC, Euratom) No 1182/71 Art. 3 for periods in days, weeks and months."""
    end = add_calendar(event, length)
    steps = [period_end_step(event, length, end, "Reg. 1182/71 Art. 3(1) and 3(2)(b)-(c):")]
    # Art. 3(4) [verified wording]: a last day that is a Saturday, Sunday or public holiday of the
    # State where the act is to be done moves to the end of the following working day.
    end, rolled = roll_forward(end, calendar, "Reg. 1182/71 Art. 3(4)")
    steps += rolled
    # Art. 3(5) [unverified wording, but part of the Regulation]: a period of two days or more
    # includes at least two working days. It only bites on short periods around long holidays.
    if length.unit != "d" or length.value >= 2:
        end, extended = ensure_two_working_days(event, end, calendar, "Reg. 1182/71 Art. 3(5)")
        steps += extended
    return Counted(end, tuple(steps))


def plain_calendar(event: date, length: Length, calendar: WorkCalendar) -> Counted:
    """Calendar period, day of the event not counted, never moved for weekends or holidays.

    Used for periods of administrative law (victims' reflection periods) for which our sources give
    no extension rule: not moving the end is the earlier reading (DESIGN §6).
    """
    end = add_calendar(event, length)
    return Counted(
        end,
        (
            period_end_step(event, length, end, "Calendar period:"),
            "No source extends this period for weekends or public holidays, so the end is not "
            "moved (the earlier reading).",
        ),
    )


def fixed_date(event: date, length: Length, calendar: WorkCalendar) -> Counted:
    """The start date is itself the last day (e.g. the expiry date written in a JIT agreement)."""
    end = event + timedelta(days=length.value)
    return Counted(
        end,
        (
            f"The date given, {fmt(end)}, is itself the last day; a date agreed by the parties is "
            "not moved for weekends or public holidays.",
        ),
    )


def count_days(counter: DayCounter, event: date, length: Length, base: WorkCalendar) -> Counted:
    """Run a day counter on every calendar reading and keep the earliest last day."""
    results = [(reading, counter(event, length, reading)) for reading in readings(base)]
    results.sort(key=lambda pair: pair[1].due_date)
    chosen_reading, chosen = results[0]
    if len({counted.due_date for _, counted in results}) == 1:
        return chosen
    others = "; ".join(
        f"with {_reading_name(reading)} it would be {fmt(counted.due_date)}"
        for reading, counted in results[1:]
    )
    note = (
        f"Two readings of the calendar exist (government-decreed rest days and working Saturdays): "
        f"with {_reading_name(chosen_reading)} the last day is {fmt(chosen.due_date)}; {others}. "
        "The earlier deadline is used."
    )
    return Counted(chosen.due_date, (*chosen.steps, note))


def _reading_name(calendar: WorkCalendar) -> str:
    if calendar.work_schedule:
        return "the government's work schedule (decreed rest days off)"
    return "the statutory list of public holidays only"


def count_hours(
    start: datetime, length: Length, zone: ZoneInfo, later_reading: str
) -> tuple[datetime, list[str]]:
    """Exact elapsed time: add the hours in UTC, show the instant in the jurisdiction's zone.

    Adding in UTC makes a daylight-saving change count as the real hour it is (DESIGN §6).
    """
    due = (start.astimezone(ZoneInfo("UTC")) + timedelta(hours=length.value)).astimezone(zone)
    steps = [
        f"Hour period: exactly {length.words()} of real elapsed time from "
        f"{start.astimezone(zone).isoformat()}, never extended for weekends or public holidays.",
        f"{later_reading}; that reading ends later, so the earlier (exact) instant is shown "
        "as due.",
    ]
    if start.astimezone(zone).utcoffset() != due.utcoffset():
        steps.append(
            f"The clocks change in {zone.key} during the period (UTC offset "
            f"{_offset(start.astimezone(zone))} -> {_offset(due)}); the due time is shown in the "
            "offset in force at that instant."
        )
    return due, steps


def _offset(moment: datetime) -> str:
    return moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:]
