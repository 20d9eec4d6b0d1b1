"""Writers are serialised (data-protection.md T-A3): every SQLite transaction starts with
BEGIN IMMEDIATE, and on PostgreSQL an audit append takes the chain's advisory lock first.
A failed operation leaves no audit entry behind (A-07)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select

from jit.audit import service as audit
from jit.audit.models import AuditEntry
from jit.db import transaction
from jit.security.actor import SYSTEM


@contextmanager
def spied(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def spy(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", spy)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", spy)


def test_audit_appends_are_serialised(app: Flask) -> None:
    engine: Engine = app.extensions["jit.engine"]
    key = bytes.fromhex(app.extensions["jit.settings"].audit_key)
    with spied(engine) as statements, transaction(engine) as session:
        audit.record(session, SYSTEM, "test.serialised", audit_key=key)
    if engine.dialect.name == "sqlite":
        assert statements[0] == "BEGIN IMMEDIATE", statements
    else:
        assert "pg_advisory_xact_lock" in statements[0], statements


def _fail_after_append(engine: Engine, key: bytes) -> None:
    with transaction(engine) as session:
        audit.record(session, SYSTEM, "test.rolled-back", audit_key=key)
        raise RuntimeError("the business operation failed after the audit append")


def test_a_failed_operation_leaves_no_audit_entry(app: Flask) -> None:
    engine: Engine = app.extensions["jit.engine"]
    key = bytes.fromhex(app.extensions["jit.settings"].audit_key)
    with transaction(engine) as session:
        before = len(session.exec(select(AuditEntry)).all())
    with pytest.raises(RuntimeError, match="business operation failed"):
        _fail_after_append(engine, key)
    with transaction(engine) as session:
        assert len(session.exec(select(AuditEntry)).all()) == before
