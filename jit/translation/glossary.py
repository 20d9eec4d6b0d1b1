"""Legal term base: entries in several languages, matching in text, CSV and TBX import/export.

Pure: stdlib + lxml (parsing only, with entities, DTDs and network access disabled); no Flask, no
database, no argostranslate. The integrator stores entries in the DB and builds a Glossary from
them; this module owns the rules.

Locked terms are enforced through the model, not by search-and-replace afterwards: the source
form is swapped for a ⟦T1⟧ placeholder before translation and the placeholder is replaced by the
entry's target-language form after (placeholders.py).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

from lxml import etree

from jit.translation.placeholders import Candidate, EntityKind

LANGUAGES: tuple[str, ...] = ("en", "ro", "fr", "de", "it")
CSV_META = ("id", "domain", "locked", "status", "source", "note")

# Status vocabulary of the starter glossary (see glossary_data/README.md).
STATUSES = frozenset({"issue", "instrument", "unverified", "reviewed"})

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class GlossaryFormatError(ValueError):
    """An imported CSV/TBX file is malformed or unsafe; nothing was imported."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    id: str
    forms: Mapping[str, str]  # language code -> term in that language
    locked: bool = True
    domain: str = ""
    status: str = "unverified"
    source: str = ""  # where the forms come from, e.g. "Directive 2014/41/EU"
    note: str = ""

    def form(self, lang: str) -> str | None:
        value = self.forms.get(lang, "").strip()
        return value or None


@dataclass(frozen=True, slots=True)
class TermMatch:
    start: int
    end: int
    entry: GlossaryEntry
    text: str


@dataclass
class Glossary:
    entries: list[GlossaryEntry] = field(default_factory=list)
    _patterns: dict[str, tuple[re.Pattern[str] | None, list[GlossaryEntry]]] = field(
        default_factory=dict, init=False, repr=False
    )

    def _compiled(self, lang: str) -> tuple[re.Pattern[str] | None, list[GlossaryEntry]]:
        """One alternation per language (one scan per text, not one per term)."""
        if lang not in self._patterns:
            usable = [(f, e) for e in self.entries if (f := e.form(lang)) is not None]
            # Longest first: regex alternation takes the first branch that matches, so
            # "request for mutual legal assistance" wins over "mutual legal assistance".
            usable.sort(key=lambda fe: len(fe[0]), reverse=True)
            if not usable:
                self._patterns[lang] = (None, [])
            else:
                branches = "|".join(f"(?P<t{i}>{_flexible(f)})" for i, (f, _) in enumerate(usable))
                pattern = re.compile(rf"(?<!\w)(?:{branches})(?!\w)", re.IGNORECASE)
                self._patterns[lang] = (pattern, [e for _, e in usable])
        return self._patterns[lang]

    def find(self, text: str, lang: str) -> list[TermMatch]:
        """Non-overlapping occurrences of terms of `lang` in `text`, left to right."""
        pattern, entries = self._compiled(lang)
        if pattern is None:
            return []
        out: list[TermMatch] = []
        for m in pattern.finditer(text):
            index = int(str(m.lastgroup)[1:])
            out.append(TermMatch(m.start(), m.end(), entries[index], m.group(0)))
        return out

    def lock_candidates(self, text: str, *, source: str, target: str) -> list[Candidate]:
        """Placeholder candidates for locked terms that have a form in the target language."""
        out: list[Candidate] = []
        for match in self.find(text, source):
            target_form = match.entry.form(target)
            if match.entry.locked and target_form is not None:
                out.append(
                    Candidate(
                        match.start,
                        match.end,
                        EntityKind.TERM,
                        target_form,
                        priority=1,
                        label=match.entry.id,
                    )
                )
        return out


def _flexible(term: str) -> str:
    """Regex for a term that tolerates any run of whitespace and both apostrophes."""
    parts = [re.escape(p) for p in term.split()]
    return "".join("['’]" if ch in "'’" else ch for ch in r"\s+".join(parts))


# --- CSV -------------------------------------------------------------------------------------


def to_csv(entries: Iterable[GlossaryEntry], languages: Sequence[str] = LANGUAGES) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*CSV_META[:2], *languages, *CSV_META[2:]])
    for e in entries:
        writer.writerow(
            [
                e.id,
                e.domain,
                *(e.forms.get(lang, "") for lang in languages),
                "yes" if e.locked else "no",
                e.status,
                e.source,
                e.note,
            ]
        )
    return buf.getvalue()


