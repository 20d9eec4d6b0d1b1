"""Account commands. `teams` reads case data and so needs --as USERNAME (same policy as the web)."""

from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup

from jit.accounts import service
from jit.cli_context import actor as _actor
from jit.cli_context import as_option
from jit.cli_context import engine as _engine
from jit.cli_context import settings as _settings
from jit.db import transaction
from jit.security.actor import SYSTEM
from jit.security.policy import AccessDenied


@click.group("teams", cls=AppGroup)
def teams_group() -> None:
    """Joint Investigation Teams."""


@teams_group.command("list")
@as_option
def list_teams(as_user: str) -> None:
    """The teams USERNAME belongs to."""
    with transaction(_engine()) as session:
        actor = _actor(session, as_user)
        for team in service.teams_for(session, actor):
            click.echo(f"{team.id}\t{team.reference}\t{team.name}")


@teams_group.command("show")
@click.argument("team_id", type=int)
@as_option
@click.option("--json", "as_json", is_flag=True)
def show_team(team_id: int, as_user: str, as_json: bool) -> None:
    """One team and its members, if USERNAME may see it (404 otherwise)."""
    with transaction(_engine()) as session:
        actor = _actor(session, as_user)
        try:
            team = service.get_team(session, actor, team_id)
            members = service.team_members(session, actor, team_id)
        except AccessDenied as exc:
            click.echo(
                "Error 404: no such team" if exc.hidden else "Error 403: not allowed", err=True
            )
            sys.exit(4 if exc.hidden else 3)
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "id": team.id,
                        "reference": team.reference,
                        "name": team.name,
                        "members": [{"name": m.display_name, "role": str(m.role)} for m in members],
                    }
                )
            )
            return
        click.echo(f"{team.reference}  {team.name}  ({', '.join(team.party_codes)})")
        for member in members:
            click.echo(f"  {member.country}  {member.display_name}  {member.role}")


@click.group("users", cls=AppGroup)
def users_group() -> None:
    """User accounts (administrative, logged as the system)."""


@users_group.command("deactivate")
@click.argument("username")
def deactivate(username: str) -> None:
    """Disable an account: its sessions end and its tokens stop working at once."""
    with transaction(_engine()) as session:
        try:
            service.deactivate(session, _settings(), SYSTEM, username)
        except service.UnknownUser:
            click.echo(f"Error: no user {username!r}", err=True)
            sys.exit(2)
    click.echo(f"Deactivated {username}")
