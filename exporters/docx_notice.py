"""The notice that issues a list (关于印发《…》的通知) as a Word document, with
the list as its appendix, following GB/T 9704-2012 (shared/spec/official-layout.md).

Document structure:

1. portrait section: 发文机关标志 (red), 发文字号 over the red rule, title,
   主送机关, body, 附件说明, 署名 and 成文日期;
2. landscape section: the appendix (:mod:`exporters.docx_table`);
3. portrait section starting on an even page: the 版记 at the foot of the text block.

Page numbers ``— 1 —`` run through all sections (odd pages right, even left).
With ``appendix_only`` the document is the landscape appendix alone.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from exporters.appendix_layout import (
    DEFAULT_FONTS, AppendixTable, FontProfile, LayoutOptions, build_appendix,
)
from exporters.docx_style import (
    CHAR, LINE_PITCH, NSDECL, PLAIN, PORTRAIT_MARGINS, RED, SIZE_2, SIZE_3, SIZE_4, TEXT_HEIGHT,
    TEXT_WIDTH, Para, append_xml, border, end_section, mm, new_document, paragraph_xml, rpr_xml,
    run_xml, set_page, text_width,
)
from exporters.cjk_text import NO_LINE_START
from exporters.docx_table import Progress, add_appendix
from exporters.notice_text import (
    cc_text, default_body, format_date, notice_title, signature_with_body, split_heading,
    tightened_pitch, printed_by,
)
from exporters.safe_save import write_zipped
from exporters.title_lines import split_title
from models.domain import Plan


@dataclass(frozen=True)
class DocxOptions:
    appendix_only: bool = False  # the appendix alone, for pasting into another notice
    attachment_note: bool = True  # 附件说明 under the body (practice differs for 印发 notices)
    fonts: FontProfile = DEFAULT_FONTS
    letterhead: bool = False  # pre-printed red paper: leave the issuer mark and rule blank
    printed_by: str = ""  # 印发机关; default: the issuer's 办公室
    layout: LayoutOptions = field(default_factory=LayoutOptions)
    title: str = ""  # a notice of another kind (a 催办通知): its own title instead of 关于印发《…》的通知


# --- Texts ------------------------------------------------------------------------------

def issuer_mark(plan: Plan) -> str:
    return f"{plan.issuer}文件" if plan.issuer else ""


def _body_paragraph(text: str, fonts: FontProfile, pitch: int, tail: str = "") -> str:
    """A body paragraph; its ``tail`` (its last lines) as a paragraph of its own kept with the signature."""
    heading = split_heading(text)
    if heading is None:
        runs = run_xml(text)
    else:
        runs = run_xml(heading.text, getattr(fonts, heading.font), SIZE_3, bold=heading.bold)
        if heading.rest:
            runs += run_xml(heading.rest)
    xml = paragraph_xml(Para(line=pitch, snap=pitch == LINE_PITCH), runs)
    if tail:
        xml += paragraph_xml(Para(line=pitch, snap=pitch == LINE_PITCH, first_line=0, keep_next=True), run_xml(tail))
    return xml


# --- The notice ---------------------------------------------------------------------------

def _blank(doc: DocumentObject, lines: int = 1, keep_next: bool = False, pitch: int = LINE_PITCH) -> None:
    for _ in range(lines):
        append_xml(doc, paragraph_xml(Para(first_line=0, keep_next=keep_next, line=pitch, snap=pitch == LINE_PITCH)))


# The issuer mark's top edge lies 35 mm below the top of the text block (GB 7.2.4).
ISSUER_TOP = mm(35)


def _issuer_size(text: str) -> float:
    """Fit the mark into the 156 mm line, at most 52 pt; half points."""
    width_pt = TEXT_WIDTH / 20
    return max(20.0, min(52.0, int(width_pt / max(text_width(text), 1) * 2) / 2))


RULE_SPACE_PT = 6


def _header_geometry(plan: Plan) -> tuple[float, int, int]:
    """(issuer mark size, its line height, space before it); the height of the header block in twips
    is ``before + line + 5 * LINE_PITCH`` plus the rule under the 发文字号."""
    size = _issuer_size(issuer_mark(plan) or "发文机关文件")
    line = round(size * 1.25 * 20)
    # With exact spacing the glyphs sit in the middle of the line: their top is
    # (line − size) / 2 below its top (LibreOffice render: ink from 72.8 mm for
    # 72 mm, CJK glyphs starting a little inside their em box).
    before = max(0, ISSUER_TOP - round((line - size * 20) / 2))
    return size, line, before


def _header_height(plan: Plan) -> int:
    _, line, before = _header_geometry(plan)
    return before + line + 5 * LINE_PITCH + RULE_SPACE_PT * 20 + 30  # the rule: its space and 1.5 pt


def _header(doc: DocumentObject, plan: Plan, options: DocxOptions) -> None:
    fonts = options.fonts
    mark = issuer_mark(plan)
    size, line, before = _header_geometry(plan)
    runs = "" if options.letterhead else run_xml(mark, fonts.title, size, color=RED)
    append_xml(doc, paragraph_xml(
        Para(first_line=0, align="center", before=before, line=line, snap=False), runs))
    _blank(doc, 2)
    # 发文字号 centred; the red rule is its bottom border, about 4 mm below the
    # characters: the line's own space under them plus 6 pt (GB 7.2.5, 7.2.7).
    rule = None if options.letterhead else border("bottom", 12, RED, space=RULE_SPACE_PT)
    append_xml(doc, paragraph_xml(Para(first_line=0, align="center", border_bottom=rule),
                                  run_xml(plan.doc_number)))
    _blank(doc, 2)


def _title(doc: DocumentObject, lines: list[str], fonts: FontProfile, pitch: int) -> None:
    append_xml(doc, paragraph_xml(
        Para(first_line=0, align="center", line=pitch, snap=False),
        run_xml("\n".join(lines), fonts.title, SIZE_2)))


def _attachment_note(doc: DocumentObject, names: list[str], pitch: int) -> None:
    """附件：名称, or 附件：1.名称 / 2.名称 aligned under 1.; wrapped lines under the name."""
    _blank(doc, keep_next=True, pitch=pitch)
    label = "附件："
    base = 2 * CHAR + round(text_width(label) * CHAR)
    for i, name in enumerate(names, start=1):
        number = f"{i}." if len(names) > 1 else ""
        inner = base + round(text_width(number) * CHAR)
        first = 2 * CHAR if i == 1 else base
        text = (label if i == 1 else "") + number + name
        append_xml(doc, paragraph_xml(Para(left=inner, first_line=first - inner, keep_next=True, line=pitch,
                                           snap=pitch == LINE_PITCH), run_xml(text)))


def _attachment_lines(names: list[str]) -> int:
    base = 2 + text_width("附件：")
    return 1 + sum(_grid_lines(base + text_width(f"{i}." if len(names) > 1 else "") + text_width(name), base)
                   for i, name in enumerate(names, start=1))


def _signature(doc: DocumentObject, plan: Plan, pitch: int) -> None:
    """With a seal (GB 7.3.5.1): date 右空四字, the issuer's name centred over it,
    two blank lines above for the seal, whose top stays within a line of the text."""
    date = format_date(plan.date)
    name = plan.issuer
    date_w, name_w = text_width(date), text_width(name)
    date_right = 4.0
    name_right = date_right + (date_w - name_w) / 2
    if name_right < 0:  # a long name: flush right, the date centred under it
        date_right, name_right = (name_w - date_w) / 2, 0.0
    _blank(doc, 2, keep_next=True, pitch=pitch)
    if name:
        append_xml(doc, paragraph_xml(Para(first_line=0, align="right", right=round(name_right * CHAR),
                                           keep_next=True, line=pitch, snap=pitch == LINE_PITCH),
                                      run_xml(name)))
    append_xml(doc, paragraph_xml(Para(first_line=0, align="right", right=round(date_right * CHAR), line=pitch,
                                       snap=pitch == LINE_PITCH), run_xml(date)))


SIGNATURE_LINES = 4  # two lines for the seal, the name, the date
LINE_CHARS = 27.5  # characters a body line holds in the estimate (28, less what line-breaking rules cost)


def _line_starts(text: str, indent: float = 2.0) -> list[int]:
    """Where the lines of a body paragraph begin, estimated: 28 characters a line (the first after
    the indent), punctuation that may not start a line kept at the end of the one before."""
    starts, used = [0], indent
    for i, ch in enumerate(text):
        width = text_width(ch)
        if used + width > 28 + 1e-9 and i > starts[-1] and ch not in NO_LINE_START:
            starts.append(i)
            used = 0.0
        used += width
    return starts


def _split_last_lines(text: str, lines: int = 2) -> tuple[str, str]:
    """(head, its last ``lines`` lines); ("", text) when the paragraph is not longer than that."""
    starts = _line_starts(text)
    if len(starts) <= lines:
        return "", text
    cut = starts[-lines]
    return text[:cut], text[cut:]


def _grid_lines(width: float, indent: float = 0.0) -> int:
    """Lines a paragraph ``width`` characters wide takes (its first line counted from the margin,
    wrapped lines from ``indent``)."""
    return 1 + max(0, math.ceil((width - LINE_CHARS) / (LINE_CHARS - indent) - 1e-9))


def _notice(doc: DocumentObject, plan: Plan, table: AppendixTable, options: DocxOptions) -> None:
    title = split_title(options.title or notice_title(plan), 20)
    recipients = plan.recipients.rstrip("：:") + "：" if plan.recipients else ""
    body = [p.strip() for p in (plan.body or default_body(plan)).splitlines() if p.strip()]
    closing = (_attachment_lines([table.title]) if options.attachment_note else 0) + SIGNATURE_LINES
    lines = (len(title) + 1 + (_grid_lines(text_width(recipients)) if recipients else 0)
             + sum(_grid_lines(2 + text_width(p)) for p in body) + closing)
    # GB 7.3.5.5: spacing tightened rather than a page holding only the signature (the
    # tightened lines off the 579-twip grid, or LibreOffice snaps them back to it).
    top = _header_height(plan) + LINE_PITCH // 2  # half a line to spare: Word and LibreOffice differ a little
    pitch = round(tightened_pitch(lines, closing, top, TEXT_HEIGHT, LINE_PITCH))
    tail = ""
    if not signature_with_body(lines, closing, top, TEXT_HEIGHT, pitch):
        # Even tightened the block would stand alone: the body's last two lines go with it, as a
        # paragraph of their own (LibreOffice would move a whole paragraph kept with the next).
        head, rest = _split_last_lines(body[-1])
        if head:
            body[-1], tail = head, rest
    _header(doc, plan, options)
    _title(doc, title, options.fonts, pitch)
    _blank(doc, pitch=pitch)
    if recipients:  # flush left, ends with a full-width colon (GB 7.3.2)
        append_xml(doc, paragraph_xml(Para(first_line=0, line=pitch, snap=pitch == LINE_PITCH), run_xml(recipients)))
    # The 附件说明 and the blank lines keep company with the signature.  The body
    # itself does not: LibreOffice would move its whole last paragraph, which
    # may leave page 1 without body text (GB 7.3.3 wants it to start there);
    # only its last lines do, split off above.
    for i, text in enumerate(body):
        xml = _body_paragraph(text, options.fonts, pitch, tail if i == len(body) - 1 else "")
        for element in parse_xml(f"<w:body {NSDECL}>{xml}</w:body>"):
            doc.element.body.sectPr.addprevious(element)
    if options.attachment_note:
        _attachment_note(doc, [table.title], pitch)
    _signature(doc, plan, pitch)


# --- 版记 (GB 7.4) --------------------------------------------------------------------------

def _cc_lines(cc_text: str, char: int) -> int:
    """Lines the 抄送 paragraph takes: 1 character in on each side, wrapped lines after the colon."""
    first = int((TEXT_WIDTH - 2 * char) / char)
    rest = int((TEXT_WIDTH - 5 * char) / char)
    extra = max(0.0, text_width(cc_text) - first)
    return 1 + math.ceil(extra / rest)


def _imprint(doc: DocumentObject, plan: Plan, options: DocxOptions) -> None:
    """抄送 and 印发机关/印发日期 between rules (thick–thin–thick), its last rule on
    the bottom edge of the text block of the last page (GB 7.4)."""
    fonts = options.fonts
    char4 = round(SIZE_4 * 20)  # one 4号 character
    rows: list[tuple[str, int]] = []  # (paragraph, lines)
    if plan.cc:
        text = cc_text(plan)
        label_w = round(text_width("抄送：") * char4)
        rows.append((paragraph_xml(
            Para(style=PLAIN, left=char4 + label_w, right=char4, first_line=-label_w),
            run_xml(text, fonts.fangsong, SIZE_4)), _cc_lines(text, char4)))
    issued = f"{format_date(plan.date)}印发"
    rows.append((paragraph_xml(
        Para(style=PLAIN, left=char4, right=char4, first_line=0, tabs=(("right", TEXT_WIDTH - char4),)),
        run_xml(printed_by(plan, options.printed_by), fonts.fangsong, SIZE_4)
        + f"<w:r>{rpr_xml(fonts.fangsong, SIZE_4)}<w:tab/></w:r>"
        + run_xml(issued, fonts.fangsong, SIZE_4)), 1))
    borders = (border("top", 8) + '<w:left w:val="nil"/>' + border("bottom", 8)
               + '<w:right w:val="nil"/>' + border("insideH", 6) + '<w:insideV w:val="nil"/>')
    # Exact row heights make the table's height known, so that its top can be
    # placed absolutely: LibreOffice aligns tblpYSpec="bottom" with the bottom
    # of the footer area, 4 mm too low; an absolute position lands in both.
    rows_xml = "".join(
        f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{lines * LINE_PITCH}" w:hRule="exact"/></w:trPr>'
        f'<w:tc><w:tcPr><w:tcW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{p}</w:tc></w:tr>'
        for p, lines in rows)
    height = sum(lines for _, lines in rows) * LINE_PITCH
    top = TEXT_HEIGHT - height
    xml = (f'<w:tbl {NSDECL}><w:tblPr>'
           '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
           f'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{PORTRAIT_MARGINS["left"]}" w:tblpY="{top}"/>'
           f'<w:tblOverlap w:val="never"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
           f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
           f'</w:tblPr><w:tblGrid><w:gridCol w:w="{TEXT_WIDTH}"/></w:tblGrid>{rows_xml}</w:tbl>')
    # LibreOffice floats a table only if text could stand beside it; with the
    # horizontal position relative to the page it measures against the page
    # width and agrees.  A paragraph before the table carries the section start
    # (without it LibreOffice loses the page break), one after anchors it.
    append_xml(doc, paragraph_xml(Para(style=PLAIN, line=20)))
    doc.element.body.sectPr.addprevious(parse_xml(xml))
    append_xml(doc, paragraph_xml(Para(style=PLAIN, line=20)))


# --- Page numbers (GB 7.5) ------------------------------------------------------------------

def _page_number_paragraph(fonts: FontProfile, odd: bool) -> str:
    rpr = rpr_xml(fonts.page_number, SIZE_4)
    hint_rpr = rpr_xml(fonts.page_number, SIZE_4, hint=True)
    field = (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
             f'<w:r>{rpr}<w:t>1</w:t></w:r>'
             f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')
    char = round(SIZE_4 * 20)
    para = (Para(style=PLAIN, align="right", right=char, first_line=0) if odd
            else Para(style=PLAIN, align="left", left=char, first_line=0))
    return (f'<w:p {NSDECL}>{para.xml()}'
            f'<w:r>{hint_rpr}<w:t xml:space="preserve">— </w:t></w:r>{field}'
            f'<w:r>{hint_rpr}<w:t xml:space="preserve"> —</w:t></w:r></w:p>')


def page_numbers(doc: DocumentObject, fonts: FontProfile) -> None:
    section = doc.sections[0]
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(_page_number_paragraph(fonts, odd)))


def _unnumbered(section) -> None:
    """The 版记 page, and the blank page before it when it has to fall on an even page, carry no
    number (GB 7.5): the section gets footers of its own, empty."""
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False
        for paragraph in footer.paragraphs:
            for run in list(paragraph._p):
                if run.tag != qn("w:pPr"):
                    paragraph._p.remove(run)


# --- Entry points -----------------------------------------------------------------------------

def build_document(plan: Plan, options: DocxOptions = DocxOptions(),
                   progress: Progress | None = None) -> DocumentObject:
    layout = replace(options.layout, fonts=options.fonts)
    table = build_appendix(plan, layout)
    doc = new_document(options.fonts, table_pt=table.body_pt, header_pt=table.header_pt)
    core = doc.core_properties
    core.title = table.title if options.appendix_only else notice_title(plan)
    core.author = plan.issuer
    core.subject = plan.doc_number
    page_numbers(doc, options.fonts)
    if options.appendix_only:
        set_page(doc.sections[0]._sectPr, landscape=True)
        add_appendix(doc, table, progress)
        return doc
    _notice(doc, plan, table, options)
    end_section(doc, landscape=True)
    add_appendix(doc, table, progress)
    end_section(doc, landscape=False, start="evenPage")
    _unnumbered(doc.sections[-1])
    _imprint(doc, plan, options)
    return doc


def write_docx(plan: Plan, path: str | Path, options: DocxOptions = DocxOptions(),
               progress: Progress | None = None) -> Path:
    """Write the .docx; the target is replaced only once the new file is complete."""
    path = Path(path)
    doc = build_document(plan, options, progress)
    write_zipped(doc.save, path)
    return path
