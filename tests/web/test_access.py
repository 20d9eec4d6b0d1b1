"""Deny by default and need to know (issue 2 "Done when"; data-protection.md T-D1, T-D5)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from jit.audit.models import AuditEntry
from jit.db import transaction
from jit.web.gate import PUBLIC

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"
FIRST_TEAM_USERS = (
    "ro.prosecutor",
    "fr.prosecutor",
    "ro.liaison",
    "fr.liaison",
    "ro.ngo",
    "ro.dpo",
    "ro.lead",
)


def _routes(app: Flask) -> list[tuple[str, str, list[str]]]:
    """(endpoint, rule, methods) for every route, with HEAD/OPTIONS left out."""
    rows = []
    for rule in app.url_map.iter_rules():
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        rows.append((rule.endpoint, rule.rule, methods))
    return rows


def _fill(rule: str, value: int) -> str:
    return re.sub(r"<(?:[a-z]+:)?[a-z_]+>", str(value), rule)


def test_every_route_but_the_public_ones_needs_credentials(
    app: Flask, team_ids: dict[str, int]
) -> None:
    client = app.test_client()
    checked = 0
    for endpoint, rule, methods in _routes(app):
        if endpoint in PUBLIC:
            continue
        url = _fill(rule, team_ids[SECOND])
        for method in methods:
            response = client.open(url, method=method)
            expected = (401,) if url.startswith("/api/") else (302, 401, 403)
            assert response.status_code in expected, (method, url, response.status_code)
            if response.status_code == 302:
                assert "/login" in response.headers["Location"]
            checked += 1
    assert checked >= 10


def test_a_first_team_member_gets_404_for_every_second_team_object(
    app: Flask,
    login_as: Callable[[str], FlaskClient],
    api_token: Callable[[str], str],
    team_ids: dict[str, int],
) -> None:
    other = team_ids[SECOND]
    parametrised = [(e, r, m) for e, r, m in _routes(app) if "<" in r and e not in PUBLIC]
    assert parametrised, "the URL map has routes with parameters"
    client = login_as("ro.prosecutor")
    token = api_token("ro.prosecutor")
    for _endpoint, rule, methods in parametrised:
        url = _fill(rule, other)
        for method in methods:
            if url.startswith("/api/"):
                response = client.open(
                    url, method=method, headers={"Authorization": f"Bearer {token}"}
                )
                assert response.status_code == 404, (method, url)
                assert response.mimetype == "application/problem+json"
            else:
                response = client.open(url, method=method)
                if method == "GET":
                    assert response.status_code == 404, (method, url)
                else:
                    assert response.status_code in (403, 404), (method, url)
            assert "Lantern" not in response.get_data(as_text=True)


@pytest.mark.parametrize("username", FIRST_TEAM_USERS)
def test_pages_api_and_cli_hide_the_second_team(
    app: Flask,
    client: FlaskClient,
    api_token: Callable[[str], str],
    team_ids: dict[str, int],
    username: str,
) -> None:
    other = team_ids[SECOND]
    from tests.conftest import login

    login(client, username)
    assert client.get(f"/teams/{other}").status_code == 404
    assert client.get(f"/teams/{team_ids[FIRST]}").status_code == 200
    token = api_token(username)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/teams/{other}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/teams/{other}/members", headers=headers).status_code == 404
    listed = client.get("/api/v1/teams", headers=headers).get_json()
    assert [t["reference"] for t in listed] == [FIRST]
    runner = app.test_cli_runner()
    result = runner.invoke(args=["teams", "show", str(other), "--as", username])
    assert result.exit_code == 4
    assert "Lantern" not in result.output
    result = runner.invoke(args=["teams", "list", "--as", username])
    assert SECOND not in result.output
    assert FIRST in result.output


def test_unknown_url_is_a_404_page_in_the_users_language(
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("fr.prosecutor")  # prefers French
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert '<html lang="fr"' in page
    assert "Page introuvable" in page


def test_denied_access_is_in_the_audit_log(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.ngo")
    client.get(f"/teams/{team_ids[SECOND]}")
    with transaction(app.extensions["jit.engine"]) as session:
        denied = session.exec(select(AuditEntry).where(AuditEntry.action == "access.denied")).all()
    assert [(e.actor, e.outcome, e.object_id) for e in denied] == [
        ("ro.ngo", "denied", str(team_ids[SECOND]))
    ]


def test_only_the_dpo_reads_the_audit_log(login_as: Callable[[str], FlaskClient]) -> None:
    client = login_as("ro.prosecutor")
    assert client.get("/audit/").status_code == 403


def test_dpo_page_lists_and_verifies(login_as: Callable[[str], FlaskClient]) -> None:
    from tests.conftest import csrf_from

    client = login_as("ro.dpo")
    page = client.get("/audit/?action=auth")
    assert page.status_code == 200
    assert "auth.login" in page.get_data(as_text=True)
    result = client.post("/audit/verify", data={"csrf_token": csrf_from(client, "/audit/")})
    assert result.status_code == 200
    assert 'class="ok"' in result.get_data(as_text=True)
