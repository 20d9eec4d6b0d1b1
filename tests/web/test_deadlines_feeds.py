"""Calendar feeds: iCalendar with alarms; token hashed, revocable, re-checked (issue 4)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlmodel import select

from jit.accounts.models import Membership, User
from jit.db import transaction
from jit.deadlines import clock
from jit.deadlines.models import CalendarFeed
from tests.conftest import csrf_from

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _new_feed(client: FlaskClient, team_id: int | None = None) -> str:
    token = csrf_from(client, "/deadlines/feeds")
    data = {"csrf_token": token, "team_id": "" if team_id is None else str(team_id)}
    page = client.post("/deadlines/feeds", data=data).get_data(as_text=True)
    match = re.search(r'id="new-feed-url">([^<]+)<', page)
    assert match, page
    return match.group(1).replace("http://localhost", "")


def _events(client: FlaskClient, url: str) -> list:
    anonymous = client.application.test_client()  # a calendar client: no cookie, no token
    response = anonymous.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.get_data())
    return list(calendar.walk("VEVENT"))


def test_per_user_feed_parses_and_has_alarms(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    client = login_as("ro.liaison")
    url = _new_feed(client)
    assert url.startswith("/deadlines/feed/cal_")
    assert url.endswith(".ics")
    events = _events(client, url)
    summaries = [str(event["SUMMARY"]) for event in events]
    assert any("EIO PN-03" in s for s in summaries)
    assert not any("LAN-" in s for s in summaries)
    assert not any("EIO PN-02" in s for s in summaries)  # met deadlines leave the calendar
    recognition = next(e for e in events if "EIO PN-03" in str(e["SUMMARY"]))
    due = recognition.decoded("DTEND")
    assert due.tzinfo is not None
    assert due.astimezone(UTC).second == 59
    alarms = list(recognition.walk("VALARM"))
    assert [a.decoded("TRIGGER") for a in alarms] == [-timedelta(days=7), -timedelta(days=1)]
    assert "Directive 2014/41/EU" in str(recognition["DESCRIPTION"])
    # Only the digest is stored, never the token.
    token = url.removeprefix("/deadlines/feed/").removesuffix(".ics")
    with transaction(app.extensions["jit.engine"]) as session:
        stored = session.exec(select(CalendarFeed)).all()
    assert len(stored) == 1
    assert stored[0].token_hash != token
    assert stored[0].token_hash == hashlib.sha256(f"jit:calendar-feed:{token}".encode()).hexdigest()
    assert stored[0].last_used_at == NOW


def test_per_jit_feed_and_hour_period_alarm(
    client: FlaskClient,
    login_as: Callable[[str], FlaskClient],
    api_token: Callable[[str], str],
    team_ids: dict[str, int],
) -> None:
    client = login_as("ro.prosecutor")
    headers = {"Authorization": f"Bearer {api_token('ro.prosecutor')}"}
    created = client.post(
        "/api/v1/deadlines",
        json={
            "team_id": team_ids[FIRST],
            "rule": "eio.provisional_measure",
            "start": "2026-11-28T10:00",
            "jurisdiction": "RO",
            "title": "Provisional measure PN-12",
        },
        headers=headers,
    )
    assert created.status_code == 201
    events = _events(client, _new_feed(client, team_ids[FIRST]))
    measure = next(e for e in events if "PN-12" in str(e["SUMMARY"]))
    assert measure.decoded("DTEND") == datetime(2026, 11, 29, 8, 0, tzinfo=UTC)  # 24 h exactly
    assert [a.decoded("TRIGGER") for a in measure.walk("VALARM")] == [-timedelta(hours=1)]
    assert all(str(e["SUMMARY"]).startswith(f"[{FIRST}]") for e in events)


def test_revoked_or_unknown_tokens_and_other_teams_get_404(
    login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    url = _new_feed(client)
    anonymous = client.application.test_client()
    assert anonymous.get(url).status_code == 200
    page = client.get("/deadlines/feeds").get_data(as_text=True)
    feed_id = re.search(r'data-feed="(\d+)"', page).group(1)
    token = csrf_from(client, "/deadlines/feeds")
    assert client.post(f"/deadlines/feeds/{feed_id}/revoke").status_code == 403  # CSRF
    response = client.post(f"/deadlines/feeds/{feed_id}/revoke", data={"csrf_token": token})
    assert response.status_code == 303
    assert anonymous.get(url).status_code == 404
    assert anonymous.get("/deadlines/feed/cal_not-a-token.ics").status_code == 404
    assert anonymous.get("/deadlines/feed/whatever.ics").status_code == 404
    data = {"csrf_token": token, "team_id": str(team_ids[SECOND])}
    assert client.post("/deadlines/feeds", data=data).status_code == 404
    again = client.post(f"/deadlines/feeds/{feed_id}/revoke", data={"csrf_token": token})
    assert again.status_code == 404


def test_feed_rechecks_user_and_membership_on_every_fetch(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("fr.liaison")
    team_url = _new_feed(client, team_ids[FIRST])
    anonymous = app.test_client()
    assert anonymous.get(team_url).status_code == 200
    with transaction(app.extensions["jit.engine"]) as session:
        user = session.exec(select(User).where(User.username == "fr.liaison")).one()
        for membership in session.exec(
            select(Membership).where(Membership.user_id == user.id)
        ).all():
            session.delete(membership)
    assert anonymous.get(team_url).status_code == 404  # no longer a member

    client2 = app.test_client()
    from tests.conftest import login

    login(client2, "ro.liaison")
    user_url = _new_feed(client2)
    assert anonymous.get(user_url).status_code == 200
    runner = app.test_cli_runner()
    assert runner.invoke(args=["users", "deactivate", "ro.liaison"]).exit_code == 0
    assert anonymous.get(user_url).status_code == 404  # deactivated account


def test_another_users_feed_cannot_be_revoked(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    from tests.conftest import login

    owner = login_as("ro.liaison")
    url = _new_feed(owner)
    feed_id = re.search(r'data-feed="(\d+)"', owner.get("/deadlines/feeds").get_data(as_text=True))
    other = app.test_client()
    login(other, "ro.prosecutor")
    token = csrf_from(other, "/deadlines/feeds")
    response = other.post(f"/deadlines/feeds/{feed_id.group(1)}/revoke", data={"csrf_token": token})
    assert response.status_code == 404
    assert app.test_client().get(url).status_code == 200
