"""The OpenAPI 3 document of /api/v1. A test checks it names every API route of the app."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.wrappers import Response

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")

_PROBLEM = {"$ref": "#/components/responses/Problem"}
_AUTH_ERRORS = {"401": _PROBLEM, "403": _PROBLEM, "404": _PROBLEM}
_TEAM_ID = {"name": "team_id", "in": "path", "required": True, "schema": {"type": "integer"}}


def _op(summary: str, responses: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"summary": summary, "responses": responses, **extra}


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
    "/api/v1/openapi.json": {
        "get": _op("This document", {"200": {"description": "OpenAPI 3 document"}, "401": _PROBLEM})
    },
}


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
