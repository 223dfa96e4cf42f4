"""File → Export → PDF from the window: choose the file, write it with a
progress dialog (cancellable), then offer to open it.  The writing itself is
:func:`exporters.pdf_document.write_pdf`, the same as ``export --pdf``.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from exporters.file_names import file_name
from exporters.appendix_layout import LayoutOptions
from exporters.paged_paint import Cancelled
from exporters.pdf_document import PdfError, PdfResult, write_pdf
from models.domain import Plan
from widgets.export_done import offer_open
from widgets.print_preview import PaintProgress
from widgets.file_dialogs import save_file


def ask_pdf_path(parent: QWidget | None, suggested: str, folder: Path | None = None) -> Path | None:
    name = f"{file_name(suggested)}.pdf"
    path = save_file(parent, "export", "导出 PDF", name, "PDF 文件 (*.pdf)", folder / name if folder else None)
    if path is None:
        return None
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def export_pdf(parent: QWidget | None, plan: Plan, appendix_only: bool = False, path: Path | None = None,
               options: LayoutOptions = LayoutOptions(), offer: bool = True) -> PdfResult | None:
    """Write the plan as PDF; None when the user cancelled or the file could not be written."""
    if path is None:
        path = ask_pdf_path(parent, plan.title + ("-附件" if appendix_only else ""))
        if path is None:
            return None
    progress = PaintProgress(parent, "导出 PDF")
    try:
        result = write_pdf(plan, path, appendix_only, options, progress)
    except Cancelled:
        return None
    except (OSError, PdfError) as exc:
        QMessageBox.warning(parent, "导出 PDF", f"{path}：无法写入（{getattr(exc, 'strerror', None) or exc}）")
        return None
    finally:
        progress.close()
    if offer:
        offer_open(parent, [result.path], result.fonts.describe())
    return result
