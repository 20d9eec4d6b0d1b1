"""Sign-in, throttling, sessions, CSRF and cookies (data-protection.md T-D13, T-D15)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from jit.db import transaction
from jit.security.models import BrowserSession
from tests.conftest import DEMO_PASSWORD, csrf_from, login


def test_login_then_dashboard_shows_own_team(client: FlaskClient) -> None:
    response = login(client, "ro.prosecutor")
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "JIT-RO-FR-2026-01" in page
    assert "JIT-RO-DE-IT-2026-02" not in page


def test_wrong_password_gives_one_generic_message(client: FlaskClient) -> None:
    wrong = login(client, "ro.prosecutor", "not-the-password")
    unknown = login(client, "nobody.here", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    for response in (wrong, unknown):
        assert "The username or password is not correct." in response.get_data(as_text=True)


def test_throttle_blocks_even_the_right_password(client: FlaskClient) -> None:
    for _ in range(5):
        assert login(client, "ro.liaison", "wrong").status_code == 401
    # Neither the correct password, nor a change of case, nor a spoofed address gets through.
    assert login(client, "ro.liaison").status_code == 429
    assert login(client, "RO.Liaison").status_code == 429
    token = csrf_from(client)
    response = client.post(
        "/login",
        data={"username": "ro.liaison", "password": DEMO_PASSWORD, "csrf_token": token},
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    assert response.status_code == 429
    # Other accounts are not affected.
    assert login(client, "fr.liaison").status_code == 302


def test_api_token_endpoint_shares_the_throttle(client: FlaskClient) -> None:
    for _ in range(5):
        client.post("/api/v1/auth/token", json={"username": "ro.ngo", "password": "x"})
    response = client.post(
        "/api/v1/auth/token", json={"username": "ro.ngo", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 429
    assert response.headers["Retry-After"]


def _session_cookie(client: FlaskClient) -> str | None:
    cookie = client.get_cookie("jit_session")
    return cookie.value if cookie else None


def test_session_id_rotates_on_login_and_dies_on_logout(client: FlaskClient) -> None:
    client.get("/login")
    before = _session_cookie(client)
    login(client, "ro.prosecutor")
    after = _session_cookie(client)
    assert before
    assert after
    assert before != after
    assert client.get("/").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_from(client, "/")})
    # Replaying the old cookie value after logout does not work: the row is gone server-side.
    client.set_cookie("jit_session", after)
    assert client.get("/").status_code == 302


def test_idle_timeout_ends_the_session(app: Flask, client: FlaskClient) -> None:
    login(client, "ro.prosecutor")
    with transaction(app.extensions["jit.engine"]) as session:
        for row in session.exec(select(BrowserSession)).all():
            row.last_seen = datetime.now(UTC) - timedelta(minutes=31)
            session.add(row)
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_csrf_missing_or_wrong_token_is_refused(client: FlaskClient) -> None:
    missing = client.post("/login", data={"username": "ro.prosecutor", "password": DEMO_PASSWORD})
    assert missing.status_code == 403
    response = client.post(
        "/login",
        data={"username": "ro.prosecutor", "password": DEMO_PASSWORD, "csrf_token": "forged"},
    )
    assert response.status_code == 403
    login(client, "ro.prosecutor")
    assert client.post("/profile", data={"language": "fr"}).status_code == 403
    assert client.post("/logout").status_code == 403


def test_cookie_flags(client: FlaskClient) -> None:
    response = client.get("/login")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_security_headers_and_no_store(client: FlaskClient) -> None:
    login(client, "ro.prosecutor")
    response = client.get("/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_open_redirect_after_login_is_refused(client: FlaskClient) -> None:
    token = csrf_from(client)
    response = client.post(
        "/login",
        data={
            "username": "ro.prosecutor",
            "password": DEMO_PASSWORD,
            "csrf_token": token,
            "next": "//evil.example/",
        },
    )
    assert response.headers["Location"] == "/"


def test_deactivated_user_is_out_on_the_next_request(app: Flask, client: FlaskClient) -> None:
    login(client, "fr.liaison")
    assert client.get("/").status_code == 200
    result = app.test_cli_runner().invoke(args=["users", "deactivate", "fr.liaison"])
    assert result.exit_code == 0, result.output
    assert client.get("/").status_code == 302
