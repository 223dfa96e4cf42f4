"""催办通知 as PDF through the app's own PDF path (Qt's PDF writer, as ``export --pdf``): each
letter painted as the notice is (:class:`exporters.notice_paint.NoticePainter`, portrait), its
附件 as the appendix (:class:`exporters.appendix_paint.AppendixPainter`, landscape), page numbers
running through.  Needs a ``QGuiApplication`` (``offscreen`` will do)."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QPainter

from exporters.appendix_paint import AppendixPainter
from exporters.notice_paint import NoticePainter
from exporters.paged_paint import appendix_page_layout, notice_page_layout
from exporters.paint_fonts import resolve_fonts
from exporters.pdf_document import PdfError, PdfResult, _writer
from exporters.reminder_text import ReminderOptions, reminder_letters
from exporters.safe_save import replacing
from models.domain import Plan
from models.reminders import ReminderLetter


def write_reminders_pdf(plan: Plan, letters: list[ReminderLetter], path: str | Path,
                        options: ReminderOptions) -> PdfResult:
    path = Path(path)
    pieces = reminder_letters(plan, letters, options)
    fonts = resolve_fonts(options.fonts)
    pages = 0
    with replacing(path) as tmp:
        writer = _writer(tmp, pieces[0].title if pieces else "", notice_page_layout())
        painter = QPainter()
        if not painter.begin(writer):
            raise PdfError(f"{path}：无法创建 PDF")
        try:
            for i, letter in enumerate(pieces):
                writer.setPageLayout(notice_page_layout())
                notice = NoticePainter(letter.plan, letter.table, writer, fonts, first_page_number=pages + 1,
                                       title=letter.title)
                pages += notice.paint(painter, new_page_first=i > 0)
                writer.setPageLayout(appendix_page_layout())
                appendix = AppendixPainter(letter.table, writer, first_page_number=pages + 1, fonts=fonts)
                appendix.layout()
                pages += appendix.paint(painter, new_page_first=True)
        finally:
            painter.end()
        del writer  # flushes and closes the file
        if os.path.getsize(tmp) == 0:
            raise PdfError(f"{path}：PDF 写入失败")
    return PdfResult(path, pages, 0, fonts)
