"""Typed, validated settings: defaults from config/*.toml, overrides from JIT_* variables.

Must not import Flask or the database: settings are built before the app exists.
"""

from __future__ import annotations

import json
import os
import secrets
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "config"
INSTANCE_DIR = ROOT / "instance"

# The four secrets. Each is 32 random bytes, hex-encoded. They are separate keys on purpose
# (data-protection.md §2.1 "drives key separation"): a leaked session secret must not let
# anyone forge audit entries, API tokens, or read victim identities.
SECRET_NAMES = ("secret_key", "audit_key", "token_key", "identity_key")
ENVIRONMENTS = ("development", "testing", "production")


class SettingsError(Exception):
    """The configuration is unusable; the message says which variable and why."""


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    secret_key: str = ""
    audit_key: str = ""
    token_key: str = ""
    token_key_previous: str = ""
    identity_key: str = ""
    database_url: str = "sqlite:///instance/jit.sqlite"
    redis_url: str = ""
    models_dir: str = "instance/models"
    documents_dir: str = "instance/documents"
    supported_locales: tuple[str, ...] = ("en", "ro", "fr", "de", "it")
    default_locale: str = "en"
    default_timezone: str = "Europe/Bucharest"
    session_idle_minutes: int = 30
    session_absolute_hours: int = 8
    token_lifetime_seconds: int = 900
    token_issuer: str = "safeborders-jit"  # noqa: S105 - a name, not a secret
    token_audience: str = "safeborders-jit-api"  # noqa: S105 - a name, not a secret
    login_max_failures: int = 5
    login_window_minutes: int = 15
    translation_backend: str = "argos"
    # Greedy decoding (1) is deterministic; argos's default beam of 4 is the production choice.
    translation_beam_size: int = 4
    # "minisbd" uses a local MiniSBD model when present, else our rule splitter; "rules" always
    # uses the rule splitter. Neither ever downloads (docs/decisions/translation-sentence-...).
    translation_sentence_splitter: str = "minisbd"
    # LibreTranslate-compatible endpoints: requests per minute per user (429 beyond).
    translation_rate_limit: int = 120
    demo_password: str = ""
    # Testing only: cheap password hashing so the suite stays fast. Refused in production.
    fast_password_hashing: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def testing(self) -> bool:
        return self.env == "testing"

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def cookie_secure(self) -> bool:
        # Development serves plain http://127.0.0.1, where browsers drop Secure cookies.
        return self.production

    def validate(self) -> Settings:
        """Fail closed: refuse to run with a missing or weak secret (STYLE B18)."""
        if self.env not in ENVIRONMENTS:
            raise SettingsError(
                f"JIT_ENV must be one of {', '.join(ENVIRONMENTS)}, not {self.env!r}"
            )
        for name in SECRET_NAMES:
            value = getattr(self, name)
            if not value:
                raise SettingsError(f"JIT_{name.upper()} is not set")
            try:
                raw = bytes.fromhex(value)
            except ValueError as exc:
                raise SettingsError(f"JIT_{name.upper()} must be hex-encoded") from exc
            if len(raw) < 32:
                raise SettingsError(f"JIT_{name.upper()} must hold at least 32 random bytes")
        if self.production and self.fast_password_hashing:
            raise SettingsError("fast password hashing is for tests only")
        if self.default_locale not in self.supported_locales:
            raise SettingsError("JIT_DEFAULT_LOCALE must be one of JIT_SUPPORTED_LOCALES")
        if self.session_idle_minutes <= 0 or self.session_absolute_hours <= 0:
            raise SettingsError("session timeouts must be positive")
        if self.translation_sentence_splitter not in ("minisbd", "rules"):
            raise SettingsError("JIT_TRANSLATION_SENTENCE_SPLITTER must be minisbd or rules")
        if not 1 <= self.translation_beam_size <= 16:
            raise SettingsError("JIT_TRANSLATION_BEAM_SIZE must be between 1 and 16")
        if not 60 <= self.token_lifetime_seconds <= 900:
            raise SettingsError("JIT_TOKEN_LIFETIME_SECONDS must be between 60 and 900")
        return self

    def resolve_path(self, value: str) -> Path:
        path = Path(value)
        return path if path.is_absolute() else ROOT / path

    @property
    def sqlalchemy_url(self) -> str:
        """Relative SQLite paths are read from the repository root, not the working directory."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and not self.database_url.startswith(prefix + "/"):
            rest = self.database_url[len(prefix) :]
            if rest and rest != ":memory:":
                return prefix + str(ROOT / rest)
        return self.database_url


def _coerce(name: str, raw: Any) -> Any:
    """Turn a TOML or environment value into the type of the Settings field."""
    kinds = {f.name: f.type for f in fields(Settings)}
    kind = kinds[name]
    if kind == "int":
        try:
            return int(raw)
        except ValueError as exc:
            raise SettingsError(f"JIT_{name.upper()} must be a whole number") from exc
    if kind == "bool":
        return str(raw).strip().lower() in ("1", "true", "yes", "on")
    if kind == "tuple[str, ...]":
        items = raw if isinstance(raw, list) else str(raw).split(",")
        return tuple(item.strip() for item in items if item.strip())
    return str(raw)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def development_secrets(instance_dir: Path = INSTANCE_DIR) -> dict[str, str]:
    """Create (once) and read the local development secrets under instance/ (never committed)."""
    path = instance_dir / "secrets.json"
    if path.exists():
        stored: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        if all(stored.get(name) for name in SECRET_NAMES):
            return stored
    instance_dir.mkdir(parents=True, exist_ok=True)
    values = {name: secrets.token_hex(32) for name in SECRET_NAMES}
    # 0600: the file holds the audit and identity keys.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(values, handle, indent=2)
    return values


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Defaults, then config/<env>.toml, then JIT_* variables; development fills in secrets."""
    env_vars = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    for key, raw in _read_toml(CONFIG_DIR / "defaults.toml").items():
        values[key] = raw
    env_name = env_vars.get("JIT_ENV", str(values.get("env", "development")))
    for key, raw in _read_toml(CONFIG_DIR / f"{env_name}.toml").items():
        values[key] = raw
    known = {f.name for f in fields(Settings)} - {"extra"}
    for key, raw in env_vars.items():
        if key.startswith("JIT_"):
            name = key[4:].lower()
            if name in known:
                values[name] = raw
    values["env"] = env_name
    settings = Settings(**{k: _coerce(k, v) for k, v in values.items() if k in known})
    if settings.env == "development":
        generated = development_secrets()
        settings = replace(
            settings,
            secret_key=settings.secret_key or generated["secret_key"],
            audit_key=settings.audit_key or generated["audit_key"],
            token_key=settings.token_key or generated["token_key"],
            identity_key=settings.identity_key or generated["identity_key"],
        )
    return settings.validate()
