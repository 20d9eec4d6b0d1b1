"""The wizard's HTML form of one section, generic over every instrument: input names, parsing
of the posted values into draft values, and the value helpers the templates use.

Input names: ``f|<id>`` for a value of the draft, ``e|<group>|<n>|<id>`` for the value of entry
n of a repeatable group (ids contain dots, never a bar). No Flask: the form is a werkzeug MultiDict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from werkzeug.datastructures import MultiDict

from jit.requests.catalog import FieldType, Item, Option, Section

#: Blank entries offered after the filled ones of a repeatable group ("add another").
BLANK_ENTRIES = 1
_SPLIT = re.compile(r"[\s,;]+")


FormData = MultiDict[str, str]


def name(item_id: str, group: str = "", index: int | None = None) -> str:
    if group and index is not None:
        return f"e|{group}|{index}|{item_id}"
    return f"f|{item_id}"


def path(item_id: str, group: str = "", index: int | None = None) -> str:
    """The FieldError path of a value (see jit.requests.rules)."""
    if group and index is not None:
        return f"fields.{group}[{index}].{item_id}"
    return f"fields.{item_id}"


def parse_section(section: Section, form: FormData) -> dict[str, Any]:
    """The draft values posted for one section; empty inputs are left out."""
    values: dict[str, Any] = {}
    _parse_items(section.items, form, values, "", None)
    return values


def _parse_items(
    items: Iterable[Item], form: FormData, out: dict[str, Any], group: str, index: int | None
) -> None:
    for item in items:
        if item.type is FieldType.GROUP and item.repeatable:
            entries = []
            for number in range(_posted_entries(form, item)):
                entry: dict[str, Any] = {}
                _parse_items(item.items, form, entry, item.id, number)
                if entry:
                    entries.append(entry)
            if entries:
                out[item.id] = entries
        elif item.type is FieldType.GROUP:
            _parse_items(item.items, form, out, group, index)
        elif item.type in (FieldType.NOTE, FieldType.SIGNATURE):
            continue
        else:
            value = _parse_value(item.type, form, name(item.id, group, index))
            if value is not None:
                out[item.id] = value
            for option in item.all_options():
                if option.detail is not None:
                    detail = _parse_value(option.detail, form, name(option.id, group, index))
                    if detail is not None:
                        out[option.id] = detail


def _posted_entries(form: FormData, group: Item) -> int:
    raw = form.get(f"n|{group.id}", "0")
    count = int(raw) if isinstance(raw, str) and raw.isdigit() else 0
    return min(count, group.max_items + BLANK_ENTRIES)


def _parse_value(kind: FieldType, form: FormData, key: str) -> Any:
    if kind is FieldType.CHECKBOXES:
        ticked = [str(v) for v in form.getlist(key) if str(v)]
        return ticked or None
    raw = form.get(key)
    if not isinstance(raw, str):
        return None
    # Browsers send CRLF in text areas; the draft keeps plain newlines.
    text = raw.replace("\r\n", "\n").strip()
    if not text:
        return None
    if kind is FieldType.LANGUAGES:
        return [code.lower() for code in _SPLIT.split(text) if code]
    if kind is FieldType.COUNTRY:
        return text.upper()
    return text


def entries_to_show(group: Item, value: Any) -> int:
    filled = len(value) if isinstance(value, list) else 0
    return min(filled + BLANK_ENTRIES, group.max_items) if filled < group.max_items else filled


def display(value: Any) -> str:
    """A value as typed in an input (languages back to "ro, fr")."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def ticked(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list):
        return frozenset(str(v) for v in value)
    return frozenset()


def options_flat(options: Iterable[Option], level: int = 0) -> list[tuple[Option, int]]:
    """Options with their nesting level (sub-boxes such as "witness" under "hearing")."""
    rows: list[tuple[Option, int]] = []
    for option in options:
        rows.append((option, level))
        rows.extend(options_flat(option.children, level + 1))
    return rows


def scope_of(values: Mapping[str, Any], group: str, index: int | None) -> Mapping[str, Any]:
    if group and index is not None:
        entries = values.get(group)
        if isinstance(entries, list) and index < len(entries) and isinstance(entries[index], dict):
            entry: Mapping[str, Any] = entries[index]
            return entry
        return {}
    return values
