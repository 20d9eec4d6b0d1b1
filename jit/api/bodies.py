"""Reading JSON request bodies strictly: anything malformed is a 400 problem, never a 500."""

from __future__ import annotations

from typing import Any

from flask import request


class BadBody(ValueError):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def json_object(required: tuple[str, ...] = (), max_length: int = 1024) -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadBody("The body must be a JSON object.")
    for name in required:
        value = body.get(name)
        if not isinstance(value, str) or not value:
            raise BadBody(f"'{name}' must be a non-empty string.")
        if len(value) > max_length:
            raise BadBody(f"'{name}' is too long.")
    return body
