"""`jit deadlines remind`, lifecycle events and JIT agreement deadlines (issue 4)."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from jit.accounts.models import Team, User
from jit.db import transaction
from jit.deadlines import clock, mail, reminders, service
from jit.deadlines.events import LifecycleEvent, UnknownEvent
from jit.deadlines.models import (
    DeadlineNotification,
    DeadlineSource,
    DeadlineStatus,
    TrackedDeadline,
)
from jit.security.actor import SYSTEM
from jit.settings import Settings

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture(autouse=True)
def _no_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open an SMTP connection fails the test."""

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("no e-mail may be sent")

    monkeypatch.delenv("JIT_SMTP_HOST", raising=False)
    monkeypatch.setattr(smtplib, "SMTP", refuse)


def _key(settings: Settings) -> bytes:
    return bytes.fromhex(settings.audit_key)


def _notifications(app: Flask) -> list[tuple[int, int, str]]:
    with transaction(app.extensions["jit.engine"]) as session:
        rows = session.exec(select(DeadlineNotification)).all()
        return sorted((n.user_id, n.deadline_id, n.kind) for n in rows)


def test_remind_is_idempotent_and_sends_no_mail_without_smtp(app: Flask) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["deadlines", "remind"])
    assert first.exit_code == 0, first.output
    assert "0 e-mails" in first.output
    created = _notifications(app)
    assert created
    kinds = {kind for _u, _d, kind in created}
    assert {"overdue", "due_soon"} <= kinds
    second = runner.invoke(args=["deadlines", "remind"])
    assert second.exit_code == 0
    assert second.output.startswith("0 notifications")
    assert _notifications(app) == created


def test_reminders_go_to_those_who_manage_the_teams_deadlines(app: Flask) -> None:
    app.test_cli_runner().invoke(args=["deadlines", "remind"])
    with transaction(app.extensions["jit.engine"]) as session:
        users = {u.id: u.username for u in session.exec(select(User)).all()}
        deadlines = {d.id: d for d in session.exec(select(TrackedDeadline)).all()}
        teams = {t.id: t.reference for t in session.exec(select(Team)).all()}
    received: dict[str, set[str]] = {}
    for user_id, deadline_id, _kind in _notifications(app):
        received.setdefault(users[user_id], set()).add(teams[deadlines[deadline_id].team_id])
    assert received["ro.liaison"] == {FIRST}
    assert received["de.prosecutor"] == {SECOND}
    assert "ro.dpo" not in received  # sees deadlines, does not act on them
    assert "ro.ngo" not in received  # no support deadline is due within 7 days in the demo


def test_agreement_end_reminders_60_and_30_days_ahead(app: Flask, settings: Settings) -> None:
    engine = app.extensions["jit.engine"]
    with transaction(engine) as session:
        team = session.exec(select(Team).where(Team.reference == FIRST)).one()
        team.agreement_end = date(2027, 1, 10)  # the parties signed a shorter extension
        session.add(team)
    with transaction(engine) as session:
        reminders.remind(session, now=NOW, audit_key=_key(settings))
    with transaction(engine) as session:
        team = session.exec(select(Team).where(Team.reference == FIRST)).one()
        agreement = session.exec(
            select(TrackedDeadline)
            .where(TrackedDeadline.team_id == team.id)
            .where(TrackedDeadline.source == DeadlineSource.JIT_AGREEMENT)
            .order_by(TrackedDeadline.id)
        ).all()
        assert [d.status for d in agreement] == [DeadlineStatus.EXTENDED, DeadlineStatus.OPEN]
        current = agreement[-1]
        assert current.due_date == date(2027, 1, 10)
        assert current.extends_id == agreement[0].id
        kinds = {
            n.kind
            for n in session.exec(
                select(DeadlineNotification).where(DeadlineNotification.deadline_id == current.id)
            ).all()
        }
        assert kinds == {"agreement_60"}  # 44 days ahead: inside 60, not yet inside 30
        ngo = session.exec(select(User).where(User.username == "ro.ngo")).one()
        assert session.exec(
            select(DeadlineNotification).where(DeadlineNotification.user_id == ngo.id)
        ).all()  # victim support needs to know when the JIT ends
    with transaction(engine) as session:
        result = reminders.remind(session, now=NOW + timedelta(days=20), audit_key=_key(settings))
    assert result.notifications > 0
    with transaction(engine) as session:
        kinds = {
            n.kind
            for n in session.exec(
                select(DeadlineNotification).where(DeadlineNotification.deadline_id == current.id)
            ).all()
        }
    assert kinds == {"agreement_60", "agreement_30"}


def test_reminder_message_building_in_the_users_language() -> None:
    lines = [
        mail.ReminderLine(
            "overdue", FIRST, "EIO PN-03", "eio.recognition", "2026-11-17T23:59", "FR"
        ),
        mail.ReminderLine("agreement_30", FIRST, "JIT ends", "jit.agreement_end", "2027-01-10", ""),
    ]
    french = {"Overdue": "En retard"}
    message = mail.build_reminder(
        sender="portal@example.invalid",
        recipient="claire@example.invalid",
        lines=lines,
        gettext=lambda text: french.get(text, text),
    )
    body = message.get_content()
    assert message["To"] == "claire@example.invalid"
    assert "En retard: [JIT-RO-FR-2026-01] EIO PN-03 (eio.recognition)" in body
    assert "JIT agreement ends within 30 days" in body
    assert mail.SmtpConfig.from_environ({}) is None
    config = mail.SmtpConfig.from_environ({"JIT_SMTP_HOST": "mail.internal", "JIT_SMTP_PORT": "25"})
    assert config is not None
    assert config.port == 25
    assert config.starttls


