"""Dashboard panels and navigation links contributed by the concept packages.

Each concept calls `add_panel` / `add_nav` from its `init_app`, so the dashboard shows what
exists and nothing that does not (honest empty states).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from sqlmodel import Session

from jit.security.actor import Actor

PanelContext = Callable[[Session, Actor], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    template: str
    context: PanelContext  # returns None when the panel does not apply to this actor


@dataclass(frozen=True)
class NavLink:
    endpoint: str
    label: Any  # a lazy gettext string
    visible: Callable[[Actor], bool]


def add_panel(app: Flask, template: str, context: PanelContext) -> None:
    app.extensions.setdefault("jit.panels", []).append(Panel(template, context))


def add_nav(
    app: Flask, endpoint: str, label: Any, visible: Callable[[Actor], bool] = lambda _actor: True
) -> None:
    app.extensions.setdefault("jit.nav", []).append(NavLink(endpoint, label, visible))


def panels_for(app: Flask, session: Session, actor: Actor) -> list[tuple[str, dict[str, Any]]]:
    rendered = []
    for panel in app.extensions.get("jit.panels", []):
        context = panel.context(session, actor)
        if context is not None:
            rendered.append((panel.template, context))
    return rendered


def nav_for(app: Flask, actor: Actor) -> list[NavLink]:
    return [link for link in app.extensions.get("jit.nav", []) if link.visible(actor)]
