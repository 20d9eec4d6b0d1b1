"""Redact a DOCX at the zip/XML level and rebuild it from an allow-list of parts.

No Flask, no database, no clock. python-docx is not used: it sees neither footnotes, text boxes,
comments, tracked changes nor properties, which are exactly where redaction fails
(data-protection.md §5.1 "DOCX"; design rule R-03, after mat2's allow-list policy):

* text parts (body, headers, footers, footnotes, endnotes; tables and text boxes inside them)
  are redacted paragraph by paragraph on the *concatenated* run text, because Word splits a
  name over several runs (python-docx #30, #910), and the replacement is mapped back to runs;
* tracked changes are resolved (insertions accepted, deletions and moved-away text dropped),
  comments, people, custom properties, customXml, the glossary and the thumbnail are removed,
  core and app properties are emptied, revision ids (w:rsid*, w14:paraId, w:nsid) removed;
* images lose their metadata; any part we do not know how to clean aborts the redaction.

The caller must run ``leak_check.check_docx`` on the result before anything is stored or sent.
"""

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from jit.documents.docx_safety import UnsupportedContent, open_docx, parse_xml
from jit.redaction.engine import Redactor
from jit.redaction.image_metadata import UnsupportedImage, strip_image_metadata
from jit.redaction.spans import Span, apply_spans

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_STRUCTURE_PARTS = re.compile(
    r"\[Content_Types\]\.xml|_rels/\.rels|word/_rels/[^/]+\.rels|word/(styles|stylesWithEffects"
    r"|numbering|settings|fontTable|webSettings)\.xml|word/theme/theme\d*\.xml"
)
# Parts that hold identities or history by design and are never passed on.
_DROPPED_PARTS = re.compile(
    r"word/comments\w*\.xml|word/people\.xml|docProps/custom\.xml|docProps/thumbnail\.\w+"
    r"|customXml/.*|word/glossary/.*|word/printerSettings/.*|word/_rels/comments\w*\.xml\.rels"
    r"|word/_rels/people\.xml\.rels"
)
_MEDIA_PARTS = re.compile(r"word/media/[^/]+")
_EMPTY_CORE = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)
_EMPTY_APP = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    b'properties"/>'
)

# Tracked changes: containers whose content is accepted (kept), content that is dropped, and
# bookkeeping elements that only record who changed what and when.
_UNWRAP = frozenset(_w(n) for n in ("ins", "moveTo"))
_DROP = frozenset(
    _w(n)
    for n in (
        "del", "moveFrom", "delText", "delInstrText", "rPrChange", "pPrChange", "sectPrChange",
        "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange", "numberingChange",
        "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
        "cellIns", "cellDel", "cellMerge", "customXmlInsRangeStart", "customXmlInsRangeEnd",
        "customXmlDelRangeStart", "customXmlDelRangeEnd", "commentRangeStart",
        "commentRangeEnd", "dataBinding", "rsids", "rsid", "attachedTemplate", "docVars",
        "mailMerge", "nsid",
    )
)  # fmt: skip
_FINGERPRINT_ATTRIBUTES = frozenset({f"{{{W14}}}paraId", f"{{{W14}}}textId"})
# Attributes that carry free text a person typed: alt text, titles, bookmark and content
# control names, field instructions.
_FREE_TEXT_ATTRIBUTES = frozenset({"descr", "title", "name", "instr", "val"})
_FREE_TEXT_VAL_OWNERS = frozenset(_w(n) for n in ("alias", "tag"))

_PSEUDO_TEXT = {
    _w("tab"): "\t",
    _w("ptab"): "\t",
    _w("br"): "\n",
    _w("cr"): "\n",
    _w("noBreakHyphen"): "-",
    _w("softHyphen"): "\u00ad",
}


@dataclass(frozen=True)
class DocxFinding:
    """A replaced span: the part, the paragraph's index in it, and the span in its text."""

    part: str
    paragraph: int
    span: Span


