"""Read the text of a generated DOCX with zipfile + lxml (tests may not import python-docx)."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraph_text(paragraph: etree._Element) -> str:
    parts = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append(" / ")
    return "".join(parts)


def part_lines(xml: bytes) -> list[str]:
    """Paragraphs one per line; a table row as its cells joined by ' | '."""
    root = etree.fromstring(xml)
    body = root.find(f"{W}body")
    container = body if body is not None else root
    lines: list[str] = []
    for child in container:
        if child.tag == f"{W}p":
            text = paragraph_text(child)
            if text.strip():
                lines.append(text)
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = [
                    " ¶ ".join(
                        t for t in (paragraph_text(p) for p in cell.iter(f"{W}p")) if t.strip()
                    )
                    for cell in row.iter(f"{W}tc")
                ]
                lines.append(" | ".join(cells))
    return lines


def docx_text(data: bytes) -> str:
    """Header, body and footer text of a document, for golden files."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        headers = sorted(n for n in names if n.startswith("word/header"))
        footers = sorted(n for n in names if n.startswith("word/footer"))
        lines = ["[header]"]
        for name in headers:
            lines += part_lines(package.read(name))
        lines.append("[body]")
        lines += part_lines(package.read("word/document.xml"))
        lines.append("[footer]")
        for name in footers:
            lines += part_lines(package.read(name))
    return "\n".join(lines) + "\n"


def headings(data: bytes) -> list[str]:
    """Text of the paragraphs styled Title or Heading1."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    found = []
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") in ("Title", "Heading1"):
            found.append(paragraph_text(paragraph))
    return found
