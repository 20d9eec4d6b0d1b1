"""Status and dashboard buckets of a tracked deadline, from a `now` the caller passes in.

Pure: no Flask, no database, no system clock. "Missed" is never stored (models.DeadlineStatus).
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from jit.deadlines.models import DeadlineStatus

# "Due soon" on dashboards and in reminders: a week leaves time to ask the other side, or to
# notify an expected delay "without delay" (EIO Art. 12(5)-(6), EAW Art. 17(4)).
DUE_SOON = timedelta(days=7)
# Reminders before the end of a JIT agreement: extending it needs every party's signature.
AGREEMENT_REMINDERS = (("agreement_60", timedelta(days=60)), ("agreement_30", timedelta(days=30)))


class Bucket(enum.StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"
    CLOSED = "closed"


def effective_status(stored: DeadlineStatus, due: datetime, now: datetime) -> DeadlineStatus:
    """Open deadlines whose last instant has passed are missed; met and extended stay so."""
    if stored == DeadlineStatus.OPEN and now > due:
        return DeadlineStatus.MISSED
    return stored


def bucket(stored: DeadlineStatus, due: datetime, now: datetime) -> Bucket:
    if stored != DeadlineStatus.OPEN:
        return Bucket.CLOSED
    if now > due:
        return Bucket.OVERDUE
    if due <= now + DUE_SOON:
        return Bucket.DUE_SOON
    return Bucket.LATER


def reminder_kinds(rule: str, stored: DeadlineStatus, due: datetime, now: datetime) -> list[str]:
    """The notification kinds that apply now (each is sent once per user and deadline)."""
    if stored != DeadlineStatus.OPEN:
        return []
    kinds = []
    if rule == "jit.agreement_end":
        kinds += [kind for kind, ahead in AGREEMENT_REMINDERS if now <= due <= now + ahead]
    where = bucket(stored, due, now)
    if where == Bucket.OVERDUE:
        kinds.append("overdue")
    elif where == Bucket.DUE_SOON:
        kinds.append("due_soon")
    return kinds
