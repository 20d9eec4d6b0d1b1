"""The `job` table: one background task of one user, its progress and its result file.

No Flask, no services. Datetimes are timezone-aware UTC; the status is stored as a string.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(SQLModel, table=True):
    """A background job. The result is a file under ``settings.documents_dir`` (`result_path`
    relative to it), never in the table: documents can be large and hold case data."""

    __tablename__ = "job"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=64)
    owner_id: int = Field(foreign_key="user.id", index=True)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    status: str = Field(default=JobStatus.QUEUED.value, max_length=16)
    progress: int = 0  # 0-100
    message: str = Field(default="", max_length=500)
    params: str = Field(default="{}", sa_column=Column(Text, nullable=False))  # JSON, no text
    result_path: str = Field(default="", max_length=500)
    result_name: str = Field(default="", max_length=255)
    created_at: datetime
    updated_at: datetime
