"""Demo deadlines, dated relative to the day the demo is loaded (issue 4 "Done when"), so the
dashboards always show overdue, due-soon and later items. Every case here is fictional.

Idempotent: each demo deadline has a stable source id; a second load adds nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from jit.accounts.models import Team, User
from jit.deadlines.models import DeadlineSource, TrackedDeadline
from jit.deadlines.service import DeadlineInput, create_deadline, mark_met, sync_agreement_deadline
from jit.security.actor import SYSTEM
from jit.settings import Settings

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"

# (demo id, owner, rule, days before load, jurisdiction, length, owed by, title, met)
# Offsets leave room for holiday shifts: overdue items fall due at least two days before the
# load day, due-soon items two to six days after it, later ones weeks after.
DemoRow = tuple[str, str, str, int, str, str | None, str, str, bool]

# The second JIT's rows come first on purpose: their ids then start at 1, so the access test
# (which fills every id in the URL map with the second team's id) meets a real deadline of the
# other team and must get 404, rather than one of the viewer's own.
SECOND_ROWS: tuple[DemoRow, ...] = (
    ("lantern-1", "de.prosecutor", "eio.recognition", 40, "DE", None, "DE",
     "EIO LAN-02: hotel booking records in Munich", False),
    ("lantern-2", "it.liaison", "national", 1, "IT", "5d", "IT",
     "Opposition to the seizure of the phones (c.p.p. art. 324)", False),
    ("lantern-3", "ro.prosecutor2", "eaw.decision", 10, "RO", None, "RO",
     "EAW LAN-01: decision on surrender of the recruiter", False),
)  # fmt: skip
FIRST_ROWS: tuple[DemoRow, ...] = (
    ("pont-neuf-1", "ro.liaison", "eio.recognition", 40, "FR", None, "FR",
     "EIO PN-03: bank records of the group's accounts in Paris", False),
    ("pont-neuf-2", "fr.liaison", "eio.acknowledge", 14, "RO", None, "RO",
     "EIO PN-07: acknowledge receipt (Annex B) of the French EIO", False),
    ("pont-neuf-3", "ro.prosecutor", "eio.execution", 87, "RO", None, "RO",
     "EIO PN-04: hearing of witnesses in Iași", False),
    ("pont-neuf-4", "ro.liaison", "national", 8, "FR", "10d", "FR",
     "Appeal period against the detention order (CPP art. 801 count)", False),
    ("pont-neuf-5", "ro.liaison", "eaw.decision", 20, "FR", None, "FR",
     "EAW PN-01: decision on surrender of the group's organiser", False),
    ("pont-neuf-6", "fr.prosecutor", "epocpr.preservation", 5, "RO", None, "RO",
     "EPOC-PR PN-09: preservation of messaging account data", False),
    ("pont-neuf-7", "ro.prosecutor", "victim.reflection.RO", 60, "RO", None, "RO",
     "Reflection period of a child victim (RO)", False),
    ("pont-neuf-8", "fr.prosecutor", "eio.acknowledge", 30, "FR", None, "FR",
     "EIO PN-02: acknowledge receipt (Annex B) of the Romanian EIO", True),
)  # fmt: skip


def load_demo_deadlines(
    session: Session,
    settings: Settings,
    today: date,
    teams: dict[str, Team],
    users: dict[str, User],
) -> None:
    key = bytes.fromhex(settings.audit_key)
    now = datetime.combine(today, time(9), tzinfo=UTC)
    for reference, rows in ((SECOND, SECOND_ROWS), (FIRST, FIRST_ROWS)):
        team = teams.get(reference)
        if team is None or team.id is None:
            continue
        for row in rows:
            _load_row(session, team.id, row, users, today=today, now=now, key=key)
        sync_agreement_deadline(session, SYSTEM, team, now=now, audit_key=key)


def _load_row(
    session: Session,
    team_id: int,
    row: DemoRow,
    users: dict[str, User],
    *,
    today: date,
    now: datetime,
    key: bytes,
) -> None:
    demo_id, username, rule, days_before, jurisdiction, length, owed_by, title, met = row
    exists = session.exec(
        select(TrackedDeadline)
        .where(TrackedDeadline.source_type == "demo")
        .where(TrackedDeadline.source_id == demo_id)
    ).first()
    if exists is not None:
        return
    source = (
        DeadlineSource.VICTIM_REFLECTION
        if rule.startswith("victim.")
        else DeadlineSource.REQUEST_EVENT
    )
    # Created by the system (the audit log must not claim a user did it); followed by a user.
    created = create_deadline(
        session,
        SYSTEM,
        DeadlineInput(
            team_id=team_id,
            rule=rule,
            start=today - timedelta(days=days_before),
            jurisdiction=jurisdiction,
            length=length,
            owed_by=owed_by,
            title=title,
        ),
        now=now,
        audit_key=key,
        source=source,
        source_type="demo",
        source_id=demo_id,
    )
    owner = users[username]
    created.owner_user_id = owner.id
    created.owner_organisation_id = owner.organisation_id
    session.add(created)
    if met and created.id is not None:
        mark_met(session, SYSTEM, created.id, now=now - timedelta(days=25), audit_key=key)
