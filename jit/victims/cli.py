"""`jit victims list|show --as USERNAME`: pseudonymised views under the same policy as the
web (404, exit code 4, for another team's records). No identity is ever printed here."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.engine import Engine
from sqlmodel import Session

from jit.accounts import service as accounts
from jit.accounts.cli import as_option
from jit.db import transaction
from jit.security.actor import Actor
from jit.security.policy import AccessDenied
from jit.settings import Settings
from jit.victims import service
from jit.victims.errors import VictimNotFound


def _engine() -> Engine:
    engine: Engine = current_app.extensions["jit.engine"]
    return engine


def _settings() -> Settings:
    settings: Settings = current_app.extensions["jit.settings"]
    return settings


@click.group("victims", cls=AppGroup)
def victims_group() -> None:
    """Victim records (pseudonyms only)."""


def _actor(session: Session, username: str) -> Actor:
    try:
        return accounts.actor_for_username(session, username)
    except accounts.UnknownUser:
        click.echo(f"Error: no active user {username!r}", err=True)
        sys.exit(2)


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
