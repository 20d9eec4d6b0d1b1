"""The OpenAPI 3 document of /api/v1. A test checks it names every API route of the app."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.wrappers import Response

from jit.translation.openapi_paths import PATHS as TRANSLATION_PATHS

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")

_PROBLEM = {"$ref": "#/components/responses/Problem"}
_AUTH_ERRORS = {"401": _PROBLEM, "403": _PROBLEM, "404": _PROBLEM}
_TEAM_ID = {"name": "team_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_VICTIM_ID = {"name": "victim_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_REQUEST_ID = {"name": "request_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_INVALID = {"description": "Field problems: errors[] with path, code and message; nothing saved"}


def _op(summary: str, responses: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"summary": summary, "responses": responses, **extra}


# Deadlines (issue 4): schemas used by the /api/v1/deadlines paths below.
_DEADLINE_ID = {
    "name": "deadline_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer"},
}
_DEADLINE = {
    "type": "object",
    "properties": {
        **{
            name: {"type": "string"}
            for name in (
                "rule",
                "title",
                "jurisdiction",
                "length",
                "method",
                "legal_source",
                "verification",
                "timezone",
                "owed_by",
                "source",
                "source_type",
                "source_id",
            )
        },
        "id": {"type": "integer"},
        "team_id": {"type": "integer"},
        "subdivision": {"type": "string", "nullable": True},
        "start": {"type": "string", "format": "date-time"},
        "due": {
            "type": "string",
            "format": "date-time",
            "description": "last instant, jurisdiction's offset",
        },
        "due_date": {"type": "string", "format": "date"},
        "status": {"type": "string", "enum": ["open", "met", "missed", "extended"]},
        "extends_id": {"type": "integer", "nullable": True},
        "created_at": {"type": "string", "format": "date-time"},
        "met_at": {"type": "string", "format": "date-time", "nullable": True},
        "steps": {"type": "array", "items": {"type": "string"}},
    },
}
_DEADLINE_INPUT = {
    "type": "object",
    "required": ["team_id", "rule", "start", "jurisdiction"],
    "properties": {
        "team_id": {"type": "integer"},
        "rule": {"type": "string", "description": "a rule id of `jit deadlines rules`"},
        "start": {"type": "string", "description": "YYYY-MM-DD or a datetime (offset optional)"},
        "jurisdiction": {"type": "string"},
        "subdivision": {"type": "string"},
        "length": {"type": "string", "description": "national rule only: 10d, 72h, 2w, 3m"},
        "owed_by": {"type": "string", "description": "party that must act; default jurisdiction"},
        "title": {"type": "string", "description": "no names: shown in calendar feeds"},
    },
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _list(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": schema}


def _query(name: str, kind: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": {"type": kind},
        "description": description,
    }


PATHS: dict[str, dict[str, Any]] = {
    "/api/v1/auth/token": {
        "post": _op(
            "Exchange a username and password for a short-lived bearer token",
            {
                "200": {
                    "description": "Token issued",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Token"}}
                    },
                },
                "400": _PROBLEM,
                "401": _PROBLEM,
                "429": _PROBLEM,
            },
            security=[],
            requestBody={
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["username", "password"],
                            "properties": {
                                "username": {"type": "string"},
                                "password": {"type": "string"},
                            },
                        }
                    }
                },
            },
        )
    },
    "/api/v1/auth/logout": {
        "post": _op(
            "Revoke the presented token", {"204": {"description": "Revoked"}, "401": _PROBLEM}
        )
    },
    "/api/v1/me": {
        "get": _op(
            "The authenticated user and their team roles",
            {"200": {"description": "The user"}, "401": _PROBLEM},
        )
    },
    "/api/v1/teams": {
        "get": _op(
            "The JITs the user belongs to",
            {
                "200": {
                    "description": "Teams",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Team"},
                            }
                        }
                    },
                },
                "401": _PROBLEM,
            },
        )
    },
    "/api/v1/teams/{team_id}": {
        "get": _op(
            "One JIT",
            {
                "200": {
                    "description": "Team",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Team"}}
                    },
                },
                **_AUTH_ERRORS,
            },
            parameters=[_TEAM_ID],
        )
    },
    "/api/v1/teams/{team_id}/members": {
        "get": _op(
            "Members of a JIT with their roles",
            {"200": {"description": "Members"}, **_AUTH_ERRORS},
            parameters=[_TEAM_ID],
        )
    },
    "/api/v1/audit/verify": {
        "post": _op(
            "Verify the audit chain (data protection officers)",
            {"200": {"description": "Verdict"}, **_AUTH_ERRORS},
        )
    },
    # Victims (issue 6): pseudonyms and the disclosure register only; identities are never
    # served to bearer tokens (a reveal needs a browser re-authentication and a justification).
    "/api/v1/victims": {
        "get": _op(
            "Victims of the user's teams, by pseudonym only",
            {"200": {"description": "Pseudonyms with record and team ids"}, "401": _PROBLEM},
        )
    },
    "/api/v1/victims/{victim_id}": {
        "get": _op(
            "One victim record, pseudonymised (NGO users get the pseudonym only); logged",
            {"200": {"description": "Pseudonymised record"}, **_AUTH_ERRORS},
            parameters=[_VICTIM_ID],
        )
    },
    "/api/v1/victims/{victim_id}/disclosures": {
        "get": _op(
            "Disclosures of a victim's data (NGO users: only those made to their organisation)",
            {"200": {"description": "Disclosure register entries"}, **_AUTH_ERRORS},
            parameters=[_VICTIM_ID],
        )
    },
    # Deadlines (issue 4). Errors of the engine are 400 problems with the valid "choices".
    "/api/v1/deadlines": {
        "get": _op(
            "Deadlines of the user's JITs, soonest first (status is computed: open/met/missed/"
            "extended)",
            {
                "200": {"description": "Deadlines", "content": _json(_list(_DEADLINE))},
                "400": _PROBLEM,
                **_AUTH_ERRORS,
            },
            parameters=[
                _query("team_id", "integer", "Only this JIT"),
                _query("country", "string", "Only deadlines owed by this party (ISO code)"),
                _query("owed", "string", "all | us (the user's country) | others"),
                _query("status", "string", "open | met | missed | extended"),
                _query("mine", "boolean", "Only deadlines the user follows"),
                _query("limit", "integer", "At most this many (1-1000, default 200)"),
                _query("offset", "integer", "Skip this many"),
            ],
        ),
        "post": _op(
            "Start a deadline: computed by the engine, stored with its explanation steps",
            {
                "201": {"description": "Created", "content": _json(_DEADLINE)},
                "400": _PROBLEM,
                **_AUTH_ERRORS,
            },
            requestBody={"required": True, "content": _json(_DEADLINE_INPUT)},
        ),
    },
    "/api/v1/deadlines/{deadline_id}": {
        "get": _op(
            "One deadline with every explanation step",
            {"200": {"description": "Deadline", "content": _json(_DEADLINE)}, **_AUTH_ERRORS},
            parameters=[_DEADLINE_ID],
        )
    },
    "/api/v1/deadlines/{deadline_id}/met": {
        "post": _op(
            "Mark an open deadline as met (now)",
            {
                "200": {"description": "Deadline", "content": _json(_DEADLINE)},
                "409": _PROBLEM,
                **_AUTH_ERRORS,
            },
            parameters=[_DEADLINE_ID],
        )
    },
    "/api/v1/deadlines/{deadline_id}/extend": {
        "post": _op(
            "Replace an open deadline by its catalogued extension (EIO Art. 12(5), EAW Art. 17(4))",
            {
                "201": {"description": "The extension", "content": _json(_DEADLINE)},
                "400": _PROBLEM,
                "409": _PROBLEM,
                **_AUTH_ERRORS,
            },
            parameters=[_DEADLINE_ID],
        )
    },
    # Requests (issue 3): evidence and warrant requests of a JIT (not for NGO coordinators).
    "/api/v1/teams/{team_id}/requests": {
        "get": _op(
            "Requests of a JIT, most recently changed first",
            {"200": {"description": "Request summaries"}, **_AUTH_ERRORS},
            parameters=[_TEAM_ID],
        ),
        "post": _op(
            "Create a request from a draft (validated; required fields may still be missing)",
            {
                "201": {"description": "The created request (version 1)"},
                "400": _PROBLEM,
                "422": _INVALID,
                **_AUTH_ERRORS,
            },
            parameters=[_TEAM_ID],
            requestBody={
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["draft", "issuing_state", "executing_state"],
                            "properties": {
                                "draft": {
                                    "type": "object",
                                    "description": "See `jit requests schema INSTRUMENT`",
                                },
                                "direction": {"enum": ["outgoing", "incoming"]},
                                "issuing_state": {"type": "string", "pattern": "^[A-Z]{2}$"},
                                "executing_state": {"type": "string", "pattern": "^[A-Z]{2}$"},
                                "output_language": {
                                    "type": "string",
                                    "description": "Default: the executing State's language",
                                },
                            },
                        }
                    }
                },
            },
        ),
    },
    "/api/v1/requests/{request_id}": {
        "get": _op(
            "One request: status, steps, versions and the latest draft",
            {"200": {"description": "The request"}, **_AUTH_ERRORS},
            parameters=[_REQUEST_ID],
        )
    },
    "/api/v1/requests/{request_id}/steps": {
        "post": _op(
            "Record a lifecycle step; emits the deadline events of the step",
            {
                "201": {"description": "Steps recorded (receipt + acknowledgement for Annex B)"},
                "400": _PROBLEM,
                "409": _PROBLEM,
                "422": _INVALID,
                **_AUTH_ERRORS,
            },
            parameters=[_REQUEST_ID],
            requestBody={
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["status", "date"],
                            "properties": {
                                "status": {
                                    "enum": [
                                        "issued",
                                        "transmitted",
                                        "received",
                                        "acknowledged",
                                        "recognised",
                                        "executed",
                                        "refused",
                                        "withdrawn",
                                    ]
                                },
                                "date": {"type": "string", "format": "date"},
                                "received_on": {
                                    "type": "string",
                                    "format": "date",
                                    "description": "Outgoing: date of receipt from Annex B",
                                },
                                "note": {"type": "string", "maxLength": 500},
                            },
                        }
                    }
                },
            },
        )
    },
    "/api/v1/requests/{request_id}/document": {
        "get": _op(
            "The request as DOCX, monolingual or bilingual; logged",
            {
                "200": {
                    "description": "DOCX file",
                    "content": {_DOCX: {}},
                },
                "400": _PROBLEM,
                "422": _INVALID,
                **_AUTH_ERRORS,
            },
            parameters=[
                _REQUEST_ID,
                {"name": "lang", "in": "query", "schema": {"type": "string"}},
                {"name": "bilingual", "in": "query", "schema": {"type": "string"}},
                {"name": "version", "in": "query", "schema": {"type": "integer"}},
            ],
        )
    },
    "/api/v1/openapi.json": {
        "get": _op("This document", {"200": {"description": "OpenAPI 3 document"}, "401": _PROBLEM})
    },
}

# The LibreTranslate-compatible endpoints at the app root (issue 5), in the same document.
PATHS.update(TRANSLATION_PATHS)


def document() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "SafeBorders JIT Toolkit API", "version": "1"},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": PATHS,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
            "responses": {
                "Problem": {
                    "description": "RFC 9457 problem details",
                    "content": {
                        "application/problem+json": {
                            "schema": {
                                "type": "object",
                                "required": ["title", "status"],
                                "properties": {
                                    "type": {"type": "string"},
                                    "title": {"type": "string"},
                                    "status": {"type": "integer"},
                                    "detail": {"type": "string"},
                                },
                            }
                        }
                    },
                }
            },
            "schemas": {
                "Token": {
                    "type": "object",
                    "required": ["access_token", "token_type", "expires_in"],
                    "properties": {
                        "access_token": {"type": "string"},
                        "token_type": {"type": "string", "enum": ["Bearer"]},
                        "expires_in": {"type": "integer"},
                    },
                },
                "Team": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "reference": {"type": "string"},
                        "name": {"type": "string"},
                        "parties": {"type": "array", "items": {"type": "string"}},
                        "agreement_start": {"type": "string", "format": "date"},
                        "agreement_end": {"type": "string", "format": "date"},
                        "status": {"type": "string"},
                    },
                },
            },
        },
    }


@bp.route("/openapi.json", methods=["GET"])
def openapi() -> Response:
    return jsonify(document())
