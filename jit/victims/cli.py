"""`jit victims list|show --as USERNAME`: pseudonymised views under the same policy as the
web (404, exit code 4, for another team's records). No identity is ever printed here."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from jit.cli_context import actor as _actor
from jit.cli_context import as_option
from jit.cli_context import engine as _engine
from jit.cli_context import settings as _settings
from jit.db import transaction
from jit.security.policy import AccessDenied
from jit.victims import service
from jit.victims.errors import VictimNotFound


@click.group("victims", cls=AppGroup)
def victims_group() -> None:
    """Victim records (pseudonyms only)."""


@victims_group.command("list")
@as_option
def list_victims(as_user: str) -> None:
    """Pseudonyms of the victims in USERNAME's teams."""
    with transaction(_engine()) as session:
        actor = _actor(session, as_user)
        for victim in service.list_victims(session, actor):
            click.echo(f"{victim.id}\t{victim.pseudonym}\t{victim.team_id}")


@victims_group.command("show")
@click.argument("victim_id", type=int)
@as_option
@click.option("--json", "as_json", is_flag=True)
def show_victim(victim_id: int, as_user: str, as_json: bool) -> None:
    """One victim record, pseudonymised, if USERNAME may see it (404 otherwise)."""
    with transaction(_engine()) as session:
        actor = _actor(session, as_user)
        try:
            file = service.victim_file(
                session, _settings(), actor, victim_id, datetime.now(UTC).date()
            )
        except VictimNotFound:
            click.echo("Error 404: no such victim", err=True)
            sys.exit(4)
        except AccessDenied as exc:
            # Same answer as a missing record: another team's victims must look absent.
            click.echo(
                "Error 404: no such victim" if exc.hidden else "Error 403: not allowed", err=True
            )
            sys.exit(4 if exc.hidden else 3)
        body = {
            "id": file.victim.id,
            "pseudonym": file.victim.pseudonym,
            "team_id": file.victim.team_id,
            "age_band": str(file.band) if file.band else None,
            "statements": len(file.statements),
            "disclosures": len(file.disclosures),
        }
        if as_json:
            click.echo(json.dumps(body))
            return
        for key, value in body.items():
            click.echo(f"{key}: {value}")
