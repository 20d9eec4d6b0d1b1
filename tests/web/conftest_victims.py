"""Helpers for the victims web tests (imported explicitly; tests/conftest.py is shared)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from jit.audit.models import AuditEntry
from jit.db import transaction
from jit.victims.models import Statement, Victim
from tests.conftest import DEMO_PASSWORD, csrf_from

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"
# Values of the demo's fictional identities: none may appear where it should not.
CANARIES = (
    "Alexandra-Ioana",
    "DUMITRU",
    "6130927220009",
    "Lalelelor",
    "Marius Constantin",
    "Mărică",
    "Bianca-Maria",
    "POPESCU",
    "712 345 678",
    "marius.stan.2011",
)


def victim_by_name_order(app: Flask) -> dict[str, Victim]:
    """The demo victims by role: child (guardian is a suspect), uncertain age, second team."""
    with transaction(app.extensions["jit.engine"]) as session:
        rows = session.exec(select(Victim).order_by(Victim.id)).all()  # type: ignore[arg-type]
    return {"child": rows[0], "second": rows[1], "uncertain": rows[2]}


def statement_of(app: Flask, victim_id: int) -> Statement:
    with transaction(app.extensions["jit.engine"]) as session:
        found = session.exec(select(Statement).where(Statement.victim_id == victim_id)).first()
    assert found is not None
    return found


def audit_actions(app: Flask) -> list[AuditEntry]:
    with transaction(app.extensions["jit.engine"]) as session:
        return list(session.exec(select(AuditEntry).order_by(AuditEntry.seq)).all())  # type: ignore[arg-type]


def post(client: FlaskClient, path: str, data: dict[str, Any], page: str) -> Any:
    token = csrf_from(client, page)
    return client.post(path, data={**data, "csrf_token": token})


def reveal(client: FlaskClient, victim_id: int, **data: str) -> Any:
    return post(client, f"/victims/{victim_id}/reveal", data, f"/victims/{victim_id}")


def disclosure_form(**overrides: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "recipient_category": "ngo",
        "recipient_organisation_id": "",
        "recipient_organisation": "",
        "recipient_country": "",
        "recipient_person": "Case worker on duty",
        "purpose": "Psychological support and safe accommodation",
        "legal_basis": "victim_assistance",
        "data_categories": ["pseudonym", "redacted_statement"],
        "consent_id": "",
        "override_reason": "Assistance to a child victim without a valid guardian's consent",
        "justification": "The NGO provides the court-ordered support to this child",
        "handling_code": "H2",
        "retention_until": "2099-01-01",
    }
    form.update(overrides)
    return form


def ngo_organisation_id(app: Flask) -> int:
    from jit.accounts.models import Organisation

    with transaction(app.extensions["jit.engine"]) as session:
        org = session.exec(
            select(Organisation).where(Organisation.name.startswith("Asociația Drum Sigur"))  # type: ignore[attr-defined]
        ).one()
    return org.id or 0


def docx_bytes(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


__all__ = ["DEMO_PASSWORD"]


def fresh_login(app: Flask, username: str) -> FlaskClient:
    """A second browser: a new client signed in as ``username``."""
    from tests.conftest import login

    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def in_english(client: FlaskClient) -> FlaskClient:
    """The demo users work in Romanian; assertions on messages use the English source."""
    response = post(client, "/profile", {"language": "en"}, "/profile")
    assert response.status_code == 302
    return client
