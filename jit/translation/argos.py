"""argos-translate adapter: the ONLY module that imports argostranslate (ruff banned-api).

Must not import Flask or the database. It configures argostranslate from explicit arguments before
the first import (argos reads its settings once, into module globals), stubs `stanza` (lean
install without torch), pins sentence splitting to an offline splitter, and never calls any argos
function that downloads (index update, package download, spaCy/Stanza/MiniSBD fetches).
See docs/decisions/translation-sentence-splitting.md.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import sys
import tempfile
import threading
import types
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from jit.translation.engine import (
    EngineMisconfigured,
    LanguagePair,
    ModelInfo,
    ModelNotInstalled,
    ModelPackageRejected,
    ModelStoreCorrupt,
    Route,
    TranslationUnavailable,
)
from jit.translation.package_check import CheckedPackage, Limits, check_package
from jit.translation.segmenting import split_sentences

log = logging.getLogger(__name__)

# argostranslate hard-codes these in translate.apply_packaged_translation; the batch path must
# use the same values or its output would differ from argos's own.
ARGOS_LENGTH_PENALTY = 0.2
_COPY_CHUNK = 1024 * 1024
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class ArgosSettings:
    """Where argos keeps its files and how it decodes; mapped onto ARGOS_* / XDG_* variables."""

    packages_dir: Path
    data_dir: Path  # XDG_DATA_HOME: argos data (index.json) and MiniSBD models under minisbd/
    config_dir: Path  # XDG_CONFIG_HOME: a settings.json here is overridden by our variables
    cache_dir: Path  # XDG_CACHE_HOME
    beam_size: int = 4
    # "minisbd": argos's MiniSBD when its ONNX model is on disk, else the rule splitter;
    # "rules": always the rule splitter. Neither ever downloads.
    sentence_splitter: Literal["minisbd", "rules"] = "minisbd"
    device: Literal["cpu", "cuda"] = "cpu"
    inter_threads: int = 1
    intra_threads: int = 0
    batch_size: int = 32

    def environment(self) -> dict[str, str]:
        return {
            "ARGOS_PACKAGES_DIR": str(self.packages_dir),
            "XDG_DATA_HOME": str(self.data_dir),
            "XDG_CONFIG_HOME": str(self.config_dir),
            "XDG_CACHE_HOME": str(self.cache_dir),
            # MINISBD never selects Stanza (needs torch, always goes online) nor spaCy (argos
            # runs `spacy download` at import in SPACY mode). Missing ONNX models are handled
            # by _offline_sentencizers() below, before any split happens.
            "ARGOS_CHUNK_TYPE": "MINISBD",
            "ARGOS_BEAM_SIZE": str(self.beam_size),
            "ARGOS_DEVICE_TYPE": self.device,
            "ARGOS_INTER_THREADS": str(self.inter_threads),
            "ARGOS_INTRA_THREADS": str(self.intra_threads),
            "ARGOS_BATCH_SIZE": str(self.batch_size),
            # A settings.json could switch to the remote LibreTranslate/OpenAI providers.
            "ARGOS_MODEL_PROVIDER": "OPENNMT",
            "ARGOS_DEBUG": "0",
            "ARGOS_DEV_MODE": "0",
        }


_configured: ArgosSettings | None = None
_config_lock = threading.Lock()
# argos keeps per-pair translation objects (with a mutable paragraph cache) in module globals,
# so every ArgosTranslator in the process shares one lock.
_argos_lock = threading.RLock()


def _argos() -> types.SimpleNamespace:
    """The argostranslate modules, imported after configure()."""
    return types.SimpleNamespace(
        settings=sys.modules["argostranslate.settings"],
        package=sys.modules["argostranslate.package"],
        translate=sys.modules["argostranslate.translate"],
        sbd=sys.modules["argostranslate.sbd"],
    )


def configure(settings: ArgosSettings) -> None:
    """Import argostranslate with `settings`; idempotent for equal settings, refuses others.

    The variables are set only for the duration of the import and then restored, so the
    process environment is left as it was (argos reads them once, at import).
    """
    global _configured
    with _config_lock:
        if _configured is not None:
            if _configured != settings:
                raise EngineMisconfigured(
                    "argostranslate is already configured with other settings in this process"
                )
            return
        if "argostranslate.settings" in sys.modules:
            raise EngineMisconfigured("argostranslate was imported before jit.translation.argos")
        for d in (
            settings.packages_dir,
            settings.data_dir,
            settings.config_dir,
            settings.cache_dir,
        ):
            d.mkdir(parents=True, exist_ok=True)
        # argostranslate.sbd imports stanza at module level; the lean install has no stanza (it
        # pulls torch) and we never use it, so an empty module satisfies the import.
        sys.modules.setdefault("stanza", types.ModuleType("stanza"))
        env = settings.environment()
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            for name in ("settings", "package", "sbd", "translate"):
                importlib.import_module(f"argostranslate.{name}")
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        a = _argos()
        if Path(a.settings.package_data_dir) != settings.packages_dir:
            raise EngineMisconfigured("argos did not take the packages directory")
        _configured = settings


def _model_info(pkg: Any) -> ModelInfo:
    return ModelInfo(
        code=f"{pkg.from_code}_{pkg.to_code}",
        source=str(pkg.from_code),
        target=str(pkg.to_code),
        source_name=str(pkg.from_name or ""),
        target_name=str(pkg.to_name or ""),
        version=str(pkg.package_version or ""),
        name=Path(pkg.package_path).name,
    )


class ArgosTranslator:
    """Translator backed by installed argos packages (direct or pivoted through English)."""

    def __init__(self, settings: ArgosSettings, limits: Limits = DEFAULT_LIMITS) -> None:
        configure(settings)
        self.settings = settings
        self.limits = limits
        self._lock = _argos_lock
        self._rules_sentencizer_cls = _make_rules_sentencizer()

    # --- models ----------------------------------------------------------------------------

    def _packages(self) -> list[Any]:
        try:
            return list(_argos().package.get_installed_packages())
        except FileNotFoundError as exc:
            # argos treats every sub-directory as a package and fails on the first stray one.
            raise ModelStoreCorrupt(str(self.settings.packages_dir), str(exc)) from exc

    def installed_models(self) -> list[ModelInfo]:
        return sorted((_model_info(p) for p in self._packages()), key=lambda m: m.code)

    def install(self, path: Path, *, replace: bool = False) -> ModelInfo:
        """Validate, extract to a staging directory, load-test, then move into place.

        Nothing in the packages directory changes unless every step succeeded; an installed
        package for the same pair (or folder name) is replaced only with replace=True.
        """
        checked = check_package(path, self.limits)
        with self._lock:
            clashes = [
                p
                for p in self._packages()
                if Path(p.package_path).name == checked.top
                or (p.from_code, p.to_code) == (checked.from_code, checked.to_code)
            ]
            if clashes and not replace:
                names = [Path(p.package_path).name for p in clashes]
                raise ModelPackageRejected(
                    "already_installed",
                    f"{checked.from_code}→{checked.to_code}: {', '.join(names)}",
                    names,
                )
            # Staging lives beside, not inside, the packages directory: argos would take a
            # half-extracted folder there for a package and fail on it.
            staging_root = Path(
                tempfile.mkdtemp(prefix=".jit-staging-", dir=self.settings.packages_dir.parent)
            )
            try:
                staged = _extract(checked, staging_root, self.limits)
                info = self._load_test(staged)
                trash = staging_root / ".replaced"
                trash.mkdir()
                for p in clashes:
                    os.replace(p.package_path, trash / Path(p.package_path).name)
                try:
                    os.replace(staged, self.settings.packages_dir / checked.top)
                except OSError:
                    for old in trash.iterdir():
                        os.replace(old, self.settings.packages_dir / old.name)
                    raise
            finally:
                shutil.rmtree(staging_root, ignore_errors=True)
            self._forget(info.source, info.target)
            for p in clashes:
                self._forget(str(p.from_code), str(p.to_code))
            return _model_info(_argos().package.Package(self.settings.packages_dir / checked.top))

    def _load_test(self, staged: Path) -> ModelInfo:
        import ctranslate2

        a = _argos()
        try:
            pkg = a.package.Package(staged)
            ctranslate2.Translator(str(staged / "model"), device=self.settings.device)
            pkg.tokenizer.encode("test")
        except Exception as exc:  # any load failure means a corrupt or incompatible package
            raise ModelPackageRejected("unloadable_model", f"{type(exc).__name__}: {exc}") from exc
        return _model_info(pkg)

    def remove(self, code: str) -> ModelInfo:
        """Uninstall by pair code ("en_ro") or package folder name."""
        with self._lock:
            packages = self._packages()
            for p in packages:
                info = _model_info(p)
                if code in (info.code, info.name):
                    _argos().package.uninstall(p)
                    self._forget(info.source, info.target)
                    return info
            raise ModelNotInstalled(code, [_model_info(p).code for p in packages])

    def _forget(self, source: str, target: str) -> None:
        """Drop argos's per-pair translation objects so a replaced model is not reused."""
        a = _argos()
        key = f"{source}-{target}"
        a.translate.installed_translates[:] = [
            t for t in a.translate.installed_translates if t.package_key != key
        ]
        a.translate.get_installed_languages.cache_clear()

    # --- languages and routes --------------------------------------------------------------

    def _languages(self) -> list[Any]:
        a = _argos()
        if a.translate.get_installed_languages.cache_info().currsize == 0:
            # argos will rescan the store: surface a stray folder as ModelStoreCorrupt rather
            # than argos's bare FileNotFoundError (only on a cache miss: a scan reads every
            # package's metadata.json)
            self._packages()
        languages = list(a.translate.get_installed_languages())
        self._offline_sentencizers()
        return languages

    def languages(self) -> list[LanguagePair]:
        pairs: list[LanguagePair] = []
        with self._lock:
            for lang in self._languages():
                for translation in lang.translations_from:
                    if translation.to_lang.code == lang.code:
                        continue
                    hops = _hops(translation)
                    pairs.append(
                        LanguagePair(
                            source=lang.code,
                            target=translation.to_lang.code,
                            source_name=lang.name,
                            target_name=translation.to_lang.name,
                            pivot=tuple(h.to_lang.code for h in hops[:-1]),
                        )
                    )
        return sorted(pairs, key=lambda p: (p.source, p.target))

    def _translation(self, source: str, target: str) -> Any:
        languages = {lang.code: lang for lang in self._languages()}
        src, tgt = languages.get(source), languages.get(target)
        translation = src.get_translation(tgt) if src is not None and tgt is not None else None
        if translation is None or source == target:
            raise TranslationUnavailable(source, target, self.languages())
        return translation

    def route(self, *, source: str, target: str) -> Route:
        with self._lock:
            hops = _hops(self._translation(source, target))
            return Route(source, target, tuple(_model_info(h.pkg) for h in hops))

    # --- translation -----------------------------------------------------------------------

    def translate(self, text: str, *, source: str, target: str) -> str:
        """One text through argostranslate's own code path (CachedTranslation → ctranslate2)."""
        if not text.strip():
            return ""
        with self._lock:
            return str(self._translation(source, target).translate(text))

    def translate_batch(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """Many texts, all sentences in one ctranslate2 call per model.

        Same sentencizer, tokenizer, decoding options and paragraph handling as argos, so each
        result equals translate(text); only the per-call overhead is gone.
        """
        if not texts:
            return []
        with self._lock:
            hops = _hops(self._translation(source, target))
            current = [t if t.strip() else "" for t in texts]
            for hop in hops:
                current = self._translate_hop(hop, current)
            return current

    def _translate_hop(self, hop: Any, texts: list[str]) -> list[str]:
        a = _argos()
        pkg = hop.pkg
        translator = self._ct2_translator(hop)
        flat: list[list[str]] = []
        layout: list[list[list[int]]] = []
        for text in texts:
            plan: list[list[int]] = []
            for paragraph in text.split("\n") if text else []:
                indices = []
                for sentence in hop.sentencizer.split_sentences(paragraph):
                    indices.append(len(flat))
                    flat.append(pkg.tokenizer.encode(sentence))
                plan.append(indices)
            layout.append(plan)
        prefix = [[pkg.target_prefix]] * len(flat) if pkg.target_prefix else None
        results = (
            translator.translate_batch(
                flat,
                target_prefix=prefix,
                replace_unknowns=True,
                max_batch_size=a.settings.batch_size,
                batch_type="tokens",
                beam_size=max(1, a.settings.beam_size),
                num_hypotheses=1,
                length_penalty=ARGOS_LENGTH_PENALTY,
            )
            if flat
            else []
        )
        out: list[str] = []
        for plan in layout:
            paragraphs = []
            for indices in plan:
                tokens: list[str] = []
                for i in indices:
                    tokens.extend(results[i].hypotheses[0])
                value = pkg.tokenizer.decode(tokens)
                if pkg.target_prefix and value.startswith(pkg.target_prefix):
                    value = value[len(pkg.target_prefix) :]
                paragraphs.append(value[1:] if value.startswith(" ") else value)
            # argos joins paragraphs onto "" and strips the leading newlines it thereby adds
            out.append("\n".join(paragraphs).lstrip("\n"))
        return out

    def _ct2_translator(self, hop: Any) -> Any:
        """Share argos's lazily created ctranslate2.Translator (one model in memory, not two)."""
        if hop.translator is None:
            import ctranslate2

            a = _argos()
            hop.translator = ctranslate2.Translator(
                str(hop.pkg.package_path / "model"),
                device=a.settings.device,
                inter_threads=a.settings.inter_threads,
                intra_threads=a.settings.intra_threads,
                compute_type=a.settings.compute_type,
            )
        return hop.translator

    def _offline_sentencizers(self) -> None:
        """Replace any sentencizer that would download a model with the rule splitter."""
        a = _argos()
        for entry in a.translate.installed_translates:
            hop = entry.cached_translation.underlying
            current = hop.sentencizer
            if isinstance(current, self._rules_sentencizer_cls):
                continue
            if self.settings.sentence_splitter == "minisbd" and _minisbd_is_local(a, current):
                continue
            hop.sentencizer = self._rules_sentencizer_cls(hop.pkg)


def _minisbd_is_local(a: types.SimpleNamespace, sentencizer: Any) -> bool:
    if not isinstance(sentencizer, a.sbd.MiniSBDSentencizer):
        return False
    lang = str(sentencizer.lang)
    if Path(lang).is_file():  # package ships minisbd/*.onnx
        return True
    filename = a.sbd.minisbd_models.MODELS.get(lang)
    return bool(filename) and (Path(a.sbd.minisbd_models.cache_dir) / filename).is_file()


def _make_rules_sentencizer() -> type:
    """A subclass of argos's sentencizer interface that calls our pure splitter."""
    base = _argos().sbd.ISentenceBoundaryDetectionModel

    class RulesSentencizer(base):  # type: ignore[misc, valid-type]
        def __init__(self, pkg: Any) -> None:
            self.pkg = pkg

        def split_sentences(self, text: str) -> list[str]:
            return split_sentences(text)

        def __str__(self) -> str:
            return "jit rule-based sentencizer"

    return RulesSentencizer


def _hops(translation: Any) -> list[Any]:
    """The PackageTranslations behind an argos translation, in application order."""
    a = _argos()
    if isinstance(translation, a.translate.CachedTranslation):
        return _hops(translation.underlying)
    if isinstance(translation, a.translate.CompositeTranslation):
        return _hops(translation.t1) + _hops(translation.t2)
    if isinstance(translation, a.translate.IdentityTranslation):
        return []
    if isinstance(translation, a.translate.PackageTranslation):
        return [translation]
    raise TypeError(f"unsupported argos translation {type(translation).__name__}")


def _extract(checked: CheckedPackage, root: Path, limits: Limits) -> Path:
    """Extract only the validated members, never trusting declared sizes or names twice."""
    import zipfile

    base = root.resolve()
    with zipfile.ZipFile(checked.path) as zf:
        for name in checked.members:
            target = (base / PurePosixPath(name)).resolve()
            if not target.is_relative_to(base):
                raise ModelPackageRejected("path_traversal", name, [name])
            if name.endswith("/"):
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            declared = zf.getinfo(name).file_size
            written = 0
            with zf.open(name) as src, open(target, "wb") as dst:
                while chunk := src.read(_COPY_CHUNK):
                    written += len(chunk)
                    # Headers can lie about sizes; stop at the declared size.
                    if written > declared or written > limits.max_member_bytes:
                        raise ModelPackageRejected("size_mismatch", name, [name])
                    dst.write(chunk)
    return base / checked.top
