"""`export PLAN --pdf OUT [--appendix-only]`: the notice and its appendix as PDF, headless.

``export_pdf`` holds the logic and runs without a display: it starts a
``QGuiApplication`` on the ``offscreen`` platform when no Qt application is
running (no widgets are created).  ``register`` adds a minimal ``export``
subcommand with the formats in a mutually exclusive group dispatched through
``FORMATS``, so the Word and Excel formats can join the same parser.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.commands.common import UserError, plan_id
from models.store import Store


def ensure_gui_application():
    """The running Qt application, or a new QGuiApplication (offscreen without a display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else "dutymatrix"])
    return app


def export_pdf(store: Store, plan_id: str, out: Path, appendix_only: bool, progress=None):
    """Write the plan's notice and appendix (or the appendix alone) to ``out`` as PDF."""
    out = Path(out)
    if out.is_dir():
        raise UserError(f"{out}：是一个文件夹，请给出 .pdf 文件名")
    if not out.parent.is_dir():
        raise UserError(f"{out}：文件夹 {out.parent} 不存在")
    plan = store.load_plan(plan_id)
    ensure_gui_application()
    from exporters.pdf_document import PdfError, write_pdf

    try:
        result = write_pdf(plan, out, appendix_only, progress=progress)
    except PdfError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{out}：无法写入（{exc.strerror or exc}）") from None
    if result.fonts.stand_ins:
        print(f"dutymatrix: {out}：{result.fonts.describe()}", file=sys.stderr)
    return result


def _pdf(store: Store, args: argparse.Namespace) -> None:
    result = export_pdf(store, plan_id(store, args.plan), args.pdf, args.appendix_only)
    print(f"{result.path}\t{result.pages} 页")


FORMATS = {"pdf": _pdf}


def register(sub: argparse._SubParsersAction) -> None:
    if "export" in sub.choices:  # another module owns `export`; the lead folds --pdf into it
        return
    p = sub.add_parser("export", help="write a plan as PDF (the notice and its appendix)")
    p.add_argument("plan", metavar="PLAN", help="index from `list`, id, or exact title")
    formats = p.add_mutually_exclusive_group(required=True)
    formats.add_argument("--pdf", type=Path, metavar="OUT", help="the notice with the list as 附件 (.pdf)")
    p.add_argument("--appendix-only", action="store_true", help="only the appendix table, in landscape")
    p.set_defaults(run=cmd_export)


def cmd_export(store: Store, args: argparse.Namespace) -> None:
    chosen = next(name for name in FORMATS if getattr(args, name, None) is not None)
    FORMATS[chosen](store, args)