def test_mail_is_built_and_sent_only_when_configured(
    app: Flask, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = app.extensions["jit.engine"]
    with transaction(engine) as session:
        for user in session.exec(select(User)).all():
            user.email = f"{user.username}@example.invalid"
            session.add(user)
    sent: list[Any] = []
    monkeypatch.setattr(
        mail, "send", lambda _config, messages: sent.extend(messages) or len(messages)
    )
    with transaction(engine) as session:
        result = reminders.remind(
            session,
            now=NOW,
            audit_key=_key(settings),
            smtp=mail.SmtpConfig(host="mail.internal"),
        )
    assert result.emails == len(sent) > 0
    assert {m["To"] for m in sent} >= {
        "ro.liaison@example.invalid",
        "de.prosecutor@example.invalid",
    }
    with transaction(engine) as session:
        again = reminders.remind(
            session, now=NOW, audit_key=_key(settings), smtp=mail.SmtpConfig(host="mail.internal")
        )
    assert again.emails == 0
    assert len(sent) == result.emails


def _event(
    team_id: int, name: str, when: date | datetime, object_id: str = "EIO-77"
) -> LifecycleEvent:
    return LifecycleEvent(
        name=name,
        team_id=team_id,
        occurred_at=when,
        jurisdiction="RO",
        object_type="request",
        object_id=object_id,
        title="EIO 77 (from the requests module)",
    )


def test_lifecycle_events_start_and_meet_deadlines(
    app: Flask, settings: Settings, team_ids: dict[str, int]
) -> None:
    engine = app.extensions["jit.engine"]
    team = team_ids[FIRST]
    with transaction(engine) as session:
        created = service.on_event(
            session, SYSTEM, _event(team, "eio.received", date(2026, 4, 1)), now=NOW,
            audit_key=_key(settings),
        )  # fmt: skip
        assert sorted(d.rule for d in created) == ["eio.acknowledge", "eio.recognition"]
        recognition = next(d for d in created if d.rule == "eio.recognition")
        assert recognition.due_date == date(2026, 5, 4)
        assert recognition.source == DeadlineSource.REQUEST_EVENT
        again = service.on_event(
            session, SYSTEM, _event(team, "eio.received", date(2026, 4, 1)), now=NOW,
            audit_key=_key(settings),
        )  # fmt: skip
        assert again == []  # idempotent
        decided = datetime(2026, 4, 20, 9, 30, tzinfo=UTC)
        execution = service.on_event(
            session, SYSTEM, _event(team, "eio.recognised", decided), now=NOW,
            audit_key=_key(settings),
        )  # fmt: skip
        assert [d.rule for d in execution] == ["eio.execution"]
        session.refresh(recognition)
        assert recognition.status == DeadlineStatus.MET
        assert recognition.met_at == decided
        victim = service.on_event(
            session,
            SYSTEM,
            LifecycleEvent(
                "victim.reflection_granted", team, date(2026, 11, 1), "FR", "victim", "V-3"
            ),
            now=NOW,
            audit_key=_key(settings),
        )
        assert [(d.rule, d.source) for d in victim] == [
            ("victim.reflection.FR", DeadlineSource.VICTIM_REFLECTION)
        ]
        with pytest.raises(UnknownEvent):
            service.on_event(
                session, SYSTEM, _event(team, "eio.lost", date(2026, 4, 1)), now=NOW,
                audit_key=_key(settings),
            )  # fmt: skip


def test_events_for_another_team_are_refused(
    app: Flask, settings: Settings, team_ids: dict[str, int]
) -> None:
    from jit.accounts import service as accounts
    from jit.security.policy import AccessDenied

    with Session(app.extensions["jit.engine"]) as session:
        actor = accounts.actor_for_username(session, "ro.prosecutor")
        with pytest.raises(AccessDenied) as denied:
            service.on_event(
                session, actor, _event(team_ids[SECOND], "eio.received", date(2026, 4, 1)),
                now=NOW, audit_key=_key(settings),
            )  # fmt: skip
        assert denied.value.hidden
        session.rollback()


def test_notifications_show_on_the_dashboard_and_can_be_read(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    from tests.conftest import csrf_from

    app.test_cli_runner().invoke(args=["deadlines", "remind"])
    client = login_as("fr.prosecutor")
    page = client.get("/deadlines/").get_data(as_text=True)
    assert 'id="notifications"' in page
    token = csrf_from(client, "/deadlines/")
    assert client.post("/deadlines/notifications/read").status_code == 403
    response = client.post("/deadlines/notifications/read", data={"csrf_token": token})
    assert response.status_code == 303
    assert 'id="notifications"' not in client.get("/deadlines/").get_data(as_text=True)
