"""A plan as a PDF through Qt's own PDF writer: no office suite needed.

The notice on portrait pages (:mod:`exporters.notice_paint`), then the
appendix on landscape pages (:mod:`exporters.appendix_paint`), page numbers
running through both, then the 版记 on an even portrait page, unnumbered (a
blank unnumbered page before it when needed); or the appendix alone.  Text is real text (selectable
and searchable) and Qt embeds the subset of each font it used.

Needs a ``QGuiApplication`` (any platform, ``offscreen`` included).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QPageLayout, QPainter, QPdfWriter

from exporters.appendix_layout import AppendixTable, LayoutOptions, build_appendix
from exporters.appendix_paint import AppendixPainter
from exporters.notice_paint import ImprintPainter, NoticePainter, notice_title
from exporters.paged_paint import Progress, appendix_page_layout, notice_page_layout
from exporters.paint_fonts import ResolvedFonts, resolve_fonts
from exporters.safe_save import replacing
from models.domain import Plan
from models.errors import UserError

PDF_DPI = 1200


class PdfError(UserError):
    """The PDF could not be written (worded for the user)."""


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    notice_pages: int
    fonts: ResolvedFonts
    imprint_pages: int = 0  # the 版记 page and the blank page before it, unnumbered


def _writer(path: str, title: str, layout: QPageLayout) -> QPdfWriter:
    writer = QPdfWriter(path)
    writer.setResolution(PDF_DPI)
    writer.setCreator("Duty Matrix 责任清单编辑器")
    writer.setTitle(title)
    writer.setPageLayout(layout)
    return writer


def paint_plan(painter: QPainter, device, plan: Plan, table: AppendixTable, appendix_only: bool,
               progress: Progress | None = None, fonts: ResolvedFonts | None = None,
               rotate_appendix: bool = False) -> tuple[int, int, int]:
    """Paint the notice (unless ``appendix_only``) and the appendix on ``device``, whose page
    layout is the notice's (or the appendix's) on entry.  Returns (notice pages, all pages,
    版记 pages).

    After the notice the device switches to landscape pages (a PDF writer can), or,
    with ``rotate_appendix`` (printers cannot switch during a job), the table is
    turned on the portrait pages."""
    fonts = fonts or resolve_fonts(table.fonts)
    notice_pages = 0
    if not appendix_only:
        notice = NoticePainter(plan, table, device, fonts)
        notice_pages = notice.paint(painter, progress)
        if not rotate_appendix:
            device.setPageLayout(appendix_page_layout())
    appendix = AppendixPainter(table, device, first_page_number=notice_pages + 1, fonts=fonts,
                               rotated=rotate_appendix and not appendix_only)
    appendix.layout(progress)
    pages = notice_pages + appendix.paint(painter, progress, new_page_first=notice_pages > 0)
    imprint = 0 if appendix_only else paint_imprint(painter, device, plan, fonts, pages,
                                                    switch_layout=not rotate_appendix)
    return notice_pages, pages + imprint, imprint


def paint_imprint(painter: QPainter, device, plan: Plan, fonts: ResolvedFonts, pages: int,
                  switch_layout: bool = True) -> int:
    """The 版记 on an even page after ``pages`` pages, a blank page before it if needed; neither
    numbered (GB 7.5).  Returns the pages added."""
    if switch_layout:
        device.setPageLayout(notice_page_layout())
    added = 0
    if pages % 2 == 0:  # the next page is odd: leave it blank
        device.newPage()
        added += 1
    device.newPage()
    ImprintPainter(plan, device, fonts).paint(painter)
    return added + 1


def write_pdf(plan: Plan, path: str | Path, appendix_only: bool = False,
              options: LayoutOptions = LayoutOptions(), progress: Progress | None = None) -> PdfResult:
    """Write the PDF; the target is replaced only once the new file is complete."""
    path = Path(path)
    table = build_appendix(plan, options)
    fonts = resolve_fonts(table.fonts)
    title = table.title if appendix_only else notice_title(plan)
    with replacing(path) as tmp:
        writer = _writer(tmp, title, appendix_page_layout() if appendix_only else notice_page_layout())
        painter = QPainter()
        if not painter.begin(writer):
            raise PdfError(f"{path}：无法创建 PDF")
        try:
            notice_pages, pages, imprint = paint_plan(painter, writer, plan, table, appendix_only, progress, fonts)
        finally:
            painter.end()
        del writer  # flushes and closes the file
        if os.path.getsize(tmp) == 0:
            raise PdfError(f"{path}：PDF 写入失败")
    return PdfResult(path, pages, notice_pages, fonts, imprint)
