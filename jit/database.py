"""Schema management: apply every Alembic migration (idempotent); used by `jit db init`."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from jit.settings import ROOT

MIGRATIONS = ROOT / "jit" / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine) -> None:
    config = alembic_config()
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            # Alembic runs its own transaction; ours (BEGIN IMMEDIATE) comes from the engine hook.
            pass
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
