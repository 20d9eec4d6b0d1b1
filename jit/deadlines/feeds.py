"""Calendar feed tokens: create, list, revoke, and open a feed by its token. No Flask.

A feed URL carries a random token instead of a session, because calendar clients (Outlook,
Thunderbird) subscribe without signing in. The token is purpose-bound (it opens this feed and
nothing else: the hash is domain-separated and the API and pages never accept it), stored only as
SHA-256, revocable, and every fetch re-checks that its user is active and still may see the team.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from jit.accounts import service as accounts
from jit.accounts.models import Team
from jit.audit import service as audit
from jit.deadlines.access import require_team_view, scope_of
from jit.deadlines.models import CalendarFeed, DeadlineStatus, TrackedDeadline
from jit.security.actor import Actor

PURPOSE = "calendar-feed"
TOKEN_PREFIX = "cal_"  # noqa: S105 - a prefix that marks the purpose, not a secret
# A calendar holds at most this many open deadlines, soonest first (clients poll often).
FEED_LIMIT = 2000


class FeedNotFound(LookupError):
    """Unknown, revoked, or no longer allowed: all look the same to the caller (404)."""


@dataclass(frozen=True)
class OpenedFeed:
    feed: CalendarFeed
    actor: Actor
    team: Team | None
    deadlines: list[TrackedDeadline]
    teams: dict[int, Team]


def token_hash(token: str) -> str:
    # Domain separation: the digest of a feed token can never equal that of a session cookie.
    return hashlib.sha256(f"jit:{PURPOSE}:{token}".encode()).hexdigest()


def create_feed(
    session: Session, actor: Actor, team_id: int | None, *, now: datetime, audit_key: bytes
) -> tuple[CalendarFeed, str]:
    """A new feed of all the actor's teams (team_id None) or of one JIT; the token is returned
    once and never stored."""
    if team_id is not None:
        require_team_view(actor, team_id)
    elif scope_of(actor).empty:
        raise FeedNotFound()
    if actor.user_id is None:
        raise FeedNotFound()
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    feed = CalendarFeed(
        user_id=actor.user_id, team_id=team_id, token_hash=token_hash(token), created_at=now
    )
    session.add(feed)
    session.flush()
    audit.record(
        session,
        actor,
        "deadline.feed.create",
        audit_key=audit_key,
        object_type="calendar_feed",
        object_id=feed.id or "",
        team_id=team_id,
    )
    return feed, token


def feeds_of(session: Session, actor: Actor) -> list[CalendarFeed]:
    return list(
        session.exec(
            select(CalendarFeed)
            .where(CalendarFeed.user_id == actor.user_id)
            .where(col(CalendarFeed.revoked_at).is_(None))
            .order_by(col(CalendarFeed.id))
        ).all()
    )


def revoke_feed(
    session: Session, actor: Actor, feed_id: int, *, now: datetime, audit_key: bytes
) -> None:
    feed = session.get(CalendarFeed, feed_id)
    # Only the owner revokes: another user's feed id looks absent.
    if feed is None or feed.user_id != actor.user_id or feed.revoked_at is not None:
        raise FeedNotFound()
    feed.revoked_at = now
    session.add(feed)
    audit.record(
        session,
        actor,
        "deadline.feed.revoke",
        audit_key=audit_key,
        object_type="calendar_feed",
        object_id=feed.id or "",
        team_id=feed.team_id,
    )


def open_feed(session: Session, token: str, *, now: datetime) -> OpenedFeed:
    """The open deadlines a feed token shows now; raises FeedNotFound otherwise."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        raise FeedNotFound()
    feed = session.exec(
        select(CalendarFeed).where(CalendarFeed.token_hash == token_hash(token))
    ).first()
    if feed is None or feed.revoked_at is not None or feed.purpose != PURPOSE:
        raise FeedNotFound()
    actor = accounts.load_actor(session, feed.user_id)  # None when deactivated
    if actor is None:
        raise FeedNotFound()
    scope = scope_of(actor)
    if feed.team_id is not None:
        if feed.team_id not in scope.team_ids:  # membership ended
            raise FeedNotFound()
        scope = scope.narrowed(feed.team_id)
    deadlines = list(
        session.exec(
            select(TrackedDeadline)
            .where(scope.clause())
            .where(TrackedDeadline.status == DeadlineStatus.OPEN)
            .order_by(col(TrackedDeadline.due))
            .limit(FEED_LIMIT)
        ).all()
    )
    feed.last_used_at = now
    session.add(feed)
    teams = {
        team.id or 0: team
        for team in session.exec(select(Team).where(col(Team.id).in_(sorted(scope.team_ids))))
    }
    team = teams.get(feed.team_id) if feed.team_id is not None else None
    return OpenedFeed(feed, actor, team, deadlines, teams)
