"""Deadline pages: dashboard buckets, the "start a deadline" form, detail, met/extend (issue 4)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from jit.audit.models import AuditEntry
from jit.db import transaction
from jit.deadlines import clock
from jit.deadlines.models import DeadlineStatus, TrackedDeadline
from tests.conftest import csrf_from, login

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"
# The test database's demo was loaded on 27 November 2026 (tests/conftest.py).
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _deadlines(app: Flask, team_id: int) -> list[TrackedDeadline]:
    with transaction(app.extensions["jit.engine"]) as session:
        return list(
            session.exec(select(TrackedDeadline).where(TrackedDeadline.team_id == team_id)).all()
        )


def _signed_in(app: Flask, username: str) -> FlaskClient:
    """A second, independent browser (login_as reuses the one test client)."""
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def _section(page: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', page, re.S)
    assert match, section_id
    return match.group(1)


def _start(client: FlaskClient, team_id: int, **fields: str) -> object:
    data = {"csrf_token": csrf_from(client, "/deadlines/new"), "team_id": str(team_id), **fields}
    return client.post("/deadlines/new", data=data)


def test_dashboard_shows_overdue_due_soon_and_later_of_the_demo(
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("fr.prosecutor")
    page = client.get("/deadlines/").get_data(as_text=True)
    assert "EIO PN-03" in _section(page, "overdue")
    assert "EIO PN-07" in _section(page, "overdue")
    assert "Appeal period against the detention order" in _section(page, "due-soon")
    later = _section(page, "later")
    assert "EAW PN-01" in later
    assert "JIT-RO-FR-2026-01" in later  # the end of the agreement, owed jointly
    assert "Lantern" not in page
    assert "LAN-0" not in page
    assert "EIO PN-02" not in page  # met: not on the dashboard
    # Due in the jurisdiction's time and the viewer's (fr.prosecutor: Europe/Paris).
    assert "(Europe/Bucharest)" in page
    assert "(Europe/Paris)" in page


def test_liaison_officer_sees_what_the_other_side_owes(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    page = login_as("ro.liaison").get("/deadlines/").get_data(as_text=True)
    owed = _section(page, "owed-to-us")
    assert "EIO PN-03" in owed
    assert "EAW PN-01" in owed
    assert "EIO PN-07" not in owed  # owed by RO itself
    prosecutor_page = _signed_in(app, "ro.prosecutor").get("/deadlines/").get_data(as_text=True)
    assert 'id="owed-to-us"' not in prosecutor_page


def test_filters_per_jit_and_per_country(
    login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    page = client.get(f"/deadlines/?team={team_ids[FIRST]}&country=RO").get_data(as_text=True)
    assert "EIO PN-07" in page  # owed by RO
    assert "EIO PN-03" not in page  # owed by FR
    page = client.get("/deadlines/?owed=others").get_data(as_text=True)
    assert "EIO PN-03" in page
    assert "EIO PN-07" not in page
    assert client.get(f"/deadlines/?team={team_ids[SECOND]}").status_code == 404
    assert client.get("/deadlines/?team=abc").status_code == 400


def test_start_a_deadline_through_the_form_with_the_exact_due_date(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    form = client.get("/deadlines/new").get_data(as_text=True)
    assert "Directive 2014/41/EU Art. 12(3)" in form  # the rule select names the legal source
    response = _start(
        client,
        team_ids[FIRST],
        rule="eio.recognition",
        start_date="2026-04-01",
        jurisdiction="RO",
        title="EIO PN-11 recognition",
    )
    assert response.status_code == 303
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="due-date">2026-05-04<' in detail  # day 30 is 1 May, then a weekend
    created = [d for d in _deadlines(app, team_ids[FIRST]) if d.title == "EIO PN-11 recognition"]
    assert len(created) == 1
    deadline = created[0]
    assert deadline.due == datetime(2026, 5, 4, 20, 59, 59, tzinfo=UTC)  # 23:59:59 EEST
    assert deadline.owed_by == "RO"
    assert deadline.status == DeadlineStatus.OPEN
    steps = re.findall(r"<li>(.*?)</li>", detail.split('id="steps"')[1].split("</ol>")[0], re.S)
    assert len(steps) >= 5
    assert any("Labour Day" in step or "1 May" in step or "holiday" in step for step in steps)


def test_national_term_and_an_hour_period_with_a_time(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("fr.liaison")
    response = _start(
        client,
        team_ids[FIRST],
        rule="national",
        start_date="2026-02-02",
        jurisdiction="FR",
        length="5d",
        title="FR 5 days",
    )
    assert response.status_code == 303
    response = _start(
        client,
        team_ids[FIRST],
        rule="epoc.emergency",
        start_date="2026-10-24",
        start_time="20:00",
        jurisdiction="RO",
        title="EPOC emergency",
    )
    assert response.status_code == 303
    by_title = {d.title: d for d in _deadlines(app, team_ids[FIRST])}
    assert by_title["FR 5 days"].due_date.isoformat() == "2026-02-09"
    # 20:00 EEST + 8 h across the autumn change = 03:00 EET = 01:00 UTC.
    assert by_title["EPOC emergency"].due == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fields", "field_id", "expected"),
    [
        ({"rule": "national", "jurisdiction": "RO"}, "length-error", "needs a length"),
        (
            {"rule": "eio.recognition", "jurisdiction": "RO", "length": "10d"},
            "length-error",
            "leave the length empty",
        ),
        ({"rule": "national", "jurisdiction": "RO", "length": "ten"}, "length-error", "10d"),
        ({"rule": "no.such.rule", "jurisdiction": "RO"}, "rule-error", "eio.recognition"),
        ({"rule": "eio.recognition", "jurisdiction": "XX"}, "jurisdiction-error", "RO"),
        (
            {"rule": "national", "jurisdiction": "DE", "length": "10d", "subdivision": "ZZ"},
            "subdivision-error",
            "BY",
        ),
        ({"rule": "eio.recognition", "jurisdiction": "DE"}, "owed_by-error", "RO, FR"),
    ],
)
def test_validation_errors_list_the_valid_choices(
    login_as: Callable[[str], FlaskClient],
    team_ids: dict[str, int],
    fields: dict[str, str],
    field_id: str,
    expected: str,
) -> None:
    client = login_as("ro.liaison")
    client.post("/language", data={"language": "en", "csrf_token": csrf_from(client, "/")})
    response = _start(client, team_ids[FIRST], start_date="2026-03-02", **fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    message = re.search(rf'id="{field_id}"[^>]*>(.*?)</p>', page, re.S)
    assert message, page
    assert expected in message.group(1)


def test_validation_errors_are_in_the_users_language(
    login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("fr.prosecutor")  # prefers French
    response = _start(
        client, team_ids[FIRST], rule="national", start_date="2026-03-02", jurisdiction="FR"
    )
    assert response.status_code == 400
    assert "a besoin d’une durée" in response.get_data(as_text=True)
    response = _start(
        client, team_ids[FIRST], rule="eio.recognition", start_date="2099-03-02", jurisdiction="FR"
    )
    assert response.status_code == 400
    assert "2099" in response.get_data(as_text=True)


def test_another_teams_form_post_and_ngo_and_dpo_cannot_start(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    response = _start(
        client,
        team_ids[SECOND],
        rule="eio.recognition",
        start_date="2026-04-01",
        jurisdiction="RO",
    )
    assert response.status_code == 404
    assert _signed_in(app, "ro.ngo").get("/deadlines/new").status_code == 403
    assert _signed_in(app, "ro.dpo").get("/deadlines/new").status_code == 403


def test_second_jit_deadlines_are_404_on_every_page(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    other = _deadlines(app, team_ids[SECOND])
    assert other
    client = login_as("ro.prosecutor")
    token = csrf_from(client, "/deadlines/")
    for deadline in other:
        assert client.get(f"/deadlines/{deadline.id}").status_code == 404
        for action in ("met", "extend"):
            response = client.post(f"/deadlines/{deadline.id}/{action}", data={"csrf_token": token})
            assert response.status_code == 404
    assert client.get("/deadlines/999999").status_code == 404
    assert _deadlines(app, team_ids[SECOND]) == other  # nothing changed


def test_ngo_coordinator_sees_only_victim_support_deadlines(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.ngo")
    page = client.get("/deadlines/").get_data(as_text=True)
    assert "Reflection period of a child victim" in page
    assert "EIO PN-03" not in page
    eio = next(d for d in _deadlines(app, team_ids[FIRST]) if d.title.startswith("EIO PN-03"))
    assert client.get(f"/deadlines/{eio.id}").status_code == 404


def test_met_and_extend_are_csrf_protected_posts(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.liaison")
    target = next(d for d in _deadlines(app, team_ids[FIRST]) if d.title.startswith("EIO PN-03"))
    assert client.get(f"/deadlines/{target.id}/met").status_code == 405
    assert client.post(f"/deadlines/{target.id}/extend").status_code == 403  # no token
    assert client.post(f"/deadlines/{target.id}/met", data={"csrf_token": "x"}).status_code == 403
    token = csrf_from(client, f"/deadlines/{target.id}")
    response = client.post(f"/deadlines/{target.id}/extend", data={"csrf_token": token})
    assert response.status_code == 303
    extended_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "eio.recognition.extended" in extended_page
    by_id = {d.id: d for d in _deadlines(app, team_ids[FIRST])}
    assert by_id[target.id].status == DeadlineStatus.EXTENDED
    longer = next(d for d in by_id.values() if d.extends_id == target.id)
    assert longer.rule == "eio.recognition.extended"
    assert (longer.due_date - by_id[target.id].due_date).days >= 28
    response = client.post(f"/deadlines/{longer.id}/met", data={"csrf_token": token})
    assert response.status_code == 303
    assert {d.id: d for d in _deadlines(app, team_ids[FIRST])}[longer.id].met_at == NOW
    page = client.get(f"/deadlines/{longer.id}").get_data(as_text=True)
    assert 'action="/deadlines/' not in page.split('id="steps"')[1]  # no more buttons
    # A second "met" is refused with a message, not an error page.
    response = client.post(
        f"/deadlines/{longer.id}/met", data={"csrf_token": token}, follow_redirects=True
    )
    assert response.status_code == 200
    with transaction(app.extensions["jit.engine"]) as session:
        actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    assert actions.count("deadline.extend") == 1
    assert "deadline.met" in actions


def test_a_rule_without_extension_says_so(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    target = next(d for d in _deadlines(app, team_ids[FIRST]) if d.rule == "eio.execution")
    token = csrf_from(client, f"/deadlines/{target.id}")
    response = client.post(
        f"/deadlines/{target.id}/extend",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Legea nu prevede nicio prelungire" in page  # ro.prosecutor reads Romanian


def test_home_dashboard_panel_and_nav_link(login_as: Callable[[str], FlaskClient]) -> None:
    client = login_as("fr.liaison")
    client.post("/language", data={"language": "en", "csrf_token": csrf_from(client, "/")})
    page = client.get("/").get_data(as_text=True)
    panel = page.split('id="deadlines-panel"')[1].split("</section>")[0]
    assert re.search(r"\b[1-9]\d* overdue", panel)
    assert re.search(r"\b[1-9]\d* due within 7 days", panel)
    assert 'href="/deadlines/"' in page
