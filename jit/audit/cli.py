"""`jit audit verify`: exit 0 when the chain is intact, 1 and the first bad entry otherwise."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.engine import Engine

from jit.audit import service
from jit.db import transaction
from jit.security.actor import SYSTEM
from jit.settings import Settings


@click.group("audit", cls=AppGroup)
def audit_group() -> None:
    """The hash-chained audit log."""


@audit_group.command("verify")
def verify() -> None:
    """Recompute every hash and MAC of the chain and report the first bad entry."""
    engine: Engine = current_app.extensions["jit.engine"]
    settings: Settings = current_app.extensions["jit.settings"]
    key = bytes.fromhex(settings.audit_key)
    with transaction(engine) as session:
        verdict = service.verify(session, key)
    if verdict.intact:
        # Only an intact chain gets the verification appended: never build on a broken one.
        with transaction(engine) as session:
            service.record(
                session,
                SYSTEM,
                "audit.verify",
                audit_key=key,
                details={"intact": True, "checked": verdict.checked},
            )
        click.echo(f"Audit chain intact: {verdict.checked} entries, head {verdict.head_hash[:16]}")
        return
    problem = verdict.problem
    assert problem is not None  # noqa: S101 - a broken verdict always names its problem
    click.echo(
        f"Audit chain BROKEN at entry {problem.seq}: {problem.kind} ({problem.detail}); "
        f"{verdict.checked} entries before it are intact.",
        err=True,
    )
    sys.exit(1)
