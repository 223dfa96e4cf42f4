"""Word building blocks for official documents (GB/T 9704-2012): page and grid
set-up, Chinese fonts, paragraph styles and small XML helpers.

Follows shared/spec/official-layout.md §1.1 and the python-docx traps of §2.1:
East Asian font names go into ``w:eastAsia`` (python-docx only writes
ascii/hAnsi), theme font attributes are stripped so that they cannot override
the explicit names, and ``w:lang w:eastAsia="zh-CN"`` keeps renderers from
picking Japanese glyph variants.  No Qt here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from exporters.appendix_layout import FontProfile
from exporters.cjk_text import is_wide

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20


def mm(value: float) -> int:
    """Millimetres → twips."""
    return round(value * TWIPS_PER_MM)


# --- Page geometry (spec §1.1, §1.7) -------------------------------------------------
A4_SHORT, A4_LONG = 11906, 16838  # 210 × 297 mm
PORTRAIT_MARGINS = dict(top=2098, bottom=1984, left=1587, right=1474)  # 37/35/28/26 mm
# Landscape: the 225 × 156 mm text block stays in the same place on the sheet.
LANDSCAPE_MARGINS = dict(top=mm(28), bottom=mm(26), left=mm(35), right=mm(37))
TEXT_WIDTH = A4_SHORT - PORTRAIT_MARGINS["left"] - PORTRAIT_MARGINS["right"]  # 156 mm
TEXT_HEIGHT = A4_LONG - PORTRAIT_MARGINS["top"] - PORTRAIT_MARGINS["bottom"]  # 225 mm
LANDSCAPE_TEXT_WIDTH = A4_LONG - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]  # 225 mm
# The page number's dash sits about 7 mm below the text block (calibrated by rendering).
PORTRAIT_FOOTER = mm(25)
LANDSCAPE_FOOTER = mm(16)
HEADER_DISTANCE = mm(15)

# 22 lines of 28 characters.  Lines: a line grid of pitch 579 twips (28.95 pt)
# plus exact 579 spacing in Normal.  Characters: 28 × 16 pt is 158 mm > 156 mm,
# so Normal condenses each character by 0.25 pt (15.75 pt pitch).  The other
# way the spec offers, a character grid (linesAndChars, charSpace −848), is
# compressed by Word but snapped by LibreOffice 7.4, which gives a 16 pt
# character two 15.79 pt cells: 14 characters a line.
LINE_PITCH = 579
CONDENSE = -5  # w:spacing in twentieths of a point
CHAR = round(TEXT_WIDTH / 28)  # one character of body text, in twips (≈ 15.8 pt)

# Font sizes in points (号).
SIZE_2 = 22.0
SIZE_SMALL_2 = 18.0
SIZE_3 = 16.0
SIZE_4 = 14.0
SIZE_SMALL_4 = 12.0

RED = "FF0000"
LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'

# Characters that Word draws half-width in the Latin font unless the run says
# it is East Asian text (pandoc #8839/#9909).
_HINT_CHARS = re.compile("[“”‘’—…·]")
# XML 1.0 forbids most C0 controls; imported text may carry stray ones.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _BAD_XML.sub("", text)


def needs_hint(text: str) -> bool:
    return bool(_HINT_CHARS.search(text))


def rfonts(name: str, hint: bool = False) -> str:
    """A ``w:rFonts`` element naming one font for every script."""
    q = escape(name, {'"': "&quot;"})
    h = ' w:hint="eastAsia"' if hint else ""
    return f'<w:rFonts w:ascii="{q}" w:hAnsi="{q}" w:eastAsia="{q}" w:cs="{q}"{h}/>'


def rpr_xml(font: str | None = None, size: float | None = None, *, bold: bool = False,
            color: str | None = None, hint: bool = False) -> str:
    """Run properties in schema order (rFonts, b, color, sz, szCs, lang)."""
    parts = []
    if font:
        parts.append(rfonts(font, hint))
    elif hint:
        parts.append('<w:rFonts w:hint="eastAsia"/>')
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size and size != SIZE_3:  # only body-size text is condensed to 28 a line
        parts.append('<w:spacing w:val="0"/>')
    if size:
        half = round(size * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if font or size:
        parts.append(LANG)
    return "<w:rPr>" + "".join(parts) + "</w:rPr>" if parts else ""


def run_xml(text: str, font: str | None = None, size: float | None = None, *, bold: bool = False,
            color: str | None = None) -> str:
    """One or more runs for ``text``; newlines become line breaks."""
    text = clean(text)
    rpr = rpr_xml(font, size, bold=bold, color=color, hint=needs_hint(text))
    body = "<w:br/>".join(
        f'<w:t xml:space="preserve">{escape(line)}</w:t>' if line else "" for line in text.split("\n")
    )
    return f"<w:r>{rpr}{body}</w:r>"


@dataclass(frozen=True)
class Para:
    """Paragraph properties written straight to ``w:pPr`` (twips)."""

    style: str | None = None
    align: str | None = None  # left, center, right, both
    first_line: int | None = None  # negative: hanging indent
    left: int | None = None
    right: int | None = None
    before: int | None = None
    line: int | None = None  # exact line height; None keeps the style's
    keep_next: bool = False
    page_break_before: bool = False
    border_bottom: str | None = None  # a w:bottom element
    tabs: tuple[tuple[str, int], ...] = ()
    snap: bool = True  # False: ignore the document grid (larger or smaller type than 3号)

    def xml(self) -> str:
        parts = []
        if self.style:
            parts.append(f'<w:pStyle w:val="{self.style}"/>')
        if self.keep_next:
            parts.append("<w:keepNext/>")
        if self.page_break_before:
            parts.append("<w:pageBreakBefore/>")
        if self.border_bottom:
            parts.append(f"<w:pBdr>{self.border_bottom}</w:pBdr>")
        if self.tabs:
            parts.append("<w:tabs>" + "".join(
                f'<w:tab w:val="{kind}" w:pos="{pos}"/>' for kind, pos in self.tabs) + "</w:tabs>")
        if not self.snap:
            parts.append('<w:snapToGrid w:val="0"/>')
        if self.before is not None or self.line is not None:
            attrs = ""
            if self.before is not None:
                attrs += f' w:before="{self.before}" w:beforeLines="0"'
            if self.line is not None:
                attrs += f' w:line="{self.line}" w:lineRule="exact"'
            parts.append(f"<w:spacing{attrs}/>")
        if self.first_line is not None or self.left is not None or self.right is not None:
            attrs = ""
            if self.left is not None:
                attrs += f' w:left="{self.left}"'
            if self.right is not None:
                attrs += f' w:right="{self.right}"'
            if self.first_line is not None:
                if self.first_line < 0:
                    attrs += f' w:hanging="{-self.first_line}"'
                else:
                    attrs += f' w:firstLine="{self.first_line}"'
            parts.append(f"<w:ind{attrs}/>")
        if self.align:
            parts.append(f'<w:jc w:val="{self.align}"/>')
        return "<w:pPr>" + "".join(parts) + "</w:pPr>" if parts else ""


def paragraph_xml(ppr: Para, runs: str = "") -> str:
    return f"<w:p>{ppr.xml()}{runs}</w:p>"


def append_xml(doc: DocumentObject, xml: str):
    """Parse one body-level element (``w:p`` or ``w:tbl``) and add it before the final sectPr."""
    if NSDECL not in xml[:xml.index(">")]:
        tag_end = xml.index(">")
        xml = f"{xml[:tag_end]} {NSDECL}{xml[tag_end:]}"
    element = parse_xml(xml)
    doc.element.body.sectPr.addprevious(element)
    return element


def border(side: str, size_eighths: int, color: str = "000000", space: int = 0) -> str:
    """A border element; size in eighths of a point (sz=8 is 1 pt ≈ 0.35 mm)."""
    return f'<w:{side} w:val="single" w:sz="{size_eighths}" w:space="{space}" w:color="{color}"/>'


def text_width(text: str) -> float:
    """Printed width in characters: CJK and full-width forms 1, Latin ½ (exporters.cjk_text.is_wide)."""
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


# --- Styles ----------------------------------------------------------------------------
# Paragraph style ids (their names in Word: "DM Table Text" and so on).
BODY = "Normal"
TABLE_TEXT = "DMTableText"
TABLE_CENTER = "DMTableCenter"
TABLE_HEADER = "DMTableHeader"
TABLE_NOTE = "DMTableNote"
PLAIN = "DMPlain"  # single-spaced, no indent: footers, 版记 cells


def _strip_theme_fonts(doc: DocumentObject) -> None:
    """Theme font attributes beat explicit names (python-docx #1601): remove them everywhere."""
    for element in doc.styles.element.iter(qn("w:rFonts")):
        for attr in list(element.attrib):
            if attr.lower().endswith("theme"):  # asciiTheme … eastAsiaTheme, cstheme
                del element.attrib[attr]


def _set_doc_defaults(doc: DocumentObject, fonts: FontProfile) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.getparent().replace(rpr, parse_xml(
        f'<w:rPr {NSDECL}>{rfonts(fonts.fangsong)}<w:sz w:val="32"/><w:szCs w:val="32"/>{LANG}</w:rPr>'))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    # No automatic space between Chinese and Latin text or digits: 2022年, not 2022 年
    # (it would also shift the signature off the centre of the date).
    ppr.getparent().replace(ppr, parse_xml(
        f'<w:pPr {NSDECL}><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'))
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _add_style(doc: DocumentObject, style_id: str, name: str, ppr: str, rpr: str,
               based_on: str | None = BODY) -> None:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    xml = (f'<w:style {NSDECL} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
           f'<w:name w:val="{name}"/>{based}<w:qFormat/>{ppr}{rpr}</w:style>')
    doc.styles.element.append(parse_xml(xml))


def _set_normal(doc: DocumentObject, fonts: FontProfile) -> None:
    normal = doc.styles["Normal"].element
    for tag in ("w:pPr", "w:rPr"):
        old = normal.find(qn(tag))
        if old is not None:
            normal.remove(old)
    normal.append(parse_xml(
        f'<w:pPr {NSDECL}><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" '
        f'w:line="{LINE_PITCH}" w:lineRule="exact"/><w:ind w:firstLine="{2 * CHAR}"/>'
        f'<w:jc w:val="both"/></w:pPr>'))
    normal.append(parse_xml(
        f'<w:rPr {NSDECL}>{rfonts(fonts.fangsong)}<w:spacing w:val="{CONDENSE}"/><w:sz w:val="32"/>'
        f'<w:szCs w:val="32"/>{LANG}</w:rPr>'))


def _single(align: str | None = None) -> str:
    """Single-spaced, no indent, off the line grid: table cells, footers, 版记."""
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    return (f'<w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/><w:autoSpaceDE w:val="0"/>'
            f'<w:autoSpaceDN w:val="0"/><w:spacing w:before="0" w:after="0" '
            f'w:line="240" w:lineRule="auto"/><w:ind w:left="0" w:right="0" w:firstLine="0"/>{jc}</w:pPr>')


def _rpr_style(font: str, size: float) -> str:
    half = round(size * 2)
    return (f'<w:rPr>{rfonts(font)}<w:spacing w:val="0"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
            f'{LANG}</w:rPr>')


def new_document(fonts: FontProfile, *, table_pt: float = SIZE_SMALL_4,
                 header_pt: float = SIZE_SMALL_4) -> DocumentObject:
    """An empty document with GB/T 9704 defaults: styles, languages, A4 portrait page and grid."""
    doc = Document()
    _strip_theme_fonts(doc)
    _set_doc_defaults(doc, fonts)
    _set_normal(doc, fonts)
    _add_style(doc, PLAIN, "DM Plain", _single(), _rpr_style(fonts.fangsong, SIZE_3))
    _add_style(doc, TABLE_TEXT, "DM Table Text", _single("left"), _rpr_style(fonts.fangsong, table_pt))
    _add_style(doc, TABLE_CENTER, "DM Table Center", _single("center"), "", based_on=TABLE_TEXT)
    _add_style(doc, TABLE_HEADER, "DM Table Header", _single("center"), _rpr_style(fonts.heiti, header_pt))
    note_ppr = (f'<w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/><w:spacing w:before="0" '
                f'w:after="0" w:line="240" w:lineRule="auto"/>'
                f'<w:ind w:left="{round(2 * table_pt * 20)}" w:right="0" w:firstLine="0"/></w:pPr>')
    _add_style(doc, TABLE_NOTE, "DM Table Note", note_ppr, _rpr_style(fonts.fangsong, table_pt))
    doc.settings.odd_and_even_pages_header_footer = True
    doc.core_properties.language = "zh-CN"
    set_page(doc.sections[0]._sectPr, landscape=False)
    return doc


def set_page(sectPr, *, landscape: bool, start: str | None = None) -> None:
    """Size, margins and grid of one section.  Landscape swaps width and height
    itself: python-docx's ``orientation`` alone does not (#298)."""
    for tag in ("w:type", "w:pgSz", "w:pgMar", "w:cols", "w:docGrid"):
        for old in sectPr.findall(qn(tag)):
            sectPr.remove(old)
    margins = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    footer = LANDSCAPE_FOOTER if landscape else PORTRAIT_FOOTER
    if landscape:
        size = f'<w:pgSz {NSDECL} w:w="{A4_LONG}" w:h="{A4_SHORT}" w:orient="landscape"/>'
    else:
        size = f'<w:pgSz {NSDECL} w:w="{A4_SHORT}" w:h="{A4_LONG}"/>'
    # A line grid; the 28 characters come from Normal's condensed spacing (see CONDENSE).
    grid = f'<w:docGrid {NSDECL} w:type="lines" w:linePitch="{LINE_PITCH}"/>'
    margin = (f'<w:pgMar {NSDECL} w:top="{margins["top"]}" w:right="{margins["right"]}" '
              f'w:bottom="{margins["bottom"]}" w:left="{margins["left"]}" '
              f'w:header="{HEADER_DISTANCE}" w:footer="{footer}" w:gutter="0"/>')
    cols = f'<w:cols {NSDECL} w:space="425"/>'
    # Schema order: headerReference*, footerReference*, ..., type, pgSz, pgMar, ..., cols, ..., docGrid
    refs = sectPr.findall(qn("w:headerReference")) + sectPr.findall(qn("w:footerReference"))
    anchor = refs[-1] if refs else None
    new = ([parse_xml(f'<w:type {NSDECL} w:val="{start}"/>')] if start else []) + [
        parse_xml(size), parse_xml(margin), parse_xml(cols), parse_xml(grid)]
    for element in new:
        if anchor is None:
            sectPr.insert(0, element)
        else:
            anchor.addnext(element)
        anchor = element
    # pgNumType, titlePg etc. stay where they are (python-docx default has none).


def end_section(doc: DocumentObject, *, landscape: bool, start: str = "nextPage") -> None:
    """Close the current section at the last paragraph and begin a new one.

    The closing ``sectPr`` goes into the last paragraph's properties when the
    body ends with a paragraph, so that no empty paragraph (and possibly an
    empty page) is added; after a table a minimal paragraph carries it.  The new
    section inherits the footers (numbering continues)."""
    body = doc.element.body
    sentinel = body.sectPr
    last = sentinel.getprevious()
    if last is None or last.tag != qn("w:p"):
        last = append_xml(doc, paragraph_xml(Para(style=PLAIN, line=20)))
    last.set_sectPr(sentinel.clone())
    for ref in sentinel.xpath("w:headerReference|w:footerReference"):
        sentinel.remove(ref)
    set_page(sentinel, landscape=landscape, start=start)
