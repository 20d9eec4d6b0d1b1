"""Pure composition of a request form: instrument + draft -> language-specific FormDocument.

No Flask, no I/O, no python-docx (STYLE B13): the renderer in ``docx_render.py`` turns the
FormDocument into a file. The document language is the executing State's, not the UI's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from babel import Locale
from babel.dates import format_date

from jit.requests.catalog import (
    FieldType,
    Instrument,
    Item,
    LabelSet,
    Option,
    Provenance,
)
from jit.requests.rules import DEFAULT_HANDLING, InvalidDraft, is_filled, validate_draft

#: Dates and names in EU English follow British usage ("12 May 1984"), as in the Official Journal.
_BABEL_LOCALES = {"en": "en_GB"}

CHECKED = "☒"
UNCHECKED = "☐"


class Mark(StrEnum):
    NONE = "none"
    #: Machine output not yet reviewed by a person (DESIGN §3.5: marked until reviewed).
    MACHINE_TRANSLATION = "machine-translation"
    #: No translation available: the drafter's text is printed with a notice.
    UNTRANSLATED = "untranslated"


class RowKind(StrEnum):
    FIELD = "field"
    GROUP = "group"  # sub-heading such as "(i) In the case of natural person(s)"
    NOTE = "note"  # instruction printed by the official form, no value
    SIGNATURE = "signature"  # space for a handwritten signature or stamp


@dataclass(frozen=True)
class Line:
    text: str
    #: None: plain text; True/False: an official box, printed ☒ / ☐.
    checked: bool | None = None
    level: int = 0
    mark: Mark = Mark.NONE
    #: Printed before a marked text ("Machine translation — to be checked").
    notice: str = ""
    #: Set when the text is not in the cell's language (untranslated free text).
    language: str = ""


@dataclass(frozen=True)
class Cell:
    language: str
    label: str
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Row:
    kind: RowKind
    #: One cell per document language; bilingual rows pair the labels of one element.
    cells: tuple[Cell, ...]
    level: int = 0


@dataclass(frozen=True)
class Section:
    id: str
    headings: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class FormDocument:
    instrument: str
    #: (left,) or (left, right) column languages; the first is the document's main language.
    languages: tuple[str, ...]
    titles: tuple[str, ...]
    annexes: tuple[str, ...]
    intros: tuple[str, ...]
    reference: str
    header: str
    marking: str
    page_templates: tuple[str, ...]
    footer_notices: tuple[str, ...]
    sections: tuple[Section, ...]
    working_translation: bool = False
    machine_translated_fields: tuple[str, ...] = field(default=())

    @property
    def bilingual(self) -> bool:
        return len(self.languages) == 2


@dataclass(frozen=True)
class TranslatedText:
    text: str
    #: True once a person has checked the machine output; the marking is then dropped.
    reviewed: bool = False


class NarrativeTranslator(Protocol):
    """Asked once per narrative field and target language; None when no model is installed."""

    def __call__(
        self, field_id: str, text: str, *, source: str, target: str
    ) -> TranslatedText | None: ...


class TextTranslator(Protocol):
    """The translation capability's interface (``jit.translation.engine.Translator``)."""

    def translate(self, text: str, *, source: str, target: str) -> str: ...


def machine_translation(
    translator: TextTranslator,
    *,
    unavailable: tuple[type[Exception], ...],
    reviewed: Mapping[tuple[str, str], str] | None = None,
) -> NarrativeTranslator:
    """Adapt a Translator: reviewed texts (field id, target) win; missing models give None."""
    checked = dict(reviewed or {})

    def provide(field_id: str, text: str, *, source: str, target: str) -> TranslatedText | None:
        if (field_id, target) in checked:
            return TranslatedText(checked[(field_id, target)], reviewed=True)
        try:
            return TranslatedText(translator.translate(text, source=source, target=target))
        except unavailable:
            return None

    return provide


# --- composition ---------------------------------------------------------------------------------


@dataclass
class _Column:
    """Everything needed to write one language column."""

    language: str
    labels: LabelSet
    chrome: LabelSet
    locale: Locale
    source_language: str
    translate: NarrativeTranslator | None
    machine_fields: list[str]

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def text(self, key: str, **params: str) -> str:
        return self.chrome.get(key, key).format(**params)


def compose_document(
    instrument: Instrument,
    draft: Mapping[str, Any],
    *,
    language: str,
    bilingual: str | None = None,
    translate: NarrativeTranslator | None = None,
) -> FormDocument:
    """Compose a validated draft (see ``jit.requests.rules.validate_draft``).

    ``language`` is the left (or only) column, ``bilingual`` the right column.
    Raises ``UnknownLanguage`` when the instrument has no labels in a requested language and
    ``InvalidDraft`` (carrying the field errors) rather than composing a wrong document.
    """
    errors = validate_draft(instrument, draft)
    if errors:
        raise InvalidDraft(errors)
    languages = (language,) if bilingual is None else (language, bilingual)
    source = str(draft.get("source_language", language))
    columns = [
        _Column(
            language=lang,
            labels=instrument.label_set(lang),
            chrome=instrument.document_label_set(lang),
            locale=Locale.parse(_BABEL_LOCALES.get(lang, lang)),
            source_language=source,
            translate=translate,
            machine_fields=[],
        )
        for lang in languages
    ]
    values: Mapping[str, Any] = draft.get("fields", {})
    sections = tuple(
        Section(
            id=section.id,
            headings=tuple(c.label(section.id) for c in columns),
            rows=_zip_rows([_item_rows(section.items, values, c, 0) for c in columns]),
        )
        for section in instrument.form.sections
    )
    reference = str(draft.get("reference", ""))
    handling = str(draft.get("handling", DEFAULT_HANDLING))
    notices: list[str] = []
    working = False
    for column in columns:
        if column.labels.provenance is Provenance.WORKING_TRANSLATION:
            working = True
            name = column.locale.languages.get(column.language, column.language)
            notices.append(column.text("notice.working_translation", language=name))
    if not instrument.form.verified:
        notices.extend(
            c.text("notice.structure_unverified", journal=instrument.form.official_journal)
            for c in columns
        )
    return FormDocument(
        instrument=instrument.id,
        languages=languages,
        titles=tuple(c.label("title") for c in columns),
        annexes=tuple(c.labels.get("annex") for c in columns),
        intros=tuple(c.labels.get("intro") for c in columns),
        reference=reference,
        header=columns[0].text("reference", reference=reference),
        marking=" / ".join(dict.fromkeys(c.text(f"handling.{handling}") for c in columns)),
        page_templates=tuple(c.text("page", page="{page}", pages="{pages}") for c in columns),
        footer_notices=tuple(dict.fromkeys(notices)),
        sections=sections,
        working_translation=working,
        machine_translated_fields=tuple(
            dict.fromkeys(f for c in columns for f in c.machine_fields)
        ),
    )


