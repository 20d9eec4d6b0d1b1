"""`jit deadlines remind`: in-app notifications (and e-mails when SMTP is configured), as the
system, for cron. No Flask. Idempotent: one notification per (user, deadline, kind).
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from jit.accounts.models import Membership, Team, TeamStatus, User
from jit.audit import service as audit
from jit.deadlines import mail
from jit.deadlines.access import SUPPORT_SOURCES
from jit.deadlines.models import DeadlineNotification, DeadlineStatus, TrackedDeadline
from jit.deadlines.service import sync_agreement_deadline
from jit.deadlines.status import AGREEMENT_REMINDERS, reminder_kinds
from jit.security.actor import SYSTEM
from jit.security.policy import POLICY, Action

log = logging.getLogger(__name__)

Gettext = Callable[[str], str]

# The widest reminder horizon (60 days before the end of a JIT agreement).
HORIZON = max(ahead for _kind, ahead in AGREEMENT_REMINDERS)


@dataclass(frozen=True)
class RemindResult:
    agreements: int
    notifications: int
    emails: int


def remind(
    session: Session,
    *,
    now: datetime,
    audit_key: bytes,
    smtp: mail.SmtpConfig | None = None,
    gettext_for: Callable[[str], Gettext] | None = None,
) -> RemindResult:
    agreements = 0
    for team in session.exec(select(Team).where(Team.status != TeamStatus.CLOSED)).all():
        if sync_agreement_deadline(session, SYSTEM, team, now=now, audit_key=audit_key):
            agreements += 1
    due = session.exec(
        select(TrackedDeadline)
        .where(TrackedDeadline.status == DeadlineStatus.OPEN)
        .where(col(TrackedDeadline.due) <= now + HORIZON)
    ).all()
    recipients = _recipients(session, {d.team_id for d in due})
    sent_before = _existing(session, [d.id or 0 for d in due])
    created: list[tuple[DeadlineNotification, TrackedDeadline]] = []
    for deadline in due:
        support = deadline.source in SUPPORT_SOURCES
        users = recipients[deadline.team_id]["all" if support else "manage"]
        for kind in reminder_kinds(deadline.rule, deadline.status, deadline.due, now):
            for user_id in sorted(users):
                key = (user_id, deadline.id or 0, kind)
                if key in sent_before:
                    continue
                sent_before.add(key)
                notification = DeadlineNotification(
                    user_id=user_id, deadline_id=deadline.id or 0, kind=kind, created_at=now
                )
                session.add(notification)
                created.append((notification, deadline))
    session.flush()
    emails = 0
    if smtp is not None and created:
        emails = _email(session, smtp, created, now=now, gettext_for=gettext_for)
    audit.record(
        session,
        SYSTEM,
        "deadline.remind",
        audit_key=audit_key,
        details={"notifications": len(created), "emails": emails, "agreements": agreements},
    )
    return RemindResult(agreements, len(created), emails)


def mark_read(session: Session, user_id: int, *, now: datetime) -> int:
    unread = session.exec(
        select(DeadlineNotification)
        .where(DeadlineNotification.user_id == user_id)
        .where(col(DeadlineNotification.read_at).is_(None))
    ).all()
    for notification in unread:
        notification.read_at = now
        session.add(notification)
    return len(unread)


def _recipients(session: Session, team_ids: set[int]) -> dict[int, dict[str, set[int]]]:
    """Per team: active users who manage deadlines, and those plus support viewers."""
    manage = POLICY[Action.DEADLINE_MANAGE]
    support = manage | POLICY[Action.DEADLINE_VIEW_SUPPORT]
    found: dict[int, dict[str, set[int]]] = defaultdict(lambda: {"manage": set(), "all": set()})
    if not team_ids:
        return found
    rows = session.exec(
        select(Membership.team_id, Membership.user_id, Membership.role)
        .join(User, col(User.id) == Membership.user_id)
        .where(col(Membership.team_id).in_(sorted(team_ids)))
        .where(col(User.active).is_(True))
    ).all()
    for team_id, user_id, role in rows:
        if role in manage:
            found[team_id]["manage"].add(user_id)
        if role in support:
            found[team_id]["all"].add(user_id)
    return found


def _existing(session: Session, deadline_ids: list[int]) -> set[tuple[int, int, str]]:
    if not deadline_ids:
        return set()
    rows = session.exec(
        select(
            DeadlineNotification.user_id,
            DeadlineNotification.deadline_id,
            DeadlineNotification.kind,
        ).where(col(DeadlineNotification.deadline_id).in_(deadline_ids))
    ).all()
    return {(u, d, k) for u, d, k in rows}


def _email(
    session: Session,
    smtp: mail.SmtpConfig,
    created: list[tuple[DeadlineNotification, TrackedDeadline]],
    *,
    now: datetime,
    gettext_for: Callable[[str], Gettext] | None,
) -> int:
    by_user: dict[int, list[tuple[DeadlineNotification, TrackedDeadline]]] = defaultdict(list)
    for notification, deadline in created:
        by_user[notification.user_id].append((notification, deadline))
    teams = {t.id: t.reference for t in session.exec(select(Team)).all()}
    messages, sent_notifications = [], []
    for user_id, items in sorted(by_user.items()):
        user = session.get(User, user_id)
        if user is None or not user.email:
            continue
        gettext = gettext_for(user.preferred_language) if gettext_for else (lambda text: text)
        lines = [
            mail.ReminderLine(
                kind=n.kind,
                team_reference=teams.get(d.team_id, ""),
                title=d.title,
                rule=d.rule,
                due_local=d.due.astimezone(ZoneInfo(d.timezone)).isoformat(),
                owed_by=d.owed_by,
            )
            for n, d in items
        ]
        messages.append(
            mail.build_reminder(
                sender=smtp.sender, recipient=user.email, lines=lines, gettext=gettext
            )
        )
        sent_notifications += [n for n, _d in items]
    try:
        count = mail.send(smtp, messages)
    except (OSError, smtplib.SMTPException):
        # The in-app notifications stand; the next run does not resend (no mail floods).
        log.warning("deadline reminder e-mails could not be sent")
        return 0
    for notification in sent_notifications:
        notification.emailed_at = now
        session.add(notification)
    return count
