"""JSON endpoints of the accounts concept: tokens, the current user, teams."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify
from flask.wrappers import Response

from jit.accounts import service
from jit.accounts.models import Team
from jit.api import problems
from jit.api.bodies import BadBody, json_object
from jit.audit import service as audit
from jit.security import tokens
from jit.web import context

bp = Blueprint("accounts_api", __name__, url_prefix="/api/v1")


@bp.errorhandler(BadBody)
def _bad_body(exc: BadBody) -> Response:
    return problems.problem(400, "Invalid request body", exc.detail)


@bp.route("/auth/token", methods=["POST"])
def token() -> Response:
    body = json_object(required=("username", "password"))
    settings = context.settings()
    outcome = service.authenticate(context.db(), settings, body["username"], body["password"])
    if outcome.user is None or outcome.user.id is None:
        context.db().commit()  # keep the throttle counter and the audit entry
        if outcome.throttled:
            response = problems.problem(
                429, "Too many attempts", "The account is temporarily locked."
            )
            response.headers["Retry-After"] = str(outcome.retry_after)
            return response
        return problems.problem(401, "Invalid credentials")
    issued = tokens.issue(settings, outcome.user.id)
    context.db().commit()
    return jsonify(
        {"access_token": issued.token, "token_type": "Bearer", "expires_in": issued.expires_in}
    )


@bp.route("/auth/logout", methods=["POST"])
def logout() -> Response:
    """Revoke the presented token (its jti goes on the denylist)."""
    claims: dict[str, Any] | None = g.get("token_claims")
    if claims is None:
        return problems.problem(401, "Authentication required")
    tokens.revoke(context.db(), context.settings(), claims)
    audit.record(
        context.db(),
        context.actor(),
        "auth.logout",
        audit_key=context.audit_key(),
        object_type="token",
        object_id=str(claims["jti"])[:16],
    )
    context.db().commit()
    return Response(status=204)


@bp.route("/me", methods=["GET"])
def me() -> Response:
    actor = context.actor()
    return jsonify(
        {
            "username": actor.username,
            "organisation": actor.organisation,
            "country": actor.country,
            "language": actor.preferred_language,
            "teams": [
                {"id": team_id, "roles": sorted(str(r) for r in roles)}
                for team_id, roles in sorted(actor.roles.items())
            ],
        }
    )


def _team_json(team: Team) -> dict[str, Any]:
    return {
        "id": team.id,
        "reference": team.reference,
        "name": team.name,
        "parties": team.party_codes,
        "agreement_start": team.agreement_start.isoformat(),
        "agreement_end": team.agreement_end.isoformat(),
        "status": str(team.status),
    }


@bp.route("/teams", methods=["GET"])
def teams() -> Response:
    return jsonify([_team_json(t) for t in service.teams_for(context.db(), context.actor())])


@bp.route("/teams/<int:team_id>", methods=["GET"])
def team(team_id: int) -> Response:
    return jsonify(_team_json(service.get_team(context.db(), context.actor(), team_id)))


@bp.route("/teams/<int:team_id>/members", methods=["GET"])
def members(team_id: int) -> Response:
    rows = service.team_members(context.db(), context.actor(), team_id)
    return jsonify(
        [
            {
                "display_name": r.display_name,
                "organisation": r.organisation,
                "country": r.country,
                "role": str(r.role),
            }
            for r in rows
        ]
    )
