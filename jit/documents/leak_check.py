"""Leak check: open every part of a produced file and search it for every known value.

No Flask, no database. Runs on the bytes about to leave the portal (data-protection.md §5.3,
design rule R-04): for a DOCX, every zip member - XML text nodes *and* attribute values,
relationship targets, properties, and raw bytes of anything else - plus the structural rules
of T-F4 (only allow-listed parts; no tracked changes, comments, revision ids; empty
properties; images without metadata). The caller stores the report with the disclosure and
must block the export when ``passed`` is false. A leak names the part, the offset and a
label such as "[V1] name 1 part 2"; it never repeats the value.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from jit.documents.docx_safety import DocumentRejected, open_docx, parse_xml
from jit.redaction.image_metadata import UnsupportedImage, strip_image_metadata
from jit.redaction.needles import SEPARATOR, LeakProbe

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_ALLOWED_PARTS = re.compile(
    r"\[Content_Types\]\.xml|_rels/\.rels|docProps/(core|app)\.xml|word/_rels/[^/]+\.rels"
    r"|word/(document|header\d*|footer\d*|footnotes|endnotes|styles|stylesWithEffects"
    r"|numbering|settings|fontTable|webSettings)\.xml|word/theme/theme\d*\.xml|word/media/[^/]+"
)
# Elements and attributes that must not survive redaction (T-F4).
_FORBIDDEN_ELEMENTS = frozenset(
    f"{{{W}}}{name}"
    for name in ("del", "ins", "delText", "moveFrom", "moveTo", "commentReference",
                 "commentRangeStart", "commentRangeEnd", "rsids", "rsid", "nsid",
                 "attachedTemplate", "docVars")
)  # fmt: skip
_FREE_TEXT_ATTRIBUTES = frozenset({"descr", "title", "name", "instr", "Target", "tooltip"})
_PARAGRAPH = "p"  # w:p and a:p (DrawingML) alike: runs of one paragraph are read together


@dataclass(frozen=True)
class Leak:
    part: str
    offset: int
    label: str


@dataclass(frozen=True)
class LeakReport:
    leaks: tuple[Leak, ...]
    parts_checked: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.leaks and bool(self.parts_checked)

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "parts_checked": list(self.parts_checked),
            "leaks": [{"part": x.part, "offset": x.offset, "label": x.label} for x in self.leaks],
        }


def check_text(data: bytes, probe: LeakProbe, *, part: str = "text") -> LeakReport:
    """Check plain-text output; output that is not UTF-8 fails (it could hide anything)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return LeakReport((Leak(part, 0, "output is not UTF-8 text"),), (part,))
    hits = probe.search(text)
    return LeakReport(tuple(Leak(part, h.offset, h.label) for h in hits), (part,))


def check_docx(data: bytes, probe: LeakProbe) -> LeakReport:
    """Check every member of a produced DOCX."""
    try:
        archive = open_docx(data)
    except DocumentRejected as error:
        return LeakReport((Leak("(archive)", 0, f"output is not a safe DOCX: {error}"),), ())
    leaks: list[Leak] = []
    for name, content in archive.members.items():
        leaks.extend(_check_member(name, content, probe))
    return LeakReport(tuple(leaks), tuple(archive.members))


def _check_member(name: str, content: bytes, probe: LeakProbe) -> Iterator[Leak]:
    if not _ALLOWED_PARTS.fullmatch(name):
        yield Leak(name, 0, "part not on the allow-list")
    if name.startswith("word/media/"):
        try:
            if strip_image_metadata(content) != content:
                yield Leak(name, 0, "image still carries metadata")
        except UnsupportedImage:
            yield Leak(name, 0, "image format that cannot be checked for metadata")
        # Metadata we do not parse may still hold text: search the raw bytes too.
        for hit in probe.search(content.decode("latin-1"), patterns=False):
            yield Leak(name, hit.offset, hit.label)
        return
    if not (name.endswith((".xml", ".rels"))):
        for hit in probe.search(content.decode("latin-1"), patterns=False):
            yield Leak(name, hit.offset, hit.label)
        return
    try:
        root = parse_xml(name, content)
    except DocumentRejected as error:
        yield Leak(name, 0, f"unreadable XML part: {error}")
        return
    yield from _check_structure(name, root)
    text, machine_values = _extract_text(root)
    for hit in probe.search(text):
        yield Leak(name, hit.offset, hit.label)
    # Machine attribute values (font signatures, sizes) look like phone numbers to the
    # recognisers; known values are still searched in them.
    for hit in probe.search(machine_values, patterns=False):
        yield Leak(name, hit.offset, "attribute: " + hit.label)
    # The raw bytes as well: character references or encodings could escape the extractor.
    for hit in probe.search(content.decode("utf-8", errors="replace"), patterns=False):
        yield Leak(name, hit.offset, "raw bytes: " + hit.label)


def _check_structure(name: str, root: etree._Element) -> Iterator[Leak]:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _FORBIDDEN_ELEMENTS:
            yield Leak(name, 0, f"forbidden element {_local(element.tag)}")
        for attribute in element.attrib:
            local = _local(attribute)
            if local.startswith("rsid") or local in ("paraId", "textId"):
                yield Leak(name, 0, f"revision fingerprint attribute {local}")
                break
        if name in ("docProps/core.xml", "docProps/app.xml") and (element.text or "").strip():
            yield Leak(name, 0, f"document property {_local(element.tag)} not empty")


def _extract_text(root: etree._Element) -> tuple[str, str]:
    """All text of a part, and all other attribute values.

    Each paragraph's runs are joined (a name split over runs must be seen whole); every other
    text node, free-text attribute (alt text, titles, link targets, field instructions) and
    machine attribute value is its own piece.
    """
    pieces: list[str] = []
    machine: list[str] = []
    # Elements inside a paragraph; their text is read with the paragraph (document order
    # guarantees the paragraph is seen before its descendants).
    inside: set[etree._Element] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element not in inside:
            if _local(element.tag) == _PARAGRAPH:
                pieces.append("".join(element.itertext()))
                inside.update(element.iter())
            elif element.text and element.text.strip():
                pieces.append(element.text)
        for attribute, value in element.attrib.items():
            if value.strip():
                free = _local(attribute) in _FREE_TEXT_ATTRIBUTES
                (pieces if free else machine).append(value)
    return SEPARATOR.join(pieces), SEPARATOR.join(machine)


def _local(name: object) -> str:
    """Local part of a Clark-notation name ("{ns}p" -> "p"); "" for comments and PIs."""
    return name.rpartition("}")[2] if isinstance(name, str) else ""
