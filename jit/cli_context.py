"""What every `jit` command on case data needs: the app's engine and settings, and the acting
user from --as USERNAME, resolved through the same policy as the web (DESIGN §5)."""

from __future__ import annotations

import sys

import click
from flask import current_app
from sqlalchemy.engine import Engine
from sqlmodel import Session

from jit.accounts import service as accounts
from jit.security.actor import Actor
from jit.settings import Settings

as_option = click.option(
    "--as",
    "as_user",
    required=True,
    metavar="USERNAME",
    help="Act as this user; their team roles decide what you see.",
)


def engine() -> Engine:
    value: Engine = current_app.extensions["jit.engine"]
    return value


def settings() -> Settings:
    value: Settings = current_app.extensions["jit.settings"]
    return value


def actor(session: Session, username: str) -> Actor:
    """The active user named by --as; exit code 2 with a message when there is none."""
    try:
        return accounts.actor_for_username(session, username)
    except accounts.UnknownUser:
        click.echo(f"Error: no active user {username!r}", err=True)
        sys.exit(2)