def from_csv(text: str) -> list[GlossaryEntry]:
    """Parse the CSV layout written by to_csv (language columns are any 2-3 letter codes)."""
    if len(text.encode("utf-8")) > MAX_IMPORT_BYTES:
        raise GlossaryFormatError("file too large")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    if "id" not in header:
        raise GlossaryFormatError("missing 'id' column")
    languages = [h for h in header if h not in CSV_META and re.fullmatch(r"[a-z]{2,3}", h)]
    if not languages:
        raise GlossaryFormatError("no language columns (e.g. en, ro)")
    entries: list[GlossaryEntry] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        entry_id = (row.get("id") or "").strip()
        if not entry_id:
            raise GlossaryFormatError(f"line {line}: empty id")
        if entry_id in seen:
            raise GlossaryFormatError(f"line {line}: duplicate id {entry_id!r}")
        seen.add(entry_id)
        status = (row.get("status") or "unverified").strip()
        if status not in STATUSES:
            raise GlossaryFormatError(f"line {line}: unknown status {status!r}")
        entries.append(
            GlossaryEntry(
                id=entry_id,
                forms={
                    lang: (row.get(lang) or "").strip()
                    for lang in languages
                    if (row.get(lang) or "").strip()
                },
                locked=(row.get("locked") or "yes").strip().lower() in {"yes", "true", "1"},
                domain=(row.get("domain") or "").strip(),
                status=status,
                source=(row.get("source") or "").strip(),
                note=(row.get("note") or "").strip(),
            )
        )
    return entries


def load_starter() -> list[GlossaryEntry]:
    """The starter glossary shipped with the portal (glossary_data/starter.csv)."""
    data = resources.files("jit.translation").joinpath("glossary_data/starter.csv")
    return from_csv(data.read_text(encoding="utf-8"))


# --- TBX (ISO 30042, TBX-Basic style) ---------------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_tbx(entries: Iterable[GlossaryEntry]) -> bytes:
    root = etree.Element("tbx", type="TBX-Basic", style="dca")
    root.set(_XML_LANG, "en")
    header = etree.SubElement(root, "tbxHeader")
    desc = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(desc, "p").text = "SafeBorders JIT Toolkit glossary export"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for e in entries:
        concept = etree.SubElement(body, "conceptEntry", id=e.id)
        for kind, value in (
            ("subjectField", e.domain),
            ("source", e.source),
            ("status", e.status),
            ("locked", "yes" if e.locked else "no"),
            ("note", e.note),
        ):
            if value:
                etree.SubElement(concept, "descrip", type=kind).text = value
        for lang, term in e.forms.items():
            lang_sec = etree.SubElement(concept, "langSec")
            lang_sec.set(_XML_LANG, lang)
            etree.SubElement(etree.SubElement(lang_sec, "termSec"), "term").text = term
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _safe_parser() -> etree.XMLParser:
    # No entity expansion, no DTD loading, no network: XXE and billion-laughs are refused.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )


def from_tbx(data: bytes) -> list[GlossaryEntry]:
    """Parse TBX (conceptEntry/langSec/termSec, or the older termEntry/langSet/tig)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise GlossaryFormatError("file too large")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise GlossaryFormatError("DOCTYPE/ENTITY declarations are not accepted")
    try:
        root = etree.fromstring(data, parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        raise GlossaryFormatError(f"not well-formed XML: {exc}") from exc
    entries: list[GlossaryEntry] = []
    for i, concept in enumerate(root.iter("conceptEntry", "termEntry"), start=1):
        descrips = {d.get("type", ""): (d.text or "").strip() for d in concept.iter("descrip")}
        forms: dict[str, str] = {}
        for lang_sec in concept.iter("langSec", "langSet"):
            lang = lang_sec.get(_XML_LANG) or lang_sec.get("lang") or ""
            term = lang_sec.find(".//term")
            if lang and term is not None and (term.text or "").strip():
                forms[lang.lower()] = (term.text or "").strip()
        status = descrips.get("status", "unverified")
        entries.append(
            GlossaryEntry(
                id=concept.get("id") or f"tbx-{i}",
                forms=forms,
                locked=descrips.get("locked", "yes") != "no",
                domain=descrips.get("subjectField", ""),
                status=status if status in STATUSES else "unverified",
                source=descrips.get("source", ""),
                note=descrips.get("note", ""),
            )
        )
    return entries
