"""Tables of the translation concept: reviewed segments (translation memory) and API keys.

No Flask, no services. Datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class MemorySegment(SQLModel, table=True):
    """One segment a person reviewed: reused verbatim when the same source text comes again.

    Looked up by the SHA-256 of the whitespace-normalised source text and the pair, so the
    memory answers exact matches only (it cannot be searched or browsed from the portal).
    """

    __tablename__ = "translation_memory"
    __table_args__ = (UniqueConstraint("source_lang", "target_lang", "source_digest"),)

    id: int | None = Field(default=None, primary_key=True)
    source_lang: str = Field(max_length=8)
    target_lang: str = Field(max_length=8)
    source_digest: str = Field(max_length=64, index=True)
    source_text: str = Field(sa_column=Column(Text, nullable=False))
    target_text: str = Field(sa_column=Column(Text, nullable=False))
    reviewed_by: int = Field(foreign_key="user.id")
    reviewed_at: datetime


class ApiKey(SQLModel, table=True):
    """A LibreTranslate-style API key of one user; only its SHA-256 is stored."""

    __tablename__ = "translation_api_key"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    key_hash: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=16)  # shown on the profile so the owner can tell keys apart
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class GlossaryTerm(SQLModel, table=True):
    """One glossary entry (a concept with its term in each language), editable in the portal.

    Seeded from the starter glossary by migration 0006; `forms` is JSON {language: term}.
    """

    __tablename__ = "translation_glossary_term"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: str = Field(max_length=100, unique=True)
    domain: str = Field(default="", max_length=100)
    forms: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    locked: bool = True
    status: str = Field(default="unverified", max_length=16)
    source: str = Field(default="", max_length=500)
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    updated_by: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime
