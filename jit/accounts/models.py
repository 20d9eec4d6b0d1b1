"""SQLModel tables of the accounts concept. No Flask, no services."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Column, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel


class OrganisationKind(enum.StrEnum):
    PROSECUTION = "prosecution"
    POLICE = "police"
    COURT = "court"
    CHILD_PROTECTION = "child_protection"
    NGO = "ngo"
    EU_AGENCY = "eu_agency"  # Eurojust, Europol
    OTHER = "other"


class TeamRole(enum.StrEnum):
    PROSECUTOR = "prosecutor"
    LIAISON_OFFICER = "liaison_officer"
    NGO_COORDINATOR = "ngo_coordinator"
    JIT_LEAD = "jit_lead"
    DATA_PROTECTION_OFFICER = "data_protection_officer"


class TeamStatus(enum.StrEnum):
    PREPARATION = "preparation"
    ACTIVE = "active"
    EXTENDED = "extended"
    CLOSED = "closed"


def _enum_column(kind: type[enum.Enum]) -> Column:  # type: ignore[type-arg]
    # Stored as the value string (native_enum=False) so both SQLite and PostgreSQL hold the
    # same text and migrations need no PostgreSQL ENUM types.
    return Column(
        SAEnum(kind, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e]),
        nullable=False,
    )


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    country: str = Field(max_length=2, index=True)
    kind: OrganisationKind = Field(sa_column=_enum_column(OrganisationKind))


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # Usernames are stored case-folded so the throttle cannot be dodged by changing case.
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=200)
    email: str = Field(default="", max_length=254)
    password_hash: str = Field(max_length=255)
    preferred_language: str = Field(default="en", max_length=8)
    timezone: str = Field(default="Europe/Bucharest", max_length=64)
    active: bool = Field(default=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    created_at: datetime


class Team(SQLModel, table=True):
    """A Joint Investigation Team."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    parties: str = Field(max_length=200, description="comma-separated ISO country codes")
    agreement_start: date
    agreement_end: date
    status: TeamStatus = Field(sa_column=_enum_column(TeamStatus))
    eurojust_support: bool = Field(default=False)

    @property
    def party_codes(self) -> list[str]:
        return [code for code in self.parties.split(",") if code]


class Membership(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("user_id", "team_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    role: TeamRole = Field(sa_column=_enum_column(TeamRole))
    since: date
