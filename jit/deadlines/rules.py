"""The deadline engine: rule + start + jurisdiction -> Deadline with its explanation.

Pure: no Flask, no database, no system clock (``now`` is never read; the start is always given).
Imports only the standard library and the other modules of ``jit.deadlines``.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from jit.deadlines.calendars import WorkCalendar, holiday_package_version
from jit.deadlines.catalog import Rule, get_rule
from jit.deadlines.counting import (
    Counted,
    count_days,
    count_hours,
    eu_1182_71,
    fixed_date,
    fmt,
    plain_calendar,
)
from jit.deadlines.errors import (
    InvalidStart,
    JurisdictionNotAllowed,
    LengthNotAllowed,
    LengthRequired,
)
from jit.deadlines.jurisdictions import (
    ALL_JURISDICTIONS,
    EU_MEMBER_STATES,
    Place,
    check_year,
    resolve_place,
)
from jit.deadlines.national import NATIONAL_METHODS
from jit.deadlines.periods import Length, parse_length

_LAST_INSTANT = time(23, 59, 59)

_VERIFICATION_TEXT = {
    "verified": "verified against a stored copy of the legal text",
    "secondary": "secondary source only; check the official text before relying on it",
    "unverified": "NOT verified against the legal text; check the official text before use",
}
_CALENDAR_ROLE = {
    "executing": "the State where the act is to be done (executing State)",
    "issuing": "the issuing State, whose authority must act",
    "given": "the jurisdiction given",
}


@dataclass(frozen=True)
class Deadline:
    """A computed deadline. ``due`` is the last instant (23:59:59 local of ``due_date`` for day,
    week and month periods; the exact instant for hour periods), aware, in ``timezone``."""

    rule: str
    jurisdiction: str
    subdivision: str | None
    start: datetime
    due: datetime
    due_date: date
    timezone: str
    method: str
    length: str
    source: str
    verification: str
    steps: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "jurisdiction": self.jurisdiction,
            "subdivision": self.subdivision,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "due_date": self.due_date.isoformat(),
            "timezone": self.timezone,
            "method": self.method,
            "length": self.length,
            "source": self.source,
            "verification": self.verification,
            "steps": list(self.steps),
        }


def compute(
    rule_id: str,
    start: date | datetime | str,
    jurisdiction: str,
    *,
    subdivision: str | None = None,
    length: str | None = None,
) -> Deadline:
    """Compute the deadline of ``rule_id`` for an event at ``start`` in ``jurisdiction``.

    A date (or "YYYY-MM-DD") is the day of the event; a naive datetime is read in the
    jurisdiction's timezone; an aware one is converted to it. Raises a ``DeadlineError`` subclass
    (carrying the valid choices) for any bad input and ``OutOfCalendarRange`` outside the years
    whose holidays the engine trusts.
    """
    rule = get_rule(rule_id)
    place = resolve_place(jurisdiction, subdivision)
    _check_jurisdiction(rule, place.jurisdiction)
    period = _length(rule, length)
    start_at, start_steps = _parse_start(start, place.zone)
    event_day = start_at.date()
    check_year(place.jurisdiction, event_day.year)

    steps = [_rule_step(rule, place), *start_steps]
    steps.append(f"The event ({rule.starts_on}) is on {fmt(event_day)} in {place.timezone}.")
    if rule.in_force_from is not None and event_day < rule.in_force_from:
        steps.append(
            f"Note: {rule.source} applies from {rule.in_force_from.isoformat()}; the event is "
            "earlier, so check which instrument governs it."
        )
    if rule.extends is not None:
        steps.append(
            f"Extension of {rule.extends}: counted as one period of {period.words()} from the "
            "original event, never later than adding the extension to a deadline already moved "
            "for a holiday (the earlier reading)."
        )

    if period.in_hours:
        due, hour_steps = count_hours(start_at, period, place.zone, _hour_reading(rule, place))
        check_year(place.jurisdiction, due.year)
        method = "exact-hours"
        steps += [f"Length: {period.words()}.", *hour_steps, f"Due: {due.isoformat()}."]
        due_date = due.date()
    else:
        method, counted, method_steps = _count_days(rule, place, event_day, period)
        steps += method_steps
        steps += counted.steps
        due_date = counted.due_date
        check_year(place.jurisdiction, due_date.year)
        due = datetime.combine(due_date, _LAST_INSTANT, tzinfo=place.zone)
        steps.append(
            f"Due: {due.isoformat()}, the end of {fmt(due_date)} in {place.timezone} "
            f"(holidays package {holiday_package_version()})."
        )
    return Deadline(
        rule=rule.id,
        jurisdiction=place.jurisdiction,
        subdivision=place.subdivision,
        start=start_at,
        due=due,
        due_date=due_date,
        timezone=place.timezone,
        method=method,
        length=str(period),
        source=_source(rule, place),
        verification=_verification(rule, place),
        steps=tuple(steps),
    )


def allowed_jurisdictions(rule: Rule) -> tuple[str, ...]:
    """The jurisdiction codes in which ``rule`` can be computed."""
    if rule.jurisdictions == "eu":
        return tuple(sorted(EU_MEMBER_STATES))
    if rule.jurisdictions == "national":
        return tuple(sorted(NATIONAL_METHODS))
    if rule.jurisdictions == "any":
        return tuple(sorted(ALL_JURISDICTIONS))
    return tuple(rule.jurisdictions)


def _check_jurisdiction(rule: Rule, code: str) -> None:
    allowed = allowed_jurisdictions(rule)
    if code not in allowed:
        raise JurisdictionNotAllowed(rule.id, code, allowed)


def _length(rule: Rule, given: str | None) -> Length:
    if rule.length is not None:
        if given is not None:
            raise LengthNotAllowed(rule.id, str(rule.length))
        return rule.length
    if given is None:
        raise LengthRequired(rule.id)
    return parse_length(given)


def _parse_start(start: date | datetime | str, zone: ZoneInfo) -> tuple[datetime, list[str]]:
    """Read the start as an aware datetime in ``zone``, with what was assumed."""
    text = str(start)
    if isinstance(start, str):
        try:
            start = (
                date.fromisoformat(start.strip())
                if len(start.strip()) == 10
                else datetime.fromisoformat(start.strip())
            )
        except ValueError as error:
            raise InvalidStart(text, str(error)) from None
    if not isinstance(start, datetime):
        return datetime.combine(start, time(0), tzinfo=zone), [
            f"Start {start.isoformat()} is a date: that whole day is the day of the event (for an "
            "hour period, counting from its first instant, 00:00, gives the earliest deadline)."
        ]
    if start.tzinfo is not None:
        local = start.astimezone(zone)
        return local, [f"Start {start.isoformat()} is {local.isoformat()} in {zone.key}."]
    first, second = start.replace(tzinfo=zone, fold=0), start.replace(tzinfo=zone, fold=1)
    back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != start:
        raise InvalidStart(
            text, f"this local time does not exist in {zone.key} (clocks go forward)"
        )
    if first.utcoffset() != second.utcoffset():
        # At the autumn change the same local hour occurs twice; fold=0 is the first occurrence.
        return first, [
            f"Start {start.isoformat()} occurs twice in {zone.key} (clocks go back); the first "
            f"occurrence, {first.isoformat()}, gives the earlier deadline and is used."
        ]
    return first, [
        f"Start {start.isoformat()} has no offset: read in {zone.key} as {first.isoformat()}."
    ]


def _count_days(
    rule: Rule, place: Place, event_day: date, period: Length
) -> tuple[str, Counted, list[str]]:
    where = place.jurisdiction + (f"-{place.subdivision}" if place.subdivision else "")
    holidays_step = (
        f"Calendar: Saturdays, Sundays and public holidays of {where}, "
        f"{_CALENDAR_ROLE[rule.calendar]}."
    )
    if rule.method == "national":
        national = NATIONAL_METHODS[place.jurisdiction]
        calendar = national.calendar_for(place)
        if not calendar.saturday_closed:
            holidays_step = (
                f"Calendar: Sundays and public holidays of {where}; Saturday is a working day "
                "for criminal deadlines (c.p.p. art. 172; Cass. pen. II 13505/2018)."
            )
        elif calendar.good_friday:
            holidays_step = holidays_step[:-1] + ", and Good Friday (StPO § 84)."
        intro = f"Length: {period.words()}; counting method {national.name} ({national.source})."
        counted = count_days(national.counter, event_day, period, calendar)
        return national.name, counted, [intro, holidays_step]
    intro = f"Length: {period.words()}; counting method {rule.method}."
    if rule.method == "eu-1182/71":
        counted = count_days(eu_1182_71, event_day, period, WorkCalendar(place))
        return rule.method, counted, [intro, holidays_step]
    counter = plain_calendar if rule.method == "calendar" else fixed_date
    return rule.method, counter(event_day, period, WorkCalendar(place)), [intro]


def _hour_reading(rule: Rule, place: Place) -> str:
    if rule.method == "national":
        national = NATIONAL_METHODS[place.jurisdiction]
        return (
            f"{national.source} may not count the hour in which the term starts (and in Romania "
            "not the hour in which it ends) or may move an end falling on a holiday"
        )
    return (
        "Reg. 1182/71 Art. 3(1) would not count the hour in which the event occurs and would "
        "start at the next full hour"
    )


def _source(rule: Rule, place: Place) -> str:
    if rule.method == "national":
        return NATIONAL_METHODS[place.jurisdiction].source
    return rule.source


def _verification(rule: Rule, place: Place) -> str:
    if rule.method == "national":
        return NATIONAL_METHODS[place.jurisdiction].verification
    return rule.verification


def _rule_step(rule: Rule, place: Place) -> str:
    verification = _verification(rule, place)
    return (
        f"Rule {rule.id}: {rule.description} Source: {_source(rule, place)} "
        f"({_VERIFICATION_TEXT.get(verification, verification)})."
    )
