"""Demo requests: the first JIT's EIO from Romania to France (the complete example draft),
transmitted and acknowledged so its deadlines appear, and a draft EAW in the second JIT.
Every case here is fictional. Idempotent: a request is found again by team and reference.

The first JIT's request is created first on purpose: the second JIT's request then gets the id
equal to the second team's id in a fresh database, so the access test (which fills every id in
the URL map with the second team's id) meets a real request of the other team and must get 404.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from jit.accounts.models import Team, User
from jit.requests import service
from jit.requests.catalog import load_instrument
from jit.requests.lifecycle import Status
from jit.requests.models import EvidenceRequest
from jit.requests.rules import example_draft
from jit.security.actor import SYSTEM
from jit.settings import Settings

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"
SECOND_REFERENCE = "DIICOT 88/D/P/2026 – MAE DE-01"


def load(
    session: Session,
    settings: Settings,
    today: date,
    teams: dict[str, Team],
    users: dict[str, User],
) -> None:
    key = bytes.fromhex(settings.audit_key)
    now = datetime.combine(today, time(9), tzinfo=UTC)
    first, second = teams.get(FIRST), teams.get(SECOND)
    if first is not None and first.id is not None and "ro.prosecutor" in users:
        _first_team_eio(session, first.id, users["ro.prosecutor"], today, now, key)
    if second is not None and second.id is not None and "ro.prosecutor2" in users:
        _second_team_eaw(session, second.id, users["ro.prosecutor2"], now, key)


def _exists(session: Session, team_id: int, reference: str) -> bool:
    found = session.exec(
        select(EvidenceRequest)
        .where(EvidenceRequest.team_id == team_id)
        .where(EvidenceRequest.reference == reference)
    ).first()
    return found is not None


def _first_team_eio(
    session: Session, team_id: int, author: User, today: date, now: datetime, key: bytes
) -> None:
    draft = example_draft(load_instrument("eio"))
    if _exists(session, team_id, str(draft["reference"])):
        return
    request = service.create_request(
        session,
        SYSTEM,
        team_id,
        draft,
        direction="outgoing",
        issuing_state="RO",
        executing_state="FR",
        now=now,
        audit_key=key,
        author_id=author.id,
    )
    # Issued and sent two weeks ago; Annex B came back stating receipt eight days ago, so the
    # recognition deadline (30 days, Art. 12(3)) is open and due in about three weeks.
    for status, days, received in (
        (Status.ISSUED, 14, None),
        (Status.TRANSMITTED, 12, None),
        (Status.ACKNOWLEDGED, 6, 8),
    ):
        service.record_step(
            session,
            SYSTEM,
            request,
            status,
            today - timedelta(days=days),
            received_on=today - timedelta(days=received) if received is not None else None,
            today=today,
            now=now,
            audit_key=key,
        )


def _second_team_eaw(
    session: Session, team_id: int, author: User, now: datetime, key: bytes
) -> None:
    if _exists(session, team_id, SECOND_REFERENCE):
        return
    draft = example_draft(load_instrument("eaw"))
    draft["reference"] = SECOND_REFERENCE
    service.create_request(
        session,
        SYSTEM,
        team_id,
        draft,
        direction="outgoing",
        issuing_state="RO",
        executing_state="DE",
        now=now,
        audit_key=key,
        author_id=author.id,
    )
