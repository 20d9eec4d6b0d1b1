"""The data protection officer's page: the audit log with filters, and chain verification."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from jit.audit import service
from jit.security.policy import Action, require, visible_team_ids
from jit.web import context

bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.route("/", methods=["GET"])
def log() -> str:
    actor = context.actor()
    require(actor, Action.AUDIT_READ, None)
    entries = service.list_entries(
        context.db(),
        team_ids=visible_team_ids(actor, Action.AUDIT_READ),
        action=request.args.get("action", "").strip()[:64],
        actor=request.args.get("actor", "").strip()[:64],
    )
    # Reading the log is itself an event (LED Art. 25: consultations are logged).
    service.record(
        context.db(),
        actor,
        "audit.read",
        audit_key=context.audit_key(),
        details={"entries": len(entries)},
    )
    context.db().commit()
    return render_template("audit/log.html", entries=entries, verdict=None)


@bp.route("/verify", methods=["POST"])
def verify() -> str:
    actor = context.actor()
    verdict = service.verify_as(context.db(), actor, context.audit_key())
    context.db().commit()
    entries = service.list_entries(
        context.db(), team_ids=visible_team_ids(actor, Action.AUDIT_READ)
    )
    return render_template("audit/log.html", entries=entries, verdict=verdict)
