"""SQLModel tables of the victims concept. No Flask, no services.

Identity-bearing values (names, aliases, date of birth, national id, nationality, addresses,
contacts, and the same for guardians and relatives) exist only inside the ``*_ct`` columns,
sealed with AES-256-GCM (docs/decisions/victims-encryption.md). Every other column is safe
to show to any member of the team: pseudonyms, flags, dates of procedural events, codes.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from jit.accounts.models import _enum_column
from jit.victims.rules import ConsentKind


class Regime(enum.StrEnum):
    # Competent authorities process under the Law Enforcement Directive, NGOs under the GDPR
    # (data-protection.md §0.1); every record says which one applies.
    LED = "led"
    GDPR = "gdpr"


class SubjectCategory(enum.StrEnum):
    # LED Art. 6: victims and persons who may be victims are distinct categories.
    VICTIM = "victim"
    POSSIBLE_VICTIM = "possible_victim"


class RelationKind(enum.StrEnum):
    GUARDIAN = "guardian"
    RELATIVE = "relative"


class Victim(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("origin_state", "year", "sequence"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    pseudonym: str = Field(max_length=32, unique=True)
    origin_state: str = Field(max_length=2)
    year: int
    sequence: int
    regime: Regime = Field(sa_column=_enum_column(Regime))
    subject_category: SubjectCategory = Field(sa_column=_enum_column(SubjectCategory))
    # Directive 2011/36/EU Art. 13(2): a person of uncertain age is presumed a child.
    age_uncertain: bool = Field(default=False)
    # The forced-criminality lesson (domain-notes): children coerced to steal were prosecuted
    # abroad as offenders; the non-punishment principle needs this fact on record.
    prosecuted_abroad_under_coercion: bool = Field(default=False)
    identity_ct: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    review_on: date
    created_at: datetime
    created_by: int = Field(foreign_key="user.id")


class VictimRelation(SQLModel, table=True):
    """A legal guardian or relative of a victim; the identity is sealed like the victim's."""

    __tablename__ = "victim_relation"

    id: int | None = Field(default=None, primary_key=True)
    victim_id: int = Field(foreign_key="victim.id", index=True)
    kind: RelationKind = Field(sa_column=_enum_column(RelationKind))
    relationship: str = Field(max_length=32, description="code: parent, legal_guardian, ...")
    # A guardian involved in the case or linked to a suspect cannot give valid consent
    # (HG 88/2023 referral mechanism; in real cases the parents were the traffickers).
    involved_in_case: bool = Field(default=False)
    linked_to_suspect: bool = Field(default=False)
    identity_ct: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime


class Consent(SQLModel, table=True):
    __tablename__ = "victim_consent"

    id: int | None = Field(default=None, primary_key=True)
    victim_id: int = Field(foreign_key="victim.id", index=True)
    kind: ConsentKind = Field(sa_column=_enum_column(ConsentKind))
    relation_id: int | None = Field(default=None, foreign_key="victim_relation.id")
    given_on: date
    # Recipient categories the consent covers, comma-separated codes (rules.RECIPIENT_CATEGORIES).
    scope: str = Field(max_length=200)
    # A document number (court order, DGASPC decision, signed form), never a name.
    reference: str = Field(default="", max_length=100)
    withdrawn_on: date | None = None
    recorded_at: datetime
    recorded_by: int = Field(foreign_key="user.id")


class Statement(SQLModel, table=True):
    __tablename__ = "victim_statement"

    id: int | None = Field(default=None, primary_key=True)
    victim_id: int = Field(foreign_key="victim.id", index=True)
    # "docx" or "txt"; the uploaded file name is not kept (it often holds the child's name).
    format: str = Field(max_length=8)
    language: str = Field(max_length=8)
    # LED Art. 7(1): facts and personal assessments are distinguished.
    nature: str = Field(max_length=16, default="fact")
    size: int
    content_ct: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime
    created_by: int = Field(foreign_key="user.id")


class StatementReview(SQLModel, table=True):
    """The reviewer's edits to a statement's redaction, applied to every later disclosure."""

    __tablename__ = "victim_statement_review"

    statement_id: int = Field(foreign_key="victim_statement.id", primary_key=True)
    # JSON list of [sha256 of the segment text, start, end]: spans kept in clear. No values.
    kept_spans: str = Field(default="[]")
    # Values the reviewer added to redact: personal data, so sealed.
    added_ct: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    updated_at: datetime
    updated_by: int = Field(foreign_key="user.id")


class TeamTokenMap(SQLModel, table=True):
    """The case's TokenMap (pseudonym -> [V1]); keyed by pseudonyms, so it holds no identity."""

    __tablename__ = "victim_token_map"

    team_id: int = Field(foreign_key="team.id", primary_key=True)
    labels_json: str
    updated_at: datetime


class Disclosure(SQLModel, table=True):
    __tablename__ = "victim_disclosure"

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    victim_id: int = Field(foreign_key="victim.id", index=True)
    statement_id: int = Field(foreign_key="victim_statement.id", index=True)
    recipient_category: str = Field(max_length=16)
    recipient_organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", index=True
    )
    recipient_organisation: str = Field(max_length=200)
    recipient_country: str = Field(max_length=2)
    recipient_person: str = Field(default="", max_length=200)
    purpose: str = Field(max_length=500)
    legal_basis: str = Field(max_length=32)
    data_categories: str = Field(max_length=200)
    consent_id: int | None = Field(default=None, foreign_key="victim_consent.id")
    override_reason: str = Field(default="", max_length=1000)
    justification: str = Field(max_length=1000)
    redaction_profile: str = Field(max_length=32)
    handling_code: str = Field(max_length=8)
    retention_until: date
    third_country_transfer: bool = Field(default=False)
    sha256: str = Field(max_length=64)
    size: int
    media_type: str = Field(max_length=100)
    file_extension: str = Field(max_length=8)
    # The delivered (redacted) bytes, kept for the recipient's download and for proof of what
    # was sent (ICO: "what was available to them at the time"); sealed all the same.
    content_ct: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    leak_report: str = Field(description="JSON report of the leak check on the delivered bytes")
    disclosed_at: datetime
    disclosed_by: int = Field(foreign_key="user.id")
