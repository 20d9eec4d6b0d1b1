"""Display names and messages of the victims concept (translated when shown only; stored
values and audit entries stay as codes)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from jit.victims.models import Regime, RelationKind, SubjectCategory
from jit.victims.rules import AgeBand, ConsentKind, ConsentProblem, DisclosureProblem

REGIMES = {
    Regime.LED: _l("Law Enforcement Directive (EU) 2016/680"),
    Regime.GDPR: _l("GDPR (EU) 2016/679"),
}
CATEGORIES = {
    SubjectCategory.VICTIM: _l("Victim"),
    SubjectCategory.POSSIBLE_VICTIM: _l("Possible victim"),
}
RELATION_KINDS = {
    RelationKind.GUARDIAN: _l("Legal guardian"),
    RelationKind.RELATIVE: _l("Relative"),
}
RELATIONSHIPS = {
    "parent": _l("Parent"),
    "legal_guardian": _l("Appointed guardian"),
    "foster_parent": _l("Foster parent"),
    "sibling": _l("Sibling"),
    "other_relative": _l("Other relative"),
}
CONSENT_KINDS = {
    ConsentKind.CHILD_ASSENT: _l("Child's assent"),
    ConsentKind.GUARDIAN_CONSENT: _l("Guardian's consent"),
    ConsentKind.VICTIM_CONSENT: _l("Victim's own consent"),
    ConsentKind.REPRESENTATIVE_CONSENT: _l("Court-appointed representative's consent"),
    ConsentKind.CHILD_PROTECTION_DECISION: _l("Child-protection (DGASPC) decision"),
}
AGE_BANDS = {
    AgeBand.UNDER_10: _l("Child under 10"),
    AgeBand.FROM_10_TO_13: _l("Child aged 10 to 13"),
    AgeBand.FROM_14_TO_17: _l("Child aged 14 to 17"),
    AgeBand.ADULT: _l("Adult"),
    AgeBand.CHILD_UNKNOWN_AGE: _l("Age uncertain: treated as a child"),
}
RECIPIENT_CATEGORIES = {
    "jit_party": _l("Another JIT party"),
    "authority": _l("An authority"),
    "ngo": _l("A non-governmental organisation"),
}
LEGAL_BASES = {
    "led_art8": _l("Task of a competent authority"),
    "jit_purpose": _l("Purposes of the joint investigation team"),
    "victim_assistance": _l("Assistance and support to the victim"),
    "child_protection": _l("Protection of the child"),
    "gdpr_consent": _l("Explicit consent"),
    "led_transfer": _l("Transfer to a third country with appropriate safeguards"),
}
HANDLING_CODES = {
    "H0": _l("H0: may be used in judicial proceedings"),
    "H1": _l("H1: not to be used in judicial proceedings without the provider's permission"),
    "H2": _l("H2: not to be passed on without the provider's permission"),
    "H3": _l("H3: other restrictions, stated in the purpose"),
}
DATA_CATEGORIES = {
    "pseudonym": _l("Pseudonym"),
    "redacted_statement": _l("Redacted statement"),
    "age_band": _l("Age band"),
    "nationality": _l("Nationality"),
    "protection_needs": _l("Protection needs"),
}
DISCLOSURE_PROBLEMS = {
    DisclosureProblem.NO_LEGAL_BASIS: _l("Choose the legal basis of the disclosure."),
    DisclosureProblem.NO_JUSTIFICATION: _l(
        "Write the justification of the disclosure (at least 10 characters)."
    ),
    DisclosureProblem.NO_PURPOSE: _l("State the purpose of the disclosure."),
    DisclosureProblem.NO_RECIPIENT: _l("Name the recipient organisation and its country."),
    DisclosureProblem.BAD_CATEGORY: _l("Choose the kind of recipient."),
    DisclosureProblem.NO_DATA_CATEGORIES: _l("Choose the categories of data disclosed."),
    DisclosureProblem.BAD_HANDLING_CODE: _l("Choose a handling code."),
    DisclosureProblem.RETENTION_NOT_FUTURE: _l("The retention date must be in the future."),
    DisclosureProblem.CONSENT_OR_OVERRIDE: _l(
        "Choose the consent the disclosure relies on, or give the reason for disclosing"
        " without consent."
    ),
    DisclosureProblem.CONSENT_REQUIRED: _l("This legal basis requires a recorded consent."),
    DisclosureProblem.TRANSFER_BASIS: _l(
        "The recipient is outside the EU and EEA: choose the legal basis for a transfer."
    ),
}
CONSENT_PROBLEMS = {
    ConsentProblem.CONFLICTED_GUARDIAN: _l(
        "This guardian is involved in the case or linked to a suspect and cannot give valid"
        " consent for the child. Obtain the consent of a court-appointed representative or a"
        " decision of the child-protection service (DGASPC), and record it."
    ),
    ConsentProblem.NOT_IN_FORCE: _l(
        "The chosen consent is withdrawn, not yet given, or does not cover this kind of recipient."
    ),
    ConsentProblem.MISSING_REPRESENTATIVE: _l(
        "For a child, the consent of a legal representative (a guardian not involved in the"
        " case, a court-appointed representative or a DGASPC decision) must be recorded."
    ),
    ConsentProblem.MISSING_CHILD_ASSENT: _l(
        "The child's own assent must be recorded as well (from the age of 10, or when the age"
        " is uncertain)."
    ),
    ConsentProblem.MISSING_VICTIM_CONSENT: _l("The victim's own consent must be recorded."),
    ConsentProblem.UNKNOWN_CONSENT: _l("The chosen consent does not belong to this victim."),
}
STATEMENT_REJECTIONS = {
    "empty": _l("The file is empty."),
    "too_large": _l("The file is too large."),
    "not_utf8": _l("A text statement must be saved as UTF-8."),
    "unsupported_type": _l("Only .docx and .txt statements are accepted."),
    "InvalidDocument": _l("This is not a valid Word document."),
    "ArchiveTooLarge": _l("The document expands to an unsafe size (possible zip bomb)."),
    "UnsafeMemberName": _l("The document contains unsafe file names."),
    "ForbiddenXml": _l("The document contains external entities or a DOCTYPE, which are refused."),
    "UnsupportedContent": _l(
        "The document contains content that cannot be cleaned (macros, embedded objects)."
    ),
}
GENERIC_REJECTION = _l("The document was refused.")


def label(table: dict[str, LazyString], code: str) -> LazyString | str:
    return table.get(code, code)
