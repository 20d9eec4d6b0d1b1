"""JSON API of the requests concept under /api/v1 (bearer tokens only). Errors are RFC 9457
problem details; field problems carry their path, code and English message."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from jit.api.problems import problem
from jit.deadlines.errors import DeadlineError
from jit.documents.compose import TextTranslator
from jit.requests import service
from jit.requests.catalog import UnknownInstrument, UnknownLanguage
from jit.requests.errors import FieldError, InvalidDraft
from jit.requests.lifecycle import Status, StepRefused
from jit.requests.models import EvidenceRequest, RequestStep
from jit.web import context

bp = Blueprint("requests_api", __name__, url_prefix="/api/v1")


def _summary(req: EvidenceRequest) -> dict[str, Any]:
    return {
        "id": req.id,
        "team_id": req.team_id,
        "instrument": req.instrument,
        "reference": req.reference,
        "direction": str(req.direction),
        "issuing_state": req.issuing_state,
        "executing_state": req.executing_state,
        "source_language": req.source_language,
        "output_language": req.output_language,
        "status": str(req.status),
        "created_at": req.created_at.isoformat(),
        "updated_at": req.updated_at.isoformat(),
    }


def _step(row: RequestStep) -> dict[str, Any]:
    return {"status": str(row.status), "date": row.occurred_on.isoformat(), "note": row.note}


def _invalid(errors: tuple[FieldError, ...]) -> Response:
    return problem(
        422,
        "Invalid request",
        "Nothing was saved; each problem names its field.",
        errors=[
            {"path": e.path, "code": str(e.code), "message": e.message()} for e in errors[:200]
        ],
    )


@bp.errorhandler(service.RequestNotFound)
@bp.errorhandler(service.VersionNotFound)
def _not_found(_exc: Exception) -> Response:
    return problem(404, "Not Found", "No such request.")


@bp.route("/teams/<int:team_id>/requests", methods=["GET"])
def list_requests(team_id: int) -> Response:
    rows = service.list_requests(context.db(), context.actor(), team_id)
    return jsonify([_summary(r) for r in rows])


@bp.route("/requests/<int:request_id>", methods=["GET"])
def get_request(request_id: int) -> Response:
    req = service.get_request(context.db(), context.actor(), request_id)
    latest = service.latest_version(context.db(), req)
    body = _summary(req)
    body["version"] = latest.number
    body["versions"] = [
        {"number": v.number, "created_at": v.created_at.isoformat()}
        for v in service.versions(context.db(), req)
    ]
    body["steps"] = [_step(s) for s in service.steps(context.db(), req)]
    body["draft"] = service.draft_of(latest)
    return jsonify(body)


@bp.route("/teams/<int:team_id>/requests", methods=["POST"])
def create_request(team_id: int) -> Response | tuple[Response, int]:
    actor = context.actor()
    service.list_requests(context.db(), actor, team_id)  # 404 for another team before the body
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return problem(400, "Bad Request", "The body must be a JSON object with a 'draft'.")
    try:
        created = service.create_request(
            context.db(),
            actor,
            team_id,
            body.get("draft"),
            direction=str(body.get("direction", "outgoing")),
            issuing_state=str(body.get("issuing_state", "")),
            executing_state=str(body.get("executing_state", "")),
            output_language=_optional(body.get("output_language")),
            now=datetime.now(UTC),
            audit_key=context.audit_key(),
        )
    except UnknownInstrument as exc:
        return problem(422, "Unknown instrument", str(exc), choices=list(exc.choices))
    except service.InvalidRequest as exc:
        return _invalid(exc.errors)
    context.db().commit()
    return jsonify(_summary(created)), 201


def _optional(value: Any) -> str | None:
    return str(value) if isinstance(value, str) and value else None


@bp.route("/requests/<int:request_id>/steps", methods=["POST"])
def record_step(request_id: int) -> Response | tuple[Response, int]:
    actor = context.actor()
    req = service.get_request(context.db(), actor, request_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return problem(400, "Bad Request", "The body must be a JSON object.")
    try:
        chosen = Status(str(body.get("status", "")))
        on = date.fromisoformat(str(body.get("date", "")))
        raw = body.get("received_on")
        received_on = date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return problem(
            400,
            "Bad Request",
            "'status' must be one of "
            + ", ".join(s.value for s in Status)
            + "; 'date' and 'received_on' are YYYY-MM-DD.",
        )
    try:
        rows = service.record_step(
            context.db(),
            actor,
            req,
            chosen,
            on,
            received_on=received_on,
            note=str(body.get("note", "")),
            today=datetime.now(UTC).date(),
            now=datetime.now(UTC),
            audit_key=context.audit_key(),
        )
    except StepRefused as exc:
        return problem(
            409,
            "Step not allowed",
            str(exc),
            code=exc.code,
            current=str(exc.current),
            allowed=[str(s) for s in exc.allowed],
        )
    except service.InvalidRequest as exc:
        return _invalid(exc.errors)
    except DeadlineError as exc:
        return problem(422, "Deadline not computable", str(exc)[:300])
    context.db().commit()
    return jsonify({**_summary(req), "recorded": [_step(r) for r in rows]}), 201


@bp.route("/requests/<int:request_id>/document", methods=["GET"])
def document(request_id: int) -> Response:
    actor = context.actor()
    req = service.get_request(context.db(), actor, request_id)
    language = request.args.get("lang") or req.output_language
    bilingual = request.args.get("bilingual") or None
    translator: TextTranslator | None = current_app.extensions.get("jit.translator")
    try:
        rendered = service.render(
            context.db(),
            actor,
            req,
            language=language,
            bilingual=bilingual,
            version=request.args.get("version", type=int),
            docx=True,
            translator=translator,
            audit_key=context.audit_key(),
        )
    except UnknownLanguage as exc:
        return problem(400, "Unknown language", str(exc), choices=list(exc.choices))
    except service.SameLanguage:
        return problem(400, "Same language", "'bilingual' must differ from 'lang'.")
    except InvalidDraft as exc:
        return _invalid(exc.errors)
    context.db().commit()
    suffix = f"{language}-{bilingual}" if bilingual else language
    response = Response(
        rendered.docx or b"",
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{req.instrument}-{req.id}-v{rendered.version}-{suffix}.docx"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response
