"""Settings fail closed: no secret, no production start (issue 2 point 1; STYLE B18)."""

from __future__ import annotations

import secrets

import pytest

from jit.settings import SettingsError, load_settings


def _secrets() -> dict[str, str]:
    return {
        f"JIT_{n.upper()}": secrets.token_hex(32)
        for n in ("secret_key", "audit_key", "token_key", "identity_key")
    }


def test_production_refuses_to_start_without_a_secret() -> None:
    env = {"JIT_ENV": "production", **_secrets()}
    del env["JIT_SECRET_KEY"]
    with pytest.raises(SettingsError, match="JIT_SECRET_KEY is not set"):
        load_settings(env)


def test_production_refuses_a_short_secret() -> None:
    env = {"JIT_ENV": "production", **_secrets(), "JIT_AUDIT_KEY": "abcd"}
    with pytest.raises(SettingsError, match="JIT_AUDIT_KEY must hold at least 32"):
        load_settings(env)


def test_environment_overrides_defaults() -> None:
    env = {
        "JIT_ENV": "production",
        **_secrets(),
        "JIT_SESSION_IDLE_MINUTES": "10",
        "JIT_SUPPORTED_LOCALES": "en,ro",
        "JIT_DATABASE_URL": "sqlite:////tmp/x.sqlite",
    }
    settings = load_settings(env)
    assert settings.session_idle_minutes == 10
    assert settings.supported_locales == ("en", "ro")
    assert settings.cookie_secure is True
    assert settings.sqlalchemy_url == "sqlite:////tmp/x.sqlite"


def test_bad_number_is_named() -> None:
    env = {"JIT_ENV": "production", **_secrets(), "JIT_LOGIN_MAX_FAILURES": "many"}
    with pytest.raises(SettingsError, match="JIT_LOGIN_MAX_FAILURES must be a whole number"):
        load_settings(env)


def test_fast_hashing_is_refused_in_production() -> None:
    env = {"JIT_ENV": "production", **_secrets(), "JIT_FAST_PASSWORD_HASHING": "1"}
    with pytest.raises(SettingsError, match="tests only"):
        load_settings(env)
