"""Draft errors: a message code with params per problem, and English default messages.

Pure. The web layer translates the codes with gettext; nothing here is translated (STYLE B18).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class ErrorCode(StrEnum):
    NOT_AN_OBJECT = "not_an_object"
    WRONG_INSTRUMENT = "wrong_instrument"
    UNKNOWN_FIELD = "unknown_field"
    REQUIRED = "required"
    WRONG_TYPE = "wrong_type"
    TOO_LONG = "too_long"
    TOO_MANY_ITEMS = "too_many_items"
    INVALID_CHARACTERS = "invalid_characters"
    INVALID_OPTION = "invalid_option"
    DUPLICATE_OPTION = "duplicate_option"
    INVALID_DATE = "invalid_date"
    INVALID_COUNTRY = "invalid_country"
    INVALID_LANGUAGE = "invalid_language"
    INVALID_EMAIL = "invalid_email"
    INVALID_PHONE = "invalid_phone"
    INVALID_HANDLING = "invalid_handling"
    CONTRADICTION = "contradiction"
    EXCLUSIVE_OPTIONS = "exclusive_options"
    OPTION_WITHOUT_PARENT = "option_without_parent"
    EXCLUSIVE_ENTRIES = "exclusive_entries"


#: English defaults; %-style named placeholders so translators can reorder them (STYLE B14).
DEFAULT_MESSAGES: Mapping[ErrorCode, str] = {
    ErrorCode.NOT_AN_OBJECT: "The draft must be a JSON object.",
    ErrorCode.WRONG_INSTRUMENT: "This draft is for %(found)s, not %(expected)s.",
    ErrorCode.UNKNOWN_FIELD: "%(field)s is not part of this form.",
    ErrorCode.REQUIRED: "%(field)s is required.",
    ErrorCode.WRONG_TYPE: "%(field)s must be %(expected)s.",
    ErrorCode.TOO_LONG: "%(field)s has %(length)s characters; the limit is %(limit)s.",
    ErrorCode.TOO_MANY_ITEMS: "%(field)s has %(count)s entries; the limit is %(limit)s.",
    ErrorCode.INVALID_CHARACTERS: "%(field)s contains control characters that cannot be printed.",
    ErrorCode.INVALID_OPTION: "%(field)s: %(value)s is not one of the form's options.",
    ErrorCode.DUPLICATE_OPTION: "%(field)s: %(value)s is ticked twice.",
    ErrorCode.INVALID_DATE: "%(field)s must be a date written YYYY-MM-DD.",
    ErrorCode.INVALID_COUNTRY: "%(field)s: %(value)s is not an ISO 3166 country code.",
    ErrorCode.INVALID_LANGUAGE: "%(field)s: %(value)s is not an ISO 639 language code.",
    ErrorCode.INVALID_EMAIL: "%(field)s is not an e-mail address.",
    ErrorCode.INVALID_PHONE: "%(field)s is not a telephone number.",
    ErrorCode.INVALID_HANDLING: "%(field)s must be one of %(choices)s.",
    ErrorCode.CONTRADICTION: "%(field)s is filled in, but it applies only when %(condition)s.",
    ErrorCode.EXCLUSIVE_OPTIONS: "%(field)s: %(options)s cannot be ticked together.",
    ErrorCode.OPTION_WITHOUT_PARENT: "%(field)s: %(value)s is ticked without %(parent)s.",
    ErrorCode.EXCLUSIVE_ENTRIES: "%(field)s: fill in either %(first)s or %(second)s, not both.",
}


@dataclass(frozen=True)
class FieldError:
    #: Where the problem is: "reference", "fields.G.1", "fields.E.1[0].E.1.i.t1".
    path: str
    code: ErrorCode
    params: Mapping[str, str | int] = field(default_factory=dict)

    def message(self) -> str:
        return DEFAULT_MESSAGES[self.code] % {"field": self.path, **self.params}

    def __str__(self) -> str:
        return self.message()


class InvalidDraft(ValueError):
    """Raised by composition when a draft does not pass :func:`validate_draft`."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__("; ".join(error.message() for error in errors[:5]))
        self.errors = tuple(errors)
