"""iCalendar (RFC 5545) rendering of deadlines for calendar subscriptions, with alarms.

Pure: no Flask, no database, no clock (`now` is the DTSTAMP). Only what a calendar needs leaves
the portal: title, rule, legal source, due instant, who owes it. Never victim data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from jit.accounts.models import Team
from jit.deadlines.models import TrackedDeadline

PRODID = "-//SafeBorders JIT Toolkit//Deadlines//EN"
# Day periods: reminders a week and a day ahead (time to notify a delay "without delay",
# EIO Art. 12(5)); hour periods (24 h, 8 h, 96 h): an hour ahead.
DAY_ALARMS = (timedelta(days=7), timedelta(days=1))
HOUR_ALARMS = (timedelta(hours=1),)


def build_calendar(
    name: str,
    deadlines: Iterable[TrackedDeadline],
    teams: Mapping[int, Team],
    *,
    now: datetime,
    uid_domain: str,
    link: str = "",
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for deadline in deadlines:
        team = teams.get(deadline.team_id)
        calendar.add_component(_event(deadline, team, now=now, uid_domain=uid_domain, link=link))
    data: bytes = calendar.to_ical()
    return data


def _event(
    deadline: TrackedDeadline, team: Team | None, *, now: datetime, uid_domain: str, link: str
) -> Event:
    event = Event()
    event.add("uid", f"deadline-{deadline.id}@{uid_domain}")
    event.add("dtstamp", now)
    reference = f"[{team.reference}] " if team is not None else ""
    event.add("summary", f"{reference}{deadline.title}")
    local_due = deadline.due.astimezone(ZoneInfo(deadline.timezone))
    owed = deadline.owed_by or "all parties"
    description = [
        f"Rule: {deadline.rule} ({deadline.length})",
        f"Legal source: {deadline.legal_source}",
        f"Due: {local_due.isoformat()} ({deadline.timezone})",
        f"Owed by: {owed}",
    ]
    if link:
        description.append(f"{link}{deadline.id}")
    event.add("description", "\n".join(description))
    hours = deadline.length.endswith("h")
    # The event ends at the due instant (an hour period's exact end, or 23:59:59 local of the
    # last day); it starts an hour earlier so calendars draw it at the right place.
    event.add("dtstart", deadline.due - timedelta(hours=1))
    event.add("dtend", deadline.due)
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["deadline", deadline.rule])
    for ahead in HOUR_ALARMS if hours else DAY_ALARMS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Deadline: {deadline.title}")
        alarm.add("trigger", -ahead, parameters={"RELATED": "END"})
        event.add_component(alarm)
    return event
