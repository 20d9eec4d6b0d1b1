"""The audit table. Append-only: database triggers reject UPDATE and DELETE (migration 0001)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    # Gapless, assigned under the writer lock; never autoincrement (a gap means a deletion).
    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    ts: str = Field(max_length=32, description="UTC, RFC 3339 with microseconds, stored verbatim")
    actor_id: int | None = Field(default=None, index=True)
    actor: str = Field(max_length=64)
    organisation: str = Field(default="", max_length=200)
    country: str = Field(default="", max_length=2)
    action: str = Field(max_length=64, index=True)
    object_type: str = Field(default="", max_length=64)
    object_id: str = Field(default="", max_length=64)
    team_id: int | None = Field(default=None, index=True)
    outcome: str = Field(default="allowed", max_length=16)
    justification: str = Field(default="")
    details: str = Field(default="{}", description="canonical JSON without personal data values")
    # Fork guard: two entries can never claim the same predecessor (data-protection.md §3.3).
    prev_hash: str = Field(max_length=64, unique=True)
    entry_hash: str = Field(max_length=64, unique=True)
    mac: str = Field(max_length=64)
