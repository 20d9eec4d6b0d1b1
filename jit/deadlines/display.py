"""What the deadline pages show: translated labels, engine errors in the user's language, times in
the jurisdiction's and the viewer's timezone. Flask-Babel only; no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from jit.accounts.models import Team
from jit.deadlines import errors
from jit.deadlines.events import UnknownEvent
from jit.deadlines.models import DeadlineSource, DeadlineStatus, TrackedDeadline
from jit.deadlines.service import DeadlineClosed, NoExtension, OwedByNotAParty, TitleTooLong

STATUS_LABELS = {
    DeadlineStatus.OPEN: _l("Open"),
    DeadlineStatus.MET: _l("Met"),
    DeadlineStatus.MISSED: _l("Missed"),
    DeadlineStatus.EXTENDED: _l("Extended"),
}
SOURCE_LABELS = {
    DeadlineSource.MANUAL: _l("Started by hand"),
    DeadlineSource.REQUEST_EVENT: _l("Request event"),
    DeadlineSource.JIT_AGREEMENT: _l("JIT agreement"),
    DeadlineSource.VICTIM_REFLECTION: _l("Victim's reflection period"),
}
KIND_LABELS = {
    "overdue": _l("Overdue"),
    "due_soon": _l("Due within 7 days"),
    "agreement_60": _l("JIT agreement ends within 60 days"),
    "agreement_30": _l("JIT agreement ends within 30 days"),
}


def in_zone(moment: datetime, zone: str) -> str:
    """A due instant in the given IANA zone, in the user's language, with the zone named."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
        zone = "UTC"
    text = format_datetime(moment, "medium", tzinfo=tz, locale=str(get_locale() or "en"))
    return f"{text} ({zone})"


def owed_label(code: str) -> str:
    return code or str(_("All parties"))


def title_of(deadline: TrackedDeadline, teams: Mapping[int, Team]) -> str:
    """System-made deadlines get a title in the viewer's language; others show what was typed."""
    if deadline.source == DeadlineSource.JIT_AGREEMENT:
        team = teams.get(deadline.team_id)
        reference = team.reference if team else ""
        return str(_("End of JIT agreement %(reference)s", reference=reference))
    return deadline.title


def error_message(exc: Exception) -> tuple[str, str]:
    """(form field, message in the user's language) for a refused deadline."""
    choices = ", ".join(getattr(exc, "choices", ()))
    if isinstance(exc, errors.UnknownRule):
        return "rule", _(
            "Unknown rule %(rule)s. Valid rules: %(choices)s.", rule=exc.rule_id, choices=choices
        )
    if isinstance(exc, errors.UnknownJurisdiction):
        return "jurisdiction", _(
            "Unknown jurisdiction %(code)s. Valid jurisdictions: %(choices)s.",
            code=exc.jurisdiction,
            choices=choices,
        )
    if isinstance(exc, errors.JurisdictionNotAllowed):
        return "jurisdiction", _(
            "Rule %(rule)s does not apply in %(code)s. Valid jurisdictions: %(choices)s.",
            rule=exc.rule_id,
            code=exc.jurisdiction,
            choices=choices,
        )
    if isinstance(exc, errors.UnknownSubdivision):
        if not choices:
            return "subdivision", _(
                "%(code)s has no subdivisions; leave the subdivision empty.", code=exc.jurisdiction
            )
        return "subdivision", _(
            "%(code)s has no subdivision %(subdivision)s. Valid subdivisions: %(choices)s.",
            code=exc.jurisdiction,
            subdivision=exc.subdivision,
            choices=choices,
        )
    if isinstance(exc, errors.InvalidLength):
        return "length", _(
            "The length %(length)s is not valid: give a whole number followed by h (hours), "
            "d (days), w (weeks) or m (months), e.g. 10d.",
            length=exc.text,
        )
    if isinstance(exc, errors.LengthNotAllowed):
        return "length", _(
            "The law fixes the length of rule %(rule)s: leave the length empty.", rule=exc.rule_id
        )
    if isinstance(exc, errors.LengthRequired):
        return "length", _(
            "Rule %(rule)s needs a length, e.g. 10d, 72h, 2w or 3m.", rule=exc.rule_id
        )
    if isinstance(exc, errors.InvalidStart):
        return "start", _(
            "The start %(start)s is not a valid date or time (or does not exist on that day "
            "because the clocks go forward). Use YYYY-MM-DD and, if known, HH:MM.",
            start=exc.text,
        )
    if isinstance(exc, errors.OutOfCalendarRange):
        return "start", _(
            "The year %(year)s is outside the calendar the portal trusts for %(code)s "
            "(%(first)s to %(last)s).",
            year=exc.year,
            code=exc.jurisdiction,
            first=exc.first,
            last=exc.last,
        )
    if isinstance(exc, OwedByNotAParty):
        return "owed_by", _(
            "%(code)s is not a party to this JIT. Valid parties: %(choices)s.",
            code=exc.code,
            choices=choices,
        )
    if isinstance(exc, TitleTooLong):
        return "title", _("The title is too long (at most 200 characters).")
    if isinstance(exc, DeadlineClosed):
        return "", _(
            "This deadline is already closed (%(status)s).", status=STATUS_LABELS[exc.status]
        )
    if isinstance(exc, NoExtension):
        return "", _(
            "The law provides no extension for rule %(rule)s. Rules that can be extended: "
            "%(choices)s.",
            rule=exc.rule_id,
            choices=choices,
        )
    if isinstance(exc, UnknownEvent):
        return "", _("Unknown event %(name)s.", name=exc.name)
    return "", _("The deadline could not be computed.")
