"""Type and size checks of single draft values (text, dates, codes, boxes).

Pure: no Flask, no database, no clock. Country and language codes come from Babel's CLDR data.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from babel import Locale

from jit.requests.errors import ErrorCode, FieldError
from jit.requests.model import Item

#: One line of text (names, numbers, addresses). Longer content belongs in a narrative field.
TEXT_MAX_CHARS = 2_000
#: About ten printed pages: a summary of facts longer than that goes into an attachment, and the
#: limit keeps a pasted 1 MB file from producing an unreadable form (issue 3, "bad input").
NARRATIVE_MAX_CHARS = 30_000
REFERENCE_MAX_CHARS = 120
MAX_LIST_ITEMS = 50

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{3,30}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _known_countries() -> frozenset[str]:
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(code for code in codes if re.fullmatch("[A-Z]{2}", code))


def _known_languages() -> frozenset[str]:
    codes = (str(code) for code in Locale("en").languages)
    return frozenset(code for code in codes if LANGUAGE.fullmatch(code))


COUNTRIES = _known_countries()
LANGUAGE_CODES = _known_languages()


def check_string(path: str, value: Any, limit: int, required: bool) -> list[FieldError]:
    if value is None or value == "":
        return [FieldError(path, ErrorCode.REQUIRED)] if required else []
    if not isinstance(value, str):
        return [FieldError(path, ErrorCode.WRONG_TYPE, {"expected": "text"})]
    if len(value) > limit:
        return [FieldError(path, ErrorCode.TOO_LONG, {"length": len(value), "limit": limit})]
    if CONTROL_CHARACTERS.search(value):
        return [FieldError(path, ErrorCode.INVALID_CHARACTERS)]
    return []


def check_pattern(
    path: str, value: Any, pattern: re.Pattern[str], code: ErrorCode
) -> list[FieldError]:
    problems = check_string(path, value, TEXT_MAX_CHARS, False)
    if problems:
        return problems
    return [] if pattern.match(value.strip()) else [FieldError(path, code)]


def check_date(path: str, value: Any) -> list[FieldError]:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return [FieldError(path, ErrorCode.INVALID_DATE)]
    try:
        date.fromisoformat(value)
    except ValueError:
        return [FieldError(path, ErrorCode.INVALID_DATE)]
    return []


def check_languages(path: str, value: Any) -> list[FieldError]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [FieldError(path, ErrorCode.WRONG_TYPE, {"expected": "a list of language codes"})]
    if len(value) > MAX_LIST_ITEMS:
        return [
            FieldError(
                path, ErrorCode.TOO_MANY_ITEMS, {"count": len(value), "limit": MAX_LIST_ITEMS}
            )
        ]
    return [
        FieldError(path, ErrorCode.INVALID_LANGUAGE, {"value": code[:20]})
        for code in value
        if code not in LANGUAGE_CODES
    ]


def check_checkboxes(item: Item, value: Any, path: str) -> list[FieldError]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [FieldError(path, ErrorCode.WRONG_TYPE, {"expected": "a list of option ids"})]
    parents: dict[str, str] = {}
    for option in item.all_options():
        parents.update((child.id, option.id) for child in option.children)
    known = {option.id for option in item.all_options()}
    errors: list[FieldError] = []
    seen: set[str] = set()
    for ticked in value:
        if ticked not in known:
            errors.append(FieldError(path, ErrorCode.INVALID_OPTION, {"value": ticked[:60]}))
        elif ticked in seen:
            errors.append(FieldError(path, ErrorCode.DUPLICATE_OPTION, {"value": ticked}))
        elif ticked in parents and parents[ticked] not in value:
            # E.g. "witness" under "Hearing" in EIO Section C: the sub-box qualifies its parent.
            errors.append(
                FieldError(
                    path,
                    ErrorCode.OPTION_WITHOUT_PARENT,
                    {"value": ticked, "parent": parents[ticked]},
                )
            )
        seen.add(ticked)
    for group in item.exclusive:
        clash = [option for option in group if option in seen]
        if len(clash) > 1:
            errors.append(
                FieldError(path, ErrorCode.EXCLUSIVE_OPTIONS, {"options": ", ".join(clash)})
            )
    return errors


def is_filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True
