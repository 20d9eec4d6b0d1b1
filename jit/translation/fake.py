"""Deterministic stand-in Translator for unit tests and development without models.

Pure: stdlib only; no argostranslate, no Flask. Never selected in production (the integrator picks
it only when settings.translation_backend == "fake").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from jit.translation.engine import LanguagePair, ModelInfo, Route, TranslationUnavailable

DEFAULT_PAIRS: tuple[tuple[str, str], ...] = (
    ("en", "ro"),
    ("fr", "en"),
    ("en", "fr"),
    ("ro", "en"),
)


def _tag(text: str, source: str, target: str) -> str:
    return f"[{source}->{target}] {text}"


@dataclass
class FakeTranslator:
    """Translates by tagging, or with a given per-sentence function; pivots through English.

    `calls` records every (text, source, target) reaching the "model", so tests can assert
    that memory hits and empty segments were not sent.
    """

    pairs: Sequence[tuple[str, str]] = DEFAULT_PAIRS
    transform: Callable[[str, str, str], str] = _tag
    calls: list[tuple[str, str, str]] = field(default_factory=list)

    def _model(self, source: str, target: str) -> ModelInfo:
        return ModelInfo(
            f"{source}_{target}", source, target, source, target, "0", f"fake-{source}_{target}"
        )

    def route(self, *, source: str, target: str) -> Route:
        direct = set(self.pairs)
        if source != target and (source, target) in direct:
            return Route(source, target, (self._model(source, target),))
        if source != target and (source, "en") in direct and ("en", target) in direct:
            return Route(source, target, (self._model(source, "en"), self._model("en", target)))
        raise TranslationUnavailable(source, target, self.languages())

    def languages(self) -> list[LanguagePair]:
        out = [LanguagePair(s, t) for s, t in self.pairs]
        direct = set(self.pairs)
        for s, _ in self.pairs:
            for _, t in self.pairs:
                if s != t and (s, t) not in direct and (s, "en") in direct and ("en", t) in direct:
                    out.append(LanguagePair(s, t, pivot=("en",)))
        return sorted(set(out), key=lambda p: (p.source, p.target))

    def translate(self, text: str, *, source: str, target: str) -> str:
        route = self.route(source=source, target=target)
        if not text.strip():
            return ""
        for model in route.models:
            self.calls.append((text, model.source, model.target))
            text = self.transform(text, model.source, model.target)
        return text

    def translate_batch(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        return [self.translate(t, source=source, target=target) for t in texts]
