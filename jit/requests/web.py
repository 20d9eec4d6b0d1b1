"""Wiring of the requests concept into the app: dashboard panel, navigation link and the
template helper of the team page. Called once from `jit.app.create_app`."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from jit.security.actor import Actor
from jit.security.policy import Action, may, visible_team_ids
from jit.web.panels import add_nav, add_panel

#: Rows of the dashboard panel; the full list is one click away.
PANEL_ROWS = 8


def _sees_requests(actor: Actor) -> bool:
    return bool(visible_team_ids(actor, Action.REQUEST_VIEW))


def _panel(session: Session, actor: Actor) -> dict[str, Any] | None:
    from jit.requests import service
    from jit.requests.steps import STATUS_LABELS

    if not _sees_requests(actor):
        return None
    rows = service.open_requests(session, actor, limit=PANEL_ROWS + 1)
    return {"rows": rows[:PANEL_ROWS], "more": len(rows) > PANEL_ROWS, "labels": STATUS_LABELS}


def init_app(app: Flask) -> None:
    add_panel(app, "requests/panel.html", _panel)
    add_nav(app, "requests.mine", _l("Requests"), _sees_requests)

    @app.template_global()
    def can_view_requests(team_id: int) -> bool:
        from jit.web.context import g_actor

        actor = g_actor()
        return actor is not None and may(actor, Action.REQUEST_VIEW, team_id)
