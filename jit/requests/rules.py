"""Draft rules: the JSON Schema of a draft and its validation against the instrument's form.

Pure: no Flask, no database, no clock, no file access. Errors carry a message *code* and params;
the web layer translates them with gettext, :func:`FieldError.message` gives the English default.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from jit.requests.catalog import Condition, FieldType, Instrument, Item
from jit.requests.errors import DEFAULT_MESSAGES, ErrorCode, FieldError, InvalidDraft
from jit.requests.values import (
    COUNTRIES,
    EMAIL,
    LANGUAGE,
    LANGUAGE_CODES,
    MAX_LIST_ITEMS,
    NARRATIVE_MAX_CHARS,
    PHONE,
    REFERENCE_MAX_CHARS,
    TEXT_MAX_CHARS,
    check_checkboxes,
    check_date,
    check_languages,
    check_pattern,
    check_string,
    is_filled,
)

#: Handling markings printed in the header. Confidentiality of the investigation is a duty of the
#: executing State (Art. 19 Directive 2014/41/EU; Art. 12 of the JIT model agreement).
HANDLING_MARKINGS = ("confidential", "confidential-victims", "restricted")
DEFAULT_HANDLING = "confidential"
DRAFT_KEYS = ("instrument", "reference", "handling", "source_language", "fields")


@dataclass(frozen=True)
class FieldSpec:
    """One key of a draft scope: a value-bearing item, a repeatable group or an option detail."""

    id: str
    type: FieldType
    item: Item | None
    required: bool = False
    required_if: Condition | None = None
    #: All must hold for the field to apply: its own, its groups' and its section's conditions.
    only_if: tuple[Condition, ...] = ()
    max_length: int | None = None
    #: Section of the form holding the field (the wizard validates section by section).
    section: str = ""

    @property
    def limit(self) -> int:
        if self.max_length is not None:
            return self.max_length
        return NARRATIVE_MAX_CHARS if self.type is FieldType.NARRATIVE else TEXT_MAX_CHARS


# --- scopes --------------------------------------------------------------------------------------


def draft_fields(instrument: Instrument) -> list[FieldSpec]:
    """The keys of ``draft["fields"]``, in form order."""
    specs: list[FieldSpec] = []
    for section in instrument.form.sections:
        inherited = (section.only_if,) if section.only_if else ()
        specs.extend(
            replace(spec, section=section.id) for spec in _scope_specs(section.items, inherited)
        )
    return specs


def entry_fields(group: Item) -> list[FieldSpec]:
    """The keys of one entry of a repeatable group."""
    return list(_scope_specs(group.items, ()))


def _scope_specs(items: Sequence[Item], inherited: tuple[Condition, ...]) -> Iterator[FieldSpec]:
    for item in items:
        conditions = inherited + ((item.only_if,) if item.only_if else ())
        if item.type is FieldType.GROUP and not item.repeatable:
            yield from _scope_specs(item.items, conditions)
            continue
        if item.type in (FieldType.NOTE, FieldType.SIGNATURE):
            continue
        yield FieldSpec(
            id=item.id,
            type=item.type,
            item=item,
            required=item.required,
            required_if=item.required_if,
            only_if=conditions,
            max_length=item.max_length,
        )
        for option in item.all_options():
            if option.detail is None:
                continue
            op = "equals" if item.type is FieldType.CHOICE else "includes"
            ticked = Condition(op=op, field=item.id, value=option.id)
            yield FieldSpec(
                id=option.id,
                type=option.detail,
                item=None,
                required_if=ticked if option.detail_required else None,
                only_if=(*conditions, ticked),
            )


# --- validation ----------------------------------------------------------------------------------


def validate_draft(
    instrument: Instrument, draft: Any, *, sections: Collection[str] | None = None
) -> list[FieldError]:
    """Every problem of the draft, in form order; an empty list means it can be rendered.

    With ``sections``, a missing required field counts only in those sections: the wizard saves
    a partly filled draft while still refusing wrong values anywhere.
    """
    errors = _validate(instrument, draft)
    if sections is None:
        return errors
    where = {spec.id: spec.section for spec in draft_fields(instrument)}
    return [
        error
        for error in errors
        if error.code is not ErrorCode.REQUIRED
        or not error.path.startswith("fields.")
        or where.get(top_field(error.path), "") in sections
    ]


def top_field(path: str) -> str:
    """ "fields.E.1[0].E.1.i.t1" -> "E.1": the draft key that holds the value."""
    return path.removeprefix("fields.").split("[", 1)[0]


def _validate(instrument: Instrument, draft: Any) -> list[FieldError]:
    if not isinstance(draft, dict):
        return [FieldError("", ErrorCode.NOT_AN_OBJECT)]
    errors = [FieldError(key, ErrorCode.UNKNOWN_FIELD) for key in draft if key not in DRAFT_KEYS]
    found = draft.get("instrument")
    if found != instrument.id:
        errors.append(
            FieldError(
                "instrument",
                ErrorCode.WRONG_INSTRUMENT,
                {"found": str(found), "expected": instrument.id},
            )
        )
    errors.extend(check_string("reference", draft.get("reference"), REFERENCE_MAX_CHARS, True))
    handling = draft.get("handling", DEFAULT_HANDLING)
    if handling not in HANDLING_MARKINGS:
        errors.append(
            FieldError(
                "handling", ErrorCode.INVALID_HANDLING, {"choices": ", ".join(HANDLING_MARKINGS)}
            )
        )
    source = draft.get("source_language")
    if not isinstance(source, str) or source not in LANGUAGE_CODES:
        errors.append(
            FieldError("source_language", ErrorCode.INVALID_LANGUAGE, {"value": str(source)})
        )
    values = draft.get("fields")
    if not isinstance(values, dict):
        errors.append(FieldError("fields", ErrorCode.WRONG_TYPE, {"expected": "an object"}))
        return errors
    items = [item for section in instrument.form.sections for item in section.items]
    errors.extend(_check_scope(draft_fields(instrument), values, None, "fields.", items))
    return errors


def _check_scope(
    specs: Sequence[FieldSpec],
    values: Mapping[str, Any],
    top: Mapping[str, Any] | None,
    prefix: str,
    items: Sequence[Item],
) -> list[FieldError]:
    """Check one scope: the draft's fields (``top`` is None) or one entry of a repeatable group."""
    known = {spec.id for spec in specs}
    errors = [
        FieldError(prefix + key, ErrorCode.UNKNOWN_FIELD) for key in values if key not in known
    ]
    valid: dict[str, Any] = {}
    for spec in specs:
        value = values.get(spec.id)
        if not is_filled(value):
            continue
        problems = _check_value(spec, value, values if top is None else top, prefix + spec.id)
        errors.extend(problems)
        if not problems:
            valid[spec.id] = value
    # Inside an entry, conditions look at the entry first and then at the whole draft (e.g. the
    # position of a person may depend on a measure ticked in another section).
    for spec in specs:
        path = prefix + spec.id
        filled = spec.id in valid
        failing = next((c for c in spec.only_if if not evaluate(c, valid, top)), None)
        if filled and failing is not None:
            errors.append(
                FieldError(path, ErrorCode.CONTRADICTION, {"condition": describe(failing)})
            )
        needed = spec.required or (
            spec.required_if is not None and evaluate(spec.required_if, valid, top)
        )
        if needed and failing is None and not is_filled(values.get(spec.id)):
            errors.append(FieldError(path, ErrorCode.REQUIRED))
    for first, second in _exclusive_pairs(items):
        if _group_filled(first, valid) and _group_filled(second, valid):
            errors.append(
                FieldError(
                    prefix.rstrip(".") or "fields",
                    ErrorCode.EXCLUSIVE_ENTRIES,
                    {"first": first.id, "second": second.id},
                )
            )
    return errors


