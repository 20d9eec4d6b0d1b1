"""Deadline dashboards: overdue, due within 7 days, later; per user, JIT and country; and what the
other parties still owe the viewer's country (for liaison officers). No Flask.

Only open deadlines are bucketed; sections are capped (`limit`) and carry their full count, so a
team with thousands of open deadlines still gets a fast page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from jit.accounts.models import Team, TeamRole
from jit.deadlines.access import Scope, require_team_view, scope_of
from jit.deadlines.models import DeadlineNotification, DeadlineStatus, TrackedDeadline
from jit.deadlines.status import DUE_SOON
from jit.security.actor import Actor

OWED_CHOICES = ("all", "us", "others")


@dataclass(frozen=True)
class Filters:
    team_id: int | None = None
    country: str | None = None  # the party that must act (owed_by)
    owed: str = "all"  # all | us (the viewer's country) | others
    mine: bool = False  # deadlines the viewer follows (owner)
    status: str | None = None  # API only: open | met | extended | missed


@dataclass(frozen=True)
class Section:
    rows: list[TrackedDeadline]
    total: int


@dataclass(frozen=True)
class Dashboard:
    overdue: Section
    due_soon: Section
    later: Section
    owed_to_us: Section | None
    teams: dict[int, Team]
    countries: list[str]
    notifications: list[tuple[DeadlineNotification, TrackedDeadline]] = field(default_factory=list)


def visible_teams(session: Session, scope: Scope) -> dict[int, Team]:
    if scope.empty:
        return {}
    teams = session.exec(
        select(Team).where(col(Team.id).in_(sorted(scope.team_ids))).order_by(Team.reference)
    ).all()
    return {team.id or 0: team for team in teams}


def dashboard(
    session: Session, actor: Actor, filters: Filters, *, now: datetime, limit: int = 25
) -> Dashboard:
    scope = _scope(actor, filters)
    base = _filtered(scope, actor, filters)
    open_ = [*base, col(TrackedDeadline.status) == DeadlineStatus.OPEN]
    soon = now + DUE_SOON
    overdue = _section(session, [*open_, col(TrackedDeadline.due) < now], limit)
    due_soon = _section(
        session,
        [*open_, col(TrackedDeadline.due) >= now, col(TrackedDeadline.due) <= soon],
        limit,
    )
    later = _section(session, [*open_, col(TrackedDeadline.due) > soon], limit)
    owed_to_us = None
    if actor.has_role_anywhere(TeamRole.LIAISON_OFFICER) and actor.country:
        # "What the other side still owes us": open items a party other than the viewer's
        # country must deliver, most urgent (or most overdue) first.
        others = _filtered(scope, actor, Filters(team_id=filters.team_id, owed="others"))
        owed_to_us = _section(
            session, [*others, col(TrackedDeadline.status) == DeadlineStatus.OPEN], limit
        )
    teams = visible_teams(session, scope_of(actor))
    countries = sorted({code for team in teams.values() for code in team.party_codes})
    return Dashboard(
        overdue,
        due_soon,
        later,
        owed_to_us,
        teams,
        countries,
        unread_notifications(session, actor),
    )


def list_deadlines(
    session: Session,
    actor: Actor,
    filters: Filters,
    *,
    now: datetime,
    limit: int = 200,
    offset: int = 0,
) -> list[TrackedDeadline]:
    """For the API: every visible deadline matching the filters, soonest first."""
    conditions = _filtered(_scope(actor, filters), actor, filters)
    if filters.status == str(DeadlineStatus.MISSED):
        conditions += [
            col(TrackedDeadline.status) == DeadlineStatus.OPEN,
            col(TrackedDeadline.due) < now,
        ]
    elif filters.status == str(DeadlineStatus.OPEN):
        conditions += [
            col(TrackedDeadline.status) == DeadlineStatus.OPEN,
            col(TrackedDeadline.due) >= now,
        ]
    elif filters.status:
        conditions.append(col(TrackedDeadline.status) == filters.status)
    query = _ordered(select(TrackedDeadline).where(*conditions)).offset(offset).limit(limit)
    return list(session.exec(query).all())


def counts(session: Session, actor: Actor, *, now: datetime) -> tuple[int, int] | None:
    """(overdue, due within 7 days) for the home dashboard panel; None without any view."""
    scope = scope_of(actor)
    if scope.empty:
        return None
    open_ = [scope.clause(), col(TrackedDeadline.status) == DeadlineStatus.OPEN]
    overdue = _count(session, [*open_, col(TrackedDeadline.due) < now])
    soon = _count(
        session,
        [*open_, col(TrackedDeadline.due) >= now, col(TrackedDeadline.due) <= now + DUE_SOON],
    )
    return overdue, soon


def unread_notifications(
    session: Session, actor: Actor, limit: int = 20
) -> list[tuple[DeadlineNotification, TrackedDeadline]]:
    """The viewer's unread reminders whose deadline they still may see (membership may end)."""
    if actor.user_id is None:
        return []
    scope = scope_of(actor)
    rows = session.exec(
        select(DeadlineNotification, TrackedDeadline)
        .where(DeadlineNotification.user_id == actor.user_id)
        .where(col(DeadlineNotification.read_at).is_(None))
        .where(DeadlineNotification.deadline_id == TrackedDeadline.id)
        .where(scope.clause())
        .order_by(col(DeadlineNotification.created_at).desc())
        .limit(limit)
    ).all()
    return [(notification, deadline) for notification, deadline in rows]


def _scope(actor: Actor, filters: Filters) -> Scope:
    if filters.team_id is not None:
        require_team_view(actor, filters.team_id)
    return scope_of(actor).narrowed(filters.team_id)


def _filtered(scope: Scope, actor: Actor, filters: Filters) -> list[ColumnElement[bool]]:
    conditions = [scope.clause()]
    if filters.country:
        conditions.append(col(TrackedDeadline.owed_by) == filters.country.upper())
    if filters.owed == "us":
        conditions.append(col(TrackedDeadline.owed_by) == actor.country)
    elif filters.owed == "others":
        conditions.append(col(TrackedDeadline.owed_by).not_in(["", actor.country]))
    if filters.mine:
        conditions.append(col(TrackedDeadline.owner_user_id) == actor.user_id)
    return conditions


def _ordered(query: SelectOfScalar[TrackedDeadline]) -> SelectOfScalar[TrackedDeadline]:
    return query.order_by(col(TrackedDeadline.due), col(TrackedDeadline.id))


def _section(session: Session, conditions: list[ColumnElement[bool]], limit: int) -> Section:
    rows = list(session.exec(_ordered(select(TrackedDeadline).where(*conditions)).limit(limit)))
    total = len(rows) if len(rows) < limit else _count(session, conditions)
    return Section(rows, total)


def _count(session: Session, conditions: list[ColumnElement[bool]]) -> int:
    query = select(func.count()).select_from(TrackedDeadline).where(*conditions)
    return int(session.exec(query).one())
