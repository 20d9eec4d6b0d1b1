"""Shared fixtures: settings, a migrated database with the demo (SQLite or PostgreSQL), the app,
clients, and a guard that fails any test opening a non-loopback network connection."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from jit import database
from jit.app import create_app
from jit.db import make_engine, transaction
from jit.demo import load as demo
from jit.settings import Settings

DEMO_PASSWORD = "demo-pass-42-correct-horse"
POSTGRES_URL = os.environ.get("JIT_TEST_POSTGRES_URL", "")
# CI sets this: a test that needs a service must fail, not skip, when the service is missing.
REQUIRE_SERVICES = os.environ.get("JIT_REQUIRE_SERVICES") == "1"
BACKEND = os.environ.get("JIT_TEST_BACKEND", "sqlite")


def need_service(what: str) -> None:
    """Skip on a laptop without the service; fail in CI (no silent skips there)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} not available")


# --- network guard: the portal runs offline (DESIGN §3.1) -------------------------------------

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        if host not in ("127.0.0.1", "::1", "localhost") and not str(host).startswith("127."):
            raise OSError(f"test tried to reach the network: {host}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


# --- settings and database --------------------------------------------------------------------


def make_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "testing",
        "secret_key": secrets.token_hex(32),
        "audit_key": secrets.token_hex(32),
        "token_key": secrets.token_hex(32),
        "identity_key": secrets.token_hex(32),
        "database_url": database_url,
        "demo_password": DEMO_PASSWORD,
        "fast_password_hashing": True,
    }
    values.update(overrides)
    return Settings(**values).validate()


class Template:
    """A migrated database with the demo loaded, copied for every test (fast and isolated)."""

    def __init__(self, backend: str, workdir: Path) -> None:
        self.backend = backend
        self.workdir = workdir
        self.keys = {
            name: secrets.token_hex(32)
            for name in ("secret_key", "audit_key", "token_key", "identity_key")
        }
        if backend == "postgresql":
            if not POSTGRES_URL:
                need_service("PostgreSQL (JIT_TEST_POSTGRES_URL)")
            self.name = f"jit_tpl_{uuid.uuid4().hex[:10]}"
            self._admin(f'CREATE DATABASE "{self.name}"')
            url = self._url(self.name)
        else:
            self.path = workdir / "template.sqlite"
            url = f"sqlite:///{self.path}"
        settings = make_settings(url, **self.keys)
        engine = make_engine(settings.sqlalchemy_url)
        database.upgrade(engine)
        with transaction(engine) as session:
            demo.load(session, settings, today=date(2026, 11, 27))
        engine.dispose()
        if backend == "sqlite":
            # Fold the WAL into the main file so a plain copy is a complete database.
            with closing(sqlite3.connect(self.path)) as raw:
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _url(self, name: str) -> str:
        return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)

    def _admin(self, statement: str) -> None:
        engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(statement))
        engine.dispose()

    def new_database(self) -> str:
        if self.backend == "postgresql":
            name = f"jit_t_{uuid.uuid4().hex[:12]}"
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"')
            return self._url(name)
        target = self.workdir / f"{uuid.uuid4().hex}.sqlite"
        shutil.copyfile(self.path, target)
        return f"sqlite:///{target}"

    def drop(self, url: str) -> None:
        if self.backend == "postgresql":
            name = make_url(url).database
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self.backend == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    tpl = Template(BACKEND, tmp_path_factory.mktemp("db"))
    yield tpl
    tpl.close()


@pytest.fixture
def database_url(template: Template) -> Iterator[str]:
    url = template.new_database()
    yield url
    template.drop(url)


@pytest.fixture
def settings(database_url: str, template: Template) -> Settings:
    return make_settings(database_url, **template.keys)


@pytest.fixture
def app(settings: Settings) -> Iterator[Flask]:
    application = create_app(settings)
    yield application
    application.extensions["jit.engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(client: FlaskClient, path: str = "/login") -> str:
    page = client.get(path).get_data(as_text=True)
    match = _CSRF.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: FlaskClient, username: str, password: str = DEMO_PASSWORD) -> Any:
    token = csrf_from(client)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


@pytest.fixture
def login_as(client: FlaskClient) -> Callable[[str], FlaskClient]:
    def _login(username: str) -> FlaskClient:
        response = login(client, username)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return _login


@pytest.fixture
def api_token(client: FlaskClient) -> Callable[[str], str]:
    def _token(username: str) -> str:
        response = client.post(
            "/api/v1/auth/token", json={"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        return str(response.get_json()["access_token"])

    return _token


@pytest.fixture
def team_ids(app: Flask) -> dict[str, int]:
    from sqlmodel import select

    from jit.accounts.models import Team

    with transaction(app.extensions["jit.engine"]) as session:
        return {t.reference: t.id or 0 for t in session.exec(select(Team)).all()}