def _exclusive_pairs(items: Sequence[Item]) -> Iterator[tuple[Item, Item]]:
    """Groups such as "natural person" / "legal person" of one entry exclude each other."""
    groups = {}
    stack = list(items)
    while stack:
        item = stack.pop()
        if item.type is FieldType.GROUP and not item.repeatable:
            groups[item.id] = item
            stack.extend(item.items)
    for group in groups.values():
        for other_id in group.exclusive_with:
            other = groups.get(other_id)
            if other is not None and group.id < other_id:
                yield group, other


def _group_filled(group: Item, valid: Mapping[str, Any]) -> bool:
    return any(item.id in valid for item in group.walk())


def _check_value(
    spec: FieldSpec, value: Any, top: Mapping[str, Any], path: str
) -> list[FieldError]:
    """Type and size of one value; ``top`` is the draft's fields (for entries' conditions)."""
    kind = spec.type
    if kind in (FieldType.TEXT, FieldType.NARRATIVE):
        return check_string(path, value, spec.limit, False)
    if kind is FieldType.EMAIL:
        return check_pattern(path, value, EMAIL, ErrorCode.INVALID_EMAIL)
    if kind is FieldType.PHONE:
        return check_pattern(path, value, PHONE, ErrorCode.INVALID_PHONE)
    if kind is FieldType.DATE:
        return check_date(path, value)
    if kind is FieldType.COUNTRY:
        if not isinstance(value, str):
            return [FieldError(path, ErrorCode.WRONG_TYPE, {"expected": "a country code"})]
        if value not in COUNTRIES:
            return [FieldError(path, ErrorCode.INVALID_COUNTRY, {"value": value[:20]})]
        return []
    if kind is FieldType.LANGUAGES:
        return check_languages(path, value)
    if kind is FieldType.CHOICE:
        choices = {option.id for option in _item(spec).options}
        if not isinstance(value, str):
            return [FieldError(path, ErrorCode.WRONG_TYPE, {"expected": "one option id"})]
        if value not in choices:
            return [FieldError(path, ErrorCode.INVALID_OPTION, {"value": value[:60]})]
        return []
    if kind is FieldType.CHECKBOXES:
        return check_checkboxes(_item(spec), value, path)
    if kind is FieldType.GROUP:
        return _check_entries(_item(spec), value, top, path)
    return [FieldError(path, ErrorCode.UNKNOWN_FIELD)]


