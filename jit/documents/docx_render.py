"""python-docx adapter: FormDocument -> .docx bytes. The only module writing DOCX (ruff TID251).

The output must pass as an official form: real headings, one bordered table per section, ☒/☐
boxes, page numbers, reference and handling marking in the header. It must carry no personal
metadata: the package is rebuilt part by part with no author, no dates, no revision ids.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from functools import cache
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from jit.documents.compose import (
    CHECKED,
    UNCHECKED,
    Cell,
    FormDocument,
    Line,
    Mark,
    Row,
    RowKind,
)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: BCP 47 tags for w:lang and dc:language; EU English is British English.
LANGUAGE_TAGS = {"en": "en-GB", "ro": "ro-RO", "fr": "fr-FR", "de": "de-DE", "it": "it-IT"}
FONT = "Times New Roman"
#: Times New Roman has no ☐/☒; Word and LibreOffice take them from this font or a fallback.
BOX_FONT = "Segoe UI Symbol"
# A4 with 2 cm margins leaves 170 mm = 9638 twips of text width.
TEXT_WIDTH = 9638
LABEL_WIDTH = 3473
INDENT = 284  # 5 mm per nesting level
LABEL_SHADE = "F2F2F2"
#: Rows with less text than this are kept on one page (w:cantSplit).
KEEP_ROW_CHARS = 1_500
#: Zip entries get this timestamp so that no generation time leaks and output is reproducible.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_RSID_ATTR = re.compile(rb'\s+w:rsid[A-Za-z]*="[^"]*"')
_RSIDS = re.compile(rb"<w:rsids>.*?</w:rsids>", re.DOTALL)
_RSID_ELEMENT = re.compile(rb"<w:rsid(?:Root)? [^>]*/>")
_DOC_ID = re.compile(rb"<w1[45]:docId [^>]*/>")
_THEME_LANG = re.compile(rb"<w:themeFontLang [^>]*/>")
#: Parts of python-docx's template that carry nothing we need (and a Mac thumbnail image).
_DROPPED_RELTYPES = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/webSettings",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)


def language_tag(language: str) -> str:
    return LANGUAGE_TAGS.get(language, language)


def render_docx(document: FormDocument) -> bytes:
    """Render a composed form; the result contains no author, date or revision identifier."""
    tag = language_tag(document.languages[0])
    word = docx.Document(io.BytesIO(_template()))
    word.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang")).set(qn("w:val"), tag)
    _set_page(word, document)
    parts: list[str] = []
    if document.annexes[0]:
        parts.append(_paragraph(" / ".join(_unique(document.annexes)), align="right"))
    parts.append(_heading("Title", _unique(document.titles)))
    if any(document.intros):
        if document.bilingual:
            cells = "".join(
                _cell(_paragraphs(text, lang=_lang(lang, document.languages[0])), TEXT_WIDTH // 2)
                for text, lang in zip(document.intros, document.languages, strict=True)
            )
            parts.append(_table([f"<w:tr>{cells}</w:tr>"], bilingual=True))
        else:
            parts.append(_paragraphs(document.intros[0], align="both"))
    for section in document.sections:
        parts.append(_heading("Heading1", _unique(section.headings)))
        parts.append(_table([_row(row, document) for row in section.rows], document.bilingual))
    parts.append("<w:p/>")
    end = word.element.body.find(qn("w:sectPr"))
    for element in parse_xml(f'<w:root xmlns:w="{_W}">{"".join(parts)}</w:root>'):
        end.addprevious(element)
    title = " / ".join(_unique(document.titles))
    buffer = io.BytesIO()
    word.save(buffer)
    return _scrub_package(buffer.getvalue(), title=title, tag=tag)


@cache
def _template() -> bytes:
    """python-docx's default document, prepared once: parts and styles we do not use removed.

    Trimming styles.xml from 350 kB to a few kB keeps rendering of a full EIO well under 200 ms.
    """
    word = docx.Document()
    for rels in (word.part.rels, word.part.package.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROPPED_RELTYPES]:
            rels.pop(rid)
    styles = word.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEPT_STYLES:
            styles.remove(style)
    _set_styles(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


_KEPT_STYLES = frozenset(
    {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Title", "Heading1"}
)


def _heading(style: str, texts: Iterable[str]) -> str:
    """A real Word heading; bilingual headings hold one line per language."""
    runs = "".join(
        ("<w:r><w:br/></w:r>" if index else "") + _run(text) for index, text in enumerate(texts)
    )
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


# --- document setup ------------------------------------------------------------------------------


def _set_styles(word: docx.document.Document) -> None:
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        _xml(
            "<w:docDefaults><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="20"/><w:szCs w:val="20"/>'
            '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    for name, size, before, centred in (("Title", 14, 6, True), ("Heading 1", 11, 12, False)):
        style = word.styles[name]
        rpr = style.element.get_or_add_rPr()
        for fonts in rpr.findall(qn("w:rFonts")):
            rpr.remove(fonts)
        for node in style.element.findall(qn("w:pPr")):
            for border in node.findall(qn("w:pBdr")):
                node.remove(border)
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(6)
        fmt.keep_with_next = True
        if centred:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _set_page(word: docx.document.Document, document: FormDocument) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    section.header_distance = section.footer_distance = Mm(10)
    header = section.header.paragraphs[0]._p
    header.addprevious(_xml(_paragraph(document.header, size=18)))
    header.append(
        _xml(
            '<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" '
            'w:color="000000"/></w:pBdr><w:spacing w:after="0"/></w:pPr>'
        )
    )
    header.append(_xml(_run(document.marking, size=18, bold=True)))
    footer = section.footer.paragraphs[0]._p
    for notice in document.footer_notices:
        footer.addprevious(_xml(_paragraph(notice, size=14, italic=True)))
    footer.append(_xml('<w:pPr><w:jc w:val="center"/></w:pPr>'))
    for index, template in enumerate(_unique(document.page_templates)):
        if index:
            footer.append(_xml(_run(" / ", size=16)))
        for fragment in _page_runs(template):
            footer.append(_xml(fragment))


def _page_runs(template: str) -> Iterator[str]:
    """ "Page {page} of {pages}" -> text runs around PAGE and NUMPAGES fields."""
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            yield _field("PAGE")
        elif piece == "{pages}":
            yield _field("NUMPAGES")
        elif piece:
            yield _run(piece, size=16)


def _field(instruction: str) -> str:
    return (
        f'<w:fldSimple w:instr=" {instruction} "><w:r><w:rPr><w:sz w:val="16"/></w:rPr>'
        "<w:t>1</w:t></w:r></w:fldSimple>"
    )


# --- tables --------------------------------------------------------------------------------------


def _table(rows: Iterable[str], bilingual: bool) -> str:
    widths = (
        (TEXT_WIDTH // 2, TEXT_WIDTH - TEXT_WIDTH // 2)
        if bilingual
        else (
            LABEL_WIDTH,
            TEXT_WIDTH - LABEL_WIDTH,
        )
    )
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(e) for e in ("top", "left", "bottom", "right"))
    borders += "".join(border.format(e) for e in ("insideH", "insideV"))
    return (
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
        '<w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{widths[0]}"/><w:gridCol w:w="{widths[1]}"/></w:tblGrid>'
        + "".join(rows)
        + "</w:tbl>"
    )


def _row(row: Row, document: FormDocument) -> str:
    main = document.languages[0]
    indent = row.level * INDENT
    half = TEXT_WIDTH // 2
    height = '<w:trHeight w:val="850"/>' if row.kind is RowKind.SIGNATURE else ""
    cells: list[str] = []
    if row.kind in (RowKind.GROUP, RowKind.NOTE):
        bold, italic = row.kind is RowKind.GROUP, row.kind is RowKind.NOTE
        shade = LABEL_SHADE if bold else ""
        if document.bilingual:
            cells = [
                _cell(
                    _paragraph(
                        c.label,
                        bold=bold,
                        italic=italic,
                        indent=indent,
                        lang=_lang(c.language, main),
                    ),
                    half,
                    shade=shade,
                )
                for c in row.cells
            ]
        else:
            text = _paragraph(row.cells[0].label, bold=bold, italic=italic, indent=indent)
            cells = [_cell(text, TEXT_WIDTH, span=2, shade=shade)]
    elif document.bilingual:
        cells = [_bilingual_cell(c, indent, half, main) for c in row.cells]
    elif not row.cells[0].label:
        # A row of boxes without a prompt of its own (e.g. EIO Section F) uses the full width.
        cells = [
            _cell(_value_paragraphs(row.cells[0].lines, main, base=indent), TEXT_WIDTH, span=2)
        ]
    else:
        cell = row.cells[0]
        cells = [
            _cell(_paragraph(cell.label, indent=indent), LABEL_WIDTH, shade=LABEL_SHADE),
            _cell(_value_paragraphs(cell.lines, main), TEXT_WIDTH - LABEL_WIDTH),
        ]
    # Short rows stay on one page; long free text may break across pages instead of leaving a
    # half-empty page before it.
    keep = "<w:cantSplit/>" if _row_length(row) < KEEP_ROW_CHARS else ""
    return f"<w:tr><w:trPr>{keep}{height}</w:trPr>{''.join(cells)}</w:tr>"


def _row_length(row: Row) -> int:
    return sum(len(c.label) + sum(len(line.text) for line in c.lines) for c in row.cells)


def _bilingual_cell(cell: Cell, indent: int, width: int, main: str) -> str:
    lang = _lang(cell.language, main)
    label = (
        _paragraph(cell.label, indent=indent, lang=lang, shade=LABEL_SHADE) if cell.label else ""
    )
    return _cell(label + _value_paragraphs(cell.lines, cell.language, main, indent), width)


def _value_paragraphs(lines: Iterable[Line], language: str, main: str = "", base: int = 0) -> str:
    parts = []
    for line in lines:
        lang = _lang(line.language or language, main or language)
        indent = base + line.level * INDENT
        if line.mark is not Mark.NONE:
            parts.append(_paragraph(f"[{line.notice}]", italic=True, size=16, indent=indent))
        if line.checked is None:
            parts.append(_paragraphs(line.text, indent=indent, lang=lang, bold=True))
        else:
            box = CHECKED if line.checked else UNCHECKED
            parts.append(
                _paragraph(line.text, indent=indent + INDENT, hanging=INDENT, lang=lang, box=box)
            )
    return "".join(parts)


def _cell(content: str, width: int, *, span: int = 1, shade: str = "") -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if shade:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content or '<w:p/>'}</w:tc>"


# --- paragraphs and runs -------------------------------------------------------------------------


def _paragraphs(text: str, **style: object) -> str:
    """Free text keeps its paragraphs: one w:p per line of the drafter's text."""
    return "".join(_paragraph(part, **style) for part in text.split("\n")) if text else ""  # type: ignore[arg-type]


