"""JSON API of requests: list, read, create from a draft, lifecycle steps, DOCX (issue 3)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from docx import Document
from flask import Flask
from flask.testing import FlaskClient

from jit.api.openapi import PATHS
from jit.requests.catalog import load_instrument
from jit.requests.rules import example_draft
from tests.web.requests_helpers import FIRST, audit_entries, demo_eio_id


def _headers(api_token: Callable[[str], str], username: str = "ro.prosecutor") -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token(username)}"}


def test_routes_are_documented() -> None:
    for path in (
        "/api/v1/teams/{team_id}/requests",
        "/api/v1/requests/{request_id}",
        "/api/v1/requests/{request_id}/steps",
        "/api/v1/requests/{request_id}/document",
    ):
        assert path in PATHS


def test_list_and_read(
    app: Flask, client: FlaskClient, api_token: Callable[[str], str], team_ids: dict[str, int]
) -> None:
    headers = _headers(api_token)
    team = team_ids[FIRST]
    listed = client.get(f"/api/v1/teams/{team}/requests", headers=headers).get_json()
    assert [r["instrument"] for r in listed] == ["eio"]
    one = client.get(f"/api/v1/requests/{listed[0]['id']}", headers=headers).get_json()
    assert one["status"] == "acknowledged"
    assert [s["status"] for s in one["steps"]] == [
        "issued",
        "transmitted",
        "received",
        "acknowledged",
    ]
    assert one["draft"]["fields"]["A.2"] == "FR"
    assert one["output_language"] == "fr"


def test_create_from_a_draft_then_steps_and_document(
    app: Flask, client: FlaskClient, api_token: Callable[[str], str], team_ids: dict[str, int]
) -> None:
    headers = _headers(api_token)
    team = team_ids[FIRST]
    draft = example_draft(load_instrument("eio"))
    draft["reference"] = "API-EIO-1"
    body = {"draft": draft, "issuing_state": "RO", "executing_state": "FR"}
    created = client.post(f"/api/v1/teams/{team}/requests", json=body, headers=headers)
    assert created.status_code == 201, created.get_data(as_text=True)
    request_id = created.get_json()["id"]
    today = datetime.now(UTC).date()
    step = client.post(
        f"/api/v1/requests/{request_id}/steps",
        json={"status": "issued", "date": today.isoformat()},
        headers=headers,
    )
    assert step.status_code == 201
    refused = client.post(
        f"/api/v1/requests/{request_id}/steps",
        json={"status": "executed", "date": today.isoformat()},
        headers=headers,
    )
    assert refused.status_code == 409
    assert refused.get_json()["allowed"] == ["transmitted", "withdrawn"]
    bad = client.post(
        f"/api/v1/requests/{request_id}/steps", json={"status": "issued"}, headers=headers
    )
    assert bad.status_code == 400
    doc = client.get(
        f"/api/v1/requests/{request_id}/document?lang=ro&bilingual=fr", headers=headers
    )
    assert doc.status_code == 200
    word = Document(io.BytesIO(doc.data))
    assert any("SECȚIUNEA A" in p.text for p in word.paragraphs)
    assert audit_entries(app, "requests.render")[-1]["languages"] == ["ro", "fr"]
    assert (
        client.get(f"/api/v1/requests/{request_id}/document?lang=xx", headers=headers).status_code
        == 400
    )


def test_bad_drafts_are_422_with_the_field_named_and_nothing_saved(
    app: Flask, client: FlaskClient, api_token: Callable[[str], str], team_ids: dict[str, int]
) -> None:
    headers = _headers(api_token)
    team = team_ids[FIRST]
    url = f"/api/v1/teams/{team}/requests"
    before = len(client.get(url, headers=headers).get_json())
    draft = example_draft(load_instrument("eio"))
    draft["fields"]["C.1"] = "x" * 1_000_000
    response = client.post(
        url, json={"draft": draft, "issuing_state": "RO", "executing_state": "FR"}, headers=headers
    )
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["path"] == "fields.C.1"
    response = client.post(
        url,
        json={"draft": {"instrument": "nope"}, "issuing_state": "RO", "executing_state": "FR"},
        headers=headers,
    )
    assert response.status_code == 422
    assert "eio" in response.get_json()["choices"]
    response = client.post(url, json={"draft": "text"}, headers=headers)
    assert response.status_code == 422
    response = client.post(url, data="not json", headers=headers)
    assert response.status_code == 400
    assert len(client.get(url, headers=headers).get_json()) == before


def test_liaison_officer_reads_but_cannot_create(
    client: FlaskClient, api_token: Callable[[str], str], team_ids: dict[str, int]
) -> None:
    headers = _headers(api_token, "ro.liaison")
    team = team_ids[FIRST]
    assert client.get(f"/api/v1/teams/{team}/requests", headers=headers).status_code == 200
    draft = example_draft(load_instrument("eio"))
    response = client.post(
        f"/api/v1/teams/{team}/requests",
        json={"draft": draft, "issuing_state": "RO", "executing_state": "FR"},
        headers=headers,
    )
    assert response.status_code == 403


def test_receipt_through_the_api_starts_the_recognition_deadline(
    app: Flask, client: FlaskClient, api_token: Callable[[str], str], team_ids: dict[str, int]
) -> None:
    headers = _headers(api_token, "fr.prosecutor")
    team = team_ids[FIRST]
    draft = example_draft(load_instrument("eio"))
    draft["reference"] = "PARQUET-PARIS-INCOMING-1"
    created = client.post(
        f"/api/v1/teams/{team}/requests",
        json={
            "draft": draft,
            "direction": "incoming",
            "issuing_state": "RO",
            "executing_state": "FR",
        },
        headers=headers,
    ).get_json()
    received = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
    response = client.post(
        f"/api/v1/requests/{created['id']}/steps",
        json={"status": "received", "date": received},
        headers=headers,
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    from sqlmodel import select

    from jit.db import transaction
    from jit.deadlines.models import TrackedDeadline

    with transaction(app.extensions["jit.engine"]) as session:
        rules = session.exec(
            select(TrackedDeadline.rule).where(TrackedDeadline.source_id == str(created["id"]))
        ).all()
    assert sorted(rules) == ["eio.acknowledge", "eio.recognition"]
    assert demo_eio_id(app, team) != created["id"]