@dataclass(frozen=True)
class DocxRedaction:
    data: bytes
    findings: tuple[DocxFinding, ...]
    dropped_parts: tuple[str, ...]

    @property
    def doubts(self) -> tuple[DocxFinding, ...]:
        return tuple(f for f in self.findings if f.span.doubt)


def redact_docx(data: bytes, redactor: Redactor) -> DocxRedaction:
    """Return a redacted copy of the DOCX ``data``; raises ``DocumentRejected`` subclasses."""
    archive = open_docx(data)
    dropped = [name for name in archive.members if _DROPPED_PARTS.fullmatch(name)]
    findings: list[DocxFinding] = []
    output: dict[str, bytes] = {}
    for name, content in archive.members.items():
        if name in dropped:
            continue
        if name == "docProps/core.xml":
            output[name] = _EMPTY_CORE
        elif name == "docProps/app.xml":
            output[name] = _EMPTY_APP
        elif _MEDIA_PARTS.fullmatch(name):
            try:
                output[name] = strip_image_metadata(content)
            except UnsupportedImage as error:
                raise UnsupportedContent(f"{name}: {error}") from None
        elif _TEXT_PARTS.fullmatch(name) or _STRUCTURE_PARTS.fullmatch(name):
            root = parse_xml(name, content)
            if name.endswith(".rels"):
                _clean_relationships(name, root, set(dropped), redactor)
            elif name == "[Content_Types].xml":
                _clean_content_types(root, set(dropped))
            else:
                _resolve_revisions(root)
                if _TEXT_PARTS.fullmatch(name):
                    # Styles, themes, fonts and numbering hold no typed text; the leak check
                    # still reads them in full.
                    findings.extend(_redact_part(name, root, redactor))
            output[name] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        else:
            # mat2's rule: an unknown part may hide anything, so we stop instead of guessing.
            raise UnsupportedContent(
                f"part {name!r} cannot be cleaned (macros, embedded objects, embedded fonts"
                " and unknown parts are refused); save the document without it and retry"
            )
    return DocxRedaction(_write_zip(output), tuple(findings), tuple(dropped))


