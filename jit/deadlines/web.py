"""Wiring of the deadlines concept into the app: blueprints, dashboard panel, navigation link.

Called once from `jit.app.create_app`. The API blueprint is CSRF-exempt like every API blueprint
(bearer tokens only, never the cookie); the feed endpoint is listed in `jit.web.gate.PUBLIC`.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from jit.deadlines import api, clock, dashboards, views
from jit.deadlines.access import scope_of
from jit.security.actor import Actor
from jit.web.panels import add_nav, add_panel


def _panel(session: Session, actor: Actor) -> dict[str, Any] | None:
    numbers = dashboards.counts(session, actor, now=clock.now())
    if numbers is None:
        return None
    overdue, due_soon = numbers
    unread = len(dashboards.unread_notifications(session, actor))
    return {"overdue": overdue, "due_soon": due_soon, "unread": unread}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.extensions["csrf"].exempt(api.bp)
    app.register_blueprint(api.bp)
    add_panel(app, "deadlines/panel.html", _panel)
    add_nav(app, "deadlines.dashboard", _l("Deadlines"), lambda actor: not scope_of(actor).empty)
