"""Instrument catalog: the form structures and label files under ``evidence_requests/``.

Reads JSON files from the catalog directory and nothing else: no Flask, no database, no clock.
The file formats are documented in ``evidence_requests/README.md`` and described by the JSON
Schemas in ``evidence_requests/_schema/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jit.requests.model import (
    DETAIL_TYPES,
    OPTION_TYPES,
    VALUE_TYPES,
    Condition,
    FieldType,
    Form,
    Instrument,
    Item,
    LabelSet,
    Option,
    Provenance,
    Section,
    UnknownLanguage,
)

#: The catalog shipped with the code base (repository root / evidence_requests).
CATALOG_DIR = Path(__file__).resolve().parents[2] / "evidence_requests"
#: Languages every instrument must offer (issue 3): the portal's five working languages.
REQUIRED_LANGUAGES = ("en", "ro", "fr", "de", "it")
FORM_FORMAT = "jit-instrument-form/1"
LABELS_FORMAT = "jit-instrument-labels/1"
#: Folder holding the document "chrome" (header, footer, notices) in every language.
DOCUMENT_LABELS_ID = "_document"
#: Label keys an instrument may carry besides its sections, items and options.
OPTIONAL_LABEL_KEYS = frozenset({"annex", "subtitle", "intro"})
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class CatalogError(Exception):
    """A form file of the catalog is malformed (a bug in shipped data, not user input)."""


class UnknownInstrument(LookupError):
    """No folder of that name in the catalog."""

    def __init__(self, instrument_id: str, choices: tuple[str, ...]) -> None:
        super().__init__(
            f"unknown instrument {instrument_id!r}; choose one of: {', '.join(choices)}"
        )
        self.instrument_id = instrument_id
        self.choices = choices


@dataclass(frozen=True)
class InstrumentInfo:
    id: str
    title: str  # English title
    legal_basis: str
    verified: bool
    languages: tuple[str, ...]
    working_translations: tuple[str, ...]


@dataclass(frozen=True)
class LabelProblem:
    code: str  # missing_key, extra_key, empty_label, placeholder_mismatch, missing_provenance, ...
    key: str
    detail: str

    def __str__(self) -> str:
        where = f" {self.key}" if self.key else ""
        return f"{self.code}{where}: {self.detail}"


# --- loading -------------------------------------------------------------------------------------


def list_instruments(catalog_dir: Path = CATALOG_DIR) -> list[InstrumentInfo]:
    infos = []
    for instrument_id in instrument_ids(catalog_dir):
        instrument = load_instrument(instrument_id, catalog_dir)
        english = instrument.labels.get("en")
        infos.append(
            InstrumentInfo(
                id=instrument.id,
                title=english.get("title") if english else instrument.id,
                legal_basis=instrument.form.legal_basis,
                verified=instrument.form.verified,
                languages=instrument.languages,
                working_translations=tuple(
                    lang
                    for lang, labels in sorted(instrument.labels.items())
                    if labels.provenance is Provenance.WORKING_TRANSLATION
                ),
            )
        )
    return infos


def instrument_ids(catalog_dir: Path = CATALOG_DIR) -> tuple[str, ...]:
    return tuple(
        sorted(
            path.parent.name
            for path in catalog_dir.glob("*/form.json")
            if not path.parent.name.startswith("_")
        )
    )


def load_instrument(instrument_id: str, catalog_dir: Path = CATALOG_DIR) -> Instrument:
    """Load one instrument; raises UnknownInstrument with the valid ids."""
    return _load_instrument_cached(instrument_id, catalog_dir.resolve())


@cache
def _load_instrument_cached(instrument_id: str, catalog_dir: Path) -> Instrument:
    ids = instrument_ids(catalog_dir)
    if instrument_id not in ids:
        raise UnknownInstrument(instrument_id, ids)
    folder = catalog_dir / instrument_id
    form = parse_form(_read_json(folder / "form.json"), folder / "form.json")
    labels = {
        path.stem: parse_labels(_read_json(path), path)
        for path in sorted((folder / "labels").glob("*.json"))
    }
    document = {
        path.stem: parse_labels(_read_json(path), path)
        for path in sorted((catalog_dir / DOCUMENT_LABELS_ID / "labels").glob("*.json"))
    }
    example_path = folder / "example.json"
    example = _read_json(example_path) if example_path.exists() else {}
    return Instrument(form=form, labels=labels, document_labels=document, example=example)


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def parse_form(data: Any, path: Path | str = "<form>") -> Form:
    if not isinstance(data, dict) or data.get("format") != FORM_FORMAT:
        raise CatalogError(f"{path}: not a {FORM_FORMAT} file")
    try:
        sections = tuple(
            Section(
                id=str(raw["id"]),
                items=tuple(_parse_item(entry) for entry in raw["items"]),
                only_if=_parse_condition(raw.get("only_if")),
            )
            for raw in data["sections"]
        )
        form = Form(
            id=str(data["id"]),
            legal_basis=str(data["legal_basis"]),
            official_journal=str(data.get("official_journal", "")),
            structure_source=str(data["structure_source"]),
            verified=bool(data["verified"]),
            sections=sections,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogError(f"{path}: {exc!r}") from exc
    _check_form_ids(form, path)
    return form


def _parse_item(raw: Mapping[str, Any]) -> Item:
    item_type = FieldType(raw["type"])
    options = tuple(_parse_option(entry) for entry in raw.get("options", ()))
    if (item_type in OPTION_TYPES) != bool(options):
        raise ValueError(f"{raw['id']}: options belong to choice/checkboxes items only")
    return Item(
        id=str(raw["id"]),
        type=item_type,
        required=bool(raw.get("required", False)),
        required_if=_parse_condition(raw.get("required_if")),
        only_if=_parse_condition(raw.get("only_if")),
        options=options,
        exclusive=tuple(tuple(str(x) for x in group) for group in raw.get("exclusive", ())),
        exclusive_with=tuple(str(x) for x in raw.get("exclusive_with", ())),
        items=tuple(_parse_item(entry) for entry in raw.get("items", ())),
        repeatable=bool(raw.get("repeatable", False)),
        max_items=int(raw.get("max_items", 20)),
        max_length=int(raw["max_length"]) if "max_length" in raw else None,
        labelled=bool(raw.get("labelled", True)),
    )


def _parse_option(raw: Mapping[str, Any]) -> Option:
    detail = FieldType(raw["detail"]) if "detail" in raw else None
    if detail is not None and detail not in DETAIL_TYPES:
        raise ValueError(f"{raw['id']}: detail must be one of {sorted(DETAIL_TYPES)}")
    return Option(
        id=str(raw["id"]),
        detail=detail,
        detail_required=bool(raw.get("detail_required", False)),
        children=tuple(_parse_option(entry) for entry in raw.get("options", ())),
    )


def _parse_condition(raw: Any) -> Condition | None:
    if raw is None:
        return None
    if "any" in raw or "all" in raw:
        op = "any" if "any" in raw else "all"
        terms = tuple(_parse_condition(term) for term in raw[op])
        return Condition(op=op, terms=tuple(t for t in terms if t is not None))
    for op in ("equals", "includes"):
        if op in raw:
            return Condition(op=op, field=str(raw["field"]), value=str(raw[op]))
    if raw.get("filled") is True:
        return Condition(op="filled", field=str(raw["field"]))
    raise ValueError(f"unreadable condition {raw!r}")


def _check_form_ids(form: Form, path: Path | str) -> None:
    """Ids are label keys and draft keys at once: unique, and conditions must resolve."""
    seen: set[str] = set()
    for key in [s.id for s in form.sections] + [
        key for item in form.walk() for key in [item.id, *(o.id for o in item.all_options())]
    ]:
        if key in seen:
            raise CatalogError(f"{path}: duplicate id {key!r}")
        seen.add(key)
    item_ids = {item.id for item in form.walk()}
    conditions = [s.only_if for s in form.sections] + [
        c for item in form.walk() for c in (item.only_if, item.required_if)
    ]
    for condition in conditions:
        for field_id in condition.fields() if condition else ():
            if field_id not in item_ids:
                raise CatalogError(f"{path}: condition refers to unknown field {field_id!r}")


def parse_labels(data: Any, path: Path | str = "<labels>") -> LabelSet:
    if not isinstance(data, dict) or data.get("format") != LABELS_FORMAT:
        raise CatalogError(f"{path}: not a {LABELS_FORMAT} file")
    try:
        return LabelSet(
            instrument=str(data["instrument"]),
            language=str(data["language"]),
            provenance=Provenance(data["provenance"]),
            source=str(data.get("source", "")),
            note=str(data.get("note", "")),
            labels={str(k): str(v) for k, v in data["labels"].items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CatalogError(f"{path}: {exc!r}") from exc


# --- label file validation (the `validate-labels` command) -------------------------------------


def validate_labels(path: Path, catalog_dir: Path = CATALOG_DIR) -> list[LabelProblem]:
    """Check a label file against its instrument's form, before it is dropped into the catalog.

    The reference for placeholders is the English file of the same instrument in the catalog.
    """
    try:
        data = _read_json(path)
    except (OSError, UnicodeDecodeError) as exc:
        return [LabelProblem("unreadable", "", str(exc))]
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
        return [LabelProblem("invalid_json", "", where)]
    if not isinstance(data, dict):
        return [LabelProblem("wrong_format", "", "the file must hold a JSON object")]
    problems = _check_label_meta(data, path)
    instrument_id = str(data.get("instrument", ""))
    if instrument_id == DOCUMENT_LABELS_ID:
        expected = _expected_document_keys(catalog_dir)
        optional: frozenset[str] = frozenset()
        reference_path = catalog_dir / DOCUMENT_LABELS_ID / "labels" / "en.json"
    else:
        try:
            form = load_instrument(instrument_id, catalog_dir).form
        except UnknownInstrument as exc:
            return [*problems, LabelProblem("unknown_instrument", "instrument", str(exc))]
        expected = form.label_keys()
        optional = OPTIONAL_LABEL_KEYS
        reference_path = catalog_dir / instrument_id / "labels" / "en.json"
    labels = data.get("labels")
    if not isinstance(labels, dict):
        return [*problems, LabelProblem("wrong_format", "labels", "'labels' must be an object")]
    reference: Mapping[str, str] = {}
    if reference_path.exists() and reference_path.resolve() != path.resolve():
        reference = _read_json(reference_path).get("labels", {})
    for key in sorted(expected - labels.keys(), key=_natural_key):
        problems.append(LabelProblem("missing_key", key, "no label for this form element"))
    for key in sorted(labels.keys() - expected - optional, key=_natural_key):
        problems.append(LabelProblem("extra_key", key, "the form has no element with this id"))
    for key, text in sorted(labels.items(), key=lambda kv: _natural_key(kv[0])):
        if not isinstance(text, str) or not text.strip():
            problems.append(LabelProblem("empty_label", key, "the label is empty"))
            continue
        if key in reference:
            mine = set(_PLACEHOLDER.findall(text))
            theirs = set(_PLACEHOLDER.findall(reference[key]))
            if mine != theirs:
                problems.append(
                    LabelProblem(
                        "placeholder_mismatch",
                        key,
                        f"placeholders {sorted(mine)} differ from the English {sorted(theirs)}",
                    )
                )
    return problems


def _check_label_meta(data: Mapping[str, Any], path: Path) -> list[LabelProblem]:
    problems = []
    if data.get("format") != LABELS_FORMAT:
        problems.append(LabelProblem("wrong_format", "format", f"expected {LABELS_FORMAT!r}"))
    language = data.get("language")
    if not isinstance(language, str) or not _LANGUAGE_CODE.match(language):
        problems.append(LabelProblem("invalid_language", "language", "ISO 639-1 code expected"))
    elif path.parent.name == "labels" and path.stem != language:
        problems.append(LabelProblem("language_mismatch", "language", f"file is named {path.name}"))
    provenance = data.get("provenance")
    if not provenance:
        problems.append(LabelProblem("missing_provenance", "provenance", "state the provenance"))
    elif provenance not in set(Provenance):
        problems.append(
            LabelProblem(
                "invalid_provenance", "provenance", f"one of {', '.join(map(repr, Provenance))}"
            )
        )
    elif provenance == Provenance.OFFICIAL and not str(data.get("source", "")).strip():
        problems.append(
            LabelProblem("missing_source", "source", "official labels must cite their source")
        )
    return problems


def _expected_document_keys(catalog_dir: Path) -> frozenset[str]:
    english = catalog_dir / DOCUMENT_LABELS_ID / "labels" / "en.json"
    return frozenset(_read_json(english)["labels"])


def _natural_key(key: str) -> list[Any]:
    """Sort "E.3.cb10" after "E.3.cb9" so problem lists read in form order."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key)]


def placeholders(text: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(text))


__all__ = [
    "CATALOG_DIR",
    "DETAIL_TYPES",
    "OPTION_TYPES",
    "REQUIRED_LANGUAGES",
    "VALUE_TYPES",
    "CatalogError",
    "Condition",
    "FieldType",
    "Form",
    "Instrument",
    "InstrumentInfo",
    "Item",
    "LabelProblem",
    "LabelSet",
    "Option",
    "Provenance",
    "Section",
    "UnknownInstrument",
    "UnknownLanguage",
    "instrument_ids",
    "list_instruments",
    "load_instrument",
    "parse_form",
    "parse_labels",
    "placeholders",
    "validate_labels",
]
