"""Per-request state: the database session, the settings and the acting user."""

from __future__ import annotations

from typing import Any

from flask import current_app, g
from sqlalchemy.engine import Engine
from sqlmodel import Session

from jit.security.actor import Actor
from jit.settings import Settings


def settings() -> Settings:
    value: Settings = current_app.extensions["jit.settings"]
    return value


def engine() -> Engine:
    value: Engine = current_app.extensions["jit.engine"]
    return value


def db() -> Session:
    """The request's unit of work. Views commit explicitly; anything uncommitted is rolled back
    before the response leaves (nothing half-written when a request fails)."""
    if "db" not in g:
        g.db = Session(engine(), expire_on_commit=False)
    session: Session = g.db
    return session


def close_db(_exc: Any = None) -> None:
    session: Session | None = g.pop("db", None)
    if session is not None:
        session.rollback()
        session.close()


def actor() -> Actor:
    """The authenticated actor; deny-by-default guarantees it exists in protected views."""
    value: Actor | None = g.get("actor")
    if value is None:
        raise RuntimeError("no authenticated actor in a protected view")
    return value


def g_actor() -> Actor | None:
    value: Actor | None = g.get("actor")
    return value


def audit_key() -> bytes:
    return bytes.fromhex(settings().audit_key)
