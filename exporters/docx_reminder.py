"""催办通知 as a Word document, in the letter layout of the notice export (GB/T 9704).

Each letter: 发文机关标志 and 发文字号 (optional) over the red rule, the title
(关于…的催办通知, from the second on …的第二次催办通知), 主送 = the unit, a body
naming the round and its due date, the unit's outstanding tasks as a table
(序号, 任务内容, 完成时限, 情况), 联系人/电话, and 署名 with the date.  Several
units' letters go into one document, each starting on a new page.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from docx.oxml import parse_xml

from exporters.appendix_layout import DEFAULT_FONTS, AppendixTable, FontProfile, LayoutColumn
from exporters.docx_notice import DocxOptions, _blank, _body_paragraph, _header, _signature, page_numbers
from exporters.docx_style import (
    LINE_PITCH, SIZE_2, TEXT_WIDTH, Para, append_xml, new_document, paragraph_xml, run_xml,
)
from exporters.docx_table import table_xml
from exporters.notice_text import format_date
from exporters.safe_save import replacing
from exporters.title_lines import split_title
from models.domain import Plan
from models.reminders import ReminderLetter

_COLUMNS = [LayoutColumn("serial", "序号", 10, 6, centered=True), LayoutColumn("task", "任务内容", 80, 45),
            LayoutColumn("deadline", "完成时限", 28, 14, centered=True),
            LayoutColumn("why", "情况", 38, 18, centered=True)]


@dataclass(frozen=True)
class ReminderOptions:
    on: date  # 成文日期
    doc_number: str = ""  # 发文字号, optional
    contact: str = ""  # 联系人
    phone: str = ""
    fonts: FontProfile = DEFAULT_FONTS


def reminder_title(plan: Plan, letter: ReminderLetter) -> str:
    return f"{plan.issuer}关于{letter.round}《{plan.title}》落实情况的{letter.ordinal}催办通知"


def reminder_body(plan: Plan, letter: ReminderLetter, on: date) -> list[str]:
    due = f"于{format_date(letter.due.isoformat())}前" if letter.due else "按时"
    first = (f"按照《{plan.title}》{letter.round}工作安排，各责任单位应{due}报送任务进展情况。"
             f"截至{format_date(on.isoformat())}，你单位仍有{len(letter.tasks)}项任务未按要求报送或已逾期（见下表）。")
    if letter.number > 1:
        first += f"此为{letter.ordinal}催办。"
    return [first, "请高度重视，抓紧核实有关任务进展，如实填写分解表后尽快报送；"
                   "确有困难的，请说明原因和下一步措施。"]


def _table(letter: ReminderLetter, fonts: FontProfile) -> AppendixTable:
    rows = [[str(i), f"{t.number}{t.text}", t.deadline, t.why] for i, t in enumerate(letter.tasks, 1)]
    return AppendixTable("", "", _COLUMNS, rows, [], [], [t.node_id for t in letter.tasks], fonts)


def _letter(doc, plan: Plan, letter: ReminderLetter, options: ReminderOptions) -> None:
    fonts = options.fonts
    issued = replace(plan, doc_number=options.doc_number, date=options.on.isoformat())
    _header(doc, issued, DocxOptions(fonts=fonts))
    lines = split_title(reminder_title(plan, letter), 20)
    append_xml(doc, paragraph_xml(Para(first_line=0, align="center", line=LINE_PITCH, snap=False),
                                  run_xml("\n".join(lines), fonts.title, SIZE_2)))
    _blank(doc)
    append_xml(doc, paragraph_xml(Para(first_line=0), run_xml(f"{letter.unit}：")))
    first, *rest = reminder_body(plan, letter, options.on)
    append_xml(doc, _body_paragraph(first, fonts, LINE_PITCH))
    if letter.tasks:
        doc.element.body.sectPr.addprevious(parse_xml(table_xml(_table(letter, fonts), width=TEXT_WIDTH)))
        _blank(doc)
    for text in rest:
        append_xml(doc, _body_paragraph(text, fonts, LINE_PITCH))
    contact = "，".join(x for x in (f"联系人：{options.contact}" if options.contact else "",
                                    f"电话：{options.phone}" if options.phone else "") if x)
    if contact:
        append_xml(doc, _body_paragraph(contact + "。", fonts, LINE_PITCH))
    _signature(doc, issued, LINE_PITCH)


def build_reminders(plan: Plan, letters: list[ReminderLetter], options: ReminderOptions):
    doc = new_document(options.fonts)
    doc.core_properties.title = reminder_title(plan, letters[0]) if letters else ""
    doc.core_properties.author = plan.issuer
    page_numbers(doc, options.fonts)
    for i, letter in enumerate(letters):
        if i:
            append_xml(doc, paragraph_xml(Para(first_line=0), '<w:r><w:br w:type="page"/></w:r>'))
        _letter(doc, plan, letter, options)
    return doc


def write_reminders(plan: Plan, letters: list[ReminderLetter], path: str | Path, options: ReminderOptions) -> Path:
    """Write the letters as one .docx; the target is replaced only once the new file is complete."""
    path = Path(path)
    doc = build_reminders(plan, letters, options)
    with replacing(path) as tmp:
        doc.save(tmp)
    return path
