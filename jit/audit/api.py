"""JSON endpoints of the audit concept (data protection officers only)."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.wrappers import Response

from jit.audit import service
from jit.web import context

bp = Blueprint("audit_api", __name__, url_prefix="/api/v1")


@bp.route("/audit/verify", methods=["POST"])
def verify() -> Response:
    actor = context.actor()
    verdict = service.verify_as(context.db(), actor, context.audit_key())
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
