"""Pure rules of the victims concept: pseudonyms, age thresholds, consent, disclosure checks.

No Flask, no database, no clock (``today``/``now`` are passed in). Thresholds are Romanian law
by default because the demo JITs are led from Romania; points not checked against the
consolidated text are marked "(verify)" and must be confirmed by the DPO or a lawyer of the
deploying authority before production use (data-protection.md: "not legal advice").
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta


class ConsentKind(enum.StrEnum):
    CHILD_ASSENT = "child_assent"
    GUARDIAN_CONSENT = "guardian_consent"
    VICTIM_CONSENT = "victim_consent"
    REPRESENTATIVE_CONSENT = "representative_consent"  # court-appointed (curator special)
    CHILD_PROTECTION_DECISION = "child_protection_decision"  # DGASPC decision


# --- pseudonyms -----------------------------------------------------------------------------

_PSEUDONYM = re.compile(r"V-([A-Z]{2})-(\d{4})-(\d{4,})")


def pseudonym(origin_state: str, year: int, sequence: int) -> str:
    """``V-RO-2026-0007``: originating State, year of registration, a per-State-and-year
    counter. It says nothing about the person and is used everywhere by default (LED Art. 20,
    pseudonymisation by design)."""
    if not re.fullmatch(r"[A-Z]{2}", origin_state):
        raise ValueError("origin state must be an ISO 3166-1 alpha-2 code")
    return f"V-{origin_state}-{year:04d}-{sequence:04d}"


def is_pseudonym(value: str) -> bool:
    return _PSEUDONYM.fullmatch(value) is not None


# --- age ------------------------------------------------------------------------------------


class AgeBand(enum.StrEnum):
    UNDER_10 = "under_10"
    FROM_10_TO_13 = "10_13"
    FROM_14_TO_17 = "14_17"
    ADULT = "adult"
    # Age uncertain or date of birth unknown: presumed a child (Dir. 2011/36/EU Art. 13(2);
    # HG 88/2023: whoever declares to be a minor gets child services until the age is set).
    CHILD_UNKNOWN_AGE = "child_unknown_age"


# Romanian law (defaults):
# - 18: full capacity, majority (Civil Code Art. 38(2)).
# - 14: restricted capacity; the minor acts himself with the prior consent of the parents or
#   guardian (Civil Code Art. 41(1)-(2)). Used here: from 14 the child's own consent AND a
#   representative's approval are needed.
# - 10: a child who has reached 10 must be heard in proceedings concerning him (Civil Code
#   Art. 264(1); Law 272/2004 Art. 29 (verify paragraph)); used here: from 10 the child's assent
#   is recorded and required for disclosures that rely on consent.
# - under 14: no exercise capacity; the legal representative acts (Civil Code Art. 43(1)(a)).
AGE_OF_MAJORITY = 18
AGE_RESTRICTED_CAPACITY = 14
AGE_MUST_BE_HEARD = 10
LEGAL_BASIS_OF_THRESHOLDS = {
    AGE_OF_MAJORITY: "Codul civil, art. 38 alin. (2)",
    AGE_RESTRICTED_CAPACITY: "Codul civil, art. 41 alin. (1)-(2); art. 43 alin. (1) lit. a)",
    AGE_MUST_BE_HEARD: "Codul civil, art. 264 alin. (1); Legea 272/2004, art. 29 (verify)",
}


def age_on(date_of_birth: date, today: date) -> int:
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def age_band(date_of_birth: date | None, age_uncertain: bool, today: date) -> AgeBand:
    """The protection band. An uncertain age is presumed a child even when a (claimed) date
    of birth says adult: the presumption ends only when an adult age is confirmed (L-15)."""
    if age_uncertain or date_of_birth is None:
        return AgeBand.CHILD_UNKNOWN_AGE
    years = age_on(date_of_birth, today)
    if years >= AGE_OF_MAJORITY:
        return AgeBand.ADULT
    if years >= AGE_RESTRICTED_CAPACITY:
        return AgeBand.FROM_14_TO_17
    if years >= AGE_MUST_BE_HEARD:
        return AgeBand.FROM_10_TO_13
    return AgeBand.UNDER_10


def treated_as_child(band: AgeBand) -> bool:
    return band is not AgeBand.ADULT


# --- consent --------------------------------------------------------------------------------

RECIPIENT_CATEGORIES = ("jit_party", "authority", "ngo")


@dataclass(frozen=True)
class ConsentFacts:
    """What the consent check needs to know about one recorded consent."""

    id: int
    kind: ConsentKind
    given_on: date
    scope: frozenset[str]
    withdrawn_on: date | None = None
    # For a guardian's consent: is the guardian involved in the case or linked to a suspect?
    guardian_conflicted: bool = False

    def in_force(self, today: date, category: str) -> bool:
        withdrawn = self.withdrawn_on is not None and self.withdrawn_on <= today
        return self.given_on <= today and not withdrawn and category in self.scope


class ConsentProblem(enum.StrEnum):
    CONFLICTED_GUARDIAN = "conflicted_guardian"
    NOT_IN_FORCE = "not_in_force"
    MISSING_REPRESENTATIVE = "missing_representative"
    MISSING_CHILD_ASSENT = "missing_child_assent"
    MISSING_VICTIM_CONSENT = "missing_victim_consent"
    UNKNOWN_CONSENT = "unknown_consent"


_REPRESENTATIVE_KINDS = frozenset(
    {
        ConsentKind.GUARDIAN_CONSENT,
        ConsentKind.REPRESENTATIVE_CONSENT,
        ConsentKind.CHILD_PROTECTION_DECISION,
    }
)


def valid_representative(consent: ConsentFacts) -> bool:
    """A guardian involved in the case, or linked to a suspect, cannot consent for the child:
    the child then needs a court-appointed special representative (curator special, Civil
    Code Art. 150 (verify)) or a DGASPC decision (Law 272/2004, emergency placement, Art. 64
    (verify))."""
    if consent.kind is ConsentKind.GUARDIAN_CONSENT:
        return not consent.guardian_conflicted
    return consent.kind in _REPRESENTATIVE_KINDS


def consent_problems(
    band: AgeBand,
    chosen_id: int,
    consents: Sequence[ConsentFacts],
    category: str,
    today: date,
) -> list[ConsentProblem]:
    """Why a disclosure may not rely on consent ``chosen_id``; empty when it may.

    The consent relied upon must be in force and cover the recipient category; for a child,
    a valid representative's consent must exist (a conflicted guardian's never counts), and
    from 10 (or at an unknown age) also the child's assent; an adult consents alone.
    """
    chosen = next((c for c in consents if c.id == chosen_id), None)
    if chosen is None:
        return [ConsentProblem.UNKNOWN_CONSENT]
    problems: list[ConsentProblem] = []
    if chosen.kind is ConsentKind.GUARDIAN_CONSENT and chosen.guardian_conflicted:
        problems.append(ConsentProblem.CONFLICTED_GUARDIAN)
    if not chosen.in_force(today, category):
        problems.append(ConsentProblem.NOT_IN_FORCE)
    usable = [c for c in consents if c.in_force(today, category)]
    if band is AgeBand.ADULT:
        if not any(c.kind is ConsentKind.VICTIM_CONSENT for c in usable):
            problems.append(ConsentProblem.MISSING_VICTIM_CONSENT)
        return problems
    if not any(valid_representative(c) for c in usable):
        conflicted = any(
            c.kind is ConsentKind.GUARDIAN_CONSENT and c.guardian_conflicted for c in usable
        )
        if conflicted and ConsentProblem.CONFLICTED_GUARDIAN not in problems:
            problems.append(ConsentProblem.CONFLICTED_GUARDIAN)
        elif not conflicted:
            problems.append(ConsentProblem.MISSING_REPRESENTATIVE)
    if band is AgeBand.FROM_14_TO_17:
        # Restricted capacity: the minor consents himself, with the representative's approval.
        needed: tuple[ConsentKind, ...] = (ConsentKind.VICTIM_CONSENT, ConsentKind.CHILD_ASSENT)
    elif band in (AgeBand.FROM_10_TO_13, AgeBand.CHILD_UNKNOWN_AGE):
        needed = (ConsentKind.CHILD_ASSENT,)
    else:
        needed = ()
    if needed and not any(c.kind in needed for c in usable):
        problems.append(ConsentProblem.MISSING_CHILD_ASSENT)
    return problems


# --- disclosure -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LegalBasis:
    code: str
    instrument: str
    requires_consent: bool = False
    allows_third_country: bool = False


# The list a discloser chooses from. Article numbers of national law marked (verify).
LEGAL_BASES: tuple[LegalBasis, ...] = (
    LegalBasis("led_art8", "Directive (EU) 2016/680 Art. 8; Legea 363/2018 art. 5 (verify)"),
    LegalBasis(
        "jit_purpose",
        "2000 EU MLA Convention Art. 13(10); Framework Decision 2002/465/JHA Art. 1(10)",
    ),
    LegalBasis("victim_assistance", "Directive 2011/36/EU Art. 11; Legea 678/2001 (verify art.)"),
    LegalBasis("child_protection", "Legea 272/2004 privind protecția copilului (verify art.)"),
    LegalBasis("gdpr_consent", "Regulation (EU) 2016/679 Art. 6(1)(a), 9(2)(a)", True),
    LegalBasis(
        "led_transfer", "Directive (EU) 2016/680 Art. 37 (appropriate safeguards)", False, True
    ),
)
LEGAL_BASIS_BY_CODE = {basis.code: basis for basis in LEGAL_BASES}

# SIENA-style handling codes (Europol's H0-H3; wording paraphrased, verify against the
# current Europol handling-code definitions). They travel with the data (LED Art. 9(3)).
HANDLING_CODES = ("H0", "H1", "H2", "H3")

DATA_CATEGORIES = (
    "pseudonym",
    "redacted_statement",
    "age_band",
    "nationality",
    "protection_needs",
)
# What the portal can deliver: a statement redacted with the "pseudonymised" profile (the only
# profile: L-16 forbids identity fields in exports about child victims).
REDACTION_PROFILE = "pseudonymised"

# EU Member States and the EEA (Iceland, Liechtenstein, Norway): beyond them a disclosure is a
# transfer under LED Chapter V.
EU_EEA = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI",
        "NO",
    }
)  # fmt: skip

MIN_JUSTIFICATION = 10
# ASVS 7.5.3: revealing an identity needs a password re-entered within the last N minutes.
REAUTH_MINUTES = 5


class DisclosureProblem(enum.StrEnum):
    NO_LEGAL_BASIS = "no_legal_basis"
    NO_JUSTIFICATION = "no_justification"
    NO_PURPOSE = "no_purpose"
    NO_RECIPIENT = "no_recipient"
    BAD_CATEGORY = "bad_category"
    NO_DATA_CATEGORIES = "no_data_categories"
    BAD_HANDLING_CODE = "bad_handling_code"
    RETENTION_NOT_FUTURE = "retention_not_future"
    CONSENT_OR_OVERRIDE = "consent_or_override"
    CONSENT_REQUIRED = "consent_required"
    TRANSFER_BASIS = "transfer_basis"


@dataclass(frozen=True)
class DisclosureRequest:
    recipient_category: str
    recipient_organisation: str
    recipient_country: str
    recipient_person: str
    purpose: str
    legal_basis: str
    data_categories: tuple[str, ...]
    consent_id: int | None
    override_reason: str
    justification: str
    handling_code: str
    retention_until: date | None


def disclosure_problems(request: DisclosureRequest, today: date) -> list[DisclosureProblem]:
    """Form-level checks (LED Art. 25(2): justification, recipient; L-04 fields)."""
    problems: list[DisclosureProblem] = []
    basis = LEGAL_BASIS_BY_CODE.get(request.legal_basis)
    if basis is None:
        problems.append(DisclosureProblem.NO_LEGAL_BASIS)
    if len(request.justification.strip()) < MIN_JUSTIFICATION:
        problems.append(DisclosureProblem.NO_JUSTIFICATION)
    if not request.purpose.strip():
        problems.append(DisclosureProblem.NO_PURPOSE)
    if not request.recipient_organisation.strip() or not re.fullmatch(
        r"[A-Z]{2}", request.recipient_country
    ):
        problems.append(DisclosureProblem.NO_RECIPIENT)
    if request.recipient_category not in RECIPIENT_CATEGORIES:
        problems.append(DisclosureProblem.BAD_CATEGORY)
    if not request.data_categories or not set(request.data_categories) <= set(DATA_CATEGORIES):
        problems.append(DisclosureProblem.NO_DATA_CATEGORIES)
    if request.handling_code not in HANDLING_CODES:
        problems.append(DisclosureProblem.BAD_HANDLING_CODE)
    if request.retention_until is None or request.retention_until <= today:
        problems.append(DisclosureProblem.RETENTION_NOT_FUTURE)
    has_override = bool(request.override_reason.strip())
    if request.consent_id is None and not has_override:
        problems.append(DisclosureProblem.CONSENT_OR_OVERRIDE)
    if basis is not None and basis.requires_consent and request.consent_id is None:
        problems.append(DisclosureProblem.CONSENT_REQUIRED)
    if is_third_country(request.recipient_country) and not (basis and basis.allows_third_country):
        # LED Art. 35-37: a transfer outside the EU/EEA needs its own documented basis.
        problems.append(DisclosureProblem.TRANSFER_BASIS)
    return problems


def is_third_country(country: str) -> bool:
    return bool(country) and country not in EU_EEA


# --- re-authentication and justification ----------------------------------------------------


def reauth_fresh(reauth_at: datetime | None, now: datetime) -> bool:
    if reauth_at is None:
        return False
    return timedelta(0) <= now - reauth_at <= timedelta(minutes=REAUTH_MINUTES)


def justification_ok(text: str) -> bool:
    return len(text.strip()) >= MIN_JUSTIFICATION


def split_codes(raw: str) -> tuple[str, ...]:
    return tuple(code for code in (part.strip() for part in raw.split(",")) if code)


def join_codes(codes: Iterable[str]) -> str:
    return ",".join(sorted(set(codes)))
