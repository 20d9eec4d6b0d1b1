"""Safe opening of untrusted DOCX archives and their XML parts.

Pure: no Flask, no database; reads bytes in memory and writes nothing. An uploaded statement
is hostile input (data-protection.md §6 C, issue 6 "Bad input"): a zip bomb exhausts memory,
a member named "../x" escapes a naive extractor, and a DOCTYPE with entities reads local files
(XXE) or expands exponentially ("billion laughs"). Every check raises a ``DocumentRejected``
subclass whose message can be shown to the user; nothing is written before all checks pass.
"""

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

# Limits for a statement or a report; real DOCX files are far below them.
MAX_MEMBERS = 1000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 100 * 1024 * 1024
# Deflate reaches ~1000:1 on runs of one byte; text XML compresses ~5-20:1.
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # small members may compress extremely well (empty styles)
_READ_CHUNK = 64 * 1024


class DocumentRejected(ValueError):
    """The document was refused; the message says why, in terms a user can act on."""


class InvalidDocument(DocumentRejected):
    """Not a readable DOCX (not a zip, no main document part, malformed XML)."""


class ArchiveTooLarge(DocumentRejected):
    """Too many members, too large when uncompressed, or compressed suspiciously well."""


class UnsafeMemberName(DocumentRejected):
    """A member name that could escape a directory or collide with another member."""


class ForbiddenXml(DocumentRejected):
    """A DOCTYPE, entity declaration or external reference inside an XML part."""


class UnsupportedContent(DocumentRejected):
    """Content we cannot clean (macros, embedded objects, unknown media) and will not pass on."""


@dataclass(frozen=True)
class DocxArchive:
    """The members of a checked archive, in their original order."""

    members: dict[str, bytes]


def _check_name(name: str, seen: set[str]) -> None:
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or (len(name) > 1 and name[1] == ":")
    ):
        raise UnsafeMemberName(f"archive member name not allowed: {name!r}")
    parts = name.split("/")
    if any(part in ("..", ".") for part in parts) or posixpath.normpath(name) != name.rstrip("/"):
        raise UnsafeMemberName(f"archive member name leaves its folder: {name!r}")
    folded = name.casefold()
    if folded in seen:
        raise UnsafeMemberName(f"archive member appears twice: {name!r}")
    seen.add(folded)


def open_docx(data: bytes) -> DocxArchive:
    """Check and read a DOCX archive held in memory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InvalidDocument(f"not a DOCX file (not a valid zip archive: {error})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveTooLarge(f"archive has {len(infos)} members (limit {MAX_MEMBERS})")
        seen: set[str] = set()
        declared = 0
        for info in infos:
            _check_name(info.filename, seen)
            if info.flag_bits & 0x1:
                raise UnsupportedContent("encrypted archive members are not accepted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise UnsupportedContent(f"unsupported compression in {info.filename!r}")
            declared += info.file_size
            _check_ratio(info.filename, info.file_size, info.compress_size)
        if declared > MAX_TOTAL_UNCOMPRESSED:
            raise ArchiveTooLarge(
                f"archive would expand to {declared} bytes (limit {MAX_TOTAL_UNCOMPRESSED})"
            )
        members: dict[str, bytes] = {}
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            content = _read_member(archive, info)
            total += len(content)
            if total > MAX_TOTAL_UNCOMPRESSED:
                raise ArchiveTooLarge("archive expands beyond the size limit")
            members[info.filename] = content
    if "[Content_Types].xml" not in members or "word/document.xml" not in members:
        raise InvalidDocument("not a Word document (no [Content_Types].xml or word/document.xml)")
    return DocxArchive(members)


def _check_ratio(name: str, size: int, compressed: int) -> None:
    if size > MAX_MEMBER_UNCOMPRESSED:
        raise ArchiveTooLarge(f"member {name!r} expands to {size} bytes")
    if size > _RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise ArchiveTooLarge(f"member {name!r} is compressed {size // max(compressed, 1)}:1")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # The sizes in the central directory are attacker-controlled; read in chunks and stop as
    # soon as the real output passes the declared size or the limit.
    limit = min(info.file_size, MAX_MEMBER_UNCOMPRESSED)
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_READ_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise ArchiveTooLarge(f"member {info.filename!r} expands beyond its size")
                _check_ratio(info.filename, len(out), info.compress_size)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        if isinstance(error, DocumentRejected):
            raise
        raise InvalidDocument(f"damaged archive member {info.filename!r}: {error}") from None
    return bytes(out)


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD loading, no network, no huge trees (billion laughs); and a
    # DOCTYPE is refused outright below, since OOXML parts never carry one.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(name: str, content: bytes) -> etree._Element:
    """Parse one XML part; refuse DTDs, entities and malformed XML."""
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise ForbiddenXml(f"{name}: DOCTYPE/entity declarations are not allowed")
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as error:
        raise InvalidDocument(f"{name}: malformed XML ({error})") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ForbiddenXml(f"{name}: DOCTYPE declarations are not allowed")
    for element in root.iter():
        if isinstance(element, etree._Entity):
            raise ForbiddenXml(f"{name}: entity references are not allowed")
    return root
