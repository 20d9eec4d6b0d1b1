"""`jit db init`: apply every migration (idempotent) and log it as the system."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.engine import Engine

from jit import database
from jit.audit import service as audit
from jit.db import transaction
from jit.security.actor import SYSTEM
from jit.settings import Settings


@click.group("db", cls=AppGroup)
def db_group() -> None:
    """Database schema."""


@db_group.command("init")
def init() -> None:
    """Create or upgrade the database to the newest schema (safe to run again)."""
    engine: Engine = current_app.extensions["jit.engine"]
    settings: Settings = current_app.extensions["jit.settings"]
    database.upgrade(engine)
    with transaction(engine) as session:
        audit.record(session, SYSTEM, "db.init", audit_key=bytes.fromhex(settings.audit_key))
    click.echo(f"Database ready: {engine.url.render_as_string(hide_password=True)}")
