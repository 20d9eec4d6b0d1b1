"""Tables of the deadlines concept: tracked deadlines, in-app notifications, calendar feed tokens.

No Flask, no services. Datetimes are aware and stored in UTC; the jurisdiction's own timezone is
kept beside them so the due instant can be shown where the act is to be done.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from jit.accounts.models import _enum_column


class DeadlineStatus(enum.StrEnum):
    OPEN = "open"
    MET = "met"
    # Never stored: "missed" is computed from the due instant and a `now` given by the caller
    # (jit.deadlines.status), so a late "met" or a clock change can never leave a stale value.
    MISSED = "missed"
    EXTENDED = "extended"


class DeadlineSource(enum.StrEnum):
    MANUAL = "manual"
    REQUEST_EVENT = "request_event"
    JIT_AGREEMENT = "jit_agreement"
    VICTIM_REFLECTION = "victim_reflection"


class TrackedDeadline(SQLModel, table=True):
    """A deadline the portal follows for one JIT, with the engine's explanation as computed."""

    __tablename__ = "deadline"
    # Dashboards filter by team and status and sort by due: one index answers all three buckets.
    __table_args__ = (Index("ix_deadline_team_status_due", "team_id", "status", "due"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    rule: str = Field(max_length=64, index=True)
    jurisdiction: str = Field(max_length=2)
    subdivision: str | None = Field(default=None, max_length=16)
    length: str = Field(max_length=8)
    method: str = Field(max_length=32)
    legal_source: str = Field(default="", max_length=300)
    verification: str = Field(default="", max_length=32)
    start_input: str = Field(max_length=40, description="the start as given (date or datetime)")
    start: datetime
    due: datetime = Field(index=True)
    due_date: date
    timezone: str = Field(max_length=64)
    status: DeadlineStatus = Field(sa_column=_enum_column(DeadlineStatus))
    owed_by: str = Field(default="", max_length=2, description="party country; empty = joint")
    owner_organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    owner_user_id: int | None = Field(default=None, foreign_key="user.id")
    source: DeadlineSource = Field(sa_column=_enum_column(DeadlineSource))
    source_type: str = Field(default="", max_length=32)
    source_id: str = Field(default="", max_length=64)
    title: str = Field(max_length=200)
    extends_id: int | None = Field(default=None, foreign_key="deadline.id")
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime
    met_at: datetime | None = None
    steps: str = Field(default="[]", description="JSON list of the engine's explanation steps")


class DeadlineNotification(SQLModel, table=True):
    """An in-app reminder. One per (user, deadline, kind): `jit deadlines remind` is idempotent."""

    __tablename__ = "deadline_notification"
    __table_args__ = (UniqueConstraint("user_id", "deadline_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    deadline_id: int = Field(foreign_key="deadline.id", index=True)
    kind: str = Field(max_length=32)
    created_at: datetime
    read_at: datetime | None = None
    emailed_at: datetime | None = None


class CalendarFeed(SQLModel, table=True):
    """A revocable, purpose-bound token for an iCalendar subscription.

    Only SHA-256 of the token (with a purpose prefix) is stored: a copy of the database does not
    hand out working feed URLs, and the token opens nothing but its own feed.
    """

    __tablename__ = "calendar_feed"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    team_id: int | None = Field(default=None, foreign_key="team.id", description="None = all")
    token_hash: str = Field(max_length=64, unique=True)
    purpose: str = Field(default="calendar-feed", max_length=32)
    created_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
