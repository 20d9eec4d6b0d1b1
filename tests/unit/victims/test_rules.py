"""Pure rules of the victims concept: pseudonyms, age bands, consent, disclosure checks, seals."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

import pytest

from jit.victims import encryption, rules
from jit.victims.rules import AgeBand, ConsentFacts, ConsentKind, ConsentProblem

TODAY = date(2026, 11, 27)
ALL = frozenset(rules.RECIPIENT_CATEGORIES)


def test_pseudonym_format() -> None:
    assert rules.pseudonym("RO", 2026, 7) == "V-RO-2026-0007"
    assert rules.is_pseudonym("V-RO-2026-0007")
    with pytest.raises(ValueError, match="ISO 3166"):
        rules.pseudonym("ro", 2026, 1)


@pytest.mark.parametrize(
    ("born", "uncertain", "band"),
    [
        (date(2020, 1, 1), False, AgeBand.UNDER_10),
        (date(2016, 11, 27), False, AgeBand.FROM_10_TO_13),
        (date(2012, 11, 28), False, AgeBand.FROM_10_TO_13),
        (date(2012, 11, 27), False, AgeBand.FROM_14_TO_17),
        (date(2008, 11, 27), False, AgeBand.ADULT),
        (date(1990, 1, 1), True, AgeBand.CHILD_UNKNOWN_AGE),  # presumed a child (L-15)
        (None, False, AgeBand.CHILD_UNKNOWN_AGE),
    ],
)
def test_age_bands(born: date | None, uncertain: bool, band: AgeBand) -> None:
    assert rules.age_band(born, uncertain, TODAY) is band
    assert rules.treated_as_child(band) is (band is not AgeBand.ADULT)


def _consent(i: int, kind: ConsentKind, conflicted: bool = False, **kw: object) -> ConsentFacts:
    return ConsentFacts(
        id=i, kind=kind, given_on=TODAY - timedelta(days=5), scope=ALL,
        guardian_conflicted=conflicted, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_conflicted_guardian_never_counts() -> None:
    consents = [
        _consent(1, ConsentKind.GUARDIAN_CONSENT, conflicted=True),
        _consent(2, ConsentKind.CHILD_ASSENT),
    ]
    problems = rules.consent_problems(AgeBand.FROM_10_TO_13, 1, consents, "ngo", TODAY)
    assert problems == [ConsentProblem.CONFLICTED_GUARDIAN]
    # Relying on the child's assent alone does not help: a representative is still missing.
    problems = rules.consent_problems(AgeBand.FROM_10_TO_13, 2, consents, "ngo", TODAY)
    assert problems == [ConsentProblem.CONFLICTED_GUARDIAN]


def test_a_dgaspc_decision_and_assent_suffice_for_a_child_of_uncertain_age() -> None:
    consents = [
        _consent(1, ConsentKind.CHILD_PROTECTION_DECISION),
        _consent(2, ConsentKind.CHILD_ASSENT),
    ]
    assert rules.consent_problems(AgeBand.CHILD_UNKNOWN_AGE, 1, consents, "ngo", TODAY) == []
    only_decision = consents[:1]
    assert rules.consent_problems(AgeBand.CHILD_UNKNOWN_AGE, 1, only_decision, "ngo", TODAY) == [
        ConsentProblem.MISSING_CHILD_ASSENT
    ]


def test_under_ten_needs_only_a_representative_and_adults_consent_alone() -> None:
    guardian = [_consent(1, ConsentKind.GUARDIAN_CONSENT)]
    assert rules.consent_problems(AgeBand.UNDER_10, 1, guardian, "ngo", TODAY) == []
    assert rules.consent_problems(AgeBand.ADULT, 1, guardian, "ngo", TODAY) == [
        ConsentProblem.MISSING_VICTIM_CONSENT
    ]


def test_withdrawn_or_out_of_scope_consent_is_not_in_force() -> None:
    withdrawn = ConsentFacts(
        1, ConsentKind.VICTIM_CONSENT, TODAY - timedelta(days=9), ALL, withdrawn_on=TODAY
    )
    narrow = ConsentFacts(2, ConsentKind.VICTIM_CONSENT, TODAY, frozenset({"authority"}))
    assert ConsentProblem.NOT_IN_FORCE in rules.consent_problems(
        AgeBand.ADULT, 1, [withdrawn], "ngo", TODAY
    )
    assert ConsentProblem.NOT_IN_FORCE in rules.consent_problems(
        AgeBand.ADULT, 2, [narrow], "ngo", TODAY
    )
    assert rules.consent_problems(AgeBand.ADULT, 9, [narrow], "ngo", TODAY) == [
        ConsentProblem.UNKNOWN_CONSENT
    ]


def _request(**overrides: object) -> rules.DisclosureRequest:
    values: dict[str, object] = {
        "recipient_category": "ngo",
        "recipient_organisation": "Asociația Drum Sigur Acasă",
        "recipient_country": "RO",
        "recipient_person": "",
        "purpose": "support",
        "legal_basis": "victim_assistance",
        "data_categories": ("pseudonym",),
        "consent_id": None,
        "override_reason": "urgent protection",
        "justification": "support ordered by the prosecutor",
        "handling_code": "H2",
        "retention_until": TODAY + timedelta(days=30),
    }
    values.update(overrides)
    return rules.DisclosureRequest(**values)  # type: ignore[arg-type]


def test_disclosure_checks() -> None:
    P = rules.DisclosureProblem
    assert rules.disclosure_problems(_request(), TODAY) == []
    assert rules.disclosure_problems(_request(legal_basis=""), TODAY) == [P.NO_LEGAL_BASIS]
    assert rules.disclosure_problems(_request(justification="short"), TODAY) == [P.NO_JUSTIFICATION]
    assert rules.disclosure_problems(_request(override_reason=""), TODAY) == [P.CONSENT_OR_OVERRIDE]
    assert P.CONSENT_REQUIRED in rules.disclosure_problems(
        _request(legal_basis="gdpr_consent"), TODAY
    )
    assert rules.disclosure_problems(_request(recipient_country="UA"), TODAY) == [P.TRANSFER_BASIS]
    assert (
        rules.disclosure_problems(
            _request(recipient_country="UA", legal_basis="led_transfer"), TODAY
        )
        == []
    )
    assert rules.disclosure_problems(_request(retention_until=TODAY), TODAY) == [
        P.RETENTION_NOT_FUTURE
    ]


def test_reauthentication_window() -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    assert rules.reauth_fresh(now - timedelta(minutes=4), now)
    assert not rules.reauth_fresh(now - timedelta(minutes=6), now)
    assert not rules.reauth_fresh(now + timedelta(minutes=1), now)
    assert not rules.reauth_fresh(None, now)


def test_seals_bind_key_row_and_purpose() -> None:
    key = os.urandom(32).hex()
    aad = encryption.associated_data("victim", 7, "identity")
    blob = encryption.seal_json(key, {"names": ["Ana"]}, aad)
    assert b"Ana" not in blob
    assert encryption.open_json(key, blob, aad) == {"names": ["Ana"]}
    assert encryption.seal_json(key, {"names": ["Ana"]}, aad) != blob  # fresh nonce
    with pytest.raises(encryption.SealBroken):
        encryption.open_json(key, blob, encryption.associated_data("victim", 8, "identity"))
    with pytest.raises(encryption.SealBroken):
        encryption.open_json(os.urandom(32).hex(), blob, aad)
    with pytest.raises(encryption.SealBroken):
        encryption.open_json(key, blob[:-1] + bytes([blob[-1] ^ 1]), aad)
