"""Draft errors in the user's language: one gettext string per ErrorCode, with the field named
by its label in the UI language (web layer only; rules.py stays untranslated, STYLE B18)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from jit.requests.errors import ErrorCode, FieldError

MESSAGES: Mapping[ErrorCode, Any] = {
    ErrorCode.NOT_AN_OBJECT: _l("The draft must be a JSON object."),
    ErrorCode.WRONG_INSTRUMENT: _l("This draft is for %(found)s, not %(expected)s."),
    ErrorCode.UNKNOWN_FIELD: _l("%(field)s is not part of this form."),
    ErrorCode.REQUIRED: _l("%(field)s is required."),
    ErrorCode.WRONG_TYPE: _l("%(field)s must be %(expected)s."),
    ErrorCode.TOO_LONG: _l("%(field)s has %(length)s characters; the limit is %(limit)s."),
    ErrorCode.TOO_MANY_ITEMS: _l("%(field)s has %(count)s entries; the limit is %(limit)s."),
    ErrorCode.INVALID_CHARACTERS: _l(
        "%(field)s contains control characters that cannot be printed."
    ),
    ErrorCode.INVALID_OPTION: _l("%(field)s: %(value)s is not one of the form's options."),
    ErrorCode.DUPLICATE_OPTION: _l("%(field)s: %(value)s is ticked twice."),
    ErrorCode.INVALID_DATE: _l("%(field)s must be a date written YYYY-MM-DD."),
    ErrorCode.INVALID_COUNTRY: _l("%(field)s: %(value)s is not an ISO 3166 country code."),
    ErrorCode.INVALID_LANGUAGE: _l("%(field)s: %(value)s is not an ISO 639 language code."),
    ErrorCode.INVALID_EMAIL: _l("%(field)s is not an e-mail address."),
    ErrorCode.INVALID_PHONE: _l("%(field)s is not a telephone number."),
    ErrorCode.INVALID_HANDLING: _l("%(field)s must be one of %(choices)s."),
    ErrorCode.CONTRADICTION: _l("%(field)s is filled in, but it applies only when %(condition)s."),
    ErrorCode.EXCLUSIVE_OPTIONS: _l("%(field)s: %(options)s cannot be ticked together."),
    ErrorCode.OPTION_WITHOUT_PARENT: _l("%(field)s: %(value)s is ticked without %(parent)s."),
    ErrorCode.EXCLUSIVE_ENTRIES: _l("%(field)s: fill in either %(first)s or %(second)s, not both."),
}

#: Names of the values outside the form's sections.
META_FIELDS: Mapping[str, Any] = {
    "": _l("The draft"),
    "draft": _l("The draft"),
    "instrument": _l("Instrument"),
    "reference": _l("Reference"),
    "handling": _l("Handling marking"),
    "source_language": _l("Language of the free text"),
    "output_language": _l("Document language"),
    "direction": _l("Direction"),
    "issuing_state": _l("Issuing State"),
    "executing_state": _l("Executing State"),
    "fields": _l("The form"),
    "note": _l("Note"),
}

EXPECTED: Mapping[str, Any] = {
    "an object": _l("an object"),
    "text": _l("text"),
    "a country code": _l("a country code"),
    "one option id": _l("one of the options"),
    "a list of option ids": _l("a list of options"),
    "a list of language codes": _l("a list of language codes"),
    "a list of entries": _l("a list of entries"),
}

_ENTRY = re.compile(r"^(?P<group>.+?)\[(?P<index>\d+)\]\.(?P<key>.+)$")
_TERM = re.compile(r"^(?P<field>\S+) (?:is|includes) (?P<option>\S+)$")
_FILLED = re.compile(r"^(?P<field>\S+) is filled in$")

Label = Callable[[str], str]


def _(text: str, **params: Any) -> str:
    # flask_babel is untyped; this keeps the module's str contract checked.
    result: str = gettext(text, **params)
    return result


#: Condition code of the service's own check (a request goes to another State).
STATES_DIFFER = "states_differ"


def short(text: str, limit: int = 80) -> str:
    text = text.strip().rstrip(":").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_name(path: str, label: Label) -> str:
    if not path.startswith("fields."):
        name = META_FIELDS.get(path)
        return str(name) if name is not None else path
    rest = path.removeprefix("fields.")
    entry = _ENTRY.match(rest)
    key = entry.group("key") if entry else rest
    text = short(label(key)) or key
    if entry:
        return _(
            "%(label)s (%(id)s, entry %(number)s)",
            label=text,
            id=key,
            number=int(entry.group("index")) + 1,
        )
    return f"{text} ({key})"


def condition_text(condition: str, label: Label) -> str:
    """Turn rules.describe() output ("C.1 includes C.cb4 or ...") into words with labels."""
    if condition == STATES_DIFFER:
        return _("the executing State is not the issuing State")
    for joiner, word in ((" or ", _(" or ")), (" and ", _(" and "))):
        if joiner in condition:
            return word.join(condition_text(part, label) for part in condition.split(joiner))
    filled = _FILLED.match(condition)
    if filled:
        return _("“%(label)s” is filled in", label=short(label(filled.group("field"))))
    term = _TERM.match(condition)
    if term:
        return _("“%(label)s” is chosen", label=short(label(term.group("option"))))
    return condition


def message(error: FieldError, label: Label) -> str:
    params: dict[str, Any] = dict(error.params)
    params["field"] = field_name(error.path, label)
    for key in ("value", "parent", "first", "second"):
        if key in params and isinstance(params[key], str) and label(params[key]) != params[key]:
            params[key] = f"“{short(label(params[key]))}”"
    if "options" in params:
        params["options"] = ", ".join(
            f"“{short(label(part.strip()))}”" for part in str(params["options"]).split(",")
        )
    if "expected" in params and error.code is ErrorCode.WRONG_TYPE:
        params["expected"] = str(EXPECTED.get(str(params["expected"]), params["expected"]))
    if "condition" in params:
        params["condition"] = condition_text(str(params["condition"]), label)
    text: str = str(MESSAGES[error.code]) % params
    return text
