"""OpenAPI description of the LibreTranslate-compatible endpoints (merged into /api/v1's
document by jit.api.openapi). Pure data."""

from __future__ import annotations

from typing import Any

_ERROR = {
    "description": '{"error": "..."}',
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"error": {"type": "string"}}}
        }
    },
}
_ERRORS = {
    "400": {**_ERROR, "description": "Bad input, unsupported pair or text over the limit"},
    "403": {**_ERROR, "description": "No or invalid bearer token / api_key"},
    "429": {**_ERROR, "description": "Too many requests"},
}
_KEY = {
    "name": "api_key",
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "API key (`jit apikeys create USERNAME`); also accepted in a form or JSON "
    "body. Alternative to the bearer token.",
}
_TEXTS = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
_BODY = {
    "required": True,
    "content": {
        media: {
            "schema": {
                "type": "object",
                "required": ["q", "source", "target"],
                "properties": {
                    "q": _TEXTS,
                    "source": {"type": "string", "description": "language code or auto"},
                    "target": {"type": "string"},
                    "format": {"type": "string", "enum": ["text", "html"]},
                    "api_key": {"type": "string"},
                },
            }
        }
        for media in ("application/json", "application/x-www-form-urlencoded")
    },
}


def _ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_LANGUAGES = {
    "summary": "Languages and their targets (pivots through English included)",
    "tags": ["translation"],
    "parameters": [_KEY],
    "responses": {
        "200": _ok(
            "[{code, name, targets}]",
            {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "name": {"type": "string"},
                        "targets": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        ),
        **_ERRORS,
    },
}

PATHS: dict[str, dict[str, Any]] = {
    "/translate": {
        "post": {
            "summary": "Translate text (LibreTranslate-compatible; audited without the text)",
            "tags": ["translation"],
            "parameters": [_KEY],
            "requestBody": _BODY,
            "responses": {
                "200": _ok(
                    "translatedText: a string, or a list for a list q",
                    {"type": "object", "properties": {"translatedText": _TEXTS}},
                ),
                **_ERRORS,
            },
        }
    },
    "/languages": {"get": _LANGUAGES, "post": _LANGUAGES},
    "/detect": {
        "post": {
            "summary": "Detect the language offline (en, ro, fr, de, it; a heuristic)",
            "tags": ["translation"],
            "parameters": [_KEY],
            "responses": {
                "200": _ok(
                    "[{confidence, language}], best first",
                    {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "confidence": {"type": "number"},
                                "language": {"type": "string"},
                            },
                        },
                    },
                ),
                **_ERRORS,
            },
        }
    },
}
