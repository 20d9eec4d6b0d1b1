"""Alembic environment: run with the connection handed over by `jit db init`."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import jit.models  # noqa: F401  - registers every table on SQLModel.metadata

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
