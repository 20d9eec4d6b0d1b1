"""LibreTranslate-compatible endpoints at the app root: POST /translate, GET|POST /languages,
POST /detect.

Authentication: the portal's bearer token, or an API key (`jit apikeys create USERNAME`) sent as
`api_key` in the query string, a form body or a JSON body (jit.web.gate + web._resolve_api_key);
never the browser cookie, hence CSRF-exempt. Errors are `{"error": "..."}` with 400 (bad input,
unsupported pair, too long), 403 (no or invalid credentials, role) and 429 (rate limit), as in
LibreTranslate. Every translation and detection is audited (who, pair, models, characters,
never the text).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request
from flask.wrappers import Response

from jit.security.policy import AccessDenied, Action, require
from jit.translation import detect as detection
from jit.translation import service
from jit.translation.engine import TranslationUnavailable
from jit.translation.pipeline import TextTooLong
from jit.translation.web import current_glossary
from jit.web import context

bp = Blueprint("translation_api", __name__)

KEY_ENDPOINTS = (
    "translation_api.translate",
    "translation_api.languages",
    "translation_api.detect",
)

LANGUAGE_NAMES = {
    "en": "English",
    "ro": "Romanian",
    "fr": "French",
    "de": "German",
    "it": "Italian",
}


class RateLimiter:
    """Sliding one-minute window per user, in process memory (one portal process)."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, who: str) -> bool:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(who, deque())
            while hits and now - hits[0] > self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True


def _limiter() -> RateLimiter:
    ext = current_app.extensions
    if "jit.translation.limiter" not in ext:
        limit = context.settings().translation_rate_limit
        ext["jit.translation.limiter"] = RateLimiter(limit)
    limiter: RateLimiter = ext["jit.translation.limiter"]
    return limiter


def _error(status: int, message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def _params() -> dict[str, Any]:
    """Query string, then form, then JSON body (LibreTranslate reads JSON or form)."""
    values: dict[str, Any] = dict(request.args.items())
    values.update(request.form.items())
    if request.mimetype == "application/json":
        body = request.get_json(silent=True)
        if isinstance(body, dict):
            values.update(body)
    values.pop("api_key", None)
    return values


@bp.before_request
def _checks() -> Response | None:
    actor = context.actor()
    try:
        require(actor, Action.TRANSLATION_USE, None)
    except AccessDenied:
        return _error(403, "Your account may not use translation (no team role).")
    if not _limiter().allow(str(actor.user_id)):
        return _error(429, "Too many requests: slow down and try again in a minute.")
    return None


def _translator() -> Any:
    return current_app.extensions.get("jit.translator")


def _pairs() -> list[Any]:
    translator = _translator()
    return list(translator.languages()) if translator is not None else []


def _name(code: str, given: str) -> str:
    return given or LANGUAGE_NAMES.get(code, code)


@bp.route("/languages", methods=["GET", "POST"])
def languages() -> Response:
    names: dict[str, str] = {}
    targets: dict[str, set[str]] = {}
    for pair in _pairs():
        names.setdefault(pair.source, _name(pair.source, pair.source_name))
        names.setdefault(pair.target, _name(pair.target, pair.target_name))
        targets.setdefault(pair.source, set()).add(pair.target)
        targets.setdefault(pair.target, set())
    api_key_id = g.get("api_key_id")
    if api_key_id is not None:
        from jit.audit import service as audit

        audit.record(
            context.db(),
            context.actor(),
            "translation.languages",
            audit_key=context.audit_key(),
            object_type="translation_api_key",
            object_id=api_key_id,
            details={"api_key": api_key_id},
        )
        context.db().commit()
    return jsonify(
        [
            {"code": code, "name": names[code], "targets": sorted(targets[code])}
            for code in sorted(names)
        ]
    )


def _texts(value: Any) -> tuple[list[str], bool] | None:
    if isinstance(value, str):
        return [value], False
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value), True
    return None


@bp.route("/detect", methods=["POST"])
def detect() -> Response:
    params = _params()
    parsed = _texts(params.get("q"))
    if parsed is None:
        return _error(400, "Invalid request: missing q parameter")
    texts, _batch = parsed
    joined = "\n".join(texts)
    if len(joined) > service.WEB_MAX_CHARS:
        return _error(400, f"Invalid request: text exceeds the limit of {service.WEB_MAX_CHARS}")
    found = detection.detect(joined)
    from jit.audit import service as audit

    audit.record(
        context.db(),
        context.actor(),
        "translation.detect",
        audit_key=context.audit_key(),
        object_type="translation",
        details={
            "chars": len(joined),
            "language": found[0].language if found else "",
            "api_key": g.get("api_key_id"),
        },
    )
    context.db().commit()
    return jsonify([{"confidence": d.confidence, "language": d.language} for d in found])


@bp.route("/translate", methods=["POST"])
def translate() -> Response:
    params = _params()
    parsed = _texts(params.get("q"))
    if parsed is None:
        return _error(400, "Invalid request: missing q parameter")
    texts, batch = parsed
    source = str(params.get("source") or "")
    target = str(params.get("target") or "")
    fmt = str(params.get("format") or "text")
    if not source:
        return _error(400, "Invalid request: missing source parameter")
    if not target:
        return _error(400, "Invalid request: missing target parameter")
    if fmt not in ("text", "html"):
        return _error(400, f"Invalid request: format must be text or html, not {fmt[:20]!r}")
    translator = _translator()
    if translator is None:
        return _error(400, "No translation model is installed on this portal.")
    detected: list[dict[str, Any]] = []
    sources = [source] * len(texts)
    if source == "auto":
        sources = []
        for text in texts:
            best = detection.best(text)
            code = best.language if best is not None else "en"
            sources.append(code)
            detected.append({"confidence": best.confidence if best else 0.0, "language": code})
    outputs: list[str] = [""] * len(texts)
    try:
        for src in dict.fromkeys(sources):
            indices = [i for i, s in enumerate(sources) if s == src]
            done = service.translate_many(
                context.db(),
                context.actor(),
                translator,
                current_glossary(context.db()),
                [texts[i] for i in indices],
                source=src,
                target=target,
                audit_key=context.audit_key(),
                channel="api",
                html=fmt == "html",
                api_key_id=g.get("api_key_id"),
            )
            for i, text in zip(indices, done, strict=True):
                outputs[i] = text
    except TranslationUnavailable as exc:
        pairs = ", ".join(f"{p.source}→{p.target}" for p in exc.available) or "none installed"
        return _error(400, f"{exc.source}→{exc.target} is not supported; available pairs: {pairs}")
    except TextTooLong as exc:
        return _error(
            400,
            f"Invalid request: request ({exc.length}) exceeds text limit ({exc.limit})",
        )
    context.db().commit()
    body: dict[str, Any] = {"translatedText": outputs if batch else outputs[0]}
    if detected:
        body["detectedLanguage"] = detected if batch else detected[0]
    return jsonify(body)
