"""Helpers shared by the tests of the requests wizard, lifecycle and API."""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import col, select

from jit.audit.models import AuditEntry
from jit.db import transaction
from jit.requests.models import EvidenceRequest
from tests.conftest import csrf_from

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"

#: The smallest complete EIO: every field that is required whatever else is ticked.
MINIMAL_EIO = {
    "A": {"f|A.1": "RO", "f|A.2": "FR"},
    "C": {"f|C.1": "Audierea a trei minori victime la Paris."},
    "F": {"f|F.t0": "F.cb1"},
    "G": {"f|G.1": "Rezumatul faptelor.", "f|G.2": "Motivele emiterii."},
    "K": {"f|K.t0": "K.cb1"},
}


def create_eio(client: FlaskClient, team_id: int, reference: str = "EIO-TEST-1") -> int:
    token = csrf_from(client, f"/teams/{team_id}/requests")
    response = client.post(
        f"/teams/{team_id}/requests",
        data={
            "csrf_token": token,
            "instrument": "eio",
            "reference": reference,
            "direction": "outgoing",
            "issuing_state": "RO",
            "executing_state": "FR",
            "source_language": "ro",
            "handling": "confidential",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    match = re.search(r"/requests/(\d+)/sections/A$", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def save_section(
    client: FlaskClient, team_id: int, request_id: int, section: str, data: dict[str, Any]
) -> Any:
    path = f"/teams/{team_id}/requests/{request_id}/sections/{section}"
    token = csrf_from(client, path)
    return client.post(path, data={"csrf_token": token, "after": "stay", **data})


def fill_minimal_eio(client: FlaskClient, team_id: int, request_id: int) -> None:
    for section, data in MINIMAL_EIO.items():
        response = save_section(client, team_id, request_id, section, data)
        assert response.status_code == 302, (section, response.get_data(as_text=True)[:2000])


def audit_entries(app: Flask, action: str) -> list[dict[str, Any]]:
    """The details of every audit entry of one action, oldest first."""
    with transaction(app.extensions["jit.engine"]) as session:
        rows = session.exec(
            select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.seq))
        ).all()
        return [
            json.loads(row.details) if isinstance(row.details, str) else dict(row.details)
            for row in rows
        ]


def request_row(app: Flask, request_id: int) -> EvidenceRequest:
    with transaction(app.extensions["jit.engine"]) as session:
        row = session.get(EvidenceRequest, request_id)
        assert row is not None
        return row


def demo_eio_id(app: Flask, team_id: int) -> int:
    with transaction(app.extensions["jit.engine"]) as session:
        row = session.exec(
            select(EvidenceRequest)
            .where(EvidenceRequest.team_id == team_id)
            .where(EvidenceRequest.instrument == "eio")
        ).first()
        assert row is not None
        assert row.id is not None
        return row.id
