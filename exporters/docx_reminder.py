"""催办通知 as a Word document, laid out by the notice export's own writer (GB/T 9704).

Each letter (:mod:`exporters.reminder_text`) is a portrait section written as the notice is —
发文机关标志 and 发文字号 (optional) over the red rule, title, 主送, body, 附件说明, 署名 and
date — followed by its 附件, the outstanding tasks, on landscape pages as the notice's appendix.
Several letters go into one document, each starting on a new page; with ``one_letter`` there is
one letter to every unit.
"""
from __future__ import annotations

from pathlib import Path

from exporters.docx_notice import DocxOptions, _notice, page_numbers
from exporters.docx_style import end_section, new_document
from exporters.docx_table import add_appendix
from exporters.reminder_text import ReminderOptions, reminder_letters
from exporters.safe_save import replacing
from models.domain import Plan
from models.reminders import ReminderLetter

__all__ = ["ReminderOptions", "build_reminders", "write_reminders"]


def build_reminders(plan: Plan, letters: list[ReminderLetter], options: ReminderOptions):
    pieces = reminder_letters(plan, letters, options)
    doc = new_document(options.fonts)
    doc.core_properties.title = pieces[0].title if pieces else ""
    doc.core_properties.author = plan.issuer
    page_numbers(doc, options.fonts)
    for i, letter in enumerate(pieces):
        if i:
            end_section(doc, landscape=False)
        _notice(doc, letter.plan, letter.table, DocxOptions(fonts=options.fonts, title=letter.title))
        end_section(doc, landscape=True)
        add_appendix(doc, letter.table)
    return doc


def write_reminders(plan: Plan, letters: list[ReminderLetter], path: str | Path, options: ReminderOptions) -> Path:
    """Write the letters as one .docx; the target is replaced only once the new file is complete."""
    path = Path(path)
    doc = build_reminders(plan, letters, options)
    with replacing(path) as tmp:
        doc.save(tmp)
    return path
