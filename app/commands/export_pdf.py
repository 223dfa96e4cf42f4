"""`export PLAN --pdf OUT [--appendix-only]`: the notice and its appendix as PDF, headless.

Runs without a display: a ``QGuiApplication`` on the ``offscreen`` platform is
started when no Qt application is running (no widgets are created).
``pdf_format`` is the ``--pdf`` entry of the export command's format table.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from app.commands.common import UserError
from app.commands.export_docx import table_options

if TYPE_CHECKING:
    from exporters.appendix_layout import LayoutOptions
    from models.domain import Plan


def ensure_gui_application():
    """The running Qt application, or a new QGuiApplication (offscreen without a display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else "dutymatrix"])
    return app


def write_plan_pdf(plan: Plan, out: Path, appendix_only: bool, options: LayoutOptions | None = None,
                   progress=None):
    """Write ``plan`` to ``out`` as PDF; a UserError names the file when that is impossible."""
    out = Path(out)
    if out.is_dir():
        raise UserError(f"{out}：是一个文件夹，请给出 .pdf 文件名")
    if not out.parent.is_dir():
        raise UserError(f"{out}：文件夹 {out.parent} 不存在")
    ensure_gui_application()
    from exporters.appendix_layout import LayoutOptions
    from exporters.pdf_document import PdfError, write_pdf

    try:
        result = write_pdf(plan, out, appendix_only, options or LayoutOptions(), progress)
    except PdfError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{out}：无法写入（{exc.strerror or exc}）") from None
    if result.fonts.stand_ins:
        print(f"dutymatrix: {out}：{result.fonts.describe()}", file=sys.stderr)
    return result


def pdf_format(plan: Plan, out: Path, args: argparse.Namespace) -> list[Path]:
    """The PDF entry for the one ``export`` command's format table: ``write(plan, out, args)``.
    Takes the appendix table options (--label, --serial, --merge-equal, --progress) when present."""
    return [write_plan_pdf(plan, out, args.appendix_only, table_options(args)).path]
