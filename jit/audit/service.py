"""Audit use cases: append an entry inside the caller's transaction, read, verify.

There is no update or delete here, by design: the log is append-only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, or_, text
from sqlmodel import Session, col, select

from jit.accounts.models import Membership
from jit.audit import rules
from jit.audit.models import AuditEntry
from jit.security.actor import Actor
from jit.security.policy import Action, require

# Any constant works; it names the one audit chain of the database for pg_advisory_xact_lock.
_PG_CHAIN_LOCK = 7_240_001
_MAX_DETAIL_TEXT = 200


class AuditDetailsRejected(ValueError):
    """Details must be short identifiers and counts, never free text with personal data."""


def _check_details(details: Mapping[str, Any]) -> None:
    for key, value in details.items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, str) and len(item) > _MAX_DETAIL_TEXT:
                raise AuditDetailsRejected(f"detail {key!r} is too long for an audit entry")
            if not isinstance(item, str | int | bool) and item is not None:
                raise AuditDetailsRejected(f"detail {key!r} has unsupported type")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _lock_chain(session: Session) -> None:
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        # Serialise appenders; SELECT ... FOR UPDATE on the tail would not (it locks nothing on
        # an empty table, and not the next insert: data-protection.md §3.3).
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_CHAIN_LOCK})
    # SQLite: the transaction began with BEGIN IMMEDIATE (jit.db), which already holds the lock.


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    audit_key: bytes,
    object_type: str = "",
    object_id: str | int = "",
    team_id: int | None = None,
    outcome: str = "allowed",
    justification: str = "",
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction: it commits or rolls back with the action."""
    details = dict(details or {})
    _check_details(details)
    _lock_chain(session)
    last = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)).first()
    prev_hash = last.entry_hash if last else rules.GENESIS_HASH
    header: dict[str, Any] = {
        "seq": (last.seq + 1) if last else 1,
        "ts": _now(),
        "actor_id": actor.user_id,
        "actor": actor.username,
        "organisation": actor.organisation,
        "country": actor.country,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "team_id": team_id,
        "outcome": outcome,
        "justification": justification,
        "details": rules.canonical(details).decode("utf-8"),
    }
    digest = rules.entry_hash(prev_hash, header)
    entry = AuditEntry(
        **header, prev_hash=prev_hash, entry_hash=digest, mac=rules.entry_mac(audit_key, digest)
    )
    session.add(entry)
    session.flush()
    return entry


def iter_rows(session: Session, batch: int = 2000) -> Iterator[dict[str, Any]]:
    """All entries in seq order, in batches, as plain dicts of the stored values."""
    last_seq = 0
    while True:
        chunk = session.exec(
            select(AuditEntry)
            .where(col(AuditEntry.seq) > last_seq)
            .order_by(col(AuditEntry.seq))
            .limit(batch)
        ).all()
        if not chunk:
            return
        for entry in chunk:
            yield entry.model_dump()
        last_seq = chunk[-1].seq


def verify(session: Session, audit_key: bytes) -> rules.Verdict:
    return rules.verify_chain(iter_rows(session), audit_key)


def verify_as(session: Session, actor: Actor, audit_key: bytes) -> rules.Verdict:
    """Verification requested by a person: allowed to data protection officers, and itself
    logged (a broken chain as an alert entry)."""
    require(actor, Action.AUDIT_VERIFY, None)
    verdict = verify(session, audit_key)
    record(
        session,
        actor,
        "audit.verify",
        audit_key=audit_key,
        outcome="allowed" if verdict.intact else "alert",
        details={"intact": verdict.intact, "checked": verdict.checked},
    )
    return verdict


def list_entries(
    session: Session,
    *,
    team_ids: frozenset[int] | None,
    action: str = "",
    actor: str = "",
    limit: int = 200,
) -> list[AuditEntry]:
    """Newest first: entries about the given teams, and entries without a team (sign-ins,
    language changes) by members of those teams. `team_ids=None` means all (system use only)."""
    query = select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(limit)
    if team_ids is not None:
        members = select(Membership.user_id).where(col(Membership.team_id).in_(sorted(team_ids)))
        query = query.where(
            or_(
                col(AuditEntry.team_id).in_(sorted(team_ids)),
                and_(col(AuditEntry.team_id).is_(None), col(AuditEntry.actor_id).in_(members)),
            )
        )
    if action:
        query = query.where(col(AuditEntry.action).startswith(action))
    if actor:
        query = query.where(AuditEntry.actor == actor.casefold())
    return list(session.exec(query).all())


def details_of(entry: AuditEntry) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(entry.details)
    return loaded