def _paragraph(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = 0,
    indent: int = 0,
    hanging: int = 0,
    lang: str = "",
    shade: str = "",
    align: str = "",
    box: str = "",
) -> str:
    ppr = ""
    if indent or hanging:
        ppr += f'<w:ind w:left="{indent}" w:hanging="{hanging}"/>'
    if shade:
        ppr += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    runs = ""
    if box:
        runs += _run(box, font=BOX_FONT) + "<w:r><w:tab/></w:r>"
    runs += _run(text, bold=bold, italic=italic, size=size, lang=lang)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def _run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = 0,
    lang: str = "",
    font: str = "",
) -> str:
    rpr = ""
    if font:
        rpr += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
    if bold:
        rpr += "<w:b/>"
    if italic:
        rpr += "<w:i/>"
    if size:
        rpr += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    if lang:
        rpr += f'<w:lang w:val="{lang}"/>'
    pieces = _clean(text).split("\t")
    body = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in pieces)
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{body}</w:r>"


def _lang(language: str, main: str) -> str:
    """Only text in another language than the document default needs its own w:lang."""
    return "" if language == main else language_tag(language)


def _clean(text: str) -> str:
    # Validation rejects control characters; this keeps a bad value from breaking the XML.
    return _INVALID_XML.sub("", text)


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t for t in texts if t))


