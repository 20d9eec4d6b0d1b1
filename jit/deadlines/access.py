"""Who sees which deadlines: the policy's actions turned into per-team scopes and SQL filters.

No Flask. Full view (DEADLINE_VIEW) shows every deadline of a team; support view
(DEADLINE_VIEW_SUPPORT, NGO coordinators) shows only victims' reflection periods and the end of
the JIT agreement, which victim support needs; investigative deadlines stay need-to-know.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, false, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from jit.deadlines.models import DeadlineSource, TrackedDeadline
from jit.security.actor import Actor
from jit.security.policy import AccessDenied, Action, may, require, visible_team_ids

SUPPORT_SOURCES = (DeadlineSource.VICTIM_REFLECTION, DeadlineSource.JIT_AGREEMENT)


@dataclass(frozen=True)
class Scope:
    full: frozenset[int]
    support: frozenset[int]

    @property
    def team_ids(self) -> frozenset[int]:
        return self.full | self.support

    @property
    def empty(self) -> bool:
        return not self.team_ids

    def narrowed(self, team_id: int | None) -> Scope:
        if team_id is None:
            return self
        return Scope(self.full & {team_id}, self.support & {team_id})

    def clause(self) -> ColumnElement[bool]:
        parts: list[ColumnElement[bool]] = []
        if self.full:
            parts.append(col(TrackedDeadline.team_id).in_(sorted(self.full)))
        support_only = self.support - self.full
        if support_only:
            parts.append(
                and_(
                    col(TrackedDeadline.team_id).in_(sorted(support_only)),
                    col(TrackedDeadline.source).in_([str(s) for s in SUPPORT_SOURCES]),
                )
            )
        return or_(*parts) if parts else false()

    def sees(self, deadline: TrackedDeadline) -> bool:
        if deadline.team_id in self.full:
            return True
        return deadline.team_id in self.support and deadline.source in SUPPORT_SOURCES


def scope_of(actor: Actor) -> Scope:
    return Scope(
        visible_team_ids(actor, Action.DEADLINE_VIEW),
        visible_team_ids(actor, Action.DEADLINE_VIEW_SUPPORT),
    )


def require_team_view(actor: Actor, team_id: int) -> None:
    """Any view of the team's deadlines; another team's id raises a hidden (404) denial."""
    if may(actor, Action.DEADLINE_VIEW, team_id) or may(
        actor, Action.DEADLINE_VIEW_SUPPORT, team_id
    ):
        return
    require(actor, Action.DEADLINE_VIEW, team_id)


def require_sees(actor: Actor, deadline: TrackedDeadline) -> None:
    if actor.is_system or scope_of(actor).sees(deadline):
        return
    # Hidden even inside the team: an NGO user must not learn that an EAW deadline exists.
    raise AccessDenied(Action.DEADLINE_VIEW, deadline.team_id, hidden=True)
