"""/api/v1/deadlines: exact due dates, errors with choices, need-to-know, met (issue 4)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient

from jit.deadlines import clock

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _auth(api_token: Callable[[str], str], username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token(username)}"}


def test_create_returns_the_exact_due_instant_and_steps(
    client: FlaskClient, api_token: Callable[[str], str], team_ids: dict[str, int]
) -> None:
    headers = _auth(api_token, "ro.prosecutor")
    cases = [
        ({"rule": "eio.recognition", "start": "2026-04-01", "jurisdiction": "RO"}, "2026-05-04"),
        (
            {"rule": "national", "start": "2026-03-02", "jurisdiction": "RO", "length": "10d"},
            "2026-03-13",
        ),
        (
            {"rule": "national", "start": "2026-02-02", "jurisdiction": "FR", "length": "5d"},
            "2026-02-09",
        ),
    ]
    for body, due_date in cases:
        response = client.post(
            "/api/v1/deadlines", json={"team_id": team_ids[FIRST], **body}, headers=headers
        )
        assert response.status_code == 201, response.get_json()
        created = response.get_json()
        assert created["due_date"] == due_date
        assert created["due"].startswith(f"{due_date}T23:59:59")
        assert created["status"] == "missed"  # due in 2026, now is November 2026
        assert created["steps"]
        assert created["legal_source"]
        fetched = client.get(f"/api/v1/deadlines/{created['id']}", headers=headers).get_json()
        assert fetched == created
    response = client.post(
        "/api/v1/deadlines",
        json={
            "team_id": team_ids[FIRST],
            "rule": "epoc.emergency",
            "start": "2026-10-24T20:00+03:00",
            "jurisdiction": "RO",
        },
        headers=headers,
    )
    assert response.get_json()["due"] == "2026-10-25T03:00:00+02:00"


@pytest.mark.parametrize(
    ("body", "error", "choice"),
    [
        ({"rule": "nope", "jurisdiction": "RO"}, "UnknownRule", "eio.recognition"),
        ({"rule": "eio.recognition", "jurisdiction": "ZZ"}, "UnknownJurisdiction", "RO"),
        (
            {"rule": "national", "jurisdiction": "DE", "length": "10d", "subdivision": "XX"},
            "UnknownSubdivision",
            "BY",
        ),
        ({"rule": "national", "jurisdiction": "RO"}, "LengthRequired", "<N>d (days)"),
        ({"rule": "national", "jurisdiction": "RO", "length": "3y"}, "InvalidLength", None),
        (
            {"rule": "eio.recognition", "jurisdiction": "RO", "length": "5d"},
            "LengthNotAllowed",
            None,
        ),
        ({"rule": "eio.recognition", "jurisdiction": "IT"}, "OwedByNotAParty", "FR"),
    ],
)
def test_bad_input_is_a_400_problem_with_choices(
    client: FlaskClient,
    api_token: Callable[[str], str],
    team_ids: dict[str, int],
    body: dict[str, str],
    error: str,
    choice: str | None,
) -> None:
    response = client.post(
        "/api/v1/deadlines",
        json={"team_id": team_ids[FIRST], "start": "2026-03-02", **body},
        headers=_auth(api_token, "ro.liaison"),
    )
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["error"] == error
    if choice is not None:
        assert choice in problem["choices"]


def test_malformed_bodies(
    client: FlaskClient, api_token: Callable[[str], str], team_ids: dict[str, int]
) -> None:
    headers = _auth(api_token, "ro.liaison")
    assert client.post("/api/v1/deadlines", json=[1], headers=headers).status_code == 400
    body = {"rule": "eio.recognition", "start": "2026-03-02", "jurisdiction": "RO"}
    assert client.post("/api/v1/deadlines", json=body, headers=headers).status_code == 400
    body["team_id"] = str(team_ids[FIRST])
    assert client.post("/api/v1/deadlines", json=body, headers=headers).status_code == 400
    assert client.get("/api/v1/deadlines?status=late", headers=headers).status_code == 400


def test_the_second_jit_is_invisible_through_the_api(
    client: FlaskClient, api_token: Callable[[str], str], team_ids: dict[str, int]
) -> None:
    lantern = client.get("/api/v1/deadlines", headers=_auth(api_token, "de.prosecutor")).get_json()
    assert lantern
    assert {d["team_id"] for d in lantern} == {team_ids[SECOND]}
    headers = _auth(api_token, "ro.prosecutor")
    listed = client.get("/api/v1/deadlines", headers=headers).get_json()
    assert listed
    assert {d["team_id"] for d in listed} == {team_ids[FIRST]}
    for deadline in lantern:
        for method, url in (
            ("GET", f"/api/v1/deadlines/{deadline['id']}"),
            ("POST", f"/api/v1/deadlines/{deadline['id']}/met"),
            ("POST", f"/api/v1/deadlines/{deadline['id']}/extend"),
        ):
            response = client.open(url, method=method, headers=headers)
            assert response.status_code == 404, url
            assert "LAN-" not in response.get_data(as_text=True)
    response = client.get(f"/api/v1/deadlines?team_id={team_ids[SECOND]}", headers=headers)
    assert response.status_code == 404
    response = client.post(
        "/api/v1/deadlines",
        json={
            "team_id": team_ids[SECOND],
            "rule": "eio.recognition",
            "start": "2026-03-02",
            "jurisdiction": "RO",
        },
        headers=headers,
    )
    assert response.status_code == 404
    assert client.get("/api/v1/deadlines/424242", headers=headers).status_code == 404


def test_filters_and_met(
    client: FlaskClient, api_token: Callable[[str], str], team_ids: dict[str, int]
) -> None:
    headers = _auth(api_token, "ro.liaison")
    missed = client.get("/api/v1/deadlines?status=missed", headers=headers).get_json()
    assert missed
    assert all(d["status"] == "missed" for d in missed)
    others = client.get("/api/v1/deadlines?owed=others", headers=headers).get_json()
    assert others
    assert {d["owed_by"] for d in others} == {"FR"}
    france = client.get("/api/v1/deadlines?country=fr&status=open", headers=headers).get_json()
    assert france
    assert all(d["owed_by"] == "FR" and d["status"] == "open" for d in france)
    target = missed[0]
    response = client.post(f"/api/v1/deadlines/{target['id']}/met", headers=headers)
    assert response.status_code == 200
    assert response.get_json()["status"] == "met"
    assert response.get_json()["met_at"] == NOW.isoformat()
    again = client.post(f"/api/v1/deadlines/{target['id']}/met", headers=headers)
    assert again.status_code == 409
    ngo = client.post(f"/api/v1/deadlines/{target['id']}/met", headers=_auth(api_token, "ro.ngo"))
    assert ngo.status_code == 404  # an NGO coordinator does not see investigative deadlines
    dpo = client.post(f"/api/v1/deadlines/{target['id']}/met", headers=_auth(api_token, "ro.dpo"))
    assert dpo.status_code == 403  # sees it, may not change it