def _xml(fragment: str) -> object:
    return parse_xml(f'<w:root xmlns:w="{_W}">{fragment}</w:root>')[0]


# --- package scrubbing ---------------------------------------------------------------------------


def _scrub_package(data: bytes, *, title: str, tag: str) -> bytes:
    """Rewrite every part: minimal core/app properties, no rsid, fixed zip timestamps."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _core_properties(title, tag)
            elif info.filename == "docProps/app.xml":
                content = _APP_PROPERTIES
            elif info.filename.endswith((".xml", ".rels")):
                content = _RSID_ATTR.sub(b"", content)
                content = _RSIDS.sub(b"", content)
                content = _RSID_ELEMENT.sub(b"", content)
                content = _DOC_ID.sub(b"", content)
                content = _THEME_LANG.sub(f'<w:themeFontLang w:val="{tag}"/>'.encode(), content)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def _core_properties(title: str, tag: str) -> bytes:
    # No dc:creator, cp:lastModifiedBy, cp:revision or dcterms dates: nothing about who or when.
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(_clean(title))}</dc:title><dc:language>{tag}</dc:language>"
        "</cp:coreProperties>"
    ).encode()


_APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>SafeBorders JIT Toolkit</Application><DocSecurity>0</DocSecurity></Properties>"
)
