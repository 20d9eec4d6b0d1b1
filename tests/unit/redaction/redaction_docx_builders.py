"""Build test DOCX files that hide a canary in each place of data-protection.md §5.1.

python-docx makes the base document; parts it cannot write (footnotes, custom properties,
tracked changes, text boxes) are added at the XML/zip level, as Word itself would store them.
"""

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def save(document: "docx.document.Document") -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data: bytes, edit: Callable[[dict[str, bytes]], None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    edit(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def add_runs(paragraph: "docx.text.paragraph.Paragraph", pieces: list[str]) -> None:
    for piece in pieces:
        run = paragraph.add_run(piece)
        run.element.set(qn("w:rsidR"), "00A1B2C3")


def add_tracked_changes(
    paragraph: "docx.text.paragraph.Paragraph", inserted: str, deleted: str
) -> None:
    ins = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="901" w:author="Alexandra Author" '
        'w:date="2025-01-01T00:00:00Z">'
        f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'
    )
    dele = parse_xml(
        f'<w:del {nsdecls("w")} w:id="902" w:author="Reviewer" w:date="2025-01-01T00:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
    )
    paragraph._p.append(ins)
    paragraph._p.append(dele)


def add_text_box(paragraph: "docx.text.paragraph.Paragraph", text: str) -> None:
    """A DrawingML text box (wps:txbx) with a VML fallback, as Word writes them."""
    box = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
        "</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    paragraph._p.append(box)


def add_footnote(data: bytes, text: str) -> bytes:
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p><w:r>'
        f"<w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()

    def edit(members: dict[str, bytes]) -> None:
        members["word/footnotes.xml"] = footnotes
        members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
        )
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/word/footnotes.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
        )

    return rewrite_zip(data, edit)


def add_custom_property(data: bytes, name: str, value: str) -> bytes:
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        f'name="{name}"><vt:lpwstr>{value}</vt:lpwstr></property></Properties>'
    ).encode()

    def edit(members: dict[str, bytes]) -> None:
        members["docProps/custom.xml"] = custom
        members["_rels/.rels"] = members["_rels/.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rId98" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
            b"</Relationships>",
        )
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/docProps/custom.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
        )

    return rewrite_zip(data, edit)


def png_with_text(text: str) -> bytes:
    """A 1x1 PNG carrying ``text`` in tEXt, iTXt and eXIf chunks."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    encoded = text.encode("utf-8")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"tEXt", b"Author\x00" + text.encode("latin-1", "replace"))
        + chunk(b"iTXt", b"Description\x00\x00\x00\x00\x00" + encoded)
        + chunk(b"eXIf", b"MM\x00*" + encoded)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def jpeg_with_exif(text: str) -> bytes:
    """A minimal baseline JPEG whose EXIF (APP1) holds an Artist tag and GPS-like text."""
    value = text.encode("utf-8") + b"\x00"
    # Little-endian TIFF: header, one IFD with Artist (0x013B, ASCII) pointing past the IFD.
    ifd_offset = 8
    data_offset = ifd_offset + 2 + 12 + 4
    tiff = (
        b"II*\x00"
        + struct.pack("<I", ifd_offset)
        + struct.pack("<H", 1)
        + struct.pack("<HHII", 0x013B, 2, len(value), data_offset)
        + struct.pack("<I", 0)
        + value
    )
    app1 = b"Exif\x00\x00" + tiff
    comment = b"GPS 47.16N 27.58E " + text.encode("utf-8")
    sof = b"\x08\x00\x01\x00\x01\x01\x01\x11\x00"  # 8-bit, 1x1, one component
    dqt = b"\x00" + bytes(range(1, 65))
    return (
        b"\xff\xd8"
        + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
        + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
        + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
        + b"\xff\xdb" + struct.pack(">H", len(dqt) + 2) + dqt
        + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof
        + b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00"
        + b"\x12\x34\x56"
        + b"\xff\xd9"
    )  # fmt: skip
