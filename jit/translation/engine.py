"""The translation engine contract: Translator Protocol, value types and exceptions.

Pure: no Flask, no database, no argostranslate, no I/O. Adapters (argos.py, fake.py) implement
the Protocol; the pipeline and the web layer depend only on this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One installed translation model (an argos package, or the fake's stand-in)."""

    code: str  # "en_ro": the handle used by `jit models remove CODE`
    source: str
    target: str
    source_name: str
    target_name: str
    version: str
    name: str  # package directory name, e.g. "translate-en_ro-1_9"

    @property
    def label(self) -> str:
        """Model name and version, as recorded in provenance and in the audit log."""
        return f"{self.name} {self.version}".strip()


@dataclass(frozen=True, slots=True)
class LanguagePair:
    """A translatable pair; `pivot` names the intermediate language(s) when not direct."""

    source: str
    target: str
    source_name: str = ""
    target_name: str = ""
    pivot: tuple[str, ...] = ()

    @property
    def is_direct(self) -> bool:
        return not self.pivot


@dataclass(frozen=True, slots=True)
class Route:
    """How a pair is translated: the models applied in order (two or more means pivoting)."""

    source: str
    target: str
    models: tuple[ModelInfo, ...]

    @property
    def pivot(self) -> tuple[str, ...]:
        """Intermediate languages, e.g. ("en",) for FR→EN→RO; empty for a direct model."""
        return tuple(m.target for m in self.models[:-1])

    @property
    def model_labels(self) -> tuple[str, ...]:
        return tuple(m.label for m in self.models)


@runtime_checkable
class Translator(Protocol):
    """What the portal needs from a machine-translation engine.

    Implementations raise TranslationUnavailable for a pair they cannot serve, never return an
    error string (STYLE B12/B18). An empty text translates to an empty text.
    """

    def languages(self) -> list[LanguagePair]: ...

    def route(self, *, source: str, target: str) -> Route: ...

    def translate(self, text: str, *, source: str, target: str) -> str: ...

    def translate_batch(self, texts: Sequence[str], *, source: str, target: str) -> list[str]: ...


class TranslationError(Exception):
    """Base class of the engine's errors."""


class TranslationUnavailable(TranslationError):
    """No installed model (direct or through a pivot) serves this language pair."""

    def __init__(self, source: str, target: str, available: Sequence[LanguagePair]) -> None:
        self.source = source
        self.target = target
        self.available: tuple[LanguagePair, ...] = tuple(available)
        pairs = ", ".join(f"{p.source}→{p.target}" for p in self.available) or "none"
        super().__init__(f"no model for {source}→{target}; available pairs: {pairs}")


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a model package was refused; `reason` is a stable code for UI messages and tests."""

    reason: str
    detail: str = ""
    members: tuple[str, ...] = field(default_factory=tuple)


class ModelPackageRejected(TranslationError):
    """A `.argosmodel` file failed validation or could not be installed; nothing was changed."""

    def __init__(self, reason: str, detail: str = "", members: Sequence[str] = ()) -> None:
        self.rejection = Rejection(reason, detail, tuple(members))
        self.reason = reason
        self.detail = detail
        super().__init__(f"model package rejected ({reason}): {detail}" if detail else reason)


class ModelNotInstalled(TranslationError):
    """`remove` was asked for a model code that is not installed."""

    def __init__(self, code: str, installed: Sequence[str]) -> None:
        self.code = code
        self.installed = tuple(installed)
        super().__init__(
            f"model {code!r} is not installed; installed: {', '.join(installed) or 'none'}"
        )


class ModelStoreCorrupt(TranslationError):
    """The packages directory holds something argos cannot read (e.g. a folder without metadata).

    argostranslate treats every sub-directory as a package and fails on the first stray one,
    which would break every translation; we report the path instead.
    """

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        super().__init__(f"model store is corrupt at {path}: {detail}")


class EngineMisconfigured(TranslationError):
    """argostranslate was already imported with other settings (they are read once, at import)."""
