"""SQLModel tables of the requests concept: the request, its immutable draft versions, its
lifecycle steps and the reviewed translations of its free text. No Flask, no services."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from jit.accounts.models import _enum_column
from jit.requests.lifecycle import Status


class Direction(enum.StrEnum):
    # Outgoing: a party of the JIT issues it to another State; incoming: it was received by a
    # party of the JIT acting as the executing State.
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class EvidenceRequest(SQLModel, table=True):
    """One EIO, EAW, MLA letter, certificate... of a JIT. The content lives in its versions."""

    __tablename__ = "evidence_request"

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    instrument: str = Field(max_length=40)
    reference: str = Field(max_length=120)
    direction: Direction = Field(sa_column=_enum_column(Direction))
    issuing_state: str = Field(max_length=2)
    executing_state: str = Field(max_length=2)
    source_language: str = Field(max_length=8)
    output_language: str = Field(max_length=8)
    status: Status = Field(sa_column=_enum_column(Status))
    created_by: int = Field(foreign_key="user.id")
    created_at: datetime
    updated_at: datetime


class RequestVersion(SQLModel, table=True):
    """A saved draft. Never updated: saving again adds the next number (earlier ones stay)."""

    __tablename__ = "evidence_request_version"
    __table_args__ = (UniqueConstraint("request_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="evidence_request.id", index=True)
    number: int
    # The draft JSON (jit.requests.rules): free text up to 30 000 characters per field.
    data: str = Field(sa_column=Column(Text, nullable=False))
    created_by: int = Field(foreign_key="user.id")
    created_at: datetime


class RequestStep(SQLModel, table=True):
    """One lifecycle step with the date it happened (not the date it was typed in)."""

    __tablename__ = "evidence_request_step"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="evidence_request.id", index=True)
    status: Status = Field(sa_column=_enum_column(Status))
    occurred_on: date
    # None: recorded by the system (demo data, imports).
    recorded_by: int | None = Field(default=None, foreign_key="user.id")
    recorded_at: datetime
    note: str = Field(default="", max_length=500)


class ReviewedTranslation(SQLModel, table=True):
    """A person's checked translation of one narrative field into one language.

    Bound to the digest of the source text it translates: when the drafter changes the text,
    the old review no longer applies and the machine output is marked again.
    """

    __tablename__ = "evidence_request_translation"
    __table_args__ = (UniqueConstraint("request_id", "field_id", "language", "source_digest"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="evidence_request.id", index=True)
    field_id: str = Field(max_length=80)
    language: str = Field(max_length=8)
    source_digest: str = Field(max_length=64)
    text: str = Field(sa_column=Column(Text, nullable=False))
    reviewed_by: int = Field(foreign_key="user.id")
    reviewed_at: datetime
