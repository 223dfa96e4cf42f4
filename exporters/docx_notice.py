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

from exporters.appendix_layout import (
    DEFAULT_FONTS, AppendixTable, FontProfile, LayoutOptions, build_appendix,
)
from exporters.docx_style import (
    CHAR, LINE_PITCH, NSDECL, PLAIN, PORTRAIT_MARGINS, RED, SIZE_2, SIZE_3, SIZE_4, TEXT_HEIGHT,
    TEXT_WIDTH, Para, append_xml, border, end_section, mm, new_document, paragraph_xml, rpr_xml,
    run_xml, set_page, text_width,
)
from exporters.docx_table import Progress, add_appendix
from exporters.notice_text import default_body, format_date, notice_title, split_heading
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


# --- Texts ------------------------------------------------------------------------------

def printed_by(plan: Plan, options: DocxOptions) -> str:
    """印发机关: usually the issuer's general office (GB 7.4.2)."""
    if options.printed_by:
        return options.printed_by
    issuer = plan.issuer
    if not issuer or issuer.endswith(("办公室", "办公厅")):
        return issuer
    return issuer + "办公室"


def issuer_mark(plan: Plan) -> str:
    return f"{plan.issuer}文件" if plan.issuer else ""


def _body_paragraph(text: str, fonts: FontProfile) -> str:
    heading = split_heading(text)
    if heading is None:
        return paragraph_xml(Para(), run_xml(text))
    runs = run_xml(heading.text, getattr(fonts, heading.font), SIZE_3, bold=heading.bold)
    if heading.rest:
        runs += run_xml(heading.rest)
    return paragraph_xml(Para(), runs)


# --- The notice ---------------------------------------------------------------------------

def _blank(doc: DocumentObject, lines: int = 1, keep_next: bool = False) -> None:
    for _ in range(lines):
        append_xml(doc, paragraph_xml(Para(first_line=0, keep_next=keep_next)))


# The issuer mark's top edge lies 35 mm below the top of the text block (GB 7.2.4).
ISSUER_TOP = mm(35)


def _issuer_size(text: str) -> float:
    """Fit the mark into the 156 mm line, at most 52 pt; half points."""
    width_pt = TEXT_WIDTH / 20
    return max(20.0, min(52.0, int(width_pt / max(text_width(text), 1) * 2) / 2))


def _header(doc: DocumentObject, plan: Plan, options: DocxOptions) -> None:
    fonts = options.fonts
    mark = issuer_mark(plan)
    size = _issuer_size(mark or "发文机关文件")
    line = round(size * 1.25 * 20)
    # With exact spacing the glyphs sit in the middle of the line: their top is
    # (line − size) / 2 below its top (LibreOffice render: ink from 72.8 mm for
    # 72 mm, CJK glyphs starting a little inside their em box).
    before = max(0, ISSUER_TOP - round((line - size * 20) / 2))
    runs = "" if options.letterhead else run_xml(mark, fonts.title, size, color=RED)
    append_xml(doc, paragraph_xml(
        Para(first_line=0, align="center", before=before, line=line, snap=False), runs))
    _blank(doc, 2)
    # 发文字号 centred; the red rule is its bottom border, about 4 mm below the
    # characters: the line's own space under them plus 6 pt (GB 7.2.5, 7.2.7).
    rule = None if options.letterhead else border("bottom", 12, RED, space=6)
    append_xml(doc, paragraph_xml(Para(first_line=0, align="center", border_bottom=rule),
                                  run_xml(plan.doc_number)))
    _blank(doc, 2)


def _title(doc: DocumentObject, plan: Plan, fonts: FontProfile) -> None:
    lines = split_title(notice_title(plan), 20)
    append_xml(doc, paragraph_xml(
        Para(first_line=0, align="center", line=LINE_PITCH, snap=False),
        run_xml("\n".join(lines), fonts.title, SIZE_2)))