def _write_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    ordered = sorted(members, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels"))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ordered:
            # A fixed timestamp: the archive must not record when (or in which time zone) the
            # redaction ran, and equal input gives byte-equal output for the disclosure hash.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, members[name])
    return buffer.getvalue()


def _part_of_target(source_rels: str, target: str) -> str:
    # "word/_rels/document.xml.rels" describes "word/document.xml"; targets are relative to it.
    folder = posixpath.dirname(posixpath.dirname(source_rels))
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _clean_relationships(
    name: str, root: etree._Element, dropped: set[str], redactor: Redactor
) -> None:
    for rel in list(root.iter(f"{{{REL}}}Relationship")):
        target = rel.get("Target", "")
        kind = rel.get("Type", "")
        if rel.get("TargetMode") == "External":
            if kind.endswith("/attachedTemplate"):
                # Template paths carry user names ("C:\Users\ana.pop\...").
                root.remove(rel)
                continue
            spans = redactor.find(target)
            if spans:
                rel.set("Target", apply_spans(target, spans))
        elif _part_of_target(name, target) in dropped or kind.endswith(
            ("/comments", "/people", "/customXml", "/glossaryDocument", "/thumbnail")
        ):
            root.remove(rel)


def _clean_content_types(root: etree._Element, dropped: set[str]) -> None:
    for override in list(root.iter(f"{{{CT}}}Override")):
        if override.get("PartName", "").lstrip("/") in dropped:
            root.remove(override)


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _resolve_revisions(root: etree._Element) -> None:
    """Accept tracked changes, drop comments anchors and fingerprints (w:rsid*, paraId)."""
    # A row whose deletion is tracked (w:trPr/w:del) disappears when the deletion is accepted.
    for marker in list(root.iter(_w("del"))):
        row_properties = marker.getparent()
        if row_properties is not None and row_properties.tag == _w("trPr"):
            row = row_properties.getparent()
            if row is not None and row.getparent() is not None:
                row.getparent().remove(row)
    for element in list(root.iter(*_DROP)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    for element in list(root.iter(*_UNWRAP)):
        _unwrap(element)
    for reference in list(root.iter(_w("commentReference"), _w("annotationRef"))):
        run = reference.getparent()
        holder = run if run is not None and run.tag == _w("r") else reference
        parent = holder.getparent()
        if parent is not None:
            parent.remove(holder)
    # Document GUIDs (w14:docId, w15:docId in settings.xml) link copies of one file.
    for element in list(root.iter()):
        if isinstance(element.tag, str) and _local(element.tag) == "docId":
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    for element in root.iter():
        for attribute in list(element.attrib):
            local = _local(attribute)
            if local.startswith("rsid") or attribute in _FINGERPRINT_ATTRIBUTES:
                del element.attrib[attribute]


def _paragraph_segments(paragraph: etree._Element) -> list[tuple[etree._Element, str]]:
    """Text-bearing elements of a paragraph in reading order, not entering nested paragraphs
    (a text box inside a run holds its own paragraphs, redacted on their own)."""
    segments: list[tuple[etree._Element, str]] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag == _w("p"):
                continue
            if tag == _w("t"):
                segments.append((child, child.text or ""))
            elif tag in _PSEUDO_TEXT:
                segments.append((child, _PSEUDO_TEXT[tag]))
            elif tag != _w("instrText"):
                walk(child)

    walk(paragraph)
    return segments


def _redact_paragraph(paragraph: etree._Element, redactor: Redactor) -> Iterator[Span]:
    segments = _paragraph_segments(paragraph)
    text = "".join(piece for _, piece in segments)
    if not text.strip():
        return
    spans = redactor.find(text)
    if not spans:
        return
    edits: dict[int, list[tuple[int, int, str]]] = {}
    position = 0
    bounds = []
    for _, piece in segments:
        bounds.append((position, position + len(piece)))
        position += len(piece)
    for span in spans:
        pending = span.token
        for index, (start, end) in enumerate(bounds):
            low, high = max(start, span.start), min(end, span.end)
            if low >= high:
                continue
            element = segments[index][0]
            if element.tag == _w("t"):
                edits.setdefault(index, []).append((low - start, high - start, pending))
                pending = ""
            else:
                # A tab, break or soft hyphen inside a name: removed with the name.
                edits.setdefault(index, []).append((0, end - start, ""))
        yield span
    for index, changes in edits.items():
        element = segments[index][0]
        if element.tag != _w("t"):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        value = element.text or ""
        for low, high, replacement in sorted(changes, reverse=True):
            value = value[:low] + replacement + value[high:]
        element.text = value
        element.set(XML_SPACE, "preserve")


def _redact_part(name: str, root: etree._Element, redactor: Redactor) -> Iterator[DocxFinding]:
    for number, paragraph in enumerate(root.iter(_w("p"))):
        for span in _redact_paragraph(paragraph, redactor):
            yield DocxFinding(name, number, span)
    # Field codes (MERGEFIELD, HYPERLINK "mailto:..."), each on its own.
    for instruction in root.iter(_w("instrText")):
        _redact_text(instruction, redactor)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in list(element.attrib):
            local = _local(attribute)
            if local in _FREE_TEXT_ATTRIBUTES and (
                local != "val" or element.tag in _FREE_TEXT_VAL_OWNERS
            ):
                _redact_attribute(element, attribute, redactor)


def _redact_text(element: etree._Element, redactor: Redactor) -> None:
    value = element.text or ""
    spans = redactor.find(value)
    if spans:
        element.text = apply_spans(value, spans)


def _redact_attribute(element: etree._Element, attribute: str, redactor: Redactor) -> None:
    value = element.get(attribute) or ""
    spans = redactor.find(value)
    if spans:
        element.set(attribute, apply_spans(value, spans))


def list_parts(data: bytes) -> list[str]:
    """Names of the members of a (checked) DOCX; used by tests and the review UI."""
    return list(open_docx(data).members)


def _local(name: object) -> str:
    """Local part of a Clark-notation name ("{ns}p" -> "p"); "" for comments and PIs."""
    return name.rpartition("}")[2] if isinstance(name, str) else ""
