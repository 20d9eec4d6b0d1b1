"""Load the demo (idempotent): creates what is missing and resets the demo password."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, select

from jit.accounts.models import Membership, Organisation, Team, TeamStatus, User
from jit.accounts.passwords import hash_password
from jit.audit import service as audit
from jit.demo import concepts, data
from jit.security.actor import SYSTEM
from jit.settings import Settings


@dataclass(frozen=True)
class DemoResult:
    password: str
    generated: bool
    usernames: tuple[str, ...]


def load(session: Session, settings: Settings, *, today: date) -> DemoResult:
    generated = not settings.demo_password
    password = settings.demo_password or secrets.token_urlsafe(12)
    orgs: list[Organisation] = []
    for name, country, kind in data.ORGANISATIONS:
        org = session.exec(select(Organisation).where(Organisation.name == name)).first()
        if org is None:
            org = Organisation(name=name, country=country, kind=kind)
            session.add(org)
            session.flush()
        orgs.append(org)
    pw_hash = hash_password(password, fast=settings.fast_password_hashing)
    users: dict[str, User] = {}
    for username, display, org_index, lang in data.USERS:
        user = session.exec(select(User).where(User.username == username)).first()
        if user is None:
            user = User(
                username=username,
                display_name=display,
                password_hash=pw_hash,
                preferred_language=lang,
                organisation_id=orgs[org_index].id or 0,
                created_at=datetime.now(UTC),
                timezone=_timezone(orgs[org_index].country),
            )
        user.password_hash = pw_hash
        user.active = True
        session.add(user)
        session.flush()
        users[username] = user
    teams: list[Team] = []
    for reference, name, parties, started, length, eurojust in data.TEAMS:
        team = session.exec(select(Team).where(Team.reference == reference)).first()
        if team is None:
            start = today - timedelta(days=started)
            team = Team(
                reference=reference,
                name=name,
                parties=parties,
                agreement_start=start,
                agreement_end=start + timedelta(days=length),
                status=TeamStatus.ACTIVE,
                eurojust_support=eurojust,
            )
            session.add(team)
            session.flush()
        teams.append(team)
    for username, team_index, role in data.MEMBERSHIPS:
        user_id, team_id = users[username].id, teams[team_index].id
        exists = session.exec(
            select(Membership).where(
                Membership.user_id == user_id,
                Membership.team_id == team_id,
                Membership.role == role,
            )
        ).first()
        if exists is None:
            session.add(
                Membership(
                    user_id=user_id or 0,
                    team_id=team_id or 0,
                    role=role,
                    since=teams[team_index].agreement_start,
                )
            )
    session.flush()
    by_reference = {team.reference: team for team in teams}
    for loader in concepts.LOADERS:
        loader(session, settings, today, by_reference, users)
    audit.record(
        session,
        SYSTEM,
        "demo.load",
        audit_key=bytes.fromhex(settings.audit_key),
        details={"teams": len(teams), "users": len(users)},
    )
    return DemoResult(password, generated, tuple(users))


def _timezone(country: str) -> str:
    return {
        "RO": "Europe/Bucharest",
        "FR": "Europe/Paris",
        "DE": "Europe/Berlin",
        "IT": "Europe/Rome",
    }.get(country, "Europe/Brussels")