def _item(spec: FieldSpec) -> Item:
    """Choice, checkbox and group specs always carry their item; option details never do."""
    if spec.item is None:
        raise TypeError(f"{spec.id} has no form item")
    return spec.item


def _check_entries(group: Item, value: Any, top: Mapping[str, Any], path: str) -> list[FieldError]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return [FieldError(path, ErrorCode.WRONG_TYPE, {"expected": "a list of entries"})]
    if len(value) > group.max_items:
        return [
            FieldError(
                path, ErrorCode.TOO_MANY_ITEMS, {"count": len(value), "limit": group.max_items}
            )
        ]
    specs = entry_fields(group)
    errors: list[FieldError] = []
    for index, entry in enumerate(value):
        errors.extend(_check_scope(specs, entry, top, f"{path}[{index}].", group.items))
    return errors


def evaluate(
    condition: Condition, values: Mapping[str, Any], top: Mapping[str, Any] | None = None
) -> bool:
    """Evaluate against the entry's values, falling back to the whole draft."""
    if condition.op == "any":
        return any(evaluate(term, values, top) for term in condition.terms)
    if condition.op == "all":
        return all(evaluate(term, values, top) for term in condition.terms)
    value = values.get(condition.field)
    if value is None and top is not None:
        value = top.get(condition.field)
    if condition.op == "equals":
        return bool(value == condition.value)
    if condition.op == "includes":
        return isinstance(value, list) and condition.value in value
    return is_filled(value)


def describe(condition: Condition) -> str:
    """Plain description of a condition, naming the fields (used in error params)."""
    if condition.op in ("any", "all"):
        joiner = " or " if condition.op == "any" else " and "
        return joiner.join(describe(term) for term in condition.terms)
    if condition.op == "equals":
        return f"{condition.field} is {condition.value}"
    if condition.op == "includes":
        return f"{condition.field} includes {condition.value}"
    return f"{condition.field} is filled in"


