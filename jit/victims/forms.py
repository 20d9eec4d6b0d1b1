"""Parsing of the victims forms into service arguments. No database; Flask's request only.

Kept apart from views.py so the views stay thin: parse, call the service, commit, render.
"""

from __future__ import annotations

from datetime import date

from werkzeug.datastructures import MultiDict

from jit.victims.identity import Identity, RelationIdentity, split_lines
from jit.victims.rules import DisclosureRequest


def parse_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def parse_int(raw: str | None) -> int | None:
    try:
        return int((raw or "").strip())
    except ValueError:
        return None


def identity_from(form: MultiDict[str, str]) -> Identity:
    return Identity(
        names=split_lines(form.get("names", "")),
        aliases=split_lines(form.get("aliases", "")),
        date_of_birth=parse_date(form.get("date_of_birth")),
        national_id=form.get("national_id", "").strip(),
        nationality=form.get("nationality", "").strip(),
        addresses=split_lines(form.get("addresses", "")),
        contacts=split_lines(form.get("contacts", "")),
    )


def relation_identity_from(form: MultiDict[str, str]) -> RelationIdentity:
    return RelationIdentity(
        names=split_lines(form.get("names", "")),
        aliases=split_lines(form.get("aliases", "")),
        addresses=split_lines(form.get("addresses", "")),
        contacts=split_lines(form.get("contacts", "")),
    )


def disclosure_from(form: MultiDict[str, str]) -> tuple[DisclosureRequest, int | None]:
    """The request and the portal organisation chosen as recipient (None: typed by hand)."""
    organisation_id = parse_int(form.get("recipient_organisation_id"))
    return (
        DisclosureRequest(
            recipient_category=form.get("recipient_category", ""),
            recipient_organisation=form.get("recipient_organisation", ""),
            recipient_country=form.get("recipient_country", "").strip().upper(),
            recipient_person=form.get("recipient_person", ""),
            purpose=form.get("purpose", ""),
            legal_basis=form.get("legal_basis", ""),
            data_categories=tuple(form.getlist("data_categories")),
            consent_id=parse_int(form.get("consent_id")),
            override_reason=form.get("override_reason", ""),
            justification=form.get("justification", ""),
            handling_code=form.get("handling_code", ""),
            retention_until=parse_date(form.get("retention_until")),
        ),
        organisation_id,
    )
