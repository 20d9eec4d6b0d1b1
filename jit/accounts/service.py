"""Account use cases: sign-in with throttling, the acting user, teams and members.

Takes the database session and the acting user explicitly; writes audit entries in the same
transaction. No Flask imports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, delete, select

from jit.accounts.models import Membership, Organisation, Team, TeamRole, User
from jit.accounts.passwords import verify_password
from jit.audit import service as audit
from jit.security.actor import SYSTEM, Actor
from jit.security.models import BrowserSession, LoginThrottle
from jit.security.policy import Action, require
from jit.settings import Settings


class UnknownUser(LookupError):
    def __init__(self, username: str) -> None:
        super().__init__(f"no active user {username!r}")
        self.username = username


class UnsupportedLanguage(ValueError):
    def __init__(self, code: str, supported: tuple[str, ...]) -> None:
        super().__init__(f"unsupported language {code!r}")
        self.code = code
        self.supported = supported


@dataclass(frozen=True)
class LoginOutcome:
    user: User | None
    throttled: bool = False
    retry_after: int = 0


def _utcnow() -> datetime:
    return datetime.now(UTC)


def authenticate(
    session: Session, settings: Settings, username: str, password: str
) -> LoginOutcome:
    """Check a password. Throttled accounts are refused even with the right password."""
    key = username.strip().casefold()[:64]
    now = _utcnow()
    throttle = session.get(LoginThrottle, key) if key else None
    if throttle and throttle.locked_until and throttle.locked_until > now:
        retry = int((throttle.locked_until - now).total_seconds()) + 1
        audit.record(
            session,
            SYSTEM,
            "auth.login",
            audit_key=_key(settings),
            outcome="throttled",
            details={"reason": "throttled"},
        )
        return LoginOutcome(None, throttled=True, retry_after=retry)
    user = session.exec(select(User).where(User.username == key)).first() if key else None
    ok = verify_password(
        user.password_hash if user else None, password, fast=settings.fast_password_hashing
    )
    if ok and user is not None and user.active:
        if throttle:
            session.delete(throttle)
        audit.record(
            session,
            load_actor(session, user) or SYSTEM,
            "auth.login",
            audit_key=_key(settings),
            object_type="user",
            object_id=user.id or "",
        )
        return LoginOutcome(user)
    _count_failure(session, settings, key, throttle, now)
    audit.record(
        session,
        SYSTEM,
        "auth.login",
        audit_key=_key(settings),
        outcome="denied",
        # The typed username is not stored: it may be a mistyped password or an unknown person.
        object_type="user",
        object_id=(user.id or "") if user else "",
        details={"reason": "bad-credentials"},
    )
    return LoginOutcome(None)


def _count_failure(
    session: Session, settings: Settings, key: str, throttle: LoginThrottle | None, now: datetime
) -> None:
    if not key:
        return
    window = timedelta(minutes=settings.login_window_minutes)
    if throttle is None or now - throttle.window_start > window:
        if throttle is not None:
            session.delete(throttle)
            session.flush()
        throttle = LoginThrottle(username=key, failures=0, window_start=now)
    throttle.failures += 1
    if throttle.failures >= settings.login_max_failures:
        throttle.locked_until = now + window
    session.add(throttle)


def _key(settings: Settings) -> bytes:
    return bytes.fromhex(settings.audit_key)


def load_actor(session: Session, user: User | int | None) -> Actor | None:
    """The acting user with their memberships, or None when absent or deactivated."""
    if isinstance(user, int):
        user = session.get(User, user)
    if user is None or not user.active or user.id is None:
        return None
    organisation = session.get(Organisation, user.organisation_id)
    roles: dict[int, set[TeamRole]] = defaultdict(set)
    for membership in session.exec(select(Membership).where(Membership.user_id == user.id)):
        roles[membership.team_id].add(membership.role)
    return Actor(
        user_id=user.id,
        username=user.username,
        organisation_id=user.organisation_id,
        organisation=organisation.name if organisation else "",
        country=organisation.country if organisation else "",
        roles={team: frozenset(r) for team, r in roles.items()},
        preferred_language=user.preferred_language,
        timezone=user.timezone,
    )


def actor_for_username(session: Session, username: str) -> Actor:
    """For the CLI's --as USERNAME: the same policy as the web and the API."""
    user = session.exec(select(User).where(User.username == username.casefold())).first()
    actor = load_actor(session, user)
    if actor is None:
        raise UnknownUser(username)
    return actor


def teams_for(session: Session, actor: Actor) -> list[Team]:
    if not actor.team_ids:
        return []
    return list(
        session.exec(
            select(Team).where(col(Team.id).in_(sorted(actor.team_ids))).order_by(Team.reference)
        ).all()
    )


def get_team(session: Session, actor: Actor, team_id: int) -> Team:
    require(actor, Action.TEAM_VIEW, team_id)
    team = session.get(Team, team_id)
    if team is None:
        raise LookupError(team_id)
    return team


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    display_name: str
    username: str
    organisation: str
    country: str
    role: TeamRole


def team_members(session: Session, actor: Actor, team_id: int) -> list[MemberRow]:
    require(actor, Action.TEAM_MEMBERS_VIEW, team_id)
    rows = session.exec(
        select(Membership, User, Organisation)
        .where(Membership.team_id == team_id)
        .where(Membership.user_id == User.id)
        .where(User.organisation_id == Organisation.id)
        .order_by(Organisation.country, User.display_name)
    ).all()
    return [
        MemberRow(u.id or 0, u.display_name, u.username, o.name, o.country, m.role)
        for m, u, o in rows
    ]


def organisations_of(session: Session, team_id: int) -> list[Organisation]:
    return list(
        session.exec(
            select(Organisation)
            .join(User, col(User.organisation_id) == Organisation.id)
            .join(Membership, col(Membership.user_id) == User.id)
            .where(Membership.team_id == team_id)
            .distinct()
            .order_by(Organisation.country, Organisation.name)
        ).all()
    )


def set_language(session: Session, settings: Settings, actor: Actor, language: str) -> None:
    if language not in settings.supported_locales:
        raise UnsupportedLanguage(language, settings.supported_locales)
    user = session.get(User, actor.user_id)
    if user is None:
        raise UnknownUser(actor.username)
    user.preferred_language = language
    session.add(user)
    audit.record(
        session,
        actor,
        "account.language",
        audit_key=_key(settings),
        object_type="user",
        object_id=user.id or "",
        details={"language": language},
    )


def deactivate(session: Session, settings: Settings, actor: Actor, username: str) -> User:
    """Disable an account; its browser sessions end now and its tokens stop working at once
    (ASVS 7.4.2), because every request re-reads the user's active flag."""
    user = session.exec(select(User).where(User.username == username.casefold())).first()
    if user is None:
        raise UnknownUser(username)
    user.active = False
    session.add(user)
    session.execute(delete(BrowserSession).where(col(BrowserSession.user_id) == user.id))
    audit.record(
        session,
        actor,
        "account.deactivate",
        audit_key=_key(settings),
        object_type="user",
        object_id=user.id or "",
    )
    return user
