"""Wiring of the translation concept into the app: the engine, the glossary, blueprints, the
API-key authentication of the LibreTranslate-compatible endpoints, the nav link and the profile
helper. Called once from `jit.app.create_app`.

The engine goes to ``app.extensions["jit.translator"]`` (the requests wizard reads it there):
``settings.translation_backend`` "argos" gives a lazy argos adapter over ``settings.models_dir``,
"fake" the deterministic stand-in for tests. argostranslate is imported only when a model is
installed or a translation is asked for with models on disk, never at start-up: it reads its
settings once per process, so importing it early would pin them for every later app.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask import Flask, g, jsonify, request
from flask.wrappers import Response
from flask_babel import lazy_gettext as _l

from jit.security.actor import Actor
from jit.security.policy import Action, may
from jit.settings import Settings
from jit.translation.engine import (
    EngineMisconfigured,
    LanguagePair,
    ModelInfo,
    ModelNotInstalled,
    Route,
    TranslationUnavailable,
)
from jit.translation.glossary import Glossary, load_starter
from jit.translation.glossary_store import GlossaryStore

log = logging.getLogger(__name__)

TRANSLATOR = "jit.translator"
GLOSSARY = "jit.glossary"


def argos_settings(settings: Settings) -> Any:
    """Where argos keeps its files under ``models_dir`` (a copy of a connected machine's
    ``~/.local/share/argos-translate/`` goes to ``<models_dir>/data/argos-translate/``)."""
    from jit.translation.argos import ArgosSettings

    root = settings.resolve_path(settings.models_dir)
    splitter = settings.translation_sentence_splitter
    return ArgosSettings(
        packages_dir=root / "data" / "argos-translate" / "packages",
        data_dir=root / "data",
        config_dir=root / "config",
        cache_dir=root / "cache",
        beam_size=settings.translation_beam_size,
        sentence_splitter="rules" if splitter == "rules" else "minisbd",
    )


class LazyArgos:
    """The argos adapter, created on first real use (see the module docstring).

    With no package on disk it answers "no model" without importing argostranslate.
    """

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self._engine: Any = None
        self._lock = threading.Lock()

    def _has_models(self) -> bool:
        packages: Path = self.settings.packages_dir
        return packages.is_dir() and any(
            p.is_dir() and not p.name.startswith(".") for p in packages.iterdir()
        )

    def engine(self) -> Any:
        with self._lock:
            if self._engine is None:
                from jit.translation.argos import ArgosTranslator

                self._engine = ArgosTranslator(self.settings)
            return self._engine

    def _serving(self, source: str, target: str) -> Any:
        if self._engine is None and not self._has_models():
            raise TranslationUnavailable(source, target, [])
        try:
            return self.engine()
        except EngineMisconfigured:
            # Only in a process that already configured argos elsewhere (a test run).
            log.exception("argostranslate is configured for another models directory")
            raise TranslationUnavailable(source, target, []) from None

    # Translator Protocol
    def languages(self) -> list[LanguagePair]:
        if self._engine is None and not self._has_models():
            return []
        result: list[LanguagePair] = self._serving("", "").languages()
        return result

    def route(self, *, source: str, target: str) -> Route:
        result: Route = self._serving(source, target).route(source=source, target=target)
        return result

    def translate(self, text: str, *, source: str, target: str) -> str:
        return str(self._serving(source, target).translate(text, source=source, target=target))

    def translate_batch(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        engine = self._serving(source, target)
        return list(engine.translate_batch(texts, source=source, target=target))

    # model management
    def installed_models(self) -> list[ModelInfo]:
        if self._engine is None and not self._has_models():
            return []
        return list(self.engine().installed_models())

    def install(self, path: Path, *, replace: bool = False) -> ModelInfo:
        info: ModelInfo = self.engine().install(path, replace=replace)
        return info

    def remove(self, code: str) -> ModelInfo:
        if self._engine is None and not self._has_models():
            raise ModelNotInstalled(code, [])
        info: ModelInfo = self.engine().remove(code)
        return info


def make_translator(settings: Settings) -> Any:
    backend = settings.translation_backend
    if backend == "fake":
        from jit.translation.fake import FakeTranslator

        return FakeTranslator()
    if backend == "argos":
        return LazyArgos(argos_settings(settings))
    if backend in ("", "none"):
        return None
    raise ValueError(f"JIT_TRANSLATION_BACKEND must be argos or fake, not {backend!r}")


def current_glossary(session: Any) -> Glossary:
    """The glossary the pipeline uses now (the database table)."""
    from flask import current_app

    store: GlossaryStore = current_app.extensions[GLOSSARY]
    return store.current(session)


def _uses_translation(actor: Actor) -> bool:
    return may(actor, Action.TRANSLATION_USE, None)


def _deny_lt() -> Response:
    # LibreTranslate answers a missing or invalid key with 403 {"error": ...}.
    reason = g.get("token_error") or "Invalid API key"
    response = jsonify({"error": f"{reason}. Send api_key, or a bearer token."})
    response.status_code = 403
    return response


def _resolve_api_key() -> Actor | None:
    from jit.translation import service
    from jit.web import context

    key = request.args.get("api_key")
    if not key and request.mimetype == "application/json":
        body = request.get_json(silent=True)
        if isinstance(body, dict) and isinstance(body.get("api_key"), str):
            key = body["api_key"]
    if not key:
        key = request.form.get("api_key")
    if not key:
        return None
    found = service.actor_for_api_key(context.db(), key)
    if found is None:
        return None
    g.api_key_id = found[1]
    context.db().commit()  # last_used_at
    return found[0]


def init_app(app: Flask) -> None:
    from jit.jobs import views as job_views
    from jit.translation import api, views
    from jit.web import gate
    from jit.web.panels import add_nav

    settings: Settings = app.extensions["jit.settings"]
    app.extensions[TRANSLATOR] = make_translator(settings)
    # The glossary lives in the database (editable); the store starts with the starter terms
    # (the migration's seed) and follows the table from the first translation on.
    app.extensions[GLOSSARY] = GlossaryStore(Glossary(load_starter()))
    app.register_blueprint(views.bp)
    app.register_blueprint(job_views.bp)
    # Token-authenticated (bearer or api_key, never the browser cookie): no CSRF surface.
    app.extensions["csrf"].exempt(api.bp)
    app.register_blueprint(api.bp)
    for endpoint in api.KEY_ENDPOINTS:
        gate.register_key_auth(app, endpoint, _resolve_api_key, _deny_lt)
    add_nav(app, "translation.page", _l("Translate"), _uses_translation)

    @app.template_global()
    def translation_api_keys() -> list[Any]:
        from jit.translation import service
        from jit.web import context

        actor = context.g_actor()
        return service.api_keys_of(context.db(), actor) if actor is not None else []