# --- schema and example --------------------------------------------------------------------------


def draft_schema(instrument: Instrument) -> dict[str, Any]:
    """JSON Schema (2020-12) of a draft. Conditions between fields are described in
    ``x-only-if`` / ``x-required-if`` and enforced by :func:`validate_draft`."""
    english = instrument.labels.get("en")
    specs = draft_fields(instrument)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:safeborders-jit:requests:draft:{instrument.id}",
        "title": f"Draft: {english.get('title') if english else instrument.id}",
        "description": instrument.form.legal_basis,
        "type": "object",
        "additionalProperties": False,
        "required": ["instrument", "reference", "source_language", "fields"],
        "properties": {
            "instrument": {"const": instrument.id},
            "reference": {"type": "string", "minLength": 1, "maxLength": REFERENCE_MAX_CHARS},
            "handling": {"enum": list(HANDLING_MARKINGS), "default": DEFAULT_HANDLING},
            "source_language": {
                "type": "string",
                "pattern": LANGUAGE.pattern,
                "description": "Language in which the free text of the draft is written.",
            },
            "fields": _scope_schema(specs, english.labels if english else {}),
        },
    }


def _scope_schema(specs: Sequence[FieldSpec], labels: Mapping[str, str]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [s.id for s in specs if s.required and not s.only_if],
        "properties": {spec.id: _field_schema(spec, labels) for spec in specs},
    }


def _field_schema(spec: FieldSpec, labels: Mapping[str, str]) -> dict[str, Any]:
    schema: dict[str, Any]
    kind = spec.type
    if kind in (FieldType.TEXT, FieldType.NARRATIVE):
        schema = {"type": "string", "maxLength": spec.limit}
    elif kind is FieldType.EMAIL:
        schema = {"type": "string", "format": "email", "maxLength": TEXT_MAX_CHARS}
    elif kind is FieldType.PHONE:
        schema = {"type": "string", "pattern": PHONE.pattern}
    elif kind is FieldType.DATE:
        schema = {"type": "string", "format": "date"}
    elif kind is FieldType.COUNTRY:
        schema = {"type": "string", "enum": sorted(COUNTRIES)}
    elif kind is FieldType.LANGUAGES:
        schema = {
            "type": "array",
            "uniqueItems": True,
            "maxItems": MAX_LIST_ITEMS,
            "items": {"type": "string", "pattern": LANGUAGE.pattern},
        }
    elif kind is FieldType.CHOICE:
        schema = {"enum": [option.id for option in _item(spec).options]}
    elif kind is FieldType.CHECKBOXES:
        schema = {
            "type": "array",
            "uniqueItems": True,
            "items": {"enum": [option.id for option in _item(spec).all_options()]},
        }
    else:
        schema = {
            "type": "array",
            "maxItems": _item(spec).max_items,
            "items": _scope_schema(entry_fields(_item(spec)), labels),
        }
    if spec.id in labels:
        schema["description"] = labels[spec.id]
    schema["x-type"] = str(kind)
    if spec.only_if:
        schema["x-only-if"] = " and ".join(describe(c) for c in spec.only_if)
    if spec.required_if is not None:
        schema["x-required-if"] = describe(spec.required_if)
    return schema


def example_draft(instrument: Instrument) -> dict[str, Any]:
    """A complete filled example (fictional Romanian–French forced-criminality JIT)."""
    return copy.deepcopy(dict(instrument.example))


__all__ = [
    "DEFAULT_HANDLING",
    "DEFAULT_MESSAGES",
    "HANDLING_MARKINGS",
    "MAX_LIST_ITEMS",
    "NARRATIVE_MAX_CHARS",
    "REFERENCE_MAX_CHARS",
    "TEXT_MAX_CHARS",
    "ErrorCode",
    "FieldError",
    "FieldSpec",
    "InvalidDraft",
    "describe",
    "draft_fields",
    "draft_schema",
    "entry_fields",
    "evaluate",
    "example_draft",
    "is_filled",
    "top_field",
    "validate_draft",
]
