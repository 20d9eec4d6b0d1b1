"""Victim records: pseudonyms, sealed identities, consent, reasoned reveal, the disclosure
register and the review of redacted statements (issue 6)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from jit.security.actor import Actor
from jit.security.policy import Action, visible_team_ids
from jit.web.panels import add_nav


def _sees_victims(actor: Actor) -> bool:
    return bool(visible_team_ids(actor, Action.VICTIM_LIST))


def init_app(app: Flask) -> None:
    add_nav(app, "victims.index", _l("Victims"), _sees_victims)
