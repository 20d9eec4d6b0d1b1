"""The typed model of an instrument: form structure (sections, items, options, conditions) and
label sets. Pure dataclasses; loading and checking files is ``catalog.py``'s job."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class UnknownLanguage(LookupError):
    """The instrument has no label file for that language."""

    def __init__(self, language: str, choices: tuple[str, ...]) -> None:
        super().__init__(f"no labels in language {language!r}; available: {', '.join(choices)}")
        self.language = language
        self.choices = choices


class FieldType(StrEnum):
    NOTE = "note"  # printed text, no value (instructions of the official form)
    GROUP = "group"  # sub-heading holding items; repeatable groups hold one entry per person
    TEXT = "text"  # one line: names, numbers, addresses
    NARRATIVE = "narrative"  # free text written in the drafter's language; may be translated
    DATE = "date"  # ISO 8601 calendar date
    COUNTRY = "country"  # ISO 3166-1 alpha-2 code, printed as the country name
    LANGUAGES = "languages"  # list of ISO 639-1 codes, printed as language names
    EMAIL = "email"
    PHONE = "phone"
    CHOICE = "choice"  # exactly one option (the form's boxes are still printed)
    CHECKBOXES = "checkboxes"  # any number of options
    SIGNATURE = "signature"  # signature / stamp space, completed by hand on paper


#: Types whose value the drafter fills in (everything but notes, groups and signature space).
VALUE_TYPES = frozenset(FieldType) - {FieldType.NOTE, FieldType.GROUP, FieldType.SIGNATURE}
OPTION_TYPES = frozenset({FieldType.CHOICE, FieldType.CHECKBOXES})
DETAIL_TYPES = frozenset({FieldType.TEXT, FieldType.NARRATIVE, FieldType.DATE})


class Provenance(StrEnum):
    OFFICIAL = "official"
    WORKING_TRANSLATION = "working translation"


@dataclass(frozen=True)
class Condition:
    """``field`` equals / includes an option, or is filled; or any/all of nested conditions."""

    op: str  # "equals" | "includes" | "filled" | "any" | "all"
    field: str = ""
    value: str = ""
    terms: tuple[Condition, ...] = ()

    def fields(self) -> Iterator[str]:
        if self.field:
            yield self.field
        for term in self.terms:
            yield from term.fields()


@dataclass(frozen=True)
class Option:
    id: str
    #: A follow-up value printed after the box ("Other (please specify):"); its draft key is the id.
    detail: FieldType | None = None
    detail_required: bool = False
    children: tuple[Option, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    type: FieldType
    required: bool = False
    required_if: Condition | None = None
    #: Filling the item while this is false is a contradiction (e.g. H4 without the measure ticked).
    only_if: Condition | None = None
    options: tuple[Option, ...] = ()
    #: Sets of option ids that cannot be ticked together.
    exclusive: tuple[tuple[str, ...], ...] = ()
    #: Sibling items that cannot be filled in the same entry (natural vs legal person).
    exclusive_with: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    repeatable: bool = False
    max_items: int = 20
    max_length: int | None = None
    #: Some official checkbox lists have no prompt of their own (freezing certificate Section F).
    labelled: bool = True

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.items:
            yield from child.walk()

    def all_options(self) -> Iterator[Option]:
        stack = list(reversed(self.options))
        while stack:
            option = stack.pop()
            yield option
            stack.extend(reversed(option.children))


@dataclass(frozen=True)
class Section:
    id: str
    items: tuple[Item, ...]
    only_if: Condition | None = None

    def walk(self) -> Iterator[Item]:
        for item in self.items:
            yield from item.walk()


@dataclass(frozen=True)
class Form:
    id: str
    legal_basis: str
    official_journal: str
    structure_source: str
    verified: bool
    sections: tuple[Section, ...]

    def walk(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.walk()

    def label_keys(self) -> frozenset[str]:
        """Every label key the form needs: title, sections, items and options."""
        keys = {"title"}
        for section in self.sections:
            keys.add(section.id)
            for item in section.walk():
                if item.labelled:
                    keys.add(item.id)
                keys.update(option.id for option in item.all_options())
        return frozenset(keys)


@dataclass(frozen=True)
class LabelSet:
    instrument: str
    language: str
    provenance: Provenance
    source: str
    note: str
    labels: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.labels[key]

    def get(self, key: str, default: str = "") -> str:
        return self.labels.get(key, default)


@dataclass(frozen=True)
class Instrument:
    form: Form
    labels: Mapping[str, LabelSet]
    #: Header, footer and notice texts per language (``evidence_requests/_document``).
    document_labels: Mapping[str, LabelSet]
    #: The filled example draft of ``example.json`` (fictional demo case).
    example: Mapping[str, Any]

    @property
    def id(self) -> str:
        return self.form.id

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.labels) & set(self.document_labels)))

    def label_set(self, language: str) -> LabelSet:
        if language not in self.languages:
            raise UnknownLanguage(language, self.languages)
        return self.labels[language]

    def document_label_set(self, language: str) -> LabelSet:
        if language not in self.languages:
            raise UnknownLanguage(language, self.languages)
        return self.document_labels[language]

    def item(self, item_id: str) -> Item:
        for item in self.form.walk():
            if item.id == item_id:
                return item
        raise KeyError(item_id)
