"""JSON endpoints of the victims concept: pseudonyms and the disclosure register only.

There is no identity endpoint: revealing an identity needs a browser re-authentication and a
written justification (ASVS 7.5.3), which a bearer token cannot give.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, jsonify
from flask.wrappers import Response

from jit.api import problems
from jit.victims import disclosure as register
from jit.victims import service
from jit.victims.errors import VictimNotFound
from jit.victims.models import Disclosure
from jit.web import context

bp = Blueprint("victims_api", __name__, url_prefix="/api/v1")


@bp.errorhandler(VictimNotFound)
def _not_found(_exc: VictimNotFound) -> Response:
    return problems.problem(404, "Not Found", "No such victim record.")


@bp.route("/victims", methods=["GET"])
def victims() -> Response:
    rows = service.list_victims(context.db(), context.actor())
    return jsonify([{"id": v.id, "pseudonym": v.pseudonym, "team_id": v.team_id} for v in rows])


@bp.route("/victims/<int:victim_id>", methods=["GET"])
def victim(victim_id: int) -> Response:
    file = service.victim_file(
        context.db(), context.settings(), context.actor(), victim_id, datetime.now(UTC).date()
    )
    context.db().commit()  # the consultation entry
    body: dict[str, Any] = {
        "id": file.victim.id,
        "pseudonym": file.victim.pseudonym,
        "team_id": file.victim.team_id,
    }
    if file.full and file.band is not None:
        body.update(
            {
                "origin_state": file.victim.origin_state,
                "regime": str(file.victim.regime),
                "subject_category": str(file.victim.subject_category),
                "age_uncertain": file.victim.age_uncertain,
                "age_band": str(file.band),
                "statements": [
                    {"id": s.id, "format": s.format, "language": s.language}
                    for s in file.statements
                ],
            }
        )
    return jsonify(body)


def _disclosure_json(d: Disclosure) -> dict[str, Any]:
    return {
        "id": d.id,
        "statement_id": d.statement_id,
        "disclosed_at": d.disclosed_at.isoformat(),
        "recipient_category": d.recipient_category,
        "recipient_organisation": d.recipient_organisation,
        "recipient_country": d.recipient_country,
        "purpose": d.purpose,
        "legal_basis": d.legal_basis,
        "data_categories": list(register.categories_of(d)),
        "handling_code": d.handling_code,
        "retention_until": d.retention_until.isoformat(),
        "redaction_profile": d.redaction_profile,
        "sha256": d.sha256,
    }


@bp.route("/victims/<int:victim_id>/disclosures", methods=["GET"])
def disclosures(victim_id: int) -> Response:
    rows = register.disclosures_of_victim(context.db(), context.actor(), victim_id)
    return jsonify([_disclosure_json(d) for d in rows])
