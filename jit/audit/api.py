"""JSON endpoints of the audit concept (data protection officers only)."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.wrappers import Response

from jit.audit import service
from jit.security.policy import Action, require
from jit.web import context

bp = Blueprint("audit_api", __name__, url_prefix="/api/v1")


@bp.route("/audit/verify", methods=["POST"])
def verify() -> Response:
    actor = context.actor()
    require(actor, Action.AUDIT_VERIFY, None)
    verdict = service.verify(context.db(), context.audit_key())
    service.record(
        context.db(),
        actor,
        "audit.verify",
        audit_key=context.audit_key(),
        outcome="allowed" if verdict.intact else "alert",
        details={"intact": verdict.intact, "checked": verdict.checked},
    )
    context.db().commit()
    problem = verdict.problem
    return jsonify(
        {
            "intact": verdict.intact,
            "checked": verdict.checked,
            "head_seq": verdict.head_seq,
            "first_bad": None
            if problem is None
            else {"seq": problem.seq, "kind": problem.kind, "detail": problem.detail},
        }
    )
