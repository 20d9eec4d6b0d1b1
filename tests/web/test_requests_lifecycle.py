"""Lifecycle of a request through the web pages: allowed and refused steps, the receipt date
from Annex B, deadlines started on receipt (issue 3 point 5, issue 4 contract)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from jit.db import transaction
from jit.deadlines.models import TrackedDeadline
from jit.requests.lifecycle import Status
from tests.conftest import csrf_from
from tests.web.requests_helpers import (
    FIRST,
    audit_entries,
    create_eio,
    demo_eio_id,
    fill_minimal_eio,
    request_row,
)


def _step(client: FlaskClient, team: int, request_id: int, **data: str) -> object:
    path = f"/teams/{team}/requests/{request_id}"
    return client.post(f"{path}/steps", data={"csrf_token": csrf_from(client, path), **data})


def _deadlines(app: Flask, request_id: int) -> list[str]:
    with transaction(app.extensions["jit.engine"]) as session:
        rows = session.exec(
            select(TrackedDeadline)
            .where(TrackedDeadline.source_type == "request")
            .where(TrackedDeadline.source_id == str(request_id))
        ).all()
        return sorted(f"{row.rule}:{row.status}" for row in rows)


def test_outgoing_eio_from_draft_to_execution_starts_and_meets_deadlines(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    today = datetime.now(UTC).date()
    day = lambda n: (today - timedelta(days=n)).isoformat()  # noqa: E731
    # Issuing an incomplete form is refused, naming what is missing.
    response = _step(client, team, request_id, status="issued", date=day(10))
    assert response.status_code == 400
    assert "(C.1)" in response.get_data(as_text=True)
    fill_minimal_eio(client, team, request_id)
    assert _step(client, team, request_id, status="issued", date=day(10)).status_code == 302
    assert _step(client, team, request_id, status="transmitted", date=day(9)).status_code == 302
    # Outgoing: the receipt comes from Annex B; without its date, nothing is recorded.
    response = _step(client, team, request_id, status="acknowledged", date=day(5))
    assert response.status_code == 400
    assert "anexa B" in response.get_data(as_text=True)
    response = _step(
        client, team, request_id, status="acknowledged", date=day(5), received_on=day(7)
    )
    assert response.status_code == 302
    assert request_row(app, request_id).status is Status.ACKNOWLEDGED
    assert _deadlines(app, request_id) == ["eio.acknowledge:met", "eio.recognition:open"]
    assert _step(client, team, request_id, status="recognised", date=day(3)).status_code == 302
    assert _deadlines(app, request_id) == [
        "eio.acknowledge:met",
        "eio.execution:open",
        "eio.recognition:met",
    ]
    assert _step(client, team, request_id, status="executed", date=day(1)).status_code == 302
    assert "eio.execution:met" in _deadlines(app, request_id)
    steps = [e["steps"] for e in audit_entries(app, "requests.step")]
    assert ["received", "acknowledged"] in steps
    # Executed is final.
    response = _step(client, team, request_id, status="withdrawn", date=day(0))
    assert response.status_code == 400


def test_invalid_transitions_and_dates_are_refused_with_a_message(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("fr.prosecutor")  # French interface
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    fill_minimal_eio(client, team, request_id)
    today = datetime.now(UTC).date()
    response = _step(client, team, request_id, status="executed", date=today.isoformat())
    assert response.status_code == 400
    assert "ne peut pas passer" in response.get_data(as_text=True)
    future = (today + timedelta(days=3)).isoformat()
    response = _step(client, team, request_id, status="issued", date=future)
    assert response.status_code == 400
    assert "futur" in response.get_data(as_text=True)
    assert (
        _step(client, team, request_id, status="issued", date=today.isoformat()).status_code == 302
    )
    earlier = (today - timedelta(days=2)).isoformat()
    response = _step(client, team, request_id, status="transmitted", date=earlier)
    assert response.status_code == 400
    response = _step(client, team, request_id, status="nonsense", date=today.isoformat())
    assert response.status_code == 400
    assert request_row(app, request_id).status is Status.ISSUED
    # An issued request can no longer be edited.
    path = f"/teams/{team}/requests/{request_id}/sections/C"
    response = client.post(path, data={"csrf_token": csrf_from(client, path), "f|C.1": "x"})
    assert response.status_code == 302
    versions = [e["version"] for e in audit_entries(app, "requests.save")]
    assert (
        client.get(f"/teams/{team}/requests/{request_id}/versions/{max(versions) + 1}").status_code
        == 404
    )


def test_demo_eio_was_received_and_has_its_recognition_deadline(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    request_id = demo_eio_id(app, team_ids[FIRST])
    assert request_row(app, request_id).status is Status.ACKNOWLEDGED
    assert "eio.recognition:open" in _deadlines(app, request_id)
    client = login_as("ro.liaison")  # may follow, not edit
    page = client.get(f"/teams/{team_ids[FIRST]}/requests/{request_id}")
    assert page.status_code == 200
    assert "step-status" not in page.get_data(as_text=True)
    path = f"/teams/{team_ids[FIRST]}/requests/{request_id}"
    response = client.post(
        f"{path}/steps",
        data={"csrf_token": csrf_from(client, path), "status": "recognised", "date": "2026-01-01"},
    )
    assert response.status_code == 403
