"""JSON endpoints of the deadlines concept (documented in jit/api/openapi.py PATHS)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, jsonify, request
from flask.wrappers import Response

from jit.api import problems
from jit.api.bodies import BadBody, json_object
from jit.deadlines import clock, dashboards, service
from jit.deadlines.errors import DeadlineError
from jit.deadlines.models import DeadlineStatus, TrackedDeadline
from jit.deadlines.status import effective_status
from jit.web import context

bp = Blueprint("deadlines_api", __name__, url_prefix="/api/v1")

STATUSES = tuple(str(status) for status in DeadlineStatus)


@bp.errorhandler(BadBody)
def _bad_body(exc: BadBody) -> Response:
    return problems.problem(400, "Invalid request body", exc.detail)


@bp.errorhandler(service.DeadlineNotFound)
def _not_found(_exc: service.DeadlineNotFound) -> Response:
    return problems.problem(404, "Not Found")


@bp.errorhandler(DeadlineError)
def _refused(exc: DeadlineError) -> Response:
    # English detail for scripts; the valid choices as data (issue 4 "Bad input"). A deadline
    # already met or extended is a conflict with its state, not a malformed request.
    status = 409 if isinstance(exc, service.DeadlineClosed) else 400
    return problems.problem(
        status, "Deadline refused", str(exc), error=type(exc).__name__, choices=list(exc.choices)
    )


def deadline_json(deadline: TrackedDeadline, now: datetime) -> dict[str, Any]:
    zone = ZoneInfo(deadline.timezone)
    return {
        "id": deadline.id,
        "team_id": deadline.team_id,
        "rule": deadline.rule,
        "title": deadline.title,
        "jurisdiction": deadline.jurisdiction,
        "subdivision": deadline.subdivision,
        "length": deadline.length,
        "method": deadline.method,
        "legal_source": deadline.legal_source,
        "verification": deadline.verification,
        "start": deadline.start.astimezone(zone).isoformat(),
        "due": deadline.due.astimezone(zone).isoformat(),
        "due_date": deadline.due_date.isoformat(),
        "timezone": deadline.timezone,
        "status": str(effective_status(deadline.status, deadline.due, now)),
        "owed_by": deadline.owed_by,
        "source": str(deadline.source),
        "source_type": deadline.source_type,
        "source_id": deadline.source_id,
        "extends_id": deadline.extends_id,
        "created_at": deadline.created_at.isoformat(),
        "met_at": deadline.met_at.isoformat() if deadline.met_at else None,
        "steps": service.steps_of(deadline),
    }


def _int(name: str, default: int | None = None) -> int | None:
    raw = request.args.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadBody(f"'{name}' must be an integer.") from None


@bp.route("/deadlines", methods=["GET"])
def list_deadlines() -> Response:
    status = request.args.get("status") or None
    if status is not None and status not in STATUSES:
        raise BadBody(f"'status' must be one of {', '.join(STATUSES)}.")
    owed = request.args.get("owed", "all")
    if owed not in dashboards.OWED_CHOICES:
        raise BadBody(f"'owed' must be one of {', '.join(dashboards.OWED_CHOICES)}.")
    filters = dashboards.Filters(
        team_id=_int("team_id"),
        country=(request.args.get("country") or "").upper()[:2] or None,
        owed=owed,
        mine=request.args.get("mine") in ("1", "true"),
        status=status,
    )
    limit = max(1, min(_int("limit", 200) or 200, 1000))
    now = clock.now()
    rows = dashboards.list_deadlines(
        context.db(), context.actor(), filters, now=now, limit=limit, offset=_int("offset", 0) or 0
    )
    return jsonify([deadline_json(row, now) for row in rows])


@bp.route("/deadlines/<int:deadline_id>", methods=["GET"])
def get_deadline(deadline_id: int) -> Response:
    deadline = service.get_deadline(context.db(), context.actor(), deadline_id)
    return jsonify(deadline_json(deadline, clock.now()))


@bp.route("/deadlines", methods=["POST"])
def create_deadline() -> tuple[Response, int]:
    body = json_object(required=("rule", "start", "jurisdiction"))
    team_id = body.get("team_id")
    if not isinstance(team_id, int) or isinstance(team_id, bool):
        raise BadBody("'team_id' must be an integer.")
    optional = {}
    for name in ("subdivision", "length", "owed_by", "title"):
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            raise BadBody(f"'{name}' must be a string.")
        optional[name] = value
    now = clock.now()
    created = service.create_deadline(
        context.db(),
        context.actor(),
        service.DeadlineInput(
            team_id=team_id,
            rule=body["rule"],
            start=body["start"],
            jurisdiction=body["jurisdiction"],
            subdivision=optional["subdivision"],
            length=optional["length"],
            owed_by=optional["owed_by"],
            title=optional["title"] or "",
        ),
        now=now,
        audit_key=context.audit_key(),
    )
    context.db().commit()
    return jsonify(deadline_json(created, now)), 201


@bp.route("/deadlines/<int:deadline_id>/met", methods=["POST"])
def mark_met(deadline_id: int) -> Response:
    now = clock.now()
    deadline = service.mark_met(
        context.db(), context.actor(), deadline_id, now=now, audit_key=context.audit_key()
    )
    context.db().commit()
    return jsonify(deadline_json(deadline, now))


@bp.route("/deadlines/<int:deadline_id>/extend", methods=["POST"])
def extend(deadline_id: int) -> tuple[Response, int]:
    now = clock.now()
    longer = service.extend(
        context.db(), context.actor(), deadline_id, now=now, audit_key=context.audit_key()
    )
    context.db().commit()
    return jsonify(deadline_json(longer, now)), 201
