"""Need to know for victim data (issue 6 point 2; data-protection.md T-D1, T-D3, T-D14)."""

from __future__ import annotations

import json
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import DEMO_PASSWORD
from tests.web.conftest_victims import (
    CANARIES,
    audit_actions,
    in_english,
    reveal,
    victim_by_name_order,
)


def _no_canary(body: str) -> None:
    for canary in CANARIES:
        assert canary not in body, canary


def test_ngo_user_sees_only_the_pseudonym(
    app: Flask, login_as: Callable[[str], FlaskClient], api_token: Callable[[str], str]
) -> None:
    child = victim_by_name_order(app)["child"]
    client = in_english(login_as("ro.ngo"))
    page = client.get(f"/victims/{child.id}").get_data(as_text=True)
    assert child.pseudonym in page
    _no_canary(page)
    assert "Reveal" not in page
    assert "Statements" not in page
    assert reveal(client, child.id or 0, justification="I want to know her name").status_code == 403
    headers = {"Authorization": f"Bearer {api_token('ro.ngo')}"}
    body = client.get(f"/api/v1/victims/{child.id}", headers=headers).get_json()
    assert set(body) == {"id", "pseudonym", "team_id"}
    listed = client.get("/api/v1/victims", headers=headers).get_data(as_text=True)
    _no_canary(listed)
    assert child.pseudonym in listed


def test_prosecutor_sees_the_pseudonym_by_default(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    client = in_english(login_as("ro.prosecutor"))
    page = client.get(f"/victims/{child.id}").get_data(as_text=True)
    assert child.pseudonym in page
    assert "Child aged 10 to 13" in page or "Copil" in page
    _no_canary(page)


def test_reveal_needs_a_justification(app: Flask, login_as: Callable[[str], FlaskClient]) -> None:
    child = victim_by_name_order(app)["child"]
    client = in_english(login_as("ro.prosecutor"))
    response = reveal(client, child.id or 0, justification="", password=DEMO_PASSWORD)
    assert response.status_code == 400
    _no_canary(response.get_data(as_text=True))
    assert not [e for e in audit_actions(app) if e.action == "victims.reveal"]


def test_reveal_needs_a_fresh_reauthentication(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    client = in_english(login_as("ro.prosecutor"))
    why = "Verifying the identity for the hearing request"
    response = reveal(client, child.id or 0, justification=why)
    assert response.status_code == 403
    _no_canary(response.get_data(as_text=True))
    wrong = reveal(client, child.id or 0, justification=why, password="not-the-password")
    assert wrong.status_code == 403
    _no_canary(wrong.get_data(as_text=True))
    with client.session_transaction() as session:
        session["reauth_at"] = "2020-01-01T00:00:00+00:00"  # stale
    assert reveal(client, child.id or 0, justification=why).status_code == 403
    assert not [e for e in audit_actions(app) if e.action == "victims.reveal"]


def test_reveal_with_justification_and_password_is_logged_first(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    client = in_english(login_as("ro.prosecutor"))
    why = "Verifying the identity for the hearing request"
    response = reveal(client, child.id or 0, justification=why, password=DEMO_PASSWORD)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Alexandra-Ioana DUMITRU" in page
    assert "6130927220009" in page
    assert "Elena DUMITRU" in page  # the guardian, too
    assert response.headers["Cache-Control"] == "no-store"
    entries = [e for e in audit_actions(app) if e.action == "victims.reveal"]
    assert len(entries) == 1
    assert entries[0].justification == why
    assert entries[0].object_id == str(child.id)
    for canary in CANARIES:
        assert canary not in entries[0].details
    # Within the re-authentication window, no second password is needed.
    again = reveal(client, child.id or 0, justification=why)
    assert again.status_code == 200
    assert len([e for e in audit_actions(app) if e.action == "victims.reveal"]) == 2


def test_first_team_gets_404_for_second_team_victims(
    app: Flask,
    login_as: Callable[[str], FlaskClient],
    api_token: Callable[[str], str],
) -> None:
    second = victim_by_name_order(app)["second"]
    client = in_english(login_as("ro.prosecutor"))
    for path in (
        f"/victims/{second.id}",
        f"/victims/{second.id}/disclosures",
        f"/victims/statements/{second.id}/review",
        f"/victims/statements/{second.id}/recipients",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert second.pseudonym not in response.get_data(as_text=True)
    assert second.pseudonym not in client.get("/victims").get_data(as_text=True)
    why = "Checking a possible link between the two cases"
    assert reveal(
        client, second.id or 0, justification=why, password=DEMO_PASSWORD
    ).status_code in (
        403,
        404,
    )
    headers = {"Authorization": f"Bearer {api_token('ro.prosecutor')}"}
    for path in (f"/api/v1/victims/{second.id}", f"/api/v1/victims/{second.id}/disclosures"):
        response = client.get(path, headers=headers)
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"
    listed = client.get("/api/v1/victims", headers=headers).get_json()
    assert second.pseudonym not in [v["pseudonym"] for v in listed]
    assert not [e for e in audit_actions(app) if e.action == "victims.reveal"]


def test_cli_lists_and_shows_under_the_same_policy(app: Flask) -> None:
    victims = victim_by_name_order(app)
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["victims", "list", "--as", "ro.ngo"])
    assert listed.exit_code == 0
    assert victims["child"].pseudonym in listed.output
    assert victims["second"].pseudonym not in listed.output
    _no_canary(listed.output)
    shown = runner.invoke(
        args=["victims", "show", str(victims["child"].id), "--as", "ro.liaison", "--json"]
    )
    assert shown.exit_code == 0
    assert json.loads(shown.output)["age_band"] == "10_13"
    _no_canary(shown.output)
    hidden = runner.invoke(args=["victims", "show", str(victims["second"].id), "--as", "ro.ngo"])
    assert hidden.exit_code == 4
    assert victims["second"].pseudonym not in hidden.output
    missing = runner.invoke(args=["victims", "show", "999", "--as", "ro.ngo"])
    assert missing.exit_code == 4


def test_age_uncertain_is_treated_as_a_child(
    app: Flask, api_token: Callable[[str], str], client: FlaskClient
) -> None:
    uncertain = victim_by_name_order(app)["uncertain"]
    headers = {"Authorization": f"Bearer {api_token('ro.prosecutor')}"}
    body = client.get(f"/api/v1/victims/{uncertain.id}", headers=headers).get_json()
    assert body["age_uncertain"] is True
    assert body["age_band"] == "child_unknown_age"
