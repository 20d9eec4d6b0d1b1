"""`jit demo load`: the demo JITs, users and password (printed)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.engine import Engine

from jit.db import transaction
from jit.demo import load as demo
from jit.settings import Settings


@click.group("demo", cls=AppGroup)
def demo_group() -> None:
    """Demonstration data (fictional)."""


@demo_group.command("load")
def load() -> None:
    """Create the two demo JITs and their users; print the logins."""
    engine: Engine = current_app.extensions["jit.engine"]
    settings: Settings = current_app.extensions["jit.settings"]
    with transaction(engine) as session:
        today = datetime.now(ZoneInfo(settings.default_timezone)).date()
        result = demo.load(session, settings, today=today)
    click.echo("Demo loaded. Logins (all share one password):")
    for username in result.usernames:
        click.echo(f"  {username}")
    source = (
        "generated; set JIT_DEMO_PASSWORD to choose it"
        if result.generated
        else "from JIT_DEMO_PASSWORD"
    )
    click.echo(f"Password: {result.password}   ({source})")