def _zip_rows(per_language: Sequence[list[tuple[RowKind, int, Cell]]]) -> tuple[Row, ...]:
    # Every column walks the same form, so rows line up one to one.
    return tuple(
        Row(kind=parts[0][0], level=parts[0][1], cells=tuple(part[2] for part in parts))
        for parts in zip(*per_language, strict=True)
    )


def _item_rows(
    items: Sequence[Item], values: Mapping[str, Any], column: _Column, level: int
) -> list[tuple[RowKind, int, Cell]]:
    rows: list[tuple[RowKind, int, Cell]] = []
    for item in items:
        label = column.label(item.id) if item.labelled else ""
        lang = column.language
        if item.type is FieldType.NOTE:
            rows.append((RowKind.NOTE, level, Cell(lang, label)))
        elif item.type is FieldType.SIGNATURE:
            rows.append((RowKind.SIGNATURE, level, Cell(lang, label)))
        elif item.type is FieldType.GROUP and item.repeatable:
            rows.append((RowKind.GROUP, level, Cell(lang, label)))
            entries = [e for e in values.get(item.id, []) if isinstance(e, dict)]
            for number, entry in enumerate(entries or [{}], start=1):
                if len(entries) > 1:
                    heading = column.text("entry", n=str(number))
                    rows.append((RowKind.GROUP, level + 1, Cell(lang, heading)))
                rows.extend(_item_rows(item.items, entry, column, level + 1))
        elif item.type is FieldType.GROUP and not item.labelled:
            rows.extend(_item_rows(item.items, values, column, level))
        elif item.type is FieldType.GROUP:
            rows.append((RowKind.GROUP, level, Cell(lang, label)))
            rows.extend(_item_rows(item.items, values, column, level + 1))
        else:
            lines = _value_lines(item, values, column)
            rows.append((RowKind.FIELD, level, Cell(lang, label, tuple(lines))))
    return rows


def _value_lines(item: Item, values: Mapping[str, Any], column: _Column) -> list[Line]:
    value = values.get(item.id)
    if item.type in (FieldType.CHOICE, FieldType.CHECKBOXES):
        ticked = {value} if isinstance(value, str) else set(value or ())
        return _option_lines(item.options, ticked, values, column, 0)
    if not is_filled(value):
        return []
    return _scalar_lines(item.id, item.type, value, column, 0)


def _option_lines(
    options: Sequence[Option],
    ticked: set[str],
    values: Mapping[str, Any],
    column: _Column,
    level: int,
) -> list[Line]:
    lines: list[Line] = []
    for option in options:
        is_ticked = option.id in ticked
        lines.append(Line(column.label(option.id), checked=is_ticked, level=level))
        detail = values.get(option.id)
        if option.detail is not None and is_ticked and is_filled(detail):
            lines.extend(_scalar_lines(option.id, option.detail, detail, column, level + 1))
        lines.extend(_option_lines(option.children, ticked, values, column, level + 1))
    return lines


def _scalar_lines(
    field_id: str, kind: FieldType, value: Any, column: _Column, level: int
) -> list[Line]:
    if kind is FieldType.NARRATIVE:
        return [_narrative_line(field_id, str(value), column, level)]
    return [Line(_format_value(kind, value, column), level=level)]


def _narrative_line(field_id: str, text: str, column: _Column, level: int) -> Line:
    if column.language == column.source_language:
        return Line(text, level=level)
    translated = (
        column.translate(field_id, text, source=column.source_language, target=column.language)
        if column.translate is not None
        else None
    )
    if translated is None:
        source_name = column.locale.languages.get(column.source_language, column.source_language)
        notice = column.text("notice.untranslated", language=source_name)
        return Line(
            text,
            level=level,
            mark=Mark.UNTRANSLATED,
            notice=notice,
            language=column.source_language,
        )
    if translated.reviewed:
        return Line(translated.text, level=level)
    column.machine_fields.append(field_id)
    notice = column.text("notice.machine_translation")
    return Line(translated.text, level=level, mark=Mark.MACHINE_TRANSLATION, notice=notice)


_FORMATTERS: dict[FieldType, Callable[[Any, _Column], str]] = {
    FieldType.DATE: lambda v, c: format_date(date.fromisoformat(v), format="long", locale=c.locale),
    FieldType.COUNTRY: lambda v, c: str(c.locale.territories.get(v, v)),
    FieldType.LANGUAGES: lambda v, c: ", ".join(str(c.locale.languages.get(x, x)) for x in v),
}


def _format_value(kind: FieldType, value: Any, column: _Column) -> str:
    formatter = _FORMATTERS.get(kind)
    return formatter(value, column) if formatter else str(value)