def _attachment_note(doc: DocumentObject, names: list[str]) -> None:
    """附件：名称, or 附件：1.名称 / 2.名称 aligned under 1.; wrapped lines under the name."""
    _blank(doc)
    label = "附件："
    base = 2 * CHAR + round(text_width(label) * CHAR)
    for i, name in enumerate(names, start=1):
        number = f"{i}." if len(names) > 1 else ""
        inner = base + round(text_width(number) * CHAR)
        first = 2 * CHAR if i == 1 else base
        text = (label if i == 1 else "") + number + name
        append_xml(doc, paragraph_xml(Para(left=inner, first_line=first - inner, keep_next=True),
                                      run_xml(text)))


def _signature(doc: DocumentObject, plan: Plan) -> None:
    """With a seal (GB 7.3.5.1): date 右空四字, the issuer's name centred over it,
    two blank lines above for the seal, whose top stays within a line of the text."""
    date = format_date(plan.date)
    name = plan.issuer
    date_w, name_w = text_width(date), text_width(name)
    date_right = 4.0
    name_right = date_right + (date_w - name_w) / 2
    if name_right < 0:  # a long name: flush right, the date centred under it
        date_right, name_right = (name_w - date_w) / 2, 0.0
    _blank(doc, 2, keep_next=True)
    if name:
        append_xml(doc, paragraph_xml(Para(first_line=0, align="right", right=round(name_right * CHAR),
                                           keep_next=True),
                                      run_xml(name)))
    append_xml(doc, paragraph_xml(Para(first_line=0, align="right", right=round(date_right * CHAR)),
                                  run_xml(date)))


def _notice(doc: DocumentObject, plan: Plan, table: AppendixTable, options: DocxOptions) -> None:
    _header(doc, plan, options)
    _title(doc, plan, options.fonts)
    _blank(doc)
    if plan.recipients:  # flush left, ends with a full-width colon (GB 7.3.2)
        recipients = plan.recipients.rstrip("：:") + "："
        append_xml(doc, paragraph_xml(Para(first_line=0), run_xml(recipients)))
    body = [p.strip() for p in (plan.body or default_body(plan)).splitlines() if p.strip()]
    # The 附件说明 and the blank lines keep company with the signature.  The body
    # itself does not: LibreOffice would move its whole last paragraph, which
    # may leave page 1 without body text (GB 7.3.3 wants it to start there).
    for text in body:
        append_xml(doc, _body_paragraph(text, options.fonts))
    if options.attachment_note:
        _attachment_note(doc, [table.title])
    _signature(doc, plan)


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
        text = "抄送：" + plan.cc.rstrip("。.") + "。"
        label_w = round(text_width("抄送：") * char4)
        rows.append((paragraph_xml(
            Para(style=PLAIN, left=char4 + label_w, right=char4, first_line=-label_w),
            run_xml(text, fonts.fangsong, SIZE_4)), _cc_lines(text, char4)))
    issued = f"{format_date(plan.date)}印发"
    rows.append((paragraph_xml(
        Para(style=PLAIN, left=char4, right=char4, first_line=0, tabs=(("right", TEXT_WIDTH - char4),)),
        run_xml(printed_by(plan, options), fonts.fangsong, SIZE_4)
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


def _page_numbers(doc: DocumentObject, fonts: FontProfile) -> None:
    section = doc.sections[0]
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(_page_number_paragraph(fonts, odd)))


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
    _page_numbers(doc, options.fonts)
    if options.appendix_only:
        set_page(doc.sections[0]._sectPr, landscape=True)
        add_appendix(doc, table, progress)
        return doc
    _notice(doc, plan, table, options)
    end_section(doc, landscape=True)
    add_appendix(doc, table, progress)
    end_section(doc, landscape=False, start="evenPage")
    _imprint(doc, plan, options)
    return doc


def write_docx(plan: Plan, path: str | Path, options: DocxOptions = DocxOptions(),
               progress: Progress | None = None) -> Path:
    """Write the .docx; the target is replaced only once the new file is complete."""
    path = Path(path)
    doc = build_document(plan, options, progress)
    write_zipped(doc.save, path)
    return path
